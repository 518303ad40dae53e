"""A throw-away demo site: `passerelle serve` on a fresh SQLite database loaded with the demo data.

Used by bench/web.py and scripts/screenshots.py (which import `DemoSite`), or on its own:
`.venv/bin/python -m harness.demo_site [--port 8010]` serves until Ctrl-C and prints how to sign in.
It serves the current build (web/dist): run `make web` first.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from types import TracebackType

from harness.processes import free_port
from server.demo.loader import DEMO_PASSWORD
from server.demo.partners import demo_siren

ROOT = Path(__file__).resolve().parents[1]

# The first demo partner (active, with postings and candidates): its HR service is a partner admin.
PARTNER_ADMIN_EMAIL = f"rh@{demo_siren(0)}.example"


class DemoSite:
    """`with DemoSite() as site:` → `site.url` answers; the server and its database go away after."""

    email = PARTNER_ADMIN_EMAIL
    password = DEMO_PASSWORD

    def __init__(self, port: int | None = None) -> None:
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self._folder = tempfile.TemporaryDirectory(prefix="passerelle-demo-")
        self.log_path = Path(self._folder.name) / "serve.log"
        self._process: subprocess.Popen[bytes] | None = None

    def _command(self, *args: str) -> list[str]:
        return [str(Path(sys.executable).parent / "passerelle"), *args]

    def __enter__(self) -> DemoSite:
        if not (ROOT / "web" / "dist" / "index.html").exists():
            raise SystemExit("web/dist absent : construisez le client d'abord (make web).")
        # the embedded default: SQLite, jobs in-process (no Redis even if the shell has one configured)
        # and the build beside this checkout
        env = {key: value for key, value in os.environ.items() if key != "REDIS_URL"}
        env.update(
            DATABASE_URL=f"sqlite+aiosqlite:///{self._folder.name}/demo.sqlite3",
            PASSERELLE_ENV="dev",
            WEB_DIST_DIR=str(ROOT / "web" / "dist"),
        )
        for step in (("migrate",), ("demo",)):
            subprocess.run(self._command(*step), env=env, check=True, capture_output=True, cwd=ROOT)
        with open(self.log_path, "wb") as log:
            self._process = subprocess.Popen(
                self._command("serve", "--host", "127.0.0.1", "--port", str(self.port)),
                env=env,
                cwd=ROOT,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        self._wait_ready()
        return self

    def _wait_ready(self, within: float = 30.0) -> None:
        deadline = time.monotonic() + within
        while time.monotonic() < deadline:
            if self._process is not None and self._process.poll() is not None:
                raise RuntimeError(f"passerelle serve s'est arrêté ; voir {self.log_path}")
            try:
                with urllib.request.urlopen(f"{self.url}/healthz", timeout=2) as answer:  # noqa: S310
                    if answer.status == 200:
                        return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(f"passerelle serve ne répond pas ; voir {self.log_path}")

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        if self._process is not None:
            self._process.terminate()
            try:
                self._process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
        self._folder.cleanup()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--port", type=int, default=8010)
    port = parser.parse_args().port
    with DemoSite(port) as site:
        print(f"Site de démonstration : {site.url}/ — {site.email} / {site.password} (Ctrl-C : arrêter)")
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()
