"""Expose the domain's Python enums as GraphQL enums, once, so annotations use the enums themselves.

`strawberry.enum` registers the class in place and returns it: annotating a field with the model enum
(`status: PostingStatus`) then needs no alias and no `type: ignore`.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from typing import Any, TypeVar

import strawberry

from server.models.accounts import UserRole
from server.models.framework import ReviewState
from server.models.matching import FeedbackReason, MatchState, MemberResponse
from server.models.members import Certification, ProfessionalStatus, Visibility
from server.models.partners import PartnerEventKind, PartnerSizeBand, PartnerStatus
from server.models.postings import (
    CefrLevel,
    ContractType,
    NeedKind,
    NormalisationStatus,
    PostingKind,
    PostingStatus,
    RemotePolicy,
    WorkingTime,
)
from server.models.reports import ReportFormat, ReportKind, ReportStatus

E = TypeVar("E", bound=type[enum.Enum])


def expose(
    cls: E, *, name: str, description: str | None = None, values: Mapping[Any, str] | None = None
) -> E:
    """Register `cls` as the GraphQL enum `name`, with French descriptions of the enum and of its values."""
    strawberry.enum(cls, name=name, description=description)
    if values:
        by_name = {member.name: text for member, text in values.items()}
        for value in cls.__strawberry_definition__.values:  # type: ignore[attr-defined]
            value.description = by_name.get(value.name, value.description)
    return cls


expose(MemberResponse, name="MatchResponse")
expose(MatchState, name="MatchState")
expose(FeedbackReason, name="MatchFeedbackReason")
expose(ReviewState, name="ReviewState")
expose(PostingKind, name="PostingKind", description="ROLE : offre d'emploi ; NEED : besoin d'appui.")
expose(
    NeedKind,
    name="NeedKind",
    description="Accompagnement stratégique, montée en compétences, mission ponctuelle, mentorat.",
)
expose(
    PostingStatus,
    name="PostingStatus",
    description="Brouillon → ouverte ⇄ en pause → pourvue (offres) | clôturée.",
)
expose(ContractType, name="ContractType")
expose(WorkingTime, name="WorkingTime")
expose(RemotePolicy, name="RemotePolicy")
expose(NormalisationStatus, name="NormalisationStatus")
expose(CefrLevel, name="CefrLevel")
expose(
    PartnerStatus, name="PartnerStatus", description="Cycle de vie : prospect → actif ⇄ suspendu → terminé."
)
expose(PartnerSizeBand, name="PartnerSizeBand")
expose(PartnerEventKind, name="PartnerEventKind")
expose(
    Visibility,
    name="Visibility",
    description="Consentement : HIDDEN (pas de mise en relation), ANONYMOUS (résumé anonyme "
    "montré aux partenaires), VISIBLE (profil visible des partenaires, sans coordonnées).",
)
expose(ProfessionalStatus, name="ProfessionalStatus")
expose(
    Certification,
    name="Certification",
    description="Certifications reconnues (SST, équipier·ère de première intervention, Fresque du "
    "Climat…) ; les autres se saisissent en texte libre.",
)
expose(ReportKind, name="ReportKind", description="Rapport d'un partenaire ou de la fédération.")
expose(
    ReportStatus, name="ReportStatus", description="PENDING → RUNNING → DONE (ou FAILED, puis nouvel essai)."
)
expose(
    ReportFormat,
    name="ReportFormat",
    description="CSV_ZIP (archive ZIP d'un fichier CSV par tableau), HTML avec graphiques, PDF.",
)
expose(
    UserRole,
    name="UserRole",
    description="Fédération, administrateur·rice ou recruteur·se d'un partenaire, membre (assistant·e).",
)

__all__ = [
    "CefrLevel",
    "Certification",
    "ContractType",
    "FeedbackReason",
    "MatchState",
    "MemberResponse",
    "NeedKind",
    "NormalisationStatus",
    "PartnerEventKind",
    "PartnerSizeBand",
    "PartnerStatus",
    "PostingKind",
    "PostingStatus",
    "ProfessionalStatus",
    "RemotePolicy",
    "ReportFormat",
    "ReportKind",
    "ReportStatus",
    "ReviewState",
    "UserRole",
    "Visibility",
    "WorkingTime",
    "expose",
]
