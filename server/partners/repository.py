"""All SQL about partner companies, tiers and timelines."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import Select, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from server.kit.validation import contains_pattern
from server.models.partners import Partner, PartnerEvent, PartnershipTier, PartnerStatus
from server.models.postings import Posting, PostingStatus


async def get_partner(session: AsyncSession, partner_id: uuid.UUID) -> Partner | None:
    return await session.get(Partner, partner_id)


async def get_partner_by_siren(session: AsyncSession, siren: str) -> Partner | None:
    return await session.scalar(select(Partner).where(Partner.siren == siren))


async def partners_by_ids(session: AsyncSession, ids: list[uuid.UUID]) -> dict[uuid.UUID, Partner]:
    rows = await session.scalars(select(Partner).where(Partner.id.in_(ids)))
    return {partner.id: partner for partner in rows}


async def get_tier(session: AsyncSession, code: str) -> PartnershipTier | None:
    return await session.get(PartnershipTier, code)


async def list_tiers(session: AsyncSession) -> list[PartnershipTier]:
    rows = await session.scalars(select(PartnershipTier).order_by(PartnershipTier.rank))
    return list(rows.all())


async def tiers_by_codes(session: AsyncSession, codes: list[str]) -> dict[str, PartnershipTier]:
    rows = await session.scalars(select(PartnershipTier).where(PartnershipTier.code.in_(codes)))
    return {tier.code: tier for tier in rows}


def partners_query(
    *,
    statuses: list[PartnerStatus] | None = None,
    tier_codes: list[str] | None = None,
    departements: list[str] | None = None,
    search: str | None = None,
    only_id: uuid.UUID | None = None,
) -> Select[Partner]:
    query = select(Partner)
    if only_id is not None:
        query = query.where(Partner.id == only_id)
    if statuses:
        query = query.where(Partner.status.in_(statuses))
    if tier_codes:
        query = query.where(Partner.tier_code.in_(tier_codes))
    if departements:
        query = query.where(Partner.departement.in_(departements))
    if search:
        query = query.where(func.lower(Partner.name).like(contains_pattern(search), escape="\\"))
    return query


def timeline_query(partner_id: uuid.UUID) -> Select[PartnerEvent]:
    return select(PartnerEvent).where(PartnerEvent.partner_id == partner_id)


async def partners_due_for_renewal(session: AsyncSession, horizon: date) -> list[Partner]:
    rows = await session.scalars(
        select(Partner)
        .where(Partner.status == PartnerStatus.ACTIVE, Partner.renewal_date <= horizon)
        .order_by(Partner.renewal_date, Partner.id)
    )
    return list(rows.all())


async def pause_open_postings(session: AsyncSession, partner_id: uuid.UUID) -> list[uuid.UUID]:
    """Suspension: every open posting is paused, marked so that reactivation reopens exactly those."""
    rows = await session.scalars(
        update(Posting)
        .where(Posting.partner_id == partner_id, Posting.status == PostingStatus.OPEN)
        .values(status=PostingStatus.PAUSED, paused_by_suspension=True)
        .returning(Posting.id)
    )
    return list(rows.all())


async def reopen_suspended_postings(session: AsyncSession, partner_id: uuid.UUID) -> list[uuid.UUID]:
    rows = await session.scalars(
        update(Posting)
        .where(
            Posting.partner_id == partner_id,
            Posting.status == PostingStatus.PAUSED,
            Posting.paused_by_suspension.is_(True),
        )
        .values(status=PostingStatus.OPEN, paused_by_suspension=False)
        .returning(Posting.id)
    )
    return list(rows.all())


async def close_live_postings(session: AsyncSession, partner_id: uuid.UUID, now: datetime) -> list[uuid.UUID]:
    """End of the partnership: open and paused postings are closed."""
    rows = await session.scalars(
        update(Posting)
        .where(
            Posting.partner_id == partner_id,
            Posting.status.in_((PostingStatus.OPEN, PostingStatus.PAUSED)),
        )
        .values(status=PostingStatus.CLOSED, closed_at=now, paused_by_suspension=False)
        .returning(Posting.id)
    )
    return list(rows.all())
