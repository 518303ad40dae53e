"""The web client's foundation in a real browser: sign-in, errors at the field, invitations, sign-out,
routing by role, live updates under the CSP, GraphiQL offline; axe-core on every page visited."""

from __future__ import annotations

import asyncio
import json
import uuid

import httpx
from playwright.async_api import BrowserContext, Page, WebSocket, expect

from server.models.accounts import UserRole
from tests.web.conftest import Account, WebServer, new_account
from tests.web.support import assert_accessible, expect_heading, path_is, sign_in


async def test_a_partner_admin_signs_in_and_lands_on_the_partner_home(
    page: Page, context: BrowserContext, partner_admin: Account
) -> None:
    # given a deep link into the partner space, before signing in
    sockets: list[WebSocket] = []
    page.on("websocket", lambda socket: sockets.append(socket))
    await page.goto("/partenaire")
    await expect(page).to_have_url(path_is("/connexion"))
    assert "retour=%2Fpartenaire" in page.url
    await expect(page.get_by_text("Connectez-vous pour accéder à cette page.")).to_be_visible()
    await assert_accessible(page, "la page de connexion")

    # when the admin signs in
    await page.get_by_label("Adresse e-mail").fill(partner_admin.email)
    await page.get_by_label("Mot de passe", exact=True).fill(partner_admin.password)
    visited: list[str] = []
    page.on("framenavigated", lambda frame: visited.append(frame.url) if frame == page.main_frame else None)
    await page.get_by_role("button", name="Se connecter").click()

    # then they are back where they were going (straight, no second pass by the sign-in page),
    # signed in with a cookie no script can read
    await expect(page).to_have_url(path_is("/partenaire"))
    await expect_heading(page, "Espace entreprise")
    assert [url for url in visited if "/connexion" in url] == [], visited
    await expect_heading(page, "Espace entreprise")
    await expect(page.get_by_text("Bienvenue dans l'espace de Atelier Dupont.")).to_be_visible()
    await expect(page.get_by_role("navigation", name="Navigation principale")).to_be_visible()
    cookies = {cookie["name"]: cookie for cookie in await context.cookies()}
    assert cookies["passerelle_session"]["httpOnly"] is True
    assert cookies["passerelle_session"]["sameSite"] == "Strict"
    assert "passerelle_session" not in await page.evaluate("document.cookie")
    await assert_accessible(page, "l'accueil partenaire")

    # and the live-updates socket stays open under the CSP (text frames: no close after the ack)
    for _ in range(100):
        if sockets:
            break
        await asyncio.sleep(0.1)
    await asyncio.sleep(1.0)
    assert not sockets[0].is_closed()


async def test_the_layout_works_with_the_keyboard_and_on_a_phone(page: Page, partner_admin: Account) -> None:
    await page.set_viewport_size({"width": 375, "height": 740})
    await sign_in(page, partner_admin.email, partner_admin.password)
    await expect_heading(page, "Espace entreprise")

    await page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Aller au contenu")
    await expect(skip).to_be_focused()
    await page.keyboard.press("Enter")
    await expect(page.locator("main")).to_be_focused()

    overflow = await page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"the page scrolls sideways by {overflow} px at 375 px"
    await assert_accessible(page, "l'accueil partenaire à 375 px")


async def test_a_wrong_password_is_shown_at_the_password_field(page: Page, partner_admin: Account) -> None:
    await sign_in(page, partner_admin.email, "pas-le-bon-mot-de-passe")

    password = page.get_by_label("Mot de passe", exact=True)
    await expect(password).to_have_attribute("aria-invalid", "true")
    await expect(password).to_have_accessible_description("Adresse e-mail ou mot de passe incorrect.")
    await expect(page).to_have_url(path_is("/connexion"))
    await assert_accessible(page, "la connexion refusée")


