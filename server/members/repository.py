"""All SQL about member profiles, their children, the consent log and GDPR erasure."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import Select, and_, delete, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from server.kit.validation import contains_pattern
from server.models.accounts import Invitation, LoginAttempt, User, UserRole
from server.models.audit import AuditEntry
from server.models.members import (
    ConsentRecord,
    MemberCompetency,
    MemberExperience,
    MemberLanguage,
    MemberProfile,
    ProfessionalStatus,
    Visibility,
)
from server.models.notifications import Notification
from server.models.postings import CefrLevel

_WITH_CHILDREN = (
    selectinload(MemberProfile.experiences),
    selectinload(MemberProfile.competencies),
    selectinload(MemberProfile.languages),
)


async def get_profile(session: AsyncSession, user_id: uuid.UUID) -> MemberProfile | None:
    """The profile with its experiences, competencies and languages (one query each)."""
    return await session.scalar(
        select(MemberProfile).where(MemberProfile.user_id == user_id).options(*_WITH_CHILDREN)
    )


async def reload_profile(session: AsyncSession, user_id: uuid.UUID) -> MemberProfile:
    """Read the flushed profile again so its lists come back in their stable order."""
    profile = await session.scalar(
        select(MemberProfile)
        .where(MemberProfile.user_id == user_id)
        .options(*_WITH_CHILDREN)
        .execution_options(populate_existing=True)
    )
    assert profile is not None  # the caller holds it  # noqa: S101
    return profile


async def profile_by_membership_number(session: AsyncSession, number: str) -> MemberProfile | None:
    return await session.scalar(select(MemberProfile).where(MemberProfile.membership_number == number))


async def profiles_by_user_ids(session: AsyncSession, ids: list[uuid.UUID]) -> dict[uuid.UUID, MemberProfile]:
    rows = await session.scalars(
        select(MemberProfile).where(MemberProfile.user_id.in_(ids)).options(*_WITH_CHILDREN)
    )
    return {profile.user_id: profile for profile in rows}


def members_query(
    *,
    occupation_ids: list[str] | None = None,
    departements: list[str] | None = None,
    statuses: list[ProfessionalStatus] | None = None,
    visibilities: list[Visibility] | None = None,
    search: str | None = None,
    with_children: bool = True,
) -> Select[MemberProfile]:
    """Profiles of active member accounts; the occupation filter looks at every title held.

    `with_children=False`: a page that shows none of the experiences, competencies or languages
    does not read them (three queries and a few objects per row fewer); they stay unloaded.
    """
    query = (
        select(MemberProfile)
        .join(User, User.id == MemberProfile.user_id)
        .where(User.role == UserRole.MEMBER, User.is_active.is_(True))
    )
    if with_children:
        query = query.options(*_WITH_CHILDREN)
    if occupation_ids:
        in_experience = select(MemberExperience.user_id).where(
            MemberExperience.occupation_id.in_(occupation_ids)
        )
        query = query.where(
            or_(
                MemberProfile.headline_occupation_id.in_(occupation_ids),
                MemberProfile.user_id.in_(in_experience),
            )
        )
    if departements:
        query = query.where(MemberProfile.departement.in_(departements))
    if statuses:
        query = query.where(MemberProfile.status.in_(statuses))
    if visibilities:
        query = query.where(MemberProfile.visibility.in_(visibilities))
    if search:
        pattern = contains_pattern(search)
        query = query.where(
            func.lower(User.email).like(pattern, escape="\\")
            | func.lower(User.full_name).like(pattern, escape="\\")
        )
    return query


async def consent_log(session: AsyncSession, user_id: uuid.UUID) -> list[ConsentRecord]:
    rows = await session.scalars(
        select(ConsentRecord)
        .where(ConsentRecord.user_id == user_id)
        .order_by(ConsentRecord.at.desc(), ConsentRecord.id)
    )
    return list(rows.all())


async def _replace_levels(
    session: AsyncSession,
    items: list[Any],
    levels: Mapping[str, Any],
    key: str,
    make: Callable[[str, Any], Any],
) -> None:
    """Apply a new {key: level} list in place, so that unchanged rows stay as they are."""
    current = {getattr(item, key): item for item in items}
    for name, item in current.items():
        if name not in levels:
            items.remove(item)
    for name, level in levels.items():
        if name in current:
            current[name].level = level
        else:
            items.append(make(name, level))
    await session.flush()


async def replace_competencies(session: AsyncSession, profile: MemberProfile, levels: dict[str, int]) -> None:
    await _replace_levels(
        session,
        profile.competencies,
        levels,
        "competency_id",
        lambda name, level: MemberCompetency(user_id=profile.user_id, competency_id=name, level=level),
    )


async def replace_languages(
    session: AsyncSession, profile: MemberProfile, levels: dict[str, CefrLevel]
) -> None:
    await _replace_levels(
        session,
        profile.languages,
        levels,
        "language",
        lambda name, level: MemberLanguage(user_id=profile.user_id, language=name, level=level),
    )


async def notifications_of(session: AsyncSession, user_id: uuid.UUID) -> list[Notification]:
    rows = await session.scalars(
        select(Notification).where(Notification.user_id == user_id).order_by(Notification.created_at)
    )
    return list(rows.all())


async def audit_entries_about(session: AsyncSession, user_id: uuid.UUID) -> list[AuditEntry]:
    rows = await session.scalars(
        select(AuditEntry)
        .where(or_(AuditEntry.subject_user_id == user_id, AuditEntry.actor_id == user_id))
        .order_by(AuditEntry.at, AuditEntry.id)
    )
    return list(rows.all())


async def member_users_inactive_since(
    session: AsyncSession, cutoff: datetime
) -> list[tuple[User, MemberProfile | None]]:
    """Active member accounts whose last sign of life (profile activity, login, creation) is older.

    The SQL narrows on the profile's activity (or the account creation when there is no profile);
    the caller still compares with the last login, which lives on the user.
    """
    rows = await session.execute(
        select(User, MemberProfile)
        .outerjoin(MemberProfile, MemberProfile.user_id == User.id)
        .where(
            User.role == UserRole.MEMBER,
            User.is_active.is_(True),
            func.coalesce(MemberProfile.last_activity_at, User.created_at) < cutoff,
        )
        .order_by(User.id)
    )
    return [(row[0], row[1]) for row in rows]


async def erase_personal_rows(
    session: AsyncSession, user: User, placeholder_email: str, now: datetime
) -> None:
    """Delete the profile and notifications; revoke sessions and invitations; scrub the audit trail.

    Audit entries stay (who did what, when) but lose the values they held about the person.
    """
    old_email = user.email
    await session.execute(delete(MemberProfile).where(MemberProfile.user_id == user.id))
    await session.execute(delete(Notification).where(Notification.user_id == user.id))
    await session.execute(delete(LoginAttempt).where(LoginAttempt.email == old_email))
    await session.execute(
        update(Invitation)
        .where(
            Invitation.user_id == user.id, Invitation.accepted_at.is_(None), Invitation.revoked_at.is_(None)
        )
        .values(revoked_at=now)
    )
    await session.execute(update(AuditEntry).where(AuditEntry.subject_user_id == user.id).values(changes={}))
    await session.execute(
        update(AuditEntry).where(AuditEntry.actor_id == user.id).values(actor_label=placeholder_email)
    )


async def profiles_with_uncertain_titles(session: AsyncSession, low_confidence: float) -> list[MemberProfile]:
    """Profiles with a title the engine was unsure about (the sources of the review queue)."""

    def uncertain(status: Any, confidence: Any) -> Any:
        return or_(
            status.in_(("unknown", "ambiguous")), and_(status == "matched", confidence < low_confidence)
        )

    in_experience = select(MemberExperience.user_id).where(
        uncertain(MemberExperience.match_status, MemberExperience.confidence)
    )
    rows = await session.scalars(
        select(MemberProfile)
        .where(
            or_(
                uncertain(MemberProfile.headline_match_status, MemberProfile.headline_confidence),
                MemberProfile.user_id.in_(in_experience),
            )
        )
        .options(*_WITH_CHILDREN)
    )
    return list(rows.all())
