"""The demo members: realistic, varied, deterministic and idempotent."""

from __future__ import annotations

import time
from collections import Counter
from typing import Any

from sqlalchemy import delete, func, select

from server.db import transaction
from server.demo.members import EMAIL_DOMAIN, load_demo_members
from server.members import repository
from server.models.accounts import User
from server.models.members import ConsentRecord, MemberProfile, Visibility
from tests.support import PASSWORD, cached_hash, login


async def test_demo_members_are_varied_normalised_and_loaded_once(client: Any, session_factory: Any) -> None:
    # when the demo loads its members twice
    started = time.perf_counter()
    async with transaction(session_factory) as session:
        created = await load_demo_members(session, 200, password_hash=cached_hash(PASSWORD))
    elapsed = time.perf_counter() - started
    async with transaction(session_factory) as session:
        again = await load_demo_members(session, 200, password_hash=cached_hash(PASSWORD))

    # then 200 members exist, once
    assert (created, again) == (200, 0)
    assert elapsed < 30, f"demo members took {elapsed:.1f} s"
    async with session_factory() as session:
        users = list(await session.scalars(select(User).where(User.email.like(f"%@{EMAIL_DOMAIN}"))))
        profiles = await repository.profiles_by_user_ids(session, [u.id for u in users])
        consents = await session.scalar(select(func.count()).select_from(ConsentRecord))
    assert len(users) == len(profiles) == 200
    assert consents is not None and consents >= 200

    # and they are varied: titles as written, occupations, places, visibility, offers
    values = list(profiles.values())
    assert len({p.headline_title for p in values}) >= 40
    assert len({p.headline_occupation_id for p in values}) >= 15
    assert sum(p.headline_occupation_id is not None for p in values) >= 0.85 * len(values)
    assert len({p.departement for p in values}) >= 15
    visibility = Counter(p.visibility for p in values)
    assert all(visibility[v] >= 30 for v in Visibility)
    assert sum(bool(p.offers) for p in values) >= 30
    assert all(p.competencies and p.experiences for p in values)
    assert all(1 <= c.level <= 4 for p in values for c in p.competencies)
    assert all(e.end_month is None or e.end_month >= e.start_month for p in values for e in p.experiences)
    # and they can sign in with the demo password
    await login(client, users[0].email)


async def test_demo_members_are_deterministic(session_factory: Any) -> None:
    async with transaction(session_factory) as session:
        await load_demo_members(session, 5, password_hash=cached_hash(PASSWORD))
        first = sorted((u.email, p.headline_title) for u, p in await _rows(session))
        await session.execute(delete(MemberProfile))
        await session.execute(delete(User))
        await load_demo_members(session, 5, password_hash=cached_hash(PASSWORD))
        second = sorted((u.email, p.headline_title) for u, p in await _rows(session))
    assert first == second and len(first) == 5


async def _rows(session: Any) -> list[Any]:
    result = await session.execute(select(User, MemberProfile).join(MemberProfile))
    return list(result.all())
