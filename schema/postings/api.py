"""Queries and mutations of roles and strategic-support needs (the partner companies' side)."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from datetime import date
from typing import Any, TypeVar

import strawberry
from sqlalchemy.ext.asyncio import AsyncSession
from strawberry.types import Info

from schema.context import Context
from schema.enums import (
    CefrLevel,
    ContractType,
    NeedKind,
    PostingKind,
    PostingStatus,
    RemotePolicy,
    WorkingTime,
)
from schema.errors import FieldError, field_errors
from schema.filters import capped
from schema.pagination import Connection, connection, page_request
from schema.permissions import IsPartnerUser, IsStaffOrPartnerUser
from schema.postings.types import PostingType
from server.db import utcnow
from server.kit.errors import BadInput
from server.models.postings import Posting
from server.postings import service
from server.postings.validation import (
    CompetencyRequirement,
    LanguageRequirement,
    PostingFields,
)

MAX_INPUT_ITEMS = 200  # beyond the rules' own caps (40 / 10): refuse absurd payloads outright


@strawberry.input(description="Compétence demandée : identifiant du référentiel, niveau 1–4.")
class PostingCompetencyInput:
    competency_id: str
    level: int
    required: bool = True
    must_have: bool = strawberry.field(
        default=False,
        description="Indispensable : un·e membre en dessous du niveau demandé n'est pas proposé·e "
        "(la compétence doit être requise).",
    )


@strawberry.input(description="Langue demandée : code ISO 639-1 et niveau CECRL (A1 à C2).")
class PostingLanguageInput:
    code: str
    level: CefrLevel


def _fields(source: object) -> PostingFields:
    """Copy the provided input attributes (UNSET ones are left untouched on update)."""
    fields = PostingFields()
    for key, value in vars(source).items():
        if value is strawberry.UNSET:
            continue
        target = "occupation_override" if key == "occupation_id" else key
        if key == "competencies" and value is not None:
            value = [
                CompetencyRequirement(i.competency_id, i.level, i.required, i.must_have) for i in _cap(value)
            ]
        elif key == "languages" and value is not None:
            value = [LanguageRequirement(i.code, i.level) for i in _cap(value)]
        elif key in ("competencies", "languages"):
            value = []
        setattr(fields, target, value)
    return fields


def _cap(items: list[Any]) -> list[Any]:
    if len(items) > MAX_INPUT_ITEMS:
        raise BadInput(f"Liste trop longue : {MAX_INPUT_ITEMS} éléments au plus.")
    return items


@strawberry.input(description="Champs d'une offre d'emploi ; en modification, seuls ceux fournis changent.")
class RoleInput:
    title: str | None = strawberry.UNSET
    description: str | None = strawberry.UNSET
    occupation_id: str | None = strawberry.field(
        default=strawberry.UNSET,
        description="Métier choisi par l'utilisateur·rice (remplace la normalisation) ; null pour "
        "revenir à la normalisation.",
    )
    contract_type: ContractType | None = strawberry.UNSET
    contract_months: int | None = strawberry.UNSET
    working_time: WorkingTime | None = strawberry.UNSET
    weekly_hours: int | None = strawberry.UNSET
    salary_min: int | None = strawberry.UNSET
    salary_max: int | None = strawberry.UNSET
    daily_rate: int | None = strawberry.UNSET
    min_experience_years: int | None = strawberry.UNSET
    postal_code: str | None = strawberry.UNSET
    commune: str | None = strawberry.UNSET
    commune_code: str | None = strawberry.UNSET
    departement: str | None = strawberry.UNSET
    remote_policy: RemotePolicy | None = strawberry.UNSET
    remote_days: int | None = strawberry.UNSET
    start_date: date | None = strawberry.UNSET
    expiry_date: date | None = strawberry.UNSET
    featured: bool | None = strawberry.UNSET
    competencies: list[PostingCompetencyInput] | None = strawberry.field(
        default=strawberry.UNSET,
        description="À la création, sans compétences, celles du métier sont proposées.",
    )
    languages: list[PostingLanguageInput] | None = strawberry.UNSET


@strawberry.input(description="Champs d'un besoin d'appui ; en modification, seuls ceux fournis changent.")
class NeedInput:
    title: str | None = strawberry.UNSET
    description: str | None = strawberry.UNSET
    need_kind: NeedKind | None = strawberry.UNSET
    occupation_id: str | None = strawberry.UNSET
    team_size: int | None = strawberry.UNSET
    duration_days: int | None = strawberry.UNSET
    budget: int | None = strawberry.UNSET
    daily_rate: int | None = strawberry.UNSET
    postal_code: str | None = strawberry.UNSET
    commune: str | None = strawberry.UNSET
    commune_code: str | None = strawberry.UNSET
    departement: str | None = strawberry.UNSET
    remote_policy: RemotePolicy | None = strawberry.UNSET
    remote_days: int | None = strawberry.UNSET
    start_date: date | None = strawberry.UNSET
    expiry_date: date | None = strawberry.UNSET
    featured: bool | None = strawberry.UNSET
    competencies: list[PostingCompetencyInput] | None = strawberry.UNSET
    languages: list[PostingLanguageInput] | None = strawberry.UNSET


@strawberry.input
class PostingFilter:
    statuses: list[PostingStatus] | None = None
    kinds: list[PostingKind] | None = None
    need_kinds: list[NeedKind] | None = None
    occupation_ids: list[str] | None = None
    partner_id: uuid.UUID | None = strawberry.field(
        default=None, description="Une entreprise (équipe de la fédération)."
    )
    search: str | None = strawberry.field(
        default=None, description="Recherche dans l'intitulé et la description."
    )


P = TypeVar("P", bound="PostingPayload")


@strawberry.type
class PostingPayload:
    """What every posting mutation returns; each mutation exposes it under its own name."""

    posting: PostingType | None = strawberry.field(description="L'annonce à jour, ou null si refusée.")
    errors: list[FieldError] = strawberry.field(description="Règles refusées ; vide si tout va bien.")


@strawberry.type(description="Résultat de `createRole` : l'annonce, ou les règles refusées.")
class CreateRolePayload(PostingPayload):
    pass


@strawberry.type(description="Résultat de `updateRole` : l'annonce, ou les règles refusées.")
class UpdateRolePayload(PostingPayload):
    pass


@strawberry.type(description="Résultat de `createNeed` : l'annonce, ou les règles refusées.")
class CreateNeedPayload(PostingPayload):
    pass


@strawberry.type(description="Résultat de `updateNeed` : l'annonce, ou les règles refusées.")
class UpdateNeedPayload(PostingPayload):
    pass


@strawberry.type(description="Résultat de `publishPosting` : l'annonce, ou les règles refusées.")
class PublishPostingPayload(PostingPayload):
    pass


@strawberry.type(description="Résultat de `pausePosting` : l'annonce, ou les règles refusées.")
class PausePostingPayload(PostingPayload):
    pass


@strawberry.type(description="Résultat de `reopenPosting` : l'annonce, ou les règles refusées.")
class ReopenPostingPayload(PostingPayload):
    pass


@strawberry.type(description="Résultat de `markPostingFilled` : l'annonce, ou les règles refusées.")
class MarkPostingFilledPayload(PostingPayload):
    pass


@strawberry.type(description="Résultat de `closePosting` : l'annonce, ou les règles refusées.")
class ClosePostingPayload(PostingPayload):
    pass


async def _write(
    info: Info[Context, Any], shape: type[P], operation: Callable[[AsyncSession], Awaitable[Posting]]
) -> P:
    posting, errors = await info.context.write_or_errors(operation)
    return shape(posting=None if posting is None else PostingType.of(posting), errors=field_errors(errors))


async def _move(info: Info[Context, Any], posting_id: uuid.UUID, action: service.Move, shape: type[P]) -> P:
    context = info.context
    return await _write(
        info,
        shape,
        lambda session: service.move(session, context.actor, posting_id, action, today=utcnow().date()),
    )


async def _create(info: Info[Context, Any], kind: PostingKind, source: object, shape: type[P]) -> P:
    context = info.context
    return await _write(
        info,
        shape,
        lambda session: service.create_posting(
            session, context.actor, kind, _fields(source), today=utcnow().date()
        ),
    )


async def _update(
    info: Info[Context, Any], posting_id: uuid.UUID, kind: PostingKind, source: object, shape: type[P]
) -> P:
    context = info.context
    return await _write(
        info,
        shape,
        lambda session: service.update_posting(
            session, context.actor, posting_id, kind, _fields(source), today=utcnow().date()
        ),
    )


@strawberry.type
class PostingQueries:
    @strawberry.field(
        permission_classes=[IsStaffOrPartnerUser],
        description="Une offre ou un besoin (un·e partenaire ne voit que ceux de son entreprise).",
    )
    async def posting(self, info: Info[Context, Any], id: uuid.UUID) -> PostingType:
        context = info.context
        async with context.reading() as session:
            return PostingType.of(await service.visible_posting(session, context.actor, id))

    @strawberry.field(
        permission_classes=[IsStaffOrPartnerUser],
        description="Offres et besoins, récents d'abord : ceux de son entreprise pour un·e partenaire, "
        "tous pour la fédération.",
    )
    async def postings(
        self,
        info: Info[Context, Any],
        first: int | None = None,
        after: str | None = None,
        filter: PostingFilter | None = None,
    ) -> Connection[PostingType]:
        context = info.context
        chosen = filter or PostingFilter()
        statuses = capped(chosen.statuses, "statuses")
        kinds = capped(chosen.kinds, "kinds")
        need_kinds = capped(chosen.need_kinds, "needKinds")
        async with context.reading() as session:
            page = await service.list_postings(
                session,
                context.actor,
                page_request(context.settings, first, after),
                statuses=None if statuses is None else [PostingStatus(s) for s in statuses],
                kinds=None if kinds is None else [PostingKind(k) for k in kinds],
                need_kinds=None if need_kinds is None else [NeedKind(k) for k in need_kinds],
                occupation_ids=capped(chosen.occupation_ids, "occupationIds"),
                partner_id=chosen.partner_id,
                search=(chosen.search or "").strip()[:100] or None,
            )
        return connection(page, PostingType.of)


@strawberry.type
class PostingMutations:
    @strawberry.mutation(
        permission_classes=[IsPartnerUser], description="Crée une offre d'emploi (brouillon)."
    )
    async def create_role(self, info: Info[Context, Any], input: RoleInput) -> CreateRolePayload:
        return await _create(info, PostingKind.ROLE, input, CreateRolePayload)

    @strawberry.mutation(permission_classes=[IsPartnerUser], description="Modifie une offre d'emploi.")
    async def update_role(
        self, info: Info[Context, Any], id: uuid.UUID, input: RoleInput
    ) -> UpdateRolePayload:
        return await _update(info, id, PostingKind.ROLE, input, UpdateRolePayload)

    @strawberry.mutation(
        permission_classes=[IsPartnerUser], description="Crée un besoin d'appui (brouillon)."
    )
    async def create_need(self, info: Info[Context, Any], input: NeedInput) -> CreateNeedPayload:
        return await _create(info, PostingKind.NEED, input, CreateNeedPayload)

    @strawberry.mutation(permission_classes=[IsPartnerUser], description="Modifie un besoin d'appui.")
    async def update_need(
        self, info: Info[Context, Any], id: uuid.UUID, input: NeedInput
    ) -> UpdateNeedPayload:
        return await _update(info, id, PostingKind.NEED, input, UpdateNeedPayload)

    @strawberry.mutation(
        permission_classes=[IsPartnerUser],
        description="Publie un brouillon (quota d'offres ouvertes du niveau de partenariat).",
    )
    async def publish_posting(self, info: Info[Context, Any], id: uuid.UUID) -> PublishPostingPayload:
        return await _move(info, id, service.PUBLISH, PublishPostingPayload)

    @strawberry.mutation(permission_classes=[IsPartnerUser], description="Met une offre ouverte en pause.")
    async def pause_posting(self, info: Info[Context, Any], id: uuid.UUID) -> PausePostingPayload:
        return await _move(info, id, service.PAUSE, PausePostingPayload)

    @strawberry.mutation(permission_classes=[IsPartnerUser], description="Rouvre une offre en pause.")
    async def reopen_posting(self, info: Info[Context, Any], id: uuid.UUID) -> ReopenPostingPayload:
        return await _move(info, id, service.REOPEN, ReopenPostingPayload)

    @strawberry.mutation(
        permission_classes=[IsPartnerUser], description="Marque une offre d'emploi comme pourvue."
    )
    async def mark_posting_filled(self, info: Info[Context, Any], id: uuid.UUID) -> MarkPostingFilledPayload:
        return await _move(info, id, service.FILL, MarkPostingFilledPayload)

    @strawberry.mutation(
        permission_classes=[IsStaffOrPartnerUser],
        description="Clôture une offre ou un besoin (l'entreprise, ou la fédération pour toute offre).",
    )
    async def close_posting(self, info: Info[Context, Any], id: uuid.UUID) -> ClosePostingPayload:
        return await _move(info, id, service.CLOSE, ClosePostingPayload)
