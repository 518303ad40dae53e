"""Delivering matches: members see and answer their opportunities, partners see their candidates.

A partner sees a candidate anonymised unless the member is `visible` or said *interested* in that
posting; contact details only after interest, and every such read is in the audit trail.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from matching.scoring import Explanation, explain
from server.accounts.repository import users_by_ids, users_with_role
from server.actor import Actor
from server.audit.service import record
from server.db import utcnow
from server.events import EventBus
from server.framework.service import live_framework
from server.kit.errors import ErrorCode, Forbidden, IssueCollector, NotFound, ValidationFailed
from server.kit.pagination import Page, PageRequest, SortField, SortKey, paginate, paginate_rows
from server.kit.validation import bounded_text
from server.matching import repository
from server.matching.explanations import KnownInputs
from server.matching.inputs import loaded_member_input
from server.members.partner_view import PartnerMemberView, partner_views
from server.members.repository import profiles_by_user_ids
from server.models.accounts import User, UserRole
from server.models.matching import FeedbackReason, Match, MatchFeedback, MatchState, MemberResponse
from server.models.members import MemberProfile
from server.models.postings import Posting, PostingStatus
from server.notifications.service import NewNotification, notify

MATCH_NOT_FOUND = "La correspondance"
POSTING_NOT_FOUND = "L'annonce"


def _bool(value: str) -> bool:
    return value == "True"


MEMBER_SORT = SortKey(
    fields=(
        SortField(Posting.featured, _bool, descending=True),
        SortField(Match.score, float, descending=True),
        SortField(Match.id, uuid.UUID),
    )
)
PARTNER_SORT = SortKey(
    fields=(SortField(Match.score, float, descending=True), SortField(Match.id, uuid.UUID))
)


@dataclass(frozen=True)
class MemberOpportunity:
    match: Match
    posting: Posting


async def my_matches(
    session: AsyncSession,
    actor: Actor,
    page: PageRequest,
    *,
    kinds: Sequence[str] | None = None,
    min_score: float | None = None,
    unanswered_only: bool = False,
) -> Page[MemberOpportunity]:
    """A member's live opportunities (roles and needs), featured postings first, then by score."""
    member_id = actor.require_user_id()
    query = repository.member_matches_query(
        member_id,
        kinds=kinds,
        min_score=min_score,
        responses=[] if unanswered_only else None,
        include_unanswered=True,
    ).add_columns(Posting)
    rows = await paginate_rows(
        session,
        query,
        sort=MEMBER_SORT,
        page=page,
        key_of=lambda row: (row.Posting.featured, row.Match.score, row.Match.id),
    )
    return Page(
        items=[MemberOpportunity(match=row.Match, posting=row.Posting) for row in rows.items],
        cursors=rows.cursors,
        has_next_page=rows.has_next_page,
        has_previous_page=rows.has_previous_page,
        total_count=rows.total_count,
    )


async def respond(
    session: AsyncSession,
    actor: Actor,
    match_id: uuid.UUID,
    response: MemberResponse,
    message: str | None,
) -> tuple[Match, Posting]:
    """The member answers; interest is told to the partner (who then sees the profile)."""
    match = await repository.get_match(session, match_id)
    if match is None or match.member_user_id != actor.user_id:
        raise NotFound(MATCH_NOT_FOUND)
    posting = await repository.get_posting(session, match.posting_id)
    if posting is None:
        raise NotFound(MATCH_NOT_FOUND)
    issues = IssueCollector()
    text = bounded_text(message, issues, field="message", label="Message", max_length=1000)
    if match.state is not MatchState.ACTIVE or posting.status is not PostingStatus.OPEN:
        issues.add("matchId", "Cette opportunité n'est plus ouverte.", ErrorCode.MATCH_CLOSED)
    issues.raise_if_any()
    match.response = response
    match.response_message = text
    match.responded_at = utcnow()
    match.response_engine_version = match.engine_version
    record(
        session,
        actor,
        f"match.{response.value}",
        entity_type="match",
        entity_id=match.id,
        changes={"posting_id": posting.id, "response": response.value},
        subject_user_id=actor.user_id,
    )
    if response is MemberResponse.INTERESTED:
        recipients = await users_with_role(
            session, (UserRole.PARTNER_ADMIN, UserRole.PARTNER_RECRUITER), posting.partner_id
        )
        for user in recipients:
            await notify(
                session,
                NewNotification(
                    user_id=user.id,
                    kind="match_interest",
                    title=f"Un·e membre est intéressé·e par « {posting.title} »",
                    body="Son profil et ses coordonnées sont maintenant visibles dans les candidatures.",
                    dedup_key=f"interest:{match.id}",
                    subject_type="posting",
                    subject_id=str(posting.id),
                ),
            )
    return match, posting


async def publish_response(events: EventBus, match: Match, posting: Posting) -> None:
    if match.response is None:
        return
    message = {
        "postingId": str(posting.id),
        "event": f"response_{match.response.value}",
        "score": match.score,
        "count": 1,
    }
    await events.publish(f"partner:{posting.partner_id}", message)
    await events.publish(f"user:{match.member_user_id}", message)


async def _own_posting(session: AsyncSession, actor: Actor, posting_id: uuid.UUID) -> Posting:
    posting = await repository.get_posting(session, posting_id)
    if posting is None or not (actor.is_staff or posting.partner_id == actor.partner_id):
        raise NotFound(POSTING_NOT_FOUND)
    return posting


