"""Matches keep a trace (the engine's figures), no longer the written explanation.

The French explanation is now written from the profiles when a match is read. Rows written before
keep their JSON: it holds the same `missing` list (with `competency_id`) that reports unnest.

A plain RENAME COLUMN (SQLite 3.25+, PostgreSQL), not a batch table copy: on SQLite, dropping the
old `matches` table would cascade-delete the partners' feedback on those matches.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.execute("ALTER TABLE matches RENAME COLUMN explanation TO trace")


def downgrade() -> None:
    op.execute("ALTER TABLE matches RENAME COLUMN trace TO explanation")
