"""Issue 15 in the browser: one received e-mail of each kind followed to its end, and the pages it opens
(invitation, address verification, password reset, address change, two-step sign-in and enrolment, the
security page) without any serious or critical axe-core violation."""

from __future__ import annotations

import time
from typing import Any
from urllib.parse import urlsplit

import httpx
import pyotp
from playwright.async_api import Page, expect

from server.models.accounts import UserRole
from tests.mail_support import INBOX, Received
from tests.web.conftest import PASSWORD, Account, WebServer, new_account
from tests.web.support import assert_accessible, expect_heading, path_is, sign_in

NEW_PASSWORD = "Nouveau-secret-2027"


async def _gql(
    api: httpx.AsyncClient, query: str, variables: dict[str, Any], token: str | None = None
) -> Any:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    response = await api.post("/graphql", json={"query": query, "variables": variables}, headers=headers)
    return response.json()["data"]


async def _token(api: httpx.AsyncClient, account: Account) -> str:
    data = await _gql(
        api,
        "mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }",
        {"e": account.email, "p": account.password},
    )
    return str(data["login"]["token"])


def _path(mail: Received, path: str) -> str:
    """The e-mailed link, as the browser opens it (same server: path and query)."""
    link = urlsplit(mail.link_to(path))
    return f"{link.path}?{link.query}"


async def test_an_e_mailed_invitation_is_accepted_from_its_link(
    page: Page, api: httpx.AsyncClient, federation_admin: Account
) -> None:
    token = await _token(api, federation_admin)
    await _gql(
        api,
        "mutation($i: InviteUserInput!) { inviteUser(input: $i) { errors { code } } }",
        {"i": {"email": "invitee.web@exemple.fr", "role": "MEMBER"}},
        token,
    )
    mail = await INBOX.wait_for("invitee.web@exemple.fr", "invitation")

    await page.goto(_path(mail, "/invitation"))
    await expect_heading(page, "Accepter votre invitation")
    await assert_accessible(page, "l'invitation reçue par e-mail")
    await page.get_by_label("Mot de passe", exact=True).fill(PASSWORD)
    await page.get_by_label("Confirmez le mot de passe").fill(PASSWORD)
    await page.get_by_role("button", name="Activer mon compte").click()

    await expect(page).to_have_url(path_is("/espace"))


async def test_a_sign_up_is_verified_from_its_e_mail(page: Page, api: httpx.AsyncClient) -> None:
    await _gql(
        api,
        "mutation($e: String!, $p: String!, $n: String!) "
        "{ signUp(email: $e, password: $p, fullName: $n) { ok } }",
        {"e": "ines.web@exemple.fr", "p": PASSWORD, "n": "Inès Web"},
    )
    mail = await INBOX.wait_for("ines.web@exemple.fr", "Confirmez votre adresse")

    await page.goto(_path(mail, "/compte/verifier"))
    await expect_heading(page, "Confirmer votre adresse e-mail")
    await assert_accessible(page, "la confirmation d'adresse")
    await page.get_by_role("button", name="Confirmer mon adresse").click()

    await expect(page.get_by_text("Votre adresse est confirmée")).to_be_visible()
    await assert_accessible(page, "l'adresse confirmée")


async def test_a_forgotten_password_is_reset_from_its_e_mail_once(
    page: Page, api: httpx.AsyncClient, web_server: WebServer
) -> None:
    account = await new_account(web_server, UserRole.MEMBER, None)
    await page.goto("/connexion")
    await page.get_by_role("link", name="Mot de passe oublié ?").click()
    await expect_heading(page, "Mot de passe oublié")
    await assert_accessible(page, "le mot de passe oublié")
    await page.get_by_label("Adresse e-mail").fill(account.email)
    await page.get_by_role("button", name="Recevoir le lien").click()
    await expect(page.get_by_text("Si un compte utilise cette adresse")).to_be_visible()
    mail = await INBOX.wait_for(account.email, "Changer votre mot de passe")

    await page.goto(_path(mail, "/mot-de-passe/nouveau"))
    await expect_heading(page, "Choisir un nouveau mot de passe")
    await assert_accessible(page, "le nouveau mot de passe")
    await page.get_by_label("Nouveau mot de passe").fill(NEW_PASSWORD)
    await page.get_by_label("Confirmez le mot de passe").fill(NEW_PASSWORD)
    await page.get_by_role("button", name="Enregistrer le mot de passe").click()
    await expect(page.get_by_text("Votre mot de passe est changé.")).to_be_visible()

    await sign_in(page, account.email, NEW_PASSWORD)
    await expect(page).to_have_url(path_is("/espace"))
    # the link served once
    await page.goto(_path(mail, "/mot-de-passe/nouveau"))
    await page.get_by_label("Nouveau mot de passe").fill("Encore-autre-2028")
    await page.get_by_label("Confirmez le mot de passe").fill("Encore-autre-2028")
    await page.get_by_role("button", name="Enregistrer le mot de passe").click()
    await expect(page.get_by_text("Ce lien est invalide, expiré ou a déjà servi")).to_be_visible()


