"""Accounts: sign-in, tokens, invitations, deactivation; who may invite whom."""

from __future__ import annotations

import enum
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from server.accounts import mails, repository
from server.accounts.secrets import (
    check_password_strength,
    hash_password,
    new_token,
    token_hash,
    verify_password,
)
from server.accounts.security_events import security_event
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
from server.kit.validation import bounded_text, login_email, normalise_email
from server.models.accounts import (
    AccountToken,
    AccountTokenPurpose,
    AuthToken,
    Invitation,
    LoginAttempt,
    User,
    UserRole,
)
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


async def check_rate_limit(
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


@dataclass(frozen=True)
class Client:
    """Where a request comes from, as far as sessions and rate limits care."""

    address: str
    user_agent: str = ""

    @property
    def device(self) -> str:
        return self.user_agent.strip()[:200] or "appareil inconnu"


@dataclass(frozen=True)
class Challenge:
    """The password was right; one more step before a session: a second factor, or enrolling one."""

    kind: ChallengeKind
    token: str
    user: User


class ChallengeKind(enum.StrEnum):
    SECOND_FACTOR = "second_factor"
    ENROL_SECOND_FACTOR = "enrol_second_factor"


SignIn = Session | Challenge
CHALLENGE_TTL = timedelta(minutes=10)
CHALLENGE_MAX_ATTEMPTS = 5


async def login(
    session: AsyncSession, settings: Settings, *, email: str, password: str, client: Client
) -> SignIn:
    """Check the password, then open a session or ask for the second step; failures are counted.

    The failure is recorded by the caller's transaction even though we raise: the caller commits
    failures on purpose (see `record_failed_login`). Unknown address, wrong password and disabled
    account give the same answer after the same argon2 work.
    """
    normalised = login_email(email)
    await check_rate_limit(session, settings, normalised, client.address)
    user = await repository.get_user_by_email(session, normalised)
    password_ok = verify_password(user.password_hash if user else None, password[:1024])
    if user is None or not password_ok or not user.is_active:
        raise ValidationFailed.single(None, INVALID_CREDENTIALS, ErrorCode.INVALID_CREDENTIALS)
    await _require_partner_open(session, user)
    await repository.clear_failures(session, normalised)
    return await after_password(session, settings, user, client)


async def _require_partner_open(session: AsyncSession, user: User) -> None:
    if user.partner_id is not None:
        partner = await session.get(Partner, user.partner_id)
        if partner is None or partner.status not in LOGIN_ALLOWED_STATUSES:
            raise ValidationFailed.single(None, PARTNER_LOCKED, ErrorCode.PARTNER_INACTIVE)


def needs_enrolment(settings: Settings, user: User) -> bool:
    """Staff read every member's personal data: in production they need a second factor first."""
    return (
        user.role is UserRole.FEDERATION_ADMIN
        and settings.requires_staff_second_factor
        and not (user.has_second_factor)
    )


async def after_password(session: AsyncSession, settings: Settings, user: User, client: Client) -> SignIn:
    """The identity is proven by a password (login, invitation): a session, or the second step."""
    if user.has_second_factor:
        return issue_challenge(session, user, ChallengeKind.SECOND_FACTOR)
    if needs_enrolment(settings, user):
        return issue_challenge(session, user, ChallengeKind.ENROL_SECOND_FACTOR)
    return await sign_in(session, settings, user, client)


def issue_challenge(session: AsyncSession, user: User, kind: ChallengeKind) -> Challenge:
    raw, hashed = new_token()
    purpose = AccountTokenPurpose(kind.value)
    session.add(
        AccountToken(
            user_id=user.id,
            purpose=purpose,
            token_hash=hashed,
            attempts=0,
            expires_at=utcnow() + CHALLENGE_TTL,
        )
    )
    return Challenge(kind=kind, token=raw, user=user)


async def sign_in(session: AsyncSession, settings: Settings, user: User, client: Client) -> Session:
    """Open a session after every check passed; a browser never seen on this account is e-mailed about."""
    known = await repository.known_device(session, user.id, client.device)
    opened = open_session(session, settings, user, client=client)
    if known is False:
        await security_event(
            session,
            settings,
            user,
            actor_for(user),
            "user.new_device",
            changes={"device": client.device, "address": client.address},
            title="nouvelle connexion",
            event="Votre compte Passerelle vient d'être ouvert depuis un appareil inconnu.",
            details=[f"Appareil : {client.device}", f"Adresse IP : {client.address}"],
        )
    return opened


def open_session(
    session: AsyncSession, settings: Settings, user: User, *, client: Client | None = None
) -> Session:
    """Issue a bearer token for a user whose identity was just proven (login, invitation, reset)."""
    raw, hashed = new_token()
    now = utcnow()
    session.add(
        AuthToken(
            user_id=user.id,
            token_hash=hashed,
            created_at=now,
            expires_at=now + timedelta(hours=settings.token_ttl_hours),
            last_used_at=now,
            client_address=None if client is None else client.address[:64],
            user_agent=None if client is None else client.device,
        )
    )
    user.last_login_at = now
    return Session(token=raw, user=user)


# Sign-ups are counted in the same table as failed logins, under a mark no address can equal: each
# costs an argon2 hash and opens a session, so one address may only create a few accounts per window
# (and they count towards that address's login budget too).
SIGN_UP_MARK = "(inscription)"
LOGIN_ATTEMPT_RETENTION_DAYS = 30


async def register_sign_up_attempt(session: AsyncSession, settings: Settings, client_address: str) -> None:
    """Count a sign-up from this address, or refuse it with RATE_LIMITED past the window's budget."""
    since = utcnow() - timedelta(minutes=settings.login_failure_window_minutes)
    address = client_address[:64]
    recent = await repository.count_failures(session, email=SIGN_UP_MARK, client_address=address, since=since)
    if recent >= settings.sign_up_max_per_address:
        raise RateLimited(
            "Trop d'inscriptions depuis cette adresse. Réessayez dans "
            f"{settings.login_failure_window_minutes} minutes.",
            retry_after_seconds=settings.login_failure_window_minutes * 60,
        )
    session.add(LoginAttempt(email=SIGN_UP_MARK, client_address=address))


async def purge_login_attempts(session: AsyncSession, now: datetime) -> int:
    """Failed logins and sign-up counts hold an e-mail and an IP address: kept 30 days, no more."""
    return await repository.delete_attempts_before(
        session, now - timedelta(days=LOGIN_ATTEMPT_RETENTION_DAYS)
    )


def record_failed_login(session: AsyncSession, email: str, client_address: str) -> None:
    session.add(LoginAttempt(email=login_email(email), client_address=client_address[:64]))


async def logout(session: AsyncSession, raw_token: str) -> None:
    await repository.revoke_token(session, token_hash(raw_token), utcnow())


@dataclass(frozen=True)
class Authenticated:
    user: User
    stale: bool  # its last use is old enough to be written again


TOUCH_EVERY = timedelta(minutes=1)


async def authenticate(session: AsyncSession, settings: Settings, raw_token: str) -> Authenticated | None:
    """The user behind a bearer token, or None: partner users of a locked company are refused, and so
    is staff without a second factor where one is required (the token predates the requirement)."""
    found = await repository.user_and_partner_for_token(session, token_hash(raw_token), utcnow())
    if found is None:
        return None
    user, partner, last_used = found
    if partner is not None and partner.status not in LOGIN_ALLOWED_STATUSES:
        return None
    if needs_enrolment(settings, user):
        return None
    return Authenticated(user=user, stale=last_used is None or last_used < utcnow() - TOUCH_EVERY)


async def touch(session: AsyncSession, raw_token: str) -> None:
    """Note a session's last use (for the list of signed-in devices), at most once a minute."""
    await repository.touch_token(session, token_hash(raw_token), utcnow())


async def create_admin(session: AsyncSession, *, email: str, password: str, full_name: str) -> User:
    """Bootstrap a federation administrator (CLI only)."""
    issues = IssueCollector()
    normalised = normalise_email(email, issues)
    check_password_strength(password, normalised, issues, full_name=full_name)
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
        email_verified_at=utcnow(),
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
    raw = await _send_invitation(session, settings, actor, user)
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


async def _send_invitation(session: AsyncSession, settings: Settings, actor: Actor, user: User) -> str:
    """A fresh invitation (earlier ones stop working) and its e-mail; returns the raw token."""
    now = utcnow()
    for earlier in await repository.pending_invitations_of(session, user.id):
        earlier.revoked_at = now
    raw, hashed = new_token()
    expires_at = now + timedelta(hours=settings.invitation_ttl_hours)
    session.add(
        Invitation(user_id=user.id, token_hash=hashed, invited_by_id=actor.user_id, expires_at=expires_at)
    )
    partner = None if user.partner_id is None else await session.get(Partner, user.partner_id)
    inviter = await repository.get_user(session, actor.user_id) if actor.user_id else None
    await mails.invitation(
        session,
        settings,
        user,
        token=raw,
        inviter=(inviter.full_name or inviter.email) if inviter else "La fédération",
        partner=None if partner is None else partner.name,
        expires_at=expires_at,
    )
    return raw


async def _invited_user(session: AsyncSession, actor: Actor, user_id: uuid.UUID) -> User:
    user = await visible_user(session, actor, user_id)
    if user.password_hash is not None:
        raise ValidationFailed.single(
            "userId", "Ce compte a déjà accepté son invitation.", ErrorCode.INVITATION_ACCEPTED
        )
    if not _may_invite(actor, user.role, user.partner_id):
        raise NotFound("L'utilisateur·rice")
    return user


async def resend_invitation(
    session: AsyncSession, settings: Settings, actor: Actor, user_id: uuid.UUID
) -> User:
    """A new link with a new expiry; the previous link stops working."""
    user = await _invited_user(session, actor, user_id)
    if not user.is_active:
        raise ValidationFailed.single("userId", "Ce compte a été désactivé.", ErrorCode.INVITATION_INVALID)
    await _send_invitation(session, settings, actor, user)
    record(
        session, actor, "user.invite_resend", entity_type="user", entity_id=user.id, subject_user_id=user.id
    )
    return user


async def revoke_invitation(session: AsyncSession, actor: Actor, user_id: uuid.UUID) -> User:
    """The pending link stops working; the account stays, passwordless, until invited again."""
    user = await _invited_user(session, actor, user_id)
    now = utcnow()
    for pending in await repository.pending_invitations_of(session, user.id):
        pending.revoked_at = now
    record(
        session, actor, "user.invite_revoke", entity_type="user", entity_id=user.id, subject_user_id=user.id
    )
    return user


async def accept_invitation(
    session: AsyncSession,
    settings: Settings,
    *,
    token: str,
    password: str,
    full_name: str | None,
    client: Client,
) -> SignIn:
    """The invitee chooses a password and is signed in at once (staff in production enrol TOTP first).

    The link came by e-mail, so the address is verified too. A member's profile is created by
    `server.onboarding.accept_invitation`, which callers use.
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
    check_password_strength(password, user.email, issues, full_name=full_name or user.full_name)
    name = bounded_text(full_name, issues, field="fullName", label="Nom", max_length=120)
    issues.raise_if_any()
    user.password_hash = hash_password(password)
    if name:
        user.full_name = name
    now = utcnow()
    invitation.accepted_at = now
    user.email_verified_at = user.email_verified_at or now
    record(
        session,
        actor_for(user),
        "user.accept_invitation",
        entity_type="user",
        entity_id=user.id,
        subject_user_id=user.id,
    )
    return await after_password(session, settings, user, client)


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
