"""Partner companies, partnership tiers and the dated timeline of interactions."""

from __future__ import annotations

import enum
import uuid
from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Integer,
    String,
    Text,
    Uuid,
)
from sqlalchemy.orm import Mapped, mapped_column

from server.db import Base, utcnow
from server.kit.search_index import trigram_index
from server.kit.types import UTCDateTime
from server.models.base import str_enum, timestamp_column, uuid_pk


class PartnerStatus(enum.StrEnum):
    PROSPECT = "prospect"
    ACTIVE = "active"
    SUSPENDED = "suspended"
    ENDED = "ended"


class PartnerSizeBand(enum.StrEnum):
    """INSEE size categories: micro (< 10), PME (< 250), ETI (< 5 000), grande entreprise."""

    MICRO = "micro"
    PME = "pme"
    ETI = "eti"
    GRANDE = "grande"


class PartnerEventKind(enum.StrEnum):
    CALL = "call"
    MEETING = "meeting"
    CONVENTION_SIGNED = "convention_signed"
    EVENT = "event"
    NOTE = "note"
    STATUS_CHANGE = "status_change"


class PartnershipTier(Base):
    """A partnership level and the perks it carries; the federation edits the list."""

    __tablename__ = "partnership_tiers"
    __table_args__ = (
        CheckConstraint("max_open_postings IS NULL OR max_open_postings >= 0", name="quota_positive"),
    )

    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    label: Mapped[str] = mapped_column(String(80), nullable=False)
    rank: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    max_open_postings: Mapped[int | None] = mapped_column(Integer)
    can_feature_postings: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)


class Partner(Base):
    __tablename__ = "partners"
    __table_args__ = (
        CheckConstraint("length(siren) = 9", name="siren_length"),
        CheckConstraint("siret IS NULL OR substr(siret, 1, 9) = siren", name="siret_extends_siren"),
        CheckConstraint(
            "renewal_date IS NULL OR start_date IS NULL OR renewal_date >= start_date",
            name="renewal_after_start",
        ),
    )

    id: Mapped[uuid.UUID] = uuid_pk()
    name: Mapped[str] = mapped_column(String(160), nullable=False)
    siren: Mapped[str] = mapped_column(String(9), unique=True, nullable=False)
    siret: Mapped[str | None] = mapped_column(String(14))
    naf_code: Mapped[str | None] = mapped_column(String(6))
    sector: Mapped[str | None] = mapped_column(String(120))
    size_band: Mapped[PartnerSizeBand | None] = mapped_column(
        str_enum(PartnerSizeBand, name="partner_size_band")
    )
    address_line: Mapped[str | None] = mapped_column(String(200))
    postal_code: Mapped[str | None] = mapped_column(String(5))
    commune: Mapped[str | None] = mapped_column(String(120))
    departement: Mapped[str | None] = mapped_column(String(3), index=True)
    website: Mapped[str | None] = mapped_column(String(200))
    tier_code: Mapped[str] = mapped_column(
        String(32), ForeignKey("partnership_tiers.code", ondelete="RESTRICT"), nullable=False
    )
    status: Mapped[PartnerStatus] = mapped_column(
        str_enum(PartnerStatus, name="partner_status"), nullable=False, index=True
    )
    start_date: Mapped[date | None] = mapped_column(Date)
    renewal_date: Mapped[date | None] = mapped_column(Date, index=True)
    notes: Mapped[str] = mapped_column(Text, nullable=False, default="")
    created_at: Mapped[datetime] = timestamp_column()
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, default=utcnow, onupdate=utcnow)


class PartnerEvent(Base):
    """One dated line of a partner's timeline (call, meeting, convention signed, status change…)."""

    __tablename__ = "partner_events"

    id: Mapped[uuid.UUID] = uuid_pk()
    partner_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("partners.id", ondelete="CASCADE"), nullable=False, index=True
    )
    kind: Mapped[PartnerEventKind] = mapped_column(
        str_enum(PartnerEventKind, name="partner_event_kind"), nullable=False
    )
    occurred_on: Mapped[date] = mapped_column(Date, nullable=False)
    summary: Mapped[str] = mapped_column(String(500), nullable=False)
    author_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = timestamp_column()


# staff text search (see server.kit.search_index)
trigram_index("ix_partners_name_trgm", Partner.name)
