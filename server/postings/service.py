"""Roles and strategic-support needs: creation, edits, lifecycle, who may see and change which posting.

Partner admins and recruiters of an active partner write their company's postings; federation staff
read every posting and may close any. A posting of another company is "not found". Every change is
audited, and every change that matters to matching writes an outbox event in the same transaction.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy.ext.asyncio import AsyncSession

from matching.framework import Framework
from server.actor import Actor
from server.audit.service import diff, record
from server.db import utcnow
from server.framework.service import live_framework, normalise_title
from server.jobs import match_requests
from server.kit.errors import ErrorCode, Forbidden, IssueCollector, NotFound, ValidationFailed
from server.kit.pagination import Page, PageRequest, SortField, SortKey, paginate
from server.kit.places import apply_commune
from server.models.partners import Partner, PartnerStatus
from server.models.postings import (
    NeedKind,
    NormalisationStatus,
    Posting,
    PostingKind,
    PostingStatus,
    RemotePolicy,
)
from server.partners import repository as partners
from server.postings import repository
from server.postings.validation import (
    COLUMNS,
    CompetencyRequirement,
    PostingFields,
    check_common,
    check_live_dates,
    check_role,
    clean_competencies,
    clean_languages,
    clean_values,
)
from server.postings.wording import check_posting_wording

POSTING_NOT_FOUND = "L'offre"
REQUIRED_LEVEL = 3  # an occupation's typical competency at this level or above becomes required
STATUS_LABELS = {
    PostingStatus.DRAFT: "brouillon",
    PostingStatus.OPEN: "ouverte",
    PostingStatus.PAUSED: "en pause",
    PostingStatus.FILLED: "pourvue",
    PostingStatus.CLOSED: "clôturée",
}
PARTNER_STATUS_LABELS = {
    PartnerStatus.PROSPECT: "prospect",
    PartnerStatus.ACTIVE: "actif",
    PartnerStatus.SUSPENDED: "suspendu",
    PartnerStatus.ENDED: "terminé",
}
POSTING_SORT = SortKey(
    fields=(
        SortField(Posting.created_at, datetime.fromisoformat, descending=True),
        SortField(Posting.id, uuid.UUID, descending=True),
    )
)


@dataclass(frozen=True)
class Move:
    """A lifecycle action: where it leads, from where it may start, who may do it."""

    name: str
    target: PostingStatus
    sources: frozenset[PostingStatus]
    staff_allowed: bool = False
    needs_active_partner: bool = False


PUBLISH = Move("publish", PostingStatus.OPEN, frozenset({PostingStatus.DRAFT}), needs_active_partner=True)
REOPEN = Move("reopen", PostingStatus.OPEN, frozenset({PostingStatus.PAUSED}), needs_active_partner=True)
PAUSE = Move("pause", PostingStatus.PAUSED, frozenset({PostingStatus.OPEN}))
FILL = Move("fill", PostingStatus.FILLED, frozenset({PostingStatus.OPEN, PostingStatus.PAUSED}))
CLOSE = Move(
    "close",
    PostingStatus.CLOSED,
    frozenset({PostingStatus.OPEN, PostingStatus.PAUSED}),
    staff_allowed=True,
)
EDITABLE = frozenset({PostingStatus.DRAFT, PostingStatus.OPEN, PostingStatus.PAUSED})


def _snapshot(posting: Posting) -> dict[str, object]:
    return {
        column.key: getattr(posting, column.key)
        for column in Posting.__table__.columns
        if column.key not in ("created_at", "updated_at")
    }


async def visible_posting(session: AsyncSession, actor: Actor, posting_id: uuid.UUID) -> Posting:
    """Staff see every posting; a partner user only its company's (others are "not found")."""
    posting = await repository.get_posting(session, posting_id)
    if posting is None or not (
        actor.is_staff or (actor.is_partner_user and actor.partner_id == posting.partner_id)
    ):
        raise NotFound(POSTING_NOT_FOUND)
    return posting


