"""The reports' SQL: every figure is counted by the database (GROUP BY, COUNT), never row by row.

Each function returns a small grouped result (a few hundred rows at most, one per occupation,
département, month…). A measure is counted in the period of its own event: a posting when it was
published, a match when it was proposed, an answer when it was given, a role when it was filled.
`partner_id` narrows a measure to one company's postings; None counts the whole federation.
"""

from __future__ import annotations

import hashlib
import uuid
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, TypeVarTuple

from sqlalchemy import Select, and_, bindparam, case, distinct, func, or_, select, text
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.elements import ColumnElement

from server.kit.types import UTCDateTime
from server.models.audit import AuditEntry
from server.models.framework import ReviewItem, ReviewState
from server.models.matching import Match, MemberResponse
from server.models.members import MemberProfile
from server.models.partners import Partner, PartnershipTier, PartnerStatus
from server.models.postings import NormalisationStatus, Posting, PostingCompetency, PostingKind, PostingStatus
from server.reports.periods import Period

FORMAT_VERSION = "1"  # bump when a report's content changes: stored reports are then regenerated
Ts = TypeVarTuple("Ts")
RESOLVED_STATES = (ReviewState.ATTACHED, ReviewState.OTHER_PROFESSION)
MONTHLY_MEASURES = ("postings", "matches", "interested", "declined", "filled")


def _dialect(session: AsyncSession) -> str:
    return session.get_bind().dialect.name


def _month(session: AsyncSession, column: Any) -> ColumnElement[str]:
    """ "YYYY-MM" of a UTC timestamp or a date, in the database's own dialect."""
    if _dialect(session) == "postgresql":
        return func.to_char(func.timezone("UTC", column), "YYYY-MM")
    return func.strftime("%Y-%m", column)


def _within(column: Any, period: Period) -> ColumnElement[bool]:
    return and_(column >= period.starts_at, column < period.ends_before)


def _scoped(query: Select[*Ts], partner_id: uuid.UUID | None) -> Select[*Ts]:
    return query if partner_id is None else query.where(Posting.partner_id == partner_id)


def _published(period: Period) -> ColumnElement[bool]:
    return _within(Posting.published_at, period)


def _filled(period: Period) -> ColumnElement[bool]:
    return (Posting.status == PostingStatus.FILLED) & _within(Posting.closed_at, period)


async def postings_by_kind_status(
    session: AsyncSession, period: Period, partner_id: uuid.UUID | None
) -> list[tuple[PostingKind, PostingStatus, int]]:
    query = (
        select(Posting.kind, Posting.status, func.count())
        .where(_published(period))
        .group_by(Posting.kind, Posting.status)
    )
    rows = await session.execute(_scoped(query, partner_id))
    return [(PostingKind(kind), PostingStatus(status), int(count)) for kind, status, count in rows]


async def normalisation_counts(
    session: AsyncSession, period: Period, partner_id: uuid.UUID | None
) -> dict[NormalisationStatus, int]:
    query = (
        select(Posting.normalisation_status, func.count())
        .where(_published(period))
        .group_by(Posting.normalisation_status)
    )
    rows = await session.execute(_scoped(query, partner_id))
    return {NormalisationStatus(status): int(count) for status, count in rows}


@dataclass(frozen=True)
class OccupationDemand:
    occupation_id: str | None
    rome_code: str | None
    roles: int
    needs: int


async def demand_by_occupation(
    session: AsyncSession, period: Period, partner_id: uuid.UUID | None
) -> list[OccupationDemand]:
    roles = func.sum(case((Posting.kind == PostingKind.ROLE, 1), else_=0))
    needs = func.sum(case((Posting.kind == PostingKind.NEED, 1), else_=0))
    query = (
        select(Posting.occupation_id, func.max(Posting.rome_code), roles, needs)
        .where(_published(period))
        .group_by(Posting.occupation_id)
        .order_by(func.count().desc(), Posting.occupation_id)
    )
    rows = await session.execute(_scoped(query, partner_id))
    return [OccupationDemand(occ, rome, int(r or 0), int(n or 0)) for occ, rome, r, n in rows]


async def demand_by_departement(session: AsyncSession, period: Period) -> list[tuple[str | None, int]]:
    """None stands for fully remote postings (they have no département)."""
    rows = await session.execute(
        select(Posting.departement, func.count())
        .where(_published(period))
        .group_by(Posting.departement)
        .order_by(func.count().desc(), Posting.departement)
    )
    return [(departement, int(count)) for departement, count in rows]


