"""Listings read the large tables through indexes on PostgreSQL: no sequential scan of a large table.

Staff text searches use the pg_trgm indexes; a member's opportunities, a posting's candidates and the
members listings (newest first, by occupation and département) use B-tree indexes (migrations 0010,
0012). bench/scale.py measures the same listings on 100,000 members and 1,000,000 matches.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import pytest
from sqlalchemy import event

from harness.accounts import create_user, issue_token
from server.models.accounts import UserRole
from tests.api.postings_helpers import create_role, partner_user, staff_token
from tests.conftest import BACKEND
from tests.support import gql

pytestmark = pytest.mark.skipif(BACKEND != "postgres", reason="the plans (pg_trgm, EXPLAIN) are PostgreSQL's")

LARGE_TABLES = {
    "users",
    "member_profiles",
    "member_experiences",
    "member_competencies",
    "postings",
    "partners",
    "matches",
    "notifications",
}
PAGE = "{ totalCount edges { node { __typename } } }"


@dataclass(frozen=True)
class Listing:
    query: str  # `{posting}` is replaced by the id of a posting of the caller's company
    caller: str  # "staff", "member" or "partner"
    reads: str  # the statements to explain contain this (lower case)


LISTINGS = {
    "members by name or e-mail": Listing(
        f'{{ members(first: 20, filter: {{search: "mar"}}) {PAGE} }}', "staff", "like"
    ),
    "accounts by name or e-mail": Listing(
        f'{{ users(first: 20, filter: {{search: "mar"}}) {PAGE} }}', "staff", "like"
    ),
    "postings by text": Listing(
        f'{{ postings(first: 20, filter: {{search: "assist"}}) {PAGE} }}', "staff", "like"
    ),
    "partners by name": Listing(
        f'{{ partners(first: 20, filter: {{search: "indus"}}) {PAGE} }}', "staff", "like"
    ),
    "members newest first": Listing(f"{{ members(first: 20) {PAGE} }}", "staff", "from member_profiles"),
    "members by occupation and département": Listing(
        '{ members(first: 20, filter: {occupationIds: ["assistant_direction"], departements: ["69"]}) '
        f"{PAGE} }}",
        "staff",
        "from member_profiles",
    ),
    "a member's opportunities": Listing(f"{{ myMatches(first: 20) {PAGE} }}", "member", "from matches"),
    "a posting's candidates": Listing(
        f'{{ matches(postingId: "{{posting}}", first: 20) {PAGE} }}', "partner", "from matches"
    ),
}


def _seq_scans(plan: dict[str, Any]) -> list[str]:
    found = [plan["Relation Name"]] if plan.get("Node Type") == "Seq Scan" else []
    for child in plan.get("Plans", []):
        found += _seq_scans(child)
    return found


def _whole_reads(plan: dict[str, Any]) -> list[str]:
    """Tables read from end to end (a scan with no condition on its index)."""
    scan = plan.get("Node Type") in ("Seq Scan", "Index Scan", "Index Only Scan")
    found = [plan["Relation Name"]] if scan and "Index Cond" not in plan else []
    for child in plan.get("Plans", []):
        found += _whole_reads(child)
    return found


def _sorted_whole(plan: dict[str, Any]) -> list[str]:
    """Large tables read whole only to be sorted: a page that cannot stop early."""
    if plan.get("Node Type") == "Sort":
        return [table for table in _whole_reads(plan) if table in LARGE_TABLES]
    return [table for child in plan.get("Plans", []) for table in _sorted_whole(child)]


async def _caller(listing: Listing, client: Any, factory: Any) -> tuple[str, str]:
    """A token of the listing's caller, and the query to send (with a posting of theirs if needed)."""
    if listing.caller == "staff":
        return await staff_token(factory), listing.query
    if listing.caller == "member":
        member = await create_user(factory, email="membre@exemple.fr", role=UserRole.MEMBER)
        return await issue_token(factory, member.id), listing.query
    token, _ = await partner_user(factory)
    posting = await create_role(client, token)
    return token, listing.query.replace("{posting}", posting["id"])


async def _statements(engine: Any, reads: str, send: Callable[[], Awaitable[Any]]) -> list[tuple[str, Any]]:
    """The statements run while `send` runs that contain `reads`."""
    statements: list[tuple[str, Any]] = []

    def capture(conn: Any, cursor: Any, statement: str, parameters: Any, *args: Any) -> None:
        if reads in statement.lower() and statement.lstrip().upper().startswith("SELECT"):
            statements.append((statement, parameters))

    event.listen(engine.sync_engine, "before_cursor_execute", capture)
    try:
        await send()
    finally:
        event.remove(engine.sync_engine, "before_cursor_execute", capture)
    return statements


@pytest.mark.parametrize("name", sorted(LISTINGS))
async def test_a_listing_reads_the_large_tables_through_indexes(
    name: str, client: Any, app: Any, session_factory: Any
) -> None:
    # given the statements the API runs for one listing (its count and its page)
    listing = LISTINGS[name]
    token, query = await _caller(listing, client, session_factory)
    engine = app.state.runtime.engine
    bodies: list[dict[str, Any]] = []

    async def send() -> None:
        bodies.append(await gql(client, query, token=token))

    statements = await _statements(engine, listing.reads, send)
    assert "errors" not in bodies[0], bodies[0]
    assert statements, f"the listing ran no statement containing {listing.reads!r}"

    # when PostgreSQL plans them with sequential scans and sorts priced out (the tables here are
    # small; on large ones the planner prefers the indexes anyway): a scan still chosen means no
    # index serves the filter, a sort of a whole table means no index gives the page's order
    async with engine.connect() as connection:
        await connection.exec_driver_sql("SET enable_seqscan = off")
        await connection.exec_driver_sql("SET enable_sort = off")
        if listing.reads == "like":
            # a text search cannot stop early in any index's order: it must find its rows through
            # the trigram indexes. With plain index walks priced out as well, a tiny table cannot
            # hide a missing trigram index behind a walk of its primary key with a filter.
            await connection.exec_driver_sql("SET enable_indexscan = off")
            await connection.exec_driver_sql("SET enable_indexonlyscan = off")
        plans = []
        for statement, parameters in statements:
            result = await connection.exec_driver_sql(f"EXPLAIN (FORMAT JSON) {statement}", parameters)
            raw = result.scalar_one()
            plans.append(raw if isinstance(raw, list) else json.loads(raw))
        await connection.rollback()

    # then no large table is scanned, nor read whole to sort a page (an index gives its order)
    for plan in plans:
        assert not set(_seq_scans(plan[0]["Plan"])) & LARGE_TABLES, json.dumps(plan, indent=1)[:3000]
        assert not _sorted_whole(plan[0]["Plan"]), json.dumps(plan, indent=1)[:3000]
