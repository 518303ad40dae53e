"""The baseline of bench/api.py: the same answers as GraphQL from Starlette + asyncpg, nothing else.

No ORM, no GraphQL, no DataLoader: hand-written SQL, one connection from an asyncpg pool per
request, rows turned into the very JSON the API returns (same keys, order and formats), so the
bench can check the bytes are equal before it compares throughput. Only pure helpers of the project
are reused (token hashing, cursor encoding, LIKE escaping) and, for the match lists
(`bench/api_raw_matches.py`), the engine's pure functions that write explanations: domain work the
API does too, not ORM or GraphQL.

    DATABASE_URL=postgresql://… uvicorn bench.api_raw:app --port 8001
"""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from typing import Any

import asyncpg
import orjson
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from bench import api_raw_matches as matches
from matching.framework import load_framework
from server.accounts.secrets import token_hash
from server.kit.pagination import encode_cursor, use_cursor_key
from server.kit.validation import contains_pattern

PAGE = 20
CALLER = """
SELECT u.id, u.role, u.partner_id, u.email FROM users u JOIN auth_tokens t ON t.user_id = u.id
WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND t.expires_at > $2 AND u.is_active
"""
POSTINGS = """
SELECT id, title, status, kind, published_at, expiry_date, partner_id, created_at, count(*) OVER () AS total
FROM postings WHERE partner_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2
"""
COMPETENCIES = """
SELECT posting_id, competency_id, level, required FROM posting_competencies WHERE posting_id = ANY($1)
ORDER BY posting_id, required DESC, level DESC, competency_id
"""
LANGUAGES = """
SELECT posting_id, code, level FROM posting_languages WHERE posting_id = ANY($1) ORDER BY posting_id, code
"""
PARTNER = "SELECT id, name FROM partners WHERE id = $1"
MEMBERS = """
SELECT p.user_id, u.full_name, u.email, p.headline_title, p.departement, p.visibility, p.created_at,
       count(*) OVER () AS total
FROM member_profiles p JOIN users u ON u.id = p.user_id
WHERE u.role = 'member' AND u.is_active
  AND (lower(u.email) LIKE $1 ESCAPE '\\' OR lower(u.full_name) LIKE $1 ESCAPE '\\')
ORDER BY p.created_at DESC, p.user_id LIMIT $2
"""


def _when(value: datetime | None) -> str | None:
    if value is None:
        return None
    return (value if value.tzinfo else value.replace(tzinfo=UTC)).astimezone(UTC).isoformat()


def _json(data: Any) -> Response:
    return Response(orjson.dumps({"data": data}), media_type="application/json")


def _unauthenticated() -> Response:
    return Response(b'{"errors":[{"message":"unauthenticated"}]}', status_code=401)


async def _user(connection: asyncpg.Connection, request: Request) -> asyncpg.Record | None:
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token:
        return None
    row: asyncpg.Record | None = await connection.fetchrow(CALLER, token_hash(token), datetime.now(UTC))
    return row


async def postings(request: Request) -> Response:
    """`postings(first: 20)` of the caller's company, with partner, competencies and languages."""
    async with request.app.state.pool.acquire() as connection, connection.transaction(readonly=True):
        user = await _user(connection, request)
        if user is None or user["partner_id"] is None:
            return _unauthenticated()
        rows = await connection.fetch(POSTINGS, user["partner_id"], PAGE + 1)
        rows, more = rows[:PAGE], len(rows) > PAGE
        ids = [row["id"] for row in rows]
        competencies: dict[uuid.UUID, list[dict[str, Any]]] = {i: [] for i in ids}
        for c in await connection.fetch(COMPETENCIES, ids):
            competencies[c["posting_id"]].append(
                {"competencyId": c["competency_id"], "level": c["level"], "required": c["required"]}
            )
        languages: dict[uuid.UUID, list[dict[str, Any]]] = {i: [] for i in ids}
        for lang in await connection.fetch(LANGUAGES, ids):
            languages[lang["posting_id"]].append({"code": lang["code"], "level": lang["level"].upper()})
        partner = await connection.fetchrow(PARTNER, user["partner_id"])
    del more
    edges = [
        {
            "cursor": encode_cursor([_when(row["created_at"]), row["id"]]),
            "node": {
                "id": str(row["id"]),
                "title": row["title"],
                "status": row["status"].upper(),
                "kind": row["kind"].upper(),
                "publishedAt": _when(row["published_at"]),
                "expiryDate": row["expiry_date"].isoformat() if row["expiry_date"] else None,
                "partner": {"id": str(partner["id"]), "name": partner["name"]},
                "competencies": competencies[row["id"]],
                "languages": languages[row["id"]],
            },
        }
        for row in rows
    ]
    return _json({"postings": {"totalCount": rows[0]["total"] if rows else 0, "edges": edges}})


