"""Partner companies: creation, edits, lifecycle, timeline, tiers; who may see which partner."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy.ext.asyncio import AsyncSession

from server.actor import Actor
from server.audit.service import diff, record
from server.db import utcnow
from server.jobs import match_requests
from server.kit.errors import ErrorCode, Forbidden, IssueCollector, NotFound, ValidationFailed
from server.kit.fields import camel
from server.kit.pagination import Page, PageRequest, SortField, SortKey, paginate
from server.kit.validation import bounded_text
from server.models.partners import (
    Partner,
    PartnerEvent,
    PartnerEventKind,
    PartnershipTier,
    PartnerStatus,
)
from server.partners import repository
from server.partners.validation import PartnerFields, clean_partner_fields

ALLOWED_TRANSITIONS: dict[PartnerStatus, frozenset[PartnerStatus]] = {
    PartnerStatus.PROSPECT: frozenset({PartnerStatus.ACTIVE, PartnerStatus.ENDED}),
    PartnerStatus.ACTIVE: frozenset({PartnerStatus.SUSPENDED, PartnerStatus.ENDED}),
    PartnerStatus.SUSPENDED: frozenset({PartnerStatus.ACTIVE, PartnerStatus.ENDED}),
    PartnerStatus.ENDED: frozenset(),
}
STATUS_LABELS = {
    PartnerStatus.PROSPECT: "prospect",
    PartnerStatus.ACTIVE: "actif",
    PartnerStatus.SUSPENDED: "suspendu",
    PartnerStatus.ENDED: "terminé",
}
PARTNER_SORT = SortKey(fields=(SortField(Partner.name, str), SortField(Partner.id, uuid.UUID)))
TIMELINE_SORT = SortKey(
    fields=(
        SortField(PartnerEvent.occurred_on, date.fromisoformat, descending=True),
        SortField(PartnerEvent.id, uuid.UUID, descending=True),
    )
)
PARTNER_NOT_FOUND = "L'entreprise partenaire"


def _require_staff(actor: Actor) -> None:
    if not actor.is_staff:
        raise Forbidden("Action réservée à l'équipe de la fédération.")


def _snapshot(partner: Partner) -> dict[str, object]:
    return {
        column.key: getattr(partner, column.key)
        for column in Partner.__table__.columns
        if column.key not in ("created_at", "updated_at")
    }


async def visible_partner(session: AsyncSession, actor: Actor, partner_id: uuid.UUID) -> Partner:
    """Staff see every partner; a partner user only its own (others are "not found")."""
    partner = await repository.get_partner(session, partner_id)
    if partner is None or not (actor.is_staff or actor.partner_id == partner.id):
        raise NotFound(PARTNER_NOT_FOUND)
    return partner


async def _check_tier(session: AsyncSession, code: object, issues: IssueCollector) -> None:
    if isinstance(code, str) and await repository.get_tier(session, code) is None:
        tiers = ", ".join(tier.code for tier in await repository.list_tiers(session))
        issues.add(
            "tierCode",
            f"Niveau de partenariat inconnu : « {code} » (connus : {tiers}).",
            ErrorCode.UNKNOWN_TIER,
        )


def _check_dates(start: object, renewal: object, issues: IssueCollector) -> None:
    if isinstance(start, date) and isinstance(renewal, date) and renewal < start:
        issues.add(
            "renewalDate",
            "La date de renouvellement doit suivre la date de début.",
            ErrorCode.DATES_INCOHERENT,
        )


async def _check_siren_free(
    session: AsyncSession, siren: object, issues: IssueCollector, own_id: uuid.UUID | None
) -> None:
    if isinstance(siren, str) and not any(issue.field == "siren" for issue in issues.issues):
        existing = await repository.get_partner_by_siren(session, siren)
        if existing is not None and existing.id != own_id:
            issues.add("siren", "Une entreprise partenaire existe déjà avec ce SIREN.", ErrorCode.SIREN_TAKEN)


def _check_siret_matches(values: dict[str, object], siren: object, issues: IssueCollector) -> None:
    siret = values.get("siret")
    if any(issue.field in ("siren", "siret") for issue in issues.issues):
        return
    if isinstance(siret, str) and isinstance(siren, str) and not siret.startswith(siren):
        issues.add("siret", "Le SIRET doit commencer par le SIREN de l'entreprise.", ErrorCode.SIRET_MISMATCH)


async def create_partner(session: AsyncSession, actor: Actor, fields: PartnerFields) -> Partner:
    _require_staff(actor)
    issues = IssueCollector()
    values = clean_partner_fields(fields, issues)
    for required, label in (
        ("name", "La raison sociale"),
        ("siren", "Le SIREN"),
        ("tier_code", "Le niveau de partenariat"),
    ):
        if values.get(required) in (None, ""):
            issues.add(camel(required), f"{label} est obligatoire.", ErrorCode.REQUIRED)
    await _check_tier(session, values.get("tier_code"), issues)
    _check_dates(values.get("start_date"), values.get("renewal_date"), issues)
    _check_siret_matches(values, values.get("siren"), issues)
    await _check_siren_free(session, values.get("siren"), issues, None)
    issues.raise_if_any()
    partner = Partner(**{"notes": "", **values, "status": PartnerStatus.PROSPECT})
    session.add(partner)
    await session.flush()
    record(
        session,
        actor,
        "partner.create",
        entity_type="partner",
        entity_id=partner.id,
        changes=_snapshot(partner),
    )
    return partner


async def update_partner(
    session: AsyncSession, actor: Actor, partner_id: uuid.UUID, fields: PartnerFields
) -> Partner:
    _require_staff(actor)
    partner = await visible_partner(session, actor, partner_id)
    issues = IssueCollector()
    values = clean_partner_fields(fields, issues)
    for required in ("name", "siren", "tier_code"):
        if required in values and values[required] in (None, ""):
            issues.add(camel(required), "Ce champ ne peut pas être vidé.", ErrorCode.REQUIRED)
    await _check_tier(session, values.get("tier_code"), issues)
    _check_dates(
        values.get("start_date", partner.start_date), values.get("renewal_date", partner.renewal_date), issues
    )
    _check_siret_matches(values, values.get("siren", partner.siren), issues)
    await _check_siren_free(session, values.get("siren"), issues, partner.id)
    issues.raise_if_any()
    before = _snapshot(partner)
    for key, value in values.items():
        setattr(partner, key, value)
    changes = diff(before, _snapshot(partner))
    if changes:
        record(session, actor, "partner.update", entity_type="partner", entity_id=partner.id, changes=changes)
    return partner


async def change_status(
    session: AsyncSession,
    actor: Actor,
    partner_id: uuid.UUID,
    target: PartnerStatus,
    *,
    reason: str | None,
    today: date,
) -> Partner:
    """Move along the lifecycle; any other move is refused and changes nothing."""
    _require_staff(actor)
    partner = await visible_partner(session, actor, partner_id)
    if target not in ALLOWED_TRANSITIONS[partner.status]:
        allowed = ", ".join(STATUS_LABELS[status] for status in sorted(ALLOWED_TRANSITIONS[partner.status]))
        raise ValidationFailed.single(
            "status",
            f"Passage de « {STATUS_LABELS[partner.status]} » à « {STATUS_LABELS[target]} » impossible"
            + (f" (possibles : {allowed})." if allowed else " : le partenariat est terminé."),
            ErrorCode.FORBIDDEN_TRANSITION,
        )
    issues = IssueCollector()
    note = bounded_text(reason, issues, field="reason", label="Motif", max_length=500)
    issues.raise_if_any()
    previous = partner.status
    partner.status = target
    if target is PartnerStatus.ACTIVE and partner.start_date is None:
        partner.start_date = today
    summary = f"Statut : {STATUS_LABELS[previous]} → {STATUS_LABELS[target]}"
    session.add(
        PartnerEvent(
            partner_id=partner.id,
            kind=PartnerEventKind.STATUS_CHANGE,
            occurred_on=today,
            summary=f"{summary}. {note}" if note else summary,
            author_id=actor.user_id,
        )
    )
    postings = await _postings_follow_status(session, partner.id, target)
    record(
        session,
        actor,
        "partner.status",
        entity_type="partner",
        entity_id=partner.id,
        changes={
            "status": {"from": previous.value, "to": target.value},
            "reason": note,
            "postings": [str(posting_id) for posting_id in postings],
        },
    )
    return partner


async def _postings_follow_status(
    session: AsyncSession, partner_id: uuid.UUID, target: PartnerStatus
) -> list[uuid.UUID]:
    """Suspended: open postings pause (members stop seeing them, answers are refused); reactivated:
    those reopen; ended: every live posting closes. Matching then drops or restores their matches."""
    if target is PartnerStatus.SUSPENDED:
        changed = await repository.pause_open_postings(session, partner_id)
    elif target is PartnerStatus.ACTIVE:
        changed = await repository.reopen_suspended_postings(session, partner_id)
    elif target is PartnerStatus.ENDED:
        changed = await repository.close_live_postings(session, partner_id, utcnow())
    else:
        changed = []
    for posting_id in changed:
        await match_requests.posting_changed(session, posting_id)
    return changed


async def add_timeline_event(
    session: AsyncSession,
    actor: Actor,
    partner_id: uuid.UUID,
    *,
    kind: PartnerEventKind,
    occurred_on: date,
    summary: str,
    today: date,
) -> PartnerEvent:
    _require_staff(actor)
    partner = await visible_partner(session, actor, partner_id)
    issues = IssueCollector()
    text = bounded_text(summary, issues, field="summary", label="Résumé", min_length=2, max_length=500)
    if kind is PartnerEventKind.STATUS_CHANGE:
        issues.add("kind", "Les changements de statut s'inscrivent d'eux-mêmes.", ErrorCode.NOT_ALLOWED)
    if occurred_on > today:
        issues.add("occurredOn", "La date ne peut pas être dans le futur.", ErrorCode.DATE_IN_FUTURE)
    issues.raise_if_any()
    event = PartnerEvent(
        partner_id=partner.id, kind=kind, occurred_on=occurred_on, summary=text or "", author_id=actor.user_id
    )
    session.add(event)
    await session.flush()
    record(
        session,
        actor,
        "partner.timeline",
        entity_type="partner",
        entity_id=partner.id,
        changes={"kind": kind.value, "occurred_on": occurred_on, "summary": text},
    )
    return event


async def list_partners(
    session: AsyncSession,
    actor: Actor,
    page: PageRequest,
    *,
    statuses: list[PartnerStatus] | None = None,
    tier_codes: list[str] | None = None,
    departements: list[str] | None = None,
    search: str | None = None,
) -> Page[Partner]:
    """Staff list every partner; a partner user gets a list holding only its company."""
    only_id = None if actor.is_staff else actor.partner_id
    if not actor.is_staff and only_id is None:
        raise Forbidden()
    query = repository.partners_query(
        statuses=statuses, tier_codes=tier_codes, departements=departements, search=search, only_id=only_id
    )
    return await paginate(
        session, query, sort=PARTNER_SORT, page=page, key_of=lambda partner: (partner.name, partner.id)
    )


async def timeline(
    session: AsyncSession, actor: Actor, partner_id: uuid.UUID, page: PageRequest
) -> Page[PartnerEvent]:
    await visible_partner(session, actor, partner_id)
    return await paginate(
        session,
        repository.timeline_query(partner_id),
        sort=TIMELINE_SORT,
        page=page,
        key_of=lambda event: (event.occurred_on.isoformat(), event.id),
    )


async def upsert_tier(
    session: AsyncSession,
    actor: Actor,
    *,
    code: str,
    label: str,
    rank: int,
    max_open_postings: int | None,
    can_feature_postings: bool,
) -> PartnershipTier:
    """The federation configures its tiers and their perks (quota of open postings, featuring)."""
    _require_staff(actor)
    issues = IssueCollector()
    clean_code = code.strip().lower()
    if not clean_code.replace("_", "").isalnum() or not 2 <= len(clean_code) <= 32:
        issues.add("code", "Code de niveau : 2 à 32 lettres, chiffres ou _.", ErrorCode.INVALID_CODE)
    clean_label = bounded_text(label, issues, field="label", label="Libellé", min_length=2, max_length=80)
    if max_open_postings is not None and max_open_postings < 0:
        issues.add(
            "maxOpenPostings", "Le quota d'offres ouvertes ne peut pas être négatif.", ErrorCode.INVALID_QUOTA
        )
    issues.raise_if_any()
    tier = await repository.get_tier(session, clean_code)
    before = (
        {}
        if tier is None
        else {
            "label": tier.label,
            "rank": tier.rank,
            "max_open_postings": tier.max_open_postings,
            "can_feature_postings": tier.can_feature_postings,
        }
    )
    if tier is None:
        tier = PartnershipTier(code=clean_code)
        session.add(tier)
    tier.label = clean_label or clean_code
    tier.rank = rank
    tier.max_open_postings = max_open_postings
    tier.can_feature_postings = can_feature_postings
    after = {
        "label": tier.label,
        "rank": rank,
        "max_open_postings": max_open_postings,
        "can_feature_postings": can_feature_postings,
    }
    record(
        session, actor, "tier.upsert", entity_type="tier", entity_id=clean_code, changes=diff(before, after)
    )
    return tier
