"""The partner's postings in a real browser: a role with a messy title normalised as it is typed, an
alternative occupation picked, refused wording shown at the field with its inclusive form, then
published and closed; a strategic-support need; the tier's quota refusal; the list's filters, search
and pages; axe-core on every page and state shown."""

from __future__ import annotations

import asyncio
import itertools
import re
import uuid
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from playwright.async_api import Dialog, Page, expect

from server.models.accounts import UserRole
from tests.support import create_partner, create_user, gql, issue_token
from tests.web.conftest import PASSWORD, WebServer
from tests.web.support import assert_accessible, expect_heading, path_is, sign_in

_sirens = itertools.count(100_000_001)
COLD = 20_000  # ms: the server's first title normalisation builds the engine's index (slow on a busy machine)


def fresh_siren() -> str:
    """A valid SIREN (Luhn) never used in this run: each test gets its own company, hence its own list."""
    while True:
        body = f"{next(_sirens):08d}"[-8:]
        for check in range(10):
            candidate = body + str(check)
            digits = [int(char) for char in candidate]
            total = sum(
                d if i % 2 == 0 else (d * 2 - 9 if d * 2 > 9 else d * 2) for i, d in enumerate(digits)
            )
            if total % 10 == 0:
                return candidate


@dataclass(frozen=True)
class Company:
    partner_id: uuid.UUID
    email: str
    token: str


async def new_company(
    web_server: WebServer, tier_code: str = "partenaire", role: UserRole = UserRole.PARTNER_ADMIN
) -> Company:
    """A fresh active partner and one account of it (admin by default), with a bearer token for the API."""
    partner = await create_partner(
        web_server.session_factory,
        name=f"Cabinet {uuid.uuid4().hex[:6]}",
        siren=fresh_siren(),
        tier_code=tier_code,
    )
    email = f"{role.value.lower()}-{uuid.uuid4().hex[:8]}@exemple.fr"
    user = await create_user(web_server.session_factory, email=email, role=role, partner_id=partner.id)
    token = await issue_token(web_server.session_factory, user.id)
    return Company(partner.id, email, token)


async def sign_in_as(page: Page, company: Company) -> None:
    await sign_in(page, company.email, PASSWORD)
    await expect_heading(page, "Espace entreprise")


CREATE_ROLE = """mutation($input: RoleInput!) {
  createRole(input: $input) { posting { id } errors { field message code } }
}"""
CREATE_NEED = """mutation($input: NeedInput!) {
  createNeed(input: $input) { posting { id } errors { field message code } }
}"""
PUBLISH = """mutation($id: UUID!) { publishPosting(id: $id) { posting { status } errors { code } } }"""
POSTING = """query($id: UUID!) {
  posting(id: $id) {
    kind needKind status title description teamSize durationDays budget
    remotePolicy postalCode departement commune communeCode
    normalisation { occupationId overridden }
    competencies { competencyId level required mustHave }
    languages { code level }
  }
}"""


async def api_role(api: httpx.AsyncClient, company: Company, title: str, *, publish: bool = False) -> str:
    body = await gql(
        api,
        CREATE_ROLE,
        {"input": {"title": title, "contractType": "CDI", "remotePolicy": "NONE", "postalCode": "69003"}},
        token=company.token,
    )
    payload = body["data"]["createRole"]
    assert payload["errors"] == [], payload
    posting_id = str(payload["posting"]["id"])
    if publish:
        published = await gql(api, PUBLISH, {"id": posting_id}, token=company.token)
        assert published["data"]["publishPosting"]["errors"] == [], published
    return posting_id


async def api_posting(api: httpx.AsyncClient, company: Company, posting_id: str) -> dict[str, Any]:
    body = await gql(api, POSTING, {"id": posting_id}, token=company.token)
    posting: dict[str, Any] = body["data"]["posting"]
    return posting


def posting_id_of(page: Page) -> str:
    found = re.search(r"/partenaire/annonces/([0-9a-f-]{36})$", page.url)
    assert found, page.url
    return found.group(1)


