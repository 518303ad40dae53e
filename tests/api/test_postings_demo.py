"""The demo postings: realistic, valid, published, and loaded only once."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from server.db import transaction
from server.demo.partners import load_demo_partners
from server.demo.postings import load_demo_postings
from server.models.partners import PartnerStatus
from server.models.postings import Posting, PostingKind, PostingStatus


async def test_demo_postings_are_published_across_active_partners_once(session_factory: Any) -> None:
    # given the demo partners
    async with transaction(session_factory) as session:
        partners = await load_demo_partners(session, "not-a-real-hash")

    # when the demo postings are loaded twice
    async with transaction(session_factory) as session:
        first = await load_demo_postings(session, partners)
    async with transaction(session_factory) as session:
        second = await load_demo_postings(session, partners)

    # then about 60 roles and 20 needs exist, all open, only at active partners, and only once
    assert second == 0
    async with session_factory() as session:
        rows = list((await session.scalars(select(Posting))).all())
        normalised = await session.scalar(
            select(func.count()).select_from(Posting).where(Posting.occupation_id.is_not(None))
        )
    assert len(rows) == first
    kinds = [row.kind for row in rows]
    assert kinds.count(PostingKind.ROLE) >= 55 and kinds.count(PostingKind.NEED) >= 18
    assert {row.status for row in rows} == {PostingStatus.OPEN}
    active = {p.id for p in partners if p.status is PartnerStatus.ACTIVE}
    assert {row.partner_id for row in rows} == active
    assert normalised is not None and normalised >= 50
