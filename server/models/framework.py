"""What the federation adds to the shipped framework: aliases from the review queue, and the queue."""

from __future__ import annotations

import enum
import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import Float, ForeignKey, Integer, String, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from server.db import Base
from server.kit.types import UTCDateTime, json_column_type
from server.models.base import str_enum, timestamp_column, uuid_pk


class FrameworkAlias(Base):
    """A title staff attached to an occupation (or marked as another profession: occupation_id NULL)."""

    __tablename__ = "framework_aliases"

    id: Mapped[uuid.UUID] = uuid_pk()
    alias: Mapped[str] = mapped_column(String(300), unique=True, nullable=False)
    occupation_id: Mapped[str | None] = mapped_column(String(64))
    created_by_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = timestamp_column()


class ReviewState(enum.StrEnum):
    PENDING = "pending"
    ATTACHED = "attached"
    OTHER_PROFESSION = "other_profession"
    DISMISSED = "dismissed"


class ReviewItem(Base):
    """A title the engine was unsure about, grouped by its cleaned form, with how often it was seen."""

    __tablename__ = "review_items"

    id: Mapped[uuid.UUID] = uuid_pk()
    key: Mapped[str] = mapped_column(String(300), unique=True, nullable=False)
    sample_title: Mapped[str] = mapped_column(String(300), nullable=False)
    examples: Mapped[list[Any]] = mapped_column(json_column_type(), nullable=False, default=list)
    seen_count: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    posting_count: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    profile_count: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    last_status: Mapped[str] = mapped_column(String(32), nullable=False)
    last_confidence: Mapped[float] = mapped_column(Float, nullable=False, default=0.0)
    suggested_occupation_id: Mapped[str | None] = mapped_column(String(64))
    state: Mapped[ReviewState] = mapped_column(
        str_enum(ReviewState, name="review_state"),
        nullable=False,
        default=ReviewState.PENDING,
        index=True,
    )
    resolved_occupation_id: Mapped[str | None] = mapped_column(String(64))
    resolved_by_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("users.id", ondelete="SET NULL")
    )
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    first_seen_at: Mapped[datetime] = timestamp_column()
    last_seen_at: Mapped[datetime] = timestamp_column()
