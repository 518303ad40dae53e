"""GDPR rights of members: export everything held about them, erase it (on request or by retention).

Each domain holding personal data about members contributes a named section to the export and,
when it stores such data, an eraser: add it to `contributions()`. This module composes the
domains (members, matching…); none of them imports it.
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from server.accounts import repository as accounts_repository
from server.accounts.secrets import verify_password
from server.actor import Actor
from server.audit.service import record
from server.db import utcnow
from server.gdpr.redaction import needles_of, phones_in, redact_everywhere
from server.jobs.match_requests import member_changed
from server.kit.errors import ErrorCode, NotFound, ValidationFailed
from server.matching.gdpr import erase_matches, export_matches, own_messages
from server.members import repository
from server.members.service import PROFILE_NOT_FOUND
from server.models.accounts import User, UserRole
from server.models.members import ConsentRecord, MemberProfile, Visibility

EXPORT_FORMAT = "passerelle.member-export"
EXPORT_VERSION = 1
ERASED_DOMAIN = "compte-supprime.invalid"

ExportSection = Callable[[AsyncSession, User], Awaitable[object]]
Eraser = Callable[[AsyncSession, uuid.UUID], Awaitable[None]]


@dataclass(frozen=True)
class Contribution:
    """One domain's part: its export section (by name) and, optionally, how to erase its rows."""

    name: str
    export: ExportSection
    erase: Eraser | None = None


def jsonable(value: Any) -> Any:
    """Plain JSON values: ISO dates, enum values, strings for UUIDs."""
    if isinstance(value, Mapping):
        return {str(key): jsonable(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(item) for item in value]
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


def _columns(row: Any, *, skip: tuple[str, ...] = ()) -> dict[str, Any]:
    return {
        column.key: getattr(row, column.key) for column in row.__table__.columns if column.key not in skip
    }


async def _account(session: AsyncSession, user: User) -> object:
    return _columns(user, skip=("password_hash",))


async def _profile(session: AsyncSession, user: User) -> object:
    profile = await repository.get_profile(session, user.id)
    if profile is None:
        return None
    return {
        **_columns(profile),
        "experiences": [_columns(item, skip=("user_id",)) for item in profile.experiences],
        "competencies": [_columns(item, skip=("user_id",)) for item in profile.competencies],
        "languages": [_columns(item, skip=("user_id",)) for item in profile.languages],
    }


async def _consent_log(session: AsyncSession, user: User) -> object:
    records = await repository.consent_log(session, user.id)
    return [_columns(item, skip=("user_id",)) for item in records]


async def _notifications(session: AsyncSession, user: User) -> object:
    return [
        _columns(item, skip=("user_id", "dedup_key"))
        for item in await repository.notifications_of(session, user.id)
    ]


_ROLE_LABELS = {
    UserRole.FEDERATION_ADMIN: "équipe de la fédération",
    UserRole.PARTNER_ADMIN: "entreprise partenaire",
    UserRole.PARTNER_RECRUITER: "entreprise partenaire",
    UserRole.MEMBER: "membre",
}


async def _audit_entries(session: AsyncSession, user: User) -> object:
    """What was done with their data and by whom (a category, not another person's e-mail)."""
    entries = await repository.audit_entries_about(session, user.id)
    actor_ids = list({entry.actor_id for entry in entries if entry.actor_id is not None})
    actors = await accounts_repository.users_by_ids(session, actor_ids)

    def by(actor_id: uuid.UUID | None) -> str:
        if actor_id is None:
            return "système"
        if actor_id == user.id:
            return "vous"
        actor = actors.get(actor_id)
        return "compte supprimé" if actor is None else _ROLE_LABELS[actor.role]

    return [
        {
            "at": entry.at,
            "action": entry.action,
            "by": by(entry.actor_id),
            "entity_type": entry.entity_type,
            "entity_id": entry.entity_id,
            "changes": entry.changes,
        }
        for entry in entries
    ]


def contributions() -> list[Contribution]:
    """The sections of an export, in order; later domains (matches…) add their line here."""
    return [
        Contribution("account", _account),
        Contribution("profile", _profile),
        Contribution("consent_log", _consent_log),
        Contribution("notifications", _notifications),
        Contribution("audit_entries", _audit_entries),
        Contribution("matches", export_matches, erase_matches),
    ]


async def _own_user(session: AsyncSession, actor: Actor) -> User:
    user = await accounts_repository.get_user(session, actor.require_user_id())
    if user is None or user.role is not UserRole.MEMBER:
        raise NotFound(PROFILE_NOT_FOUND)
    return user


async def export_member_data(session: AsyncSession, actor: Actor) -> dict[str, Any]:
    """Everything the platform holds about the calling member, as plain JSON (right of access)."""
    user = await _own_user(session, actor)
    sections: dict[str, Any] = {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "generated_at": utcnow(),
    }
    for contribution in contributions():
        sections[contribution.name] = await contribution.export(session, user)
    record(
        session,
        actor,
        "member.export",
        entity_type="user",
        entity_id=user.id,
        changes={"sections": [contribution.name for contribution in contributions()]},
        subject_user_id=user.id,
    )
    return jsonable(sections)  # type: ignore[no-any-return]


def is_erased(user: User) -> bool:
    return user.email.endswith("@" + ERASED_DOMAIN)


async def erase_member(session: AsyncSession, actor: Actor, user: User, *, reason: str) -> bool:
    """Erase a member's personal data now; False when it already was (idempotent).

    The profile and notifications are deleted, sessions revoked, the account kept only as an
    anonymous, inactive placeholder so that foreign keys and anonymous counts stay valid.
    """
    if is_erased(user):
        return False
    now = utcnow()
    placeholder = f"efface-{user.id.hex}@{ERASED_DOMAIN}"
    profile: MemberProfile | None = await repository.get_profile(session, user.id)
    own_texts = [profile.bio if profile is not None else None, *await own_messages(session, user.id)]
    needles = needles_of(user.full_name, user.email, phones_in(*own_texts))
    for contribution in contributions():
        if contribution.erase is not None:
            await contribution.erase(session, user.id)
    await repository.erase_personal_rows(session, user, placeholder, now)
    await accounts_repository.revoke_user_tokens(session, user.id, now)
    if profile is not None:
        session.expunge(profile)
        session.add(
            ConsentRecord(
                user_id=user.id,
                visibility=Visibility.HIDDEN,
                previous=profile.visibility,
                source=reason,
                at=now,
            )
        )
    await redact_everywhere(session, needles)
    user.email = placeholder
    user.full_name = ""
    user.password_hash = None
    user.is_active = False
    user.last_login_at = None
    anonymous = Actor(user_id=user.id, role=UserRole.MEMBER, partner_id=None, label=placeholder)
    record(
        session,
        anonymous if actor.user_id == user.id else actor,
        "member.erase",
        entity_type="user",
        entity_id=user.id,
        changes={"reason": reason},
        subject_user_id=user.id,
    )
    await member_changed(session, user.id)
    return True


async def delete_my_account(session: AsyncSession, actor: Actor, password: str) -> None:
    """The member erases their account; the password confirms it is really them."""
    user = await _own_user(session, actor)
    if not verify_password(user.password_hash, password[:1024]):
        raise ValidationFailed.single("password", "Mot de passe incorrect.", ErrorCode.INVALID_CREDENTIALS)
    await erase_member(session, actor, user, reason="request")
