"""Real processes for tests of the production path: PostgreSQL databases, Redis servers, arq workers."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

from server.migrations_runner import upgrade

ROOT = Path(__file__).resolve().parent.parent
PG_ADMIN_URL = os.environ.get("PASSERELLE_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres")


def create_pg_database() -> tuple[str, str]:
    """A new, migrated PostgreSQL database: (name, async URL)."""
    name = f"passerelle_test_{os.getpid()}_{uuid.uuid4().hex[:6]}"
    subprocess.run(["psql", PG_ADMIN_URL, "-c", f'CREATE DATABASE "{name}"'], check=True, capture_output=True)
    base = PG_ADMIN_URL.rsplit("/", 1)[0]
    url = f"{base.replace('postgresql://', 'postgresql+asyncpg://')}/{name}"
    upgrade(url)
    return name, url


def drop_pg_database(name: str) -> None:
    subprocess.run(
        ["psql", PG_ADMIN_URL, "-c", f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'],
        check=False,
        capture_output=True,
    )


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def port_open(port: int, *, within: float) -> bool:
    """Whether something listens on 127.0.0.1:`port` before `within` seconds have passed."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return True
        time.sleep(0.05)
    return False


class RedisServer:
    """A private redis-server on a free port, which a test may stop and start again."""

    def __init__(self) -> None:
        self.port = free_port()
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        binary = shutil.which("redis-server") or "/usr/bin/redis-server"
        self.process = subprocess.Popen(
            [binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        if not port_open(self.port, within=10):
            raise RuntimeError("redis-server did not start")

    @property
    def pid(self) -> int:
        if self.process is None:
            raise RuntimeError("not started")
        return self.process.pid

    def stop(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.wait(timeout=10)
            self.process = None


class PasserelleProcess:
    """A `passerelle` command as production runs it; tests kill and restart it like a supervisor would."""

    def __init__(
        self, command: list[str], database_url: str, redis_url: str | None, **extra_env: str
    ) -> None:
        """Without `redis_url`, the process runs the embedded default (jobs in-process)."""
        self.command = command
        inherited = {key: value for key, value in os.environ.items() if key != "REDIS_URL"}
        self.env = {
            **inherited,
            **({"REDIS_URL": redis_url} if redis_url else {}),
            "DATABASE_URL": database_url,
            "PASSERELLE_ENV": "test",
            "OUTBOX_POLL_SECONDS": "0.1",
            "SCHEDULER_ENABLED": "false",
            "MAIL_DIR": str(Path(tempfile.gettempdir()) / f"passerelle-mail-{os.getpid()}"),
            **extra_env,
        }
        log_name = f"passerelle-{self.command[0]}-{os.getpid()}-{uuid.uuid4().hex[:6]}.log"
        self.log_path = Path(tempfile.gettempdir()) / log_name
        self.process: subprocess.Popen[bytes] | None = None
        self.launcher: list[str] = []  # e.g. a profiler's options, before `-m server.cli`

    def start(self, *, settle: float = 1.0) -> None:
        with open(self.log_path, "ab") as log:
            self.process = subprocess.Popen(
                [sys.executable, *self.launcher, "-m", "server.cli", *self.command],
                env=self.env,
                cwd=ROOT,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        time.sleep(settle)
        if self.process.poll() is not None:
            raise RuntimeError(f"the worker exited at start; see {self.log_path}")

    @property
    def pid(self) -> int:
        if self.process is None:
            raise RuntimeError("not started")
        return self.process.pid

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def kill(self) -> None:
        """SIGKILL: no clean-up, no chance to finish the job in hand."""
        if self.process is not None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""


class WorkerProcess(PasserelleProcess):
    """`passerelle worker`: runs the arq jobs and the outbox relay."""

    def __init__(self, database_url: str, redis_url: str, **extra_env: str) -> None:
        super().__init__(["worker"], database_url, redis_url, **extra_env)


class ApiProcess(PasserelleProcess):
    """`passerelle serve` on a free port, as production runs the API (benchmarks load it over HTTP)."""

    def __init__(
        self, database_url: str, redis_url: str | None, *, workers: int = 1, **extra_env: str
    ) -> None:
        self.port = free_port()
        command = ["serve", "--port", str(self.port), "--workers", str(workers)]
        super().__init__(command, database_url, redis_url, **extra_env)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, *, settle: float = 1.0) -> None:
        super().start(settle=settle)
        # a loaded machine (CI, 2 cores shared) may need more than a minute to import and bind
        if not port_open(self.port, within=90):
            self.stop()  # never leave a half-started server behind (nor its ResourceWarning)
            raise RuntimeError(f"the API did not start; see {self.log_path}")
