"""Places at the commune: postings and profiles carry an INSEE code; must-have competencies.

Existing rows are resolved from what they hold: a postal code and a town name (postings), or a
postal code that serves one commune only. Rows that stay unresolved (a postal code serving several
communes, a département alone) keep working at the département, with a coarser distance.

Revision ID: 0007_communes
Revises: 0006
Create Date: 2026-12-07
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from matching.communes import find_commune

revision: str = "0007_communes"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("postings") as batch:
        batch.add_column(sa.Column("commune_code", sa.String(length=5), nullable=True))
    with op.batch_alter_table("member_profiles") as batch:
        batch.add_column(sa.Column("commune", sa.String(length=120), nullable=True))
        batch.add_column(sa.Column("commune_code", sa.String(length=5), nullable=True))
    with op.batch_alter_table("posting_competencies") as batch:
        batch.add_column(sa.Column("must_have", sa.Boolean(), nullable=False, server_default=sa.false()))
    _resolve_existing_places()


def _resolve_existing_places() -> None:
    bind = op.get_bind()
    postings = bind.execute(
        sa.text("SELECT id, postal_code, commune FROM postings WHERE postal_code IS NOT NULL")
    ).all()
    for posting_id, postal_code, town in postings:
        found = find_commune(postal_code, town)
        if found is not None:
            bind.execute(
                sa.text("UPDATE postings SET commune_code = :code WHERE id = :id"),
                {"code": found.insee, "id": posting_id},
            )
    profiles = bind.execute(
        sa.text("SELECT user_id, postal_code FROM member_profiles WHERE postal_code IS NOT NULL")
    ).all()
    for user_id, postal_code in profiles:
        found = find_commune(postal_code, None)
        if found is not None:
            bind.execute(
                sa.text(
                    "UPDATE member_profiles SET commune = :name, commune_code = :code WHERE user_id = :id"
                ),
                {"name": found.name, "code": found.insee, "id": user_id},
            )


def downgrade() -> None:
    with op.batch_alter_table("posting_competencies") as batch:
        batch.drop_column("must_have")
    with op.batch_alter_table("member_profiles") as batch:
        batch.drop_column("commune_code")
        batch.drop_column("commune")
    with op.batch_alter_table("postings") as batch:
        batch.drop_column("commune_code")
