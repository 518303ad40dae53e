"""All SQL about postings, their competencies and languages."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, NamedTuple, TypeVar

from sqlalchemy import Integer, Result, Select, case, cast, delete, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from server.kit.validation import contains_pattern
from server.models.matching import Match, MatchState, MemberResponse
from server.models.postings import (
    CefrLevel,
    NeedKind,
    Posting,
    PostingCompetency,
    PostingKind,
    PostingLanguage,
    PostingStatus,
)
from server.postings.validation import CompetencyRequirement, LanguageRequirement

RowT = TypeVar("RowT")

LIVE = (PostingStatus.OPEN, PostingStatus.PAUSED)


async def get_posting(session: AsyncSession, posting_id: uuid.UUID) -> Posting | None:
    return await session.get(Posting, posting_id)


async def count_open(session: AsyncSession, partner_id: uuid.UUID) -> int:
    total = await session.scalar(
        select(func.count())
        .select_from(Posting)
        .where(Posting.partner_id == partner_id, Posting.status == PostingStatus.OPEN)
    )
    return int(total or 0)


async def count_for_partners(session: AsyncSession, partner_ids: Sequence[uuid.UUID]) -> int:
    total = await session.scalar(
        select(func.count()).select_from(Posting).where(Posting.partner_id.in_(partner_ids))
    )
    return int(total or 0)


async def replace_competencies(
    session: AsyncSession, posting_id: uuid.UUID, items: Sequence[CompetencyRequirement]
) -> None:
    await session.execute(delete(PostingCompetency).where(PostingCompetency.posting_id == posting_id))
    session.add_all(
        PostingCompetency(
            posting_id=posting_id,
            competency_id=item.competency_id,
            level=item.level,
            required=item.required,
            must_have=item.must_have,
        )
        for item in items
    )


async def replace_languages(
    session: AsyncSession, posting_id: uuid.UUID, items: Sequence[LanguageRequirement]
) -> None:
    await session.execute(delete(PostingLanguage).where(PostingLanguage.posting_id == posting_id))
    session.add_all(
        PostingLanguage(posting_id=posting_id, code=item.code, level=item.level) for item in items
    )


async def competencies_of(session: AsyncSession, posting_id: uuid.UUID) -> list[PostingCompetency]:
    return (await competencies_by_posting_ids(session, [posting_id])).get(posting_id, [])


async def languages_of(session: AsyncSession, posting_id: uuid.UUID) -> list[PostingLanguage]:
    return (await languages_by_posting_ids(session, [posting_id])).get(posting_id, [])


async def competencies_by_posting_ids(
    session: AsyncSession, ids: list[uuid.UUID]
) -> dict[uuid.UUID, list[PostingCompetency]]:
    rows = await session.scalars(
        select(PostingCompetency)
        .where(PostingCompetency.posting_id.in_(ids))
        .order_by(
            PostingCompetency.posting_id,
            PostingCompetency.required.desc(),
            PostingCompetency.level.desc(),
            PostingCompetency.competency_id,
        )
    )
    found: dict[uuid.UUID, list[PostingCompetency]] = {}
    for row in rows:
        found.setdefault(row.posting_id, []).append(row)
    return found


class CompetencyRow(NamedTuple):
    """A posting's competency as lists read it: a plain row, no ORM instance to build and track."""

    posting_id: uuid.UUID
    competency_id: str
    level: int
    required: bool
    must_have: bool


class LanguageRow(NamedTuple):
    posting_id: uuid.UUID
    code: str
    level: CefrLevel


async def competency_rows_by_posting_ids(
    session: AsyncSession, ids: list[uuid.UUID]
) -> dict[uuid.UUID, list[CompetencyRow]]:
    """Like `competencies_by_posting_ids`, as Core rows: what a page of postings reads (DataLoader)."""
    table = PostingCompetency.__table__
    result = await session.execute(
        select(table.c.posting_id, table.c.competency_id, table.c.level, table.c.required, table.c.must_have)
        .where(table.c.posting_id.in_(ids))
        .order_by(table.c.posting_id, table.c.required.desc(), table.c.level.desc(), table.c.competency_id)
    )
    return _grouped_by_posting(result, CompetencyRow)


