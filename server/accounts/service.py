"""Accounts: sign-in, tokens, invitations, deactivation; who may invite whom."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from server.accounts import repository
from server.accounts.secrets import (
    check_password_strength,
    hash_password,
    new_token,
    token_hash,
    verify_password,
)
from server.actor import SYSTEM, Actor
from server.audit.service import record
from server.db import utcnow
from server.jobs.match_requests import member_changed
from server.kit.errors import (
    ErrorCode,
    Forbidden,
    IssueCollector,
    NotFound,
    RateLimited,
    ValidationFailed,
)
from server.kit.pagination import Page, PageRequest, SortField, SortKey, paginate
from server.kit.validation import bounded_text, normalise_email
from server.models.accounts import AuthToken, Invitation, LoginAttempt, User, UserRole
from server.models.partners import Partner, PartnerStatus
from server.settings import Settings

INVALID_CREDENTIALS = "Adresse e-mail ou mot de passe incorrect."
PARTNER_LOCKED = (
    "L'accès de votre entreprise est suspendu ou terminé : contactez la fédération pour le rétablir."
)
LOGIN_ALLOWED_STATUSES = (PartnerStatus.PROSPECT, PartnerStatus.ACTIVE)

USER_SORT = SortKey(fields=(SortField(User.email, str), SortField(User.id, uuid.UUID)))


@dataclass(frozen=True)
class Session:
    token: str
    user: User


def actor_for(user: User) -> Actor:
    return Actor(user_id=user.id, role=user.role, partner_id=user.partner_id, label=user.email)


async def _check_rate_limit(
    session: AsyncSession, settings: Settings, email: str, client_address: str
) -> None:
    since = utcnow() - timedelta(minutes=settings.login_failure_window_minutes)
    per_account = await repository.count_failures(session, email=email, since=since)
    per_address = await repository.count_failures(session, client_address=client_address, since=since)
    if (
        per_account >= settings.login_max_failures_per_account
        or per_address >= settings.login_max_failures_per_address
    ):
        raise RateLimited(
            "Trop de tentatives de connexion échouées. Réessayez dans "
            f"{settings.login_failure_window_minutes} minutes.",
            retry_after_seconds=settings.login_failure_window_minutes * 60,
        )


async def login(
    session: AsyncSession, settings: Settings, *, email: str, password: str, client_address: str
) -> Session:
    """Check the password and open a session; failures are counted for rate limiting.

    The failure is recorded by the caller's transaction even though we raise: the caller commits
    failures on purpose (see `record_failed_login`).
    """
    normalised = email.strip().lower()[:254]
    await _check_rate_limit(session, settings, normalised, client_address)
    user = await repository.get_user_by_email(session, normalised)
    password_ok = verify_password(user.password_hash if user else None, password[:1024])
    if user is None or not password_ok or not user.is_active:
        raise ValidationFailed.single(None, INVALID_CREDENTIALS, ErrorCode.INVALID_CREDENTIALS)
    if user.partner_id is not None:
        partner = await session.get(Partner, user.partner_id)
        if partner is None or partner.status not in LOGIN_ALLOWED_STATUSES:
            raise ValidationFailed.single(None, PARTNER_LOCKED, ErrorCode.PARTNER_INACTIVE)
    await repository.clear_failures(session, normalised)
    return open_session(session, settings, user)


def open_session(session: AsyncSession, settings: Settings, user: User) -> Session:
    """Issue a bearer token for a user whose identity was just proven (login, sign-up, invitation)."""
    raw, hashed = new_token()
    now = utcnow()
    session.add(
        AuthToken(
            user_id=user.id,
            token_hash=hashed,
            created_at=now,
            expires_at=now + timedelta(hours=settings.token_ttl_hours),
        )
    )
    user.last_login_at = now
    return Session(token=raw, user=user)


def record_failed_login(session: AsyncSession, email: str, client_address: str) -> None:
    session.add(LoginAttempt(email=email.strip().lower()[:254], client_address=client_address[:64]))


async def logout(session: AsyncSession, raw_token: str) -> None:
    await repository.revoke_token(session, token_hash(raw_token), utcnow())


async def authenticate(session: AsyncSession, raw_token: str) -> User | None:
    """The user behind a bearer token, or None; partner users of a locked company are refused."""
    found = await repository.user_and_partner_for_token(session, token_hash(raw_token), utcnow())
    if found is None:
        return None
    user, partner = found
    if partner is not None and partner.status not in LOGIN_ALLOWED_STATUSES:
        return None
    return user


async def create_admin(session: AsyncSession, *, email: str, password: str, full_name: str) -> User:
    """Bootstrap a federation administrator (CLI only)."""
    issues = IssueCollector()
    normalised = normalise_email(email, issues)
    check_password_strength(password, normalised, issues)
    issues.raise_if_any()
    if await repository.get_user_by_email(session, normalised) is not None:
        raise ValidationFailed.single(
            "email", "Un compte existe déjà avec cette adresse.", ErrorCode.EMAIL_TAKEN
        )
    user = User(
        email=normalised,
        full_name=full_name.strip()[:120],
        password_hash=hash_password(password),
        role=UserRole.FEDERATION_ADMIN,
    )
    session.add(user)
    await session.flush()
    record(session, SYSTEM, "user.create_admin", entity_type="user", entity_id=user.id)
    return user


def _may_invite(actor: Actor, role: UserRole, partner_id: uuid.UUID | None) -> bool:
    if actor.is_staff:
        return True
    return (
        actor.role is UserRole.PARTNER_ADMIN
        and role.is_partner
        and partner_id is not None
        and partner_id == actor.partner_id
    )


@dataclass(frozen=True)
class InvitationIssued:
    user: User
    token: str


async def invite_user(
    session: AsyncSession,
    settings: Settings,
    actor: Actor,
    *,
    email: str,
    role: UserRole,
    partner_id: uuid.UUID | None,
    full_name: str,
) -> InvitationIssued:
    """Create the (passwordless) user and an expiring invitation whose token sets the password."""
    if not _may_invite(actor, role, partner_id):
        raise Forbidden("Vous ne pouvez inviter que des personnes de votre entreprise.")
    issues = IssueCollector()
    normalised = normalise_email(email, issues)
    name = bounded_text(full_name, issues, field="fullName", label="Nom", max_length=120) or ""
    if role.is_partner and partner_id is None:
        issues.add("partnerId", "Une entreprise partenaire est requise pour ce rôle.", ErrorCode.REQUIRED)
    if not role.is_partner and partner_id is not None:
        issues.add("partnerId", "Ce rôle n'est rattaché à aucune entreprise.", ErrorCode.NOT_ALLOWED)
    issues.raise_if_any()
    if partner_id is not None:
        partner = await session.get(Partner, partner_id)
        if partner is None:
            raise NotFound("L'entreprise partenaire")
        if partner.status not in LOGIN_ALLOWED_STATUSES:
            raise ValidationFailed.single("partnerId", PARTNER_LOCKED, ErrorCode.PARTNER_INACTIVE)
    if await repository.get_user_by_email(session, normalised) is not None:
        raise ValidationFailed.single(
            "email", "Un compte existe déjà avec cette adresse.", ErrorCode.EMAIL_TAKEN
        )
    user = User(email=normalised, full_name=name, role=role, partner_id=partner_id)
    session.add(user)
    await session.flush()
    raw, hashed = new_token()
    session.add(
        Invitation(
            user_id=user.id,
            token_hash=hashed,
            invited_by_id=actor.user_id,
            expires_at=utcnow() + timedelta(hours=settings.invitation_ttl_hours),
        )
    )
    record(
        session,
        actor,
        "user.invite",
        entity_type="user",
        entity_id=user.id,
        changes={"email": normalised, "role": role.value, "partner_id": partner_id},
        subject_user_id=user.id,
    )
    return InvitationIssued(user=user, token=raw)


async def accept_invitation(
    session: AsyncSession, settings: Settings, *, token: str, password: str, full_name: str | None
) -> Session:
    """The invitee chooses a password and is signed in at once, as after a sign-up.

    A member's profile is created by `server.onboarding.accept_invitation`, which callers use.
    """
    invitation = await repository.pending_invitation(session, token_hash(token), utcnow())
    if invitation is None:
        raise ValidationFailed.single(
            "token",
            "Invitation invalide ou expirée : demandez-en une nouvelle.",
            ErrorCode.INVITATION_INVALID,
        )
    user = await repository.get_user(session, invitation.user_id)
    if user is None or not user.is_active:
        raise ValidationFailed.single("token", "Ce compte a été désactivé.", ErrorCode.INVITATION_INVALID)
    issues = IssueCollector()
    check_password_strength(password, user.email, issues)
    name = bounded_text(full_name, issues, field="fullName", label="Nom", max_length=120)
    issues.raise_if_any()
    user.password_hash = hash_password(password)
    if name:
        user.full_name = name
    invitation.accepted_at = utcnow()
    record(
        session,
        actor_for(user),
        "user.accept_invitation",
        entity_type="user",
        entity_id=user.id,
        subject_user_id=user.id,
    )
    return open_session(session, settings, user)


async def visible_user(session: AsyncSession, actor: Actor, user_id: uuid.UUID) -> User:
    """A user the actor may manage: staff any, a partner admin those of its company."""
    user = await repository.get_user(session, user_id)
    if user is None:
        raise NotFound("L'utilisateur·rice")
    if actor.is_staff:
        return user
    if actor.role is UserRole.PARTNER_ADMIN and user.partner_id == actor.partner_id:
        return user
    raise NotFound("L'utilisateur·rice")


async def set_user_active(session: AsyncSession, actor: Actor, user_id: uuid.UUID, *, active: bool) -> User:
    user = await visible_user(session, actor, user_id)
    if user.id == actor.user_id and not active:
        raise ValidationFailed.single(
            "userId", "Vous ne pouvez pas désactiver votre propre compte.", ErrorCode.SELF_DEACTIVATION
        )
    if user.is_active != active:
        user.is_active = active
        if not active:
            await repository.revoke_user_tokens(session, user.id, utcnow())
        if user.role is UserRole.MEMBER:  # their matches expire, or come back on reactivation
            await member_changed(session, user.id)
        record(
            session,
            actor,
            "user.activate" if active else "user.deactivate",
            entity_type="user",
            entity_id=user.id,
            subject_user_id=user.id,
        )
    return user


async def list_users(
    session: AsyncSession,
    actor: Actor,
    page: PageRequest,
    *,
    partner_id: uuid.UUID | None = None,
    role: UserRole | None = None,
    active: bool | None = None,
    search: str | None = None,
) -> Page[User]:
    """Staff see everyone; a partner admin only the users of its company."""
    if not actor.is_staff:
        if actor.role is not UserRole.PARTNER_ADMIN:
            raise Forbidden()
        partner_id = actor.partner_id
    query = repository.users_query(partner_id=partner_id, role=role, active=active, search=search)
    return await paginate(session, query, sort=USER_SORT, page=page, key_of=lambda u: (u.email, u.id))
