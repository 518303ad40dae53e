"""Helpers for tests: call GraphQL over HTTP like a client, and build accounts through the services."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from functools import lru_cache
from typing import Any

import httpx
from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from server.accounts.secrets import hash_password, new_token
from server.db import transaction, utcnow
from server.models.accounts import AuthToken, User, UserRole
from server.models.partners import Partner, PartnerStatus

PASSWORD = "Motdepasse-solide-42"
VALID_SIRENS = ("552100554", "732829320", "542065479", "443061841", "383474814", "130005481")


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


@lru_cache(maxsize=8)
def cached_hash(password: str) -> str:
    """argon2 is slow on purpose; tests hash each distinct password once."""
    return hash_password(password)


async def issue_token(factory: async_sessionmaker[AsyncSession], user_id: uuid.UUID) -> str:
    """A session token without going through login (login has its own tests)."""
    raw, hashed = new_token()
    async with transaction(factory) as session:
        session.add(
            AuthToken(
                user_id=user_id,
                token_hash=hashed,
                expires_at=utcnow() + timedelta(hours=1),
                last_used_at=utcnow(),  # as `open_session` does: no touch on the first request
            )
        )
    return raw


async def create_user(
    factory: async_sessionmaker[AsyncSession],
    *,
    email: str,
    role: UserRole,
    partner_id: uuid.UUID | None = None,
    password: str = PASSWORD,
    active: bool = True,
) -> User:
    async with transaction(factory) as session:
        user = User(
            email=email,
            full_name=email.split("@")[0],
            role=role,
            partner_id=partner_id,
            password_hash=cached_hash(password),
            is_active=active,
            email_verified_at=utcnow(),
        )
        session.add(user)
    return user


async def create_partner(
    factory: async_sessionmaker[AsyncSession],
    *,
    name: str = "Acme",
    siren: str = VALID_SIRENS[0],
    status: PartnerStatus = PartnerStatus.ACTIVE,
    tier_code: str = "partenaire",
    **over: Any,
) -> Partner:
    async with transaction(factory) as session:
        partner = Partner(name=name, siren=siren, status=status, tier_code=tier_code, notes="", **over)
        session.add(partner)
    return partner


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
