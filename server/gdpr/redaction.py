"""Erasure reaches free text written by others: the member's name, e-mail and phone numbers are
replaced wherever staff or partners may have typed them (notes, timelines, descriptions, comments…).

Every text column of every table is scanned (read from the ORM metadata, so a new table is covered
without a change here). It is a scan per column and per value: erasures are rare (a member's request,
or the retention job), and completeness matters more than speed here.
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import JSON, String, Text, cast, func, update
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.ext.asyncio import AsyncSession

from server.db import Base

REDACTED = "[donnée effacée]"
PHONE = re.compile(r"(?:\+33\s?|0)[1-9](?:[\s.-]?\d{2}){4}")
# the erased account's own row is rewritten by the caller; these columns hold no free text
SKIPPED = frozenset({("users", "email"), ("users", "full_name"), ("users", "password_hash")})
MIN_NEEDLE = 5  # shorter values (« Léa ») would redact unrelated words


def phones_in(*texts: str | None) -> set[str]:
    """The phone numbers a member wrote in their own texts, as written."""
    return {match.group(0) for text in texts if text for match in PHONE.finditer(text)}


def needles_of(full_name: str, email: str, phones: set[str]) -> list[str]:
    """What identifies the member in someone else's text, longest first (a name inside an e-mail)."""
    values = {full_name.strip(), email.strip(), email.strip().lower(), *phones}
    return sorted((value for value in values if len(value) >= MIN_NEEDLE), key=len, reverse=True)


async def redact_everywhere(session: AsyncSession, needles: list[str]) -> None:
    """Text columns are rewritten in place; JSON ones (audit changes, traces) through their text."""
    if not needles:
        return
    postgres = session.get_bind().dialect.name == "postgresql"
    for table in Base.metadata.sorted_tables:
        for column in table.columns:
            if (table.name, column.name) in SKIPPED or getattr(column.type, "enums", None):
                continue  # enum columns are stored as strings but hold no free text
            is_json = isinstance(column.type, JSON)
            if not (is_json or isinstance(column.type, String | Text)):
                continue
            as_text = cast(column, Text) if is_json else column
            for needle in needles:
                replaced: Any = func.replace(as_text, needle, REDACTED)
                if is_json and postgres:
                    replaced = cast(replaced, JSONB)
                await session.execute(
                    update(table)
                    .where(as_text.contains(needle, autoescape=True))
                    .values({column.name: replaced})
                )
