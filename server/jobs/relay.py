"""Deliver outbox rows: run them in-process (embedded default) or hand them to arq (production).

A row is leased before delivery and marked delivered after; a process that dies in between leaves the
lease to expire and another relay delivers it again. Jobs are idempotent and arq deduplicates by job
id, so "at least once" never becomes "twice with effect".
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from datetime import timedelta
from typing import Any, Protocol

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from server.db import transaction, utcnow
from server.jobs.catalog import JobFunction, job_catalog
from server.jobs.context import JobContext
from server.models.outbox import OutboxEvent

logger = logging.getLogger(__name__)

LEASE = timedelta(seconds=60)
MAX_BACKOFF_SECONDS = 3600


def backoff_seconds(attempts: int) -> int:
    """Exponential retry delay: 2 s, 4 s, 8 s… capped at one hour."""
    return int(min(MAX_BACKOFF_SECONDS, 2 ** max(1, attempts)))


class Dispatcher(Protocol):
    async def dispatch(self, event_id: int, job: str, payload: dict[str, Any]) -> None: ...


class InProcessDispatcher:
    """Runs the job right away in this process; an exception means "try again later"."""

    def __init__(self, context: JobContext, catalog: dict[str, JobFunction] | None = None) -> None:
        self._context = context
        self._catalog = catalog or job_catalog()

    async def dispatch(self, event_id: int, job: str, payload: dict[str, Any]) -> None:
        await self._catalog[job](self._context, payload)


class ArqDispatcher:
    """Hands the job to arq; the outbox id as job id makes a re-delivery a no-op."""

    def __init__(self, pool: Any) -> None:
        self._pool = pool

    async def dispatch(self, event_id: int, job: str, payload: dict[str, Any]) -> None:
        await self._pool.enqueue_job(job, payload, _job_id=f"outbox-{event_id}")


class OutboxRelay:
    def __init__(
        self,
        factory: async_sessionmaker[AsyncSession],
        dispatcher: Dispatcher,
        *,
        batch_size: int = 50,
    ) -> None:
        self._factory = factory
        self._dispatcher = dispatcher
        self._batch_size = batch_size
        self._wake = asyncio.Event()

    def wake(self) -> None:
        """Deliver now rather than at the next poll (called after a request commits)."""
        self._wake.set()

    async def _claim(self) -> list[OutboxEvent]:
        now = utcnow()
        async with transaction(self._factory) as session:
            query = (
                select(OutboxEvent)
                .where(
                    OutboxEvent.delivered_at.is_(None),
                    OutboxEvent.available_at <= now,
                    (OutboxEvent.lease_until.is_(None)) | (OutboxEvent.lease_until < now),
                )
                .order_by(OutboxEvent.id)
                .limit(self._batch_size)
            )
            if session.get_bind().dialect.name == "postgresql":
                query = query.with_for_update(skip_locked=True)
            events = list((await session.scalars(query)).all())
            for event in events:
                event.lease_until = now + LEASE
            return events

    async def _settle_delivered(self, events: list[OutboxEvent]) -> None:
        """Mark a pass's delivered rows in one statement: one commit per pass, not one per row."""
        if not events:
            return
        async with transaction(self._factory) as session:
            # only the lease this relay holds (one per pass): never settle a row another relay claimed since
            await session.execute(
                update(OutboxEvent)
                .where(
                    OutboxEvent.id.in_([event.id for event in events]),
                    OutboxEvent.lease_until == events[0].lease_until,
                )
                .values(delivered_at=utcnow(), lease_until=None, last_error=None)
            )

    async def _settle_failed(self, event: OutboxEvent, error: BaseException) -> None:
        attempts = event.attempts + 1
        async with transaction(self._factory) as session:
            await session.execute(
                update(OutboxEvent)
                .where(OutboxEvent.id == event.id, OutboxEvent.lease_until == event.lease_until)
                .values(
                    attempts=attempts,
                    lease_until=None,
                    last_error=f"{type(error).__name__}: {error}"[:2000],
                    available_at=utcnow() + timedelta(seconds=backoff_seconds(attempts)),
                )
            )

    async def run_once(self) -> int:
        """Deliver what is due; returns how many rows were delivered successfully."""
        delivered = []
        try:
            for event in await self._claim():
                try:
                    await self._dispatcher.dispatch(event.id, event.job, dict(event.payload))
                except Exception as error:
                    logger.exception("outbox event %s (%s) failed", event.id, event.job)
                    await self._settle_failed(event, error)
                else:
                    delivered.append(event)
        finally:  # even if the pass is cut short, what was delivered is not delivered again
            await self._settle_delivered(delivered)
        return len(delivered)

    async def run_forever(self, poll_seconds: float) -> None:
        """Poll until cancelled; a database hiccup is logged and retried, never fatal."""
        while True:
            try:
                while await self.run_once():
                    pass
            except Exception:
                logger.exception("outbox relay pass failed; retrying")
            self._wake.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), timeout=poll_seconds)
