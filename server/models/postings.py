"""Postings of partner companies: roles (offres) and strategic-support needs, in one table.

Both kinds share the lifecycle, place, remote policy, competencies and languages; the columns that
belong to one kind only are guarded by CHECK constraints so a need can never carry a salary and a
role never a team size.
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
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    Uuid,
    false,
)
from sqlalchemy.orm import Mapped, mapped_column

from server.db import Base, utcnow
from server.kit.search_index import trigram_index
from server.kit.types import UTCDateTime, json_column_type
from server.models.base import str_enum, timestamp_column, uuid_pk


class PostingKind(enum.StrEnum):
    ROLE = "role"
    NEED = "need"


class NeedKind(enum.StrEnum):
    STRATEGIC_SUPPORT = "strategic_support"
    UPSKILLING = "upskilling"
    MISSION = "mission"
    MENTORING = "mentoring"


class PostingStatus(enum.StrEnum):
    DRAFT = "draft"
    OPEN = "open"
    PAUSED = "paused"
    FILLED = "filled"
    CLOSED = "closed"


class ContractType(enum.StrEnum):
    CDI = "cdi"
    CDD = "cdd"
    INTERIM = "interim"
    ALTERNANCE = "alternance"
    STAGE = "stage"
    FREELANCE = "freelance"


class WorkingTime(enum.StrEnum):
    FULL_TIME = "full_time"
    PART_TIME = "part_time"


class RemotePolicy(enum.StrEnum):
    NONE = "none"
    PARTIAL = "partial"
    FULL = "full"


class NormalisationStatus(enum.StrEnum):
    """The normaliser's verdict on the title (see matching.normaliser.TitleMatch.status)."""

    MATCHED = "matched"
    AMBIGUOUS = "ambiguous"
    OUT_OF_FRAMEWORK = "out_of_framework"
    UNKNOWN = "unknown"
    INVALID = "invalid"
    NOT_APPLICABLE = "not_applicable"


class CefrLevel(enum.StrEnum):
    A1 = "A1"
    A2 = "A2"
    B1 = "B1"
    B2 = "B2"
    C1 = "C1"
    C2 = "C2"


ROLE_ONLY_NULL = (
    "contract_type IS NULL AND contract_months IS NULL AND working_time IS NULL"
    " AND weekly_hours IS NULL AND salary_min IS NULL AND salary_max IS NULL"
    " AND min_experience_years IS NULL"
)
NEED_ONLY_NULL = "need_kind IS NULL AND team_size IS NULL AND duration_days IS NULL AND budget IS NULL"


