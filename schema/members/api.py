"""Queries and mutations of members: sign-up, own profile, consent, GDPR rights, staff directory."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any, TypeVar

import strawberry
from sqlalchemy.ext.asyncio import AsyncSession
from strawberry.scalars import JSON
from strawberry.types import Info

from schema.context import Context
from schema.enums import (
    CefrLevel,
    Certification,
    ContractType,
    NeedKind,
    ProfessionalStatus,
    RemotePolicy,
    Visibility,
    WorkingTime,
)
from schema.errors import FieldError, field_errors, payload
from schema.filters import capped
from schema.members.types import CHILD_FIELDS, MemberProfileType, profile_types
from schema.pagination import Connection, connection, page_request
from schema.permissions import IsAuthenticated, IsMember, IsStaff
from schema.selections import selects_any
from server.accounts import service as accounts_service
from server.db import utcnow
from server.framework.service import live_framework
from server.gdpr import rights
from server.members import service
from server.members.validation import (
    CompetencyInput,
    ExperienceInput,
    LanguageInput,
    ProfileFields,
)
from server.models.members import MemberProfile
from server.websocket_sessions import publish_session_ended


@strawberry.input(
    name="MemberExperienceInput",
    description="Une expérience ; les mois sont ramenés au premier jour du mois.",
)
class ExperienceInputType:
    title: str
    start_month: date
    end_month: date | None = None
    employer: str | None = None
    sector: str | None = None


@strawberry.input(
    name="MemberCompetencyInput",
    description="Compétence du référentiel et niveau auto-évalué (1 à 4).",
)
class CompetencyInputType:
    competency_id: str
    level: int


@strawberry.input(
    name="MemberLanguageInput",
    description="Langue (code ISO 639-1) et niveau CECRL (A1 à C2).",
)
class LanguageInputType:
    code: str
    level: CefrLevel


@strawberry.input(
    description="Champs du profil ; seuls ceux fournis changent, une liste remplace la précédente."
)
class MemberProfileInput:
    headline_title: str | None = strawberry.UNSET
    bio: str | None = strawberry.UNSET
    years_of_experience: int | None = strawberry.UNSET
    membership_number: str | None = strawberry.UNSET
    postal_code: str | None = strawberry.UNSET
    commune: str | None = strawberry.UNSET
    commune_code: str | None = strawberry.UNSET
    mobility_radius_km: int | None = strawberry.UNSET
    mobility_departements: list[str] | None = strawberry.UNSET
    remote_preference: RemotePolicy | None = strawberry.UNSET
    contract_preferences: list[ContractType] | None = strawberry.UNSET
    working_time_preference: WorkingTime | None = strawberry.UNSET
    status: ProfessionalStatus | None = strawberry.UNSET
    available_from: date | None = strawberry.UNSET
    salary_expectation: int | None = strawberry.UNSET
    daily_rate: int | None = strawberry.UNSET
    offers: list[NeedKind] | None = strawberry.UNSET
    certifications: list[Certification] | None = strawberry.UNSET
    other_certifications: list[str] | None = strawberry.UNSET
    experiences: list[ExperienceInputType] | None = strawberry.UNSET
    competencies: list[CompetencyInputType] | None = strawberry.UNSET
    languages: list[LanguageInputType] | None = strawberry.UNSET

    def to_fields(self) -> ProfileFields:
        """Provided values only; a null list means "empty the list"."""
        fields = ProfileFields()
        lists = (
            "mobility_departements",
            "contract_preferences",
            "offers",
            "certifications",
            "other_certifications",
        )
        for key, value in vars(self).items():
            if value is strawberry.UNSET or key in ("experiences", "competencies", "languages"):
                continue
            setattr(fields, key, (value or []) if key in lists else value)
        if self.experiences is not strawberry.UNSET:
            fields.experiences = [
                ExperienceInput(
                    title=item.title,
                    start_month=item.start_month,
                    end_month=item.end_month,
                    employer=item.employer,
                    sector=item.sector,
                )
                for item in self.experiences or []
            ]
        if self.competencies is not strawberry.UNSET:
            fields.competencies = [
                CompetencyInput(competency_id=item.competency_id, level=item.level)
                for item in self.competencies or []
            ]
        if self.languages is not strawberry.UNSET:
            fields.languages = [
                LanguageInput(code=item.code, level=item.level) for item in self.languages or []
            ]
        return fields


@strawberry.input
class MemberFilter:
    occupation_ids: list[str] | None = strawberry.field(
        default=None, description="Métier de l'intitulé principal ou d'une expérience."
    )
    departements: list[str] | None = None
    statuses: list[ProfessionalStatus] | None = None
    visibilities: list[Visibility] | None = None
    search: str | None = strawberry.field(default=None, description="Dans le nom et l'e-mail.")


P = TypeVar("P", bound="MemberProfilePayload")


@strawberry.type(
    description="Résultat de `signUp` : la même réponse que l'adresse ait déjà un compte ou non ; "
    "la suite arrive par e-mail (lien de confirmation, ou avis au titulaire du compte existant)."
)
class SignUpPayload:
    ok: bool = strawberry.field(
        description="Vrai si la demande est prise en compte : se connecter avec son mot de passe."
    )
    errors: list[FieldError] = strawberry.field(description="Règles refusées ; vide si tout va bien.")


@strawberry.type
class MemberProfilePayload:
    """What every change of one's own profile returns; each mutation exposes it under its own name."""

    profile: MemberProfileType | None = strawberry.field(
        description="Mon profil enregistré, ou null si refusé."
    )
    errors: list[FieldError] = strawberry.field(description="Règles refusées ; vide si tout va bien.")


