"""Partnership and federation reports, stored in the database with their rendered files.

The API and the workers may run on different machines: the database is the one place both reach, so a
report's status, progress, figures and files (CSV archive, HTML, PDF) all live here.
"""

from __future__ import annotations

import enum
import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    Uuid,
)
from sqlalchemy.orm import Mapped, mapped_column

from server.db import Base, utcnow
from server.kit.types import UTCDateTime, json_column_type
from server.models.base import str_enum, timestamp_column, uuid_pk


class ReportKind(enum.StrEnum):
    PARTNER = "partner"
    FEDERATION = "federation"


class ReportStatus(enum.StrEnum):
    PENDING = "pending"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"


class ReportFormat(enum.StrEnum):
    CSV_ZIP = "csv_zip"  # a ZIP archive holding one CSV file per table
    HTML = "html"
    PDF = "pdf"


FEDERATION_SUBJECT = "federation"


class Report(Base):
    """One report for (kind, subject, period, data version): asking again returns the same row."""

    __tablename__ = "reports"
    __table_args__ = (
        UniqueConstraint("kind", "subject_key", "period_key", "data_version", name="uq_reports_identity"),
        CheckConstraint("(kind = 'partner') = (partner_id IS NOT NULL)", name="partner_subject"),
        CheckConstraint("progress BETWEEN 0 AND 100", name="progress_range"),
        CheckConstraint("period_end >= period_start", name="period_ordered"),
        CheckConstraint("status <> 'done' OR data IS NOT NULL", name="done_has_data"),
        Index("ix_reports_partner_created", "partner_id", "created_at"),
    )

    id: Mapped[uuid.UUID] = uuid_pk()
    kind: Mapped[ReportKind] = mapped_column(str_enum(ReportKind, name="report_kind"), nullable=False)
    partner_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("partners.id", ondelete="CASCADE"))
    # the partner id as text, or "federation": one non-null column makes the identity unique everywhere
    subject_key: Mapped[str] = mapped_column(String(40), nullable=False)
    period_key: Mapped[str] = mapped_column(String(32), nullable=False)
    period_start: Mapped[date] = mapped_column(Date, nullable=False)
    period_end: Mapped[date] = mapped_column(Date, nullable=False)  # last day, inclusive
    data_version: Mapped[str] = mapped_column(String(64), nullable=False)
    status: Mapped[ReportStatus] = mapped_column(
        str_enum(ReportStatus, name="report_status"), nullable=False, default=ReportStatus.PENDING
    )
    progress: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    data: Mapped[dict[str, Any] | None] = mapped_column(json_column_type())
    error: Mapped[str | None] = mapped_column(Text)
    attempts: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    scheduled: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    requested_by_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("users.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = timestamp_column()
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, default=utcnow, onupdate=utcnow)


class ReportFile(Base):
    """A rendered file of a report; kept apart so listing reports never loads megabytes."""

    __tablename__ = "report_files"

    report_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("reports.id", ondelete="CASCADE"), primary_key=True
    )
    format: Mapped[ReportFormat] = mapped_column(
        str_enum(ReportFormat, name="report_format"), primary_key=True
    )
    media_type: Mapped[str] = mapped_column(String(80), nullable=False)
    filename: Mapped[str] = mapped_column(String(120), nullable=False)
    content: Mapped[bytes] = mapped_column(LargeBinary, nullable=False)
    created_at: Mapped[datetime] = timestamp_column()