async def test_a_role_with_a_messy_title_is_normalised_corrected_and_published(
    page: Page, web_server: WebServer, api: httpx.AsyncClient
) -> None:
    company = await new_company(web_server)
    await sign_in_as(page, company)

    # the list, reached from the navigation, is empty and says what to do
    await (
        page.get_by_role("navigation", name="Navigation principale")
        .get_by_role("link", name="Annonces")
        .click()
    )
    await expect_heading(page, "Annonces")
    await expect(page.get_by_text("Vous n'avez encore aucune annonce.")).to_be_visible()
    await assert_accessible(page, "la liste des annonces, vide")

    await page.get_by_role("link", name="Nouvelle offre d'emploi").click()
    await expect_heading(page, "Nouvelle offre d'emploi")
    await expect(page).to_have_url(path_is("/partenaire/annonces/nouvelle-offre"))

    # when a messy, ambiguous, feminine-only title is typed, its normalisation appears as one types
    title = page.get_by_label("Intitulé", exact=True)
    await title.fill("ASSISTANTE DE MANAGER - CDI urgent")
    await expect(page.get_by_text("Cet intitulé peut désigner plusieurs métiers")).to_be_visible(timeout=COLD)
    await expect(page.get_by_text("Lu aussi dans l'intitulé : contrat CDI.")).to_be_visible()
    choices = page.get_by_role("group", name="Métiers possibles")
    await expect(
        choices.get_by_text(re.compile(r"Assistant·e de direction — ROME M1604 \(\d+\s%\)"))
    ).to_be_visible()
    await expect(choices.get_by_text(re.compile(r"Assistant·e d\'équipe — ROME M1607"))).to_be_visible()
    await assert_accessible(page, "l'éditeur, intitulé ambigu")

    # and the person picks the alternative that fits
    await choices.get_by_role("button", name="Retenir ce métier : Assistant·e d'équipe").click()
    await expect(page.get_by_text("Métier retenu : Assistant·e d'équipe.")).to_be_visible()

    await page.get_by_label("Description").fill(
        "Nous cherchons une personne jeune et dynamique pour le service."
    )
    await page.get_by_label("Type de contrat").select_option("CDI")
    await page.get_by_label("Salaire minimum (brut annuel, €)").fill("32000")
    await page.get_by_label("Salaire maximum (brut annuel, €)").fill("38000")
    # a postal code that serves two communes: the person chooses theirs
    await page.get_by_label("Code postal").fill("01000")
    commune = page.get_by_role("combobox", name="Commune")
    await expect(commune).to_have_accessible_description(
        "Ce code postal dessert 2 communes : choisissez la vôtre."
    )
    await commune.select_option(label="Saint-Denis-lès-Bourg")
    await page.get_by_label("Télétravail", exact=True).select_option("PARTIAL")
    await page.get_by_label("Jours de télétravail par semaine").fill("2")

    # competencies: searched by label, grouped under the domain's label, level and "required" set
    await page.get_by_label("Chercher une compétence").fill("paie")
    results = page.get_by_role("region", name="Administration des ressources humaines")
    await expect(results.get_by_role("button", name=re.compile("^Ajouter « .*paie"))).not_to_have_count(0)
    await assert_accessible(page, "le sélecteur de compétences")
    await results.get_by_role("button", name=re.compile("^Ajouter « .*paie")).first.click()
    chosen = page.get_by_role("list", name="Compétences choisies")
    await expect(chosen.get_by_role("listitem")).to_have_count(1)
    await chosen.get_by_label(re.compile("^Niveau pour")).select_option("3")
    # must-have implies required; "nice to have" cannot stay must-have
    must_have = chosen.get_by_label(re.compile("est indispensable"))
    required = chosen.get_by_label(re.compile("est exigée"))
    await must_have.check()
    await required.uncheck()
    await expect(must_have).not_to_be_checked()
    await must_have.check()
    await expect(required).to_be_checked()

    await page.get_by_role("button", name="Ajouter une langue").click()
    await page.get_by_label("Langue 1", exact=True).select_option("en")
    await page.get_by_label("Niveau CECRL de la langue 1").select_option("B2")

    # when the draft is saved, the refused wording is shown at its field, with the inclusive form
    await page.get_by_role("button", name="Enregistrer le brouillon").click()
    await expect(title).to_have_attribute("aria-invalid", "true")
    await expect(title).to_have_accessible_description(
        re.compile("Formulation réservée à un genre interdite")
    )
    await expect(
        page.get_by_text("Forme inclusive proposée : « Assistant·e DE MANAGER - CDI urgent »")
    ).to_be_visible()
    description = page.get_by_label("Description")
    await expect(description).to_have_attribute("aria-invalid", "true")
    await expect(description).to_have_accessible_description(re.compile("Critère d'âge interdit"))
    await expect(page).to_have_url(path_is("/partenaire/annonces/nouvelle-offre"))
    await assert_accessible(page, "l'éditeur, formulation refusée")

    # then the suggestion is applied, the description fixed, and the draft saved
    await page.get_by_role("button", name="Utiliser la forme inclusive").click()
    await expect(title).to_have_value("Assistant·e DE MANAGER - CDI urgent")
    await description.fill(
        "Vous rejoignez le service juridique et RH : contrats, paie, dossiers du personnel."
    )
    await page.get_by_role("button", name="Enregistrer le brouillon").click()
    await expect(page.get_by_text("Brouillon enregistré.")).to_be_visible()
    await expect(page).to_have_url(re.compile(r"/partenaire/annonces/[0-9a-f-]{36}$"))
    posting_id = posting_id_of(page)
    await expect(page.get_by_text("Enregistré : Assistant·e d'équipe (ROME M1607)")).to_be_visible()

    # only the moves a draft allows are offered
    lifecycle = page.get_by_role("region", name="Cycle de vie")
    await expect(lifecycle.get_by_role("button")).to_have_text(["Publier"])
    await assert_accessible(page, "l'éditeur d'un brouillon")

    saved = await api_posting(api, company, posting_id)
    assert saved["status"] == "DRAFT"
    assert saved["title"] == "Assistant·e DE MANAGER - CDI urgent"
    assert saved["normalisation"] == {"occupationId": "assistant_equipe", "overridden": True}
    assert [(c["level"], c["required"], c["mustHave"]) for c in saved["competencies"]] == [(3, True, True)]
    assert saved["languages"] == [{"code": "en", "level": "B2"}]
    assert (saved["postalCode"], saved["departement"]) == ("01000", "01")
    assert (saved["communeCode"], saved["commune"]) == ("01344", "Saint-Denis-lès-Bourg")

    # when it is published, the open posting's moves replace "publish"
    await lifecycle.get_by_role("button", name="Publier").click()
    await expect(page.get_by_text("Annonce publiée : elle est proposée aux membres.")).to_be_visible()
    await expect(lifecycle.get_by_role("button")).to_have_text(
        ["Mettre en pause", "Marquer comme pourvue", "Clôturer"]
    )
    assert (await api_posting(api, company, posting_id))["status"] == "OPEN"

    # closing cannot be undone: it asks first, and "cancel" changes nothing
    await lifecycle.get_by_role("button", name="Clôturer").click()
    dialog = page.get_by_role("dialog")
    await expect(dialog).to_contain_text("ne pourra plus être rouverte")
    await expect(dialog.get_by_role("button", name="Annuler")).to_be_focused()
    await assert_accessible(page, "la confirmation de clôture")
    await page.keyboard.press("Escape")
    await expect(dialog).to_be_hidden()
    assert (await api_posting(api, company, posting_id))["status"] == "OPEN"
    await lifecycle.get_by_role("button", name="Clôturer").click()
    await dialog.get_by_role("button", name="Clôturer").click()
    await expect(page.get_by_text("Annonce clôturée.")).to_be_visible()
    await expect(
        page.get_by_text("Cette annonce est pourvue ou clôturée : elle ne se modifie plus.")
    ).to_be_visible()
    await expect(page.get_by_text("Aucune action possible : l'annonce est terminée.")).to_be_visible()
    assert (await api_posting(api, company, posting_id))["status"] == "CLOSED"
    await assert_accessible(page, "une annonce clôturée")

    # the list shows it as it is now
    await page.get_by_role("link", name="Retour aux annonces").click()
    row = page.get_by_role("row").filter(has_text="Assistant·e DE MANAGER - CDI urgent")
    await expect(row).to_contain_text("Clôturée")
    await expect(row).to_contain_text("Assistant·e d'équipe (M1607)")
    await expect(row).to_contain_text("Saint-Denis-lès-Bourg 01000")