@dataclass(frozen=True)
class Candidate:
    """One ranked candidate as a partner sees them."""

    match: Match
    view: PartnerMemberView
    contact: User | None  # only after the member said interested


async def posting_candidates(
    session: AsyncSession,
    actor: Actor,
    posting_id: uuid.UUID,
    page: PageRequest,
    *,
    interested_only: bool = False,
    known: KnownInputs | None = None,
) -> Page[Candidate]:
    """Ranked candidates of one of the actor's postings; reads are audited (same transaction).

    `known` receives what the engine needs to explain these candidates, read here with the page.
    """
    if not (actor.is_staff or actor.is_partner_user):
        raise Forbidden()
    posting = await _own_posting(session, actor, posting_id)
    matches = await paginate(
        session,
        repository.posting_matches_query(posting_id, interested_only=interested_only),
        sort=PARTNER_SORT,
        page=page,
        key_of=lambda m: (m.score, m.id),
    )
    interested = {m.member_user_id for m in matches.items if m.response is MemberResponse.INTERESTED}
    members = [m.member_user_id for m in matches.items]
    profiles = await profiles_by_user_ids(session, members)
    views = await partner_views(session, actor, members, revealed=interested, profiles=profiles)
    if known is not None:
        await _remember_inputs(session, known, posting, profiles.values())
    contacts = await users_by_ids(session, list(interested))
    candidates, cursors = [], []
    for match, cursor in zip(matches.items, matches.cursors, strict=True):
        view = views.get(match.member_user_id)
        if view is None:  # erased or deactivated since the match was computed (its job will expire it)
            continue
        cursors.append(cursor)
        contact = contacts.get(match.member_user_id)
        if contact is not None:
            record(
                session,
                actor,
                "member.contact_view",
                entity_type="member_profile",
                entity_id=match.member_user_id,
                changes={"posting_id": posting_id},
                subject_user_id=match.member_user_id,
            )
        candidates.append(Candidate(match=match, view=view, contact=contact))
    return Page(
        items=candidates,
        cursors=cursors,
        has_next_page=matches.has_next_page,
        has_previous_page=matches.has_previous_page,
        total_count=matches.total_count,
    )


async def _remember_inputs(
    session: AsyncSession, known: KnownInputs, posting: Posting, profiles: Iterable[MemberProfile]
) -> None:
    """The engine's view of a page's members and posting, from the rows just read (no second read)."""
    for profile in profiles:
        if (member := loaded_member_input(profile)) is not None:
            known.members[profile.user_id] = member
    known.postings.update(await repository.posting_inputs_of(session, [posting]))
    known.framework = await live_framework(session)


async def give_feedback(
    session: AsyncSession,
    actor: Actor,
    match_id: uuid.UUID,
    *,
    relevant: bool,
    reason: FeedbackReason,
    comment: str | None,
) -> MatchFeedback:
    """A partner user says whether a proposed match was relevant, and why (kept per engine version)."""
    if not actor.is_partner_user:
        raise Forbidden()
    match = await repository.get_match(session, match_id)
    if match is None:
        raise NotFound(MATCH_NOT_FOUND)
    await _own_posting(session, actor, match.posting_id)
    issues = IssueCollector()
    text = bounded_text(comment, issues, field="comment", label="Commentaire", max_length=1000)
    if relevant != (reason is FeedbackReason.RELEVANT):
        issues.add(
            "reason",
            "Un avis « pertinent » prend le motif RELEVANT ; sinon, choisissez le motif "
            "qui explique le refus.",
            ErrorCode.REASON_MISMATCH,
        )
    issues.raise_if_any()
    feedback = await repository.upsert_feedback(
        session,
        match=match,
        author_id=actor.require_user_id(),
        relevant=relevant,
        reason=reason,
        comment=text,
    )
    record(
        session,
        actor,
        "match.feedback",
        entity_type="match",
        entity_id=match.id,
        changes={"relevant": relevant, "reason": reason.value},
    )
    return feedback


async def diagnose(
    session: AsyncSession, actor: Actor, posting_id: uuid.UUID, member_id: uuid.UUID
) -> tuple[Explanation, Match | None]:
    """Why a member is or is not matched with a posting (federation staff answer members' questions)."""
    if not actor.is_staff:
        raise Forbidden()
    posting = await repository.get_posting(session, posting_id)
    if posting is None:
        raise NotFound(POSTING_NOT_FOUND)
    member = await repository.member_input_for(session, member_id)
    criteria = await repository.posting_input_for(session, posting)
    if member is None:
        raise NotFound("Le profil du ou de la membre")
    if criteria is None:
        raise ValidationFailed.single(
            "postingId",
            "Cette annonce ne peut pas être évaluée par le moteur.",
            ErrorCode.POSTING_NOT_MATCHABLE,
        )
    framework = await live_framework(session)
    record(
        session,
        actor,
        "match.diagnose",
        entity_type="member_profile",
        entity_id=member_id,
        changes={"posting_id": posting_id},
        subject_user_id=member_id,
    )
    return explain(member, criteria, framework), await repository.get_pair(session, posting_id, member_id)


async def feedback_report(
    session: AsyncSession, actor: Actor
) -> tuple[list[tuple[str, FeedbackReason, bool, int]], list[tuple[str, MemberResponse, int]]]:
    """Partners' verdicts by engine version and reason, and members' answers, to tune the weights."""
    if not actor.is_staff:
        raise Forbidden()
    return await repository.feedback_counts(session), await repository.response_counts(session)
