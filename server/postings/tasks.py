"""Jobs owned by the postings domain."""

from __future__ import annotations

from datetime import date
from typing import Any

from server.actor import SYSTEM
from server.db import transaction
from server.jobs.context import JobContext
from server.postings import repository, service


async def close_expired_postings(context: JobContext, payload: dict[str, Any]) -> None:
    """Close the open or paused postings whose expiry date is before the period's day.

    Idempotent: a posting closed by a first run is no longer open or paused for the second.
    """
    today = date.fromisoformat(str(payload["period"]))
    async with transaction(context.session_factory) as session:
        for posting in await repository.expired_live_postings(session, today):
            await service.expire(session, SYSTEM, posting)
