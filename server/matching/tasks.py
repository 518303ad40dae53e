"""Matching jobs: a posting against all members, a member against all postings, the nightly re-match.

Idempotent: matches are upserted on (posting, member), answers are never overwritten, and a re-run
with the same data leaves the same rows. Members and postings the engine refuses are logged and
skipped; the others are matched.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from matching.framework import Framework
from matching.scoring import (
    MatchResult,
    MemberProfile,
    PostingCriteria,
    PostingPool,
    match_member,
    match_posting,
)
from matching.scoring.reference import check_posting
from matching.scoring.trace import trace
from server.db import transaction, utcnow
from server.framework.service import live_framework
from server.jobs.context import JobContext
from server.jobs.outbox import enqueue
from server.matching import repository
from server.matching.announcements import MatchEvent, live_updates, member_notifications
from server.matching.pool_cache import CachedPool, member_pools
from server.matching.serialise import trace_json
from server.models.matching import Match, MatchState, MemberResponse
from server.models.postings import Posting, PostingStatus
from server.notifications.service import notify_many

logger = logging.getLogger(__name__)


def _row(
    result: MatchResult, member: MemberProfile, posting: PostingCriteria, now: datetime
) -> dict[str, Any]:
    return {
        "id": uuid.uuid4(),
        "posting_id": uuid.UUID(result.posting_id),
        "member_user_id": uuid.UUID(result.member_id),
        "score": float(result.score),
        "state": MatchState.ACTIVE.value,
        "trace": trace_json(trace(result, member, posting)),
        "engine_version": result.engine_version,
        "weights": dict(result.weights),
        "created_at": now,
        "updated_at": now,
    }


async def _save(
    session: AsyncSession,
    results: Sequence[MatchResult],
    members: dict[str, MemberProfile],
    postings: dict[str, PostingCriteria],
    existing: dict[tuple[uuid.UUID, uuid.UUID], Match],
    partner_of: dict[uuid.UUID, uuid.UUID],
) -> list[MatchEvent]:
    """Upsert the results, expire what dropped out (but not a member's declared interest)."""
    now = utcnow()
    rows = [_row(r, members[r.member_id], postings[r.posting_id], now) for r in results]
    await repository.upsert_matches(session, rows)
    events = []
    kept = set()
    for row in rows:
        pair = (row["posting_id"], row["member_user_id"])
        kept.add(pair)
        previous = existing.get(pair)
        is_new = previous is None or previous.state is MatchState.EXPIRED
        events.append(
            MatchEvent(
                row["member_user_id"],
                partner_of[row["posting_id"]],
                row["posting_id"],
                "new" if is_new else "updated",
                row["score"],
            )
        )
    stale = [
        m
        for pair, m in existing.items()
        if pair not in kept and m.state is MatchState.ACTIVE and m.response is not MemberResponse.INTERESTED
    ]
    await repository.expire(session, [m.id for m in stale])
    events += [
        MatchEvent(
            m.member_user_id, partner_of.get(m.posting_id, uuid.UUID(int=0)), m.posting_id, "expired", m.score
        )
        for m in stale
    ]
    return events


async def _notify_new(session: AsyncSession, events: list[MatchEvent], titles: dict[uuid.UUID, str]) -> None:
    await notify_many(session, member_notifications(events, titles))


async def _publish(context: JobContext, events: list[MatchEvent]) -> None:
    """After commit: live clients (subscriptions) learn about the change, in one round trip."""
    await context.events.publish_many(live_updates(events))


async def match_posting_job(context: JobContext, payload: dict[str, Any]) -> None:
    """One posting against every eligible member; a closed posting's matches expire."""
    await match_postings_job(context, {"posting_ids": [payload["posting_id"]]})


async def match_postings_job(context: JobContext, payload: dict[str, Any]) -> None:
    """Several postings at once (the relay merges those published together): one transaction, one
    upsert, one notification insert and one round of live updates for all of them."""
    posting_ids = [uuid.UUID(str(value)) for value in payload["posting_ids"]]
    events: list[MatchEvent] = []
    async with transaction(context.session_factory) as session:
        postings = await repository.postings_by_ids(session, posting_ids)
        if not postings:
            return
        existing = await repository.existing_pairs(session, posting_ids=list(postings))
        framework = await live_framework(session)
        open_ids = [p.id for p in postings.values() if p.status is PostingStatus.OPEN]
        criteria = {
            posting_id: found
            for posting_id, found in (await repository.posting_inputs_by_ids(session, open_ids)).items()
            if _valid(found, framework)
        }
        closed = {pair: m for pair, m in existing.items() if pair[0] not in criteria}
        events = await _expire_closed(session, closed, postings)
        if criteria:
            cached, results = await _match_with_current_pool(session, framework, list(criteria.values()))
            events += await _save(
                session,
                results,
                cached.members,
                {found.posting_id: found for found in criteria.values()},
                {pair: m for pair, m in existing.items() if pair[0] in criteria},
                {p.id: p.partner_id for p in postings.values()},
            )
            await _notify_new(session, events, {p.id: p.title for p in postings.values()})
    await _publish(context, events)


async def _match_with_current_pool(
    session: AsyncSession, framework: Framework, criteria: list[PostingCriteria]
) -> tuple[CachedPool, list[MatchResult]]:
    """Match against the cached pool, after checking the members it proposes are still matchable.

    The pool follows member changes through their events; a member removed some other way (a
    database restore, a manual fix) would otherwise be proposed until the next full reload.
    """
    cached = await member_pools.get(session, framework)
    results = [r for found in criteria for r in match_posting(cached.pool, found)]
    proposed = list({uuid.UUID(r.member_id) for r in results})
    if len(await repository.matchable_among(session, proposed)) == len(proposed):
        return cached, results
    logger.warning("member pool out of date (members removed without an event): reloading it")
    member_pools.invalidate()
    cached = await member_pools.get(session, framework)
    return cached, [r for found in criteria for r in match_posting(cached.pool, found)]


async def _expire_closed(
    session: AsyncSession,
    existing: dict[tuple[uuid.UUID, uuid.UUID], Match],
    postings: dict[uuid.UUID, Posting],
) -> list[MatchEvent]:
    """Matches of postings no longer open (or no longer matchable) all expire."""
    stale = [m for m in existing.values() if m.state is MatchState.ACTIVE]
    await repository.expire(session, [m.id for m in stale])
    return [
        MatchEvent(m.member_user_id, postings[m.posting_id].partner_id, m.posting_id, "expired", m.score)
        for m in stale
    ]


def _valid(criteria: PostingCriteria, framework: Framework) -> bool:
    try:
        check_posting(criteria, framework)
    except ValueError:
        logger.exception("posting %s not matched: it names ids unknown to the framework", criteria.posting_id)
        return False
    return True


async def match_member_job(context: JobContext, payload: dict[str, Any]) -> None:
    """One member against every open posting; a hidden or deleted member's matches expire."""
    member_id = uuid.UUID(str(payload["member_id"]))
    events: list[MatchEvent] = []
    async with transaction(context.session_factory) as session:
        existing = await repository.existing_pairs(session, member_id=member_id)
        postings = await repository.postings_by_ids(session, [pair[0] for pair in existing])
        member = await repository.member_input_for(session, member_id)
        if member is None or not await repository.is_matchable_member(session, member_id):
            stale = [m for m in existing.values() if m.state is MatchState.ACTIVE]
            await repository.expire(session, [m.id for m in stale])
            events = [
                MatchEvent(member_id, postings[m.posting_id].partner_id, m.posting_id, "expired", m.score)
                for m in stale
                if m.posting_id in postings
            ]
        else:
            framework = await live_framework(session)
            criteria = [c for c in await repository.open_posting_inputs(session) if _valid(c, framework)]
            results = match_member(PostingPool.build(criteria, framework), member)
            open_postings = await repository.postings_by_ids(
                session, [uuid.UUID(c.posting_id) for c in criteria]
            )
            postings.update(open_postings)
            events = await _save(
                session,
                results,
                {member.member_id: member},
                {c.posting_id: c for c in criteria},
                existing,
                {p.id: p.partner_id for p in postings.values()},
            )
            await _notify_new(session, events, {p.id: p.title for p in postings.values()})
    await _publish(context, events)


async def rematch_all_job(context: JobContext, payload: dict[str, Any]) -> None:
    """Nightly: one job per open posting (a retry redoes one posting, not all), and expire the rest."""
    period = str(payload["period"])
    async with transaction(context.session_factory) as session:
        for posting_id in await repository.open_posting_ids(session):
            await enqueue(
                session,
                "match_posting",
                {"posting_id": str(posting_id)},
                dedup_key=f"rematch:{period}:{posting_id}",
            )
        for posting_id in await repository.posting_ids_with_active_matches_not_open(session):
            await enqueue(
                session,
                "match_posting",
                {"posting_id": str(posting_id)},
                dedup_key=f"expire:{period}:{posting_id}",
            )
