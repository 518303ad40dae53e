"""Assistant profiles (one per member user): experiences, competencies, languages, consent log.

Protected criteria (age, birth date, gender, family situation, health, photo, nationality) have no
column here on purpose: what is not collected can neither leak nor bias a match.
"""

from __future__ import annotations

import enum
import uuid
from datetime import date, datetime

from sqlalchemy import (
    CheckConstraint,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Uuid,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from server.db import Base, utcnow
from server.kit.types import UTCDateTime, json_column_type
from server.models.base import str_enum, timestamp_column, uuid_pk

# Shared with postings: a member's preferences are compared with the postings' own values.
from server.models.postings import CefrLevel, RemotePolicy, WorkingTime


class Visibility(enum.StrEnum):
    """The member's consent: not matched, matched anonymously, or shown to partners."""

    HIDDEN = "hidden"
    ANONYMOUS = "anonymous"
    VISIBLE = "visible"


class ProfessionalStatus(enum.StrEnum):
    SALARIED = "salaried"
    INDEPENDENT = "independent"
    JOB_SEEKING = "job_seeking"


class Certification(enum.StrEnum):
    """The controlled list; anything else goes to the bounded free-text list."""

    SST = "sst"
    EPI = "epi"
    GUIDE_SERRE_FILE = "guide_serre_file"
    FRESQUE_CLIMAT = "fresque_climat"
    TOSA = "tosa"
    PIX = "pix"
    VOLTAIRE = "voltaire"
    TOEIC = "toeic"
    RGPD = "rgpd"


class MemberProfile(Base):
    __tablename__ = "member_profiles"
    __table_args__ = (
        CheckConstraint(
            "years_of_experience IS NULL OR years_of_experience BETWEEN 0 AND 60", name="experience_range"
        ),
        CheckConstraint(
            "mobility_radius_km IS NULL OR mobility_radius_km BETWEEN 0 AND 200", name="radius_range"
        ),
        CheckConstraint("salary_expectation IS NULL OR salary_expectation > 0", name="salary_positive"),
        CheckConstraint("daily_rate IS NULL OR daily_rate > 0", name="daily_rate_positive"),
        CheckConstraint(
            "headline_confidence IS NULL OR headline_confidence BETWEEN 0 AND 1",
            name="headline_confidence_range",
        ),
        CheckConstraint("length(bio) <= 1000", name="bio_length"),
        # staff list members newest first: read backwards, it gives the page without a sort
        Index("ix_member_profiles_created_at_user", "created_at", "user_id"),
        # ...and those of a département: walked backwards it stops at the page, the occupation read
        # from the index too (PostgreSQL; SQLite has no INCLUDE and keeps the three columns)
        Index(
            "ix_member_profiles_departement_created_at",
            "departement",
            "created_at",
            "user_id",
            postgresql_include=["headline_occupation_id"],
        ),
    )

    user_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    membership_number: Mapped[str | None] = mapped_column(String(32), unique=True)
    headline_title: Mapped[str | None] = mapped_column(String(150))
    headline_occupation_id: Mapped[str | None] = mapped_column(String(64), index=True)
    headline_confidence: Mapped[float | None] = mapped_column(Float)
    headline_match_status: Mapped[str | None] = mapped_column(String(20))
    bio: Mapped[str] = mapped_column(String(1000), nullable=False, default="")
    years_of_experience: Mapped[int | None] = mapped_column(Integer)
    postal_code: Mapped[str | None] = mapped_column(String(5))
    commune: Mapped[str | None] = mapped_column(String(120))
    # INSEE code of the home commune; null: place known to the département only (coarser distance)
    commune_code: Mapped[str | None] = mapped_column(String(5))
    departement: Mapped[str | None] = mapped_column(String(3), index=True)
    mobility_radius_km: Mapped[int | None] = mapped_column(Integer)
    mobility_departements: Mapped[list[str]] = mapped_column(json_column_type(), nullable=False, default=list)
    remote_preference: Mapped[RemotePolicy | None] = mapped_column(
        str_enum(RemotePolicy, name="remote_preference")
    )
    contract_preferences: Mapped[list[str]] = mapped_column(json_column_type(), nullable=False, default=list)
    working_time_preference: Mapped[WorkingTime | None] = mapped_column(
        str_enum(WorkingTime, name="working_time_preference")
    )
    status: Mapped[ProfessionalStatus | None] = mapped_column(
        str_enum(ProfessionalStatus, name="professional_status"), index=True
    )
    available_from: Mapped[date | None] = mapped_column(Date)
    salary_expectation: Mapped[int | None] = mapped_column(Integer)
    daily_rate: Mapped[int | None] = mapped_column(Integer)
    # NeedKind values: the kinds of strategic-support needs the member offers to help with.
    offers: Mapped[list[str]] = mapped_column(json_column_type(), nullable=False, default=list)
    certifications: Mapped[list[str]] = mapped_column(json_column_type(), nullable=False, default=list)
    other_certifications: Mapped[list[str]] = mapped_column(json_column_type(), nullable=False, default=list)
    visibility: Mapped[Visibility] = mapped_column(
        str_enum(Visibility, name="member_visibility"),
        nullable=False,
        default=Visibility.HIDDEN,
        index=True,
    )
    last_activity_at: Mapped[datetime] = mapped_column(
        UTCDateTime, nullable=False, default=utcnow, index=True
    )
    created_at: Mapped[datetime] = timestamp_column()
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, default=utcnow, onupdate=utcnow)

    experiences: Mapped[list[MemberExperience]] = relationship(
        lazy="raise",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="(MemberExperience.start_month.desc(), MemberExperience.id)",
    )
    competencies: Mapped[list[MemberCompetency]] = relationship(
        lazy="raise",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="MemberCompetency.competency_id",
    )
    languages: Mapped[list[MemberLanguage]] = relationship(
        lazy="raise",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="MemberLanguage.language",
    )


