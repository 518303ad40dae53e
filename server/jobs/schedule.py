"""Periodic jobs, scheduled through the outbox with a per-period dedup key.

Whichever processes tick (the API on the embedded default, every worker in production), each job is
enqueued once per period, and a missed period is caught up at the next start.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from server.db import transaction, utcnow
from server.jobs.outbox import enqueue


@dataclass(frozen=True)
class DailyJob:
    job: str
    hour_utc: int


DAILY_JOBS: tuple[DailyJob, ...] = (
    DailyJob(job="send_renewal_reminders", hour_utc=6),
    DailyJob(job="close_expired_postings", hour_utc=1),
    DailyJob(job="enforce_member_retention", hour_utc=3),
    DailyJob(job="rematch_all", hour_utc=2),
    DailyJob(job="send_email_digests", hour_utc=7),
    DailyJob(job="purge_old_login_attempts", hour_utc=3),
)


@dataclass(frozen=True)
class MonthlyJob:
    job: str
    day: int  # day of the month, 1–28 so every month has it
    hour_utc: int


MONTHLY_JOBS: tuple[MonthlyJob, ...] = (MonthlyJob(job="generate_monthly_reports", day=1, hour_utc=4),)


def due_period(daily: DailyJob, now: datetime) -> str | None:
    """The day key of the run that is due at `now`, or None before the job's hour."""
    if now.hour < daily.hour_utc:
        return None
    return now.date().isoformat()


def due_month(monthly: MonthlyJob, now: datetime) -> str | None:
    """The month key ("YYYY-MM") of the run that is due at `now`, or None before its day and hour."""
    if (now.day, now.hour) < (monthly.day, monthly.hour_utc):
        return None
    return f"{now.year:04d}-{now.month:02d}"


async def tick(factory: async_sessionmaker[AsyncSession], now: datetime | None = None) -> None:
    moment = now or utcnow()
    async with transaction(factory) as session:
        for daily in DAILY_JOBS:
            period = due_period(daily, moment)
            if period is not None:
                await enqueue(session, daily.job, {"period": period}, dedup_key=f"cron:{daily.job}:{period}")
        for monthly in MONTHLY_JOBS:
            month = due_month(monthly, moment)
            if month is not None:
                await enqueue(
                    session, monthly.job, {"period": month}, dedup_key=f"cron:{monthly.job}:{month}"
                )
