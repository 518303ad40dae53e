"""The per-request context: who is calling, how to reach the database, the loaders."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from starlette.requests import Request
from starlette.responses import Response
from starlette.websockets import WebSocket
from strawberry.types import Info

from schema.loaders import Loaders
from server import browser_session
from server.accounts.actor import Actor
from server.accounts.service import Client
from server.db import transaction
from server.events import EventBus
from server.jobs.relay import OutboxRelay
from server.kit.errors import Unauthenticated, ValidationFailed
from server.models.accounts import User
from server.settings import Settings

T = TypeVar("T")


@dataclass
class Context:
    request: Request | WebSocket | None
    settings: Settings
    session_factory: async_sessionmaker[AsyncSession]
    events: EventBus
    relay: OutboxRelay | None
    user: User | None
    client_address: str
    token: str | None
    loaders: Loaders
    connection_params: dict[str, object] | None = None
    response: Response | None = None

    @property
    def keeps_browser_session(self) -> bool:
        """The web client asked for its session in a cookie (`X-Passerelle-Client: web`)."""
        return isinstance(self.request, Request) and browser_session.wants_cookie(self.request)

    def start_browser_session(self, token: str) -> str | None:
        """After a sign-in: the cookie for the web client (token withheld from the body), else the token."""
        if not self.keeps_browser_session or self.response is None or not isinstance(self.request, Request):
            return token
        browser_session.set_session_cookie(self.response, self.request, self.settings, token)
        return None

    def end_browser_session(self) -> None:
        request, response = self.request, self.response
        if response is not None and isinstance(request, Request) and browser_session.cookie_token(request):
            browser_session.clear_session_cookie(response, request)

    @property
    def client(self) -> Client:
        """The caller's address and browser, for sessions (signed-in devices) and rate limits."""
        agent = self.request.headers.get("user-agent", "") if self.request is not None else ""
        return Client(address=self.client_address, user_agent=agent)

    @property
    def actor(self) -> Actor:
        """The signed-in actor; permission classes guarantee it exists where it is used."""
        if self.user is None:
            raise Unauthenticated()
        return Actor(
            user_id=self.user.id,
            role=self.user.role,
            partner_id=self.user.partner_id,
            label=self.user.email,
        )

    @asynccontextmanager
    async def reading(self) -> AsyncIterator[AsyncSession]:
        """A short read-only session: queries never hold a connection for the whole request."""
        async with self.session_factory() as session:
            yield session

    async def write(self, operation: Callable[[AsyncSession], Awaitable[T]]) -> T:
        """Run a mutation's work in one transaction; then let the outbox relay deliver its jobs."""
        async with transaction(self.session_factory) as session:
            result = await operation(session)
        if self.relay is not None:
            self.relay.wake()
        return result

    async def write_or_errors(
        self, operation: Callable[[AsyncSession], Awaitable[T]]
    ) -> tuple[T | None, list[Any]]:
        """Like `write`, but a broken business rule comes back as field errors and rolls back."""
        try:
            return await self.write(operation), []
        except ValidationFailed as failure:
            return None, list(failure.issues)


def context_of(info: Info[Context, Any]) -> Context:
    return info.context
