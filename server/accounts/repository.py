"""All SQL about users, tokens, invitations and login attempts."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import Select, delete, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm.attributes import set_committed_value

from server.kit.validation import contains_pattern
from server.models.accounts import (
    AccountRequest,
    AccountToken,
    AccountTokenPurpose,
    AuthToken,
    Invitation,
    LoginAttempt,
    RecoveryCode,
    User,
    UserRole,
)
from server.models.members import MemberProfile, Visibility
from server.models.partners import Partner


async def get_user(session: AsyncSession, user_id: uuid.UUID) -> User | None:
    return await session.get(User, user_id)


async def get_user_by_email(session: AsyncSession, email: str) -> User | None:
    return await session.scalar(select(User).where(User.email == email))


async def users_by_ids(session: AsyncSession, ids: list[uuid.UUID]) -> dict[uuid.UUID, User]:
    if not ids:  # e.g. the contacts of a page where nobody said interested: no round trip
        return {}
    rows = await session.scalars(select(User).where(User.id.in_(ids)))
    return {user.id: user for user in rows}


async def user_and_partner_for_token(
    session: AsyncSession, token_hash: str, now: datetime
) -> tuple[User, Partner | None, datetime | None] | None:
    """The live user behind a token, with its company and the token's last use (one query per request)."""
    row = (
        await session.execute(
            select(User, Partner, AuthToken.last_used_at)
            .join(AuthToken, AuthToken.user_id == User.id)
            .outerjoin(Partner, Partner.id == User.partner_id)
            .where(
                AuthToken.token_hash == token_hash,
                AuthToken.revoked_at.is_(None),
                AuthToken.expires_at > now,
                User.is_active.is_(True),
            )
        )
    ).first()
    return None if row is None else (row[0], row[1], row[2])


async def revoke_token(session: AsyncSession, token_hash: str, now: datetime) -> None:
    await session.execute(
        update(AuthToken)
        .where(AuthToken.token_hash == token_hash, AuthToken.revoked_at.is_(None))
        .values(revoked_at=now)
    )


async def revoke_user_tokens(session: AsyncSession, user_id: uuid.UUID, now: datetime) -> None:
    await session.execute(
        update(AuthToken)
        .where(AuthToken.user_id == user_id, AuthToken.revoked_at.is_(None))
        .values(revoked_at=now)
    )


async def count_failures(
    session: AsyncSession,
    *,
    email: str | None = None,
    client_address: str | None = None,
    since: datetime,
) -> int:
    query = select(func.count()).select_from(LoginAttempt).where(LoginAttempt.at >= since)
    if email is not None:
        query = query.where(LoginAttempt.email == email)
    if client_address is not None:
        query = query.where(LoginAttempt.client_address == client_address)
    return int(await session.scalar(query) or 0)


async def delete_attempts_before(session: AsyncSession, moment: datetime) -> int:
    result = await session.execute(delete(LoginAttempt).where(LoginAttempt.at < moment))
    return int(getattr(result, "rowcount", 0) or 0)


async def clear_failures(session: AsyncSession, email: str) -> None:
    await session.execute(delete(LoginAttempt).where(LoginAttempt.email == email))


async def pending_invitation(session: AsyncSession, token_hash: str, now: datetime) -> Invitation | None:
    return await session.scalar(
        select(Invitation).where(
            Invitation.token_hash == token_hash,
            Invitation.accepted_at.is_(None),
            Invitation.revoked_at.is_(None),
            Invitation.expires_at > now,
        )
    )


def users_query(
    *,
    partner_id: uuid.UUID | None = None,
    role: UserRole | None = None,
    active: bool | None = None,
    search: str | None = None,
) -> Select[User]:
    query = select(User)
    if partner_id is not None:
        query = query.where(User.partner_id == partner_id)
    if role is not None:
        query = query.where(User.role == role)
    if active is not None:
        query = query.where(User.is_active.is_(active))
    if search:
        pattern = contains_pattern(search)
        query = query.where(
            func.lower(User.email).like(pattern, escape="\\")
            | func.lower(User.full_name).like(pattern, escape="\\")
        )
    return query


async def users_with_role(
    session: AsyncSession, roles: tuple[UserRole, ...], partner_id: uuid.UUID | None = None
) -> list[User]:
    query = select(User).where(User.role.in_(roles), User.is_active.is_(True))
    if partner_id is not None:
        query = query.where(User.partner_id == partner_id)
    return list((await session.scalars(query.order_by(User.email))).all())


# --- issue 15: single-use tokens, sessions (devices), recovery codes, rate-limited requests ---


async def live_account_token(
    session: AsyncSession, token_hash: str, purpose: AccountTokenPurpose, now: datetime
) -> AccountToken | None:
    return await session.scalar(
        select(AccountToken).where(
            AccountToken.token_hash == token_hash,
            AccountToken.purpose == purpose,
            AccountToken.used_at.is_(None),
            AccountToken.expires_at > now,
        )
    )