async def test_a_recruiter_creates_publishes_and_edits_a_strategic_support_need(
    page: Page, web_server: WebServer, api: httpx.AsyncClient
) -> None:
    company = await new_company(web_server, role=UserRole.PARTNER_RECRUITER)
    await sign_in_as(page, company)
    await page.goto("/partenaire/annonces")
    await page.get_by_role("link", name="Nouveau besoin d'appui").click()
    await expect_heading(page, "Nouveau besoin d'appui")
    await assert_accessible(page, "l'éditeur d'un besoin")

    await page.get_by_label("Intitulé", exact=True).fill(
        "Déploiement d'un outil d'IA générative au secrétariat"
    )
    await page.get_by_label("Type d'appui").select_option("STRATEGIC_SUPPORT")
    await page.get_by_label("Métier concerné").select_option("assistant_direction")
    await page.get_by_label("Description").fill(
        "Accompagner une équipe de six assistant·es dans l'adoption d'un outil."
    )
    await page.get_by_label("Taille de l'équipe concernée").fill("6")
    await page.get_by_label("Durée estimée (jours)").fill("20")
    await page.get_by_label("Budget (€)").fill("15000")
    await page.get_by_label("Télétravail", exact=True).select_option("FULL")
    await expect(page.get_by_text("Télétravail total : pas de lieu à indiquer.")).to_be_visible()
    await page.get_by_label("Chercher une compétence").fill("IA générative")
    await page.get_by_role("button", name="Ajouter « Usage de l'IA générative »").click()

    await page.get_by_role("button", name="Enregistrer le brouillon").click()
    await expect(page.get_by_text("Brouillon enregistré.")).to_be_visible()
    posting_id = posting_id_of(page)
    lifecycle = page.get_by_role("region", name="Cycle de vie")
    await lifecycle.get_by_role("button", name="Publier").click()
    await expect(page.get_by_text("Annonce publiée : elle est proposée aux membres.")).to_be_visible()
    # a need is closed, never "filled"
    await expect(lifecycle.get_by_role("button")).to_have_text(["Mettre en pause", "Clôturer"])
    await assert_accessible(page, "un besoin publié")

    saved = await api_posting(api, company, posting_id)
    assert (saved["kind"], saved["needKind"], saved["status"]) == ("NEED", "STRATEGIC_SUPPORT", "OPEN")
    assert (saved["teamSize"], saved["durationDays"], saved["budget"]) == (6, 20, 15000)
    assert saved["remotePolicy"] == "FULL" and saved["postalCode"] is None
    assert saved["normalisation"]["occupationId"] == "assistant_direction"
    assert len(saved["competencies"]) == 1

    # an open posting's edits are saved in place
    await page.get_by_label("Taille de l'équipe concernée").fill("8")
    await expect(page.get_by_text("Modifications non enregistrées.")).to_be_visible()
    # leaving with unsaved edits asks first; declining keeps them (the question is answered as it
    # opens: the click itself waits while a confirm() is open, so answering after it could hang)
    asked: asyncio.Future[str] = asyncio.get_running_loop().create_future()

    async def decline(question: Dialog) -> None:
        asked.set_result(question.message)
        await question.dismiss()

    page.once("dialog", decline)
    await page.get_by_role("link", name="Retour aux annonces").click()
    assert await asyncio.wait_for(asked, 10) == (
        "Vos modifications ne sont pas enregistrées. Quitter la page quand même ?"
    )
    await expect(page.get_by_label("Taille de l'équipe concernée")).to_have_value("8")
    await page.get_by_role("button", name="Enregistrer les modifications").click()
    await expect(
        page.get_by_text("Modifications enregistrées : elles sont visibles des membres.")
    ).to_be_visible()
    await expect(page.get_by_text("Modifications non enregistrées.")).to_be_hidden()
    assert (await api_posting(api, company, posting_id))["teamSize"] == 8

    # pause then reopen: reversible moves need no confirmation
    await lifecycle.get_by_role("button", name="Mettre en pause").click()
    await expect(page.get_by_text("Annonce mise en pause")).to_be_visible()
    await expect(lifecycle.get_by_role("button")).to_have_text(["Rouvrir", "Clôturer"])
    await lifecycle.get_by_role("button", name="Rouvrir").click()
    await expect(page.get_by_text("Annonce rouverte")).to_be_visible()


