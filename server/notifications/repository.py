"""All SQL about in-app notifications."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import Select, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from server.kit.bulk import upsert_rows
from server.models.accounts import User
from server.models.notifications import Notification


async def insert_once(session: AsyncSession, values: list[dict[str, object]]) -> None:
    """Insert unless the same (user, dedup key) exists: jobs can re-run without duplicates."""
    await upsert_rows(session, Notification, values, conflict=("user_id", "dedup_key"))


def for_user_query(user_id: uuid.UUID, *, unread_only: bool) -> Select[Notification]:
    query = select(Notification).where(Notification.user_id == user_id)
    if unread_only:
        query = query.where(Notification.read_at.is_(None))
    return query


async def count_unread(session: AsyncSession, user_id: uuid.UUID) -> int:
    return int(
        await session.scalar(
            select(func.count())
            .select_from(Notification)
            .where(Notification.user_id == user_id, Notification.read_at.is_(None))
        )
        or 0
    )


async def mark_read(
    session: AsyncSession, user_id: uuid.UUID, ids: list[uuid.UUID] | None, now: datetime
) -> int:
    statement = update(Notification).where(Notification.user_id == user_id, Notification.read_at.is_(None))
    if ids is not None:
        statement = statement.where(Notification.id.in_(ids))
    result = await session.execute(statement.values(read_at=now))
    return int(getattr(result, "rowcount", 0) or 0)


async def pending_digests(session: AsyncSession) -> list[tuple[User, list[Notification]]]:
    """Active users with unread notifications never e-mailed, oldest first."""
    rows = await session.execute(
        select(User, Notification)
        .join(Notification, Notification.user_id == User.id)
        .where(User.is_active.is_(True), Notification.read_at.is_(None), Notification.emailed_at.is_(None))
        .order_by(User.id, Notification.created_at)
    )
    grouped: dict[uuid.UUID, tuple[User, list[Notification]]] = {}
    for user, notification in rows.all():
        grouped.setdefault(user.id, (user, []))[1].append(notification)
    return list(grouped.values())


async def mark_emailed(session: AsyncSession, ids: list[uuid.UUID], now: datetime) -> None:
    await session.execute(update(Notification).where(Notification.id.in_(ids)).values(emailed_at=now))
