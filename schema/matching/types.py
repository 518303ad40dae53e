"""GraphQL types of matches: explanations, members' opportunities, partners' candidates."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

import strawberry
from strawberry.types import Info

from matching.scoring import CompetencyCheck, Explanation
from schema.context import Context
from schema.enums import (
    ContractType,
    FeedbackReason,
    MatchState,
    MemberResponse,
    NeedKind,
    PostingKind,
    RemotePolicy,
)
from schema.matching.codes import MatchExclusionCode, MatchFactorCode, MatchUpdateEvent
from server.matching.service import Candidate, MemberOpportunity
from server.models.postings import Posting


@strawberry.type(description="Une compétence demandée, comparée au niveau du ou de la membre.")
class CompetencyComparison:
    competency_id: str
    label: str
    domain: str
    asked_level: int
    member_level: int = strawberry.field(description="0 quand la compétence est absente du profil.")
    required: bool
    gap: int = strawberry.field(description="Niveaux manquants (0 si atteint).")

    @classmethod
    def of(cls, check: CompetencyCheck) -> CompetencyComparison:
        return cls(
            competency_id=check.competency_id,
            label=check.label,
            domain=check.domain,
            asked_level=check.asked_level,
            member_level=check.member_level,
            required=check.required,
            gap=check.gap,
        )


@strawberry.type(description="Un facteur du score : son poids, l'adéquation et les points apportés.")
class MatchFactor:
    code: MatchFactorCode
    label: str
    weight: float = strawberry.field(description="Part du score, en %.")
    fit: float = strawberry.field(description="Adéquation entre 0 et 1.")
    points: float
    sentence: str


@strawberry.type(description="Compétences à développer dans un domaine : des pistes de formation.")
class UpskillingSuggestion:
    domain_id: str
    domain_label: str
    competencies: list[CompetencyComparison]
    suggestions: list[str]


@strawberry.type(description="Critère éliminatoire non rempli.")
class MatchExclusion:
    code: MatchExclusionCode
    message: str


@strawberry.type(description="Pourquoi ce score : facteurs, compétences, pistes de montée en compétences.")
class MatchExplanation:
    score: float
    engine_version: str
    eligible: bool
    exclusions: list[MatchExclusion]
    factors: list[MatchFactor]
    matched_competencies: list[CompetencyComparison]
    missing_competencies: list[CompetencyComparison]
    upskilling: list[UpskillingSuggestion]
    sentences: list[str] = strawberry.field(description="L'explication, en phrases.")

    @classmethod
    def of(cls, explanation: Explanation, *, for_member: bool = False) -> MatchExplanation:
        """The member reads their version (« vous »); partners and staff read the recruiter's."""
        return cls(
            score=explanation.score,
            engine_version=explanation.engine_version,
            eligible=explanation.eligible,
            exclusions=[
                MatchExclusion(
                    code=MatchExclusionCode(e.code), message=e.member_message if for_member else e.message
                )
                for e in explanation.exclusions
            ],
            factors=[
                MatchFactor(
                    code=MatchFactorCode(f.code),
                    label=f.label,
                    weight=f.weight,
                    fit=f.fit,
                    points=f.points,
                    sentence=f.member_sentence if for_member else f.sentence,
                )
                for f in explanation.factors
            ],
            matched_competencies=[CompetencyComparison.of(c) for c in explanation.matched],
            missing_competencies=[CompetencyComparison.of(c) for c in explanation.missing],
            upskilling=[
                UpskillingSuggestion(
                    domain_id=g.domain_id,
                    domain_label=g.domain_label,
                    competencies=[CompetencyComparison.of(c) for c in g.competencies],
                    suggestions=list(g.suggestions),
                )
                for g in explanation.upskilling
            ],
            sentences=list(explanation.member_sentences if for_member else explanation.sentences),
        )