async def test_second_factor_enrolled_from_the_security_page_then_asked_at_sign_in(
    page: Page, web_server: WebServer
) -> None:
    account = await new_account(web_server, UserRole.MEMBER, None)
    await sign_in(page, account.email, account.password)
    await expect(page).to_have_url(path_is("/espace"))

    # the security page, then enrolment: QR code, a first code, ten recovery codes
    await page.goto("/compte/securite")
    await expect_heading(page, "Sécurité du compte")
    await expect(page.get_by_role("heading", name="Appareils connectés")).to_be_visible()
    await assert_accessible(page, "la page sécurité")
    # on a phone, the long device names scroll inside their table, not the whole page
    await page.set_viewport_size({"width": 375, "height": 740})
    overflow = await page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"the security page scrolls sideways by {overflow} px at 375 px"
    await assert_accessible(page, "la page sécurité à 375 px")
    await page.get_by_role("link", name="Activer la double authentification").click()
    await expect_heading(page, "Activer la double authentification")
    secret = await page.get_by_test_id("totp-secret").inner_text()
    await assert_accessible(page, "l'activation de la double authentification")
    # the previous window's code (accepted for clock drift), so that the current one is unused at sign-in
    await page.get_by_label("Code").fill(pyotp.TOTP(secret).at(time.time() - 30))
    await page.get_by_role("button", name="Activer").click()
    await expect_heading(page, "Vos codes de secours")
    await expect(page.locator(".recovery-codes li")).to_have_count(10)
    await assert_accessible(page, "les codes de secours")

    # the security e-mail's link leads back to the security page
    mail = await INBOX.wait_for(account.email, "double authentification activée")
    await page.goto(_path(mail, "/compte/securite").rstrip("?"))
    await expect_heading(page, "Sécurité du compte")

    # signing in again now takes two steps
    await page.context.clear_cookies()
    await sign_in(page, account.email, account.password)
    await expect_heading(page, "Double authentification")
    await assert_accessible(page, "le second facteur")
    await page.get_by_label("Code").fill(pyotp.TOTP(secret).now())
    await page.get_by_role("button", name="Valider").click()
    await expect(page).to_have_url(path_is("/espace"))


async def test_an_address_change_is_confirmed_from_the_e_mail_sent_to_the_new_address(
    page: Page, web_server: WebServer
) -> None:
    account = await new_account(web_server, UserRole.MEMBER, None)
    await sign_in(page, account.email, account.password)
    await expect(page).to_have_url(path_is("/espace"))
    await page.goto("/compte/securite")
    await page.get_by_label("Nouvelle adresse e-mail").fill("nouvelle.adresse.web@exemple.fr")
    await page.locator("input[name=emailPassword]").fill(account.password)
    await page.get_by_role("button", name="Changer d'adresse").click()
    await expect(page.get_by_text("Un lien de confirmation a été envoyé")).to_be_visible()
    mail = await INBOX.wait_for("nouvelle.adresse.web@exemple.fr", "nouvelle adresse")

    await page.goto(_path(mail, "/compte/adresse"))
    await expect_heading(page, "Confirmer votre nouvelle adresse")
    await assert_accessible(page, "la confirmation de la nouvelle adresse")
    await page.get_by_role("button", name="Confirmer la nouvelle adresse").click()

    await expect(page.get_by_text("Votre adresse e-mail est changée")).to_be_visible()
    notice = await INBOX.wait_for(account.email, "adresse e-mail changée")
    assert "nouvelle.adresse.web@exemple.fr" in notice.text
