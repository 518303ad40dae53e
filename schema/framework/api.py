"""Framework queries, title normalisation, and the review queue for federation staff."""

from __future__ import annotations

import uuid
from typing import Any

import strawberry
from strawberry.types import Info

from matching.text import fold
from schema.context import Context
from schema.enums import ReviewState
from schema.errors import FieldError, payload
from schema.framework.types import (
    CompetencyType,
    DomainType,
    FrameworkInfoType,
    OccupationType,
    ReviewItemType,
    TitleNormalisationType,
)
from schema.pagination import Connection, connection, page_request
from schema.permissions import IsAuthenticated, IsStaff
from server.framework import service
from server.kit.errors import BadInput, NotFound
from server.kit.pagination import page_of_sequence

MAX_TITLE_INPUT = 1000


def _matches(search: str | None, *texts: str) -> bool:
    if not search:
        return True
    needle = fold(search)
    return any(needle in fold(text) for text in texts)


@strawberry.input(description="Filtre des métiers du référentiel.")
class OccupationFilter:
    search: str | None = strawberry.field(
        default=None, description="Dans le libellé, le libellé anglais et les alias (sans accents)."
    )
    rome_code: str | None = strawberry.field(default=None, description="Code ROME exact (ex. M1607).")


@strawberry.input(description="Filtre des compétences du référentiel.")
class CompetencyFilter:
    search: str | None = strawberry.field(
        default=None, description="Dans le libellé, le libellé anglais et la description."
    )
    domain_id: str | None = strawberry.field(default=None, description="Identifiant du domaine.")


@strawberry.input(description="Filtre de la file de revue.")
class ReviewItemFilter:
    state: ReviewState | None = strawberry.field(
        default=ReviewState.PENDING, description="État des entrées ; null pour tous (PENDING par défaut)."
    )


@strawberry.type
class ReviewItemPayload:
    """What every review-queue mutation returns; each mutation exposes it under its own name."""

    item: ReviewItemType | None = strawberry.field(description="L'entrée à jour, ou null si refusée.")
    errors: list[FieldError] = strawberry.field(description="Règles refusées ; vide si tout va bien.")


@strawberry.type(description="Résultat de `resolveReviewItem`.")
class ResolveReviewItemPayload(ReviewItemPayload):
    pass


@strawberry.type(description="Résultat de `dismissReviewItem`.")
class DismissReviewItemPayload(ReviewItemPayload):
    pass


@strawberry.type
class FrameworkQueries:
    @strawberry.field(
        permission_classes=[IsAuthenticated],
        description="Normalise un intitulé (appelée pendant la saisie) ; n'alimente pas la file de revue.",
    )
    async def normalize_title(self, info: Info[Context, Any], title: str) -> TitleNormalisationType:
        if len(title) > MAX_TITLE_INPUT:
            raise BadInput(f"Intitulé trop long ({MAX_TITLE_INPUT} caractères au plus).")
        async with info.context.reading() as session:
            normaliser = await service.live_normaliser(session)
        return TitleNormalisationType.of(normaliser.normalise(title))

    @strawberry.field(permission_classes=[IsAuthenticated], description="Version du référentiel.")
    async def framework(self, info: Info[Context, Any]) -> FrameworkInfoType:
        async with info.context.reading() as session:
            framework = await service.live_framework(session)
        return FrameworkInfoType(
            version=framework.version,
            checksum=framework.checksum,
            occupation_count=len(framework.occupations),
            competency_count=len(framework.competencies),
            domain_count=len(framework.domains),
        )

    @strawberry.field(permission_classes=[IsAuthenticated], description="Métiers du référentiel.")
    async def occupations(
        self,
        info: Info[Context, Any],
        first: int | None = None,
        after: str | None = None,
        filter: OccupationFilter | None = None,
    ) -> Connection[OccupationType]:
        context = info.context
        chosen_filter = filter or OccupationFilter()
        search, rome_code = chosen_filter.search, chosen_filter.rome_code
        async with context.reading() as session:
            framework = await service.live_framework(session)
        chosen = [
            o
            for o in framework.occupations
            if _matches(search, o.label, o.label_en, *o.aliases)
            and (rome_code is None or o.rome_code == rome_code.upper())
        ]
        page = page_of_sequence(chosen, page_request(context.settings, first, after))
        return connection(page, lambda occupation: OccupationType.of(occupation, framework))

    @strawberry.field(permission_classes=[IsAuthenticated], description="Un métier, par identifiant.")
    async def occupation(self, info: Info[Context, Any], id: str) -> OccupationType:
        async with info.context.reading() as session:
            framework = await service.live_framework(session)
        try:
            return OccupationType.of(framework.occupation(id), framework)
        except KeyError:
            raise NotFound("Le métier") from None

    @strawberry.field(permission_classes=[IsAuthenticated], description="Compétences du référentiel.")
    async def competencies(
        self,
        info: Info[Context, Any],
        first: int | None = None,
        after: str | None = None,
        filter: CompetencyFilter | None = None,
    ) -> Connection[CompetencyType]:
        context = info.context
        chosen_filter = filter or CompetencyFilter()
        search, domain_id = chosen_filter.search, chosen_filter.domain_id
        async with context.reading() as session:
            framework = await service.live_framework(session)
        chosen = [
            c
            for c in framework.competencies
            if _matches(search, c.label, c.label_en, c.description)
            and (domain_id is None or c.domain == domain_id)
        ]
        page = page_of_sequence(chosen, page_request(context.settings, first, after))
        return connection(page, CompetencyType.of)

    @strawberry.field(permission_classes=[IsAuthenticated], description="Domaines de compétences.")
    async def competency_domains(self, info: Info[Context, Any]) -> list[DomainType]:
        async with info.context.reading() as session:
            framework = await service.live_framework(session)
        return [DomainType.of(domain) for domain in framework.domains]

    @strawberry.field(permission_classes=[IsStaff], description="File de revue des intitulés incertains.")
    async def review_queue(
        self,
        info: Info[Context, Any],
        first: int | None = None,
        after: str | None = None,
        filter: ReviewItemFilter | None = None,
    ) -> Connection[ReviewItemType]:
        context = info.context
        state = (filter or ReviewItemFilter()).state
        async with context.reading() as session:
            page = await service.review_queue(
                session,
                context.actor,
                page_request(context.settings, first, after),
                state=None if state is None else ReviewState(state),
            )
        return connection(page, ReviewItemType.of)


@strawberry.type
class FrameworkMutations:
    @strawberry.mutation(
        permission_classes=[IsStaff],
        description="Rattache un intitulé à un métier (nouvel alias) ou le classe « autre métier ».",
    )
    async def resolve_review_item(
        self,
        info: Info[Context, Any],
        id: uuid.UUID,
        occupation_id: str | None = None,
        other_profession: bool = False,
    ) -> ResolveReviewItemPayload:
        context = info.context
        item, errors = await context.write_or_errors(
            lambda session: service.resolve_review_item(
                session,
                context.actor,
                id,
                occupation_id=occupation_id,
                other_profession=other_profession,
            )
        )
        return payload(ResolveReviewItemPayload, (item, errors), ReviewItemType.of, "item")

    @strawberry.mutation(permission_classes=[IsStaff], description="Écarte une entrée de la file.")
    async def dismiss_review_item(self, info: Info[Context, Any], id: uuid.UUID) -> DismissReviewItemPayload:
        context = info.context
        item, errors = await context.write_or_errors(
            lambda session: service.dismiss_review_item(session, context.actor, id)
        )
        return payload(DismissReviewItemPayload, (item, errors), ReviewItemType.of, "item")
