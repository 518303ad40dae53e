"""The partnership report in a real browser: request a period, follow the generation, read the figures
(charts with their tables), download the CSV archive and the PDF; axe-core on each state shown."""

from __future__ import annotations

import io
import uuid
import zipfile
from datetime import UTC, datetime

import httpx
from playwright.async_api import Page, expect

from server.models.matching import MemberResponse
from server.models.postings import PostingKind, PostingStatus
from tests.api.reports_helpers import add_match, add_member, add_posting
from tests.web.conftest import Account, WebServer
from tests.web.support import assert_accessible, expect_heading, path_is, sign_in

# A month no other browser test publishes in (they publish "now"): the figures are this test's own.
PERIOD = "2025-03"


def march(day: int) -> datetime:
    return datetime(2025, 3, day, 10, tzinfo=UTC)


async def march_activity(web_server: WebServer, partner_id: uuid.UUID) -> None:
    """Three postings published in March 2025 (two roles, one need), two matches, one interest."""
    factory = web_server.session_factory
    role = await add_posting(factory, partner_id, published_at=march(3))
    await add_posting(factory, partner_id, status=PostingStatus.FILLED, published_at=march(5))
    await add_posting(
        factory,
        partner_id,
        kind=PostingKind.NEED,
        title="Former l'équipe au tableur",
        occupation_id=None,
        rome_code=None,
        recognised=False,
        published_at=march(7),
    )
    for answer in (MemberResponse.INTERESTED, None):
        member = await add_member(
            factory, f"membre-rapport-{uuid.uuid4().hex[:8]}@exemple.fr", joined=march(1)
        )
        await add_match(
            factory,
            role,
            member,
            created_at=march(10),
            response=answer,
            responded_at=march(12) if answer else None,
        )


WATCH_STATUS = """() => {
  window.__reportStatuses = [];
  const record = () => document.querySelectorAll('.report__status').forEach(
    (node) => window.__reportStatuses.push(node.textContent));
  new MutationObserver(record).observe(
    document.body, { subtree: true, childList: true, characterData: true });
}"""


async def test_a_partner_admin_requests_reads_and_downloads_the_partnership_report(
    page: Page, web_server: WebServer, partner_admin: Account, api: httpx.AsyncClient
) -> None:
    # given March 2025 activity of the admin's company
    assert partner_admin.partner_id is not None
    await march_activity(web_server, partner_admin.partner_id)

    # when the admin opens the report page from the navigation
    await sign_in(page, partner_admin.email, partner_admin.password)
    await expect(page).to_have_url(path_is("/partenaire"))
    await (
        page.get_by_role("navigation", name="Navigation principale")
        .get_by_role("link", name="Rapport")
        .click()
    )
    await expect(page).to_have_url(path_is("/partenaire/rapport"))
    await expect_heading(page, "Rapport de partenariat")
    await assert_accessible(page, "la page du rapport")

    # then a period that does not exist is refused at the field
    period = page.get_by_label("Période")
    await period.fill("2025-13")
    await page.get_by_role("button", name="Générer le rapport").click()
    await expect(period).to_have_attribute("aria-invalid", "true")
    await assert_accessible(page, "le rapport avec une période refusée")

    # when they ask for March 2025, the generation's progress is shown, then the report
    await period.fill(PERIOD)
    await page.evaluate(WATCH_STATUS)
    await page.get_by_role("button", name="Générer le rapport").click()
    await expect(page.get_by_role("status").filter(has_text="Rapport prêt.")).to_be_visible(timeout=30_000)
    assert "rapport=" in page.url
    statuses: list[str] = await page.evaluate("window.__reportStatuses")
    assert any("En attente de génération" in text or "Génération" in text for text in statuses), statuses
    await expect(page.get_by_text("Période : mars 2025")).to_be_visible()

    # then the key figures and the charts are in the page, each chart with its table
    figures = page.locator(".key-figures")
    await expect(
        figures.locator("div", has=page.locator("dt", has_text="Annonces publiées")).locator("dd")
    ).to_have_text("3")
    await expect(
        figures.locator("div", has=page.locator("dt", has_text="Mises en relation")).locator("dd")
    ).to_have_text("2")
    funnel = page.get_by_role("figure", name="De l'annonce au poste pourvu")
    await expect(funnel.locator(".bars__item")).to_have_count(4)
    await funnel.get_by_text("Voir les données en tableau").click()
    table = funnel.get_by_role("table")
    await expect(table.get_by_role("row", name="Annonces publiées 3")).to_be_visible()
    await expect(table.get_by_role("row", name="Membres intéressé·es 1")).to_be_visible()
    await expect(page.get_by_role("figure", name="Évolution mensuelle").locator("svg circle")).to_have_count(
        4
    )
    await expect(
        page.get_by_role("figure", name="Comparaison avec votre niveau de partenariat")
    ).to_be_visible()
    await expect(page.get_by_role("figure", name="Métiers les plus demandés")).to_be_visible()
    await expect(page.get_by_role("table", name="Besoins d'appui stratégique et leur issue")).to_contain_text(
        "Former l'équipe au tableur"
    )
    await assert_accessible(page, "le rapport généré, un tableau ouvert")

    # and both downloads succeed: a ZIP of CSV files, and a PDF
    async with page.expect_download() as csv_download:
        await page.get_by_role("button", name="Tableaux (CSV, archive ZIP)").click()
    archive = await csv_download.value
    assert archive.suggested_filename.endswith(".zip")
    files = zipfile.ZipFile(io.BytesIO((await archive.path()).read_bytes())).namelist()
    assert "entonnoir.csv" in files and "indicateurs.csv" in files
    async with page.expect_download() as pdf_download:
        await page.get_by_role("button", name="Rapport (PDF)").click()
    pdf = await pdf_download.value
    assert pdf.suggested_filename.endswith(".pdf")
    assert (await pdf.path()).read_bytes()[:5] == b"%PDF-"
    for download, media_type in ((archive, "application/zip"), (pdf, "application/pdf")):
        served = await api.get(download.url)
        assert served.status_code == 200 and served.headers["content-type"] == media_type

    # and the report stays listed: a reload of its address shows it again
    await page.reload()
    await expect(page.get_by_role("status").filter(has_text="Rapport prêt.")).to_be_visible()
    await expect(page.get_by_role("link", name="Voir le rapport mars 2025")).to_be_visible()
    await assert_accessible(page, "le rapport rouvert")

    # and on a 375 px-wide phone the figures fit the screen (wide tables scroll in their own region)
    await page.set_viewport_size({"width": 375, "height": 800})
    await expect(page.get_by_role("figure", name="Évolution mensuelle")).to_be_visible()
    assert await page.evaluate("document.documentElement.scrollWidth") <= 375
    await assert_accessible(page, "le rapport sur un téléphone")
