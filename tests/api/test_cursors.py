"""Any cursor the server did not issue is BAD_USER_INPUT, on every list; issued ones keep working."""

from __future__ import annotations

import base64
import json
from typing import Any

import httpx
import pytest

from server.models.accounts import UserRole
from tests.support import create_partner, create_user, error_codes, gql, issue_token


def unsigned(values: list[str]) -> str:
    """The format clients could read before cursors were signed: base64 of a JSON list."""
    return base64.urlsafe_b64encode(json.dumps(values).encode()).decode().rstrip("=")


SOME_ID = "65ba0642-9d1f-4b1e-8ca3-0e0a14c126e4"  # fixed: parallel workers must collect the same tests
FORGED = [
    unsigned(["2026-01-01T00:00:00", SOME_ID]),  # a timestamp without its time zone
    unsigned(["camille@exemple.fr", SOME_ID]),
    unsigned(["0"]),
    "%%%",
    "",
]
STAFF_LISTS = [
    "users",
    "partners",
    "postings",
    "members",
    "occupations",
    "competencies",
    "reviewQueue",
    "notifications",
    "auditLog",
    "reports",
]


@pytest.mark.parametrize("forged", FORGED)
async def test_forged_cursors_are_bad_user_input_on_every_list(
    client: httpx.AsyncClient, session_factory: Any, forged: str
) -> None:
    staff = await create_user(session_factory, email="s@f.fr", role=UserRole.FEDERATION_ADMIN)
    member = await create_user(session_factory, email="m@f.fr", role=UserRole.MEMBER)
    partner = await create_partner(session_factory)
    staff_token = await issue_token(session_factory, staff.id)
    member_token = await issue_token(session_factory, member.id)
    for name in STAFF_LISTS:
        body = await gql(
            client, f"query($a: String) {{ {name}(after: $a) {{ totalCount }} }}", {"a": forged}, staff_token
        )
        assert error_codes(body) == ["BAD_USER_INPUT"], (name, body)
    for name in ("timeline", "users"):
        query = (
            f"query($id: UUID!, $a: String) {{ partner(id: $id) {{ {name}(after: $a) {{ totalCount }} }} }}"
        )
        body = await gql(client, query, {"id": str(partner.id), "a": forged}, staff_token)
        assert error_codes(body) == ["BAD_USER_INPUT"], (name, body)
    body = await gql(
        client, "query($a: String) { myMatches(after: $a) { totalCount } }", {"a": forged}, member_token
    )
    assert error_codes(body) == ["BAD_USER_INPUT"], body


async def test_issued_cursors_work_and_a_tampered_one_does_not(
    client: httpx.AsyncClient, session_factory: Any
) -> None:
    staff = await create_user(session_factory, email="s@f.fr", role=UserRole.FEDERATION_ADMIN)
    await create_user(session_factory, email="t@f.fr", role=UserRole.FEDERATION_ADMIN)
    token = await issue_token(session_factory, staff.id)
    query = (
        "query($a: String) { users(first: 1, after: $a) { edges { node { email } } pageInfo { endCursor } } }"
    )
    first = await gql(client, query, {"a": None}, token)
    cursor = first["data"]["users"]["pageInfo"]["endCursor"]
    second = await gql(client, query, {"a": cursor}, token)
    assert [edge["node"]["email"] for edge in second["data"]["users"]["edges"]] == ["t@f.fr"]
    raw = bytearray(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    raw[-3] ^= 1  # one bit of the payload changed: the signature no longer matches
    tampered = base64.urlsafe_b64encode(bytes(raw)).decode().rstrip("=")
    assert error_codes(await gql(client, query, {"a": tampered}, token)) == ["BAD_USER_INPUT"]
