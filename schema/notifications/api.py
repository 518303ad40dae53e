"""In-app notifications of the signed-in user."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

import strawberry
from strawberry.types import Info

from schema.context import Context
from schema.pagination import Connection, connection, page_request
from schema.permissions import IsAuthenticated
from server.models.notifications import Notification
from server.notifications import service


@strawberry.type(name="Notification")
class NotificationType:
    id: uuid.UUID
    kind: str
    title: str
    body: str
    subject_type: str | None
    subject_id: str | None
    created_at: datetime
    read_at: datetime | None

    @classmethod
    def of(cls, item: Notification) -> NotificationType:
        return cls(
            id=item.id,
            kind=item.kind,
            title=item.title,
            body=item.body,
            subject_type=item.subject_type,
            subject_id=item.subject_id,
            created_at=item.created_at,
            read_at=item.read_at,
        )


@strawberry.input(description="Filtre de mes notifications.")
class NotificationFilter:
    unread_only: bool = strawberry.field(default=False, description="Seulement les non lues.")


@strawberry.type(description="Résultat de `markNotificationsRead`.")
class MarkNotificationsReadPayload:
    count: int = strawberry.field(description="Nombre de notifications passées à « lue ».")


@strawberry.type
class NotificationQueries:
    @strawberry.field(
        permission_classes=[IsAuthenticated], description="Mes notifications, récentes d'abord."
    )
    async def notifications(
        self,
        info: Info[Context, Any],
        first: int | None = None,
        after: str | None = None,
        filter: NotificationFilter | None = None,
    ) -> Connection[NotificationType]:
        context = info.context
        unread_only = (filter or NotificationFilter()).unread_only
        async with context.reading() as session:
            page = await service.my_notifications(
                session,
                context.actor,
                page_request(context.settings, first, after),
                unread_only=unread_only,
            )
        return connection(page, NotificationType.of)

    @strawberry.field(permission_classes=[IsAuthenticated], description="Nombre de notifications non lues.")
    async def unread_notification_count(self, info: Info[Context, Any]) -> int:
        context = info.context
        async with context.reading() as session:
            return await service.unread_count(session, context.actor)


@strawberry.type
class NotificationMutations:
    @strawberry.mutation(
        permission_classes=[IsAuthenticated],
        description="Marque comme lues les notifications données, ou toutes sans argument.",
    )
    async def mark_notifications_read(
        self, info: Info[Context, Any], ids: list[uuid.UUID] | None = None
    ) -> MarkNotificationsReadPayload:
        context = info.context
        count = await context.write(lambda session: service.mark_read(session, context.actor, ids))
        return MarkNotificationsReadPayload(count=count)