async def demand_by_competency(
    session: AsyncSession, period: Period, partner_id: uuid.UUID | None
) -> list[tuple[str, int, int]]:
    """(competency, postings asking for it, of which as a requirement)."""
    required = func.sum(case((PostingCompetency.required.is_(True), 1), else_=0))
    query = (
        select(PostingCompetency.competency_id, func.count(), required)
        .join(Posting, Posting.id == PostingCompetency.posting_id)
        .where(_published(period))
        .group_by(PostingCompetency.competency_id)
        .order_by(func.count().desc(), PostingCompetency.competency_id)
    )
    rows = await session.execute(_scoped(query, partner_id))
    return [(competency, int(count), int(req or 0)) for competency, count, req in rows]


async def monthly_activity(
    session: AsyncSession, period: Period, partner_id: uuid.UUID | None
) -> dict[str, dict[str, int]]:
    """Month → measure → count; one grouped query per event, each reading its own date."""
    months: dict[str, dict[str, int]] = {key: dict.fromkeys(MONTHLY_MEASURES, 0) for key in period.months()}

    async def add(measure: str, query: Select[str, int]) -> None:
        for month, count in await session.execute(_scoped(query, partner_id)):
            if month in months:
                months[month][measure] = int(count)

    published_month = _month(session, Posting.published_at)
    await add(
        "postings",
        select(published_month, func.count()).where(_published(period)).group_by(published_month),
    )
    created_month = _month(session, Match.created_at)
    matches = select(created_month, func.count()).where(_within(Match.created_at, period))
    if partner_id is not None:
        matches = matches.join(Posting, Posting.id == Match.posting_id)
    await add("matches", matches.group_by(created_month))
    answered_month = _month(session, Match.responded_at)
    answers = select(answered_month, Match.response, func.count()).where(
        Match.response.is_not(None), _within(Match.responded_at, period)
    )
    if partner_id is not None:
        answers = answers.join(Posting, Posting.id == Match.posting_id)
    measure_of = {MemberResponse.INTERESTED: "interested", MemberResponse.DECLINED: "declined"}
    for month, response, count in await session.execute(
        _scoped(answers, partner_id).group_by(answered_month, Match.response)
    ):
        if month in months:
            months[month][measure_of[MemberResponse(str(response))]] = int(count)
    filled_month = _month(session, Posting.closed_at)
    await add("filled", select(filled_month, func.count()).where(_filled(period)).group_by(filled_month))
    return months


@dataclass(frozen=True)
class PostingTimes:
    published_at: datetime
    first_interest_at: datetime | None
    filled_at: datetime | None


async def posting_times(session: AsyncSession, period: Period, partner_id: uuid.UUID) -> list[PostingTimes]:
    """For each posting published in the period: its first interested answer and when it was filled."""
    first_interest = (
        select(Match.posting_id, func.min(Match.responded_at).label("first_at"))
        .join(Posting, Posting.id == Match.posting_id)
        .where(
            Match.response == MemberResponse.INTERESTED, Posting.partner_id == partner_id, _published(period)
        )
        .group_by(Match.posting_id)
        .subquery()
    )
    rows = await session.execute(
        select(Posting.published_at, first_interest.c.first_at, Posting.closed_at, Posting.status)
        .outerjoin(first_interest, first_interest.c.posting_id == Posting.id)
        .where(Posting.partner_id == partner_id, _published(period))
    )
    return [
        PostingTimes(
            published_at=published,
            first_interest_at=first_at,
            filled_at=closed if PostingStatus(status) is PostingStatus.FILLED else None,
        )
        for published, first_at, closed, status in rows
    ]


@dataclass(frozen=True)
class NeedOutcome:
    title: str
    need_kind: str
    status: PostingStatus
    published_at: datetime
    matches: int
    interested: int


async def needs_outcome(session: AsyncSession, period: Period, partner_id: uuid.UUID) -> list[NeedOutcome]:
    interested = func.sum(case((Match.response == MemberResponse.INTERESTED, 1), else_=0))
    rows = await session.execute(
        select(
            Posting.title,
            Posting.need_kind,
            Posting.status,
            Posting.published_at,
            func.count(Match.id),
            interested,
        )
        .outerjoin(Match, Match.posting_id == Posting.id)
        .where(Posting.partner_id == partner_id, Posting.kind == PostingKind.NEED, _published(period))
        .group_by(Posting.id, Posting.title, Posting.need_kind, Posting.status, Posting.published_at)
        .order_by(Posting.published_at, Posting.id)
    )
    return [
        NeedOutcome(title, str(kind), PostingStatus(status), published, int(count), int(inter or 0))
        for title, kind, status, published, count, inter in rows
    ]


TIER_METRICS = ("postings", "matches", "interested", "filled")


