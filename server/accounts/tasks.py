"""Jobs owned by the accounts domain: the retention of login attempts."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, time
from typing import Any

from server.accounts.service import purge_login_attempts
from server.db import transaction
from server.jobs.context import JobContext

logger = logging.getLogger(__name__)


async def purge_old_login_attempts(context: JobContext, payload: dict[str, Any]) -> None:
    """Delete the attempts older than 30 days before the run's day (idempotent: a rerun finds none)."""
    day = datetime.fromisoformat(str(payload["period"])).date()
    async with transaction(context.session_factory) as session:
        deleted = await purge_login_attempts(session, datetime.combine(day, time(), tzinfo=UTC))
    logger.info("login attempts purged: %d", deleted)
