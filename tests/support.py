"""Helpers for tests: call GraphQL over HTTP like a client, and build accounts through the services."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx
from redis.asyncio import Redis
from sqlalchemy import Table, event, func, select
from sqlalchemy.ext.asyncio import AsyncEngine

from harness.accounts import (
    PASSWORD,
    VALID_SIRENS,
    cached_hash,
    create_partner,
    create_user,
    issue_token,
)
from server.db import Base, utcnow
from server.models.outbox import OutboxEvent
from server.partners.defaults import DEFAULT_TIERS

__all__ = [
    "PASSWORD",
    "VALID_SIRENS",
    "cached_hash",
    "create_partner",
    "create_user",
    "issue_token",
    "settle_jobs",
]
ARQ_QUEUE = "arq:queue"  # arq's default queue, which `passerelle worker` consumes


async def gql(
    client: httpx.AsyncClient,
    query: str,
    variables: dict[str, Any] | None = None,
    token: str | None = None,
) -> dict[str, Any]:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    response = await client.post(
        "/graphql", json={"query": query, "variables": variables or {}}, headers=headers
    )
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def error_codes(body: dict[str, Any]) -> list[str]:
    return [error["extensions"]["code"] for error in body.get("errors", [])]


LOGIN = """mutation($email: String!, $password: String!) {
  login(email: $email, password: $password) { token user { id role } errors { field message code } }
}"""


async def login(client: httpx.AsyncClient, email: str, password: str = PASSWORD) -> str:
    body = await gql(client, LOGIN, {"email": email, "password": password})
    token = body["data"]["login"]["token"]
    assert token, body
    return str(token)


@contextmanager
def counting_queries(engine: Any) -> Iterator[list[str]]:
    """The SQL statements run on `engine` inside the block (the outbox relay's polls left out)."""
    statements: list[str] = []

    def count(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        if " outbox" not in statement:  # the background relay polls the same engine
            statements.append(statement)

    event.listen(engine.sync_engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(engine.sync_engine, "before_cursor_execute", count)


async def _queued(redis: Redis | None) -> int:
    """Jobs in arq's queue that are due (a job stays there until it ends, its retries with a later score)."""
    return 0 if redis is None else int(await redis.zcount(ARQ_QUEUE, "-inf", time.time() * 1000))


async def _undelivered(app: Any) -> int:
    async with app.state.runtime.session_factory() as session:
        waiting = await session.scalar(
            select(func.count())
            .select_from(OutboxEvent)
            .where(OutboxEvent.delivered_at.is_(None), OutboxEvent.available_at <= utcnow())
        )
    return int(waiting or 0)


async def settle_jobs(app: Any, *, within: float = 60.0) -> None:
    """Wait until every job due now has run to its end, on either path, so that a test's own writes
    do not race with a job it did not control (a match job rewriting hand-inserted matches…).

    Embedded pass: the in-process relay marks an outbox row delivered only after running its job, and
    a job's own rows are committed before that: no undelivered row means nothing runs. PostgreSQL
    pass: the worker's relay puts a job in arq's queue before marking its row delivered, and arq keeps
    it there until it ends; reading the queue, the outbox, then the queue again sees a job wherever
    it is. Retries deferred to later are not waited for.
    """
    runtime = app.state.runtime
    url = runtime.settings.redis_url
    redis = None if url is None else Redis.from_url(url)
    deadline = time.monotonic() + within
    try:
        while await _queued(redis) or await _undelivered(app) or await _queued(redis):
            if time.monotonic() > deadline:
                raise AssertionError(f"jobs still running after {within} s")
            if runtime.relay is not None:
                runtime.relay.wake()
            await asyncio.sleep(0.05)
    finally:
        if redis is not None:
            await redis.aclose()


async def empty_tables(engine: AsyncEngine) -> None:
    """Every table emptied, the default partnership tiers put back: the state a test starts from."""
    async with engine.begin() as connection:
        for table in reversed(Base.metadata.sorted_tables):
            await connection.execute(table.delete())
        tiers = Base.metadata.tables["partnership_tiers"]
        await connection.execute(tiers.insert(), [dict(tier) for tier in DEFAULT_TIERS])


Snapshot = list[tuple[Table, list[dict[str, Any]]]]


async def snapshot_tables(engine: AsyncEngine) -> Snapshot:
    """Every row of every non-empty table, parents first: a world built once, to restore many times."""
    found: Snapshot = []
    async with engine.connect() as connection:
        for table in Base.metadata.sorted_tables:
            rows = [dict(row) for row in (await connection.execute(select(table))).mappings()]
            if rows:
                found.append((table, rows))
    return found


async def restore_tables(engine: AsyncEngine, snapshot: Snapshot) -> None:
    """Put a snapshot back, same ids, in one transaction: every table holds exactly its rows again."""
    async with engine.begin() as connection:
        for table in reversed(Base.metadata.sorted_tables):
            await connection.execute(table.delete())
        for table, rows in snapshot:
            await connection.execute(table.insert(), rows)


@contextmanager
def counting_round_trips(engine: Any) -> Iterator[list[str]]:
    """Every database round trip on `engine` in the block: BEGIN, each statement, COMMIT / ROLLBACK.

    Counted per transaction, so that others can be left out whole: the background outbox relay's,
    and those that began before the block (a job or an earlier request finishing during it: its
    COMMIT alone once made a page look one round trip dearer).
    """
    trips: list[str] = []
    open_transactions: dict[int, list[str]] = {}
    earlier = "(began before the block)"

    def began(conn: Any) -> None:
        open_transactions[id(conn)] = ["BEGIN"]

    def statement(conn: Any, cursor: Any, text: str, *args: Any) -> None:
        open_transactions.setdefault(id(conn), [earlier]).append(text)

    def ended(name: str) -> Any:
        def end(conn: Any) -> None:
            done = [*open_transactions.pop(id(conn), [earlier]), name]
            if done[0] != earlier and not any(" outbox" in text for text in done):
                trips.extend(done)

        return end

    listeners = [
        ("begin", began),
        ("before_cursor_execute", statement),
        ("commit", ended("COMMIT")),
        ("rollback", ended("ROLLBACK")),
    ]
    for name, listener in listeners:
        event.listen(engine.sync_engine, name, listener)
    try:
        yield trips
    finally:
        for name, listener in listeners:
            event.remove(engine.sync_engine, name, listener)
        for pending in open_transactions.values():  # a transaction still open counts as far as it went
            if pending[0] != earlier and not any(" outbox" in text for text in pending):
                trips.extend(pending)