async def use_up_tokens(
    session: AsyncSession, user_id: uuid.UUID, purposes: tuple[AccountTokenPurpose, ...], now: datetime
) -> None:
    """Every outstanding token of these purposes stops working (one link used, the others die)."""
    await session.execute(
        update(AccountToken)
        .where(
            AccountToken.user_id == user_id,
            AccountToken.purpose.in_(purposes),
            AccountToken.used_at.is_(None),
        )
        .values(used_at=now)
    )


async def count_requests(
    session: AsyncSession, kind: str, *, since: datetime, email: str | None = None, client: str | None = None
) -> int:
    query = (
        select(func.count())
        .select_from(AccountRequest)
        .where(AccountRequest.kind == kind, AccountRequest.at >= since)
    )
    if email is not None:
        query = query.where(AccountRequest.email == email)
    if client is not None:
        query = query.where(AccountRequest.client_address == client)
    return int(await session.scalar(query) or 0)


async def live_sessions(session: AsyncSession, user_id: uuid.UUID, now: datetime) -> list[AuthToken]:
    rows = await session.scalars(
        select(AuthToken)
        .where(AuthToken.user_id == user_id, AuthToken.revoked_at.is_(None), AuthToken.expires_at > now)
        .order_by(AuthToken.created_at.desc(), AuthToken.id)
    )
    return list(rows.all())


async def revoke_user_tokens_except(
    session: AsyncSession, user_id: uuid.UUID, keep_hash: str | None, now: datetime
) -> None:
    statement = update(AuthToken).where(AuthToken.user_id == user_id, AuthToken.revoked_at.is_(None))
    if keep_hash is not None:
        statement = statement.where(AuthToken.token_hash != keep_hash)
    await session.execute(statement.values(revoked_at=now))


async def revoke_session_of(
    session: AsyncSession, user_id: uuid.UUID, token_id: uuid.UUID, now: datetime
) -> bool:
    result = await session.execute(
        update(AuthToken)
        .where(AuthToken.id == token_id, AuthToken.user_id == user_id, AuthToken.revoked_at.is_(None))
        .values(revoked_at=now)
    )
    return bool(getattr(result, "rowcount", 0))


async def known_device(session: AsyncSession, user_id: uuid.UUID, user_agent: str) -> bool | None:
    """Whether this browser signed in before; None when the account never signed in at all."""
    agents = list(
        (await session.scalars(select(AuthToken.user_agent).where(AuthToken.user_id == user_id))).all()
    )
    if not agents:
        return None
    return user_agent in agents


async def touch_token(session: AsyncSession, token_hash: str, now: datetime) -> None:
    await session.execute(
        update(AuthToken).where(AuthToken.token_hash == token_hash).values(last_used_at=now)
    )


async def token_last_used(session: AsyncSession, token_hash: str) -> datetime | None:
    return await session.scalar(select(AuthToken.last_used_at).where(AuthToken.token_hash == token_hash))


async def replace_recovery_codes(session: AsyncSession, user_id: uuid.UUID, hashes: list[str]) -> None:
    await session.execute(delete(RecoveryCode).where(RecoveryCode.user_id == user_id))
    session.add_all(RecoveryCode(user_id=user_id, code_hash=hashed) for hashed in hashes)


async def unused_recovery_code(
    session: AsyncSession, user_id: uuid.UUID, code_hash: str
) -> RecoveryCode | None:
    return await session.scalar(
        select(RecoveryCode).where(
            RecoveryCode.user_id == user_id,
            RecoveryCode.code_hash == code_hash,
            RecoveryCode.used_at.is_(None),
        )
    )


async def count_unused_recovery_codes(session: AsyncSession, user_id: uuid.UUID) -> int:
    return int(
        await session.scalar(
            select(func.count())
            .select_from(RecoveryCode)
            .where(RecoveryCode.user_id == user_id, RecoveryCode.used_at.is_(None))
        )
        or 0
    )


async def pending_invitations_of(session: AsyncSession, user_id: uuid.UUID) -> list[Invitation]:
    rows = await session.scalars(
        select(Invitation).where(
            Invitation.user_id == user_id, Invitation.accepted_at.is_(None), Invitation.revoked_at.is_(None)
        )
    )
    return list(rows.all())


async def wants_matching(session: AsyncSession, user_id: uuid.UUID) -> bool:
    """Whether a member's profile asks to be matched (a hidden one needs no matching run)."""
    visibility = await session.scalar(
        select(MemberProfile.visibility).where(MemberProfile.user_id == user_id)
    )
    return visibility is not None and visibility is not Visibility.HIDDEN


async def claim_totp_step(session: AsyncSession, user: User, step: int) -> bool:
    """Record `step` as the last accepted TOTP step, unless it (or a later one) already was.

    One conditional UPDATE, so two requests racing with the same code cannot both win.
    """
    result = await session.execute(
        update(User)
        .where(User.id == user.id, or_(User.totp_last_step.is_(None), User.totp_last_step < step))
        .values(totp_last_step=step)
        .execution_options(synchronize_session=False)
    )
    claimed = bool(getattr(result, "rowcount", 0))
    if claimed:
        set_committed_value(user, "totp_last_step", step)
    return claimed
