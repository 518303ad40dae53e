"""A posting's candidates in the browser: a member's profile change makes a candidate appear live,
anonymised and saying why; their interest reveals the contact details live; feedback from the card."""

from __future__ import annotations

import re
import uuid

import httpx
from playwright.async_api import Page, expect
from sqlalchemy import select

from server.models.matching import FeedbackReason, Match, MatchFeedback
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

LIVE = 30_000  # ms: the matching job runs in the server's own worker, then the event is pushed


async def test_a_candidate_appears_live_anonymised_then_interested_then_gets_feedback(
    page: Page, api: httpx.AsyncClient, web_server: WebServer
) -> None:
    # given a published role in Lille, and a consenting member living far from it
    admin, _ = await fresh_company(web_server, tier_code="partenaire", name="Cabinet Lemaire")
    token = await token_of(api, admin)
    posting_id = await create_role(
        api, token, title="Assistant·e de direction H/F", postalCode="59000", commune="Lille"
    )
    member, member_email = await far_away_member(api, "Camille Lefebvre")

    # and the recruiter on the posting's candidates page, which has none yet
    await sign_in(page, admin.email, admin.password)
    await expect_heading(page, "Espace entreprise")
    await page.goto(f"/partenaire/annonces/{posting_id}/candidats")
    await expect_heading(page, "Candidat·es : Assistant·e de direction H/F")
    await expect(page.get_by_text("Aucun·e candidat·e pour l'instant.")).to_be_visible()
    await assert_accessible(page, "la liste de candidat·es vide")

    # when the member moves to Lille (a profile change through the API)
    await move_member(api, member, "59000")

    # then the candidate appears without a reload, anonymised, and the card says why
    card = page.get_by_role("article", name=re.compile("Candidat·e anonyme n° 1"))
    await expect(card).to_be_visible(timeout=LIVE)
    await expect(card.get_by_text("Profil anonymisé")).to_be_visible()
    await expect(card).to_contain_text("n'a pas rendu son profil visible des entreprises")
    await expect(card).to_contain_text("Les coordonnées apparaîtront quand le ou la membre se dira intéressé")
    await expect(card).not_to_contain_text("Camille Lefebvre")
    await expect(card).not_to_contain_text(member_email)
    await expect(card.get_by_text("Sans réponse")).to_be_visible()

    # and the score is read on its real scale: out of 100, each factor's points within its weight
    await expect(card.locator(".score .visually-hidden")).to_have_text(
        re.compile(r"^Score de correspondance : \d{1,3} sur 100$")
    )
    await expect(card.locator(".score")).to_contain_text(re.compile(r"\d{1,3} / 100"))
    factors = await card.locator(".factor__points").all_inner_texts()
    assert factors, "no factor bars on the card"
    for shown in factors:
        read = re.fullmatch(r"([\d,]+) / ([\d,]+) points", shown)
        assert read is not None, shown
        points, weight = read.groups()
        assert float(points.replace(",", ".")) <= float(weight.replace(",", ".")), shown
    factor_bars = card.get_by_role("region", name="Détail du score")
    await expect(factor_bars.get_by_text("Métier", exact=True)).to_be_visible()
    await card.get_by_text("Explication").click()
    await expect(card.get_by_text(re.compile(r"^Score de correspondance : .*/100"))).to_be_visible()
    await assert_accessible(page, "une carte anonymisée")

    # when the member says interested (through the API)
    await say_interested(api, member, posting_id)

    # then their name and contact details appear without a reload
    revealed = page.get_by_role("article", name=re.compile("Camille Lefebvre"))
    await expect(revealed).to_be_visible(timeout=LIVE)
    await expect(revealed.get_by_role("link", name=member_email)).to_be_visible()
    await expect(revealed.get_by_text("Intéressé·e", exact=True)).to_be_visible()
    await expect(revealed).to_contain_text("Profil visible : le ou la membre s'est dit·e intéressé·e")
    await expect(revealed).to_contain_text("Disponible dès le mois prochain")
    await expect(page.get_by_text("Profil anonymisé")).to_have_count(0)

    # and the "interested only" filter keeps them (and goes into the address)
    # (the box follows the address, which the router updates in a transition: click, then wait for it)
    interested_only = page.get_by_label("Seulement les membres intéressé·es")
    await interested_only.click()
    await expect(page).to_have_url(re.compile(r"\?interesses=1$"))
    await expect(interested_only).to_be_checked()
    await expect(revealed).to_be_visible()
    await assert_accessible(page, "la carte d'un·e candidat·e intéressé·e")

    # when the recruiter gives feedback from the card, with the keyboard where it matters
    await revealed.get_by_role("button", name="Donner un avis sur cette proposition").click()
    relevant = revealed.get_by_role("radio", name="Oui, pertinente")
    await expect(relevant).to_be_focused()
    await revealed.get_by_role("radio", name="Non, pas pertinente").check()
    await revealed.get_by_label("Motif principal").select_option(label="Compétence manquante")
    await revealed.get_by_label("Commentaire (facultatif)").fill("Il manque la maîtrise de l'IA générative.")
    await assert_accessible(page, "le formulaire d'avis")
    await revealed.get_by_role("button", name="Envoyer l'avis").click()

    # then it is thanked for, and recorded with its reason code
    await expect(revealed.get_by_text("Merci : votre avis est enregistré.")).to_be_visible()
    await page.set_viewport_size({"width": 375, "height": 740})
    overflow = await page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"the candidates page scrolls sideways by {overflow} px at 375 px"
    async with web_server.session_factory() as session:
        feedback = (
            await session.scalars(
                select(MatchFeedback)
                .join(Match, Match.id == MatchFeedback.match_id)
                .where(Match.posting_id == uuid.UUID(posting_id))
            )
        ).all()
    assert [(f.relevant, f.reason, f.comment) for f in feedback] == [
        (False, FeedbackReason.MISSING_COMPETENCY, "Il manque la maîtrise de l'IA générative.")
    ]


async def test_a_posting_of_another_company_is_not_found(
    page: Page, api: httpx.AsyncClient, web_server: WebServer
) -> None:
    owner, _ = await fresh_company(web_server, tier_code="partenaire", name="Maison Girard")
    posting_id = await create_role(api, await token_of(api, owner), postalCode="59000", commune="Lille")
    stranger, _ = await fresh_company(web_server, tier_code="partenaire", name="Société Morel")

    await sign_in(page, stranger.email, stranger.password)
    await expect_heading(page, "Espace entreprise")
    await page.goto(f"/partenaire/annonces/{posting_id}/candidats")

    await expect_heading(page, "Page introuvable")
    await assert_accessible(page, "les candidat·es d'une autre entreprise")