async def _writer_partner(session: AsyncSession, actor: Actor) -> Partner:
    """The company a partner user writes for; it must be an active partner."""
    if not actor.is_partner_user or actor.partner_id is None:
        raise Forbidden("Seul·es les utilisateur·rices des entreprises partenaires gèrent leurs offres.")
    partner = await partners.get_partner(session, actor.partner_id)
    if partner is None:
        raise Forbidden()
    _require_active(partner)
    return partner


def _require_active(partner: Partner) -> None:
    if partner.status is not PartnerStatus.ACTIVE:
        raise ValidationFailed.single(
            None,
            f"Votre partenariat est « {PARTNER_STATUS_LABELS[partner.status]} » : seules les "
            "entreprises partenaires actives publient et modifient des offres.",
            ErrorCode.PARTNER_INACTIVE,
        )


async def _check_featured(
    session: AsyncSession, partner: Partner, featured: object, issues: IssueCollector
) -> None:
    if featured is True:
        tier = await partners.get_tier(session, partner.tier_code)
        if tier is not None and not tier.can_feature_postings:
            issues.add(
                "featured",
                f"La mise en avant des offres n'est pas comprise dans le niveau "
                f"de partenariat « {tier.label} ».",
                ErrorCode.FEATURING_NOT_IN_TIER,
            )


async def _check_quota(session: AsyncSession, partner: Partner) -> None:
    tier = await partners.get_tier(session, partner.tier_code)
    if tier is None or tier.max_open_postings is None:
        return
    if await repository.count_open(session, partner.id) >= tier.max_open_postings:
        raise ValidationFailed.single(
            None,
            f"Votre niveau de partenariat « {tier.label} » permet {tier.max_open_postings} offre(s) "
            "ouverte(s) en même temps : mettez en pause ou clôturez une offre avant d'en ouvrir "
            "une autre.",
            ErrorCode.OPEN_POSTINGS_QUOTA_REACHED,
        )


def _check_occupation(override: object, framework: Framework, issues: IssueCollector) -> None:
    if isinstance(override, str):
        try:
            framework.occupation(override)
        except KeyError:
            issues.add(
                "occupationId",
                f"Métier inconnu du référentiel : « {override} ».",
                ErrorCode.UNKNOWN_OCCUPATION,
            )


async def _apply_normalisation(session: AsyncSession, posting: Posting, framework: Framework) -> None:
    """Store the title's normalisation; the occupation the user chose, if any, wins."""
    occupation_id: str | None = None
    if posting.kind is PostingKind.ROLE:
        match = await normalise_title(session, posting.title, source="posting", source_id=posting.id)
        posting.normalisation_status = NormalisationStatus(match.status)
        posting.normalisation_confidence = match.confidence
        posting.title_attributes = match.attributes.to_dict()
        occupation_id = None if match.occupation is None else match.occupation.id
    else:
        posting.normalisation_status = NormalisationStatus.NOT_APPLICABLE
        posting.normalisation_confidence = None
        posting.title_attributes = {}
    occupation_id = posting.occupation_override or occupation_id
    posting.occupation_id = occupation_id
    posting.rome_code = None if occupation_id is None else framework.occupation(occupation_id).rome_code


def typical_competencies(framework: Framework, occupation_id: str | None) -> list[CompetencyRequirement]:
    """The occupation's typical competencies: level 3 or more is required, the rest nice to have."""
    if occupation_id is None:
        return []
    return [
        CompetencyRequirement(item.competency_id, item.level, item.level >= REQUIRED_LEVEL)
        for item in framework.occupation(occupation_id).competencies
    ]


