"""Queue an e-mail in the caller's transaction: it is sent if and only if the change commits."""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from server.jobs.outbox import enqueue
from server.mail.render import SUBJECTS
from server.models.mail import OutgoingMail

SEND_JOB = "send_mail"


async def queue_mail(
    session: AsyncSession, *, to: str, template: str, values: dict[str, Any]
) -> OutgoingMail:
    if template not in SUBJECTS:
        raise ValueError(f"unknown e-mail template {template!r}")
    mail = OutgoingMail(to_address=to, template=template, values=values, attempts=0)
    session.add(mail)
    await session.flush()
    await enqueue(session, SEND_JOB, {"mail_id": str(mail.id)}, dedup_key=f"mail:{mail.id}:0")
    return mail
