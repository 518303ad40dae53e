"""Request overhead: database round trips per request, counted through HTTP."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from sqlalchemy import text

from server.app import create_app
from server.settings import Settings
from tests.api.postings_helpers import CREATE_ROLE, POSTING_FIELDS, create_role, partner_user, role_input
from tests.conftest import BACKEND
from tests.support import counting_round_trips, gql

POSTINGS_PAGE = f"{{ postings(first: 50) {{ edges {{ cursor node {{ {POSTING_FIELDS} }} }} totalCount }} }}"
AGENDA = [{"competencyId": "gestion_agenda", "level": 2, "required": True}]
# BEGIN, the token's user, the page, its count, competencies, languages, partners, ROLLBACK
POSTINGS_PAGE_ROUND_TRIPS = 8


async def test_typename_makes_no_database_round_trip(client: Any, app: Any, session_factory: Any) -> None:
    token, _ = await partner_user(session_factory)
    engine = app.state.runtime.engine
    for bearer in (None, token):  # signed out, and signed in (the token is not even looked up)
        with counting_round_trips(engine) as trips:
            body = await gql(client, "{ __typename }", token=bearer)
        assert body == {"data": {"__typename": "Query"}}
        assert trips == []


async def test_a_partner_postings_page_costs_a_fixed_number_of_round_trips(
    client: Any, app: Any, session_factory: Any
) -> None:
    # given a partner with a few postings, then with more
    token, _ = await partner_user(session_factory)
    engine = app.state.runtime.engine
    counts = []
    for total in (2, 6):
        while len((await gql(client, POSTINGS_PAGE, token=token))["data"]["postings"]["edges"]) < total:
            await create_role(client, token, competencies=AGENDA)
        # when the partner reads its postings page with every nested field
        with counting_round_trips(engine) as trips:
            body = await gql(client, POSTINGS_PAGE, token=token)
        assert "errors" not in body, body
        assert len(body["data"]["postings"]["edges"]) == total
        counts.append(len(trips))
    # then the round trips do not grow with the page, and stay within one transaction's worth
    assert counts[0] == counts[1], counts
    assert counts[1] <= POSTINGS_PAGE_ROUND_TRIPS, trips


@pytest.fixture
async def one_connection_client(settings: Settings, app: Any) -> AsyncIterator[tuple[httpx.AsyncClient, Any]]:
    """A second API on the same database whose pool holds a single connection, so a test can drop it."""
    lone = create_app(
        settings.model_copy(update={"db_pool_size": 1, "db_max_overflow": 0}), check_schema=False
    )
    async with lone.router.lifespan_context(lone):
        await lone.state.runtime.warm.done.wait()
        transport = httpx.ASGITransport(app=lone, client=("203.0.113.8", 4321))
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
            yield http, lone.state.runtime.engine


async def _drop_pooled_connection(engine: Any, app: Any) -> None:
    """Terminate the connection sitting in `engine`'s pool from another connection, as a restart would."""
    async with engine.connect() as connection:
        pid = (await connection.execute(text("SELECT pg_backend_pid()"))).scalar_one()
    async with app.state.runtime.engine.connect() as other:
        await other.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})


@pytest.mark.skipif(BACKEND != "postgres", reason="a server-side dropped connection needs PostgreSQL")
async def test_a_dropped_pooled_connection_is_retried_once_not_shown_to_the_caller(
    one_connection_client: tuple[httpx.AsyncClient, Any], app: Any, session_factory: Any
) -> None:
    client, engine = one_connection_client
    token, _ = await partner_user(session_factory)
    # a read
    await _drop_pooled_connection(engine, app)
    body = await gql(client, POSTINGS_PAGE, token=token)
    assert "errors" not in body, body
    # a write
    await _drop_pooled_connection(engine, app)
    body = await gql(client, CREATE_ROLE, {"input": role_input()}, token)
    assert body["data"]["createRole"]["errors"] == [], body
    assert body["data"]["createRole"]["posting"]["title"] == role_input()["title"]
