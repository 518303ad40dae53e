"""Postings paused because their company was suspended, so reactivation restores exactly those.

Revision ID: 0008_hardening
Revises: 0007_communes
Create Date: 2026-12-07
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008_hardening"
down_revision: str | None = "0007_communes"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # a plain ADD COLUMN (SQLite accepts it with a constant default): a batch copy of `postings` would
    # drop the table and, with foreign keys on, cascade to its matches and competencies
    op.add_column(
        "postings", sa.Column("paused_by_suspension", sa.Boolean(), nullable=False, server_default=sa.false())
    )


def downgrade() -> None:
    with op.batch_alter_table("postings") as batch:
        batch.drop_column("paused_by_suspension")
