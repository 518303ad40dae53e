"""All SQL of the matching domain: engine inputs in bulk, match upserts and expiries, listings."""

from __future__ import annotations

import logging
import uuid
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Select, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import load_only

from matching.scoring import MemberProfile, PostingCriteria
from server.db import utcnow
from server.jobs.match_requests import MEMBER_CHANGED_JOB
from server.kit.bulk import upsert_rows
from server.matching.inputs import member_input, posting_input
from server.models.accounts import User, UserRole
from server.models.matching import FeedbackReason, Match, MatchFeedback, MatchState, MemberResponse
from server.models.members import MemberCompetency, MemberExperience, MemberLanguage, Visibility
from server.models.members import MemberProfile as StoredProfile
from server.models.outbox import OutboxEvent
from server.models.postings import Posting, PostingCompetency, PostingLanguage, PostingStatus

UPSERT_CHUNK = 500
logger = logging.getLogger(__name__)


def _eligible_members() -> Select[StoredProfile]:
    return (
        select(StoredProfile)
        .join(User, User.id == StoredProfile.user_id)
        .where(
            User.is_active.is_(True),
            User.email_verified_at.is_not(None),  # an unverified sign-up is never proposed to partners
            User.role == UserRole.MEMBER,
            StoredProfile.visibility != Visibility.HIDDEN,
        )
    )


async def _member_inputs(session: AsyncSession, profiles: Sequence[StoredProfile]) -> list[MemberProfile]:
    ids = [profile.user_id for profile in profiles]
    if not ids:
        return []
    competencies: dict[uuid.UUID, list[MemberCompetency]] = defaultdict(list)
    languages: dict[uuid.UUID, list[MemberLanguage]] = defaultdict(list)
    experiences: dict[uuid.UUID, list[MemberExperience]] = defaultdict(list)
    for start in range(0, len(ids), 5000):
        chunk = ids[start : start + 5000]
        for competency in await session.scalars(
            select(MemberCompetency).where(MemberCompetency.user_id.in_(chunk))
        ):
            competencies[competency.user_id].append(competency)
        for language in await session.scalars(
            select(MemberLanguage).where(MemberLanguage.user_id.in_(chunk))
        ):
            languages[language.user_id].append(language)
        for experience in await session.scalars(
            select(MemberExperience)
            .where(MemberExperience.user_id.in_(chunk))
            .order_by(MemberExperience.start_month.desc(), MemberExperience.id)
        ):
            experiences[experience.user_id].append(experience)
    inputs = []
    for p in profiles:
        try:
            inputs.append(
                member_input(p, competencies[p.user_id], languages[p.user_id], experiences[p.user_id])
            )
        except ValueError:
            logger.exception("member %s skipped: profile data the engine refuses", p.user_id)
    return inputs


async def eligible_member_inputs(
    session: AsyncSession, user_ids: Sequence[uuid.UUID] | None = None
) -> list[MemberProfile]:
    """Every active member who consented to be matched (visibility anonymous or visible), or those
    of `user_ids` who are."""
    query = _eligible_members().order_by(StoredProfile.user_id)
    if user_ids is not None:
        query = query.where(StoredProfile.user_id.in_(user_ids))
    profiles = list((await session.scalars(query)).all())
    return await _member_inputs(session, profiles)


async def member_input_for(session: AsyncSession, user_id: uuid.UUID) -> MemberProfile | None:
    """One member as the engine sees them, whatever their visibility (diagnostics need it)."""
    return (await member_inputs_by_ids(session, [user_id])).get(user_id)


async def member_inputs_by_ids(
    session: AsyncSession, user_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, MemberProfile]:
    """Members as the engine sees them, whatever their visibility; absent when erased or refused."""
    profiles = list(
        (await session.scalars(select(StoredProfile).where(StoredProfile.user_id.in_(user_ids)))).all()
    )
    return {uuid.UUID(member.member_id): member for member in await _member_inputs(session, profiles)}


async def matchable_among(session: AsyncSession, user_ids: Sequence[uuid.UUID]) -> set[uuid.UUID]:
    """Which of these members are still matchable now (an index lookup each).

    The ids filter both tables: with the users' statistics out of date (after a bulk import, before
    autovacuum's ANALYZE) the planner otherwise scanned every user and probed the profiles for each,
    the job's costliest statement by far (15 ms instead of 0.3 ms for 35 members among 3,000).
    """
    found: set[uuid.UUID] = set()
    for start in range(0, len(user_ids), 5000):
        chunk = user_ids[start : start + 5000]
        query = _eligible_members().where(StoredProfile.user_id.in_(chunk), User.id.in_(chunk))
        found.update(await session.scalars(query.with_only_columns(StoredProfile.user_id)))
    return found