class Posting(Base):
    __tablename__ = "postings"
    __table_args__ = (
        CheckConstraint(f"kind = 'role' OR ({ROLE_ONLY_NULL})", name="role_only_columns"),
        CheckConstraint(f"kind = 'need' OR ({NEED_ONLY_NULL})", name="need_only_columns"),
        CheckConstraint("(kind = 'need') = (need_kind IS NOT NULL)", name="need_has_kind"),
        CheckConstraint("(kind = 'role') = (contract_type IS NOT NULL)", name="role_has_contract"),
        CheckConstraint(
            "contract_type IS NULL OR contract_type <> 'cdd'"
            " OR (contract_months IS NOT NULL AND contract_months BETWEEN 1 AND 36)",
            name="cdd_has_duration",
        ),
        CheckConstraint(
            "salary_min IS NULL OR salary_max IS NULL OR salary_min <= salary_max",
            name="salary_range_ordered",
        ),
        CheckConstraint(
            "(salary_min IS NULL OR salary_min >= 0) AND (salary_max IS NULL OR salary_max >= 0)"
            " AND (daily_rate IS NULL OR daily_rate > 0) AND (budget IS NULL OR budget >= 0)",
            name="money_positive",
        ),
        CheckConstraint(
            "contract_type IS NULL OR contract_type <> 'freelance'"
            " OR (salary_min IS NULL AND salary_max IS NULL)",
            name="freelance_uses_daily_rate",
        ),
        CheckConstraint(
            "(remote_policy = 'partial') = (remote_days IS NOT NULL)"
            " AND (remote_days IS NULL OR remote_days BETWEEN 1 AND 4)",
            name="remote_days_when_partial",
        ),
        CheckConstraint(
            "remote_policy = 'full' OR departement IS NOT NULL", name="located_unless_full_remote"
        ),
        CheckConstraint(
            "start_date IS NULL OR expiry_date IS NULL OR start_date <= expiry_date",
            name="dates_ordered",
        ),
        CheckConstraint("status = 'draft' OR published_at IS NOT NULL", name="published_when_live"),
        CheckConstraint(
            "normalisation_confidence IS NULL"
            " OR (normalisation_confidence >= 0 AND normalisation_confidence <= 1)",
            name="confidence_range",
        ),
        Index("ix_postings_partner_status", "partner_id", "status"),
        Index("ix_postings_status_expiry", "status", "expiry_date"),
    )

    id: Mapped[uuid.UUID] = uuid_pk()
    partner_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("partners.id", ondelete="CASCADE"), nullable=False
    )
    kind: Mapped[PostingKind] = mapped_column(str_enum(PostingKind, name="posting_kind"), nullable=False)
    need_kind: Mapped[NeedKind | None] = mapped_column(str_enum(NeedKind, name="need_kind"))
    status: Mapped[PostingStatus] = mapped_column(
        str_enum(PostingStatus, name="posting_status"), nullable=False, index=True
    )
    title: Mapped[str] = mapped_column(String(150), nullable=False)
    description: Mapped[str] = mapped_column(Text, nullable=False, default="")
    # normalisation of the title, stored on save; occupation_id is the effective one (override first)
    occupation_id: Mapped[str | None] = mapped_column(String(64), index=True)
    rome_code: Mapped[str | None] = mapped_column(String(5))
    normalisation_status: Mapped[NormalisationStatus] = mapped_column(
        str_enum(NormalisationStatus, name="normalisation_status"), nullable=False
    )
    normalisation_confidence: Mapped[float | None] = mapped_column(Float)
    title_attributes: Mapped[dict[str, Any]] = mapped_column(json_column_type(), nullable=False)
    occupation_override: Mapped[str | None] = mapped_column(String(64))
    # role only
    contract_type: Mapped[ContractType | None] = mapped_column(str_enum(ContractType, name="contract_type"))
    contract_months: Mapped[int | None] = mapped_column(Integer)
    working_time: Mapped[WorkingTime | None] = mapped_column(str_enum(WorkingTime, name="working_time"))
    weekly_hours: Mapped[int | None] = mapped_column(Integer)
    salary_min: Mapped[int | None] = mapped_column(Integer)
    salary_max: Mapped[int | None] = mapped_column(Integer)
    min_experience_years: Mapped[int | None] = mapped_column(Integer)
    # need only
    team_size: Mapped[int | None] = mapped_column(Integer)
    duration_days: Mapped[int | None] = mapped_column(Integer)
    budget: Mapped[int | None] = mapped_column(Integer)
    # both
    daily_rate: Mapped[int | None] = mapped_column(Integer)
    postal_code: Mapped[str | None] = mapped_column(String(5))
    commune: Mapped[str | None] = mapped_column(String(120))
    # INSEE code of the commune, resolved from postal code and town; null: place known to the département
    commune_code: Mapped[str | None] = mapped_column(String(5))
    departement: Mapped[str | None] = mapped_column(String(3), index=True)
    remote_policy: Mapped[RemotePolicy] = mapped_column(
        str_enum(RemotePolicy, name="remote_policy"), nullable=False
    )
    remote_days: Mapped[int | None] = mapped_column(Integer)
    start_date: Mapped[date | None] = mapped_column(Date)
    expiry_date: Mapped[date | None] = mapped_column(Date)
    featured: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # open when its company was suspended: reopened when the company is reactivated
    paused_by_suspension: Mapped[bool] = mapped_column(
        Boolean, nullable=False, default=False, server_default=false()
    )
    created_by: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = timestamp_column()
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, default=utcnow, onupdate=utcnow)


class PostingCompetency(Base):
    """A competency a posting asks for, with the level expected and whether it is required."""

    __tablename__ = "posting_competencies"
    __table_args__ = (CheckConstraint("level BETWEEN 1 AND 4", name="level_range"),)

    posting_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("postings.id", ondelete="CASCADE"), primary_key=True
    )
    competency_id: Mapped[str] = mapped_column(String(64), primary_key=True, index=True)
    level: Mapped[int] = mapped_column(Integer, nullable=False)
    required: Mapped[bool] = mapped_column(Boolean, nullable=False)
    # a required competency the recruiter will not compromise on: a member below the level is not proposed
    must_have: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False, server_default=false())


class PostingLanguage(Base):
    """A language a posting asks for (ISO 639-1 code) at a CEFR level."""

    __tablename__ = "posting_languages"
    __table_args__ = (CheckConstraint("length(code) = 2", name="iso_639_1"),)

    posting_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("postings.id", ondelete="CASCADE"), primary_key=True
    )
    code: Mapped[str] = mapped_column(String(2), primary_key=True)
    level: Mapped[CefrLevel] = mapped_column(str_enum(CefrLevel, name="cefr_level"), nullable=False)


# staff text search (see server.kit.search_index)
trigram_index("ix_postings_title_trgm", Posting.title)
trigram_index("ix_postings_description_trgm", Posting.description)