async def test_publishing_beyond_the_tier_quota_is_refused_clearly(
    page: Page, web_server: WebServer, api: httpx.AsyncClient
) -> None:
    company = await new_company(web_server, tier_code="decouverte")  # 3 open postings at most
    for number in range(3):
        await api_role(api, company, f"Assistant·e de direction {number}", publish=True)
    draft = await api_role(api, company, "Secrétaire médical·e")

    await sign_in_as(page, company)
    await page.goto("/partenaire/annonces")
    await expect(
        page.get_by_text("3 annonces ouvertes sur 3 permises par votre niveau « Découverte » (reste 0).")
    ).to_be_visible()
    await expect(page.get_by_text("Quota atteint")).to_be_visible()

    await page.get_by_role("link", name="Secrétaire médical·e").click()
    await expect_heading(page, "Annonce : Secrétaire médical·e")
    lifecycle = page.get_by_role("region", name="Cycle de vie")
    await expect(lifecycle).to_contain_text("(reste 0). Quota atteint")
    await lifecycle.get_by_role("button", name="Publier").click()
    refusal = page.get_by_role("alert").filter(has_text="Action refusée")
    await expect(refusal).to_contain_text(
        "Votre niveau de partenariat « Découverte » permet 3 offre(s) ouverte(s)"
    )
    await expect(page.get_by_text("L'annonce n'a pas été enregistrée")).to_have_count(0)
    await assert_accessible(page, "le refus de publication (quota)")
    assert (await api_posting(api, company, draft))["status"] == "DRAFT"