async def create_posting(
    session: AsyncSession, actor: Actor, kind: PostingKind, fields: PostingFields, *, today: date
) -> Posting:
    """A new draft; without competencies, the occupation's typical ones are proposed."""
    partner = await _writer_partner(session, actor)
    provided = fields.provided()
    state: dict[str, object] = {key: None for key in COLUMNS}
    state.update(remote_policy=RemotePolicy.NONE, featured=False, description="")
    return await _save(session, actor, partner, None, kind, provided, state, today=today)


async def update_posting(
    session: AsyncSession,
    actor: Actor,
    posting_id: uuid.UUID,
    kind: PostingKind,
    fields: PostingFields,
    *,
    today: date,
) -> Posting:
    partner = await _writer_partner(session, actor)
    posting = await visible_posting(session, actor, posting_id)
    if posting.kind is not kind:
        raise NotFound(POSTING_NOT_FOUND)
    if posting.status not in EDITABLE:
        raise ValidationFailed.single(
            None, f"Une offre {STATUS_LABELS[posting.status]} ne se modifie plus.", ErrorCode.POSTING_CLOSED
        )
    state = {key: getattr(posting, key) for key in COLUMNS}
    return await _save(session, actor, partner, posting, kind, fields.provided(), state, today=today)


async def _save(
    session: AsyncSession,
    actor: Actor,
    partner: Partner,
    posting: Posting | None,
    kind: PostingKind,
    provided: dict[str, object],
    state: dict[str, object],
    *,
    today: date,
) -> Posting:
    """Check the posting as it would be after the change, then apply, normalise, audit, notify."""
    issues = IssueCollector()
    values = clean_values(provided, issues)
    state.update(values)
    apply_commune(values, state, issues)
    framework = await live_framework(session)
    competencies = provided.get("competencies")
    clean_skills = (
        clean_competencies(competencies, framework, issues) if isinstance(competencies, list) else None
    )
    languages = provided.get("languages")
    clean_langs = clean_languages(languages, issues) if isinstance(languages, list) else None
    _check_occupation(values.get("occupation_override"), framework, issues)
    if posting is None and "title" not in provided:
        issues.add("title", "L'intitulé est obligatoire.", ErrorCode.REQUIRED)
    if state.get("remote_policy") is None:
        issues.add("remotePolicy", "La politique de télétravail est obligatoire.", ErrorCode.REQUIRED)
    state["featured"] = state.get("featured") is True
    if kind is PostingKind.NEED and state.get("need_kind") is None:
        issues.add("needKind", "Le type de besoin est obligatoire.", ErrorCode.REQUIRED)
    if kind is PostingKind.ROLE:
        check_role(state, issues)
    check_common(state, issues)
    if posting is not None and posting.status is PostingStatus.OPEN:
        check_live_dates(state, today, issues)
    await _check_featured(session, partner, values.get("featured"), issues)
    title, description = values.get("title"), values.get("description")
    issues.issues.extend(
        check_posting_wording(
            title if isinstance(title, str) else None,
            description if isinstance(description, str) else None,
            job_title=kind is PostingKind.ROLE,
        )
    )
    issues.raise_if_any()

    creating = posting is None
    if posting is None:
        posting = Posting(
            id=uuid.uuid4(),
            partner_id=partner.id,
            kind=kind,
            status=PostingStatus.DRAFT,
            created_by=actor.user_id,
        )
        session.add(posting)
        before: dict[str, object] = {}
    else:
        before = _snapshot(posting)
    for key in COLUMNS:
        if creating or key in values:
            setattr(posting, key, state[key])
    if creating or "title" in values or "occupation_override" in values:
        await _apply_normalisation(session, posting, framework)
    if creating and not clean_skills:
        clean_skills = typical_competencies(framework, posting.occupation_id)
    await session.flush()
    changes = diff(before, _snapshot(posting))
    if clean_skills is not None:
        await repository.replace_competencies(session, posting.id, clean_skills)
        changes["competencies"] = [vars(item) for item in clean_skills]
    if clean_langs is not None:
        await repository.replace_languages(session, posting.id, clean_langs)
        changes["languages"] = [vars(item) for item in clean_langs]
    if changes:
        action = "posting.create" if creating else "posting.update"
        record(session, actor, action, entity_type="posting", entity_id=posting.id, changes=changes)
        if posting.status is PostingStatus.OPEN:
            await match_requests.posting_changed(session, posting.id)
    return posting


