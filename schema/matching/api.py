"""Matches over GraphQL: members' opportunities and answers, partners' candidates and feedback,
staff diagnostics, and the real-time `matchUpdates` subscription."""

from __future__ import annotations

import uuid
from collections.abc import AsyncGenerator
from typing import Any

import strawberry
from strawberry.types import Info

from schema.context import Context
from schema.enums import FeedbackReason, MemberResponse, PostingKind
from schema.errors import FieldError, field_errors
from schema.matching.codes import MatchUpdateEvent
from schema.matching.types import (
    CandidateType,
    FeedbackCount,
    MatchDiagnostics,
    MatchExplanation,
    MatchFeedbackReport,
    MatchUpdate,
    OpportunityType,
    ResponseCount,
)
from schema.pagination import Connection, connection, page_request
from schema.permissions import IsMember, IsMemberOrPartnerUser, IsPartnerUser, IsStaff, IsStaffOrPartnerUser
from schema.selections import selects_any
from server.kit.errors import BadInput
from server.matching import service

EXPLANATION_FIELDS = frozenset({"explanation"})


@strawberry.input
class OpportunityFilter:
    kinds: list[PostingKind] | None = None
    min_score: float | None = None
    unanswered_only: bool = False


@strawberry.input(description="Filtre des candidat·es d'une annonce.")
class CandidateFilter:
    interested_only: bool = strawberry.field(
        default=False, description="Seulement les membres ayant déclaré leur intérêt."
    )


@strawberry.type(description="Résultat de `respondToMatch`.")
class RespondToMatchPayload:
    match_id: uuid.UUID | None = strawberry.field(
        description="Id de la correspondance (celui de l'opportunité)."
    )
    response: MemberResponse | None = strawberry.field(
        description="Ma réponse enregistrée, ou null si refusée."
    )
    errors: list[FieldError] = strawberry.field(description="Règles refusées ; vide si tout va bien.")


@strawberry.type(description="Résultat de `giveMatchFeedback`.")
class GiveMatchFeedbackPayload:
    ok: bool = strawberry.field(description="Vrai si l'avis est enregistré.")
    errors: list[FieldError] = strawberry.field(description="Règles refusées ; vide si tout va bien.")


@strawberry.type
class MatchingQueries:
    @strawberry.field(
        permission_classes=[IsMember],
        description="Mes opportunités (offres et besoins), mises en avant puis par score, "
        "avec leurs raisons.",
    )
    async def my_matches(
        self,
        info: Info[Context, Any],
        first: int | None = None,
        after: str | None = None,
        filter: OpportunityFilter | None = None,
    ) -> Connection[OpportunityType]:
        context = info.context
        chosen = filter or OpportunityFilter()
        if chosen.min_score is not None and not 0 <= chosen.min_score <= 100:
            raise BadInput("« minScore » doit être compris entre 0 et 100.")
        kinds = [PostingKind(kind).value for kind in chosen.kinds] if chosen.kinds else None
        async with context.reading() as session:
            page = await service.my_matches(
                session,
                context.actor,
                page_request(context.settings, first, after),
                kinds=kinds,
                min_score=chosen.min_score,
                unanswered_only=chosen.unanswered_only,
            )
        return connection(page, OpportunityType.of)

    @strawberry.field(
        permission_classes=[IsStaffOrPartnerUser],
        description="Candidat·es classé·es d'une annonce de votre entreprise ; anonymisé·es sauf profil "
        "visible ou intérêt déclaré (chaque consultation est journalisée).",
    )
    async def matches(
        self,
        info: Info[Context, Any],
        posting_id: uuid.UUID,
        first: int | None = None,
        after: str | None = None,
        filter: CandidateFilter | None = None,
    ) -> Connection[CandidateType]:
        context = info.context
        interested_only = (filter or CandidateFilter()).interested_only
        request = page_request(context.settings, first, after)
        explained = selects_any(info, EXPLANATION_FIELDS)
        page = await context.write(
            lambda session: service.posting_candidates(
                session,
                context.actor,
                posting_id,
                request,
                interested_only=interested_only,
                # the engine's inputs are kept for the explanations only when they are asked for
                known=context.loaders.known_inputs if explained else None,
            )
        )
        return connection(page, CandidateType.of)

    @strawberry.field(
        permission_classes=[IsStaff],
        description="Pourquoi un·e membre reçoit ou non une annonce : critère éliminatoire ou facteurs.",
    )
    async def explain_match(
        self, info: Info[Context, Any], posting_id: uuid.UUID, member_id: uuid.UUID
    ) -> MatchDiagnostics:
        context = info.context
        explanation, match = await context.write(
            lambda session: service.diagnose(session, context.actor, posting_id, member_id)
        )
        return MatchDiagnostics(
            eligible=explanation.eligible,
            excluded_by=explanation.excluded_by,
            explanation=MatchExplanation.of(explanation),
            match_state=None if match is None else match.state,
            match_score=None if match is None else match.score,
        )

    @strawberry.field(
        permission_classes=[IsStaff],
        description="Avis des partenaires par motif et réponses des membres, par version du moteur.",
    )
    async def match_feedback_report(self, info: Info[Context, Any]) -> MatchFeedbackReport:
        context = info.context
        async with context.reading() as session:
            feedback, responses = await service.feedback_report(session, context.actor)
        return MatchFeedbackReport(
            feedback=[
                FeedbackCount(engine_version=v, reason=r, relevant=ok, count=n) for v, r, ok, n in feedback
            ],
            responses=[ResponseCount(engine_version=v, response=r, count=n) for v, r, n in responses],
        )


