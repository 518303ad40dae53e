"""Helpers for tests: call GraphQL over HTTP like a client, and build accounts through the services."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx
from sqlalchemy import event

from harness.accounts import (
    PASSWORD,
    VALID_SIRENS,
    cached_hash,
    create_partner,
    create_user,
    issue_token,
)

__all__ = ["PASSWORD", "VALID_SIRENS", "cached_hash", "create_partner", "create_user", "issue_token"]


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
