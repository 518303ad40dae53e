"""Benchmark of the web client. Run: `make bench-web` (or .venv/bin/python bench/web.py [--runs N]).

Prints, against a demo site (scripts/demo_site.py: `passerelle serve` on the demo data, the current
build in web/dist):
- the initial JavaScript of the client, gzipped (what index.html loads before the first page: its
  module script and the chunks it preloads; pages loaded later are not counted) — target ≤ 200 kB;
- the partner dashboard's load time in headless Chromium (Playwright, a new browser context each run,
  signed in by cookie): from navigation start to the page's heading shown with no « Chargement… » left
  — min and median of N runs;
- Lighthouse performance and accessibility scores of the dashboard (the `lighthouse` npm package in
  bench/web-tools, its default mobile profile with simulated throttling) — min and median of N runs,
  target ≥ 90 each.

Needs Chromium (/usr/bin/chromium or PASSERELLE_CHROMIUM), Node ≥ 18.16 and `make web`; Lighthouse is
installed on first use (`npm ci` in bench/web-tools). The machine's load changes the figures: run it
on an idle machine.
"""

from __future__ import annotations

import argparse
import asyncio
import gzip
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import httpx
from playwright.async_api import async_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from harness.demo_site import DemoSite  # noqa: E402  (the project root is put on the path just above)

DIST = ROOT / "web" / "dist"
TOOLS = ROOT / "bench" / "web-tools"
LIGHTHOUSE = TOOLS / "node_modules" / "lighthouse" / "cli" / "index.js"
CHROMIUM = os.environ.get("PASSERELLE_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
DASHBOARD = "/partenaire"
BUNDLE_TARGET_KB = 200.0
SCORE_TARGET = 90
LOGIN = "mutation($e: String!, $p: String!) { login(email: $e, password: $p) { errors { message } } }"


class _InitialScripts(HTMLParser):
    """The scripts index.html makes the browser fetch at once: module entry and modulepreloads."""

    def __init__(self) -> None:
        super().__init__()
        self.paths: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "script" and values.get("src"):
            self.paths.append(str(values["src"]))
        if tag == "link" and values.get("rel") == "modulepreload" and values.get("href"):
            self.paths.append(str(values["href"]))


def initial_bundle() -> list[tuple[str, int, int]]:
    """(file, bytes, gzipped bytes) of each initial script."""
    parser = _InitialScripts()
    parser.feed((DIST / "index.html").read_text(encoding="utf-8"))
    sizes = []
    for path in parser.paths:
        content = (DIST / path.lstrip("/")).read_bytes()
        sizes.append((path, len(content), len(gzip.compress(content, compresslevel=9))))
    return sizes


def session_cookie(site: DemoSite) -> str:
    """Signs the demo partner admin in as the web client does; the server answers with its cookie."""
    answer = httpx.post(
        f"{site.url}/graphql",
        json={"query": LOGIN, "variables": {"e": site.email, "p": site.password}},
        headers={"X-Passerelle-Client": "web", "Origin": site.url},
        timeout=30,
    )
    answer.raise_for_status()
    if answer.json()["data"]["login"]["errors"]:
        raise RuntimeError(f"sign-in refused: {answer.text}")
    cookie = answer.cookies.get("passerelle_session")
    if not cookie:
        raise RuntimeError("the server set no session cookie")
    return cookie


async def load_times(site: DemoSite, cookie: str, runs: int) -> list[float]:
    """Seconds from navigation start to the dashboard shown with its data, each run in a fresh context."""
    times: list[float] = []
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=["--no-sandbox", "--disable-gpu"]
        )
        try:
            for _ in range(runs):
                context = await browser.new_context(base_url=site.url, locale="fr-FR")
                await context.add_cookies([{"name": "passerelle_session", "value": cookie, "url": site.url}])
                page = await context.new_page()
                started = time.perf_counter()
                await page.goto(DASHBOARD)
                await page.locator("main h1").wait_for(state="visible")
                await page.locator("main .loading").first.wait_for(state="detached")
                times.append(time.perf_counter() - started)
                if not page.url.endswith(DASHBOARD):
                    raise RuntimeError(f"not on the dashboard but on {page.url}: signed out?")
                await context.close()
        finally:
            await browser.close()
    return times


def ensure_lighthouse() -> None:
    if LIGHTHOUSE.exists():
        return
    print("Installation de Lighthouse (npm ci dans bench/web-tools)…", file=sys.stderr)
    subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=TOOLS, check=True)  # noqa: S607