EXPLANATION_FIELD = (
    "Pourquoi ce score, écrit à la lecture à partir des profils actuels ; null si le profil a été "
    "effacé ou si l'annonce ne peut plus être évaluée."
)


async def load_explanation(
    info: Info[Context, Any],
    posting_id: uuid.UUID,
    member_id: uuid.UUID,
    *,
    for_member: bool,
    anonymised: bool = False,
) -> MatchExplanation | None:
    """Explanations of a page are written together (one batch of profile reads, not one per match).

    An anonymised candidate's explanation says only what their card says (bands, region, month).
    """
    explanation = await info.context.loaders.explanation_by_reading.load((posting_id, member_id, anonymised))
    return None if explanation is None else MatchExplanation.of(explanation, for_member=for_member)


@strawberry.type(description="L'annonce telle qu'un·e membre la voit dans ses opportunités.")
class OpportunityPosting:
    id: uuid.UUID
    kind: PostingKind
    need_kind: NeedKind | None
    title: str
    description: str
    occupation_id: str | None
    contract_type: ContractType | None
    commune: str | None
    departement: str | None
    remote_policy: RemotePolicy
    salary_min: int | None
    salary_max: int | None
    daily_rate: int | None
    start_date: date | None
    featured: bool
    partner_id: strawberry.Private[uuid.UUID]

    @classmethod
    def of(cls, posting: Posting) -> OpportunityPosting:
        return cls(
            id=posting.id,
            kind=posting.kind,
            need_kind=posting.need_kind,
            title=posting.title,
            description=posting.description,
            occupation_id=posting.occupation_id,
            contract_type=posting.contract_type,
            commune=posting.commune,
            departement=posting.departement,
            remote_policy=posting.remote_policy,
            salary_min=posting.salary_min,
            salary_max=posting.salary_max,
            daily_rate=posting.daily_rate,
            start_date=posting.start_date,
            featured=posting.featured,
            partner_id=posting.partner_id,
        )

    @strawberry.field(description="Nom de l'entreprise partenaire.")
    async def partner_name(self, info: Info[Context, Any]) -> str:
        partner = await info.context.loaders.partner_by_id.load(self.partner_id)
        return "" if partner is None else str(partner.name)


@strawberry.interface(
    name="Match",
    description="Une correspondance entre une annonce et un·e membre, vue par le ou la membre "
    "(Opportunity) ou par le partenaire (Candidate) : mêmes noms pour les mêmes choses.",
)
class MatchShape:
    id: uuid.UUID = strawberry.field(description="Identifiant de la correspondance (matchId des mutations).")
    score: float = strawberry.field(description="Score de 0 à 100.")
    response: MemberResponse | None = strawberry.field(
        description="Réponse du ou de la membre, ou null tant qu'il ou elle n'a pas répondu."
    )
    response_message: str | None = strawberry.field(
        description="Message joint à la réponse (côté partenaire : seulement après un intérêt déclaré)."
    )
    responded_at: datetime | None = strawberry.field(description="Date de la réponse, ou null.")
    posting_id: strawberry.Private[uuid.UUID]
    member_id: strawberry.Private[uuid.UUID]
    for_member: strawberry.Private[bool] = False  # True on Opportunity: the member's own wording
    coarse: strawberry.Private[bool] = False  # True for an anonymised candidate: bands only

    @strawberry.field(description=EXPLANATION_FIELD)
    async def explanation(self, info: Info[Context, Any]) -> MatchExplanation | None:
        return await load_explanation(
            info, self.posting_id, self.member_id, for_member=self.for_member, anonymised=self.coarse
        )


@strawberry.type(name="Opportunity", description="Une opportunité proposée à un·e membre, avec ses raisons.")
class OpportunityType(MatchShape):
    posting: OpportunityPosting = strawberry.field(description="L'annonce proposée.")

    @classmethod
    def of(cls, item: MemberOpportunity) -> OpportunityType:
        match = item.match
        return cls(
            id=match.id,
            score=match.score,
            response=match.response,
            response_message=match.response_message,
            responded_at=match.responded_at,
            posting=OpportunityPosting.of(item.posting),
            posting_id=match.posting_id,
            member_id=match.member_user_id,
            for_member=True,
        )


