"""On PostgreSQL, a match's trace and weights are JSON text (stored as written), not JSONB.

They are written thousands of times a second by the matching workers and read only by exports and
reports; JSONB's binary conversion was a third of each match row's insert cost. SQLite unchanged.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-22
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COLUMNS = ("trace", "weights")


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for column in COLUMNS:
            op.execute(f"ALTER TABLE matches ALTER COLUMN {column} TYPE json USING {column}::json")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for column in COLUMNS:
            op.execute(f"ALTER TABLE matches ALTER COLUMN {column} TYPE jsonb USING {column}::jsonb")
