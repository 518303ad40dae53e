"""The matching domain's part of a member's data export and erasure."""

from __future__ import annotations

import uuid

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from server.db import utcnow
from server.models.accounts import User
from server.models.matching import Match, MatchFeedback, MatchState
from server.models.postings import Posting


async def export_matches(session: AsyncSession, user: User) -> object:
    """Every match the platform computed for the member, with its trace (the figures) and their answer."""
    rows = await session.execute(
        select(Match, Posting.title)
        .join(Posting, Posting.id == Match.posting_id)
        .where(Match.member_user_id == user.id)
        .order_by(Match.created_at)
    )
    return [
        {
            "posting_id": match.posting_id,
            "posting_title": title,
            "score": match.score,
            "state": match.state.value,
            "response": None if match.response is None else match.response.value,
            "response_message": match.response_message,
            "responded_at": match.responded_at,
            "engine_version": match.engine_version,
            "weights": match.weights,
            "trace": match.trace,
            "created_at": match.created_at,
        }
        for match, title in rows.all()
    ]


async def erase_matches(session: AsyncSession, user_id: uuid.UUID) -> None:
    """Matches stay as anonymous counts for postings' statistics; the member's own words go."""
    await session.execute(
        update(Match)
        .where(Match.member_user_id == user_id)
        .values(response_message=None, state=MatchState.EXPIRED, updated_at=utcnow())
    )
    await erase_feedback_about(session, user_id)


async def erase_feedback_about(session: AsyncSession, user_id: uuid.UUID) -> None:
    """Partners' free-text comments on this member's matches are about the member: they go too."""
    matches = select(Match.id).where(Match.member_user_id == user_id).scalar_subquery()
    await session.execute(
        update(MatchFeedback).where(MatchFeedback.match_id.in_(matches)).values(comment=None)
    )


async def own_messages(session: AsyncSession, user_id: uuid.UUID) -> list[str]:
    """The member's own answers to partners (where they may have left a phone number)."""
    rows = await session.scalars(
        select(Match.response_message).where(
            Match.member_user_id == user_id, Match.response_message.is_not(None)
        )
    )
    return [text for text in rows.all() if text]
