"""The audit trail, readable by federation staff."""

from __future__ import annotations

import json
import uuid
from datetime import datetime
from typing import Any

import strawberry
from strawberry.types import Info

from schema.context import Context
from schema.pagination import Connection, connection, page_request
from schema.permissions import IsStaff
from server.audit import service
from server.models.audit import AuditEntry


@strawberry.type(name="AuditEntry", description="Qui a fait quoi, et quand.")
class AuditEntryType:
    id: uuid.UUID
    at: datetime
    actor_id: uuid.UUID | None
    actor_label: str
    action: str
    entity_type: str
    entity_id: str
    changes_json: str = strawberry.field(description="Les changements, en JSON {champ: {from, to}}.")

    @classmethod
    def of(cls, entry: AuditEntry) -> AuditEntryType:
        return cls(
            id=entry.id,
            at=entry.at,
            actor_id=entry.actor_id,
            actor_label=entry.actor_label,
            action=entry.action,
            entity_type=entry.entity_type,
            entity_id=entry.entity_id,
            changes_json=json.dumps(entry.changes, ensure_ascii=False, sort_keys=True),
        )


@strawberry.input(description="Filtre du journal d'audit.")
class AuditEntryFilter:
    entity_type: str | None = strawberry.field(default=None, description="Type d'objet (ex. partner).")
    entity_id: str | None = strawberry.field(default=None, description="Identifiant de l'objet.")
    actor_id: uuid.UUID | None = strawberry.field(default=None, description="Auteur·rice des actions.")


@strawberry.type
class AuditQueries:
    @strawberry.field(permission_classes=[IsStaff], description="Journal d'audit, récent d'abord.")
    async def audit_log(
        self,
        info: Info[Context, Any],
        first: int | None = None,
        after: str | None = None,
        filter: AuditEntryFilter | None = None,
    ) -> Connection[AuditEntryType]:
        context = info.context
        chosen = filter or AuditEntryFilter()
        async with context.reading() as session:
            page = await service.list_entries(
                session,
                page_request(context.settings, first, after),
                entity_type=chosen.entity_type,
                entity_id=chosen.entity_id,
                actor_id=chosen.actor_id,
            )
        return connection(page, AuditEntryType.of)
