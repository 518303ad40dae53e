"""Account security over GraphQL: e-mailed links, password, address, devices, second factor."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Any, TypeVar

import strawberry
from sqlalchemy.ext.asyncio import AsyncSession
from strawberry.types import Info

from schema.accounts.api import SessionPayload
from schema.accounts.types import UserType
from schema.context import Context
from schema.errors import FieldError, field_errors, payload
from schema.permissions import IsAuthenticated, IsStaff, IsStaffOrPartnerAdmin
from server.accounts import devices, recovery, second_factor, service
from server.accounts.secrets import token_hash
from server.kit.errors import ErrorCode, FieldIssue, ValidationFailed
from server.models.accounts import AuthToken

TOKEN_ARG = strawberry.argument(description="Le jeton du lien reçu par e-mail (paramètre `token`).")
PASSWORD_ARG = strawberry.argument(
    description="Mot de passe : 10 caractères au moins, lettres et chiffres ou symboles."
)
CHALLENGE_ARG = strawberry.argument(description="Le `challenge` rendu par la première étape de connexion.")


@strawberry.type(description="Réponse d'une action sans autre résultat que son succès.")
class OkPayload:
    """The shape of a payload that says only whether the action was done; each mutation names its own."""

    ok: bool = strawberry.field(description="Vrai si l'action est faite (ou la demande prise en compte).")
    errors: list[FieldError] = strawberry.field(description="Règles refusées ; vide si tout va bien.")


@strawberry.type(description="Résultat de `completeSignIn` : la session, ou les règles refusées.")
class CompleteSignInPayload(SessionPayload):
    pass


@strawberry.type(description="Un secret TOTP à enregistrer dans une application d'authentification.")
class SecondFactorEnrolment:
    secret: str = strawberry.field(
        description="Le secret en base 32, à saisir si le code QR ne peut être lu."
    )
    uri: str = strawberry.field(description="L'URI otpauth:// (RFC 6238) que représente le code QR.")
    qr_code_svg: str = strawberry.field(description="Le code QR de l'URI, en image SVG.")


@strawberry.type(description="Résultat de `startSecondFactorEnrolment`.")
class StartSecondFactorEnrolmentPayload:
    enrolment: SecondFactorEnrolment | None = strawberry.field(description="Le secret, ou null si refusé.")
    errors: list[FieldError] = strawberry.field(description="Règles refusées ; vide si tout va bien.")


@strawberry.type(
    description="Résultat de `confirmSecondFactorEnrolment` : codes de secours, et session si connexion."
)
class ConfirmSecondFactorEnrolmentPayload(SessionPayload):
    recovery_codes: list[str] = strawberry.field(
        description="Dix codes de secours à usage unique, montrés cette seule fois."
    )


@strawberry.type(description="Réponse d'une action sur un compte.")
class UserPayload:
    """The shape of a payload that returns the account acted on; each mutation names its own."""

    user: UserType | None = strawberry.field(description="Le compte à jour, ou null si refusé.")
    errors: list[FieldError] = strawberry.field(description="Règles refusées ; vide si tout va bien.")


Ok = TypeVar("Ok", bound=OkPayload)


@strawberry.type(description="Résultat de `verifyEmail`.")
class VerifyEmailPayload(OkPayload):
    pass


@strawberry.type(description="Résultat de `resendVerificationEmail`.")
class ResendVerificationEmailPayload(OkPayload):
    pass


@strawberry.type(description="Résultat de `requestPasswordReset`.")
class RequestPasswordResetPayload(OkPayload):
    pass


@strawberry.type(description="Résultat de `resetPassword`.")
class ResetPasswordPayload(OkPayload):
    pass


@strawberry.type(description="Résultat de `changePassword`.")
class ChangePasswordPayload(OkPayload):
    pass


@strawberry.type(description="Résultat de `requestEmailChange`.")
class RequestEmailChangePayload(OkPayload):
    pass


@strawberry.type(description="Résultat de `confirmEmailChange`.")
class ConfirmEmailChangePayload(OkPayload):
    pass


@strawberry.type(description="Résultat de `revokeSession`.")
class RevokeSessionPayload(OkPayload):
    pass


@strawberry.type(description="Résultat de `revokeOtherSessions`.")
class RevokeOtherSessionsPayload(OkPayload):
    pass


@strawberry.type(description="Résultat de `disableSecondFactor`.")
class DisableSecondFactorPayload(OkPayload):
    pass


@strawberry.type(description="Résultat de `resetSecondFactor`.")
class ResetSecondFactorPayload(UserPayload):
    pass


@strawberry.type(description="Résultat de `resendInvitation`.")
class ResendInvitationPayload(UserPayload):
    pass


@strawberry.type(description="Résultat de `revokeInvitation`.")
class RevokeInvitationPayload(UserPayload):
    pass


@strawberry.type(
    name="DeviceSession", description="Une session ouverte de mon compte (un appareil connecté)."
)
class DeviceSessionType:
    id: uuid.UUID = strawberry.field(description="Identifiant de la session (pour la fermer).")
    created_at: datetime = strawberry.field(description="Ouverture de la session.")
    last_used_at: datetime | None = strawberry.field(description="Dernière utilisation (à la minute près).")
    expires_at: datetime = strawberry.field(description="Fin de validité de la session.")
    client_address: str | None = strawberry.field(description="Adresse IP à l'ouverture.")
    user_agent: str | None = strawberry.field(description="Navigateur ou programme à l'ouverture.")
    current: bool = strawberry.field(description="Vrai pour la session de cet appel.")

    @classmethod
    def of(cls, token: AuthToken, current_hash: str | None) -> DeviceSessionType:
        return cls(
            id=token.id,
            created_at=token.created_at,
            last_used_at=token.last_used_at,
            expires_at=token.expires_at,
            client_address=token.client_address,
            user_agent=token.user_agent,
            current=token.token_hash == current_hash,
        )


def _ok(kind: type[Ok], result: tuple[Any, list[Any]]) -> Ok:
    _, issues = result
    return kind(ok=not issues, errors=field_errors(issues))


@strawberry.type
class SecurityQueries:
    @strawberry.field(
        permission_classes=[IsAuthenticated],
        description="Mes sessions ouvertes (appareils connectés), la plus récente d'abord ; 100 au plus.",
    )
    async def my_sessions(self, info: Info[Context, Any]) -> list[DeviceSessionType]:
        context = info.context
        current = None if context.token is None else token_hash(context.token)
        async with context.reading() as session:
            found = await devices.my_sessions(session, context.actor)
        return [DeviceSessionType.of(token, current) for token in found[:100]]


@strawberry.type
class SecurityMutations:
    @strawberry.mutation(description="Confirme l'adresse e-mail d'un compte (lien reçu après l'inscription).")
    async def verify_email(
        self, info: Info[Context, Any], token: Annotated[str, TOKEN_ARG]
    ) -> VerifyEmailPayload:
        return _ok(
            VerifyEmailPayload,
            await info.context.write_or_errors(lambda session: recovery.verify_email(session, token)),
        )

    @strawberry.mutation(
        permission_classes=[IsAuthenticated],
        description="Renvoie le lien de confirmation de mon adresse (sans effet si elle est confirmée).",
    )
    async def resend_verification_email(self, info: Info[Context, Any]) -> ResendVerificationEmailPayload:
        context = info.context
        return _ok(
            ResendVerificationEmailPayload,
            await context.write_or_errors(
                lambda session: recovery.resend_verification(session, context.settings, context.actor)
            ),
        )

    @strawberry.mutation(
        description="Demande un lien pour choisir un nouveau mot de passe. Même réponse pour toute adresse ; "
        "limité par adresse e-mail et par adresse IP (RATE_LIMITED)."
    )
    async def request_password_reset(
        self,
        info: Info[Context, Any],
        email: Annotated[str, strawberry.argument(description="Adresse e-mail du compte.")],
    ) -> RequestPasswordResetPayload:
        context = info.context
        return _ok(
            RequestPasswordResetPayload,
            await context.write_or_errors(
                lambda session: recovery.request_password_reset(
                    session, context.settings, email=email, client_address=context.client_address
                )
            ),
        )

    @strawberry.mutation(
        description="Choisit un nouveau mot de passe avec le lien reçu (une heure, une fois) ; "
        "toutes les sessions du compte sont fermées."
    )
    async def reset_password(
        self,
        info: Info[Context, Any],
        token: Annotated[str, TOKEN_ARG],
        password: Annotated[str, PASSWORD_ARG],
    ) -> ResetPasswordPayload:
        context = info.context
        return _ok(
            ResetPasswordPayload,
            await context.write_or_errors(
                lambda session: recovery.reset_password(
                    session, context.settings, token=token, password=password
                )
            ),
        )

    @strawberry.mutation(
        permission_classes=[IsAuthenticated],
        description="Change mon mot de passe (l'actuel est requis) ; mes autres sessions sont fermées.",
    )
    async def change_password(
        self,
        info: Info[Context, Any],
        current_password: Annotated[str, strawberry.argument(description="Mot de passe actuel.")],
        new_password: Annotated[str, PASSWORD_ARG],
    ) -> ChangePasswordPayload:
        context = info.context
        return await _guarded(
            ChangePasswordPayload,
            context,
            lambda session: recovery.change_password(
                session,
                context.settings,
                context.actor,
                current_password=current_password,
                new_password=new_password,
                current_token=context.token,
                client_address=context.client_address,
            ),
        )

    @strawberry.mutation(
        permission_classes=[IsAuthenticated],
        description="Demande à changer mon adresse e-mail : un lien est envoyé à la nouvelle adresse.",
    )
    async def request_email_change(
        self,
        info: Info[Context, Any],
        new_email: Annotated[str, strawberry.argument(description="La nouvelle adresse e-mail.")],
        password: Annotated[str, strawberry.argument(description="Mot de passe actuel.")],
    ) -> RequestEmailChangePayload:
        context = info.context
        return await _guarded(
            RequestEmailChangePayload,
            context,
            lambda session: recovery.request_email_change(
                session,
                context.settings,
                context.actor,
                new_email=new_email,
                password=password,
                client_address=context.client_address,
            ),
        )

    @strawberry.mutation(
        description="Confirme la nouvelle adresse avec le lien reçu ; l'ancienne adresse en est avertie."
    )
    async def confirm_email_change(
        self, info: Info[Context, Any], token: Annotated[str, TOKEN_ARG]
    ) -> ConfirmEmailChangePayload:
        context = info.context
        return _ok(
            ConfirmEmailChangePayload,
            await context.write_or_errors(
                lambda session: recovery.confirm_email_change(session, context.settings, token)
            ),
        )

    @strawberry.mutation(permission_classes=[IsAuthenticated], description="Ferme une de mes sessions.")
    async def revoke_session(
        self,
        info: Info[Context, Any],
        id: Annotated[uuid.UUID, strawberry.argument(description="Identifiant de la session.")],
    ) -> RevokeSessionPayload:
        context = info.context
        return _ok(
            RevokeSessionPayload,
            await context.write_or_errors(lambda session: devices.revoke_session(session, context.actor, id)),
        )

    @strawberry.mutation(
        permission_classes=[IsAuthenticated], description="Ferme toutes mes sessions sauf celle de cet appel."
    )
    async def revoke_other_sessions(self, info: Info[Context, Any]) -> RevokeOtherSessionsPayload:
        context = info.context
        return _ok(
            RevokeOtherSessionsPayload,
            await context.write_or_errors(
                lambda session: devices.revoke_other_sessions(session, context.actor, context.token)
            ),
        )

    @strawberry.mutation(
        description="Deuxième étape de connexion : code à 6 chiffres de l'application, ou code de secours. "
        "Soumise aux mêmes limites que la connexion."
    )
    async def complete_sign_in(
        self,
        info: Info[Context, Any],
        challenge: Annotated[str, CHALLENGE_ARG],
        code: Annotated[str, strawberry.argument(description="Code à 6 chiffres, ou code de secours.")],
    ) -> CompleteSignInPayload:
        context = info.context
        client = context.client
        try:
            opened = await context.write(
                lambda session: second_factor.complete_sign_in(
                    session, context.settings, challenge=challenge, code=code, client=client
                )
            )
        except second_factor.WrongCode as wrong:
            noted = wrong

            async def note(session: AsyncSession) -> None:
                await second_factor.note_wrong_code(session, noted, client)

            await context.write(note)
            return CompleteSignInPayload.of((None, [_code_issue()]), context)
        except ValidationFailed as failure:
            return CompleteSignInPayload.of((None, failure.issues), context)
        return CompleteSignInPayload.of((opened, []), context)

    @strawberry.mutation(
        description="Commence l'activation de la double authentification : connecté·e, ou avec le "
        "`challenge` d'une connexion qui l'exige."
    )
    async def start_second_factor_enrolment(
        self,
        info: Info[Context, Any],
        challenge: Annotated[str | None, CHALLENGE_ARG] = None,
    ) -> StartSecondFactorEnrolmentPayload:
        context = info.context
        actor = context.actor if context.user is not None else None
        started, issues = await context.write_or_errors(
            lambda session: second_factor.start_enrolment(session, actor, challenge)
        )
        return StartSecondFactorEnrolmentPayload(
            enrolment=None
            if started is None
            else SecondFactorEnrolment(secret=started.secret, uri=started.uri, qr_code_svg=started.qr_svg),
            errors=field_errors(issues),
        )

    @strawberry.mutation(
        description="Termine l'activation avec un premier code ; rend dix codes de secours, et ouvre la "
        "session si l'activation était une étape de connexion."
    )
    async def confirm_second_factor_enrolment(
        self,
        info: Info[Context, Any],
        code: Annotated[str, strawberry.argument(description="Code à 6 chiffres affiché par l'application.")],
        challenge: Annotated[str | None, CHALLENGE_ARG] = None,
    ) -> ConfirmSecondFactorEnrolmentPayload:
        context = info.context
        actor = context.actor if context.user is not None else None
        done, issues = await context.write_or_errors(
            lambda session: second_factor.confirm_enrolment(
                session, context.settings, actor, code=code, challenge=challenge, client=context.client
            )
        )
        if done is None:
            return ConfirmSecondFactorEnrolmentPayload(
                token=None, user=None, errors=field_errors(issues), recovery_codes=[]
            )
        token = None if done.session is None else context.start_browser_session(done.session.token)
        return ConfirmSecondFactorEnrolmentPayload(
            token=token,
            user=UserType.of(done.user),
            next_step=None if done.session is None else SessionPayload.done_step(),
            errors=[],
            recovery_codes=done.recovery_codes,
        )

    @strawberry.mutation(
        permission_classes=[IsAuthenticated],
        description="Désactive ma double authentification (mot de passe requis ; impossible pour l'équipe "
        "là où elle est obligatoire).",
    )
    async def disable_second_factor(
        self,
        info: Info[Context, Any],
        password: Annotated[str, strawberry.argument(description="Mot de passe actuel.")],
    ) -> DisableSecondFactorPayload:
        context = info.context
        return await _guarded(
            DisableSecondFactorPayload,
            context,
            lambda session: second_factor.disable(
                session, context.settings, context.actor, password=password, client=context.client
            ),
        )

    @strawberry.mutation(
        permission_classes=[IsStaff],
        description="Retire la double authentification d'une autre personne (appareil perdu) ; journalisé, "
        "ses sessions sont fermées.",
    )
    async def reset_second_factor(
        self,
        info: Info[Context, Any],
        user_id: Annotated[uuid.UUID, strawberry.argument(description="Le compte concerné.")],
    ) -> ResetSecondFactorPayload:
        context = info.context
        result = await context.write_or_errors(
            lambda session: second_factor.reset_for(session, context.settings, context.actor, user_id)
        )
        return payload(ResetSecondFactorPayload, result, UserType.of, "user")

    @strawberry.mutation(
        permission_classes=[IsStaffOrPartnerAdmin],
        description="Renvoie l'invitation par e-mail, avec un nouveau lien et un nouveau délai.",
    )
    async def resend_invitation(
        self,
        info: Info[Context, Any],
        user_id: Annotated[uuid.UUID, strawberry.argument(description="Le compte invité.")],
    ) -> ResendInvitationPayload:
        context = info.context
        result = await context.write_or_errors(
            lambda session: service.resend_invitation(session, context.settings, context.actor, user_id)
        )
        return payload(ResendInvitationPayload, result, UserType.of, "user")

    @strawberry.mutation(
        permission_classes=[IsStaffOrPartnerAdmin],
        description="Annule l'invitation en attente : son lien ne fonctionne plus.",
    )
    async def revoke_invitation(
        self,
        info: Info[Context, Any],
        user_id: Annotated[uuid.UUID, strawberry.argument(description="Le compte invité.")],
    ) -> RevokeInvitationPayload:
        context = info.context
        result = await context.write_or_errors(
            lambda session: service.revoke_invitation(session, context.actor, user_id)
        )
        return payload(RevokeInvitationPayload, result, UserType.of, "user")


def _code_issue() -> FieldIssue:
    return FieldIssue(field="code", message=second_factor.CODE_INVALID, code=ErrorCode.CODE_INVALID)


async def _guarded(kind: type[Ok], context: Context, operation: Any) -> Ok:
    """A change that checks the current password: a wrong one counts as a failed sign-in."""
    try:
        await context.write(operation)
    except ValidationFailed as failure:
        if any(issue.code is ErrorCode.INVALID_CREDENTIALS for issue in failure.issues):
            email = context.user.email if context.user is not None else ""
            address = context.client_address

            async def note(session: AsyncSession) -> None:
                service.record_failed_login(session, email, address)

            await context.write(note)
        return kind(ok=False, errors=field_errors(failure.issues))
    return kind(ok=True, errors=[])
