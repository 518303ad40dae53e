"""Queries and mutations of accounts: sign-in, invitations, users."""

from __future__ import annotations

import enum
import uuid
from collections.abc import Sequence
from typing import Any, Self

import strawberry
from strawberry.types import Info

from schema.accounts.types import UserType
from schema.context import Context
from schema.enums import UserRole
from schema.errors import FieldError, field_errors, payload
from schema.pagination import Connection, connection, page_request
from schema.permissions import IsAuthenticated, IsStaffOrPartnerAdmin
from server import onboarding
from server.accounts import service
from server.kit.errors import ErrorCode, FieldIssue, ValidationFailed
from server.websocket_sessions import publish_session_ended


@strawberry.enum(name="SignInStep", description="Où en est une connexion.")
class SignInStep(enum.Enum):
    DONE = strawberry.enum_value("done", description="Session ouverte : `token` (ou le cookie) est valable.")
    SECOND_FACTOR = strawberry.enum_value(
        "second_factor", description="Saisir un code de double authentification : `completeSignIn`."
    )
    ENROL_SECOND_FACTOR = strawberry.enum_value(
        "enrol_second_factor",
        description="Activer d'abord la double authentification (obligatoire) : "
        "`startSecondFactorEnrolment` puis `confirmSecondFactorEnrolment`.",
    )


@strawberry.type
class SessionPayload:
    """What every mutation that opens a session returns; each exposes it under its own name."""

    token: str | None = strawberry.field(
        description="Jeton à envoyer dans l'en-tête « Authorization: Bearer … »."
    )
    user: UserType | None = strawberry.field(description="Le compte connecté, ou null si refusé.")
    next_step: SignInStep | None = strawberry.field(
        default=None, description="DONE si la session est ouverte ; sinon l'étape suivante ; null si refusé."
    )
    challenge: str | None = strawberry.field(
        default=None, description="Jeton de l'étape suivante (10 minutes), quand `nextStep` n'est pas DONE."
    )
    errors: list[FieldError] = strawberry.field(description="Règles refusées ; vide si tout va bien.")

    @staticmethod
    def done_step() -> SignInStep:
        return SignInStep.DONE

    @classmethod
    def of(cls, result: tuple[service.SignIn | None, Sequence[FieldIssue]], context: Context) -> Self:
        """For the web client the session goes into its HttpOnly cookie and the token stays out."""
        opened, issues = result
        if opened is None:
            return cls(token=None, user=None, errors=field_errors(issues))
        if isinstance(opened, service.Challenge):
            return cls(
                token=None,
                user=None,
                next_step=SignInStep(opened.kind.value),
                challenge=opened.token,
                errors=[],
            )
        token = context.start_browser_session(opened.token)
        return cls(token=token, user=UserType.of(opened.user), next_step=SignInStep.DONE, errors=[])


@strawberry.type(description="Résultat de `login` : un jeton de session, ou les règles refusées.")
class LoginPayload(SessionPayload):
    pass


@strawberry.type(description="Résultat de `acceptInvitation` : le compte activé et sa session.")
class AcceptInvitationPayload(SessionPayload):
    pass


@strawberry.type(description="Résultat de `logout`.")
class LogoutPayload:
    ok: bool = strawberry.field(description="Toujours vrai : le jeton est révoqué.")


@strawberry.type(description="Résultat de `inviteUser`.")
class InviteUserPayload:
    user: UserType | None = strawberry.field(description="Le compte invité, ou null si refusé.")
    invitation_token: str | None = strawberry.field(
        description="Jeton du lien d'invitation, aussi envoyé par e-mail à la personne invitée ; "
        "valable une fois."
    )
    errors: list[FieldError] = strawberry.field(description="Règles refusées ; vide si tout va bien.")


@strawberry.type(description="Résultat de `setUserActive`.")
class SetUserActivePayload:
    user: UserType | None = strawberry.field(description="Le compte à jour, ou null si refusé.")
    errors: list[FieldError] = strawberry.field(description="Règles refusées ; vide si tout va bien.")


@strawberry.input
class InviteUserInput:
    email: str
    role: UserRole
    partner_id: uuid.UUID | None = strawberry.field(
        default=None, description="Obligatoire pour les rôles partenaires ; le vôtre par défaut."
    )
    full_name: str = ""


@strawberry.input
class UserFilter:
    partner_id: uuid.UUID | None = None
    role: UserRole | None = None
    active: bool | None = None
    search: str | None = None