async def tier_metrics(
    session: AsyncSession, period: Period, partner: Partner
) -> dict[uuid.UUID, dict[str, int]]:
    """The four headline measures of `partner` and of the other active or suspended partners of its tier."""
    members = select(Partner.id).where(
        Partner.tier_code == partner.tier_code,
        or_(Partner.status.in_((PartnerStatus.ACTIVE, PartnerStatus.SUSPENDED)), Partner.id == partner.id),
    )
    metrics: dict[uuid.UUID, dict[str, int]] = {
        partner_id: dict.fromkeys(TIER_METRICS, 0) for partner_id in (await session.scalars(members)).all()
    }
    if not metrics:
        return metrics
    in_tier = Posting.partner_id.in_(members)
    proposed = _within(Match.created_at, period)
    interested = and_(Match.response == MemberResponse.INTERESTED, _within(Match.responded_at, period))
    queries: dict[str, Select[uuid.UUID, int]] = {
        "postings": select(Posting.partner_id, func.count()).where(in_tier, _published(period)),
        "filled": select(Posting.partner_id, func.count()).where(in_tier, _filled(period)),
    }
    for measure, query in queries.items():
        for partner_id, count in await session.execute(query.group_by(Posting.partner_id)):
            metrics.setdefault(partner_id, dict.fromkeys(TIER_METRICS, 0))[measure] = int(count)
    # matches and answers in one pass over the tier's matches
    rows = await session.execute(
        select(
            Posting.partner_id,
            func.sum(case((proposed, 1), else_=0)),
            func.sum(case((interested, 1), else_=0)),
        )
        .join(Match, Match.posting_id == Posting.id)
        .where(in_tier, or_(proposed, interested))
        .group_by(Posting.partner_id)
    )
    for partner_id, matches, answers in rows:
        counts = metrics.setdefault(partner_id, dict.fromkeys(TIER_METRICS, 0))
        counts["matches"], counts["interested"] = int(matches or 0), int(answers or 0)
    return metrics


async def partners_by_tier_status(session: AsyncSession) -> list[tuple[str, str, PartnerStatus, int]]:
    """(tier code, tier label, status, partners), tiers in their rank order."""
    rows = await session.execute(
        select(Partner.tier_code, PartnershipTier.label, Partner.status, func.count())
        .join(PartnershipTier, PartnershipTier.code == Partner.tier_code)
        .group_by(Partner.tier_code, PartnershipTier.label, PartnershipTier.rank, Partner.status)
        .order_by(PartnershipTier.rank, Partner.tier_code, Partner.status)
    )
    return [(tier, label, PartnerStatus(status), int(count)) for tier, label, status, count in rows]


@dataclass(frozen=True)
class PartnershipMovements:
    renewals_due: int
    renewals_overdue: int
    started: int
    ended: int


async def partnership_movements(session: AsyncSession, period: Period, today: date) -> PartnershipMovements:
    """Renewals due in the period, overdue at its end (or today), partnerships started and ended."""
    active = Partner.status == PartnerStatus.ACTIVE
    cutoff = min(period.end, today)
    due = await session.scalar(
        select(func.count()).where(active, Partner.renewal_date.between(period.start, period.end))
    )
    overdue = await session.scalar(select(func.count()).where(active, Partner.renewal_date < cutoff))
    started = await session.scalar(
        select(func.count()).where(Partner.start_date.between(period.start, period.end))
    )
    ended = await session.scalar(
        select(func.count(distinct(AuditEntry.entity_id))).where(
            AuditEntry.action == "partner.status",
            AuditEntry.changes["status"]["to"].as_string() == PartnerStatus.ENDED.value,
            _within(AuditEntry.at, period),
        )
    )
    return PartnershipMovements(int(due or 0), int(overdue or 0), int(started or 0), int(ended or 0))


_MISSING_SQL = {
    "postgresql": """
        SELECT item ->> 'competency_id' AS competency, count(*) AS matches,
               count(DISTINCT m.member_user_id) AS members
        FROM matches AS m
        CROSS JOIN LATERAL json_array_elements(
            CASE WHEN json_typeof(m.trace -> 'missing') = 'array'
                 THEN m.trace -> 'missing' ELSE '[]'::json END) AS item
        WHERE m.created_at >= :start AND m.created_at < :end
        GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT :limit
    """,
    "sqlite": """
        SELECT json_extract(item.value, '$.competency_id') AS competency, count(*) AS matches,
               count(DISTINCT m.member_user_id) AS members
        FROM matches AS m, json_each(m.trace, '$.missing') AS item
        WHERE m.created_at >= :start AND m.created_at < :end
        GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT :limit
    """,
}


