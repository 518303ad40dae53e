"""The API's shared conventions: one rule for lookups by id, one `filter:` argument for lists."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from server.models.accounts import UserRole
from tests.support import create_user, error_codes, gql, issue_token

MISSING = str(uuid.uuid4())
LOOKUPS = [
    ("partner", f'{{ partner(id: "{MISSING}") {{ id }} }}'),
    ("posting", f'{{ posting(id: "{MISSING}") {{ id }} }}'),
    ("member", f'{{ member(id: "{MISSING}") {{ fullName }} }}'),
    ("report", f'{{ report(id: "{MISSING}") {{ id }} }}'),
    ("occupation", '{ occupation(id: "astronaute") { id } }'),
]


@pytest.mark.parametrize(("field", "query"), LOOKUPS, ids=[field for field, _ in LOOKUPS])
async def test_every_lookup_of_a_missing_object_is_a_top_level_not_found(
    client: Any, session_factory: Any, field: str, query: str
) -> None:
    staff = await create_user(session_factory, email="s@f.fr", role=UserRole.FEDERATION_ADMIN)
    token = await issue_token(session_factory, staff.id)

    body = await gql(client, query, token=token)

    assert error_codes(body) == ["NOT_FOUND"]
    assert body["data"] is None
    assert body["errors"][0]["path"] == [field]


async def test_framework_lists_are_filtered_through_one_filter_argument(
    client: Any, session_factory: Any
) -> None:
    member = await create_user(session_factory, email="m@f.fr", role=UserRole.MEMBER)
    token = await issue_token(session_factory, member.id)

    body = await gql(
        client,
        """{ occupations(filter: {romeCode: "m1604"}) { edges { node { romeCode } } }
             competencies(filter: {search: "zzzz-rien"}) { totalCount }
             notifications(filter: {unreadOnly: true}) { totalCount } }""",
        token=token,
    )

    codes = {edge["node"]["romeCode"] for edge in body["data"]["occupations"]["edges"]}
    assert codes == {"M1604"}
    assert body["data"]["competencies"]["totalCount"] == 0
    assert body["data"]["notifications"]["totalCount"] == 0
