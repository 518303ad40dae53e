"""Bulk upserts: hundreds of rows in one statement, for the jobs that write many at once.

On PostgreSQL the rows travel as one array per column and `INSERT … SELECT FROM unnest(…)` inserts
them: one fixed statement (prepared once), nothing to plan per row. A multi-row VALUES statement took
about 60 % longer per row here (its bind plans thousands of parameters), and plain executemany went
row by row. On SQLite (in-process, no round trips) a Core executemany is enough.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from sqlalchemy import JSON, Table, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.dialects.postgresql.base import PGDialect
from sqlalchemy.engine import Dialect
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import DeclarativeBase


def _table(model: type[DeclarativeBase]) -> Table:
    table = model.__table__
    if not isinstance(table, Table):
        raise TypeError(f"{model.__name__} is not mapped to a table")
    return table


def dialect_insert(session: AsyncSession, model: type[DeclarativeBase]) -> postgresql.Insert | sqlite.Insert:
    """A Core INSERT into the model's table that knows ON CONFLICT, for the session's database."""
    dialect = session.get_bind().dialect.name
    return (postgresql.insert if dialect == "postgresql" else sqlite.insert)(_table(model))


async def upsert_rows(
    session: AsyncSession,
    model: type[DeclarativeBase],
    rows: Sequence[dict[str, Any]],
    *,
    conflict: tuple[str, ...],
    update: tuple[str, ...] = (),
) -> None:
    """Insert `rows` (dicts keyed by column); on a `conflict` update the `update` columns, or skip."""
    if not rows:
        return
    columns = tuple(rows[0])
    table = _table(model)
    defaulted = [c.name for c in table.columns if c.name not in columns and c.default is not None]
    if defaulted:  # the PostgreSQL path would store NULL where the model fills a value in
        raise ValueError(f"rows for {table.name} must carry {', '.join(defaulted)}")
    dialect = session.get_bind().dialect
    if dialect.name == "postgresql":
        statement = _unnest_upsert(table, columns, conflict, update)
        await session.execute(text(statement), _column_arrays(table, columns, rows, dialect))
        return
    insert = dialect_insert(session, model)
    if update:
        upsert = insert.on_conflict_do_update(
            index_elements=list(conflict), set_={c: insert.excluded[c] for c in update}
        )
        await session.execute(upsert, list(rows))
    else:
        await session.execute(insert.on_conflict_do_nothing(index_elements=list(conflict)), list(rows))


def _is_json(table: Table, column: str) -> bool:
    return isinstance(table.c[column].type, JSON)


@lru_cache(maxsize=32)
def _unnest_upsert(
    table: Table, columns: tuple[str, ...], conflict: tuple[str, ...], update: tuple[str, ...]
) -> str:
    """The statement for one (table, columns) shape; JSON travels as text and is cast per element.

    Every name is a column of the model's table (checked), quoted by the dialect: nothing of the
    rows' values reaches the SQL text, they are bound as arrays.
    """
    pg = PGDialect()  # type: ignore[no-untyped-call]
    unknown = [name for name in (*columns, *conflict, *update) if name not in table.c]
    if unknown:
        raise ValueError(f"not columns of {table.name}: {', '.join(unknown)}")
    quote = pg.identifier_preparer.quote

    def array(c: str) -> str:
        return f"CAST(:{c} AS {'TEXT' if _is_json(table, c) else table.c[c].type.compile(pg)}[])"

    def value(c: str) -> str:
        return f"t.{quote(c)}::{table.c[c].type.compile(pg)}" if _is_json(table, c) else f"t.{quote(c)}"

    names = ", ".join(quote(c) for c in columns)
    action = (
        "DO UPDATE SET " + ", ".join(f"{quote(c)} = excluded.{quote(c)}" for c in update)
        if update
        else "DO NOTHING"
    )
    # identifiers from the model, quoted; values bound
    selected = ", ".join(value(c) for c in columns)
    return (
        f"INSERT INTO {quote(table.name)} ({names}) SELECT {selected} "  # noqa: S608
        f"FROM unnest({', '.join(array(c) for c in columns)}) AS t({names}) "
        f"ON CONFLICT ({', '.join(quote(c) for c in conflict)}) {action}"
    )


def _column_arrays(
    table: Table, columns: tuple[str, ...], rows: Sequence[dict[str, Any]], dialect: Dialect
) -> dict[str, list[Any]]:
    """One list per column, each value through its column type's bind processing (JSON → text…)."""
    arrays = {}
    for column in columns:
        process = table.c[column].type.bind_processor(dialect)
        values = [row[column] for row in rows]
        arrays[column] = [process(value) for value in values] if process else values
    return arrays
