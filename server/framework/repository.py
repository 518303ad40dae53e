"""All SQL about framework additions and the review queue."""

from __future__ import annotations

import uuid

from sqlalchemy import Select, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from server.db import utcnow
from server.kit.bulk import dialect_insert
from server.models.framework import FrameworkAlias, ReviewItem, ReviewState


async def alias_revision(session: AsyncSession) -> tuple[int, str]:
    """A cheap fingerprint of the staff additions: (count, newest id), to know when to rebuild."""
    count, newest = (
        await session.execute(select(func.count(FrameworkAlias.id), func.max(FrameworkAlias.created_at)))
    ).one()
    return int(count or 0), str(newest or "")


async def all_aliases(session: AsyncSession) -> list[FrameworkAlias]:
    rows = await session.scalars(select(FrameworkAlias).order_by(FrameworkAlias.created_at))
    return list(rows.all())


async def get_alias(session: AsyncSession, alias: str) -> FrameworkAlias | None:
    return await session.scalar(select(FrameworkAlias).where(FrameworkAlias.alias == alias))


async def ensure_review_item(session: AsyncSession, key: str, title: str, status: str) -> None:
    """Create the queue entry if missing; concurrent writers converge on one row."""
    now = utcnow()
    await session.execute(
        dialect_insert(session, ReviewItem)
        .values(
            id=uuid.uuid4(),
            key=key,
            sample_title=title[:300],
            examples=[],
            seen_count=0,
            posting_count=0,
            profile_count=0,
            last_status=status,
            last_confidence=0.0,
            state=ReviewState.PENDING,
            first_seen_at=now,
            last_seen_at=now,
        )
        .on_conflict_do_nothing(index_elements=["key"])
    )


async def review_item_by_key(session: AsyncSession, key: str) -> ReviewItem | None:
    query = select(ReviewItem).where(ReviewItem.key == key)
    if session.get_bind().dialect.name == "postgresql":
        query = query.with_for_update()
    return await session.scalar(query)


async def get_review_item(session: AsyncSession, item_id: uuid.UUID) -> ReviewItem | None:
    return await session.get(ReviewItem, item_id)


def review_query(state: ReviewState | None) -> Select[ReviewItem]:
    query = select(ReviewItem)
    if state is not None:
        query = query.where(ReviewItem.state == state)
    return query


async def review_counts(session: AsyncSession) -> dict[ReviewState, int]:
    rows = await session.execute(select(ReviewItem.state, func.count()).group_by(ReviewItem.state))
    return {ReviewState(state): int(count) for state, count in rows.all()}
