"""Write a job into the outbox in the caller's transaction: it exists if and only if the change does."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from server.db import utcnow
from server.kit.bulk import dialect_insert
from server.models.outbox import OutboxEvent


async def enqueue(
    session: AsyncSession,
    job: str,
    payload: dict[str, Any],
    *,
    dedup_key: str | None = None,
    available_at: datetime | None = None,
) -> None:
    """Add a job; with a `dedup_key`, a second identical request is silently ignored (idempotent)."""
    values = {
        "job": job,
        "payload": payload,
        "dedup_key": dedup_key,
        "created_at": utcnow(),
        "available_at": available_at or utcnow(),
        "attempts": 0,
    }
    if dedup_key is None:
        await session.execute(insert(OutboxEvent).values(**values))
        return
    statement = dialect_insert(session, OutboxEvent)
    await session.execute(statement.values(**values).on_conflict_do_nothing(index_elements=["dedup_key"]))


async def oldest_due_undelivered(session: AsyncSession) -> datetime | None:
    """When the oldest row that is due but not delivered became due: the outbox's lag (index only)."""
    statement = select(func.min(OutboxEvent.available_at)).where(
        OutboxEvent.delivered_at.is_(None), OutboxEvent.available_at <= utcnow()
    )
    oldest: datetime | None = (await session.execute(statement)).scalar_one()
    return oldest
