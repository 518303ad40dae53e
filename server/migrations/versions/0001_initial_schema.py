"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-22 21:47:15.537976
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from server.kit.types import UTCDateTime

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "login_attempts",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("client_address", sa.String(length=64), nullable=False),
        sa.Column("at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_login_attempts")),
    )
    with op.batch_alter_table("login_attempts", schema=None) as batch_op:
        batch_op.create_index("ix_login_attempts_client_at", ["client_address", "at"], unique=False)
        batch_op.create_index("ix_login_attempts_email_at", ["email", "at"], unique=False)

    op.create_table(
        "outbox",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            sa.Identity(always=False),
            nullable=False,
        ),
        sa.Column("job", sa.String(length=80), nullable=False),
        sa.Column(
            "payload",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("dedup_key", sa.String(length=200), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("available_at", UTCDateTime(), nullable=False),
        sa.Column("lease_until", UTCDateTime(), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("delivered_at", UTCDateTime(), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outbox")),
        sa.UniqueConstraint("dedup_key", name=op.f("uq_outbox_dedup_key")),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.create_index("ix_outbox_pending", ["delivered_at", "available_at"], unique=False)

    op.create_table(
        "partnership_tiers",
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("label", sa.String(length=80), nullable=False),
        sa.Column("rank", sa.Integer(), nullable=False),
        sa.Column("max_open_postings", sa.Integer(), nullable=True),
        sa.Column("can_feature_postings", sa.Boolean(), nullable=False),
        sa.CheckConstraint(
            "max_open_postings IS NULL OR max_open_postings >= 0",
            name=op.f("ck_partnership_tiers_quota_positive"),
        ),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_partnership_tiers")),
    )
    op.create_table(
        "partners",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(length=160), nullable=False),
        sa.Column("siren", sa.String(length=9), nullable=False),
        sa.Column("siret", sa.String(length=14), nullable=True),
        sa.Column("naf_code", sa.String(length=6), nullable=True),
        sa.Column("sector", sa.String(length=120), nullable=True),
        sa.Column(
            "size_band",
            sa.Enum(
                "micro",
                "pme",
                "eti",
                "grande",
                name="partner_size_band",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=True,
        ),
        sa.Column("address_line", sa.String(length=200), nullable=True),
        sa.Column("postal_code", sa.String(length=5), nullable=True),
        sa.Column("commune", sa.String(length=120), nullable=True),
        sa.Column("departement", sa.String(length=3), nullable=True),
        sa.Column("website", sa.String(length=200), nullable=True),
        sa.Column("tier_code", sa.String(length=32), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "prospect",
                "active",
                "suspended",
                "ended",
                name="partner_status",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("start_date", sa.Date(), nullable=True),
        sa.Column("renewal_date", sa.Date(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.CheckConstraint("length(siren) = 9", name=op.f("ck_partners_siren_length")),
        sa.CheckConstraint(
            "renewal_date IS NULL OR start_date IS NULL OR renewal_date >= start_date",
            name=op.f("ck_partners_renewal_after_start"),
        ),
        sa.CheckConstraint(
            "siret IS NULL OR substr(siret, 1, 9) = siren", name=op.f("ck_partners_siret_extends_siren")
        ),
        sa.ForeignKeyConstraint(
            ["tier_code"],
            ["partnership_tiers.code"],
            name=op.f("fk_partners_tier_code_partnership_tiers"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_partners")),
        sa.UniqueConstraint("siren", name=op.f("uq_partners_siren")),
    )
    with op.batch_alter_table("partners", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_partners_departement"), ["departement"], unique=False)
        batch_op.create_index(batch_op.f("ix_partners_renewal_date"), ["renewal_date"], unique=False)
        batch_op.create_index(batch_op.f("ix_partners_status"), ["status"], unique=False)

    op.create_table(
        "users",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("full_name", sa.String(length=120), nullable=False),
        sa.Column("password_hash", sa.String(length=255), nullable=True),
        sa.Column(
            "role",
            sa.Enum(
                "federation_admin",
                "partner_admin",
                "partner_recruiter",
                "member",
                name="user_role",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("partner_id", sa.Uuid(), nullable=True),
        sa.Column("is_active", sa.Boolean(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("last_login_at", UTCDateTime(), nullable=True),
        sa.CheckConstraint(
            "(role IN ('partner_admin', 'partner_recruiter')) = (partner_id IS NOT NULL)",
            name=op.f("ck_users_partner_users_have_partner"),
        ),
        sa.ForeignKeyConstraint(
            ["partner_id"], ["partners.id"], name=op.f("fk_users_partner_id_partners"), ondelete="RESTRICT"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_users")),
        sa.UniqueConstraint("email", name=op.f("uq_users_email")),
    )
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_users_partner_id"), ["partner_id"], unique=False)

    op.create_table(
        "audit_log",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("at", UTCDateTime(), nullable=False),
        sa.Column("actor_id", sa.Uuid(), nullable=True),
        sa.Column("actor_label", sa.String(length=254), nullable=False),
        sa.Column("action", sa.String(length=64), nullable=False),
        sa.Column("entity_type", sa.String(length=40), nullable=False),
        sa.Column("entity_id", sa.String(length=64), nullable=False),
        sa.Column("subject_user_id", sa.Uuid(), nullable=True),
        sa.Column(
            "changes",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["actor_id"], ["users.id"], name=op.f("fk_audit_log_actor_id_users"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_log")),
    )
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_audit_log_actor_id"), ["actor_id"], unique=False)
        batch_op.create_index("ix_audit_log_entity", ["entity_type", "entity_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_audit_log_subject_user_id"), ["subject_user_id"], unique=False)

    op.create_table(
        "auth_tokens",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("expires_at", UTCDateTime(), nullable=False),
        sa.Column("revoked_at", UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_auth_tokens_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_auth_tokens")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_auth_tokens_token_hash")),
    )
    with op.batch_alter_table("auth_tokens", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_auth_tokens_user_id"), ["user_id"], unique=False)

    op.create_table(
        "framework_aliases",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("alias", sa.String(length=300), nullable=False),
        sa.Column("occupation_id", sa.String(length=64), nullable=True),
        sa.Column("created_by_id", sa.Uuid(), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["created_by_id"],
            ["users.id"],
            name=op.f("fk_framework_aliases_created_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_framework_aliases")),
        sa.UniqueConstraint("alias", name=op.f("uq_framework_aliases_alias")),
    )
    op.create_table(
        "invitations",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("invited_by_id", sa.Uuid(), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("expires_at", UTCDateTime(), nullable=False),
        sa.Column("accepted_at", UTCDateTime(), nullable=True),
        sa.Column("revoked_at", UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["invited_by_id"],
            ["users.id"],
            name=op.f("fk_invitations_invited_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_invitations_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_invitations")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_invitations_token_hash")),
    )
    with op.batch_alter_table("invitations", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_invitations_user_id"), ["user_id"], unique=False)

    op.create_table(
        "member_consent_log",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column(
            "visibility",
            sa.Enum(
                "hidden",
                "anonymous",
                "visible",
                name="member_visibility",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column(
            "previous",
            sa.Enum(
                "hidden",
                "anonymous",
                "visible",
                name="previous_visibility",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=True,
        ),
        sa.Column("source", sa.String(length=20), nullable=False),
        sa.Column("at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_member_consent_log_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_member_consent_log")),
    )
    with op.batch_alter_table("member_consent_log", schema=None) as batch_op:
        batch_op.create_index("ix_member_consent_log_user_at", ["user_id", "at"], unique=False)

    op.create_table(
        "member_profiles",
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("membership_number", sa.String(length=32), nullable=True),
        sa.Column("headline_title", sa.String(length=150), nullable=True),
        sa.Column("headline_occupation_id", sa.String(length=64), nullable=True),
        sa.Column("headline_confidence", sa.Float(), nullable=True),
        sa.Column("headline_match_status", sa.String(length=20), nullable=True),
        sa.Column("bio", sa.String(length=1000), nullable=False),
        sa.Column("years_of_experience", sa.Integer(), nullable=True),
        sa.Column("postal_code", sa.String(length=5), nullable=True),
        sa.Column("departement", sa.String(length=3), nullable=True),
        sa.Column("mobility_radius_km", sa.Integer(), nullable=True),
        sa.Column(
            "mobility_departements",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column(
            "remote_preference",
            sa.Enum(
                "none",
                "partial",
                "full",
                name="remote_preference",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=True,
        ),
        sa.Column(
            "contract_preferences",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column(
            "working_time_preference",
            sa.Enum(
                "full_time",
                "part_time",
                name="working_time_preference",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=True,
        ),
        sa.Column(
            "status",
            sa.Enum(
                "salaried",
                "independent",
                "job_seeking",
                name="professional_status",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=True,
        ),
        sa.Column("available_from", sa.Date(), nullable=True),
        sa.Column("salary_expectation", sa.Integer(), nullable=True),
        sa.Column("daily_rate", sa.Integer(), nullable=True),
        sa.Column(
            "offers",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column(
            "certifications",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column(
            "other_certifications",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column(
            "visibility",
            sa.Enum(
                "hidden",
                "anonymous",
                "visible",
                name="member_visibility",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("last_activity_at", UTCDateTime(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.CheckConstraint(
            "daily_rate IS NULL OR daily_rate > 0", name=op.f("ck_member_profiles_daily_rate_positive")
        ),
        sa.CheckConstraint(
            "headline_confidence IS NULL OR headline_confidence BETWEEN 0 AND 1",
            name=op.f("ck_member_profiles_headline_confidence_range"),
        ),
        sa.CheckConstraint("length(bio) <= 1000", name=op.f("ck_member_profiles_bio_length")),
        sa.CheckConstraint(
            "mobility_radius_km IS NULL OR mobility_radius_km BETWEEN 0 AND 200",
            name=op.f("ck_member_profiles_radius_range"),
        ),
        sa.CheckConstraint(
            "salary_expectation IS NULL OR salary_expectation > 0",
            name=op.f("ck_member_profiles_salary_positive"),
        ),
        sa.CheckConstraint(
            "years_of_experience IS NULL OR years_of_experience BETWEEN 0 AND 60",
            name=op.f("ck_member_profiles_experience_range"),
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_member_profiles_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("user_id", name=op.f("pk_member_profiles")),
        sa.UniqueConstraint("membership_number", name=op.f("uq_member_profiles_membership_number")),
    )
    with op.batch_alter_table("member_profiles", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_member_profiles_departement"), ["departement"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_member_profiles_headline_occupation_id"), ["headline_occupation_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_member_profiles_last_activity_at"), ["last_activity_at"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_member_profiles_status"), ["status"], unique=False)
        batch_op.create_index(batch_op.f("ix_member_profiles_visibility"), ["visibility"], unique=False)

    op.create_table(
        "notifications",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("body", sa.String(length=2000), nullable=False),
        sa.Column("subject_type", sa.String(length=40), nullable=True),
        sa.Column("subject_id", sa.String(length=64), nullable=True),
        sa.Column("dedup_key", sa.String(length=200), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("read_at", UTCDateTime(), nullable=True),
        sa.Column("emailed_at", UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_notifications_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notifications")),
        sa.UniqueConstraint("user_id", "dedup_key", name="uq_notifications_user_dedup"),
    )
    with op.batch_alter_table("notifications", schema=None) as batch_op:
        batch_op.create_index("ix_notifications_user_created", ["user_id", "created_at"], unique=False)

    op.create_table(
        "partner_events",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("partner_id", sa.Uuid(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "call",
                "meeting",
                "convention_signed",
                "event",
                "note",
                "status_change",
                name="partner_event_kind",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("occurred_on", sa.Date(), nullable=False),
        sa.Column("summary", sa.String(length=500), nullable=False),
        sa.Column("author_id", sa.Uuid(), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["author_id"], ["users.id"], name=op.f("fk_partner_events_author_id_users"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["partner_id"],
            ["partners.id"],
            name=op.f("fk_partner_events_partner_id_partners"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_partner_events")),
    )
    with op.batch_alter_table("partner_events", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_partner_events_partner_id"), ["partner_id"], unique=False)

    op.create_table(
        "postings",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("partner_id", sa.Uuid(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "role", "need", name="posting_kind", native_enum=False, create_constraint=True, length=32
            ),
            nullable=False,
        ),
        sa.Column(
            "need_kind",
            sa.Enum(
                "strategic_support",
                "upskilling",
                "mission",
                "mentoring",
                name="need_kind",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=True,
        ),
        sa.Column(
            "status",
            sa.Enum(
                "draft",
                "open",
                "paused",
                "filled",
                "closed",
                name="posting_status",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("title", sa.String(length=150), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("occupation_id", sa.String(length=64), nullable=True),
        sa.Column("rome_code", sa.String(length=5), nullable=True),
        sa.Column(
            "normalisation_status",
            sa.Enum(
                "matched",
                "ambiguous",
                "out_of_framework",
                "unknown",
                "invalid",
                "not_applicable",
                name="normalisation_status",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("normalisation_confidence", sa.Float(), nullable=True),
        sa.Column(
            "title_attributes",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("occupation_override", sa.String(length=64), nullable=True),
        sa.Column(
            "contract_type",
            sa.Enum(
                "cdi",
                "cdd",
                "interim",
                "alternance",
                "stage",
                "freelance",
                name="contract_type",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=True,
        ),
        sa.Column("contract_months", sa.Integer(), nullable=True),
        sa.Column(
            "working_time",
            sa.Enum(
                "full_time",
                "part_time",
                name="working_time",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=True,
        ),
        sa.Column("weekly_hours", sa.Integer(), nullable=True),
        sa.Column("salary_min", sa.Integer(), nullable=True),
        sa.Column("salary_max", sa.Integer(), nullable=True),
        sa.Column("min_experience_years", sa.Integer(), nullable=True),
        sa.Column("team_size", sa.Integer(), nullable=True),
        sa.Column("duration_days", sa.Integer(), nullable=True),
        sa.Column("budget", sa.Integer(), nullable=True),
        sa.Column("daily_rate", sa.Integer(), nullable=True),
        sa.Column("postal_code", sa.String(length=5), nullable=True),
        sa.Column("commune", sa.String(length=120), nullable=True),
        sa.Column("departement", sa.String(length=3), nullable=True),
        sa.Column(
            "remote_policy",
            sa.Enum(
                "none",
                "partial",
                "full",
                name="remote_policy",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("remote_days", sa.Integer(), nullable=True),
        sa.Column("start_date", sa.Date(), nullable=True),
        sa.Column("expiry_date", sa.Date(), nullable=True),
        sa.Column("featured", sa.Boolean(), nullable=False),
        sa.Column("published_at", UTCDateTime(), nullable=True),
        sa.Column("closed_at", UTCDateTime(), nullable=True),
        sa.Column("created_by", sa.Uuid(), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.CheckConstraint(
            "(kind = 'need') = (need_kind IS NOT NULL)", name=op.f("ck_postings_need_has_kind")
        ),
        sa.CheckConstraint(
            "(kind = 'role') = (contract_type IS NOT NULL)", name=op.f("ck_postings_role_has_contract")
        ),
        sa.CheckConstraint(
            "(remote_policy = 'partial') = (remote_days IS NOT NULL) AND (remote_days IS NULL OR remote_days BETWEEN 1 AND 4)",
            name=op.f("ck_postings_remote_days_when_partial"),
        ),
        sa.CheckConstraint(
            "contract_type IS NULL OR contract_type <> 'cdd' OR (contract_months IS NOT NULL AND contract_months BETWEEN 1 AND 36)",
            name=op.f("ck_postings_cdd_has_duration"),
        ),
        sa.CheckConstraint(
            "contract_type IS NULL OR contract_type <> 'freelance' OR (salary_min IS NULL AND salary_max IS NULL)",
            name=op.f("ck_postings_freelance_uses_daily_rate"),
        ),
        sa.CheckConstraint(
            "kind = 'need' OR (need_kind IS NULL AND team_size IS NULL AND duration_days IS NULL AND budget IS NULL)",
            name=op.f("ck_postings_need_only_columns"),
        ),
        sa.CheckConstraint(
            "kind = 'role' OR (contract_type IS NULL AND contract_months IS NULL AND working_time IS NULL AND weekly_hours IS NULL AND salary_min IS NULL AND salary_max IS NULL AND min_experience_years IS NULL)",
            name=op.f("ck_postings_role_only_columns"),
        ),
        sa.CheckConstraint(
            "remote_policy = 'full' OR departement IS NOT NULL",
            name=op.f("ck_postings_located_unless_full_remote"),
        ),
        sa.CheckConstraint(
            "status = 'draft' OR published_at IS NOT NULL", name=op.f("ck_postings_published_when_live")
        ),
        sa.CheckConstraint(
            "(salary_min IS NULL OR salary_min >= 0) AND (salary_max IS NULL OR salary_max >= 0) AND (daily_rate IS NULL OR daily_rate > 0) AND (budget IS NULL OR budget >= 0)",
            name=op.f("ck_postings_money_positive"),
        ),
        sa.CheckConstraint(
            "normalisation_confidence IS NULL OR (normalisation_confidence >= 0 AND normalisation_confidence <= 1)",
            name=op.f("ck_postings_confidence_range"),
        ),
        sa.CheckConstraint(
            "salary_min IS NULL OR salary_max IS NULL OR salary_min <= salary_max",
            name=op.f("ck_postings_salary_range_ordered"),
        ),
        sa.CheckConstraint(
            "start_date IS NULL OR expiry_date IS NULL OR start_date <= expiry_date",
            name=op.f("ck_postings_dates_ordered"),
        ),
        sa.ForeignKeyConstraint(
            ["created_by"], ["users.id"], name=op.f("fk_postings_created_by_users"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["partner_id"], ["partners.id"], name=op.f("fk_postings_partner_id_partners"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_postings")),
    )
    with op.batch_alter_table("postings", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_postings_departement"), ["departement"], unique=False)
        batch_op.create_index(batch_op.f("ix_postings_occupation_id"), ["occupation_id"], unique=False)
        batch_op.create_index("ix_postings_partner_status", ["partner_id", "status"], unique=False)
        batch_op.create_index(batch_op.f("ix_postings_status"), ["status"], unique=False)
        batch_op.create_index("ix_postings_status_expiry", ["status", "expiry_date"], unique=False)

    op.create_table(
        "reports",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "partner",
                "federation",
                name="report_kind",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("partner_id", sa.Uuid(), nullable=True),
        sa.Column("subject_key", sa.String(length=40), nullable=False),
        sa.Column("period_key", sa.String(length=32), nullable=False),
        sa.Column("period_start", sa.Date(), nullable=False),
        sa.Column("period_end", sa.Date(), nullable=False),
        sa.Column("data_version", sa.String(length=64), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "pending",
                "running",
                "done",
                "failed",
                name="report_status",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("progress", sa.Integer(), nullable=False),
        sa.Column(
            "data",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=True,
        ),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("scheduled", sa.Boolean(), nullable=False),
        sa.Column("requested_by_id", sa.Uuid(), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("started_at", UTCDateTime(), nullable=True),
        sa.Column("finished_at", UTCDateTime(), nullable=True),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.CheckConstraint(
            "(kind = 'partner') = (partner_id IS NOT NULL)", name=op.f("ck_reports_partner_subject")
        ),
        sa.CheckConstraint("status <> 'done' OR data IS NOT NULL", name=op.f("ck_reports_done_has_data")),
        sa.CheckConstraint("period_end >= period_start", name=op.f("ck_reports_period_ordered")),
        sa.CheckConstraint("progress BETWEEN 0 AND 100", name=op.f("ck_reports_progress_range")),
        sa.ForeignKeyConstraint(
            ["partner_id"], ["partners.id"], name=op.f("fk_reports_partner_id_partners"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["requested_by_id"],
            ["users.id"],
            name=op.f("fk_reports_requested_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reports")),
        sa.UniqueConstraint("kind", "subject_key", "period_key", "data_version", name="uq_reports_identity"),
    )
    with op.batch_alter_table("reports", schema=None) as batch_op:
        batch_op.create_index("ix_reports_partner_created", ["partner_id", "created_at"], unique=False)

    op.create_table(
        "review_items",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("key", sa.String(length=300), nullable=False),
        sa.Column("sample_title", sa.String(length=300), nullable=False),
        sa.Column(
            "examples",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("seen_count", sa.Integer(), nullable=False),
        sa.Column("posting_count", sa.Integer(), nullable=False),
        sa.Column("profile_count", sa.Integer(), nullable=False),
        sa.Column("last_status", sa.String(length=32), nullable=False),
        sa.Column("last_confidence", sa.Float(), nullable=False),
        sa.Column("suggested_occupation_id", sa.String(length=64), nullable=True),
        sa.Column(
            "state",
            sa.Enum(
                "pending",
                "attached",
                "other_profession",
                "dismissed",
                name="review_state",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("resolved_occupation_id", sa.String(length=64), nullable=True),
        sa.Column("resolved_by_id", sa.Uuid(), nullable=True),
        sa.Column("resolved_at", UTCDateTime(), nullable=True),
        sa.Column("first_seen_at", UTCDateTime(), nullable=False),
        sa.Column("last_seen_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["resolved_by_id"],
            ["users.id"],
            name=op.f("fk_review_items_resolved_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_review_items")),
        sa.UniqueConstraint("key", name=op.f("uq_review_items_key")),
    )
    with op.batch_alter_table("review_items", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_review_items_state"), ["state"], unique=False)

    op.create_table(
        "matches",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("posting_id", sa.Uuid(), nullable=False),
        sa.Column("member_user_id", sa.Uuid(), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column(
            "state",
            sa.Enum(
                "active", "expired", name="match_state", native_enum=False, create_constraint=True, length=32
            ),
            nullable=False,
        ),
        sa.Column(
            "explanation",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("engine_version", sa.String(length=32), nullable=False),
        sa.Column(
            "weights",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column(
            "response",
            sa.Enum(
                "interested",
                "declined",
                name="member_response",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=True,
        ),
        sa.Column("response_message", sa.String(length=1000), nullable=True),
        sa.Column("responded_at", UTCDateTime(), nullable=True),
        sa.Column("response_engine_version", sa.String(length=32), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.CheckConstraint("score >= 0 AND score <= 100", name=op.f("ck_matches_score_range")),
        sa.ForeignKeyConstraint(
            ["member_user_id"], ["users.id"], name=op.f("fk_matches_member_user_id_users"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["posting_id"], ["postings.id"], name=op.f("fk_matches_posting_id_postings"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_matches")),
        sa.UniqueConstraint("posting_id", "member_user_id", name="uq_matches_posting_member"),
    )
    with op.batch_alter_table("matches", schema=None) as batch_op:
        batch_op.create_index("ix_matches_created_at", ["created_at"], unique=False)
        batch_op.create_index(
            "ix_matches_member_state_score", ["member_user_id", "state", "score"], unique=False
        )
        batch_op.create_index(
            "ix_matches_posting_state_score", ["posting_id", "state", "score"], unique=False
        )

    op.create_table(
        "member_competencies",
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("competency_id", sa.String(length=64), nullable=False),
        sa.Column("level", sa.Integer(), nullable=False),
        sa.CheckConstraint("level BETWEEN 1 AND 4", name=op.f("ck_member_competencies_level_range")),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["member_profiles.user_id"],
            name=op.f("fk_member_competencies_user_id_member_profiles"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("user_id", "competency_id", name=op.f("pk_member_competencies")),
    )
    with op.batch_alter_table("member_competencies", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_member_competencies_competency_id"), ["competency_id"], unique=False
        )

    op.create_table(
        "member_experiences",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("title", sa.String(length=150), nullable=False),
        sa.Column("occupation_id", sa.String(length=64), nullable=True),
        sa.Column("confidence", sa.Float(), nullable=True),
        sa.Column("match_status", sa.String(length=20), nullable=True),
        sa.Column("employer", sa.String(length=160), nullable=True),
        sa.Column("sector", sa.String(length=120), nullable=True),
        sa.Column("start_month", sa.Date(), nullable=False),
        sa.Column("end_month", sa.Date(), nullable=True),
        sa.CheckConstraint(
            "confidence IS NULL OR confidence BETWEEN 0 AND 1",
            name=op.f("ck_member_experiences_confidence_range"),
        ),
        sa.CheckConstraint(
            "end_month IS NULL OR end_month >= start_month", name=op.f("ck_member_experiences_dates_coherent")
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["member_profiles.user_id"],
            name=op.f("fk_member_experiences_user_id_member_profiles"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_member_experiences")),
    )
    with op.batch_alter_table("member_experiences", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_member_experiences_occupation_id"), ["occupation_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_member_experiences_user_id"), ["user_id"], unique=False)

    op.create_table(
        "member_languages",
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("language", sa.String(length=2), nullable=False),
        sa.Column(
            "level",
            sa.Enum(
                "A1",
                "A2",
                "B1",
                "B2",
                "C1",
                "C2",
                name="cefr_level",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["member_profiles.user_id"],
            name=op.f("fk_member_languages_user_id_member_profiles"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("user_id", "language", name=op.f("pk_member_languages")),
    )
    op.create_table(
        "posting_competencies",
        sa.Column("posting_id", sa.Uuid(), nullable=False),
        sa.Column("competency_id", sa.String(length=64), nullable=False),
        sa.Column("level", sa.Integer(), nullable=False),
        sa.Column("required", sa.Boolean(), nullable=False),
        sa.CheckConstraint("level BETWEEN 1 AND 4", name=op.f("ck_posting_competencies_level_range")),
        sa.ForeignKeyConstraint(
            ["posting_id"],
            ["postings.id"],
            name=op.f("fk_posting_competencies_posting_id_postings"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("posting_id", "competency_id", name=op.f("pk_posting_competencies")),
    )
    with op.batch_alter_table("posting_competencies", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_posting_competencies_competency_id"), ["competency_id"], unique=False
        )

    op.create_table(
        "posting_languages",
        sa.Column("posting_id", sa.Uuid(), nullable=False),
        sa.Column("code", sa.String(length=2), nullable=False),
        sa.Column(
            "level",
            sa.Enum(
                "A1",
                "A2",
                "B1",
                "B2",
                "C1",
                "C2",
                name="cefr_level",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.CheckConstraint("length(code) = 2", name=op.f("ck_posting_languages_iso_639_1")),
        sa.ForeignKeyConstraint(
            ["posting_id"],
            ["postings.id"],
            name=op.f("fk_posting_languages_posting_id_postings"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("posting_id", "code", name=op.f("pk_posting_languages")),
    )
    op.create_table(
        "report_files",
        sa.Column("report_id", sa.Uuid(), nullable=False),
        sa.Column(
            "format",
            sa.Enum(
                "csv",
                "html",
                "pdf",
                name="report_format",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("media_type", sa.String(length=80), nullable=False),
        sa.Column("filename", sa.String(length=120), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["report_id"], ["reports.id"], name=op.f("fk_report_files_report_id_reports"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("report_id", "format", name=op.f("pk_report_files")),
    )
    op.create_table(
        "match_feedback",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("match_id", sa.Uuid(), nullable=False),
        sa.Column("author_id", sa.Uuid(), nullable=True),
        sa.Column("relevant", sa.Boolean(), nullable=False),
        sa.Column(
            "reason",
            sa.Enum(
                "relevant",
                "wrong_occupation",
                "missing_competency",
                "location",
                "salary",
                "other",
                name="feedback_reason",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("comment", sa.String(length=1000), nullable=True),
        sa.Column("engine_version", sa.String(length=32), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["author_id"], ["users.id"], name=op.f("fk_match_feedback_author_id_users"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["match_id"], ["matches.id"], name=op.f("fk_match_feedback_match_id_matches"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_match_feedback")),
        sa.UniqueConstraint("match_id", "author_id", name="uq_match_feedback_author"),
    )
    with op.batch_alter_table("match_feedback", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_match_feedback_match_id"), ["match_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("match_feedback", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_match_feedback_match_id"))

    op.drop_table("match_feedback")
    op.drop_table("report_files")
    op.drop_table("posting_languages")
    with op.batch_alter_table("posting_competencies", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_posting_competencies_competency_id"))

    op.drop_table("posting_competencies")
    op.drop_table("member_languages")
    with op.batch_alter_table("member_experiences", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_member_experiences_user_id"))
        batch_op.drop_index(batch_op.f("ix_member_experiences_occupation_id"))

    op.drop_table("member_experiences")
    with op.batch_alter_table("member_competencies", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_member_competencies_competency_id"))

    op.drop_table("member_competencies")
    with op.batch_alter_table("matches", schema=None) as batch_op:
        batch_op.drop_index("ix_matches_posting_state_score")
        batch_op.drop_index("ix_matches_member_state_score")
        batch_op.drop_index("ix_matches_created_at")

    op.drop_table("matches")
    with op.batch_alter_table("review_items", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_review_items_state"))

    op.drop_table("review_items")
    with op.batch_alter_table("reports", schema=None) as batch_op:
        batch_op.drop_index("ix_reports_partner_created")

    op.drop_table("reports")
    with op.batch_alter_table("postings", schema=None) as batch_op:
        batch_op.drop_index("ix_postings_status_expiry")
        batch_op.drop_index(batch_op.f("ix_postings_status"))
        batch_op.drop_index("ix_postings_partner_status")
        batch_op.drop_index(batch_op.f("ix_postings_occupation_id"))
        batch_op.drop_index(batch_op.f("ix_postings_departement"))

    op.drop_table("postings")
    with op.batch_alter_table("partner_events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_partner_events_partner_id"))

    op.drop_table("partner_events")
    with op.batch_alter_table("notifications", schema=None) as batch_op:
        batch_op.drop_index("ix_notifications_user_created")

    op.drop_table("notifications")
    with op.batch_alter_table("member_profiles", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_member_profiles_visibility"))
        batch_op.drop_index(batch_op.f("ix_member_profiles_status"))
        batch_op.drop_index(batch_op.f("ix_member_profiles_last_activity_at"))
        batch_op.drop_index(batch_op.f("ix_member_profiles_headline_occupation_id"))
        batch_op.drop_index(batch_op.f("ix_member_profiles_departement"))

    op.drop_table("member_profiles")
    with op.batch_alter_table("member_consent_log", schema=None) as batch_op:
        batch_op.drop_index("ix_member_consent_log_user_at")

    op.drop_table("member_consent_log")
    with op.batch_alter_table("invitations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_invitations_user_id"))

    op.drop_table("invitations")
    op.drop_table("framework_aliases")
    with op.batch_alter_table("auth_tokens", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_auth_tokens_user_id"))

    op.drop_table("auth_tokens")
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_audit_log_subject_user_id"))
        batch_op.drop_index("ix_audit_log_entity")
        batch_op.drop_index(batch_op.f("ix_audit_log_actor_id"))

    op.drop_table("audit_log")
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_users_partner_id"))

    op.drop_table("users")
    with op.batch_alter_table("partners", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_partners_status"))
        batch_op.drop_index(batch_op.f("ix_partners_renewal_date"))
        batch_op.drop_index(batch_op.f("ix_partners_departement"))

    op.drop_table("partners")
    op.drop_table("partnership_tiers")
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.drop_index("ix_outbox_pending")

    op.drop_table("outbox")
    with op.batch_alter_table("login_attempts", schema=None) as batch_op:
        batch_op.drop_index("ix_login_attempts_email_at")
        batch_op.drop_index("ix_login_attempts_client_at")

    op.drop_table("login_attempts")