async def test_the_list_filters_searches_and_pages_with_cursors(
    page: Page, web_server: WebServer, api: httpx.AsyncClient
) -> None:
    company = await new_company(web_server, tier_code="premium")
    for number in range(20):
        await api_role(api, company, f"Assistant·e de direction n° {number:02d}", publish=number < 3)
    need = await gql(
        api,
        CREATE_NEED,
        {
            "input": {
                "title": "Mentorat de l'équipe d'accueil",
                "needKind": "MENTORING",
                "remotePolicy": "FULL",
            }
        },
        token=company.token,
    )
    assert need["data"]["createNeed"]["errors"] == [], need
    await api_role(api, company, "Office manager bilingue")

    await sign_in_as(page, company)
    await page.goto("/partenaire/annonces")
    table = page.get_by_role("table")
    await expect(page.get_by_text("22 annonces trouvées. Page 1")).to_be_visible()
    await expect(table.locator("tbody tr")).to_have_count(20)
    await expect(table.locator("tbody tr").first).to_contain_text("Office manager bilingue")
    await assert_accessible(page, "la liste des annonces")

    # pages follow the API's cursors, forwards and back
    await page.get_by_role("button", name="Page suivante").click()
    await expect(page.get_by_text("22 annonces trouvées. Page 2")).to_be_visible()
    await expect(table.locator("tbody tr")).to_have_count(2)
    await expect(table).to_contain_text("Assistant·e de direction n° 00")
    await expect(page.get_by_role("button", name="Page suivante")).to_have_count(0)
    await page.get_by_role("button", name="Page précédente").click()
    await expect(page.get_by_text("22 annonces trouvées. Page 1")).to_be_visible()

    # filters by status and kind, kept in the address
    search = page.get_by_role("search", name="Filtrer les annonces")
    await search.get_by_label("Statut").select_option("OPEN")
    await search.get_by_role("button", name="Filtrer").click()
    await expect(page).to_have_url(re.compile(r"statut=OPEN"))
    await expect(page.get_by_text("3 annonces trouvées.")).to_be_visible()
    await expect(table.locator("tbody tr")).to_have_count(3)

    await search.get_by_label("Statut").select_option("")
    await search.get_by_label("Type").select_option("NEED")
    await search.get_by_role("button", name="Filtrer").click()
    await expect(page.get_by_text("1 annonce trouvée.")).to_be_visible()
    await expect(table).to_contain_text("Mentorat de l'équipe d'accueil")
    await expect(table).to_contain_text("Mentorat")

    # search in the title
    await search.get_by_label("Type").select_option("")
    await search.get_by_label("Rechercher").fill("office")
    await search.get_by_role("button", name="Filtrer").click()
    await expect(page.get_by_text("1 annonce trouvée.")).to_be_visible()
    await expect(table.locator("tbody tr")).to_have_count(1)
    await expect(table).to_contain_text("Office manager bilingue")

    # nothing found says what to do; clearing the filters brings everything back
    await search.get_by_label("Rechercher").fill("introuvable")
    await search.get_by_role("button", name="Filtrer").click()
    await expect(page.get_by_text("Aucune annonce ne correspond à ces filtres.")).to_be_visible()
    await assert_accessible(page, "la liste filtrée, vide")
    await page.get_by_role("link", name="Effacer les filtres").click()
    await expect(page.get_by_text("22 annonces trouvées. Page 1")).to_be_visible()


