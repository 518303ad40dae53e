"""GraphQL types of postings: roles and strategic-support needs share one `Posting` type."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

import strawberry
from strawberry.types import Info

from matching.framework import load_framework
from schema.context import Context
from schema.enums import (
    CefrLevel,
    ContractType,
    NeedKind,
    NormalisationStatus,
    PostingKind,
    PostingStatus,
    RemotePolicy,
    WorkingTime,
)
from schema.framework.types import TitleAttributesType
from schema.partners.types import PartnerType
from server.kit.errors import NotFound
from server.models.postings import Posting, PostingCompetency, PostingLanguage
from server.postings.repository import CompetencyRow, LanguageRow


@strawberry.type(name="PostingCompetency", description="Compétence demandée par une offre.")
class PostingCompetencyType:
    competency_id: str
    label: str = strawberry.field(description="Libellé du référentiel.")
    domain_id: str
    level: int = strawberry.field(description="1 notions, 2 pratique, 3 maîtrise, 4 expertise.")
    required: bool = strawberry.field(description="Requise (sinon appréciée).")
    must_have: bool = strawberry.field(
        description="Indispensable : un·e membre en dessous du niveau demandé n'est pas proposé·e."
    )

    @classmethod
    def of(cls, item: PostingCompetency | CompetencyRow) -> PostingCompetencyType:
        competency = load_framework().competency(item.competency_id)
        return cls(
            competency_id=item.competency_id,
            label=competency.label,
            domain_id=competency.domain,
            level=item.level,
            required=item.required,
            must_have=item.must_have,
        )


@strawberry.type(name="PostingLanguage", description="Langue demandée, avec son niveau CECRL.")
class PostingLanguageType:
    code: str = strawberry.field(description="Code ISO 639-1 (ex. en).")
    level: CefrLevel

    @classmethod
    def of(cls, item: PostingLanguage | LanguageRow) -> PostingLanguageType:
        return cls(code=item.code, level=item.level)


def _attributes(raw: dict[str, Any]) -> TitleAttributesType:
    """The attributes stored as JSON (TitleAttributes.to_dict()) back as the framework's type."""

    def text(key: str) -> str | None:
        value = raw.get(key)
        return None if value is None else str(value)

    return TitleAttributesType(
        seniority=text("seniority"),
        languages=[str(language) for language in raw.get("languages", [])],
        multilingual=text("multilingual"),
        contract_type=text("contract_type"),
        working_time=text("working_time"),
        place_hint=text("place_hint"),
        sector_hint=text("sector_hint"),
    )


@strawberry.type(description="Normalisation de l'intitulé : métier du référentiel et degré de confiance.")
class PostingNormalisation:
    status: NormalisationStatus
    occupation_id: str | None
    occupation_label: str | None
    rome_code: str | None
    confidence: float | None = strawberry.field(description="0 à 1 ; null pour un besoin d'appui.")
    overridden: bool = strawberry.field(description="Le métier a été choisi par l'utilisateur·rice.")
    attributes: TitleAttributesType

    @classmethod
    def of(cls, posting: Posting) -> PostingNormalisation:
        label = None
        if posting.occupation_id is not None:
            label = load_framework().occupation(posting.occupation_id).label
        return cls(
            status=posting.normalisation_status,
            occupation_id=posting.occupation_id,
            occupation_label=label,
            rome_code=posting.rome_code,
            confidence=posting.normalisation_confidence,
            overridden=posting.occupation_override is not None,
            attributes=_attributes(posting.title_attributes),
        )


