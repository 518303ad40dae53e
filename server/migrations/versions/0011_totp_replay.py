"""Single-use TOTP codes: the last accepted time-step of each account (RFC 6238 §5.2).

A code stays valid for its 30 s window and the ones either side (clock drift); remembering the last
accepted step lets the verifier refuse the same code, or an older one, a second time.

Revision ID: 0011_totp_replay
Revises: 0010_perf_indexes
Create Date: 2026-12-07
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011_totp_replay"
down_revision: str | None = "0010_perf_indexes"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(sa.Column("totp_last_step", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_column("totp_last_step")