@strawberry.type
class MatchingMutations:
    @strawberry.mutation(
        permission_classes=[IsMember],
        description="Répondre à une opportunité : INTERESTED (le partenaire voit alors votre profil et vos "
        "coordonnées) ou DECLINED.",
    )
    async def respond_to_match(
        self,
        info: Info[Context, Any],
        match_id: uuid.UUID,
        response: MemberResponse,
        message: str | None = None,
    ) -> RespondToMatchPayload:
        context = info.context
        result, errors = await context.write_or_errors(
            lambda session: service.respond(
                session, context.actor, match_id, MemberResponse(response), message
            )
        )
        if result is None:
            return RespondToMatchPayload(match_id=None, response=None, errors=field_errors(errors))
        match, posting = result
        await service.publish_response(context.events, match, posting)
        return RespondToMatchPayload(match_id=match.id, response=match.response, errors=[])

    @strawberry.mutation(
        permission_classes=[IsPartnerUser],
        description="Dire si une correspondance proposée est pertinente, avec un motif.",
    )
    async def give_match_feedback(
        self,
        info: Info[Context, Any],
        match_id: uuid.UUID,
        relevant: bool,
        reason: FeedbackReason,
        comment: str | None = None,
    ) -> GiveMatchFeedbackPayload:
        context = info.context
        feedback, errors = await context.write_or_errors(
            lambda session: service.give_feedback(
                session,
                context.actor,
                match_id,
                relevant=relevant,
                reason=FeedbackReason(reason),
                comment=comment,
            )
        )
        return GiveMatchFeedbackPayload(ok=feedback is not None, errors=field_errors(errors))


@strawberry.type
class MatchingSubscriptions:
    @strawberry.subscription(
        permission_classes=[IsMemberOrPartnerUser],
        description="Nouvelles correspondances et réponses, en temps réel (membre : les siennes ; "
        "partenaire : celles de ses annonces).",
    )
    async def match_updates(self, info: Info[Context, Any]) -> AsyncGenerator[MatchUpdate, None]:
        context = info.context
        actor = context.actor
        channel = f"user:{actor.user_id}" if actor.is_member else f"partner:{actor.partner_id}"
        async for message in context.events.subscribe(channel):
            yield MatchUpdate(
                posting_id=uuid.UUID(str(message["postingId"])),
                event=MatchUpdateEvent(str(message["event"])),
                score=float(message["score"]),
                count=int(message.get("count", 1)),
            )
