"""A change to an account's security is both audited and e-mailed to its owner: one helper does both,
so that no flow can do one and forget the other."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from server.accounts import mails
from server.actor import Actor
from server.audit.service import record
from server.models.accounts import User
from server.settings import Settings


async def security_event(
    session: AsyncSession,
    settings: Settings,
    user: User,
    actor: Actor,
    action: str,
    *,
    title: str,
    event: str,
    details: list[str] | None = None,
    changes: Mapping[str, Any] | None = None,
    to: str | None = None,
) -> None:
    """Audit `action` on `user` by `actor`, and tell the account in French (`title`, `event`, `details`).

    The e-mail goes to `to` when given (the old address after a change of address), else the account's.
    """
    record(
        session,
        actor,
        action,
        entity_type="user",
        entity_id=user.id,
        changes=changes,
        subject_user_id=user.id,
    )
    await mails.security_event(session, settings, user, title=title, event=event, details=details, to=to)
