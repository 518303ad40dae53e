"""The member pool a worker process keeps between jobs, refreshed with only the members who changed.

Loading every eligible member for each published posting would cost far more than matching them.
Every change of a member's matching data, visibility or account records a `match_member` outbox
event; the cache reloads just those members (and rebuilds the arrays, about 1 s per 100,000 members)
instead of everyone. It reloads all members when the framework changes, when many members changed
at once, and every RELOAD_EVERY: an event committed after a newer one was read is caught by the
window of recent events re-read at each refresh, and the periodic reload bounds anything else.
"""

from __future__ import annotations

import asyncio
import time
import uuid
from dataclasses import dataclass, field

from sqlalchemy.ext.asyncio import AsyncSession

from matching.framework import Framework
from matching.scoring import MemberPool, MemberProfile
from server.matching import repository

RELOAD_EVERY_SECONDS = 900.0
RECENT_EVENTS = 10_000  # outbox ids re-read behind the newest seen, for changes that committed late
FULL_RELOAD_SHARE = 0.1  # beyond this share of the pool changed, reloading everyone is cheaper


@dataclass
class CachedPool:
    checksum: str
    revision: int  # newest member-change event applied
    pool: MemberPool
    members: dict[str, MemberProfile]
    loaded_at: float
    applied: set[int] = field(default_factory=set)  # recent event ids already applied


class MemberPoolCache:
    def __init__(self) -> None:
        self._cached: CachedPool | None = None
        self._lock = asyncio.Lock()

    def invalidate(self) -> None:
        """The next `get` reloads every member."""
        self._cached = None

    async def get(self, session: AsyncSession, framework: Framework) -> CachedPool:
        async with self._lock:
            self._cached = await _fresh(session, framework, self._cached)
            return self._cached


async def _fresh(session: AsyncSession, framework: Framework, cached: CachedPool | None) -> CachedPool:
    if (
        cached is None
        or cached.checksum != framework.checksum
        or time.monotonic() - cached.loaded_at > RELOAD_EVERY_SECONDS
    ):
        return await _load_all(session, framework)
    if await repository.member_changes_revision(session) == cached.revision:
        return cached
    return await _refresh(session, framework, cached)


async def _load_all(session: AsyncSession, framework: Framework) -> CachedPool:
    revision = await repository.member_changes_revision(session)
    recent = await repository.member_changes_after(session, revision - RECENT_EVENTS)
    members = await repository.eligible_member_inputs(session)
    return CachedPool(
        checksum=framework.checksum,
        revision=revision,
        pool=MemberPool.build(members, framework),
        members={member.member_id: member for member in members},
        loaded_at=time.monotonic(),
        applied={event_id for event_id, _ in recent if event_id <= revision},
    )


async def _refresh(session: AsyncSession, framework: Framework, cached: CachedPool) -> CachedPool:
    recent = await repository.member_changes_after(session, cached.revision - RECENT_EVENTS)
    events = [(event_id, member) for event_id, member in recent if event_id not in cached.applied]
    changed: set[uuid.UUID] = {member for _, member in events}
    if len(changed) > max(100, FULL_RELOAD_SHARE * len(cached.members)):
        return await _load_all(session, framework)
    members = dict(cached.members)
    for member_id in changed:
        members.pop(str(member_id), None)  # hidden, deactivated or erased: out of the pool
    for member in await repository.eligible_member_inputs(session, list(changed)):
        members[member.member_id] = member
    revision = max([cached.revision, *(event_id for event_id, _ in events)])
    ordered = [members[key] for key in sorted(members)]  # the order a full load gives (ties, top-k)
    return CachedPool(
        checksum=cached.checksum,
        revision=revision,
        pool=MemberPool.build(ordered, framework),
        members=members,
        loaded_at=cached.loaded_at,
        applied={
            event_id
            for event_id in cached.applied | {e for e, _ in events}
            if event_id > revision - RECENT_EVENTS
        },
    )


member_pools = MemberPoolCache()