@strawberry.type
class CandidateCompetency:
    competency_id: str
    label: str
    level: int


@strawberry.type
class CandidateLanguage:
    code: str
    level: str


@strawberry.type
class CandidateExperience:
    title: str
    sector: str | None
    start_month: date
    end_month: date | None


@strawberry.type(description="Profil détaillé : membre « visible » ou intéressé·e par l'annonce.")
class CandidateDetails:
    full_name: str
    headline_title: str | None
    bio: str
    experiences: list[CandidateExperience]
    certifications: list[str]


@strawberry.type(description="Coordonnées, seulement après l'intérêt déclaré du ou de la membre.")
class CandidateContact:
    email: str
    full_name: str


@strawberry.type(name="Candidate", description="Un·e candidat·e classé·e pour une annonce du partenaire.")
class CandidateType(MatchShape):
    anonymised: bool
    occupation_label: str | None
    competencies: list[CandidateCompetency]
    languages: list[CandidateLanguage]
    region: str | None
    experience_band: str
    offers: list[str]
    details: CandidateDetails | None
    contact: CandidateContact | None

    @classmethod
    def of(cls, candidate: Candidate) -> CandidateType:
        view, match = candidate.view, candidate.match
        details = view.details
        return cls(
            id=match.id,
            score=match.score,
            response=match.response,
            response_message=match.response_message if candidate.contact is not None else None,
            responded_at=match.responded_at,
            anonymised=details is None,
            occupation_label=view.occupation_label,
            competencies=[
                CandidateCompetency(competency_id=c.competency_id, label=c.label, level=c.level)
                for c in view.competencies
            ],
            languages=[CandidateLanguage(code=code, level=level) for code, level in view.languages],
            region=view.region,
            experience_band=view.experience_band,
            offers=list(view.offers),
            details=None
            if details is None
            else CandidateDetails(
                full_name=details.full_name,
                headline_title=details.headline_title,
                bio=details.bio,
                experiences=[
                    CandidateExperience(title=t, sector=s, start_month=a, end_month=b)
                    for t, s, a, b in details.experiences
                ],
                certifications=list(details.certifications),
            ),
            contact=None
            if candidate.contact is None
            else CandidateContact(email=candidate.contact.email, full_name=candidate.contact.full_name),
            posting_id=match.posting_id,
            member_id=match.member_user_id,
            coarse=details is None,
        )


@strawberry.type(description="Diagnostic : pourquoi un·e membre reçoit ou non une annonce.")
class MatchDiagnostics:
    eligible: bool
    excluded_by: str | None = strawberry.field(description="Le premier critère éliminatoire, en clair.")
    explanation: MatchExplanation
    match_state: MatchState | None
    match_score: float | None


@strawberry.type
class FeedbackCount:
    engine_version: str
    reason: FeedbackReason
    relevant: bool
    count: int


@strawberry.type
class ResponseCount:
    engine_version: str
    response: MemberResponse
    count: int


@strawberry.type(description="Avis des partenaires et réponses des membres, par version du moteur.")
class MatchFeedbackReport:
    feedback: list[FeedbackCount]
    responses: list[ResponseCount]


@strawberry.type(description="Événement temps réel sur une correspondance.")
class MatchUpdate:
    posting_id: uuid.UUID
    event: MatchUpdateEvent
    score: float = strawberry.field(description="Le score ; pour un partenaire, le meilleur de l'envoi.")
    count: int = strawberry.field(
        description="Correspondances concernées : 1 pour un·e membre ; pour un partenaire, une mise à "
        "jour par annonce et par type d'événement, qui compte ses candidat·es."
    )
