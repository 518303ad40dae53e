"""All SQL of the mail domain beyond its own row: who is told when a message cannot be sent."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from server.models.accounts import User, UserRole


async def active_staff(session: AsyncSession) -> list[User]:
    rows = await session.scalars(
        select(User)
        .where(User.role == UserRole.FEDERATION_ADMIN, User.is_active.is_(True))
        .order_by(User.email)
    )
    return list(rows.all())