async def members(request: Request) -> Response:
    """Staff search of members by name or e-mail (`members(first: 20, filter: {search})`)."""
    search = request.query_params.get("search", "")
    async with request.app.state.pool.acquire() as connection, connection.transaction(readonly=True):
        user = await _user(connection, request)
        if user is None or user["role"] != "federation_admin":
            return _unauthenticated()
        rows = await connection.fetch(MEMBERS, contains_pattern(search), PAGE)
    edges = [
        {
            "cursor": encode_cursor([_when(row["created_at"]), row["user_id"]]),
            "node": {
                "userId": str(row["user_id"]),
                "fullName": row["full_name"],
                "email": row["email"],
                "headlineTitle": row["headline_title"],
                "departement": row["departement"],
                "visibility": row["visibility"].upper(),
                "createdAt": _when(row["created_at"]),
            },
        }
        for row in rows
    ]
    return _json({"members": {"totalCount": rows[0]["total"] if rows else 0, "edges": edges}})


async def my_matches(request: Request) -> Response:
    """A member's `myMatches(first: 20)`, each opportunity explained in the member's words."""
    async with request.app.state.pool.acquire() as connection, connection.transaction(readonly=True):
        user = await _user(connection, request)
        if user is None or user["role"] != "member":
            return _unauthenticated()
        data = await matches.my_matches(connection, request.app.state.framework, user["id"], PAGE)
    return _json(data)


async def candidates(request: Request) -> Response:
    """A partner's candidates page (`matches(postingId, first: 20)`), audited like the API does."""
    posting_id = uuid.UUID(request.query_params["posting"])
    async with request.app.state.pool.acquire() as connection, connection.transaction():
        user = await _user(connection, request)
        if user is None or user["role"] not in ("partner_admin", "partner_recruiter", "federation_admin"):
            return _unauthenticated()
        data = await matches.candidates(connection, request.app.state.framework, user, posting_id, PAGE)
    return _unauthenticated() if data is None else _json(data)


async def _json_columns(connection: asyncpg.Connection) -> None:
    """JSON columns as Python values, as SQLAlchemy gives them to the API."""
    for name in ("json", "jsonb"):
        await connection.set_type_codec(
            name, encoder=lambda v: orjson.dumps(v).decode(), decoder=orjson.loads, schema="pg_catalog"
        )


@asynccontextmanager
async def lifespan(app: Starlette) -> AsyncIterator[None]:
    url = os.environ["DATABASE_URL"].replace("postgresql+asyncpg://", "postgresql://")
    use_cursor_key(os.environ["SECRET_KEY"])  # the API signs its cursors with its SECRET_KEY
    app.state.framework = load_framework()
    app.state.pool = await asyncpg.create_pool(url, min_size=2, max_size=10, init=_json_columns)
    try:
        yield
    finally:
        await app.state.pool.close()


app = Starlette(
    routes=[
        Route("/raw/postings", postings, methods=["POST"]),
        Route("/raw/members", members, methods=["POST"]),
        Route("/raw/my-matches", my_matches, methods=["POST"]),
        Route("/raw/candidates", candidates, methods=["POST"]),
    ],
    lifespan=lifespan,
)
