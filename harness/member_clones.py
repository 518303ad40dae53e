"""Many members in seconds, for benchmarks at scale: copies of the demo members, made in SQL.

The demo loader builds each member through the ORM (title normalisation, flushes, one outbox event
each): about right for thousands, far too slow for 100,000. Here a few thousand demo members are
loaded the ordinary way, then copied server-side (`INSERT … SELECT` over `generate_series`) with new
ids and e-mails: the copies have the same profiles, so the pool keeps the demo's spread of scores.
No outbox event is written for the copies: a worker started afterwards loads them with the pool.
PostgreSQL only (gen_random_uuid).
"""

from __future__ import annotations

from sqlalchemy import Table, text
from sqlalchemy.ext.asyncio import AsyncSession

from server.models.accounts import User, UserRole
from server.models.members import MemberCompetency, MemberExperience, MemberLanguage, MemberProfile

MAP = "member_clone_map"


def _copy(table: Table, replaced: dict[str, str], key: str) -> str:
    """INSERT … SELECT of `table`'s rows for every copy, `replaced` giving the new columns' SQL."""
    columns = [column.name for column in table.columns]
    selected = ", ".join(replaced.get(name, f"t.{name}") for name in columns)
    return (
        f"INSERT INTO {table.name} ({', '.join(columns)}) SELECT {selected} "  # noqa: S608 — model names
        f"FROM {table.name} t JOIN {MAP} m ON m.old_id = t.{key}"
    )


async def clone_members(session: AsyncSession, copies: int) -> int:
    """Add `copies` copies of every member present; returns how many members were added."""
    if copies < 1:
        return 0
    await session.execute(
        text(
            f"CREATE TEMP TABLE {MAP} ON COMMIT DROP AS "  # noqa: S608 — a constant name
            "SELECT u.id AS old_id, gen_random_uuid() AS new_id, g.n AS n "
            "FROM users u CROSS JOIN generate_series(1, :copies) AS g(n) WHERE u.role = :role"
        ),
        {"copies": copies, "role": UserRole.MEMBER.value},
    )
    new_id = "m.new_id"
    statements = [
        _copy(
            User.__table__,  # type: ignore[arg-type]
            {"id": new_id, "email": "'c' || m.n || '.' || t.email"},
            "id",
        ),
        _copy(
            MemberProfile.__table__,  # type: ignore[arg-type]
            {"user_id": new_id, "membership_number": "NULL"},
            "user_id",
        ),
        _copy(MemberCompetency.__table__, {"user_id": new_id}, "user_id"),  # type: ignore[arg-type]
        _copy(MemberLanguage.__table__, {"user_id": new_id}, "user_id"),  # type: ignore[arg-type]
        _copy(
            MemberExperience.__table__,  # type: ignore[arg-type]
            {"id": "gen_random_uuid()", "user_id": new_id},
            "user_id",
        ),
    ]
    for statement in statements:
        await session.execute(text(statement))
    added = await session.scalar(text(f"SELECT count(*) FROM {MAP}"))  # noqa: S608 — a constant name
    await session.execute(text("ANALYZE"))
    return int(added or 0)