@strawberry.type
class AccountQueries:
    @strawberry.field(description="Le compte connecté, ou null sans connexion.")
    def me(self, info: Info[Context, Any]) -> UserType | None:
        user = info.context.user
        return None if user is None else UserType.of(user)

    @strawberry.field(
        permission_classes=[IsStaffOrPartnerAdmin],
        description="Comptes : tous pour la fédération, ceux de son entreprise pour un·e admin partenaire.",
    )
    async def users(
        self,
        info: Info[Context, Any],
        first: int | None = None,
        after: str | None = None,
        filter: UserFilter | None = None,
    ) -> Connection[UserType]:
        context = info.context
        chosen = filter or UserFilter()
        async with context.reading() as session:
            page = await service.list_users(
                session,
                context.actor,
                page_request(context.settings, first, after),
                partner_id=chosen.partner_id,
                role=chosen.role,
                active=chosen.active,
                search=(chosen.search or "").strip()[:100] or None,
            )
        return connection(page, UserType.of)


@strawberry.type
class AccountMutations:
    @strawberry.mutation(description="Connexion par e-mail et mot de passe.")
    async def login(self, info: Info[Context, Any], email: str, password: str) -> LoginPayload:
        context = info.context

        async def run(session: Any) -> service.SignIn:
            return await service.login(
                session, context.settings, email=email, password=password, client=context.client
            )

        try:
            opened = await context.write(run)
        except ValidationFailed as failure:
            if any(issue.code is ErrorCode.INVALID_CREDENTIALS for issue in failure.issues):
                await context.write(_record_failure(email, context.client_address))
            return LoginPayload.of((None, failure.issues), context)
        return LoginPayload.of((opened, []), context)

    @strawberry.mutation(
        permission_classes=[IsAuthenticated], description="Révoque le jeton utilisé pour cet appel."
    )
    async def logout(self, info: Info[Context, Any]) -> LogoutPayload:
        context = info.context
        token = context.token or ""
        await context.write(lambda session: service.logout(session, token))
        context.end_browser_session()
        if context.user is not None:
            await publish_session_ended(context.events, user_id=context.user.id)
        return LogoutPayload(ok=True)

    @strawberry.mutation(
        permission_classes=[IsStaffOrPartnerAdmin],
        description="Invite une personne (la fédération : tout rôle ; un·e admin partenaire : son équipe).",
    )
    async def invite_user(self, info: Info[Context, Any], input: InviteUserInput) -> InviteUserPayload:
        context = info.context
        actor = context.actor
        role = UserRole(input.role)
        partner_id = input.partner_id
        if partner_id is None and role.is_partner and not actor.is_staff:
            partner_id = actor.partner_id
        issued, errors = await context.write_or_errors(
            lambda session: service.invite_user(
                session,
                context.settings,
                actor,
                email=input.email,
                role=role,
                partner_id=partner_id,
                full_name=input.full_name,
            )
        )
        if issued is None:
            return InviteUserPayload(user=None, invitation_token=None, errors=field_errors(errors))
        return InviteUserPayload(user=UserType.of(issued.user), invitation_token=issued.token, errors=[])

    @strawberry.mutation(
        description="Accepte une invitation, choisit son mot de passe et ouvre une session (comme signUp)."
    )
    async def accept_invitation(
        self, info: Info[Context, Any], token: str, password: str, full_name: str | None = None
    ) -> AcceptInvitationPayload:
        context = info.context
        return AcceptInvitationPayload.of(
            await context.write_or_errors(
                lambda session: onboarding.accept_invitation(
                    session,
                    context.settings,
                    token=token,
                    password=password,
                    full_name=full_name,
                    client=context.client,
                )
            ),
            context,
        )

    @strawberry.mutation(
        permission_classes=[IsStaffOrPartnerAdmin],
        description="Active ou désactive un compte (ses sessions sont révoquées).",
    )
    async def set_user_active(
        self, info: Info[Context, Any], user_id: uuid.UUID, active: bool
    ) -> SetUserActivePayload:
        context = info.context
        user, errors = await context.write_or_errors(
            lambda session: service.set_user_active(session, context.actor, user_id, active=active)
        )
        if user is not None and not active:
            await publish_session_ended(context.events, user_id=user_id)
        return payload(SetUserActivePayload, (user, errors), UserType.of, "user")


def _record_failure(email: str, client_address: str) -> Any:
    async def run(session: Any) -> None:
        service.record_failed_login(session, email, client_address)

    return run