@strawberry.type(description="Résultat de `updateMyProfile`.")
class UpdateMyProfilePayload(MemberProfilePayload):
    pass


@strawberry.type(description="Résultat de `setMyVisibility`.")
class SetMyVisibilityPayload(MemberProfilePayload):
    pass


@strawberry.type(description="Résultat de `deleteMyAccount`.")
class DeleteMyAccountPayload:
    ok: bool = strawberry.field(description="Vrai si le compte est supprimé.")
    errors: list[FieldError] = strawberry.field(description="Règles refusées ; vide si tout va bien.")


async def _own_profile_type(
    session: AsyncSession, context: Context, profile: MemberProfile
) -> MemberProfileType:
    assert context.user is not None  # guaranteed by IsMember  # noqa: S101
    return MemberProfileType.of(profile, context.user, await live_framework(session))


async def _profile_payload(context: Context, change: Any, shape: type[P]) -> P:
    """Run a change of the caller's profile and answer with the profile as saved."""

    async def run(session: AsyncSession) -> MemberProfileType:
        return await _own_profile_type(session, context, await change(session))

    return payload(shape, await context.write_or_errors(run), lambda profile: profile, "profile")


@strawberry.type
class MemberQueries:
    @strawberry.field(
        permission_classes=[IsMember],
        description="Mon profil (créé vide et masqué à la première visite).",
    )
    async def my_profile(self, info: Info[Context, Any]) -> MemberProfileType:
        context = info.context

        async def run(session: AsyncSession) -> MemberProfileType:
            return await _own_profile_type(session, context, await service.my_profile(session, context.actor))

        return await context.write(run)

    @strawberry.field(
        permission_classes=[IsAuthenticated],
        description="Un profil de membre : la fédération les voit tous, un·e membre le sien.",
    )
    async def member(self, info: Info[Context, Any], id: uuid.UUID) -> MemberProfileType:
        context = info.context
        async with context.reading() as session:
            profile = await service.visible_profile(session, context.actor, id)
            (built,) = await profile_types(session, [profile], await live_framework(session))
        return built

    @strawberry.field(
        permission_classes=[IsStaff],
        description="Annuaire des membres (fédération), du plus récent au plus ancien.",
    )
    async def members(
        self,
        info: Info[Context, Any],
        first: int | None = None,
        after: str | None = None,
        filter: MemberFilter | None = None,
    ) -> Connection[MemberProfileType]:
        context = info.context
        chosen = filter or MemberFilter()
        with_children = selects_any(info, CHILD_FIELDS)  # a page without them does not read them
        async with context.reading() as session:
            page = await service.list_members(
                session,
                context.actor,
                page_request(context.settings, first, after),
                occupation_ids=capped(chosen.occupation_ids, "occupationIds"),
                departements=capped(chosen.departements, "departements"),
                statuses=[ProfessionalStatus(s) for s in capped(chosen.statuses, "statuses") or []],
                visibilities=[Visibility(v) for v in capped(chosen.visibilities, "visibilities") or []],
                search=(chosen.search or "").strip()[:100] or None,
                with_children=with_children,
            )
            built = await profile_types(
                session, page.items, await live_framework(session), with_children=with_children
            )
        by_id = {item.user_id: item for item in built}
        return connection(page, lambda profile: by_id[profile.user_id])

    @strawberry.field(
        permission_classes=[IsMember],
        description="Toutes mes données (RGPD, droit d'accès), en JSON ; l'export est journalisé.",
    )
    async def export_my_data(self, info: Info[Context, Any]) -> JSON:
        context = info.context
        exported = await context.write(lambda session: rights.export_member_data(session, context.actor))
        return JSON(exported)


