"""The partner dashboard in the browser: postings by status, the tier's quota, featured postings,
candidates arriving live and the unread badge updating live; keyboard and phone width kept."""

from __future__ import annotations

import re

import httpx
from playwright.async_api import Locator, Page, expect

from tests.web.conftest import WebServer
from tests.web.partner_support import (
    create_role,
    far_away_member,
    fresh_company,
    move_member,
    say_interested,
    token_of,
)
from tests.web.support import assert_accessible, expect_heading, sign_in

LIVE = 30_000  # ms


def stat(page: Page, label: str) -> Locator:
    """The figure shown under one status label."""
    return page.locator(".stat").filter(has=page.get_by_text(label, exact=True)).locator("dd")


async def test_the_dashboard_counts_postings_and_shows_candidates_and_notifications_live(
    page: Page, api: httpx.AsyncClient, web_server: WebServer
) -> None:
    # given a company on the "Découverte" tier (3 open postings at most): two open roles, one draft;
    # the watched role is the member's own trade (engine 2: other trades fall under the floor)
    admin, _ = await fresh_company(web_server, tier_code="decouverte", name="Boulangerie Caron")
    token = await token_of(api, admin)
    watched = await create_role(
        api, token, title="Assistant·e de direction", postalCode="44000", commune="Nantes"
    )
    await create_role(api, token, title="Assistant·e commercial·e", postalCode="44000", commune="Nantes")
    await create_role(api, token, title="Assistant·e RH", publish=False, postalCode="44000", commune="Nantes")
    member, _ = await far_away_member(api, "Dominique Garnier")

    # when the admin signs in
    await sign_in(page, admin.email, admin.password)

    # then the dashboard shows the postings by status and the quota used and left
    await expect_heading(page, "Espace entreprise")
    await expect(stat(page, "Ouvertes")).to_have_text("2")
    await expect(stat(page, "Brouillons")).to_have_text("1")
    await expect(stat(page, "En pause")).to_have_text("0")
    quota = page.get_by_role("region", name="Quota d'offres ouvertes")
    await expect(quota).to_contain_text("Niveau de partenariat : Découverte")
    await expect(quota).to_contain_text("2 offres ouvertes sur 3 permises")
    await expect(quota).to_contain_text("Vous pouvez encore publier 1 offre.")
    featured = page.get_by_role("region", name="Annonces mises en avant")
    await expect(featured).to_contain_text("n'est pas comprise dans votre niveau")
    await expect(
        page.get_by_role("link", name="Voir les candidat·es de « Assistant·e de direction »")
    ).to_have_count(1)
    badge = page.get_by_role("img", name=re.compile("notification"))
    await expect(badge).to_have_accessible_name("Aucune notification non lue")
    await assert_accessible(page, "le tableau de bord")

    # and the keyboard still starts at the skip link, with content on the page and nothing focused
    await page.keyboard.press("Tab")
    await expect(page.get_by_role("link", name="Aller au contenu")).to_be_focused()

    # when a member moves to Nantes (a profile change through the API)
    await move_member(api, member, "44000")

    # then the new candidates appear live, with links to them, and the counts follow
    live = page.get_by_role("region", name="Nouvelles candidatures en direct")
    arrival = live.get_by_role("link", name="1 nouveau·elle candidat·e pour « Assistant·e de direction »")
    await expect(arrival).to_be_visible(timeout=LIVE)
    table = page.get_by_role("table", name=re.compile("Annonces ouvertes"))
    row = table.get_by_role("row").filter(has_text="Assistant·e de direction")
    await expect(row.get_by_role("cell").nth(1)).to_have_text("1")

    # when the member says interested in one role (through the API)
    await say_interested(api, member, watched)

    # then the badge and the unread notifications update live
    await expect(badge).to_have_accessible_name("1 notification non lue", timeout=LIVE)
    notifications = page.get_by_role("region", name="Notifications non lues")
    await expect(notifications).to_contain_text("Vous avez 1 notification non lue.")
    await expect(
        notifications.get_by_role("link", name="Un·e membre est intéressé·e par « Assistant·e de direction »")
    ).to_be_visible()
    await expect(
        live.get_by_text(re.compile("1 membre intéressé·e par « Assistant·e de direction »"))
    ).to_be_visible()
    await assert_accessible(page, "le tableau de bord après des nouvelles en direct")

    # when the admin marks them read, the badge follows at once
    await notifications.get_by_role("button", name="Tout marquer comme lu").click()
    await expect(badge).to_have_accessible_name("Aucune notification non lue")
    await expect(notifications).to_contain_text("Vous n'avez aucune notification non lue.")

    # and a link of the live list leads to the candidates
    await arrival.click()
    await expect_heading(page, "Candidat·es : Assistant·e de direction")


async def test_featured_postings_and_an_unlimited_tier_on_a_phone(
    page: Page, api: httpx.AsyncClient, web_server: WebServer
) -> None:
    admin, _ = await fresh_company(web_server, tier_code="premium", name="Groupe Fontaine")
    token = await token_of(api, admin)
    await create_role(
        api, token, title="Office manager H/F", featured=True, postalCode="44000", commune="Nantes"
    )
    await create_role(api, token, title="Assistant·e juridique", postalCode="44000", commune="Nantes")
    await page.set_viewport_size({"width": 375, "height": 740})

    await sign_in(page, admin.email, admin.password)

    await expect_heading(page, "Espace entreprise")
    featured = page.get_by_role("region", name="Annonces mises en avant")
    await expect(
        featured.get_by_role("link", name="Voir les candidat·es de « Office manager H/F »")
    ).to_be_visible()
    await expect(featured).not_to_contain_text("Assistant·e juridique")
    quota = page.get_by_role("region", name="Quota d'offres ouvertes")
    await expect(quota).to_contain_text("2 offres ouvertes : votre niveau n'a pas de limite.")
    overflow = await page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"the dashboard scrolls sideways by {overflow} px at 375 px"
    await assert_accessible(page, "le tableau de bord à 375 px")
