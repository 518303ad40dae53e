"""Load a profession-sized data set through the product's bulk paths (the scale bench's generator).

Demo partners come from the demo loader; members, postings and their children go through
`server.kit.bulk.upsert_rows` (one `INSERT … SELECT FROM unnest` per chunk on PostgreSQL) and
matches through the matching repository's `upsert_matches`, as a matching job writes them.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker
from sqlalchemy.orm import DeclarativeBase

from harness.scale_people import MemberRows, Titles, member_rows
from harness.scale_postings import PartnerPlace, Roles, match_rows, posting_rows
from matching import load_framework
from server.accounts.secrets import hash_password
from server.db import transaction, utcnow
from server.demo.loader import DEMO_PASSWORD
from server.demo.partners import load_demo_partners
from server.kit.bulk import upsert_rows
from server.matching.repository import upsert_matches
from server.models.accounts import User
from server.models.members import MemberCompetency, MemberExperience, MemberLanguage, MemberProfile
from server.models.partners import PartnerStatus
from server.models.postings import Posting, PostingCompetency

CHUNK = 5_000
SEED = 13


@dataclass(frozen=True)
class Scale:
    members: int = 100_000
    postings: int = 5_000
    matches: int = 1_000_000


@dataclass
class Loaded:
    """What the bench draws its requests from."""

    member_ids: list[uuid.UUID] = field(default_factory=list)
    posting_ids: list[uuid.UUID] = field(default_factory=list)


async def _insert(
    factory: async_sessionmaker[AsyncSession],
    model: type[DeclarativeBase],
    rows: Sequence[dict[str, Any]],
    conflict: tuple[str, ...],
) -> None:
    for start in range(0, len(rows), CHUNK):
        async with transaction(factory) as session:
            await upsert_rows(session, model, rows[start : start + CHUNK], conflict=conflict)


async def _members(factory: async_sessionmaker[AsyncSession], count: int, loaded: Loaded) -> None:
    rng = random.Random(SEED)  # noqa: S311 — generated bench data, reproducible on purpose
    framework, titles = load_framework(), Titles.build()
    password_hash, now = hash_password(DEMO_PASSWORD), utcnow()
    for start in range(0, count, CHUNK):
        batch: list[MemberRows] = [
            member_rows(i, rng, framework, titles, password_hash, now)
            for i in range(start, min(count, start + CHUNK))
        ]
        await _insert(factory, User, [m.user for m in batch], ("id",))
        await _insert(factory, MemberProfile, [m.profile for m in batch], ("user_id",))
        await _insert(factory, MemberExperience, [e for m in batch for e in m.experiences], ("id",))
        await _insert(
            factory,
            MemberCompetency,
            [c for m in batch for c in m.competencies],
            ("user_id", "competency_id"),
        )
        await _insert(
            factory, MemberLanguage, [x for m in batch for x in m.languages], ("user_id", "language")
        )
        loaded.member_ids += [m.user["id"] for m in batch if m.profile["visibility"] != "hidden"]


async def _postings(factory: async_sessionmaker[AsyncSession], count: int, loaded: Loaded) -> None:
    rng = random.Random(SEED + 1)  # noqa: S311 — as above
    async with transaction(factory) as session:
        partners = await load_demo_partners(session, hash_password(DEMO_PASSWORD))
    places = [
        PartnerPlace(p.id, p.name, p.postal_code, p.commune, p.departement)
        for p in partners
        if p.status is PartnerStatus.ACTIVE
    ]
    framework, roles, now = load_framework(), Roles.build(), utcnow()
    built = [posting_rows(i, rng, places[i % len(places)], roles, framework, now) for i in range(count)]
    await _insert(factory, Posting, [row for row, _ in built], ("id",))
    await _insert(
        factory, PostingCompetency, [c for _, cs in built for c in cs], ("posting_id", "competency_id")
    )
    loaded.posting_ids = [row["id"] for row, _ in built]


async def _matches(factory: async_sessionmaker[AsyncSession], count: int, loaded: Loaded) -> None:
    """`count` matches spread evenly over the postings, each with distinct consenting members."""
    rng = random.Random(SEED + 2)  # noqa: S311 — as above
    per_posting = min(len(loaded.member_ids), max(1, count // max(1, len(loaded.posting_ids))))
    now = utcnow()
    pending: list[dict[str, Any]] = []
    for posting_id in loaded.posting_ids:
        pending += match_rows(rng, posting_id, rng.sample(loaded.member_ids, per_posting), now)
        if len(pending) >= CHUNK:
            async with transaction(factory) as session:
                await upsert_matches(session, pending)
            pending = []
    if pending:
        async with transaction(factory) as session:
            await upsert_matches(session, pending)


async def load_scale(
    factory: async_sessionmaker[AsyncSession], scale: Scale, progress: Callable[[str], None]
) -> Loaded:
    loaded = Loaded()
    await _members(factory, scale.members, loaded)
    progress(f"{scale.members} membres")
    await _postings(factory, scale.postings, loaded)
    progress(f"{scale.postings} offres")
    await _matches(factory, scale.matches, loaded)
    progress(f"{scale.matches} correspondances")
    return loaded


async def loaded_ids(factory: async_sessionmaker[AsyncSession]) -> Loaded:
    """The ids of a database loaded earlier (a re-run on a kept database)."""
    async with factory() as session:
        members = (await session.scalars(text("SELECT DISTINCT member_user_id FROM matches"))).all()
        postings = (await session.scalars(select(Posting.id).where(Posting.status == "open"))).all()
    return Loaded(member_ids=list(members), posting_ids=list(postings))


async def vacuum_analyze(engine: AsyncEngine) -> None:
    """Statistics and visibility maps, as autovacuum leaves them on a database in service.

    Outside a transaction (VACUUM refuses one; a rolled-back ANALYZE would leave no statistics).
    """
    async with engine.connect() as connection:
        autocommit = await connection.execution_options(isolation_level="AUTOCOMMIT")
        await autocommit.exec_driver_sql("VACUUM ANALYZE")