async def test_an_invited_recruiter_sets_a_password_and_lands_signed_in(
    page: Page, api: httpx.AsyncClient, partner_admin: Account
) -> None:
    # given an invitation sent by the partner admin through the API
    signed_in = await api.post(
        "/graphql",
        json={
            "query": "mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }",
            "variables": {"e": partner_admin.email, "p": partner_admin.password},
        },
    )
    token = signed_in.json()["data"]["login"]["token"]
    invited = await api.post(
        "/graphql",
        json={
            "query": "mutation($input: InviteUserInput!) { inviteUser(input: $input) { invitationToken } }",
            "variables": {"input": {"email": "recrue.web@exemple.fr", "role": "PARTNER_RECRUITER"}},
        },
        headers={"Authorization": f"Bearer {token}"},
    )
    invitation = invited.json()["data"]["inviteUser"]["invitationToken"]

    # when the recruiter opens the link and chooses a password (first a mismatch, then a short one)
    await page.goto(f"/invitation/{invitation}")
    await expect_heading(page, "Accepter votre invitation")
    await assert_accessible(page, "la page d'invitation")
    await page.get_by_label("Nom complet").fill("Sam Recrue")
    await page.get_by_label("Mot de passe", exact=True).fill("Motdepasse-solide-42")
    await page.get_by_label("Confirmez le mot de passe").fill("autre-chose-encore")
    await page.get_by_role("button", name="Activer mon compte").click()
    await expect(page.get_by_label("Confirmez le mot de passe")).to_have_attribute("aria-invalid", "true")
    await page.get_by_label("Mot de passe", exact=True).fill("court")
    await page.get_by_label("Confirmez le mot de passe").fill("court")
    await page.get_by_role("button", name="Activer mon compte").click()
    await expect(page.get_by_label("Mot de passe", exact=True)).to_have_attribute("aria-invalid", "true")
    await assert_accessible(page, "l'invitation avec une erreur")
    await page.get_by_label("Mot de passe", exact=True).fill("Motdepasse-solide-42")
    await page.get_by_label("Confirmez le mot de passe").fill("Motdepasse-solide-42")
    visited: list[str] = []
    page.on("framenavigated", lambda frame: visited.append(frame.url) if frame == page.main_frame else None)
    await page.get_by_role("button", name="Activer mon compte").click()

    # then they land in the partner space, signed in, without passing by the sign-in page
    await expect(page).to_have_url(path_is("/partenaire"))
    await expect_heading(page, "Espace entreprise")
    await expect(page.get_by_text("Connecté·e : Sam Recrue")).to_be_visible()
    assert [url for url in visited if "/connexion" in url] == [], visited


async def test_signing_out_ends_the_session(
    page: Page, context: BrowserContext, partner_admin: Account
) -> None:
    await sign_in(page, partner_admin.email, partner_admin.password)
    await expect_heading(page, "Espace entreprise")

    await page.get_by_role("button", name="Se déconnecter").click()

    await expect(page).to_have_url(path_is("/connexion"))
    await expect(page.get_by_text("Vous êtes déconnecté·e.")).to_be_visible()
    assert "passerelle_session" not in {cookie["name"] for cookie in await context.cookies()}
    await assert_accessible(page, "la page de connexion après déconnexion")
    await page.goto("/partenaire")
    await expect(page).to_have_url(path_is("/connexion"))


async def test_each_role_lands_in_its_own_space(page: Page, web_server: WebServer) -> None:
    staff = await new_account(web_server, UserRole.FEDERATION_ADMIN, None)
    await sign_in(page, staff.email, staff.password)

    await expect(page).to_have_url(path_is("/espace"))
    await expect_heading(page, "Bientôt disponible")
    await page.goto("/partenaire")
    await expect_heading(page, "Accès refusé")
    await assert_accessible(page, "la page d'accès refusé")
    await page.goto("/une/page/qui/n-existe/pas")
    await expect_heading(page, "Page introuvable")
    await assert_accessible(page, "la page introuvable")


async def test_graphiql_loads_from_the_apps_own_assets(page: Page, web_server: WebServer) -> None:
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))  # every URL the page loads

    await page.goto("/graphql")

    await expect(page.locator(".graphiql-container")).to_be_visible(timeout=15_000)
    foreign = [url for url in requested if not url.startswith(web_server.url)]
    assert foreign == [], foreign
    assert json.dumps(requested).count("/assets/") > 0


async def test_too_many_failed_sign_ins_say_when_to_retry(
    page: Page, web_server: WebServer, web_partner: uuid.UUID
) -> None:
    account = await new_account(web_server, UserRole.PARTNER_RECRUITER, web_partner)
    await page.goto("/connexion")
    await page.get_by_label("Adresse e-mail").fill(account.email)
    password = page.get_by_label("Mot de passe", exact=True)
    for _ in range(5):
        await password.fill("pas-le-bon-mot-de-passe")
        async with page.expect_response(lambda response: response.url.endswith("/graphql")):
            await page.get_by_role("button", name="Se connecter").click()
        await expect(password).to_have_attribute("aria-invalid", "true")

    await password.fill(account.password)
    await page.get_by_role("button", name="Se connecter").click()

    alert = page.get_by_role("alert").filter(has_text="Trop de tentatives")
    await expect(alert).to_contain_text("Vous pourrez réessayer dans 15 minutes.")
    await assert_accessible(page, "la connexion bloquée")
