"""The daily e-mail digest: unread notifications not yet e-mailed, one message per person.

Optional: without SMTP settings the job does nothing. Delivery is at least once: a crash between the
send and the commit may send a digest twice, never lose one.
"""

from __future__ import annotations

import logging
from email.message import EmailMessage
from typing import Any

import aiosmtplib

from server.db import transaction, utcnow
from server.jobs.context import JobContext
from server.models.notifications import Notification
from server.notifications import repository
from server.settings import Settings

logger = logging.getLogger(__name__)
MAX_ITEMS = 20


def compose(settings: Settings, email: str, name: str, items: list[Notification]) -> EmailMessage:
    message = EmailMessage()
    count = len(items)
    message["Subject"] = (
        f"Passerelle : {count} nouvelle{'s' if count > 1 else ''} notification{'s' if count > 1 else ''}"
    )
    message["From"] = settings.smtp_sender
    message["To"] = email
    lines = [f"Bonjour {name}," if name else "Bonjour,", "", "Voici ce qui vous attend sur Passerelle :", ""]
    for item in items[:MAX_ITEMS]:
        lines.append(f"• {item.title}")
        if item.body:
            lines.append(f"  {item.body}")
    if count > MAX_ITEMS:
        lines.append(f"… et {count - MAX_ITEMS} autre(s).")
    lines += ["", "Connectez-vous pour les consulter.", "", "— L'équipe Passerelle"]
    message.set_content("\n".join(lines))
    return message


async def send_email_digests(context: JobContext, payload: dict[str, Any]) -> None:
    settings = context.settings
    if not settings.smtp_host:
        logger.info("no SMTP server configured: e-mail digest skipped")
        return
    async with transaction(context.session_factory) as session:
        pending = await repository.pending_digests(session)
        for user, items in pending:
            await aiosmtplib.send(
                compose(settings, user.email, user.full_name, items),
                hostname=settings.smtp_host,
                port=settings.smtp_port,
                username=settings.smtp_username,
                password=settings.smtp_password,
                start_tls=settings.smtp_starttls,
                timeout=30,
            )
            await repository.mark_emailed(session, [item.id for item in items], utcnow())
