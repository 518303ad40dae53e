"""Address verification, password reset and change, address change: the flows that go through e-mail.

Answers never tell whether an address has an account: the reset request does the same work for known
and unknown addresses (the lookup happens in a job), and sign-up e-mails the owner of a taken address.
"""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from server.accounts import links, mails, repository
from server.accounts.secrets import check_password_strength, hash_password, token_hash, verify_password
from server.accounts.security_events import security_event
from server.accounts.service import INVALID_CREDENTIALS, actor_for, check_rate_limit, record_failed_login
from server.actor import Actor
from server.audit.service import record
from server.db import transaction, utcnow
from server.jobs.context import JobContext
from server.jobs.match_requests import member_changed
from server.jobs.outbox import enqueue
from server.kit.errors import ErrorCode, IssueCollector, RateLimited, ValidationFailed
from server.kit.validation import login_email, normalise_email
from server.models.accounts import AccountRequest, AccountTokenPurpose, User, UserRole
from server.settings import Settings

RESET_KIND = "password_reset"
RESET_JOB = "send_password_reset"
# The lookup and the e-mail happen a moment after the answer is sent: on the embedded default the
# job runs in the same process, and sending an e-mail during the answer would make known addresses slower.
RESET_JOB_DELAY = timedelta(seconds=1)


def _verification_ttl(settings: Settings) -> timedelta:
    return timedelta(hours=settings.email_verification_ttl_hours)


async def send_verification(session: AsyncSession, settings: Settings, user: User) -> None:
    raw = links.issue(session, user, AccountTokenPurpose.VERIFY_EMAIL, _verification_ttl(settings))
    await mails.verify_email(session, settings, user, raw)


async def resend_verification(session: AsyncSession, settings: Settings, actor: Actor) -> None:
    user = await repository.get_user(session, actor.require_user_id())
    if user is None or user.email_verified_at is not None:
        return  # nothing to verify: the same quiet answer
    await repository.use_up_tokens(session, user.id, (AccountTokenPurpose.VERIFY_EMAIL,), utcnow())
    await send_verification(session, settings, user)


async def verify_email(session: AsyncSession, token: str) -> User:
    """The link proves the address: from now on a member can be matched and seen by partners."""
    _, user = await links.consume(session, token, AccountTokenPurpose.VERIFY_EMAIL)
    if user.email_verified_at is None:
        user.email_verified_at = utcnow()
        if user.role is UserRole.MEMBER and await repository.wants_matching(session, user.id):
            await member_changed(session, user.id)
        record(
            session,
            actor_for(user),
            "user.verify_email",
            entity_type="user",
            entity_id=user.id,
            subject_user_id=user.id,
        )
    return user


async def request_password_reset(
    session: AsyncSession, settings: Settings, *, email: str, client_address: str
) -> None:
    """Same answer and same work for every address; the e-mail (if any) is decided by a job."""
    normalised = login_email(email)
    since = utcnow() - timedelta(minutes=settings.password_reset_window_minutes)
    per_email = await repository.count_requests(session, RESET_KIND, since=since, email=normalised)
    per_client = await repository.count_requests(session, RESET_KIND, since=since, client=client_address[:64])
    if (
        per_email >= settings.password_reset_max_per_address
        or per_client >= settings.password_reset_max_per_client
    ):
        raise RateLimited(
            "Trop de demandes de réinitialisation. Réessayez dans "
            f"{settings.password_reset_window_minutes} minutes.",
            retry_after_seconds=settings.password_reset_window_minutes * 60,
        )
    request = AccountRequest(kind=RESET_KIND, email=normalised, client_address=client_address[:64])
    session.add(request)
    await session.flush()
    await enqueue(
        session,
        RESET_JOB,
        {"request_id": str(request.id)},
        dedup_key=f"reset:{request.id}",
        available_at=utcnow() + RESET_JOB_DELAY,
    )


async def send_password_reset(context: JobContext, payload: dict[str, Any]) -> None:
    """The job behind a reset request: a link for a known, active, signed-up account; nothing otherwise.

    Idempotent: a request is handled once (`handled_at`).
    """
    settings = context.settings
    async with transaction(context.session_factory) as session:
        request = await session.get(AccountRequest, uuid.UUID(str(payload["request_id"])))
        if request is None or request.handled_at is not None:
            return
        request.handled_at = utcnow()
        user = await repository.get_user_by_email(session, request.email)
        if user is None or not user.is_active or user.password_hash is None:
            return
        raw = links.issue(
            session,
            user,
            AccountTokenPurpose.RESET_PASSWORD,
            timedelta(minutes=settings.password_reset_ttl_minutes),
        )
        await mails.password_reset(session, settings, user, raw)


