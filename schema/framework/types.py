"""GraphQL types of the competency framework, title normalisation and the review queue."""

from __future__ import annotations

import uuid
from datetime import datetime

import strawberry

from matching.framework import Competency, Domain, Framework, Occupation
from matching.normaliser import TitleMatch
from schema.enums import ReviewState
from server.models.framework import ReviewItem


@strawberry.type(name="CompetencyDomain")
class DomainType:
    id: str
    label: str
    label_en: str

    @classmethod
    def of(cls, domain: Domain) -> DomainType:
        return cls(id=domain.id, label=domain.label, label_en=domain.label_en)


@strawberry.type(name="Competency", description="Compétence du référentiel.")
class CompetencyType:
    id: str
    label: str
    label_en: str
    description: str
    domain_id: str

    @classmethod
    def of(cls, competency: Competency) -> CompetencyType:
        return cls(
            id=competency.id,
            label=competency.label,
            label_en=competency.label_en,
            description=competency.description,
            domain_id=competency.domain,
        )


@strawberry.type
class OccupationCompetency:
    competency: CompetencyType
    level: int = strawberry.field(description="1 notions, 2 pratique, 3 maîtrise, 4 expertise.")


@strawberry.type(name="RelatedOccupation", description="Métier proche du référentiel, avec sa similarité.")
class RelatedOccupationType:
    occupation_id: str
    label: str
    similarity: float


@strawberry.type(name="Occupation", description="Métier du référentiel, avec son code ROME 4.0.")
class OccupationType:
    id: str
    label: str
    label_en: str
    rome_code: str
    description: str
    aliases: list[str]
    related: list[RelatedOccupationType]
    competencies: list[OccupationCompetency]

    @classmethod
    def of(cls, occupation: Occupation, framework: Framework) -> OccupationType:
        return cls(
            id=occupation.id,
            label=occupation.label,
            label_en=occupation.label_en,
            rome_code=occupation.rome_code,
            description=occupation.description,
            aliases=list(occupation.aliases),
            related=[
                RelatedOccupationType(
                    occupation_id=r.occupation_id,
                    label=framework.occupation(r.occupation_id).label,
                    similarity=r.similarity,
                )
                for r in occupation.related
            ],
            competencies=[
                OccupationCompetency(
                    competency=CompetencyType.of(framework.competency(c.competency_id)), level=c.level
                )
                for c in occupation.competencies
            ],
        )


@strawberry.type
class OccupationRef:
    id: str
    label: str
    rome_code: str

    @classmethod
    def of(cls, occupation: Occupation) -> OccupationRef:
        return cls(id=occupation.id, label=occupation.label, rome_code=occupation.rome_code)


@strawberry.type
class NormalisationAlternative:
    occupation: OccupationRef
    score: float


@strawberry.type
class OtherProfessionRef:
    id: str
    label: str
    rome_code: str | None


@strawberry.type(
    name="TitleAttributes", description="Attributs lus dans un intitulé (niveau, temps de travail…)."
)
class TitleAttributesType:
    seniority: str | None
    languages: list[str]
    multilingual: str | None
    contract_type: str | None
    working_time: str | None
    place_hint: str | None
    sector_hint: str | None


@strawberry.type(name="TitleNormalisation", description="Ce que le moteur comprend d'un intitulé.")
class TitleNormalisationType:
    input: str
    status: str = strawberry.field(
        description="matched, ambiguous, out_of_framework (autre métier), unknown ou invalid."
    )
    occupation: OccupationRef | None
    confidence: float = strawberry.field(description="Confiance entre 0 et 1.")
    alternatives: list[NormalisationAlternative]
    attributes: TitleAttributesType
    other_profession: OtherProfessionRef | None
    reason: str | None

    @classmethod
    def of(cls, match: TitleMatch) -> TitleNormalisationType:
        attributes = match.attributes
        other = match.other_profession
        return cls(
            input=match.input,
            status=match.status,
            occupation=None if match.occupation is None else OccupationRef.of(match.occupation),
            confidence=match.confidence,
            alternatives=[
                NormalisationAlternative(occupation=OccupationRef.of(a.occupation), score=a.score)
                for a in match.alternatives
            ],
            attributes=TitleAttributesType(
                seniority=attributes.seniority,
                languages=list(attributes.languages),
                multilingual=None if attributes.multilingual is None else str(attributes.multilingual),
                contract_type=attributes.contract_type,
                working_time=attributes.working_time,
                place_hint=attributes.place_hint,
                sector_hint=attributes.sector_hint,
            ),
            other_profession=None
            if other is None
            else OtherProfessionRef(id=other.id, label=other.label, rome_code=other.rome_code),
            reason=match.reason,
        )


@strawberry.type(name="ReviewItem", description="Intitulé incertain à rattacher par la fédération.")
class ReviewItemType:
    id: uuid.UUID
    key: str = strawberry.field(description="Forme nettoyée qui regroupe les variantes.")
    sample_title: str
    examples: list[str]
    seen_count: int
    posting_count: int
    profile_count: int
    last_status: str
    last_confidence: float
    suggested_occupation_id: str | None
    state: ReviewState
    resolved_occupation_id: str | None
    first_seen_at: datetime
    last_seen_at: datetime

    @classmethod
    def of(cls, item: ReviewItem) -> ReviewItemType:
        return cls(
            id=item.id,
            key=item.key,
            sample_title=item.sample_title,
            examples=[str(example) for example in item.examples],
            seen_count=item.seen_count,
            posting_count=item.posting_count,
            profile_count=item.profile_count,
            last_status=item.last_status,
            last_confidence=item.last_confidence,
            suggested_occupation_id=item.suggested_occupation_id,
            state=item.state,
            resolved_occupation_id=item.resolved_occupation_id,
            first_seen_at=item.first_seen_at,
            last_seen_at=item.last_seen_at,
        )


@strawberry.type(name="FrameworkInfo")
class FrameworkInfoType:
    version: str
    checksum: str
    occupation_count: int
    competency_count: int
    domain_count: int
