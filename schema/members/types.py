"""GraphQL types of member profiles, their consent history and suggestions.

No field here carries a protected criterion (age, birth date, gender, family situation, health,
photo, nationality): a test reads the schema to keep it that way.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

import strawberry
from strawberry.types import Info

from matching import Framework
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

# Shared with postings: a member's preferences read like a posting's own values.
from server.accounts.repository import users_by_ids
from server.members import service
from server.members.partner_view import competency_label, occupation_label
from server.models.accounts import User
from server.models.members import ConsentRecord, MemberProfile


@strawberry.type(name="MemberOccupation", description="Métier du référentiel reconnu dans un intitulé.")
class OccupationRefType:
    id: str
    label: str | None
    confidence: float | None = strawberry.field(description="Certitude du rapprochement (0 à 1).")
    status: str | None = strawberry.field(
        description="matched, ambiguous, out_of_framework, unknown ou invalid."
    )


@strawberry.type(name="MemberExperience", description="Une expérience professionnelle.")
class ExperienceType:
    id: uuid.UUID
    title: str
    occupation: OccupationRefType | None
    match_status: str | None
    employer: str | None
    sector: str | None
    start_month: date = strawberry.field(description="Premier jour du mois de début.")
    end_month: date | None = strawberry.field(description="Premier jour du mois de fin ; null = en cours.")


@strawberry.type(name="MemberCompetency", description="Compétence auto-évaluée (1 notions → 4 expertise).")
class MemberCompetencyType:
    competency_id: str
    label: str
    level: int


@strawberry.type(name="MemberLanguage")
class MemberLanguageType:
    code: str = strawberry.field(description="Code ISO 639-1 (en, es, de…).")
    level: CefrLevel


@strawberry.type(
    name="SuggestedCompetency",
    description="Compétence typique des métiers de vos intitulés, absente du profil.",
)
class SuggestedCompetencyType:
    competency_id: str
    label: str
    typical_level: int
    occupation_ids: list[str]


@strawberry.type(name="ConsentRecord", description="Un changement de visibilité, daté.")
class ConsentRecordType:
    visibility: Visibility
    previous: Visibility | None
    source: str = strawberry.field(
        description="sign_up, first_access, member, request (suppression) ou retention."
    )
    at: datetime

    @classmethod
    def of(cls, record: ConsentRecord) -> ConsentRecordType:
        return cls(visibility=record.visibility, previous=record.previous, source=record.source, at=record.at)


@strawberry.type(name="MemberProfile", description="Profil d'un·e assistant·e membre.")
class MemberProfileType:
    user_id: uuid.UUID
    email: str
    full_name: str
    membership_number: str | None
    headline_title: str | None
    headline_occupation: OccupationRefType | None
    headline_match_status: str | None = strawberry.field(
        description="Verdict du moteur sur l'intitulé : matched, ambiguous, out_of_framework (métier "
        "hors référentiel), unknown ou invalid."
    )
    bio: str
    years_of_experience: int | None
    postal_code: str | None
    commune: str | None
    commune_code: str | None
    departement: str | None
    mobility_radius_km: int | None
    mobility_departements: list[str]
    remote_preference: RemotePolicy | None
    contract_preferences: list[ContractType]
    working_time_preference: WorkingTime | None = strawberry.field(description="null = pas de préférence.")
    status: ProfessionalStatus | None
    available_from: date | None
    salary_expectation: int | None = strawberry.field(description="Brut annuel, en euros.")
    daily_rate: int | None = strawberry.field(description="Taux journalier (TJM), en euros.")
    offers: list[NeedKind] = strawberry.field(description="Ce que la personne propose au-delà d'un emploi.")
    certifications: list[Certification]
    other_certifications: list[str]
    visibility: Visibility
    last_activity_at: datetime
    created_at: datetime
    experiences: list[ExperienceType]
    competencies: list[MemberCompetencyType]
    languages: list[MemberLanguageType]
    source: strawberry.Private[MemberProfile]  # for the fields worked out only when asked
    framework: strawberry.Private[Framework]

    @classmethod
    def of(
        cls, profile: MemberProfile, user: User, framework: Framework, *, with_children: bool = True
    ) -> MemberProfileType:
        """`with_children=False`: the profile's lists were not read (the page selects none of them)."""
        headline = (
            None
            if profile.headline_occupation_id is None
            else OccupationRefType(
                id=profile.headline_occupation_id,
                label=occupation_label(framework, profile.headline_occupation_id),
                confidence=profile.headline_confidence,
                status=profile.headline_match_status,
            )
        )
        return cls(
            user_id=profile.user_id,
            email=user.email,
            full_name=user.full_name,
            membership_number=profile.membership_number,
            headline_title=profile.headline_title,
            headline_occupation=headline,
            headline_match_status=profile.headline_match_status,
            bio=profile.bio,
            years_of_experience=profile.years_of_experience,
            postal_code=profile.postal_code,
            commune=profile.commune,
            commune_code=profile.commune_code,
            departement=profile.departement,
            mobility_radius_km=profile.mobility_radius_km,
            mobility_departements=list(profile.mobility_departements),
            remote_preference=profile.remote_preference,
            contract_preferences=[ContractType(value) for value in profile.contract_preferences],
            working_time_preference=profile.working_time_preference,
            status=profile.status,
            available_from=profile.available_from,
            salary_expectation=profile.salary_expectation,
            daily_rate=profile.daily_rate,
            offers=[NeedKind(value) for value in profile.offers],
            certifications=[Certification(value) for value in profile.certifications],
            other_certifications=list(profile.other_certifications),
            visibility=profile.visibility,
            last_activity_at=profile.last_activity_at,
            created_at=profile.created_at,
            experiences=[
                ExperienceType(
                    id=item.id,
                    title=item.title,
                    match_status=item.match_status,
                    occupation=None
                    if item.occupation_id is None
                    else OccupationRefType(
                        id=item.occupation_id,
                        label=occupation_label(framework, item.occupation_id),
                        confidence=item.confidence,
                        status=item.match_status,
                    ),
                    employer=item.employer,
                    sector=item.sector,
                    start_month=item.start_month,
                    end_month=item.end_month,
                )
                for item in (profile.experiences if with_children else ())
            ],
            competencies=[
                MemberCompetencyType(
                    competency_id=item.competency_id,
                    label=competency_label(framework, item.competency_id),
                    level=item.level,
                )
                for item in (profile.competencies if with_children else ())
            ],
            languages=[
                MemberLanguageType(code=item.language, level=item.level)
                for item in (profile.languages if with_children else ())
            ],
            source=profile,
            framework=framework,
        )

    @strawberry.field(
        description="Compétences typiques des métiers de vos intitulés, pas encore dans le profil."
    )
    def suggested_competencies(self) -> list[SuggestedCompetencyType]:
        """Worked out only when selected: most of a directory page's CPU when built for every row."""
        return [
            SuggestedCompetencyType(
                competency_id=item.competency_id,
                label=item.label,
                typical_level=item.typical_level,
                occupation_ids=list(item.occupation_ids),
            )
            for item in service.suggested_competencies(self.source, self.framework)
        ]

    @strawberry.field(description="Historique daté des choix de visibilité (consentement).")
    async def consent_history(self, info: Info[Context, Any]) -> list[ConsentRecordType]:
        context = info.context
        async with context.reading() as session:
            records = await service.consent_history(session, context.actor, self.user_id)
        return [ConsentRecordType.of(record) for record in records]


async def profile_types(
    session: Any, profiles: list[MemberProfile], framework: Framework, *, with_children: bool = True
) -> list[MemberProfileType]:
    """Build a page of profiles with their accounts in one query."""
    users = await users_by_ids(session, [profile.user_id for profile in profiles])
    return [
        MemberProfileType.of(profile, users[profile.user_id], framework, with_children=with_children)
        for profile in profiles
    ]


# fields read from a profile's experiences, competencies or languages (the rest is its own columns)
CHILD_FIELDS = frozenset({"experiences", "competencies", "languages", "suggestedCompetencies"})
