"""Deliver outbox rows: run them in-process (embedded default) or hand them to arq (production).

A row is leased before delivery and marked delivered after; a process that dies in between leaves the
lease to expire and another relay delivers it again. Jobs are idempotent and arq deduplicates by job
id, so "at least once" never becomes "twice with effect".
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, Protocol

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from server.db import transaction, utcnow
from server.jobs.catalog import MERGES, JobFunction, Merge
from server.jobs.context import JobContext
from server.models.outbox import OutboxEvent

logger = logging.getLogger(__name__)

LEASE = timedelta(seconds=60)
MAX_BACKOFF_SECONDS = 3600


def backoff_seconds(attempts: int) -> int:
    """Exponential retry delay: 2 s, 4 s, 8 s… capped at one hour."""
    return int(min(MAX_BACKOFF_SECONDS, 2 ** max(1, attempts)))


class Dispatcher(Protocol):
    async def dispatch(self, job_id: str, job: str, payload: dict[str, Any]) -> None: ...


@dataclass
class Delivery:
    """One job handed over for one or more outbox rows (merged rows share a job)."""

    events: list[OutboxEvent]
    job: str
    payload: dict[str, Any]

    @property
    def job_id(self) -> str:
        """Names every row it carries: a re-delivery of the same rows is recognised, other rows are not."""
        return "outbox-" + "+".join(str(event.id) for event in self.events)


def deliveries(events: list[OutboxEvent], merges: Mapping[str, Merge]) -> list[Delivery]:
    """Consecutive rows of a mergeable job become one delivery (up to its size); others go alone."""
    found: list[Delivery] = []
    for event in events:
        merge = merges.get(event.job)
        if merge is None or merge.key not in event.payload:
            found.append(Delivery([event], event.job, dict(event.payload)))
            continue
        last = found[-1] if found else None
        if last is not None and last.job == merge.into and len(last.events) < merge.max_size:
            last.events.append(event)
            last.payload[merge.plural].append(event.payload[merge.key])
        else:
            found.append(Delivery([event], merge.into, {merge.plural: [event.payload[merge.key]]}))
    return found


class InProcessDispatcher:
    """Runs the job right away in this process; an exception means "try again later"."""

    def __init__(self, context: JobContext, catalog: dict[str, JobFunction]) -> None:
        self._context = context
        self._catalog = catalog

    async def dispatch(self, job_id: str, job: str, payload: dict[str, Any]) -> None:
        await self._catalog[job](self._context, payload)


class ArqDispatcher:
    """Hands the job to arq; the outbox ids as job id make a re-delivery a no-op."""

    def __init__(self, pool: Any) -> None:
        self._pool = pool

    async def dispatch(self, job_id: str, job: str, payload: dict[str, Any]) -> None:
        await self._pool.enqueue_job(job, payload, _job_id=job_id)


class OutboxRelay:
    def __init__(
        self,
        factory: async_sessionmaker[AsyncSession],
        dispatcher: Dispatcher,
        *,
        batch_size: int = 50,
        merges: Mapping[str, Merge] = MERGES,
    ) -> None:
        self._factory = factory
        self._dispatcher = dispatcher
        self._batch_size = batch_size
        self._merges = merges
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
        delivered: list[OutboxEvent] = []
        try:
            for delivery in deliveries(await self._claim(), self._merges):
                try:
                    await self._dispatcher.dispatch(delivery.job_id, delivery.job, delivery.payload)
                except Exception as error:
                    logger.exception("outbox %s (%s) failed", delivery.job_id, delivery.job)
                    for event in delivery.events:
                        await self._settle_failed(event, error)
                else:
                    delivered += delivery.events
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
