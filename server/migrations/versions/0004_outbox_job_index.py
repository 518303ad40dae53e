"""Index the outbox by (job, id): the workers read the members' revision at every posting job.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_outbox_job_id", "outbox", ["job", "id"])


def downgrade() -> None:
    op.drop_index("ix_outbox_job_id", table_name="outbox")
