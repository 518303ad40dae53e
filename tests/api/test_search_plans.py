"""Staff text searches use the pg_trgm indexes on PostgreSQL: no sequential scan of a large table."""

from __future__ import annotations

import json
from typing import Any

import pytest
from sqlalchemy import event

from tests.api.postings_helpers import staff_token
from tests.conftest import BACKEND
from tests.support import gql

pytestmark = pytest.mark.skipif(BACKEND != "postgres", reason="pg_trgm indexes exist on PostgreSQL only")

LARGE_TABLES = {"users", "member_profiles", "postings", "partners"}
PAGE = "{ totalCount edges { node { __typename } } }"
SEARCHES = {
    "members by name or e-mail": f'{{ members(first: 20, filter: {{search: "mar"}}) {PAGE} }}',
    "accounts by name or e-mail": f'{{ users(first: 20, filter: {{search: "mar"}}) {PAGE} }}',
    "postings by text": f'{{ postings(first: 20, filter: {{search: "assist"}}) {PAGE} }}',
    "partners by name": f'{{ partners(first: 20, filter: {{search: "indus"}}) {PAGE} }}',
}


def _seq_scans(plan: dict[str, Any]) -> list[str]:
    found = [plan["Relation Name"]] if plan.get("Node Type") == "Seq Scan" else []
    for child in plan.get("Plans", []):
        found += _seq_scans(child)
    return found


@pytest.mark.parametrize("search", sorted(SEARCHES))
async def test_a_staff_search_reads_the_large_tables_through_indexes(
    search: str, client: Any, app: Any, session_factory: Any
) -> None:
    # given the statements the API runs for one staff search
    token = await staff_token(session_factory)
    engine = app.state.runtime.engine
    statements: list[tuple[str, Any]] = []

    def capture(conn: Any, cursor: Any, statement: str, parameters: Any, *args: Any) -> None:
        if "like" in statement.lower():
            statements.append((statement, parameters))

    event.listen(engine.sync_engine, "before_cursor_execute", capture)
    try:
        body = await gql(client, SEARCHES[search], token=token)
    finally:
        event.remove(engine.sync_engine, "before_cursor_execute", capture)
    assert "errors" not in body, body
    assert statements, "the search ran no LIKE statement"

    # when PostgreSQL plans them with sequential scans priced out (the tables here are small; on
    # large ones the planner prefers the indexes anyway): a scan still chosen means no index serves
    async with engine.connect() as connection:
        await connection.exec_driver_sql("SET enable_seqscan = off")
        plans = []
        for statement, parameters in statements:
            result = await connection.exec_driver_sql(f"EXPLAIN (FORMAT JSON) {statement}", parameters)
            raw = result.scalar_one()
            plans.append(raw if isinstance(raw, list) else json.loads(raw))
        await connection.rollback()

    # then no large table is read whole
    for plan in plans:
        assert not set(_seq_scans(plan[0]["Plan"])) & LARGE_TABLES, json.dumps(plan, indent=1)[:3000]
