"""Matches between postings and members, members' answers and partners' feedback.

A match is unique per (posting, member): re-matching updates it in place, so a member's answer
survives. The engine version and weights are stored with each score (EU AI Act traceability).
"""

from __future__ import annotations

import enum
import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import (
    CheckConstraint,
    Float,
    ForeignKey,
    Index,
    String,
    UniqueConstraint,
    Uuid,
)
from sqlalchemy.orm import Mapped, mapped_column

from server.db import Base, utcnow
from server.kit.types import UTCDateTime, json_record_type
from server.models.base import str_enum, timestamp_column, uuid_pk


class MatchState(enum.StrEnum):
    ACTIVE = "active"
    EXPIRED = "expired"


class MemberResponse(enum.StrEnum):
    INTERESTED = "interested"
    DECLINED = "declined"


class FeedbackReason(enum.StrEnum):
    RELEVANT = "relevant"
    WRONG_OCCUPATION = "wrong_occupation"
    MISSING_COMPETENCY = "missing_competency"
    LOCATION = "location"
    SALARY = "salary"
    OTHER = "other"


class Match(Base):
    __tablename__ = "matches"
    __table_args__ = (
        UniqueConstraint("posting_id", "member_user_id", name="uq_matches_posting_member"),
        CheckConstraint("score >= 0 AND score <= 100", name="score_range"),
        Index("ix_matches_member_state_score", "member_user_id", "state", "score"),
        Index("ix_matches_posting_state_score", "posting_id", "state", "score"),
        Index("ix_matches_created_at", "created_at"),  # reports read a period's matches
    )

    id: Mapped[uuid.UUID] = uuid_pk()
    posting_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("postings.id", ondelete="CASCADE"), nullable=False
    )
    member_user_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("users.id", ondelete="CASCADE"), nullable=False
    )
    score: Mapped[float] = mapped_column(Float, nullable=False)
    state: Mapped[MatchState] = mapped_column(
        str_enum(MatchState, name="match_state"), nullable=False, default=MatchState.ACTIVE
    )
    # the engine's figures for this pair (serialise.trace_json): traceable, written once per job
    trace: Mapped[dict[str, Any]] = mapped_column(json_record_type(), nullable=False)
    engine_version: Mapped[str] = mapped_column(String(32), nullable=False)
    weights: Mapped[dict[str, Any]] = mapped_column(json_record_type(), nullable=False)
    response: Mapped[MemberResponse | None] = mapped_column(str_enum(MemberResponse, name="member_response"))
    response_message: Mapped[str | None] = mapped_column(String(1000))
    responded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    response_engine_version: Mapped[str | None] = mapped_column(String(32))
    created_at: Mapped[datetime] = timestamp_column()
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, default=utcnow, onupdate=utcnow)


class MatchFeedback(Base):
    """A partner user's verdict on a proposed match, kept with the engine version for tuning."""

    __tablename__ = "match_feedback"
    __table_args__ = (UniqueConstraint("match_id", "author_id", name="uq_match_feedback_author"),)

    id: Mapped[uuid.UUID] = uuid_pk()
    match_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("matches.id", ondelete="CASCADE"), nullable=False, index=True
    )
    author_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("users.id", ondelete="SET NULL"))
    relevant: Mapped[bool] = mapped_column(nullable=False)
    reason: Mapped[FeedbackReason] = mapped_column(
        str_enum(FeedbackReason, name="feedback_reason"), nullable=False
    )
    comment: Mapped[str | None] = mapped_column(String(1000))
    engine_version: Mapped[str] = mapped_column(String(32), nullable=False)
    created_at: Mapped[datetime] = timestamp_column()
