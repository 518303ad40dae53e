"""The two-year retention of inactive members' data: warn at 23 months, erase at 24."""

from __future__ import annotations

import calendar
from datetime import UTC, date, datetime, time
from typing import Any

from server.actor import SYSTEM
from server.db import transaction
from server.gdpr.rights import erase_member
from server.jobs.context import JobContext
from server.members import repository
from server.models.accounts import User
from server.models.members import MemberProfile
from server.notifications.service import NewNotification, notify

WARNING_AFTER_MONTHS = 23
ERASE_AFTER_MONTHS = 24


def months_before(day: date, months: int) -> date:
    """The same day `months` earlier, clamped to the month's end (31 March − 1 month → 28 Feb)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def months_after(day: date, months: int) -> date:
    return months_before(day, -months)


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time(), tzinfo=UTC)


def last_seen(user: User, profile: MemberProfile | None) -> datetime:
    """The member's last sign of life: a profile action, a login, or the sign-up."""
    moments = [profile.last_activity_at if profile is not None else user.created_at]
    if user.last_login_at is not None:
        moments.append(user.last_login_at)
    return max(moments)


async def enforce_member_retention(context: JobContext, payload: dict[str, Any]) -> None:
    """Warn members inactive for 23 months (once per period of inactivity), anonymise at 24.

    Idempotent: the warning's dedup key is tied to the last activity, and erasing an erased
    account does nothing. Each member is handled in its own transaction.
    """
    today = date.fromisoformat(str(payload["period"]))
    warn_before = _midnight(months_before(today, WARNING_AFTER_MONTHS))
    erase_before = _midnight(months_before(today, ERASE_AFTER_MONTHS))
    async with context.session_factory() as session:
        candidates = await repository.member_users_inactive_since(session, warn_before)
    for user, profile in candidates:
        seen = last_seen(user, profile)
        if seen >= warn_before:
            continue
        async with transaction(context.session_factory) as session:
            if seen < erase_before:
                current = await session.get(User, user.id)
                if current is not None:
                    await erase_member(session, SYSTEM, current, reason="retention")
                continue
            deadline = months_after(seen.date(), ERASE_AFTER_MONTHS).strftime("%d/%m/%Y")
            await notify(
                session,
                NewNotification(
                    user_id=user.id,
                    kind="retention_warning",
                    title="Votre compte sera bientôt anonymisé",
                    body=(
                        "Nous conservons les données des membres deux ans après leur dernière "
                        "activité. Sans connexion ni modification de votre profil d'ici le "
                        f"{deadline}, votre compte et votre profil seront anonymisés. "
                        "Connectez-vous pour les garder."
                    ),
                    dedup_key=f"retention_warning:{seen.date().isoformat()}",
                    subject_type="user",
                    subject_id=str(user.id),
                ),
            )
