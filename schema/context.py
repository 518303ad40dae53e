"""The per-request context: who is calling, how to reach the database, the loaders.

An HTTP request reads through one session, shared by its resolvers and DataLoader batches (one
connection checkout, one transaction) and closed when the request ends; a lock keeps its uses in
turn, as a session serves one statement at a time. A WebSocket connection lives for hours, so it
opens a short session per use instead and never holds a connection between events.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any, TypeVar

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from starlette.requests import Request
from starlette.responses import Response
from starlette.websockets import WebSocket
from strawberry.types import Info

from schema.loaders import Loaders
from server import browser_session
from server.accounts.service import Client, authenticate, touch
from server.actor import Actor
from server.db import is_disconnect, transaction
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
    connection_params: dict[str, object] | None = None
    response: Response | None = None
    shares_session: bool = False  # True for an HTTP request: see the module docstring
    identified: bool = True  # False until the token has been looked up (see `identify`)
    operation_name: str | None = None  # set before execution, for the request metrics
    operation_type: str = "unknown"
    wrote: bool = False  # a write was attempted: the operation must not be run again
    _loaders: Loaders | None = field(default=None, init=False)
    _session: AsyncSession | None = field(default=None, init=False)
    _lock: asyncio.Lock = field(default_factory=asyncio.Lock, init=False)

    @property
    def loaders(self) -> Loaders:
        """The request's DataLoaders, made on first use."""
        if self._loaders is None:
            self._loaders = Loaders.for_request(self.reading)
        return self._loaders

    def forget_loaded(self) -> None:
        """The request is over: what its loaders hold goes now, by reference counting.

        graphql-core's executor references itself (and so this context): without this, each
        request's rows, explanations and answers waited for the cycle collector, whose full passes
        then paused a later request for 10–17 ms (bench/scale.py).
        """
        self._loaders = None

    async def identify(self) -> None:
        """Look the token up, once; deferred so that `{ __typename }` costs no database round trip."""
        if self.identified:
            return
        if self.token:
            async with self.reading() as session:
                found = await authenticate(session, self.settings, self.token)
            if found is not None:
                self.user = found.user
                if found.stale:  # the list of signed-in devices shows each session's last use
                    async with transaction(self.session_factory) as session:
                        await touch(session, self.token)
        self.identified = True

    async def release(self) -> None:
        """End the shared session: its transaction rolls back and its connection goes back to the pool."""
        async with self._lock:
            session, self._session = self._session, None
        if session is not None:
            await session.close()

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
        """The session to read with: the request's shared one (in turn), or a short one on a WebSocket."""
        if not self.shares_session:
            async with self.session_factory() as session:
                yield session
            return
        async with self._lock:
            if self._session is None:
                self._session = self.session_factory()
            yield self._session

    async def write(self, operation: Callable[[AsyncSession], Awaitable[T]]) -> T:
        """Run a mutation's work in one transaction; then let the outbox relay deliver its jobs.

        Reads made before are released first (no connection idles through the write) and those made
        after see the change in a fresh session. A connection found dropped before anything was
        committed (a restarted database, a recycled server-side connection) is retried once.
        """
        await self.release()
        self.wrote = True
        for attempt in (1, 2):
            committing = False
            try:
                async with transaction(self.session_factory) as session:
                    result = await operation(session)
                    committing = True
                break
            except Exception as error:
                if attempt == 2 or committing or not is_disconnect(error):
                    raise
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
