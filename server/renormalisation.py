"""Re-normalise the saved titles affected by a framework change (a review-queue resolution).

A composer where the framework meets the domains that store titles (postings, members).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from matching.normaliser import Normaliser
from server.db import transaction
from server.framework.service import live_normaliser
from server.jobs.context import JobContext
from server.members.titles import renormalise_member_titles
from server.postings.titles import renormalise_posting_titles

# A source re-normalises its own titles whose review key equals `key`; returns how many changed.
TitleSource = Callable[[AsyncSession, Normaliser, str], Awaitable[int]]


def title_sources() -> list[TitleSource]:
    """The domains that store titles; they depend on the framework, which does not know them."""
    return [renormalise_posting_titles, renormalise_member_titles]


async def renormalise_titles(context: JobContext, payload: dict[str, Any]) -> None:
    """Idempotent: re-normalising twice with the same framework gives the same result."""
    key = str(payload["key"])
    async with transaction(context.session_factory) as session:
        normaliser = await live_normaliser(session)
        for source in title_sources():
            await source(session, normaliser, key)