async def is_matchable_member(session: AsyncSession, user_id: uuid.UUID) -> bool:
    found = await session.scalar(
        _eligible_members().where(StoredProfile.user_id == user_id).with_only_columns(StoredProfile.user_id)
    )
    return found is not None


async def _posting_inputs(session: AsyncSession, postings: Sequence[Posting]) -> list[PostingCriteria]:
    ids = [posting.id for posting in postings]
    if not ids:
        return []
    competencies: dict[uuid.UUID, list[PostingCompetency]] = defaultdict(list)
    languages: dict[uuid.UUID, list[PostingLanguage]] = defaultdict(list)
    for start in range(0, len(ids), 5000):
        chunk = ids[start : start + 5000]
        for competency in await session.scalars(
            select(PostingCompetency).where(PostingCompetency.posting_id.in_(chunk))
        ):
            competencies[competency.posting_id].append(competency)
        for language in await session.scalars(
            select(PostingLanguage).where(PostingLanguage.posting_id.in_(chunk))
        ):
            languages[language.posting_id].append(language)
    inputs = []
    for p in postings:
        try:
            inputs.append(posting_input(p, competencies[p.id], languages[p.id]))
        except ValueError:
            logger.exception("posting %s skipped: data the engine refuses", p.id)
    return inputs


async def open_posting_inputs(session: AsyncSession) -> list[PostingCriteria]:
    postings = list(
        (
            await session.scalars(
                select(Posting).where(Posting.status == PostingStatus.OPEN).order_by(Posting.id)
            )
        ).all()
    )
    return await _posting_inputs(session, postings)


async def get_posting(session: AsyncSession, posting_id: uuid.UUID) -> Posting | None:
    return await session.get(Posting, posting_id)


async def posting_input_for(session: AsyncSession, posting: Posting) -> PostingCriteria | None:
    found = await _posting_inputs(session, [posting])
    return found[0] if found else None


async def posting_inputs_by_ids(
    session: AsyncSession, posting_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, PostingCriteria]:
    postings = list((await session.scalars(select(Posting).where(Posting.id.in_(posting_ids)))).all())
    return await posting_inputs_of(session, postings)


async def posting_inputs_of(
    session: AsyncSession, postings: Sequence[Posting]
) -> dict[uuid.UUID, PostingCriteria]:
    """Postings already read, as the engine sees them (their competencies and languages are read)."""
    return {uuid.UUID(criteria.posting_id): criteria for criteria in await _posting_inputs(session, postings)}


async def open_posting_ids(session: AsyncSession) -> list[uuid.UUID]:
    rows = await session.scalars(select(Posting.id).where(Posting.status == PostingStatus.OPEN))
    return list(rows.all())


async def existing_pairs(
    session: AsyncSession,
    *,
    posting_ids: Sequence[uuid.UUID] | None = None,
    member_id: uuid.UUID | None = None,
) -> dict[tuple[uuid.UUID, uuid.UUID], Match]:
    # what a job compares and expires; the JSON columns stay in the database
    query = select(Match).options(
        load_only(Match.id, Match.posting_id, Match.member_user_id, Match.score, Match.state, Match.response)
    )
    if posting_ids is not None:
        query = query.where(Match.posting_id.in_(posting_ids))
    if member_id is not None:
        query = query.where(Match.member_user_id == member_id)
    return {(m.posting_id, m.member_user_id): m for m in await session.scalars(query)}


async def upsert_matches(session: AsyncSession, rows: list[dict[str, Any]]) -> None:
    """Insert or update in place on (posting, member): the member's answer is never touched."""
    if not rows:
        return
    await upsert_rows(
        session,
        Match,
        rows,
        conflict=("posting_id", "member_user_id"),
        update=("score", "trace", "engine_version", "weights", "state", "updated_at"),
    )


async def expire(session: AsyncSession, match_ids: Sequence[uuid.UUID]) -> None:
    for start in range(0, len(match_ids), UPSERT_CHUNK):
        await session.execute(
            update(Match)
            .where(Match.id.in_(match_ids[start : start + UPSERT_CHUNK]))
            .values(state=MatchState.EXPIRED, updated_at=utcnow())
        )


async def get_match(session: AsyncSession, match_id: uuid.UUID) -> Match | None:
    return await session.get(Match, match_id)


