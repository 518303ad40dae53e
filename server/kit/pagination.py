"""Keyset (cursor) pagination: stable under inserts, cheap on large tables, opaque to clients."""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from sqlalchemy import Row, Select, and_, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import QueryableAttribute
from sqlalchemy.sql.elements import ColumnElement

from server.kit.errors import BadInput
from server.settings import DEV_SECRET

T = TypeVar("T")

CURSOR_ERROR = "Curseur de pagination invalide : reprenez la liste depuis le début."


# Cursors are signed: a value the server did not issue (a date without its time zone, a forged id)
# never reaches a parser or a query. The key comes from SECRET_KEY (`use_cursor_key`, at start-up),
# so every API process accepts the others' cursors.
_cursor_key = {"key": hashlib.sha256(b"passerelle-cursor:" + DEV_SECRET.encode()).digest()}
SIGNATURE_BYTES = 12


def use_cursor_key(secret: str) -> None:
    _cursor_key["key"] = hashlib.sha256(b"passerelle-cursor:" + secret.encode()).digest()


def _signature(payload: bytes) -> bytes:
    return hmac.new(_cursor_key["key"], payload, hashlib.sha256).digest()[:SIGNATURE_BYTES]


def encode_cursor(values: Sequence[Any]) -> str:
    raw = json.dumps([str(value) for value in values], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(_signature(raw) + raw).decode().rstrip("=")


def decode_cursor(cursor: str, arity: int) -> list[str]:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        signed = base64.urlsafe_b64decode(padded.encode())
        signature, raw = signed[:SIGNATURE_BYTES], signed[SIGNATURE_BYTES:]
        if not hmac.compare_digest(signature, _signature(raw)):
            raise BadInput(CURSOR_ERROR)
        values = json.loads(raw)
    except (binascii.Error, ValueError, UnicodeDecodeError) as error:
        raise BadInput(CURSOR_ERROR) from error
    if (
        not isinstance(values, list)
        or len(values) != arity
        or not all(isinstance(value, str) for value in values)
    ):
        raise BadInput(CURSOR_ERROR)
    return values


@dataclass(frozen=True)
class PageRequest:
    """`first` items after `after` (forward pagination, the Relay default)."""

    first: int
    after: str | None = None

    @classmethod
    def build(cls, first: int | None, after: str | None, *, default: int, maximum: int) -> PageRequest:
        size = default if first is None else first
        if size < 0 or size > maximum:
            raise BadInput(f"« first » doit être compris entre 0 et {maximum}.")
        return cls(first=size, after=after)


@dataclass(frozen=True)
class Page(Generic[T]):
    items: list[T]
    cursors: list[str]
    has_next_page: bool
    has_previous_page: bool
    total_count: int


@dataclass(frozen=True)
class SortField:
    """One ordering column, how to read its cursor value back, and its direction."""

    column: ColumnElement[Any] | QueryableAttribute[Any]
    parse: Callable[[str], Any]
    descending: bool = False


@dataclass(frozen=True)
class SortKey:
    """The ordered fields of a listing; the last one must be unique so the order is total."""

    fields: tuple[SortField, ...]

    def after(self, cursor: str) -> ColumnElement[bool]:
        raw = decode_cursor(cursor, len(self.fields))
        try:
            values = [field.parse(value) for field, value in zip(self.fields, raw, strict=True)]
        except (ValueError, TypeError) as error:
            raise BadInput(CURSOR_ERROR) from error
        return _strictly_after(self.fields, values)

    def apply(self, query: Select[Any], page: PageRequest) -> Select[Any]:
        if page.after is not None:
            query = query.where(self.after(page.after))
        ordering = [field.column.desc() if field.descending else field.column for field in self.fields]
        return query.order_by(*ordering).limit(page.first + 1)


def _strictly_after(fields: Sequence[SortField], values: Sequence[Any]) -> ColumnElement[bool]:
    """(a, b) > (x, y) in the listing's order, written portably."""
    head, value = fields[0], values[0]
    beyond: ColumnElement[bool] = head.column < value if head.descending else head.column > value
    if len(fields) == 1:
        return beyond
    return or_(beyond, and_(head.column == value, _strictly_after(fields[1:], values[1:])))


async def paginate(
    session: AsyncSession,
    query: Select[T],
    *,
    sort: SortKey,
    page: PageRequest,
    key_of: Callable[[T], Sequence[Any]],
    count_in_scan: bool = False,
) -> Page[T]:
    """Run one page of `query` (already filtered, one entity per row) plus its total count.

    `count_in_scan`: the order cannot be walked from an index, so the database reads every filtered
    row to sort them anyway; a first page then counts them in the same scan (a window count) rather
    than in a second query that reads them all again. Where an index gives the order, a window count
    would make the database read every row instead of stopping after the page: never set it there.
    """
    if count_in_scan and page.after is None:
        counted = sort.apply(query.add_columns(func.count().over()), page)
        found = (await session.execute(counted)).all()
        total = int(found[0][1]) if found else 0
        return _page([row[0] for row in found], page, total, key_of)
    total = await _count(session, query)
    rows = list((await session.scalars(sort.apply(query, page))).all())
    return _page(rows, page, total, key_of)


async def paginate_rows(
    session: AsyncSession,
    query: Select[Any],
    *,
    sort: SortKey,
    page: PageRequest,
    key_of: Callable[[Row[Any]], Sequence[Any]],
) -> Page[Row[Any]]:
    """Like `paginate` for queries returning several entities per row (e.g. a match and its posting)."""
    total = await _count(session, query)
    rows = list((await session.execute(sort.apply(query, page))).all())
    return _page(rows, page, total, key_of)


async def _count(session: AsyncSession, query: Select[Any]) -> int:
    total = await session.scalar(select(func.count()).select_from(query.order_by(None).subquery()))
    return int(total or 0)


def _page(rows: list[T], page: PageRequest, total: int, key_of: Callable[[T], Sequence[Any]]) -> Page[T]:
    items = rows[: page.first]
    return Page(
        items=items,
        cursors=[encode_cursor(key_of(item)) for item in items],
        has_next_page=len(rows) > page.first,
        has_previous_page=page.after is not None,
        total_count=total,
    )


def page_of_sequence(items: Sequence[T], page: PageRequest) -> Page[T]:
    """Cursor pagination over an in-memory, stably ordered sequence (the shipped framework)."""
    start = 0
    if page.after is not None:
        (raw,) = decode_cursor(page.after, 1)
        if not raw.isdigit():
            raise BadInput(CURSOR_ERROR)
        start = int(raw) + 1
    chosen = list(items[start : start + page.first])
    return Page(
        items=chosen,
        cursors=[encode_cursor([start + offset]) for offset in range(len(chosen))],
        has_next_page=start + page.first < len(items),
        has_previous_page=start > 0,
        total_count=len(items),
    )
