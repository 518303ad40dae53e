"""CSV exports: no cell a spreadsheet would run as a formula (OWASP CSV injection), in every file."""

from __future__ import annotations

import csv
import io
from typing import Any

import httpx

from server.models.accounts import UserRole
from server.models.postings import PostingKind
from tests.api.reports_helpers import (
    REQUEST_FEDERATION,
    REQUEST_PARTNER,
    add_posting,
    at,
    csv_files,
    download,
    finished,
)
from tests.support import create_partner, create_user, gql, issue_token

DANGEROUS = ("=", "+", "-", "@", "\t", "\r")
TITLES = ("@SUM(1+1)*cmd", "+33 appui", "-2+3", "\tTabulé", "=1+1", "\rRetour")


async def test_every_csv_of_every_export_neutralises_formulas(
    client: httpx.AsyncClient, session_factory: Any
) -> None:
    staff = await create_user(session_factory, email="staff@federation.fr", role=UserRole.FEDERATION_ADMIN)
    token = await issue_token(session_factory, staff.id)
    partner = await create_partner(session_factory, name='=HYPERLINK("https://evil.example","x")')
    for title in TITLES:
        await add_posting(session_factory, partner.id, title=title, kind=PostingKind.NEED, published_at=at(3))
    federation = await gql(client, REQUEST_FEDERATION, {"period": "2026-10"}, token)
    of_partner = await gql(
        client, REQUEST_PARTNER, {"partnerId": str(partner.id), "period": "2026-10"}, token
    )
    texts: list[str] = []
    for payload in (
        federation["data"]["requestFederationReport"],
        of_partner["data"]["requestPartnerReport"],
    ):
        report = await finished(client, token, payload["report"]["id"])
        files = csv_files((await download(client, token, report["id"], "CSV_ZIP")).content)
        assert files
        for name, content in files.items():
            for row in csv.reader(io.StringIO(content), delimiter=";"):
                for cell in row:
                    assert not cell.startswith(DANGEROUS), (name, cell)
                    texts.append(cell)
    for title in TITLES:  # each free text reached a file, defused
        assert "'" + title in texts
