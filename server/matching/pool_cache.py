"""The member pool a worker process keeps between jobs.

Loading every eligible member for each published posting would cost far more than matching them; the
pool is rebuilt only when a member changed since (their revision) or the framework changed.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from matching.framework import Framework
from matching.scoring import MemberPool, MemberProfile
from server.matching import repository


@dataclass(frozen=True)
class CachedPool:
    key: tuple[object, ...]
    pool: MemberPool
    members: dict[str, MemberProfile]


class MemberPoolCache:
    def __init__(self) -> None:
        self._cached: CachedPool | None = None
        self._lock = asyncio.Lock()

    async def get(self, session: AsyncSession, framework: Framework) -> CachedPool:
        key = (await repository.member_changes_revision(session), framework.checksum)
        async with self._lock:
            if self._cached is None or self._cached.key != key:
                members = await repository.eligible_member_inputs(session)
                self._cached = CachedPool(key=key, pool=MemberPool.build(members, framework),
                                          members={member.member_id: member for member in members})
            return self._cached


member_pools = MemberPoolCache()
