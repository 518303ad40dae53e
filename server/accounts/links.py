"""Single-use, expiring links sent by e-mail: verify an address, reset a password, change an address."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from server.accounts import repository
from server.accounts.secrets import new_token, token_hash
from server.db import utcnow
from server.kit.errors import ErrorCode, ValidationFailed
from server.models.accounts import AccountToken, AccountTokenPurpose, User

LINK_INVALID = "Ce lien est invalide, expiré ou a déjà servi : demandez-en un nouveau."


def issue(
    session: AsyncSession,
    user: User,
    purpose: AccountTokenPurpose,
    ttl: timedelta,
    *,
    new_email: str | None = None,
) -> str:
    raw, hashed = new_token()
    session.add(
        AccountToken(
            user_id=user.id,
            purpose=purpose,
            token_hash=hashed,
            new_email=new_email,
            attempts=0,
            expires_at=utcnow() + ttl,
        )
    )
    return raw


async def consume(session: AsyncSession, raw: str, purpose: AccountTokenPurpose) -> tuple[AccountToken, User]:
    """Use the link once: it and every other link of its kind for the account stop working."""
    found = await repository.live_account_token(session, token_hash(raw.strip()), purpose, utcnow())
    user = None if found is None else await repository.get_user(session, found.user_id)
    if found is None or user is None or not user.is_active:
        raise ValidationFailed.single("token", LINK_INVALID, ErrorCode.LINK_INVALID)
    await repository.use_up_tokens(session, user.id, (purpose,), utcnow())
    return found, user
