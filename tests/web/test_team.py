"""The team page in the browser: a partner admin invites a recruiter and sees the pending invitation,
deactivates a user; a recruiter has no team page nor its actions."""

from __future__ import annotations

import uuid

import httpx
from playwright.async_api import Page, expect

from server.models.accounts import UserRole
from tests.support import gql
from tests.web.conftest import WebServer, new_account
from tests.web.partner_support import fresh_company, token_of
from tests.web.support import assert_accessible, expect_heading, path_is, sign_in

USERS = "{ users(first: 100) { edges { node { email isActive hasAcceptedInvitation role } } } }"


async def test_an_admin_invites_a_recruiter_and_deactivates_a_user(
    page: Page, api: httpx.AsyncClient, web_server: WebServer
) -> None:
    # given a company with its admin and one recruiter
    admin, partner_id = await fresh_company(web_server, tier_code="partenaire", name="Atelier Bernard")
    recruiter = await new_account(web_server, UserRole.PARTNER_RECRUITER, uuid.UUID(partner_id))

    # when the admin opens the team page from the navigation
    await sign_in(page, admin.email, admin.password)
    await expect_heading(page, "Espace entreprise")
    await (
        page.get_by_role("navigation", name="Navigation principale")
        .get_by_role("link", name="Équipe")
        .click()
    )

    # then they see the accounts, themselves without a deactivate button
    await expect_heading(page, "Équipe")
    active = page.get_by_role("table", name="Comptes actifs de l'entreprise")
    await expect(active.get_by_role("row").filter(has_text=recruiter.email)).to_be_visible()
    own_row = active.get_by_role("row").filter(has_text=admin.email)
    await expect(own_row).to_contain_text("(vous)")
    await expect(own_row.get_by_role("button")).to_have_count(0)
    await expect(page.get_by_text("Aucune invitation en attente.")).to_be_visible()
    await assert_accessible(page, "la page équipe")

    # when they invite a recruiter (first with an invalid address)
    invited = f"recrue-{uuid.uuid4().hex[:6]}@exemple.fr"
    email = page.get_by_label("Adresse e-mail")
    await email.fill("pas-une-adresse")
    await page.get_by_role("button", name="Envoyer l'invitation").click()
    await expect(email).to_have_attribute("aria-invalid", "true")
    await assert_accessible(page, "l'invitation refusée")
    await email.fill(invited)
    await page.get_by_label("Nom complet").fill("Alex Nouvel")
    await expect(page.get_by_label("Rôle")).to_have_value("PARTNER_RECRUITER")
    await page.get_by_role("button", name="Envoyer l'invitation").click()

    # then the invitation link is shown and the invitation is pending
    await expect(page.get_by_text(f"Invitation créée pour {invited}.")).to_be_visible()
    link = await page.locator(".invitation-link code").inner_text()
    assert link.startswith(f"{web_server.url}/invitation/"), link
    pending = page.get_by_role("table", name="Invitations envoyées, pas encore acceptées")
    pending_row = pending.get_by_role("row").filter(has_text=invited)
    await expect(pending_row).to_contain_text("Alex Nouvel")
    await expect(pending_row).to_contain_text("Recruteur·euse")
    await assert_accessible(page, "l'invitation envoyée")

    # when they deactivate the recruiter, confirming in place
    name = recruiter.email.split("@")[0]  # the test accounts' full name
    await active.get_by_role("button", name=f"Désactiver {name}").click()
    confirm = page.get_by_role("button", name="Confirmer la désactivation")
    await expect(confirm).to_be_focused()
    await assert_accessible(page, "la confirmation de désactivation")
    await confirm.click()

    # then the account moves to the deactivated ones, and the server agrees
    await expect(page.get_by_text(f"Le compte de {name} est désactivé.")).to_be_visible()
    inactive = page.get_by_role("table", name="Comptes désactivés de l'entreprise")
    await expect(inactive.get_by_role("row").filter(has_text=recruiter.email)).to_be_visible()
    await expect(active.get_by_role("row").filter(has_text=recruiter.email)).to_have_count(0)
    body = await gql(api, USERS, token=await token_of(api, admin))
    accounts = {edge["node"]["email"]: edge["node"] for edge in body["data"]["users"]["edges"]}
    assert accounts[recruiter.email]["isActive"] is False
    assert accounts[invited]["hasAcceptedInvitation"] is False
    assert accounts[invited]["role"] == "PARTNER_RECRUITER"
    await assert_accessible(page, "la page équipe après désactivation")

    # and the page reflows at 200 % zoom (half the width in CSS pixels): tables scroll in their own box
    await page.set_viewport_size({"width": 640, "height": 400})
    overflow = await page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"the team page scrolls sideways by {overflow} px at 200 % zoom"
    await assert_accessible(page, "la page équipe à 200 %")


async def test_a_recruiter_has_no_team_page(
    page: Page, web_server: WebServer, web_partner: uuid.UUID
) -> None:
    recruiter = await new_account(web_server, UserRole.PARTNER_RECRUITER, web_partner)

    await sign_in(page, recruiter.email, recruiter.password)

    await expect_heading(page, "Espace entreprise")
    quota = page.get_by_role("region", name="Quota d'offres ouvertes")  # the dashboard is theirs too
    await expect(quota).to_contain_text("Niveau de partenariat")
    navigation = page.get_by_role("navigation", name="Navigation principale")
    await expect(navigation.get_by_role("link", name="Accueil")).to_be_visible()
    await expect(navigation.get_by_role("link", name="Équipe")).to_have_count(0)
    await page.goto("/partenaire/equipe")
    await expect(page).to_have_url(path_is("/partenaire/equipe"))
    await expect_heading(page, "Accès refusé")
    await expect(page.get_by_role("button", name="Envoyer l'invitation")).to_have_count(0)
    await assert_accessible(page, "la page équipe refusée à un·e recruteur·euse")
