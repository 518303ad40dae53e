"""Indexes for listings at the scale of the profession (100,000 members, 1,000,000 matches).

Measured with bench/scale.py (EXPLAIN ANALYZE on the generated data set):
- staff lists members newest first (`created_at DESC, user_id`): without an index on that order,
  every members listing, filtered by name or not, read and sorted the whole `member_profiles` table
  (a parallel Seq Scan, ~70 ms). Walked backwards, this index yields the order and stops at the page.
- the occupation filter looks at every title a member held (`member_experiences.occupation_id`):
  its sub-query read thousands of heap rows per search; with `user_id` in the index it is read from
  the index alone.
Both are plain B-trees, the same on SQLite and PostgreSQL.

Revision ID: 0012_scale_indexes
Revises: 0011_totp_replay
Create Date: 2026-12-07
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0012_scale_indexes"
down_revision: str | None = "0011_totp_replay"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEXES = (
    ("ix_member_profiles_created_at_user", "member_profiles", ["created_at", "user_id"]),
    ("ix_member_experiences_occupation_user", "member_experiences", ["occupation_id", "user_id"]),
)


def upgrade() -> None:
    for name, table, columns in INDEXES:
        op.create_index(name, table, columns)


def downgrade() -> None:
    for name, table, _ in INDEXES:
        op.drop_index(name, table_name=table)
