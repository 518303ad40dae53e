"""The transactional outbox: jobs are written with the change that causes them, then relayed."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, Identity, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from server.db import Base
from server.kit.types import UTCDateTime, json_column_type
from server.models.base import timestamp_column


class OutboxEvent(Base):
    __tablename__ = "outbox"
    # AUTOINCREMENT on SQLite: an id is never reused, so a late settle can never hit a newer row
    __table_args__ = (
        Index("ix_outbox_pending", "delivered_at", "available_at"),
        Index("ix_outbox_job_id", "job", "id"),  # the members' revision: latest match_member row
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer(), "sqlite"), Identity(), primary_key=True
    )
    job: Mapped[str] = mapped_column(String(80), nullable=False)
    payload: Mapped[dict[str, Any]] = mapped_column(json_column_type(), nullable=False)
    dedup_key: Mapped[str | None] = mapped_column(String(200), unique=True)
    created_at: Mapped[datetime] = timestamp_column()
    available_at: Mapped[datetime] = timestamp_column()
    lease_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    attempts: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    delivered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_error: Mapped[str | None] = mapped_column(Text)
