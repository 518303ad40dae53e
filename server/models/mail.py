"""Outgoing e-mail: one row per message, sent by a job, retried with backoff, reported when it fails."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from server.db import Base
from server.kit.types import UTCDateTime, json_column_type
from server.models.base import timestamp_column, uuid_pk


class OutgoingMail(Base):
    """The template and its values until sent; the values (links with secrets) are erased once sent."""

    __tablename__ = "outgoing_mail"

    id: Mapped[uuid.UUID] = uuid_pk()
    to_address: Mapped[str] = mapped_column(String(254), nullable=False)
    template: Mapped[str] = mapped_column(String(64), nullable=False)
    values: Mapped[dict[str, Any]] = mapped_column(json_column_type(), nullable=False)
    attempts: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    created_at: Mapped[datetime] = timestamp_column()
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    failed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_error: Mapped[str | None] = mapped_column(Text)
