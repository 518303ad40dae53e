"""Two-factor authentication: enrol (QR code, ten recovery codes), the second sign-in step, reset.

The second step is under the login rate limits: each wrong code counts as a failed sign-in of the
account and of the client address, and a challenge dies after a few wrong codes.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from server.accounts import repository, totp
from server.accounts.secrets import token_hash, verify_password
from server.accounts.security_events import security_event
from server.accounts.service import (
    CHALLENGE_MAX_ATTEMPTS,
    INVALID_CREDENTIALS,
    ChallengeKind,
    Client,
    Session,
    actor_for,
    check_rate_limit,
    sign_in,
)
from server.actor import Actor
from server.db import utcnow
from server.kit.errors import ErrorCode, Forbidden, NotFound, ValidationFailed
from server.models.accounts import AccountToken, AccountTokenPurpose, User
from server.settings import Settings

CHALLENGE_INVALID = "Cette étape de connexion a expiré : reconnectez-vous avec votre mot de passe."
CODE_INVALID = (
    "Code incorrect ou déjà utilisé : saisissez le code à 6 chiffres de votre application "
    "(ou attendez le suivant), ou un code de secours."
)


@dataclass(frozen=True)
class Enrolment:
    secret: str
    uri: str
    qr_svg: str


@dataclass(frozen=True)
class Enrolled:
    user: User
    recovery_codes: list[str]
    session: Session | None  # opened when the enrolment was the second step of a sign-in


async def _challenge(
    session: AsyncSession,
    raw: str,
    kind: ChallengeKind,
    *,
    limits: tuple[Settings, Client] | None = None,
) -> tuple[AccountToken, User]:
    """The live challenge and its user; with `limits`, the login rate limits are checked first."""
    found = await repository.live_account_token(
        session, token_hash(raw.strip()), AccountTokenPurpose(kind.value), utcnow()
    )
    user = None if found is None else await repository.get_user(session, found.user_id)
    if found is None or user is None or not user.is_active:
        raise ValidationFailed.single("challenge", CHALLENGE_INVALID, ErrorCode.CHALLENGE_INVALID)
    if limits is not None:
        settings, client = limits
        await check_rate_limit(session, settings, user.email, client.address)
    if found.attempts >= CHALLENGE_MAX_ATTEMPTS:
        raise ValidationFailed.single("challenge", CHALLENGE_INVALID, ErrorCode.CHALLENGE_INVALID)
    return found, user


async def _code_ok(session: AsyncSession, user: User, code: str) -> bool:
    """A TOTP code, or an unused recovery code (then used up)."""
    if user.totp_secret is None:
        return False
    if totp.looks_like_recovery_code(code):
        found = await repository.unused_recovery_code(session, user.id, totp.recovery_hash(code))
        if found is None:
            return False
        found.used_at = utcnow()
        return True
    return await _totp_ok(session, user, code)


async def _totp_ok(session: AsyncSession, user: User, code: str) -> bool:
    """A TOTP code of a time-step later than the last accepted one, which it then becomes (single use)."""
    if user.totp_secret is None:
        return False
    step = totp.matching_step(user.totp_secret, code, after=user.totp_last_step)
    return step is not None and await repository.claim_totp_step(session, user, step)


class WrongCode(Exception):
    """A wrong code at step two: the caller rolls back, then notes the failure in its own transaction."""

    def __init__(self, email: str, challenge_id: uuid.UUID | None) -> None:
        super().__init__(CODE_INVALID)
        self.email = email
        self.challenge_id = challenge_id


async def complete_sign_in(
    session: AsyncSession, settings: Settings, *, challenge: str, code: str, client: Client
) -> Session:
    """Step two: the code for the challenge issued by a right password."""
    found, user = await _challenge(session, challenge, ChallengeKind.SECOND_FACTOR, limits=(settings, client))
    if not await _code_ok(session, user, code):
        raise WrongCode(email=user.email, challenge_id=found.id)
    found.used_at = utcnow()
    await repository.clear_failures(session, user.email)
    if totp.looks_like_recovery_code(code):
        left = await repository.count_unused_recovery_codes(session, user.id)
        await security_event(
            session,
            settings,
            user,
            actor_for(user),
            "user.recovery_code_used",
            changes={"left": left},
            title="code de secours utilisé",
            event=f"Un code de secours vient d'être utilisé pour vous connecter ; il vous en reste {left}.",
        )
    return await sign_in(session, settings, user, client)


async def note_wrong_code(session: AsyncSession, wrong: WrongCode, client: Client) -> None:
    from server.accounts.service import record_failed_login

    record_failed_login(session, wrong.email, client.address)
    if wrong.challenge_id is not None:
        found = await session.get(AccountToken, wrong.challenge_id)
        if found is not None:
            found.attempts += 1


async def _enrolling_user(
    session: AsyncSession, actor: Actor | None, challenge: str | None
) -> tuple[User, AccountToken | None]:
    if challenge:
        found, user = await _challenge(session, challenge, ChallengeKind.ENROL_SECOND_FACTOR)
        return user, found
    if actor is None or actor.user_id is None:
        raise ValidationFailed.single("challenge", CHALLENGE_INVALID, ErrorCode.CHALLENGE_INVALID)
    me = await repository.get_user(session, actor.user_id)
    if me is None:
        raise NotFound("Le compte")
    return me, None


async def start_enrolment(session: AsyncSession, actor: Actor | None, challenge: str | None) -> Enrolment:
    """A new secret, kept pending until a code from it is confirmed (a restart replaces it)."""
    user, _ = await _enrolling_user(session, actor, challenge)
    if user.has_second_factor:
        raise ValidationFailed.single(
            None, "La double authentification est déjà active.", ErrorCode.SECOND_FACTOR_ENABLED
        )
    user.totp_secret = totp.new_secret()
    user.totp_last_step = None  # steps count per secret: the new one's codes are all unused
    uri = totp.provisioning_uri(user.totp_secret, user.email)
    return Enrolment(secret=user.totp_secret, uri=uri, qr_svg=totp.qr_svg(uri))


async def confirm_enrolment(
    session: AsyncSession,
    settings: Settings,
    actor: Actor | None,
    *,
    code: str,
    challenge: str | None,
    client: Client,
) -> Enrolled:
    user, found = await _enrolling_user(session, actor, challenge)
    if user.has_second_factor:
        raise ValidationFailed.single(
            None, "La double authentification est déjà active.", ErrorCode.SECOND_FACTOR_ENABLED
        )
    if not await _totp_ok(session, user, code):
        raise ValidationFailed.single("code", CODE_INVALID, ErrorCode.CODE_INVALID)
    user.totp_enabled_at = utcnow()
    codes = totp.new_recovery_codes()
    await repository.replace_recovery_codes(session, user.id, [totp.recovery_hash(c) for c in codes])
    await security_event(
        session,
        settings,
        user,
        actor_for(user),
        "user.second_factor_enable",
        title="double authentification activée",
        event="La double authentification est désormais active sur votre compte Passerelle.",
    )
    opened = None
    if found is not None:
        found.used_at = utcnow()
        opened = await sign_in(session, settings, user, client)
    return Enrolled(user=user, recovery_codes=codes, session=opened)


async def disable(
    session: AsyncSession, settings: Settings, actor: Actor, *, password: str, client: Client
) -> User:
    """Turn the second factor off (password required); staff cannot where it is mandatory."""
    user = await repository.get_user(session, actor.require_user_id())
    if user is None:
        raise NotFound("Le compte")
    await check_rate_limit(session, settings, user.email, client.address)
    if not verify_password(user.password_hash, password[:1024]):
        raise ValidationFailed.single("password", INVALID_CREDENTIALS, ErrorCode.INVALID_CREDENTIALS)
    if not user.has_second_factor:
        raise ValidationFailed.single(
            None, "La double authentification n'est pas active.", ErrorCode.SECOND_FACTOR_NOT_ENABLED
        )
    if actor.is_staff and settings.requires_staff_second_factor:
        raise ValidationFailed.single(
            None,
            "La double authentification est obligatoire pour l'équipe.",
            ErrorCode.SECOND_FACTOR_REQUIRED,
        )
    user.totp_secret = None
    user.totp_enabled_at = None
    user.totp_last_step = None
    await repository.replace_recovery_codes(session, user.id, [])
    await security_event(
        session,
        settings,
        user,
        actor,
        "user.second_factor_disable",
        title="double authentification désactivée",
        event="La double authentification vient d'être désactivée sur votre compte Passerelle.",
    )
    return user


async def reset_for(session: AsyncSession, settings: Settings, actor: Actor, user_id: uuid.UUID) -> User:
    """Staff remove another person's second factor (lost phone): they enrol again at next sign-in."""
    if not actor.is_staff:
        raise Forbidden()
    if user_id == actor.user_id:
        raise ValidationFailed.single(
            "userId", "Utilisez la désactivation de votre propre compte.", ErrorCode.NOT_ALLOWED
        )
    user = await repository.get_user(session, user_id)
    if user is None:
        raise NotFound("L'utilisateur·rice")
    if not user.has_second_factor:
        raise ValidationFailed.single(
            "userId", "La double authentification n'est pas active.", ErrorCode.SECOND_FACTOR_NOT_ENABLED
        )
    user.totp_secret = None
    user.totp_enabled_at = None
    user.totp_last_step = None
    await repository.replace_recovery_codes(session, user.id, [])
    await repository.revoke_user_tokens(session, user.id, utcnow())
    await security_event(
        session,
        settings,
        user,
        actor,
        "user.second_factor_reset",
        title="double authentification réinitialisée",
        event="L'équipe de la fédération a réinitialisé la double authentification de votre compte ; "
        "vos sessions ont été fermées. Vous l'activerez à nouveau à votre prochaine connexion.",
        details=[f"Par : {actor.label}"],
    )
    return user
