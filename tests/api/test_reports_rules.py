"""Report periods, refusals with their exact (field, code), signed download links, and the CSV
columns documented in docs/reports.md."""

from __future__ import annotations

import re
import uuid
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import update

from server.db import transaction, utcnow
from server.models.accounts import User, UserRole
from server.models.reports import ReportFormat
from server.reports.signing import download_path
from tests.api.reports_helpers import (
    DOWNLOAD,
    REQUEST_FEDERATION,
    REQUEST_PARTNER,
    add_posting,
    at,
    csv_files,
    download,
    finished,
)
from tests.support import create_partner, create_user, gql, issue_token

ROOT = Path(__file__).resolve().parents[2]


async def staff_token(factory: Any) -> str:
    staff = await create_user(factory, email="staff@federation.fr", role=UserRole.FEDERATION_ADMIN)
    return await issue_token(factory, staff.id)


@pytest.mark.parametrize(
    ("given", "key", "label", "start", "end"),
    [
        ("2026-10", "2026-10", "octobre 2026", "2026-10-01", "2026-10-31"),
        ("2024-02", "2024-02", "février 2024", "2024-02-01", "2024-02-29"),
        ("2026-Q3", "2026-Q3", "3e trimestre 2026", "2026-07-01", "2026-09-30"),
        ("2026-t1", "2026-Q1", "1er trimestre 2026", "2026-01-01", "2026-03-31"),
        ("2025", "2025", "année 2025", "2025-01-01", "2025-12-31"),
        (
            " 2026-01-15..2026-03-31 ",
            "2026-01-15..2026-03-31",
            "du 15/01/2026 au 31/03/2026",
            "2026-01-15",
            "2026-03-31",
        ),
    ],
)
async def test_periods_by_month_quarter_year_or_dates(
    client: httpx.AsyncClient, session_factory: Any, given: str, key: str, label: str, start: str, end: str
) -> None:
    token = await staff_token(session_factory)

    body = await gql(client, REQUEST_FEDERATION, {"period": given}, token)

    report = body["data"]["requestFederationReport"]["report"]
    assert report["period"] == {"key": key, "label": label, "start": start, "end": end}


@pytest.mark.parametrize(
    ("period", "code"),
    [
        ("octobre", "INVALID_PERIOD"),
        ("2026-13", "INVALID_PERIOD"),
        ("2026-Q5", "INVALID_PERIOD"),
        ("2026-02-30..2026-03-01", "INVALID_PERIOD"),
        ("2026-03-01..2026-02-01", "DATES_INCOHERENT"),
        ("2019-01-01..2026-01-01", "PERIOD_TOO_LONG"),
        ("2999-01", "DATE_IN_FUTURE"),
    ],
)
async def test_a_bad_period_is_refused_with_its_code(
    client: httpx.AsyncClient, session_factory: Any, period: str, code: str
) -> None:
    token = await staff_token(session_factory)
    partner = await create_partner(session_factory)

    federation = await gql(client, REQUEST_FEDERATION, {"period": period}, token)
    for_partner = await gql(client, REQUEST_PARTNER, {"partnerId": str(partner.id), "period": period}, token)

    for payload in (
        federation["data"]["requestFederationReport"],
        for_partner["data"]["requestPartnerReport"],
    ):
        assert payload["report"] is None
        assert [(e["field"], e["code"]) for e in payload["errors"]] == [("period", code)]
        assert payload["errors"][0]["message"]


async def test_a_download_link_is_signed_and_short_lived(
    client: httpx.AsyncClient, session_factory: Any
) -> None:
    token = await staff_token(session_factory)
    body = await gql(client, REQUEST_FEDERATION, {"period": "2026-10"}, token)
    report = await finished(client, token, body["data"]["requestFederationReport"]["report"]["id"])
    report_id = uuid.UUID(report["id"])
    link = (await gql(client, DOWNLOAD, {"id": report["id"], "format": "PDF"}, token))["data"]["report"]

    good = await client.get(link["downloadUrl"])
    tampered = await client.get(link["downloadUrl"].replace("/pdf?", "/html?"))
    forged = await client.get(re.sub(r"signature=\w+", "signature=" + "0" * 64, link["downloadUrl"]))
    # a link handed out eleven minutes ago has expired (signed with the real key, as GraphQL would)
    secret = client._transport.app.state.runtime.settings.secret_key  # type: ignore[attr-defined]
    me = uuid.UUID((await gql(client, "{ me { id } }", {}, token))["data"]["me"]["id"])
    stale = await client.get(
        download_path(secret, report_id, ReportFormat.PDF, utcnow() - timedelta(minutes=11), me)
    )
    unsigned = await client.get(f"/reports/{report_id}/download/pdf")

    assert good.status_code == 200 and good.content.startswith(b"%PDF")
    assert good.headers["cache-control"] == "private, no-store"
    assert [r.status_code for r in (tampered, forged, stale)] == [403, 403, 403]
    assert "expiré" in stale.json()["error"]
    assert unsigned.status_code == 404


