"""The report format `csv` becomes `csv_zip`: the file is a ZIP archive of CSV files, named for what it is.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OLD = ("csv", "html", "pdf")
NEW = ("csv_zip", "html", "pdf")
CONSTRAINT = "ck_report_files_report_format"


def _enum(values: tuple[str, ...]) -> sa.Enum:
    return sa.Enum(*values, name="report_format", native_enum=False, create_constraint=True, length=32)


def _switch(before: tuple[str, ...], after: tuple[str, ...]) -> None:
    """Drop the CHECK of the old values, rename the stored value, add the CHECK of the new values."""
    rename = f"UPDATE report_files SET format = '{after[0]}' WHERE format = '{before[0]}'"  # noqa: S608 (constants)
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"ALTER TABLE report_files DROP CONSTRAINT {CONSTRAINT}")
        op.execute(rename)
        allowed = ", ".join(f"'{value}'" for value in after)
        op.execute(f"ALTER TABLE report_files ADD CONSTRAINT {CONSTRAINT} CHECK (format IN ({allowed}))")
        return
    with op.batch_alter_table("report_files", recreate="always") as batch:
        batch.alter_column(
            "format", existing_type=_enum(before), type_=sa.String(32), existing_nullable=False
        )
    op.execute(rename)
    with op.batch_alter_table("report_files", recreate="always") as batch:
        batch.alter_column("format", existing_type=sa.String(32), type_=_enum(after), existing_nullable=False)


def upgrade() -> None:
    _switch(OLD, NEW)


def downgrade() -> None:
    _switch(NEW, OLD)
