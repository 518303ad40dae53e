"""Signed-in devices: the live sessions of one's own account, revocable one by one or all at once."""

from __future__ import annotations

import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from server.accounts import repository
from server.accounts.secrets import token_hash
from server.actor import Actor
from server.audit.service import record
from server.db import utcnow
from server.kit.errors import NotFound
from server.models.accounts import AuthToken


async def my_sessions(session: AsyncSession, actor: Actor) -> list[AuthToken]:
    return await repository.live_sessions(session, actor.require_user_id(), utcnow())


async def revoke_session(session: AsyncSession, actor: Actor, token_id: uuid.UUID) -> None:
    user_id = actor.require_user_id()
    if not await repository.revoke_session_of(session, user_id, token_id, utcnow()):
        raise NotFound("La session")
    record(
        session,
        actor,
        "user.session_revoke",
        entity_type="user",
        entity_id=user_id,
        changes={"session": str(token_id)},
        subject_user_id=user_id,
    )


async def revoke_other_sessions(session: AsyncSession, actor: Actor, current_token: str | None) -> None:
    """Every session but this one; with no current token (an API client), every session."""
    user_id = actor.require_user_id()
    keep = None if current_token is None else token_hash(current_token)
    await repository.revoke_user_tokens_except(session, user_id, keep, utcnow())
    record(
        session,
        actor,
        "user.session_revoke_others",
        entity_type="user",
        entity_id=user_id,
        subject_user_id=user_id,
    )
