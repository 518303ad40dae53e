"""The audit trail: who changed or read what, and when (GDPR and partner accountability)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, String, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from server.db import Base
from server.kit.types import json_column_type
from server.models.base import timestamp_column, uuid_pk


class AuditEntry(Base):
    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_log_entity", "entity_type", "entity_id"),)

    id: Mapped[uuid.UUID] = uuid_pk()
    at: Mapped[datetime] = timestamp_column()
    actor_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    actor_label: Mapped[str] = mapped_column(String(254), nullable=False)
    action: Mapped[str] = mapped_column(String(64), nullable=False)
    entity_type: Mapped[str] = mapped_column(String(40), nullable=False)
    entity_id: Mapped[str] = mapped_column(String(64), nullable=False)
    subject_user_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, index=True)
    changes: Mapped[dict[str, Any]] = mapped_column(json_column_type(), nullable=False, default=dict)