async def test_the_editor_works_with_the_keyboard_on_a_phone(page: Page, web_server: WebServer) -> None:
    company = await new_company(web_server)
    await page.set_viewport_size({"width": 375, "height": 740})
    await sign_in_as(page, company)
    await page.goto("/partenaire/annonces/nouvelle-offre")
    await expect_heading(page, "Nouvelle offre d'emploi")

    # keyboard only: type the title, reach an alternative by Tab and pick it with Enter
    title = page.get_by_label("Intitulé", exact=True)
    await title.focus()
    await page.keyboard.type("assistant de manager")
    pick = page.get_by_role("button", name="Retenir ce métier : Assistant·e d'équipe")
    await expect(pick).to_be_visible(timeout=COLD)
    for _ in range(10):
        if await pick.evaluate("button => button === document.activeElement"):
            break
        await page.keyboard.press("Tab")
    await expect(pick).to_be_focused()
    outline = await pick.evaluate("button => getComputedStyle(button).outlineStyle")
    assert outline != "none", "the focused button shows no outline"
    await page.keyboard.press("Enter")
    await expect(page.get_by_text("Métier retenu : Assistant·e d'équipe.")).to_be_visible()

    overflow = await page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"the editor scrolls sideways by {overflow} px at 375 px"
    await page.get_by_label("Chercher une compétence").fill("agenda")
    await expect(page.get_by_role("button", name=re.compile("^Ajouter « ")).first).to_be_visible()
    overflow = await page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"the competency picker scrolls sideways by {overflow} px at 375 px"
    await assert_accessible(page, "l'éditeur à 375 px")


async def test_a_title_outside_the_framework_is_explained_and_publishing_it_asks_first(
    page: Page, web_server: WebServer, api: httpx.AsyncClient
) -> None:
    company = await new_company(web_server)
    await sign_in_as(page, company)
    await page.goto("/partenaire/annonces/nouvelle-offre")
    await expect_heading(page, "Nouvelle offre d'emploi")
    title = page.get_by_label("Intitulé", exact=True)

    # an unknown title says why nothing is recognised
    await title.fill("qwerty zxcv")
    await expect(page.get_by_text("Nous ne reconnaissons aucun métier du référentiel")).to_be_visible(
        timeout=COLD
    )
    await expect(page.get_by_text("Motif : Aucun mot de métier reconnu dans ce titre.")).to_be_visible()

    # another profession is named, with its ROME code, and not forced into the framework
    await title.fill("Assistant dentaire H/F")
    await expect(
        page.get_by_text(
            "« Assistant / Assistante dentaire » (ROME J1312) est un autre métier que l'assistanat"
        )
    ).to_be_visible()
    await assert_accessible(page, "l'éditeur, intitulé hors référentiel")

    await page.get_by_label("Type de contrat").select_option("CDI")
    await page.get_by_label("Code postal").fill("75008")
    await page.get_by_role("button", name="Enregistrer le brouillon").click()
    await expect(page.get_by_text("Brouillon enregistré.")).to_be_visible()
    posting_id = posting_id_of(page)
    await expect(
        page.get_by_text("Aucun métier du référentiel n'est retenu pour cette offre")
    ).to_be_visible()

    # publishing it is not silent: the dialog explains, and cancelling leaves the draft
    await page.get_by_role("region", name="Cycle de vie").get_by_role("button", name="Publier").click()
    dialog = page.get_by_role("dialog")
    await expect(dialog).to_contain_text("elle ne sera proposée à aucun·e membre")
    await dialog.get_by_role("button", name="Annuler").click()
    await expect(dialog).to_be_hidden()
    assert (await api_posting(api, company, posting_id))["status"] == "DRAFT"
    await page.get_by_role("region", name="Cycle de vie").get_by_role("button", name="Publier").click()
    await dialog.get_by_role("button", name="Publier quand même").click()
    await expect(page.get_by_text("Annonce publiée")).to_be_visible()
    assert (await api_posting(api, company, posting_id))["status"] == "OPEN"


