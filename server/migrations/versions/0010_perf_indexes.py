"""Trigram indexes for staff text search on PostgreSQL (pg_trgm): no sequential scan per search.

Staff search members by name or e-mail, postings by title or description, partners by name, with
`lower(column) LIKE '%text%'`. A B-tree cannot serve a pattern that starts with a wildcard, so each
search read the whole table (twice for members: e-mail and name). GIN trigram indexes on the same
`lower(...)` expressions serve these patterns (3 characters or more). SQLite keeps scanning: the
embedded default holds small data sets.

Revision ID: 0010_perf_indexes
Revises: 0007_communes
Create Date: 2026-12-07
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0010_perf_indexes"
down_revision: str | None = "0009_account_flows"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# (index name, table, column): each indexes lower(column), as the repositories search it
TRIGRAM_INDEXES = (
    ("ix_users_email_trgm", "users", "email"),
    ("ix_users_full_name_trgm", "users", "full_name"),
    ("ix_postings_title_trgm", "postings", "title"),
    ("ix_postings_description_trgm", "postings", "description"),
    ("ix_partners_name_trgm", "partners", "name"),
)


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")  # a trusted extension: the owner may create it
    for name, table, column in TRIGRAM_INDEXES:
        op.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin (lower({column}) gin_trgm_ops)")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for name, _, _ in TRIGRAM_INDEXES:
        op.execute(f"DROP INDEX IF EXISTS {name}")
