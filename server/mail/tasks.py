"""Send one queued e-mail: SMTP when configured, else a `.eml` file; retried with backoff, then reported.

Retries are this job's own (a new outbox row, later), not the relay's or arq's, so both paths give up
after the same number of attempts and tell staff. Delivery is at least once: a crash between sending and
committing may send a message twice, never lose it.
"""

from __future__ import annotations

import logging
import uuid
from datetime import timedelta
from typing import Any

import aiosmtplib

from server.actor import SYSTEM
from server.audit.service import record
from server.db import transaction, utcnow
from server.jobs.context import JobContext
from server.jobs.outbox import enqueue
from server.jobs.relay import backoff_seconds
from server.mail import mailbox, repository
from server.mail.render import compose, links_of, subject_of
from server.mail.service import SEND_JOB
from server.models.mail import OutgoingMail
from server.notifications.service import NewNotification, notify_many
from server.settings import Settings

logger = logging.getLogger(__name__)


async def _deliver(settings: Settings, mail: OutgoingMail) -> None:
    message = compose(settings.smtp_sender, mail.to_address, mail.template, mail.values)
    if settings.smtp_host:
        await aiosmtplib.send(
            message,
            hostname=settings.smtp_host,
            port=settings.smtp_port,
            username=settings.smtp_username,
            password=settings.smtp_password,
            start_tls=settings.smtp_starttls,
            timeout=30,
        )
        return
    path = mailbox.write(settings.mail_dir, message, str(mail.id))
    logger.info(
        "e-mail to %s written to %s; links: %s", mail.to_address, path, " ".join(links_of(mail.values)) or "-"
    )


async def send_mail_job(context: JobContext, payload: dict[str, Any]) -> None:
    settings = context.settings
    async with transaction(context.session_factory) as session:
        mail = await session.get(OutgoingMail, uuid.UUID(str(payload["mail_id"])))
        if mail is None or mail.sent_at is not None or mail.failed_at is not None:
            return  # already settled: a re-delivered job does nothing
        try:
            await _deliver(settings, mail)
        except Exception as error:  # any failure of the mail server: try again later
            mail.attempts += 1
            mail.last_error = f"{type(error).__name__}: {error}"[:2000]
            logger.warning("e-mail %s not sent (attempt %d): %s", mail.id, mail.attempts, mail.last_error)
            if mail.attempts < settings.mail_max_attempts:
                await enqueue(
                    session,
                    SEND_JOB,
                    {"mail_id": str(mail.id)},
                    dedup_key=f"mail:{mail.id}:{mail.attempts}",
                    available_at=utcnow() + timedelta(seconds=backoff_seconds(mail.attempts)),
                )
            else:
                await _give_up(session, mail)
            return
        mail.sent_at = utcnow()
        mail.values = {}  # the links it carried were secrets; they leave the database once sent


async def _give_up(session: Any, mail: OutgoingMail) -> None:
    """Stop trying and tell the federation staff, in the app (the mail server is what is broken)."""
    mail.failed_at = utcnow()
    subject = subject_of(mail.template, mail.values)
    mail.values = {}
    staff = await repository.active_staff(session)
    await notify_many(
        session,
        [
            NewNotification(
                user_id=person.id,
                kind="mail_failed",
                title="Un e-mail n'a pas pu être envoyé",
                body=f"« {subject} » pour {mail.to_address}, "
                f"après {mail.attempts} essais : {mail.last_error}",
                dedup_key=f"mail_failed:{mail.id}",
                subject_type="mail",
                subject_id=str(mail.id),
            )
            for person in staff
        ],
    )
    record(
        session,
        SYSTEM,
        "mail.failed",
        entity_type="mail",
        entity_id=mail.id,
        changes={"to": mail.to_address, "template": mail.template, "error": mail.last_error},
    )