async def move(
    session: AsyncSession, actor: Actor, posting_id: uuid.UUID, action: Move, *, today: date
) -> Posting:
    """Move along the lifecycle; any other move is refused and changes nothing."""
    if actor.is_staff and not action.staff_allowed:
        raise Forbidden("Action réservée à l'entreprise qui a publié l'offre.")
    if not (actor.is_staff or actor.is_partner_user):
        raise Forbidden()
    posting = await visible_posting(session, actor, posting_id)
    need_filled = action is FILL and posting.kind is PostingKind.NEED
    if need_filled or posting.status not in action.sources:
        what = (
            "Un besoin d'appui ne se pourvoit pas : clôturez-le."
            if need_filled
            else f"Passage de « {STATUS_LABELS[posting.status]} » à "
            f"« {STATUS_LABELS[action.target]} » impossible."
        )
        raise ValidationFailed.single("status", what, ErrorCode.FORBIDDEN_TRANSITION)
    if action.needs_active_partner:
        partner = await _writer_partner(session, actor)
        issues = IssueCollector()
        check_live_dates({"expiry_date": posting.expiry_date}, today, issues)
        await _check_featured(session, partner, posting.featured, issues)
        issues.raise_if_any()
        await _check_quota(session, partner)
    previous = posting.status
    posting.status = action.target
    now = utcnow()
    if action is PUBLISH:
        posting.published_at = now
    if action.target in (PostingStatus.FILLED, PostingStatus.CLOSED):
        posting.closed_at = now
    record(
        session,
        actor,
        f"posting.{action.name}",
        entity_type="posting",
        entity_id=posting.id,
        changes={"status": {"from": previous.value, "to": action.target.value}},
    )
    await match_requests.posting_changed(session, posting.id)
    return posting


async def expire(session: AsyncSession, actor: Actor, posting: Posting) -> None:
    """Close a posting whose expiry date has passed (daily job)."""
    previous = posting.status
    posting.status = PostingStatus.CLOSED
    posting.closed_at = utcnow()
    record(
        session,
        actor,
        "posting.expire",
        entity_type="posting",
        entity_id=posting.id,
        changes={
            "status": {"from": previous.value, "to": PostingStatus.CLOSED.value},
            "expiry_date": posting.expiry_date,
        },
    )
    await match_requests.posting_changed(session, posting.id)


async def list_postings(
    session: AsyncSession,
    actor: Actor,
    page: PageRequest,
    *,
    statuses: list[PostingStatus] | None = None,
    kinds: list[PostingKind] | None = None,
    need_kinds: list[NeedKind] | None = None,
    occupation_ids: list[str] | None = None,
    partner_id: uuid.UUID | None = None,
    search: str | None = None,
) -> Page[Posting]:
    """Staff list every posting (optionally one partner's); a partner user its company's."""
    if actor.is_staff:
        scope = partner_id
    elif actor.is_partner_user and actor.partner_id is not None:
        if partner_id is not None and partner_id != actor.partner_id:
            raise Forbidden("Le filtre par entreprise est réservé à l'équipe de la fédération.")
        scope = actor.partner_id
    else:
        raise Forbidden()
    query = repository.postings_query(
        partner_id=scope,
        statuses=statuses,
        kinds=kinds,
        need_kinds=need_kinds,
        occupation_ids=occupation_ids,
        search=search,
    )
    return await paginate(
        session,
        query,
        sort=POSTING_SORT,
        page=page,
        key_of=lambda posting: (posting.created_at.isoformat(), posting.id),
    )
