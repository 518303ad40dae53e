"""Screenshots of the partner space from the demo data, for the README: `make screenshots`.

Starts a demo site (scripts/demo_site.py), signs the demo partner admin in through the sign-in page in
headless Chromium, and writes up to three PNGs into docs/screenshots/: the dashboard, the posting
editor and the candidates of a posting — a page the build does not have yet is left out (said on the
output), and the partnership report takes its place. Needs `make web` and Chromium.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import sys
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path

from playwright.async_api import Page, expect

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from playwright.async_api import async_playwright  # noqa: E402

from harness.demo_site import DemoSite  # noqa: E402  (the project root is put on the path just above)

OUTPUT = ROOT / "docs" / "screenshots"
CHROMIUM = os.environ.get("PASSERELLE_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
WANTED = 3
POSTINGS = "{ postings(first: 50) { edges { node { id status } } } }"
CANDIDATES = "query($id: UUID!) { matches(postingId: $id, first: 1) { totalCount } }"


@dataclass(frozen=True)
class Shot:
    file: str
    what: str
    open: Callable[[Page], Awaitable[bool]]  # False: the page is not in this build


async def settled(page: Page) -> bool:
    """The page shows its heading, no « Chargement… » is left, and it is not the not-found page."""
    await page.locator("main h1").first.wait_for(state="visible")
    await expect(page.locator("main .loading")).to_have_count(0, timeout=15_000)
    await page.wait_for_load_state("networkidle")
    return await page.get_by_role("heading", level=1, name="Page introuvable").count() == 0


async def graphql(page: Page, query: str, variables: dict[str, object] | None = None) -> dict[str, object]:
    """A query with the page's own session (the cookie), as the client sends it."""
    answer = await page.request.post(
        "/graphql",
        data={"query": query, "variables": variables or {}},
        headers={"X-Passerelle-Client": "web", "Origin": page.url.split("/partenaire")[0]},
    )
    body: dict[str, object] = await answer.json()
    return body


async def dashboard(page: Page) -> bool:
    await page.goto("/partenaire")
    return await settled(page)


async def editor(page: Page) -> bool:
    """A new role with a title being typed: the editor shows how it normalises it."""
    await page.goto("/partenaire/annonces/nouvelle-offre")
    if not await settled(page):
        return False
    title = page.get_by_label("Intitulé", exact=True)
    if await title.count() == 1:
        await title.fill("Assistante de direction bilingue anglais")
        await page.wait_for_timeout(1500)  # the debounce, then the normalisation's answer
        await page.wait_for_load_state("networkidle")
    return True


async def candidates(page: Page) -> bool:
    """The open posting of the demo partner with the most candidates."""
    answer = await graphql(page, POSTINGS)
    edges = answer.get("data", {}).get("postings", {}).get("edges", [])  # type: ignore[union-attr]
    best, most = None, 0
    for edge in edges:
        counted = await graphql(page, CANDIDATES, {"id": edge["node"]["id"]})
        total = (counted.get("data") or {}).get("matches", {}).get("totalCount", 0)  # type: ignore[union-attr]
        if total > most:
            best, most = edge["node"]["id"], total
    if best is None:
        return False
    await page.goto(f"/partenaire/annonces/{best}/candidats")
    return await settled(page)


async def report(page: Page) -> bool:
    await page.goto("/partenaire/rapport")
    if not await settled(page):
        return False
    await page.get_by_label("Période").fill("2026")
    await page.get_by_role("button", name="Générer le rapport").click()
    await expect(page.get_by_role("status").filter(has_text="Rapport prêt.")).to_be_visible(timeout=60_000)
    await page.locator("#chiffres-cles").evaluate("heading => heading.scrollIntoView({ block: 'start' })")
    return True


SHOTS = (
    Shot("tableau-de-bord.png", "le tableau de bord", dashboard),
    Shot("editeur-annonce.png", "l'éditeur d'annonce", editor),
    Shot("candidats.png", "les candidat·es d'une annonce", candidates),
    Shot("rapport.png", "le rapport de partenariat", report),
)


async def take(site: DemoSite, output: Path) -> list[Path]:
    written: list[Path] = []
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=["--no-sandbox", "--disable-gpu"]
        )
        context = await browser.new_context(
            base_url=site.url, locale="fr-FR", viewport={"width": 1280, "height": 860}
        )
        page = await context.new_page()
        await page.goto("/connexion")
        await page.get_by_label("Adresse e-mail").fill(site.email)
        await page.get_by_label("Mot de passe", exact=True).fill(site.password)
        await page.get_by_role("button", name="Se connecter").click()
        await page.wait_for_url("**/partenaire")
        for shot in SHOTS:
            if len(written) == WANTED:
                break
            if not await shot.open(page):
                print(f"— {shot.what} : pas dans ce build, pas de capture")
                continue
            await page.mouse.move(0, 0)
            path = output / shot.file
            await page.screenshot(path=str(path))
            written.append(path)
            print(f"✓ {shot.what} → {path.relative_to(ROOT)}")
        await browser.close()
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--output", type=Path, default=OUTPUT)
    output = parser.parse_args().output.resolve()
    if not Path(CHROMIUM).exists():
        raise SystemExit(f"Chromium introuvable ({CHROMIUM}) : apt-get install -y chromium")
    output.mkdir(parents=True, exist_ok=True)
    with DemoSite() as site:
        written = asyncio.run(take(site, output))
    for stale in set(output.glob("*.png")) - set(written):  # a page left out since the last run
        stale.unlink()
    if len(written) < 2:
        raise SystemExit("moins de deux captures : le client est-il construit (make web) ?")


if __name__ == "__main__":
    main()
