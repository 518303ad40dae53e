"""Seed the default partnership tiers (the federation edits them afterwards).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

tiers = sa.table(
    "partnership_tiers",
    sa.column("code", sa.String),
    sa.column("label", sa.String),
    sa.column("rank", sa.Integer),
    sa.column("max_open_postings", sa.Integer),
    sa.column("can_feature_postings", sa.Boolean),
)


def upgrade() -> None:
    op.bulk_insert(
        tiers,
        [
            {
                "code": "decouverte",
                "label": "Découverte",
                "rank": 1,
                "max_open_postings": 3,
                "can_feature_postings": False,
            },
            {
                "code": "partenaire",
                "label": "Partenaire",
                "rank": 2,
                "max_open_postings": 15,
                "can_feature_postings": False,
            },
            {
                "code": "premium",
                "label": "Partenaire premium",
                "rank": 3,
                "max_open_postings": None,
                "can_feature_postings": True,
            },
        ],
    )


def downgrade() -> None:
    op.execute(tiers.delete().where(tiers.c.code.in_(["decouverte", "partenaire", "premium"])))
