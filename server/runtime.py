"""The long-lived pieces a process needs (engine, sessions, event bus, relay), built from settings."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from dataclasses import dataclass, field

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from server.db import create_engine, create_session_factory
from server.events import EventBus, create_event_bus
from server.jobs.context import JobContext
from server.jobs.relay import Dispatcher, OutboxRelay
from server.jobs.schedule import tick
from server.kit.pagination import use_cursor_key
from server.settings import Settings

logger = logging.getLogger(__name__)


@dataclass
class Runtime:
    settings: Settings
    engine: AsyncEngine
    session_factory: async_sessionmaker[AsyncSession]
    events: EventBus
    relay: OutboxRelay | None = None
    tasks: list[asyncio.Task[None]] = field(default_factory=list)

    @classmethod
    def build(cls, settings: Settings) -> Runtime:
        engine = create_engine(settings.database_url)
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
        for task in self.tasks:
            task.cancel()
        for task in self.tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        self.tasks.clear()
        await self.events.close()
        await self.engine.dispose()