async def test_no_link_before_the_report_is_ready(client: httpx.AsyncClient, session_factory: Any) -> None:
    token = await staff_token(session_factory)
    body = await gql(
        client,
        """mutation { requestFederationReport(period: "2026-10") {
             report { status downloadUrl(format: CSV_ZIP) tables { name } } } }""",
        {},
        token,
    )

    # the payload tells the state at request time: queued, nothing to download yet
    report = body["data"]["requestFederationReport"]["report"]
    assert report == {"status": "PENDING", "downloadUrl": None, "tables": []}


def documented_columns() -> dict[str, list[str]]:
    """docs/reports.md: a `### `nom_du_tableau`` heading, then rows whose first cell is `colonne`."""
    tables: dict[str, list[str]] = {}
    current = None
    for line in (ROOT / "docs" / "reports.md").read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            heading = re.match(r"^### `(\w+)`", line)
            current = tables.setdefault(heading[1], []) if heading else None
        elif current is not None and (cell := re.match(r"^\| `(\w+)` \|", line)):
            current.append(cell[1])
    return tables


async def test_every_csv_table_and_column_is_documented(
    client: httpx.AsyncClient, session_factory: Any
) -> None:
    token = await staff_token(session_factory)
    partner = await create_partner(session_factory)
    await add_posting(session_factory, partner.id, published_at=at(3))
    federation = await gql(client, REQUEST_FEDERATION, {"period": "2026-10"}, token)
    of_partner = await gql(
        client, REQUEST_PARTNER, {"partnerId": str(partner.id), "period": "2026-10"}, token
    )
    docs = documented_columns()

    for payload in (
        federation["data"]["requestFederationReport"],
        of_partner["data"]["requestPartnerReport"],
    ):
        report = await finished(client, token, payload["report"]["id"])
        files = csv_files((await download(client, token, report["id"], "CSV_ZIP")).content)
        for name, content in files.items():
            header = content.splitlines()[0].split(";")
            documented = docs.get(name.removesuffix(".csv"), [])
            assert set(header) <= set(documented), f"docs/reports.md does not describe every column of {name}"


async def test_a_download_link_checks_the_right_at_download_time(
    client: httpx.AsyncClient, session_factory: Any
) -> None:
    staff = await staff_token(session_factory)
    partner = await create_partner(session_factory)
    second = await create_partner(session_factory, name="Beta", siren="732829320")
    admin = await create_user(
        session_factory, email="admin@acme.fr", role=UserRole.PARTNER_ADMIN, partner_id=partner.id
    )
    recruiter = await create_user(
        session_factory, email="rh@beta.fr", role=UserRole.PARTNER_RECRUITER, partner_id=second.id
    )
    admin_token = await issue_token(session_factory, admin.id)
    body = await gql(client, REQUEST_PARTNER, {"partnerId": str(partner.id), "period": "2026-10"}, staff)
    report = await finished(client, staff, body["data"]["requestPartnerReport"]["report"]["id"])
    links = [
        (await gql(client, DOWNLOAD, {"id": report["id"], "format": "PDF"}, who))["data"]["report"][
            "downloadUrl"
        ]
        for who in (admin_token, staff)
    ]
    assert [(await client.get(link)).status_code for link in links] == [200, 200]
    # a link handed to one user does not work with another's id in it
    other = re.sub(r"user=[\w-]+", f"user={recruiter.id}", links[0])
    assert (await client.get(other)).status_code == 403
    # the partnership ends: the partner's link stops working at once, the federation's still works
    ended = await gql(
        client,
        "mutation($id: UUID!) { changePartnerStatus(id: $id, status: ENDED) { errors { code } } }",
        {"id": str(partner.id)},
        staff,
    )
    assert ended["data"]["changePartnerStatus"]["errors"] == []
    refused = await client.get(links[0])
    assert refused.status_code == 403 and "plus accès" in refused.json()["error"]
    assert (await client.get(links[1])).status_code == 200
    # a deactivated staff member's link stops working too
    async with transaction(session_factory) as session:
        await session.execute(update(User).where(User.email == "staff@federation.fr").values(is_active=False))
    assert (await client.get(links[1])).status_code == 403
