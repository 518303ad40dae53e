"""In-app notifications: created by jobs (idempotently), read and acknowledged by their owner."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from server.actor import Actor
from server.db import utcnow
from server.kit.errors import BadInput
from server.kit.pagination import Page, PageRequest, SortField, SortKey, paginate
from server.models.notifications import Notification
from server.notifications import repository

NOTIFICATION_SORT = SortKey(
    fields=(
        SortField(Notification.created_at, datetime.fromisoformat, descending=True),
        SortField(Notification.id, uuid.UUID, descending=True),
    )
)
MAX_IDS = 100


@dataclass(frozen=True)
class NewNotification:
    user_id: uuid.UUID
    kind: str
    title: str
    body: str
    dedup_key: str
    subject_type: str | None = None
    subject_id: str | None = None


def _row(notification: NewNotification, now: datetime) -> dict[str, object]:
    return {
        "id": uuid.uuid4(),
        "user_id": notification.user_id,
        "kind": notification.kind,
        "title": notification.title[:200],
        "body": notification.body[:2000],
        "dedup_key": notification.dedup_key[:200],
        "subject_type": notification.subject_type,
        "subject_id": notification.subject_id,
        "created_at": now,
    }


async def notify(session: AsyncSession, notification: NewNotification) -> None:
    await repository.insert_once(session, [_row(notification, utcnow())])


async def notify_many(session: AsyncSession, notifications: Sequence[NewNotification]) -> None:
    """One statement for a batch (a matching job may notify hundreds of members)."""
    if notifications:
        now = utcnow()
        await repository.insert_once(session, [_row(item, now) for item in notifications])


async def my_notifications(
    session: AsyncSession, actor: Actor, page: PageRequest, *, unread_only: bool
) -> Page[Notification]:
    query = repository.for_user_query(actor.require_user_id(), unread_only=unread_only)
    return await paginate(
        session,
        query,
        sort=NOTIFICATION_SORT,
        page=page,
        key_of=lambda item: (item.created_at.isoformat(), item.id),
    )


async def unread_count(session: AsyncSession, actor: Actor) -> int:
    return await repository.count_unread(session, actor.require_user_id())


async def mark_read(session: AsyncSession, actor: Actor, ids: list[uuid.UUID] | None) -> int:
    """Mark the given notifications (or all, with None) as read; others' ids are simply ignored."""
    if ids is not None and len(ids) > MAX_IDS:
        raise BadInput(f"{MAX_IDS} notifications au plus par appel.")
    return await repository.mark_read(session, actor.require_user_id(), ids, utcnow())
