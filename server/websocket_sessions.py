"""WebSocket sessions: subscriptions only, bounded per connection, ended with the session they run under.

A socket is authenticated once, at `connection_init`; without more, it would outlive a logout, a
revoked token, a deactivated account or a suspended company. So each authenticated socket watches its
session: it re-checks the token every `WS_SESSION_CHECK_SECONDS` and at once when a "session ended"
event arrives on the event bus (in-process, or Redis so that every API process hears it), and closes
with code 4403 when the session is no longer valid. Sockets that never send `connection_init` are
closed after `WS_INIT_TIMEOUT_SECONDS` (4408, by Strawberry).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import uuid
from typing import Any

from graphql import GraphQLError
from strawberry.subscriptions.protocols.graphql_transport_ws.handlers import BaseGraphQLTransportWSHandler
from strawberry.subscriptions.protocols.graphql_transport_ws.types import ErrorMessage, SubscribeMessage

from server.accounts.service import authenticate
from server.events import EventBus

logger = logging.getLogger(__name__)
SESSION_ENDED_CLOSE_CODE = 4403
SESSION_ENDED_REASON = "Session terminée : reconnectez-vous."


def user_channel(user_id: uuid.UUID) -> str:
    return f"session-ended:user:{user_id}"


def partner_channel(partner_id: uuid.UUID) -> str:
    return f"session-ended:partner:{partner_id}"


async def publish_session_ended(
    events: EventBus, *, user_id: uuid.UUID | None = None, partner_id: uuid.UUID | None = None
) -> None:
    """Tell every API process to re-check the sockets of this user (or of this company's users)."""
    if user_id is not None:
        await events.publish(user_channel(user_id), {"userId": str(user_id)})
    if partner_id is not None:
        await events.publish(partner_channel(partner_id), {"partnerId": str(partner_id)})


class SessionBoundHandler(BaseGraphQLTransportWSHandler[Any, None]):
    """graphql-transport-ws with a typed subscription cap and a session watcher per socket."""

    watcher: asyncio.Task[None] | None = None
    check_seconds: float = 10.0
    max_operations: int = 10

    async def handle_subscribe(self, message: SubscribeMessage) -> None:
        if self.connection_acknowledged and len(self.operations) >= self.max_operations:
            error = GraphQLError(
                f"Au plus {self.max_operations} souscriptions par connexion.",
                extensions={"code": "BAD_USER_INPUT"},
            )
            await self.send_message(ErrorMessage(id=message["id"], type="error", payload=[error.formatted]))
            return
        await super().handle_subscribe(message)

    async def handle_connection_init(self, message: Any) -> None:
        await super().handle_connection_init(message)
        if self.connection_acknowledged and self.watcher is None and getattr(self.context, "token", None):
            self.watcher = asyncio.create_task(self._watch_session())

    async def shutdown(self) -> None:
        if self.watcher is not None:
            self.watcher.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self.watcher
        await super().shutdown()

    async def _watch_session(self) -> None:
        context = self.context
        user = context.user
        wake = asyncio.Event()

        async def listen(channel: str) -> None:
            async for _ in context.events.subscribe(channel):
                wake.set()

        channels = [user_channel(user.id)] + ([partner_channel(user.partner_id)] if user.partner_id else [])
        listeners = [asyncio.create_task(listen(channel)) for channel in channels]
        try:
            while True:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(wake.wait(), self.check_seconds)
                wake.clear()
                async with context.session_factory() as session:
                    still = await authenticate(session, context.settings, context.token)
                if still is None:
                    logger.info("closing a WebSocket whose session ended (user %s)", user.id)
                    await self.websocket.close(code=SESSION_ENDED_CLOSE_CODE, reason=SESSION_ENDED_REASON)
                    return
        finally:
            for listener in listeners:
                listener.cancel()
            for listener in listeners:
                with contextlib.suppress(asyncio.CancelledError, Exception):
                    await listener