async def missing_competencies(
    session: AsyncSession, period: Period, limit: int
) -> list[tuple[str, int, int]]:
    """The competencies most often missing in the period's matches: (competency, matches, members).

    The match's trace stores `missing` as a list of {"competency_id", …}; the JSON is unnested by the
    database (json_array_elements / json_each), so two million matches never reach Python.
    """
    statement = text(_MISSING_SQL[_dialect(session)]).bindparams(
        bindparam("start", period.starts_at, type_=UTCDateTime()),
        bindparam("end", period.ends_before, type_=UTCDateTime()),
        bindparam("limit", limit),
    )
    rows = await session.execute(statement)
    return [(str(competency), int(count), int(members)) for competency, count, members in rows if competency]


async def members_by_occupation(session: AsyncSession) -> list[tuple[str | None, int]]:
    rows = await session.execute(
        select(MemberProfile.headline_occupation_id, func.count())
        .group_by(MemberProfile.headline_occupation_id)
        .order_by(func.count().desc(), MemberProfile.headline_occupation_id)
    )
    return [(occupation, int(count)) for occupation, count in rows]


async def members_by_departement(session: AsyncSession) -> list[tuple[str | None, int]]:
    rows = await session.execute(
        select(MemberProfile.departement, func.count()).group_by(MemberProfile.departement)
    )
    return [(departement, int(count)) for departement, count in rows]


async def members_by_visibility(session: AsyncSession) -> dict[str, int]:
    rows = await session.execute(
        select(MemberProfile.visibility, func.count()).group_by(MemberProfile.visibility)
    )
    return {str(visibility): int(count) for visibility, count in rows}


async def members_joined(session: AsyncSession, period: Period) -> dict[str, int]:
    month = _month(session, MemberProfile.created_at)
    rows = await session.execute(
        select(month, func.count()).where(_within(MemberProfile.created_at, period)).group_by(month)
    )
    return {key: int(count) for key, count in rows}


@dataclass(frozen=True)
class ReviewQueueFigures:
    pending: int  # now
    new: int  # first seen during the period
    resolved: int  # resolved during the period (attached or marked as another profession)
    titles_resolved: int  # postings and profiles whose title those resolutions concerned


async def review_queue(session: AsyncSession, period: Period) -> ReviewQueueFigures:
    pending = await session.scalar(select(func.count()).where(ReviewItem.state == ReviewState.PENDING))
    new = await session.scalar(select(func.count()).where(_within(ReviewItem.first_seen_at, period)))
    resolved, titles = (
        await session.execute(
            select(
                func.count(), func.coalesce(func.sum(ReviewItem.posting_count + ReviewItem.profile_count), 0)
            ).where(ReviewItem.state.in_(RESOLVED_STATES), _within(ReviewItem.resolved_at, period))
        )
    ).one()
    return ReviewQueueFigures(int(pending or 0), int(new or 0), int(resolved or 0), int(titles or 0))


async def data_version(session: AsyncSession) -> str:
    """A fingerprint of the data reports read: equal fingerprints give equal reports.

    Row counts catch deletions, the latest update catches edits; a few index-or-scan aggregates,
    cheap next to generating a report again; computed once per session (the monthly job asks for
    hundreds of reports in one transaction).
    """
    cached = session.info.get("report_data_version")
    if isinstance(cached, str):
        return cached
    parts: list[Any] = [FORMAT_VERSION]
    for stamp, model in (
        (Partner.updated_at, Partner),
        (Posting.updated_at, Posting),
        (Match.updated_at, Match),
        (MemberProfile.updated_at, MemberProfile),
        (ReviewItem.last_seen_at, ReviewItem),
    ):
        summary = select(func.count(), func.max(stamp)).select_from(model)
        count, latest = (await session.execute(summary)).one()
        parts += [count, latest]
    resolved = await session.scalar(select(func.max(ReviewItem.resolved_at)))
    competencies = await session.scalar(select(func.count()).select_from(PostingCompetency))
    parts += [resolved, competencies]
    version = hashlib.sha256(repr(parts).encode()).hexdigest()[:32]
    session.info["report_data_version"] = version
    return version


def median(values: list[float]) -> float | None:
    """Median of a small in-memory list (the grouped results), None when empty."""
    if not values:
        return None
    ordered = sorted(values)
    middle = len(ordered) // 2
    return float(ordered[middle]) if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def group_counts(pairs: list[tuple[str | None, int]], key_of: Any) -> dict[str, int]:
    """Re-group small (key, count) rows under a coarser key (département → région)."""
    grouped: dict[str, int] = defaultdict(int)
    for key, count in pairs:
        grouped[key_of(key)] += count
    return dict(grouped)
