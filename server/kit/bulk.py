"""Bulk upserts that cost one statement per page of rows, not one round trip per row.

SQLAlchemy batches an executemany INSERT into multi-row VALUES ("insertmanyvalues") only when the
statement returns something on asyncpg; otherwise the driver binds and executes row by row, which
made a matching job's 50–200 match and notification rows its most expensive step on PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Table
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from server.db import Base


def _table(model: type[Base]) -> Table:
    table = model.__table__
    if not isinstance(table, Table):
        raise TypeError(f"{model.__name__} is not mapped to a table")
    return table


def dialect_insert(session: AsyncSession, model: type[Base]) -> postgresql.Insert | sqlite.Insert:
    """A Core INSERT into the model's table that knows ON CONFLICT, for the session's database.

    Core, not an ORM bulk insert: rows are plain dicts keyed by column, with no per-row ORM work.
    """
    dialect = session.get_bind().dialect.name
    return (postgresql.insert if dialect == "postgresql" else sqlite.insert)(_table(model))


async def execute_in_pages(
    session: AsyncSession,
    model: type[Base],
    statement: postgresql.Insert | sqlite.Insert,
    rows: Sequence[dict[str, Any]],
) -> None:
    """Run `statement` for every row as multi-row statements (RETURNING the key turns batching on)."""
    if rows:
        await session.execute(statement.returning(*_table(model).primary_key.columns), list(rows))
