"""The daily e-mail digest: unread notifications not yet e-mailed, one message per person.

Optional: without SMTP settings the job does nothing (the embedded default would only pile up files).
Each digest is queued through the mail outbox in the same transaction that marks its notifications
e-mailed, so it is sent if and only if that commits, then retried with backoff and reported to staff on
final failure like every other e-mail.
"""

from __future__ import annotations

import logging
from typing import Any

from server.db import transaction, utcnow
from server.jobs.context import JobContext
from server.mail.paths import PATHS
from server.mail.service import queue_mail
from server.models.notifications import Notification
from server.notifications import repository
from server.settings import Settings

logger = logging.getLogger(__name__)
MAX_ITEMS = 20


def digest_values(settings: Settings, name: str, items: list[Notification]) -> dict[str, Any]:
    """What the `digest` template shows: the first items, how many more, the sign-in link."""
    count = len(items)
    plural = "s" if count > 1 else ""
    return {
        "name": name,
        "title": f"{count} nouvelle{plural} notification{plural}",
        "items": [{"title": item.title, "body": item.body or ""} for item in items[:MAX_ITEMS]],
        "more": max(0, count - MAX_ITEMS),
        "login_url": settings.link(PATHS["login"]),
    }


async def send_email_digests(context: JobContext, payload: dict[str, Any]) -> None:
    settings = context.settings
    if not settings.smtp_host:
        logger.info("no SMTP server configured: e-mail digest skipped")
        return
    async with transaction(context.session_factory) as session:
        pending = await repository.pending_digests(session)
        for user, items in pending:
            await queue_mail(
                session,
                to=user.email,
                template="digest",
                values=digest_values(settings, user.full_name, items),
            )
            await repository.mark_emailed(session, [item.id for item in items], utcnow())
