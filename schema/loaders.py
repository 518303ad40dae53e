"""DataLoaders built per request: one query per batch of keys, never one per row."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable, Hashable, Sequence
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass
from typing import TypeVar

from sqlalchemy.ext.asyncio import AsyncSession
from strawberry.dataloader import DataLoader

from matching.scoring import Explanation
from server.accounts.repository import users_by_ids
from server.matching.explanations import KnownInputs, Reading, explanations_for_readings
from server.models.accounts import User
from server.models.partners import Partner, PartnershipTier
from server.partners.repository import partners_by_ids, tiers_by_codes
from server.postings.repository import (
    CompetencyRow,
    LanguageRow,
    MatchCounts,
    competency_rows_by_posting_ids,
    language_rows_by_posting_ids,
    match_counts_by_posting_ids,
)

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


SessionScope = Callable[[], AbstractAsyncContextManager[AsyncSession]]


def keyed_loader(
    scope: SessionScope,
    fetch: Callable[[AsyncSession, list[K]], Awaitable[dict[K, V]]],
) -> DataLoader[K, V | None]:
    """A loader whose batch reads through the request's session and returns values aligned with the keys."""

    async def load(keys: Sequence[K]) -> list[V | None]:
        async with scope() as session:
            found = await fetch(session, list(keys))
        return [found.get(key) for key in keys]

    return DataLoader(load_fn=load)


@dataclass(frozen=True)
class Loaders:
    """The request's loaders, typed: `info.context.loaders.partner_by_id` is checked by mypy."""

    partner_by_id: DataLoader[uuid.UUID, Partner | None]
    tier_by_code: DataLoader[str, PartnershipTier | None]
    user_by_id: DataLoader[uuid.UUID, User | None]
    competencies_by_posting_id: DataLoader[uuid.UUID, list[CompetencyRow] | None]
    languages_by_posting_id: DataLoader[uuid.UUID, list[LanguageRow] | None]
    explanation_by_reading: DataLoader[Reading, Explanation | None]
    match_counts_by_posting_id: DataLoader[uuid.UUID, MatchCounts | None]
    known_inputs: KnownInputs  # what the request's resolvers already read for the engine

    @classmethod
    def for_request(cls, factory: SessionScope) -> Loaders:
        """Fresh loaders for one request: their caches never outlive it."""
        known = KnownInputs()

        async def explanations(session: AsyncSession, readings: list[Reading]) -> dict[Reading, Explanation]:
            return await explanations_for_readings(session, readings, known)

        return cls(
            partner_by_id=keyed_loader(factory, partners_by_ids),
            tier_by_code=keyed_loader(factory, tiers_by_codes),
            user_by_id=keyed_loader(factory, users_by_ids),
            competencies_by_posting_id=keyed_loader(factory, competency_rows_by_posting_ids),
            languages_by_posting_id=keyed_loader(factory, language_rows_by_posting_ids),
            explanation_by_reading=keyed_loader(factory, explanations),
            match_counts_by_posting_id=keyed_loader(factory, match_counts_by_posting_ids),
            known_inputs=known,
        )