async def get_pair(session: AsyncSession, posting_id: uuid.UUID, member_id: uuid.UUID) -> Match | None:
    return await session.scalar(
        select(Match).where(Match.posting_id == posting_id, Match.member_user_id == member_id)
    )


def member_matches_query(
    member_id: uuid.UUID,
    *,
    kinds: Sequence[str] | None,
    min_score: float | None,
    responses: Sequence[MemberResponse] | None,
    include_unanswered: bool,
) -> Select[Match]:
    """A member's live opportunities: active matches of open postings."""
    query = (
        select(Match)
        .join(Posting, Posting.id == Match.posting_id)
        .where(
            Match.member_user_id == member_id,
            Match.state == MatchState.ACTIVE,
            Posting.status == PostingStatus.OPEN,
        )
    )
    if kinds:
        query = query.where(Posting.kind.in_(kinds))
    if min_score is not None:
        query = query.where(Match.score >= min_score)
    if responses is not None:
        condition = Match.response.in_(responses)
        query = query.where(condition | Match.response.is_(None) if include_unanswered else condition)
    return query


def posting_matches_query(posting_id: uuid.UUID, *, interested_only: bool) -> Select[Match]:
    query = select(Match).where(Match.posting_id == posting_id, Match.state == MatchState.ACTIVE)
    if interested_only:
        query = query.where(Match.response == MemberResponse.INTERESTED)
    return query


async def postings_by_ids(session: AsyncSession, ids: list[uuid.UUID]) -> dict[uuid.UUID, Posting]:
    return {p.id: p for p in await session.scalars(select(Posting).where(Posting.id.in_(ids)))}


async def upsert_feedback(
    session: AsyncSession,
    *,
    match: Match,
    author_id: uuid.UUID,
    relevant: bool,
    reason: FeedbackReason,
    comment: str | None,
) -> MatchFeedback:
    existing = await session.scalar(
        select(MatchFeedback).where(MatchFeedback.match_id == match.id, MatchFeedback.author_id == author_id)
    )
    feedback = existing or MatchFeedback(match_id=match.id, author_id=author_id)
    feedback.relevant = relevant
    feedback.reason = reason
    feedback.comment = comment
    feedback.engine_version = match.engine_version
    if existing is None:
        session.add(feedback)
    return feedback


async def feedback_counts(session: AsyncSession) -> list[tuple[str, FeedbackReason, bool, int]]:
    rows = await session.execute(
        select(MatchFeedback.engine_version, MatchFeedback.reason, MatchFeedback.relevant, func.count())
        .group_by(MatchFeedback.engine_version, MatchFeedback.reason, MatchFeedback.relevant)
        .order_by(MatchFeedback.engine_version, MatchFeedback.reason)
    )
    return [
        (version, FeedbackReason(reason), bool(relevant), int(n)) for version, reason, relevant, n in rows
    ]


async def response_counts(session: AsyncSession) -> list[tuple[str, MemberResponse, int]]:
    rows = await session.execute(
        select(Match.response_engine_version, Match.response, func.count())
        .where(Match.response.is_not(None))
        .group_by(Match.response_engine_version, Match.response)
    )
    return [(str(version), MemberResponse(str(response)), int(n)) for version, response, n in rows]


async def posting_ids_with_active_matches_not_open(session: AsyncSession) -> list[uuid.UUID]:
    rows = await session.scalars(
        select(Match.posting_id)
        .join(Posting, Posting.id == Match.posting_id)
        .where(Match.state == MatchState.ACTIVE, Posting.status != PostingStatus.OPEN)
        .distinct()
    )
    return list(rows.all())


async def member_changes_revision(session: AsyncSession) -> int:
    """Grows whenever a member's matching data, visibility or account changes (one index lookup).

    Every such change enqueues a `match_member` job in its own transaction, so the newest of those
    outbox rows marks the members' revision; it costs the same with 100 or 100,000 members.
    """
    latest = await session.scalar(
        select(func.max(OutboxEvent.id)).where(OutboxEvent.job == MEMBER_CHANGED_JOB)
    )
    return int(latest or 0)


async def member_changes_after(session: AsyncSession, revision: int) -> list[tuple[int, uuid.UUID]]:
    """(event id, member) of the member changes recorded after `revision`, through the same index."""
    rows = await session.execute(
        select(OutboxEvent.id, OutboxEvent.payload)
        .where(OutboxEvent.job == MEMBER_CHANGED_JOB, OutboxEvent.id > revision)
        .order_by(OutboxEvent.id)
    )
    return [(int(event_id), uuid.UUID(str(payload["member_id"]))) for event_id, payload in rows.all()]