@pytest.mark.parametrize(("width", "height"), [(375, 740), (640, 400)], ids=["phone", "zoom-200"])
async def test_the_list_and_the_editor_fit_a_phone_and_200_percent_zoom(
    page: Page, web_server: WebServer, api: httpx.AsyncClient, width: int, height: int
) -> None:
    # 640 × 400 CSS pixels is a 1280 × 800 screen at 200 % zoom
    company = await new_company(web_server)
    await api_role(api, company, "Assistant·e de direction bilingue anglais, poste basé à Villeurbanne")
    await page.set_viewport_size({"width": width, "height": height})
    await sign_in_as(page, company)

    async def no_sideways_scroll(where: str) -> None:
        overflow = await page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{where} scrolls sideways by {overflow} px at {width} px"

    await page.goto("/partenaire/annonces")
    await expect(page.get_by_text("1 annonce trouvée.")).to_be_visible()
    await no_sideways_scroll("the list")
    await page.get_by_role("link", name=re.compile("^Assistant·e de direction bilingue")).click()
    await expect_heading(page, "Annonce : Assistant·e de direction bilingue")
    # a postal code serving one commune names it
    await expect(page.get_by_label("Commune")).to_have_value("Lyon 3e Arrondissement")
    await expect(page.get_by_label("Commune")).to_have_accessible_description(
        "La seule commune desservie par ce code postal."
    )
    await page.get_by_label("Description").fill("Profil jeune et dynamique.")
    await page.get_by_role("button", name="Enregistrer le brouillon").click()
    await expect(page.get_by_label("Description")).to_have_attribute("aria-invalid", "true")
    await no_sideways_scroll("the editor with an error")
    await assert_accessible(page, f"l'éditeur à {width} px")


async def test_a_place_given_by_its_town_alone_is_chosen_among_the_communes_of_that_name(
    page: Page, web_server: WebServer, api: httpx.AsyncClient
) -> None:
    company = await new_company(web_server)
    await sign_in_as(page, company)
    await page.goto("/partenaire/annonces/nouvelle-offre")
    await expect_heading(page, "Nouvelle offre d'emploi")
    await page.get_by_label("Intitulé", exact=True).fill("Assistant·e de direction")
    await page.get_by_label("Type de contrat").select_option("CDI")

    # no postal code: the town typed is looked up by name, and the communes of that name are offered
    await page.get_by_label("Commune", exact=True).fill("saint etienne")
    namesakes = page.get_by_role("combobox", name="Communes portant ce nom")
    await expect(namesakes).to_be_visible(timeout=COLD)
    await expect(namesakes.locator("option").nth(1)).to_have_text("Saint-Étienne (42000)")
    await assert_accessible(page, "l'éditeur, commune cherchée par son nom")
    await namesakes.select_option(label="Saint-Étienne (42000)")
    await expect(page.get_by_text("Commune retenue : Saint-Étienne")).to_be_visible()

    # saved: the chosen commune gives the postal code and the département
    await page.get_by_role("button", name="Enregistrer le brouillon").click()
    await expect(page.get_by_text("Brouillon enregistré.")).to_be_visible()
    saved = await api_posting(api, company, posting_id_of(page))
    assert (saved["communeCode"], saved["postalCode"], saved["departement"]) == ("42218", "42000", "42")
    assert saved["commune"] == "Saint-Étienne"
