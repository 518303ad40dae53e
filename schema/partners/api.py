"""Queries and mutations of partner companies (the federation's side)."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

import strawberry
from strawberry.types import Info

from schema.context import Context
from schema.enums import PartnerEventKind, PartnerSizeBand, PartnerStatus
from schema.errors import FieldError, payload
from schema.filters import capped
from schema.pagination import Connection, connection, page_request
from schema.partners.types import PartnerEventType, PartnerType, TierType
from schema.permissions import IsAuthenticated, IsStaff, IsStaffOrPartnerUser
from server.db import utcnow
from server.partners import repository, service
from server.partners.validation import PartnerFields
from server.websocket_sessions import publish_session_ended


@strawberry.input(
    description="Champs d'une entreprise partenaire ; en modification, seuls ceux fournis changent."
)
class PartnerInput:
    name: str | None = strawberry.UNSET
    siren: str | None = strawberry.UNSET
    siret: str | None = strawberry.UNSET
    naf_code: str | None = strawberry.UNSET
    sector: str | None = strawberry.UNSET
    size_band: PartnerSizeBand | None = strawberry.UNSET
    address_line: str | None = strawberry.UNSET
    postal_code: str | None = strawberry.UNSET
    commune: str | None = strawberry.UNSET
    departement: str | None = strawberry.UNSET
    website: str | None = strawberry.UNSET
    tier_code: str | None = strawberry.UNSET
    start_date: date | None = strawberry.UNSET
    renewal_date: date | None = strawberry.UNSET
    internal_notes: str | None = strawberry.UNSET

    def to_fields(self) -> PartnerFields:
        fields = PartnerFields()
        for key, value in vars(self).items():
            if value is not strawberry.UNSET:
                setattr(fields, "notes" if key == "internal_notes" else key, value)
        return fields


@strawberry.input
class PartnerFilter:
    statuses: list[PartnerStatus] | None = None
    tier_codes: list[str] | None = None
    departements: list[str] | None = None
    search: str | None = strawberry.field(default=None, description="Recherche dans le nom.")


@strawberry.input
class PartnerEventInput:
    kind: PartnerEventKind
    occurred_on: date
    summary: str


@strawberry.input
class PartnershipTierInput:
    code: str
    label: str
    rank: int = 0
    max_open_postings: int | None = None
    can_feature_postings: bool = False


@strawberry.type
class PartnerPayload:
    """What every partner mutation returns; each mutation exposes it under its own name."""

    partner: PartnerType | None = strawberry.field(description="L'entreprise à jour, ou null si refusée.")
    errors: list[FieldError] = strawberry.field(description="Règles refusées ; vide si tout va bien.")


@strawberry.type(description="Résultat de `createPartner`.")
class CreatePartnerPayload(PartnerPayload):
    pass


@strawberry.type(description="Résultat de `updatePartner`.")
class UpdatePartnerPayload(PartnerPayload):
    pass


@strawberry.type(description="Résultat de `changePartnerStatus`.")
class ChangePartnerStatusPayload(PartnerPayload):
    pass


@strawberry.type(description="Résultat de `addPartnerEvent`.")
class AddPartnerEventPayload:
    event: PartnerEventType | None = strawberry.field(description="L'échange ajouté, ou null si refusé.")
    errors: list[FieldError] = strawberry.field(description="Règles refusées ; vide si tout va bien.")


@strawberry.type(description="Résultat de `upsertPartnershipTier`.")
class UpsertPartnershipTierPayload:
    tier: TierType | None = strawberry.field(description="Le niveau à jour, ou null si refusé.")
    errors: list[FieldError] = strawberry.field(description="Règles refusées ; vide si tout va bien.")


@strawberry.type
class PartnerQueries:
    @strawberry.field(
        permission_classes=[IsStaffOrPartnerUser],
        description="Une entreprise partenaire (un·e partenaire ne voit que la sienne).",
    )
    async def partner(self, info: Info[Context, Any], id: uuid.UUID) -> PartnerType:
        context = info.context
        async with context.reading() as session:
            return PartnerType.of(await service.visible_partner(session, context.actor, id))

    @strawberry.field(
        permission_classes=[IsStaffOrPartnerUser],
        description="Entreprises partenaires, triées par nom, avec filtres.",
    )
    async def partners(
        self,
        info: Info[Context, Any],
        first: int | None = None,
        after: str | None = None,
        filter: PartnerFilter | None = None,
    ) -> Connection[PartnerType]:
        context = info.context
        chosen = filter or PartnerFilter()
        async with context.reading() as session:
            page = await service.list_partners(
                session,
                context.actor,
                page_request(context.settings, first, after),
                statuses=capped(chosen.statuses, "statuses"),
                tier_codes=capped(chosen.tier_codes, "tierCodes"),
                departements=capped(chosen.departements, "departements"),
                search=(chosen.search or "").strip()[:100] or None,
            )
        return connection(page, PartnerType.of)

    @strawberry.field(permission_classes=[IsAuthenticated], description="Niveaux de partenariat.")
    async def partnership_tiers(self, info: Info[Context, Any]) -> list[TierType]:
        async with info.context.reading() as session:
            return [TierType.of(tier) for tier in await repository.list_tiers(session)]


@strawberry.type
class PartnerMutations:
    @strawberry.mutation(
        permission_classes=[IsStaff], description="Crée une entreprise partenaire (prospect)."
    )
    async def create_partner(self, info: Info[Context, Any], input: PartnerInput) -> CreatePartnerPayload:
        context = info.context
        return payload(
            CreatePartnerPayload,
            await context.write_or_errors(
                lambda session: service.create_partner(session, context.actor, input.to_fields())
            ),
            PartnerType.of,
            "partner",
        )

    @strawberry.mutation(permission_classes=[IsStaff], description="Modifie une entreprise partenaire.")
    async def update_partner(
        self, info: Info[Context, Any], id: uuid.UUID, input: PartnerInput
    ) -> UpdatePartnerPayload:
        context = info.context
        return payload(
            UpdatePartnerPayload,
            await context.write_or_errors(
                lambda session: service.update_partner(session, context.actor, id, input.to_fields())
            ),
            PartnerType.of,
            "partner",
        )

    @strawberry.mutation(
        permission_classes=[IsStaff],
        description="Change le statut : prospect → actif | terminé ; actif → suspendu | terminé ; "
        "suspendu → actif | terminé.",
    )
    async def change_partner_status(
        self,
        info: Info[Context, Any],
        id: uuid.UUID,
        status: PartnerStatus,
        reason: str | None = None,
    ) -> ChangePartnerStatusPayload:
        context = info.context
        changed = await context.write_or_errors(
            lambda session: service.change_status(
                session,
                context.actor,
                id,
                PartnerStatus(status),
                reason=reason,
                today=utcnow().date(),
            )
        )
        if changed[0] is not None and PartnerStatus(status) in (PartnerStatus.SUSPENDED, PartnerStatus.ENDED):
            await publish_session_ended(context.events, partner_id=id)
        return payload(ChangePartnerStatusPayload, changed, PartnerType.of, "partner")

    @strawberry.mutation(permission_classes=[IsStaff], description="Ajoute un échange à l'historique.")
    async def add_partner_event(
        self, info: Info[Context, Any], partner_id: uuid.UUID, input: PartnerEventInput
    ) -> AddPartnerEventPayload:
        context = info.context
        event, errors = await context.write_or_errors(
            lambda session: service.add_timeline_event(
                session,
                context.actor,
                partner_id,
                kind=PartnerEventKind(input.kind),
                occurred_on=input.occurred_on,
                summary=input.summary,
                today=utcnow().date(),
            )
        )
        return payload(AddPartnerEventPayload, (event, errors), PartnerEventType.of, "event")

    @strawberry.mutation(
        permission_classes=[IsStaff], description="Crée ou modifie un niveau de partenariat."
    )
    async def upsert_partnership_tier(
        self, info: Info[Context, Any], input: PartnershipTierInput
    ) -> UpsertPartnershipTierPayload:
        context = info.context
        tier, errors = await context.write_or_errors(
            lambda session: service.upsert_tier(
                session,
                context.actor,
                code=input.code,
                label=input.label,
                rank=input.rank,
                max_open_postings=input.max_open_postings,
                can_feature_postings=input.can_feature_postings,
            )
        )
        return payload(UpsertPartnershipTierPayload, (tier, errors), TierType.of, "tier")
