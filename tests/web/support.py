"""What browser tests do again and again: sign in through the page, check accessibility with axe-core."""

from __future__ import annotations

import re
from typing import Any

from playwright.async_api import Page, expect

WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING_IMPACTS = ("serious", "critical")


async def sign_in(page: Page, email: str, password: str) -> None:
    await page.goto("/connexion")
    await page.get_by_label("Adresse e-mail").fill(email)
    await page.get_by_label("Mot de passe", exact=True).fill(password)
    await page.get_by_role("button", name="Se connecter").click()


async def expect_heading(page: Page, text: str) -> None:
    await expect(page.get_by_role("heading", level=1, name=text)).to_be_visible()


async def assert_accessible(page: Page, where: str) -> None:
    """No serious or critical WCAG 2.1 AA violation found by axe-core on the page as it is now."""
    results: dict[str, Any] = await page.evaluate(
        "tags => axe.run(document, { runOnly: { type: 'tag', values: tags } })", WCAG_21_AA
    )
    assert results["passes"], "axe-core checked nothing: is the page empty?"
    blocking = [v for v in results["violations"] if v["impact"] in BLOCKING_IMPACTS]
    described = [
        f"{v['id']} ({v['impact']}): {v['help']} — {[node['target'] for node in v['nodes']]}"
        for v in blocking
    ]
    assert described == [], f"axe-core on {where}:\n" + "\n".join(described)


def path_is(expected: str) -> re.Pattern[str]:
    """A URL matcher for `expect(page).to_have_url` on a path (with or without a query string)."""
    return re.compile(rf"^https?://[^/]+{re.escape(expected)}(\?.*)?$")
