"""The e-mails of the account flows, with their links into the web client (`server.mail.paths`)."""

from __future__ import annotations

from datetime import datetime
from urllib.parse import quote

from sqlalchemy.ext.asyncio import AsyncSession

from server.mail.paths import PATHS
from server.mail.service import queue_mail
from server.models.accounts import User, UserRole
from server.settings import Settings

ROLE_LABELS = {
    UserRole.FEDERATION_ADMIN: "membre de l'équipe de la fédération",
    UserRole.PARTNER_ADMIN: "administrateur·rice de l'entreprise",
    UserRole.PARTNER_RECRUITER: "recruteur·se de l'entreprise",
    UserRole.MEMBER: "membre (assistant·e)",
}


def _with_token(settings: Settings, kind: str, token: str) -> str:
    return settings.link(PATHS[kind] + quote(token, safe=""))


def _french_date(moment: datetime) -> str:
    return moment.strftime("%d/%m/%Y à %H:%M (UTC)")


async def invitation(
    session: AsyncSession,
    settings: Settings,
    user: User,
    *,
    token: str,
    inviter: str,
    partner: str | None,
    expires_at: datetime,
) -> None:
    await queue_mail(
        session,
        to=user.email,
        template="invitation",
        values={
            "name": user.full_name,
            "inviter": inviter,
            "partner": partner,
            "role": ROLE_LABELS[user.role],
            "expires": _french_date(expires_at),
            "accept_url": _with_token(settings, "invitation", token),
        },
    )


async def verify_email(session: AsyncSession, settings: Settings, user: User, token: str) -> None:
    await queue_mail(
        session,
        to=user.email,
        template="verify_email",
        values={
            "name": user.full_name,
            "hours": settings.email_verification_ttl_hours,
            "verify_url": _with_token(settings, "verify", token),
        },
    )


async def sign_up_existing(session: AsyncSession, settings: Settings, user: User) -> None:
    await queue_mail(
        session,
        to=user.email,
        template="sign_up_existing",
        values={
            "name": user.full_name,
            "login_url": settings.link(PATHS["login"]),
            "reset_url": settings.link(PATHS["forgot"]),
        },
    )


async def password_reset(session: AsyncSession, settings: Settings, user: User, token: str) -> None:
    await queue_mail(
        session,
        to=user.email,
        template="password_reset",
        values={
            "name": user.full_name,
            "minutes": settings.password_reset_ttl_minutes,
            "reset_url": _with_token(settings, "reset", token),
        },
    )


async def email_change(
    session: AsyncSession, settings: Settings, user: User, new_email: str, token: str
) -> None:
    await queue_mail(
        session,
        to=new_email,
        template="email_change",
        values={
            "name": user.full_name,
            "hours": settings.email_verification_ttl_hours,
            "confirm_url": _with_token(settings, "email_change", token),
        },
    )


async def security_event(
    session: AsyncSession,
    settings: Settings,
    user: User,
    *,
    title: str,
    event: str,
    details: list[str] | None = None,
    to: str | None = None,
) -> None:
    """Tell the account what just happened to its security (sent to `to`, else its address)."""
    await queue_mail(
        session,
        to=to or user.email,
        template="security_event",
        values={
            "name": user.full_name,
            "title": title,
            "event": event,
            "details": details or [],
            "security_url": settings.link(PATHS["security"]),
        },
    )
