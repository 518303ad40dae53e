"""The long-lived pieces a process needs (engine, sessions, event bus, relay), built from settings."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from dataclasses import dataclass, field

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from server import metrics
from server.db import create_engine, create_session_factory
from server.events import EventBus, create_event_bus
from server.jobs.context import JobContext
from server.jobs.relay import Dispatcher, OutboxRelay
from server.jobs.schedule import tick
from server.kit.pagination import use_cursor_key
from server.settings import Settings
from server.warmup import WarmUp

logger = logging.getLogger(__name__)


@dataclass
class Runtime:
    settings: Settings
    engine: AsyncEngine
    session_factory: async_sessionmaker[AsyncSession]
    events: EventBus
    relay: OutboxRelay | None = None
    warm: WarmUp = field(default_factory=WarmUp)
    warm_task: asyncio.Task[None] | None = None
    tasks: list[asyncio.Task[None]] = field(default_factory=list)

    @classmethod
    def build(cls, settings: Settings) -> Runtime:
        engine = create_engine(
            settings.database_url, pool_size=settings.db_pool_size, max_overflow=settings.db_max_overflow
        )
        metrics.watch_pool(engine, settings.db_pool_size + settings.db_max_overflow)
        use_cursor_key(settings.secret_key)
        return cls(
            settings=settings,
            engine=engine,
            session_factory=create_session_factory(engine),
            events=create_event_bus(settings.redis_url),
        )

    @property
    def job_context(self) -> JobContext:
        return JobContext(session_factory=self.session_factory, settings=self.settings, events=self.events)

    def start_warm_up(self, *, member_pool: bool) -> None:
        """Load the framework (and the member pool where jobs run) in the background; see `warm`."""
        self.warm.member_pool = member_pool
        self.warm_task = asyncio.create_task(self.warm.run(self.session_factory))

    def start_background(self, dispatcher: Dispatcher) -> OutboxRelay:
        """Start the outbox relay and the scheduler: this process now delivers jobs."""
        self.relay = OutboxRelay(self.session_factory, dispatcher)
        self.tasks.append(asyncio.create_task(self.relay.run_forever(self.settings.outbox_poll_seconds)))
        if self.settings.scheduler_enabled:
            self.tasks.append(asyncio.create_task(self._schedule_forever()))
        return self.relay

    async def _schedule_forever(self) -> None:
        while True:
            try:
                await tick(self.session_factory)
            except Exception:
                logger.exception("scheduler tick failed; retrying at the next tick")
            await asyncio.sleep(self.settings.scheduler_tick_seconds)

    async def close(self) -> None:
        if self.warm_task is not None:
            # let it finish rather than cancel it mid-query (a cancelled SQLite read can keep its lock)
            self.warm.stopping = True
            await self.warm_task
        for task in self.tasks:
            task.cancel()
        for task in self.tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        self.tasks.clear()
        await self.events.close()
        await self.engine.dispose()
        metrics.forget_pool(self.settings.db_pool_size + self.settings.db_max_overflow)