@strawberry.type(name="Posting", description="Offre d'emploi ou besoin d'appui d'une entreprise partenaire.")
class PostingType:
    id: uuid.UUID
    kind: PostingKind
    need_kind: NeedKind | None
    status: PostingStatus
    title: str
    description: str
    normalisation: PostingNormalisation
    contract_type: ContractType | None
    contract_months: int | None = strawberry.field(description="Durée du contrat, en mois.")
    working_time: WorkingTime | None
    weekly_hours: int | None
    salary_min: int | None = strawberry.field(description="Salaire brut annuel minimum, en euros.")
    salary_max: int | None = strawberry.field(description="Salaire brut annuel maximum, en euros.")
    daily_rate: int | None = strawberry.field(description="Taux journalier (TJM), en euros.")
    min_experience_years: int | None
    team_size: int | None = strawberry.field(description="Personnes concernées (besoin d'appui).")
    duration_days: int | None = strawberry.field(description="Durée en jours (besoin d'appui).")
    budget: int | None = strawberry.field(description="Budget en euros (besoin d'appui).")
    postal_code: str | None
    commune: str | None
    commune_code: str | None
    departement: str | None
    remote_policy: RemotePolicy
    remote_days: int | None = strawberry.field(description="Jours de télétravail par semaine.")
    start_date: date | None
    expiry_date: date | None = strawberry.field(description="Clôture automatique après ce jour.")
    featured: bool = strawberry.field(description="Mise en avant (selon le niveau de partenariat).")
    published_at: datetime | None
    closed_at: datetime | None
    created_at: datetime
    updated_at: datetime
    partner_id: strawberry.Private[uuid.UUID]

    @classmethod
    def of(cls, posting: Posting) -> PostingType:
        return cls(
            id=posting.id,
            kind=posting.kind,
            need_kind=posting.need_kind,
            status=posting.status,
            title=posting.title,
            description=posting.description,
            normalisation=PostingNormalisation.of(posting),
            contract_type=posting.contract_type,
            contract_months=posting.contract_months,
            working_time=posting.working_time,
            weekly_hours=posting.weekly_hours,
            salary_min=posting.salary_min,
            salary_max=posting.salary_max,
            daily_rate=posting.daily_rate,
            min_experience_years=posting.min_experience_years,
            team_size=posting.team_size,
            duration_days=posting.duration_days,
            budget=posting.budget,
            postal_code=posting.postal_code,
            commune=posting.commune,
            commune_code=posting.commune_code,
            departement=posting.departement,
            remote_policy=posting.remote_policy,
            remote_days=posting.remote_days,
            start_date=posting.start_date,
            expiry_date=posting.expiry_date,
            featured=posting.featured,
            published_at=posting.published_at,
            closed_at=posting.closed_at,
            created_at=posting.created_at,
            updated_at=posting.updated_at,
            partner_id=posting.partner_id,
        )

    @strawberry.field(description="L'entreprise partenaire qui publie.")
    async def partner(self, info: Info[Context, Any]) -> PartnerType:
        partner = await info.context.loaders.partner_by_id.load(self.partner_id)
        if partner is None:
            raise NotFound("L'entreprise partenaire")
        return PartnerType.of(partner)

    @strawberry.field(description="Compétences demandées (requises d'abord), avec leur libellé.")
    async def competencies(self, info: Info[Context, Any]) -> list[PostingCompetencyType]:
        rows = await info.context.loaders.competencies_by_posting_id.load(self.id)
        return [PostingCompetencyType.of(row) for row in rows or []]

    @strawberry.field(description="Langues demandées.")
    async def languages(self, info: Info[Context, Any]) -> list[PostingLanguageType]:
        rows = await info.context.loaders.languages_by_posting_id.load(self.id)
        return [PostingLanguageType.of(row) for row in rows or []]

    @strawberry.field(description="Correspondances actives avec des membres.")
    async def match_count(self, info: Info[Context, Any]) -> int:
        counts = await info.context.loaders.match_counts_by_posting_id.load(self.id)
        return 0 if counts is None else int(counts.matches)

    @strawberry.field(description="Membres qui se sont dit intéressé·es.")
    async def interested_count(self, info: Info[Context, Any]) -> int:
        counts = await info.context.loaders.match_counts_by_posting_id.load(self.id)
        return 0 if counts is None else int(counts.interested)
