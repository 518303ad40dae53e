"""Events that ask the matching workers to (re)compute matches, written in the caller's transaction."""

from __future__ import annotations

import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from server.jobs.outbox import enqueue

MEMBER_CHANGED_JOB = "match_member"


async def posting_changed(session: AsyncSession, posting_id: uuid.UUID) -> None:
    """A posting was published, edited, paused or closed: its matches must follow."""
    await enqueue(session, "match_posting", {"posting_id": str(posting_id)})


async def member_changed(session: AsyncSession, member_user_id: uuid.UUID) -> None:
    """A member's matching-relevant data or visibility changed."""
    await enqueue(session, MEMBER_CHANGED_JOB, {"member_id": str(member_user_id)})
