"""Record and read the audit trail; every change to a partner, a user or personal data lands here."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.ext.asyncio import AsyncSession

from server.actor import Actor
from server.kit.pagination import Page, PageRequest, SortField, SortKey, paginate
from server.models.audit import AuditEntry

AUDIT_SORT = SortKey(
    fields=(
        SortField(AuditEntry.at, datetime.fromisoformat, descending=True),
        SortField(AuditEntry.id, uuid.UUID, descending=True),
    )
)


def _jsonable(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {str(key): _jsonable(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(item) for item in value]
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


def record(
    session: AsyncSession,
    actor: Actor,
    action: str,
    *,
    entity_type: str,
    entity_id: uuid.UUID | str,
    changes: Mapping[str, Any] | None = None,
    subject_user_id: uuid.UUID | None = None,
) -> None:
    """Add an entry to the caller's transaction: the trail is exactly as durable as the change."""
    session.add(
        AuditEntry(
            actor_id=actor.user_id,
            actor_label=actor.label,
            action=action,
            entity_type=entity_type,
            entity_id=str(entity_id),
            subject_user_id=subject_user_id,
            changes=_jsonable(dict(changes or {})),
        )
    )


def diff(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, Any]:
    """The fields that changed, as {field: {"from": old, "to": new}}."""
    return {
        key: {"from": before.get(key), "to": value}
        for key, value in after.items()
        if before.get(key) != value
    }


def audit_query(
    *, entity_type: str | None = None, entity_id: str | None = None, actor_id: uuid.UUID | None = None
) -> Select[AuditEntry]:
    query = select(AuditEntry)
    if entity_type:
        query = query.where(AuditEntry.entity_type == entity_type)
    if entity_id:
        query = query.where(AuditEntry.entity_id == entity_id)
    if actor_id:
        query = query.where(AuditEntry.actor_id == actor_id)
    return query


async def list_entries(
    session: AsyncSession,
    page: PageRequest,
    *,
    entity_type: str | None = None,
    entity_id: str | None = None,
    actor_id: uuid.UUID | None = None,
) -> Page[AuditEntry]:
    return await paginate(
        session,
        audit_query(entity_type=entity_type, entity_id=entity_id, actor_id=actor_id),
        sort=AUDIT_SORT,
        page=page,
        key_of=lambda entry: (entry.at.isoformat(), entry.id),
    )
