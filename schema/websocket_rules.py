"""Over the WebSocket, only subscriptions, and only while the session is still valid.

Queries and mutations go over HTTP, where the body limit, the cookie's origin check, the no-store
headers and the access log apply; a socket opened before a logout must not keep a user's rights.
The session is re-checked on every operation here (and in the background by
`server.websocket_sessions`).
"""

from __future__ import annotations

from collections.abc import AsyncIterator

from graphql import GraphQLError
from starlette.websockets import WebSocket
from strawberry.extensions import SchemaExtension
from strawberry.types.graphql import OperationType

from server.accounts.service import authenticate
from server.kit.errors import Unauthenticated

ONLY_SUBSCRIPTIONS = (
    "Sur la WebSocket, seules les souscriptions sont acceptées : "
    "envoyez requêtes et mutations en HTTP (POST /graphql)."
)


class WebSocketOperations(SchemaExtension):
    async def on_execute(self) -> AsyncIterator[None]:
        context = self.execution_context.context
        if isinstance(getattr(context, "request", None), WebSocket):
            if self.execution_context.operation_type is not OperationType.SUBSCRIPTION:
                raise GraphQLError(ONLY_SUBSCRIPTIONS, extensions={"code": "BAD_USER_INPUT"})
            if context.token is not None:
                async with context.session_factory() as session:
                    if await authenticate(session, context.settings, context.token) is None:
                        raise Unauthenticated("Session terminée : reconnectez-vous.")
        yield
