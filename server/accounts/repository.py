"""All SQL about users, tokens, invitations and login attempts."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import Select, delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from server.kit.validation import contains_pattern
from server.models.accounts import AuthToken, Invitation, LoginAttempt, User, UserRole
from server.models.partners import Partner


async def get_user(session: AsyncSession, user_id: uuid.UUID) -> User | None:
    return await session.get(User, user_id)


async def get_user_by_email(session: AsyncSession, email: str) -> User | None:
    return await session.scalar(select(User).where(User.email == email))


async def users_by_ids(session: AsyncSession, ids: list[uuid.UUID]) -> dict[uuid.UUID, User]:
    rows = await session.scalars(select(User).where(User.id.in_(ids)))
    return {user.id: user for user in rows}


async def user_and_partner_for_token(
    session: AsyncSession, token_hash: str, now: datetime
) -> tuple[User, Partner | None] | None:
    """The live user behind a token, with its company (one query, on every request)."""
    row = (
        await session.execute(
            select(User, Partner)
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
    return None if row is None else (row[0], row[1])


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