class MemberExperience(Base):
    """A past or current job; its title is normalised like a posting's."""

    __tablename__ = "member_experiences"
    __table_args__ = (
        CheckConstraint("end_month IS NULL OR end_month >= start_month", name="dates_coherent"),
        CheckConstraint("confidence IS NULL OR confidence BETWEEN 0 AND 1", name="confidence_range"),
        # the members' occupation filter reads the holders of an occupation from the index alone
        Index("ix_member_experiences_occupation_user", "occupation_id", "user_id"),
    )

    id: Mapped[uuid.UUID] = uuid_pk()
    user_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("member_profiles.user_id", ondelete="CASCADE"), nullable=False, index=True
    )
    title: Mapped[str] = mapped_column(String(150), nullable=False)
    occupation_id: Mapped[str | None] = mapped_column(String(64), index=True)
    confidence: Mapped[float | None] = mapped_column(Float)
    match_status: Mapped[str | None] = mapped_column(String(20))
    employer: Mapped[str | None] = mapped_column(String(160))
    sector: Mapped[str | None] = mapped_column(String(120))
    start_month: Mapped[date] = mapped_column(Date, nullable=False)
    end_month: Mapped[date | None] = mapped_column(Date)


class MemberCompetency(Base):
    __tablename__ = "member_competencies"
    __table_args__ = (CheckConstraint("level BETWEEN 1 AND 4", name="level_range"),)

    user_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("member_profiles.user_id", ondelete="CASCADE"), primary_key=True
    )
    competency_id: Mapped[str] = mapped_column(String(64), primary_key=True, index=True)
    level: Mapped[int] = mapped_column(Integer, nullable=False)


class MemberLanguage(Base):
    __tablename__ = "member_languages"

    user_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("member_profiles.user_id", ondelete="CASCADE"), primary_key=True
    )
    language: Mapped[str] = mapped_column(String(2), primary_key=True)
    level: Mapped[CefrLevel] = mapped_column(str_enum(CefrLevel, name="cefr_level"), nullable=False)


class ConsentRecord(Base):
    """One dated visibility change; kept after erasure (it names no one once anonymised)."""

    __tablename__ = "member_consent_log"
    __table_args__ = (Index("ix_member_consent_log_user_at", "user_id", "at"),)

    id: Mapped[uuid.UUID] = uuid_pk()
    user_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("users.id", ondelete="CASCADE"), nullable=False
    )
    visibility: Mapped[Visibility] = mapped_column(
        str_enum(Visibility, name="member_visibility"), nullable=False
    )
    previous: Mapped[Visibility | None] = mapped_column(str_enum(Visibility, name="previous_visibility"))
    source: Mapped[str] = mapped_column(String(20), nullable=False)
    at: Mapped[datetime] = timestamp_column()