async def reset_password(session: AsyncSession, settings: Settings, *, token: str, password: str) -> User:
    """A new password from the e-mailed link: every session of the account is closed."""
    _, user = await links.consume(session, token, AccountTokenPurpose.RESET_PASSWORD)
    issues = IssueCollector()
    check_password_strength(password, user.email, issues)
    issues.raise_if_any()
    now = utcnow()
    user.password_hash = hash_password(password)
    user.email_verified_at = user.email_verified_at or now  # the link came to that address
    await repository.revoke_user_tokens(session, user.id, now)
    await repository.clear_failures(session, user.email)
    await security_event(
        session,
        settings,
        user,
        actor_for(user),
        "user.password_reset",
        title="mot de passe changé",
        event="Le mot de passe de votre compte vient d'être réinitialisé ; "
        "toutes vos sessions ont été fermées.",
    )
    return user


async def _check_current_password(
    session: AsyncSession, settings: Settings, user: User, password: str, client_address: str
) -> None:
    """The current password, under the login rate limits (a stolen session must not guess it)."""
    await check_rate_limit(session, settings, user.email, client_address)
    if not verify_password(user.password_hash, password[:1024]):
        raise ValidationFailed.single("currentPassword", INVALID_CREDENTIALS, ErrorCode.INVALID_CREDENTIALS)


async def change_password(
    session: AsyncSession,
    settings: Settings,
    actor: Actor,
    *,
    current_password: str,
    new_password: str,
    current_token: str | None,
    client_address: str,
) -> User:
    user = await _me(session, actor)
    await _check_current_password(session, settings, user, current_password, client_address)
    issues = IssueCollector()
    check_password_strength(new_password, user.email, issues)
    issues.raise_if_any()
    user.password_hash = hash_password(new_password)
    keep = None if current_token is None else token_hash(current_token)
    await repository.revoke_user_tokens_except(session, user.id, keep, utcnow())
    await security_event(
        session,
        settings,
        user,
        actor,
        "user.password_change",
        title="mot de passe changé",
        event="Le mot de passe de votre compte vient d'être changé ; vos autres sessions ont été fermées.",
    )
    return user


async def request_email_change(
    session: AsyncSession,
    settings: Settings,
    actor: Actor,
    *,
    new_email: str,
    password: str,
    client_address: str,
) -> None:
    """A link to the new address; nothing changes until it is followed. A taken address gets no link."""
    user = await _me(session, actor)
    await _check_current_password(session, settings, user, password, client_address)
    issues = IssueCollector()
    normalised = normalise_email(new_email, issues, field="newEmail")
    issues.raise_if_any()
    if normalised == user.email:
        raise ValidationFailed.single(
            "newEmail", "C'est déjà l'adresse de votre compte.", ErrorCode.SAME_EMAIL
        )
    await repository.use_up_tokens(session, user.id, (AccountTokenPurpose.CHANGE_EMAIL,), utcnow())
    record(
        session,
        actor,
        "user.email_change_request",
        entity_type="user",
        entity_id=user.id,
        changes={"new_email": normalised},
        subject_user_id=user.id,
    )
    if await repository.get_user_by_email(session, normalised) is not None:
        return  # the same answer: whether another account uses it is not ours to tell
    raw = links.issue(
        session, user, AccountTokenPurpose.CHANGE_EMAIL, _verification_ttl(settings), new_email=normalised
    )
    await mails.email_change(session, settings, user, normalised, raw)


async def confirm_email_change(session: AsyncSession, settings: Settings, token: str) -> User:
    found, user = await links.consume(session, token, AccountTokenPurpose.CHANGE_EMAIL)
    new_email = found.new_email or ""
    if await repository.get_user_by_email(session, new_email) is not None:
        raise ValidationFailed.single("token", links.LINK_INVALID, ErrorCode.LINK_INVALID)
    old_email = user.email
    user.email = new_email
    user.email_verified_at = utcnow()
    await security_event(
        session,
        settings,
        user,
        actor_for(user),
        "user.email_change",
        changes={"email": [old_email, new_email]},
        title="adresse e-mail changée",
        event=f"L'adresse e-mail de votre compte Passerelle est désormais {new_email}.",
        to=old_email,
    )
    return user


async def _me(session: AsyncSession, actor: Actor) -> User:
    user = await repository.get_user(session, actor.require_user_id())
    if user is None:
        raise ValidationFailed.single(None, INVALID_CREDENTIALS, ErrorCode.INVALID_CREDENTIALS)
    return user


def failed_password(session: AsyncSession, user_email: str, client_address: str) -> None:
    record_failed_login(session, user_email, client_address)