async def language_rows_by_posting_ids(
    session: AsyncSession, ids: list[uuid.UUID]
) -> dict[uuid.UUID, list[LanguageRow]]:
    table = PostingLanguage.__table__
    result = await session.execute(
        select(table.c.posting_id, table.c.code, table.c.level)
        .where(table.c.posting_id.in_(ids))
        .order_by(table.c.posting_id, table.c.code)
    )
    return _grouped_by_posting(result, LanguageRow)


def _grouped_by_posting(rows: Result[Any], make: Callable[..., RowT]) -> dict[uuid.UUID, list[RowT]]:
    """Rows whose first column is the posting id, as one list per posting (order kept)."""
    found: dict[uuid.UUID, list[RowT]] = {}
    for row in rows:
        found.setdefault(row[0], []).append(make(*row))
    return found


async def languages_by_posting_ids(
    session: AsyncSession, ids: list[uuid.UUID]
) -> dict[uuid.UUID, list[PostingLanguage]]:
    rows = await session.scalars(
        select(PostingLanguage)
        .where(PostingLanguage.posting_id.in_(ids))
        .order_by(PostingLanguage.posting_id, PostingLanguage.code)
    )
    found: dict[uuid.UUID, list[PostingLanguage]] = {}
    for row in rows:
        found.setdefault(row.posting_id, []).append(row)
    return found


@dataclass(frozen=True)
class MatchCounts:
    """Active matches of a posting, and how many members said they are interested."""

    matches: int
    interested: int


async def match_counts_by_posting_ids(
    session: AsyncSession, ids: list[uuid.UUID]
) -> dict[uuid.UUID, MatchCounts]:
    active = cast(Match.state == MatchState.ACTIVE, Integer)
    interested = case((Match.response == MemberResponse.INTERESTED, 1), else_=0)
    rows = await session.execute(
        select(Match.posting_id, func.sum(active), func.sum(interested))
        .where(Match.posting_id.in_(ids))
        .group_by(Match.posting_id)
    )
    return {posting_id: MatchCounts(int(matches or 0), int(keen or 0)) for posting_id, matches, keen in rows}


def postings_query(
    *,
    partner_id: uuid.UUID | None = None,
    statuses: list[PostingStatus] | None = None,
    kinds: list[PostingKind] | None = None,
    need_kinds: list[NeedKind] | None = None,
    occupation_ids: list[str] | None = None,
    search: str | None = None,
) -> Select[Posting]:
    query = select(Posting)
    if partner_id is not None:
        query = query.where(Posting.partner_id == partner_id)
    if statuses:
        query = query.where(Posting.status.in_(statuses))
    if kinds:
        query = query.where(Posting.kind.in_(kinds))
    if need_kinds:
        query = query.where(Posting.need_kind.in_(need_kinds))
    if occupation_ids:
        query = query.where(Posting.occupation_id.in_(occupation_ids))
    if search:
        pattern = contains_pattern(search)
        query = query.where(
            or_(
                func.lower(Posting.title).like(pattern, escape="\\"),
                func.lower(Posting.description).like(pattern, escape="\\"),
            )
        )
    return query


async def expired_live_postings(session: AsyncSession, today: date) -> list[Posting]:
    """Open or paused postings whose expiry date has passed (the expiry day itself still counts)."""
    rows = await session.scalars(
        select(Posting)
        .where(Posting.status.in_(LIVE), Posting.expiry_date < today)
        .order_by(Posting.expiry_date, Posting.id)
    )
    return list(rows.all())


async def roles_to_renormalise(session: AsyncSession) -> list[Posting]:
    """Roles still in use whose occupation comes from the normaliser (not chosen by the user)."""
    rows = await session.scalars(
        select(Posting).where(
            Posting.kind == PostingKind.ROLE,
            Posting.occupation_override.is_(None),
            Posting.status.in_((PostingStatus.DRAFT, *LIVE)),
        )
    )
    return list(rows.all())
