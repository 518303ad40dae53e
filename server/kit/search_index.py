"""Trigram indexes for `lower(column) LIKE '%text%'` searches, on PostgreSQL only (migration 0010)."""

from __future__ import annotations

from sqlalchemy import Index, func
from sqlalchemy.orm import InstrumentedAttribute


def trigram_index(name: str, column: InstrumentedAttribute[str]) -> Index:
    """A GIN pg_trgm index on lower(column): serves the staff searches' LIKE patterns without a scan."""
    label = f"lower_{column.key}"
    return Index(
        name,
        func.lower(column).label(label),
        postgresql_using="gin",
        postgresql_ops={label: "gin_trgm_ops"},
    ).ddl_if(dialect="postgresql")
