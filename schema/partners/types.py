"""GraphQL types of partner companies, tiers and timelines."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import TYPE_CHECKING, Annotated, Any

import strawberry
from strawberry.types import Info

from schema.context import Context
from schema.enums import PartnerEventKind, PartnerSizeBand, PartnerStatus
from schema.pagination import Connection, connection, page_request
from schema.permissions import IsStaff, IsStaffOrPartnerAdmin
from server.kit.errors import NotFound
from server.models.partners import Partner, PartnerEvent, PartnershipTier
from server.partners import service

if TYPE_CHECKING:
    from schema.accounts.types import UserType


@strawberry.type(name="PartnershipTier", description="Niveau de partenariat et avantages associés.")
class TierType:
    code: str
    label: str
    rank: int
    max_open_postings: int | None = strawberry.field(
        description="Nombre d'offres ouvertes en même temps ; null = illimité."
    )
    can_feature_postings: bool

    @classmethod
    def of(cls, tier: PartnershipTier) -> TierType:
        return cls(
            code=tier.code,
            label=tier.label,
            rank=tier.rank,
            max_open_postings=tier.max_open_postings,
            can_feature_postings=tier.can_feature_postings,
        )


@strawberry.type(name="PartnerEvent", description="Une ligne datée de l'historique du partenariat.")
class PartnerEventType:
    id: uuid.UUID
    kind: PartnerEventKind
    occurred_on: date
    summary: str
    created_at: datetime

    @classmethod
    def of(cls, event: PartnerEvent) -> PartnerEventType:
        return cls(
            id=event.id,
            kind=event.kind,
            occurred_on=event.occurred_on,
            summary=event.summary,
            created_at=event.created_at,
        )


@strawberry.type(name="Partner", description="Entreprise partenaire de la fédération.")
class PartnerType:
    id: uuid.UUID
    name: str
    siren: str
    siret: str | None
    naf_code: str | None
    sector: str | None
    size_band: PartnerSizeBand | None
    address_line: str | None
    postal_code: str | None
    commune: str | None
    departement: str | None
    website: str | None
    status: PartnerStatus
    start_date: date | None
    renewal_date: date | None
    tier_code: strawberry.Private[str]
    internal_notes: str = strawberry.field(
        permission_classes=[IsStaff], description="Notes internes de la fédération."
    )
    created_at: datetime

    @classmethod
    def of(cls, partner: Partner) -> PartnerType:
        return cls(
            id=partner.id,
            name=partner.name,
            siren=partner.siren,
            siret=partner.siret,
            naf_code=partner.naf_code,
            sector=partner.sector,
            size_band=partner.size_band,
            address_line=partner.address_line,
            postal_code=partner.postal_code,
            commune=partner.commune,
            departement=partner.departement,
            website=partner.website,
            status=partner.status,
            start_date=partner.start_date,
            renewal_date=partner.renewal_date,
            tier_code=partner.tier_code,
            internal_notes=partner.notes,
            created_at=partner.created_at,
        )

    @strawberry.field(description="Niveau de partenariat.")
    async def tier(self, info: Info[Context, Any]) -> TierType:
        tier = await info.context.loaders.tier_by_code.load(self.tier_code)
        if tier is None:  # the foreign key forbids it; say so rather than crash if it ever happens
            raise NotFound("Le niveau de partenariat")
        return TierType.of(tier)

    @strawberry.field(permission_classes=[IsStaff], description="Historique des échanges (fédération).")
    async def timeline(
        self, info: Info[Context, Any], first: int | None = None, after: str | None = None
    ) -> Connection[PartnerEventType]:
        context = info.context
        request = page_request(context.settings, first, after)
        async with context.reading() as session:
            page = await service.timeline(session, context.actor, self.id, request)
        return connection(page, PartnerEventType.of)

    @strawberry.field(permission_classes=[IsStaffOrPartnerAdmin], description="Comptes de l'entreprise.")
    async def users(
        self, info: Info[Context, Any], first: int | None = None, after: str | None = None
    ) -> Connection[Annotated[UserType, strawberry.lazy("schema.accounts.types")]]:
        from schema.accounts.types import UserType
        from server.accounts.service import list_users

        context = info.context
        request = page_request(context.settings, first, after)
        async with context.reading() as session:
            page = await list_users(session, context.actor, request, partner_id=self.id)
        return connection(page, UserType.of)
