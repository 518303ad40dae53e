"""Where accounts meet members: an accepted invitation gives a member their profile.

A composer, so that accounts need not know members (members build on accounts, not the reverse).
"""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from server.accounts import service as accounts
from server.members.service import ensure_profile
from server.models.accounts import UserRole
from server.settings import Settings


async def accept_invitation(
    session: AsyncSession,
    settings: Settings,
    *,
    token: str,
    password: str,
    full_name: str | None,
    client: accounts.Client,
) -> accounts.SignIn:
    """The invitee chooses a password and is signed in; an invited member gets an empty profile."""
    opened = await accounts.accept_invitation(
        session, settings, token=token, password=password, full_name=full_name, client=client
    )
    if opened.user.role is UserRole.MEMBER:
        await ensure_profile(session, opened.user.id, source="invitation")
    return opened