@strawberry.type
class MemberMutations:
    @strawberry.mutation(
        description="Inscription d'un·e assistant·e : compte membre non confirmé, profil vide et masqué ; "
        "un lien de confirmation part par e-mail. Se connecter ensuite avec `login`."
    )
    async def sign_up(
        self, info: Info[Context, Any], email: str, password: str, full_name: str
    ) -> SignUpPayload:
        context = info.context
        await context.write(
            lambda session: accounts_service.register_sign_up_attempt(
                session, context.settings, context.client_address
            )
        )
        _, errors = await context.write_or_errors(
            lambda session: service.sign_up(
                session, context.settings, email=email, password=password, full_name=full_name
            )
        )
        return SignUpPayload(ok=not errors, errors=field_errors(errors))

    @strawberry.mutation(permission_classes=[IsMember], description="Modifie mon profil.")
    async def update_my_profile(
        self, info: Info[Context, Any], input: MemberProfileInput
    ) -> UpdateMyProfilePayload:
        context = info.context
        fields = input.to_fields()
        return await _profile_payload(
            context,
            lambda session: service.update_my_profile(session, context.actor, fields, today=utcnow().date()),
            UpdateMyProfilePayload,
        )

    @strawberry.mutation(
        permission_classes=[IsMember],
        description="Change ma visibilité (mon consentement) ; le choix est daté et conservé.",
    )
    async def set_my_visibility(
        self,
        info: Info[Context, Any],
        visibility: Visibility,
    ) -> SetMyVisibilityPayload:
        context = info.context
        return await _profile_payload(
            context,
            lambda session: service.set_visibility(session, context.actor, Visibility(visibility)),
            SetMyVisibilityPayload,
        )

    @strawberry.mutation(
        permission_classes=[IsMember],
        description="Supprime mon compte : mes données personnelles sont effacées immédiatement.",
    )
    async def delete_my_account(self, info: Info[Context, Any], password: str) -> DeleteMyAccountPayload:
        context = info.context
        _, errors = await context.write_or_errors(
            lambda session: rights.delete_my_account(session, context.actor, password)
        )
        if not errors:
            await publish_session_ended(context.events, user_id=context.actor.user_id)
        return DeleteMyAccountPayload(ok=not errors, errors=field_errors(errors))