def lighthouse_run(site: DemoSite, cookie: str, save: Path | None) -> dict[str, Any]:
    """One Lighthouse run of the dashboard: category scores (0–100) and the main metrics (ms)."""
    command = [
        "node",
        str(LIGHTHOUSE),
        f"{site.url}{DASHBOARD}",
        "--quiet",
        "--chrome-flags=--headless=new --no-sandbox",
        "--only-categories=performance,accessibility",
        "--output=json",
        "--output-path=stdout",
        "--locale=fr",
        f"--extra-headers={json.dumps({'Cookie': f'passerelle_session={cookie}'})}",
    ]
    done = subprocess.run(  # noqa: S603  (our own command line)
        command, env={**os.environ, "CHROME_PATH": CHROMIUM}, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise RuntimeError(f"lighthouse failed: {done.stderr[-2000:]}")
    report = json.loads(done.stdout)
    if save is not None:
        save.mkdir(parents=True, exist_ok=True)
        (save / f"lighthouse-{time.strftime('%H%M%S')}.json").write_text(done.stdout, encoding="utf-8")
    if report.get("runtimeError"):
        raise RuntimeError(f"lighthouse: {report['runtimeError']}")
    if not report["finalDisplayedUrl"].endswith(DASHBOARD):
        raise RuntimeError(f"lighthouse measured {report['finalDisplayedUrl']}, not the dashboard")
    audits = report["audits"]
    return {
        "performance": round(report["categories"]["performance"]["score"] * 100),
        "accessibility": round(report["categories"]["accessibility"]["score"] * 100),
        "fcp": audits["first-contentful-paint"]["numericValue"],
        "lcp": audits["largest-contentful-paint"]["numericValue"],
        "tbt": audits["total-blocking-time"]["numericValue"],
        "cls": audits["cumulative-layout-shift"]["numericValue"],
        "si": audits["speed-index"]["numericValue"],
        "failed_a11y": [
            ref["id"]
            for ref in report["categories"]["accessibility"]["auditRefs"]
            if ref["weight"] > 0 and audits[ref["id"]]["score"] not in (None, 1)
        ],
    }


def verdict(ok: bool) -> str:
    return "OK" if ok else "EN DESSOUS DE L'OBJECTIF"


def main() -> None:
    parser = argparse.ArgumentParser(description="Taille, chargement et scores Lighthouse du client web.")
    parser.add_argument("--runs", type=int, default=3, help="runs per measure (≥ 3; default 3)")
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    parser.add_argument("--save", type=Path, help="keep each Lighthouse report (JSON) in this folder")
    arguments = parser.parse_args()
    runs, check, save = max(3, arguments.runs), arguments.check, arguments.save
    if not (DIST / "index.html").exists():
        raise SystemExit("web/dist absent : make web d'abord.")
    if not Path(CHROMIUM).exists():
        raise SystemExit(f"Chromium introuvable ({CHROMIUM}) : apt-get install -y chromium")
    ok = True

    bundle = initial_bundle()
    total_kb = sum(gzipped for _, _, gzipped in bundle) / 1000
    small = total_kb <= BUNDLE_TARGET_KB
    print(f"JS initial (gzip) : {total_kb:.1f} kB (objectif ≤ {BUNDLE_TARGET_KB:.0f} kB) — {verdict(small)}")
    for path, raw, gzipped in bundle:
        print(f"  {path}: {raw / 1000:.1f} kB, gzip {gzipped / 1000:.1f} kB")
    ok &= small

    ensure_lighthouse()
    print("Démarrage du site de démonstration (migrate, demo, serve)…", file=sys.stderr)
    with DemoSite() as site:
        cookie = session_cookie(site)
        times = asyncio.run(load_times(site, cookie, runs))
        print(
            f"Tableau de bord, chargement dans Chromium headless ({runs} essais) : "
            f"min {min(times):.2f} s, médiane {statistics.median(times):.2f} s"
        )
        results = [lighthouse_run(site, cookie, save) for _ in range(runs)]
    for category, label in (("performance", "performance"), ("accessibility", "accessibilité")):
        scores = [result[category] for result in results]
        good = min(scores) >= SCORE_TARGET
        ok &= good
        print(
            f"Lighthouse {label} ({runs} essais) : min {min(scores)}, médiane {statistics.median(scores):g} "
            f"(tous : {scores}; objectif ≥ {SCORE_TARGET}) — {verdict(good)}"
        )
    for metric, label in (("fcp", "FCP"), ("lcp", "LCP"), ("si", "Speed Index"), ("tbt", "TBT")):
        values = [result[metric] for result in results]
        print(f"  {label} simulé : min {min(values):.0f} ms, médiane {statistics.median(values):.0f} ms")
    shifts = [result["cls"] for result in results]
    print(f"  CLS : min {min(shifts):.3f}, médiane {statistics.median(shifts):.3f}")
    failed = sorted({audit for result in results for audit in result["failed_a11y"]})
    if failed:
        print(f"  audits d'accessibilité en échec : {', '.join(failed)}")
    load = os.getloadavg()[0]
    print(f"Charge de la machine pendant la mesure : {load:.1f} (sur {os.cpu_count()} cœurs)")
    if check and not ok:
        sys.exit(1)


if __name__ == "__main__":
    main()
