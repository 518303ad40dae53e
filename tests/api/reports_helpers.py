"""Factories and GraphQL documents for the reports tests: rows are written directly (setup), every
assertion goes through GraphQL, the download route or the command line."""

from __future__ import annotations

import io
import uuid
import zipfile
from datetime import UTC, datetime
from typing import Any

import httpx
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from server.db import transaction
from server.models.accounts import UserRole
from server.models.framework import ReviewItem, ReviewState
from server.models.matching import Match, MemberResponse
from server.models.members import MemberProfile, Visibility
from server.models.postings import (
    ContractType,
    NeedKind,
    NormalisationStatus,
    Posting,
    PostingCompetency,
    PostingKind,
    PostingStatus,
    RemotePolicy,
)
from tests.conftest import wait_until
from tests.support import create_user, gql

Factory = async_sessionmaker[AsyncSession]

REPORT_FIELDS = """
  id kind status progress dataVersion title finishedAt
  period { key label start end }
  partner { id name }
  tables { name title columns { key label } rows }
"""
REQUEST_PARTNER = f"""mutation($partnerId: UUID!, $period: String!) {{
  requestPartnerReport(partnerId: $partnerId, period: $period) {{
    report {{ {REPORT_FIELDS} }} errors {{ field message code }} }}
}}"""
REQUEST_FEDERATION = f"""mutation($period: String!) {{
  requestFederationReport(period: $period) {{ report {{ {REPORT_FIELDS} }} errors {{ field message code }} }}
}}"""
REPORT = f"""query($id: UUID!) {{ report(id: $id) {{ {REPORT_FIELDS} }} }}"""
DOWNLOAD = (
    """query($id: UUID!, $format: ReportFormat!) { report(id: $id) { downloadUrl(format: $format) } }"""
)
REPORTS = """query($kind: ReportKind) {
  reports(filter: {kind: $kind}) { totalCount edges { node { id kind period { key } partner { name } } } }
}"""


def at(day: int, month: int = 10, year: int = 2026, hour: int = 10) -> datetime:
    return datetime(year, month, day, hour, tzinfo=UTC)


async def add_posting(
    factory: Factory,
    partner_id: uuid.UUID,
    *,
    kind: PostingKind = PostingKind.ROLE,
    status: PostingStatus = PostingStatus.OPEN,
    title: str = "Assistant·e de direction",
    occupation_id: str | None = "assistant_direction",
    rome_code: str | None = "M1604",
    recognised: bool = True,
    published_at: datetime | None = None,
    closed_at: datetime | None = None,
    departement: str | None = "69",
    competencies: tuple[tuple[str, bool], ...] = (("gestion_agenda", True),),
) -> uuid.UUID:
    async with transaction(factory) as session:
        posting = Posting(
            partner_id=partner_id,
            kind=kind,
            need_kind=NeedKind.UPSKILLING if kind is PostingKind.NEED else None,
            contract_type=ContractType.CDI if kind is PostingKind.ROLE else None,
            status=status,
            title=title,
            description="",
            occupation_id=occupation_id,
            rome_code=rome_code,
            normalisation_status=NormalisationStatus.MATCHED if recognised else NormalisationStatus.UNKNOWN,
            normalisation_confidence=0.9 if recognised else 0.2,
            title_attributes={},
            remote_policy=RemotePolicy.NONE if departement else RemotePolicy.FULL,
            departement=departement,
            published_at=published_at,
            closed_at=closed_at,
            featured=False,
        )
        session.add(posting)
        await session.flush()
        for competency_id, required in competencies:
            session.add(
                PostingCompetency(
                    posting_id=posting.id, competency_id=competency_id, level=3, required=required
                )
            )
        return posting.id


async def add_member(
    factory: Factory,
    email: str,
    *,
    occupation_id: str | None = "assistant_direction",
    departement: str | None = "69",
    visibility: Visibility = Visibility.VISIBLE,
    joined: datetime | None = None,
) -> uuid.UUID:
    user = await create_user(factory, email=email, role=UserRole.MEMBER)
    async with transaction(factory) as session:
        session.add(
            MemberProfile(
                user_id=user.id,
                headline_occupation_id=occupation_id,
                departement=departement,
                visibility=visibility,
                created_at=joined or at(2),
            )
        )
    return user.id


async def add_match(
    factory: Factory,
    posting_id: uuid.UUID,
    member_id: uuid.UUID,
    *,
    created_at: datetime,
    response: MemberResponse | None = None,
    responded_at: datetime | None = None,
    missing: tuple[str, ...] = (),
) -> None:
    async with transaction(factory) as session:
        session.add(
            Match(
                posting_id=posting_id,
                member_user_id=member_id,
                score=72.5,
                trace={
                    "score": 72.5,
                    "missing": [
                        {
                            "competency_id": cid,
                            "asked_level": 3,
                            "member_level": 1,
                            "required": True,
                            "gap": 2,
                        }
                        for cid in missing
                    ],
                },
                engine_version="test",
                weights={},
                response=response,
                responded_at=responded_at,
                created_at=created_at,
            )
        )


async def add_review_item(
    factory: Factory, key: str, *, state: ReviewState, resolved_at: datetime | None, postings: int
) -> None:
    async with transaction(factory) as session:
        session.add(
            ReviewItem(
                key=key,
                sample_title=key,
                examples=[key],
                seen_count=postings,
                posting_count=postings,
                profile_count=0,
                last_status="unknown",
                state=state,
                resolved_at=resolved_at,
                first_seen_at=at(3),
                last_seen_at=at(3),
            )
        )


async def finished(client: httpx.AsyncClient, token: str, report_id: str) -> dict[str, Any]:
    """Poll `report(id)` like a client until the job has finished; returns the report."""
    latest: dict[str, Any] = {}

    async def done() -> bool:
        nonlocal latest
        body = await gql(client, REPORT, {"id": report_id}, token)
        latest = body["data"]["report"]
        return latest["status"] in ("DONE", "FAILED")

    await wait_until(done, within=60)
    assert latest["status"] == "DONE", latest
    return latest


def table_of(report: dict[str, Any], name: str) -> list[dict[str, str | None]]:
    """A report table as dicts keyed by column key."""
    table = next(t for t in report["tables"] if t["name"] == name)
    keys = [column["key"] for column in table["columns"]]
    return [dict(zip(keys, row, strict=True)) for row in table["rows"]]


def figure(report: dict[str, Any], key: str) -> str | None:
    return next(row["valeur"] for row in table_of(report, "indicateurs") if row["indicateur"] == key)


async def download(client: httpx.AsyncClient, token: str, report_id: str, fmt: str) -> httpx.Response:
    body = await gql(client, DOWNLOAD, {"id": report_id, "format": fmt}, token)
    url = body["data"]["report"]["downloadUrl"]
    assert url, body
    return await client.get(url)


def csv_files(archive: bytes) -> dict[str, str]:
    with zipfile.ZipFile(io.BytesIO(archive)) as zipped:
        return {name: zipped.read(name).decode("utf-8-sig") for name in zipped.namelist()}
