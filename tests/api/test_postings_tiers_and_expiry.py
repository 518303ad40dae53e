"""Tier perks (quota of open postings, featuring) and the daily job that closes expired postings."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

from sqlalchemy import func, select

from server.db import transaction, utcnow
from server.jobs.schedule import DAILY_JOBS, tick
from server.models.audit import AuditEntry
from server.models.postings import Posting
from server.postings.tasks import close_expired_postings
from tests.api.postings_helpers import (
    CREATE_ROLE,
    create_role,
    move,
    partner_user,
    role_input,
)
from tests.conftest import wait_until
from tests.support import gql, settle_jobs

STATUS = "query($id: UUID!) { posting(id: $id) { status closedAt } }"


async def test_publishing_over_the_tier_quota_names_the_limit_and_the_tier(
    client: Any, session_factory: Any
) -> None:
    # given a « Découverte » partner (3 open postings at once) with four drafts
    token, _ = await partner_user(session_factory, tier_code="decouverte")
    drafts = [await create_role(client, token) for _ in range(4)]
    for draft in drafts[:3]:
        assert (await move(client, token, "publishPosting", draft["id"]))["errors"] == []

    # when the fourth is published
    refused = await move(client, token, "publishPosting", drafts[3]["id"])

    # then the typed error names the limit and the tier
    [error] = refused["errors"]
    assert (error["field"], error["code"]) == (None, "OPEN_POSTINGS_QUOTA_REACHED")
    assert "3 offre(s)" in error["message"]
    assert "« Découverte »" in error["message"]

    # and pausing one frees a place, which reopening it then needs again
    assert (await move(client, token, "pausePosting", drafts[0]["id"]))["errors"] == []
    assert (await move(client, token, "publishPosting", drafts[3]["id"]))["errors"] == []
    again = await move(client, token, "reopenPosting", drafts[0]["id"])
    assert [e["code"] for e in again["errors"]] == ["OPEN_POSTINGS_QUOTA_REACHED"]


async def test_featuring_is_a_perk_of_the_tier(client: Any, session_factory: Any) -> None:
    # given a « Partenaire » company (no featuring) and a « premium » one
    token, _ = await partner_user(session_factory)
    premium, _ = await partner_user(
        session_factory, email="rh@premium.fr", siren="732829320", tier_code="premium", name="Premium SA"
    )

    # when both ask for a featured role
    refused = await gql(client, CREATE_ROLE, {"input": role_input(featured=True)}, token)
    accepted = await create_role(client, premium, featured=True)

    # then only the premium partner gets it
    assert [(e["field"], e["code"]) for e in refused["data"]["createRole"]["errors"]] == [
        ("featured", "FEATURING_NOT_IN_TIER")
    ]
    assert "« Partenaire »" in refused["data"]["createRole"]["errors"][0]["message"]
    assert accepted["featured"] is True


async def _expire(session_factory: Any, posting_id: str, days_ago: int) -> None:
    async with transaction(session_factory) as session:
        posting = await session.get(Posting, uuid.UUID(posting_id))
        assert posting is not None
        posting.start_date = None
        posting.expiry_date = utcnow().date() - timedelta(days=days_ago)


async def test_the_daily_job_closes_expired_postings(client: Any, session_factory: Any, app: Any) -> None:
    # given an open role and a paused role whose expiry dates have passed, and one still valid
    token, _ = await partner_user(session_factory)
    roles = [await create_role(client, token) for _ in range(3)]
    for role in roles:
        await move(client, token, "publishPosting", role["id"])
    await move(client, token, "pausePosting", roles[1]["id"])
    await _expire(session_factory, roles[0]["id"], 1)
    await _expire(session_factory, roles[1]["id"], 10)
    assert "close_expired_postings" in {daily.job for daily in DAILY_JOBS}

    # when the scheduler ticks after the job's hour
    await tick(session_factory, now=utcnow().replace(hour=23))

    # then the expired ones are closed by the job, the other stays open
    async def closed() -> bool:
        statuses = [
            (await gql(client, STATUS, {"id": r["id"]}, token))["data"]["posting"]["status"]
            for r in roles[:2]
        ]
        return statuses == ["CLOSED", "CLOSED"]

    await wait_until(closed)
    still = await gql(client, STATUS, {"id": roles[2]["id"]}, token)
    assert still["data"]["posting"] == {"status": "OPEN", "closedAt": None}

    # and running it again, once the worker's jobs are done, changes nothing (idempotent)
    await settle_jobs(app)
    await close_expired_postings(app.state.runtime.job_context, {"period": utcnow().date().isoformat()})
    async with session_factory() as session:
        expirations = await session.scalar(
            select(func.count()).select_from(AuditEntry).where(AuditEntry.action == "posting.expire")
        )
    assert expirations == 2
