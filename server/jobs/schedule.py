"""Periodic jobs, scheduled through the outbox with a per-period dedup key.

Whichever processes tick (the API on the embedded default, every worker in production), each job is
enqueued once per period, and a missed period is caught up at the next start.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from server.db import transaction, utcnow
from server.kit.outbox import enqueue


@dataclass(frozen=True)
class DailyJob:
    job: str
    hour_utc: int


DAILY_JOBS: tuple[DailyJob, ...] = (
    DailyJob(job="send_renewal_reminders", hour_utc=6),
    DailyJob(job="close_expired_postings", hour_utc=1),
    DailyJob(job="enforce_member_retention", hour_utc=3),
)


def due_period(daily: DailyJob, now: datetime) -> str | None:
    """The day key of the run that is due at `now`, or None before the job's hour."""
    if now.hour < daily.hour_utc:
        return None
    return now.date().isoformat()


async def tick(factory: async_sessionmaker[AsyncSession], now: datetime | None = None) -> None:
    moment = now or utcnow()
    async with transaction(factory) as session:
        for daily in DAILY_JOBS:
            period = due_period(daily, moment)
            if period is not None:
                await enqueue(session, daily.job, {"period": period}, dedup_key=f"cron:{daily.job}:{period}")
