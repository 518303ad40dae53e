"""Control characters and oversized strings are refused where GraphQL reads them, on every backend."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from sqlalchemy import func, select

from server.models.accounts import User, UserRole
from server.models.partners import Partner
from tests.api.members_helpers import SIGN_UP
from tests.support import LOGIN, PASSWORD, VALID_SIRENS, create_user, error_codes, gql, issue_token

CONTROLS = ["\x00", "\x01", "\x08", "\x0b", "\x1b", "\x7f"]


async def count(session_factory: Any, model: Any) -> int:
    async with session_factory() as session:
        return int(await session.scalar(select(func.count()).select_from(model)) or 0)


@pytest.mark.parametrize("control", CONTROLS)
async def test_anonymous_login_and_sign_up_refuse_control_characters(
    client: httpx.AsyncClient, session_factory: Any, control: str
) -> None:
    login = await gql(client, LOGIN, {"email": f"a{control}@b.fr", "password": PASSWORD})
    assert error_codes(login) == ["BAD_USER_INPUT"]
    assert "$email" in login["errors"][0]["message"]
    for field in ("email", "fullName", "password"):
        variables = {"email": "nouvelle@exemple.fr", "password": PASSWORD, "fullName": "Léa Nul"}
        variables[field] = variables[field][:3] + control + variables[field][3:]
        body = await gql(client, SIGN_UP, variables)
        assert error_codes(body) == ["BAD_USER_INPUT"], (field, body)
        assert f"${field}" in body["errors"][0]["message"]
    assert await count(session_factory, User) == 0  # nothing was written


async def test_control_characters_in_literals_and_nested_inputs_are_refused(
    client: httpx.AsyncClient, session_factory: Any
) -> None:
    staff = await create_user(session_factory, email="s@f.fr", role=UserRole.FEDERATION_ADMIN)
    token = await issue_token(session_factory, staff.id)
    create = """mutation($input: PartnerInput!) {
      createPartner(input: $input) { partner { id } errors { field } } }"""
    fields = {"name": "Acme\x00", "siren": VALID_SIRENS[1], "tierCode": "partenaire"}
    assert error_codes(await gql(client, create, {"input": fields}, token)) == ["BAD_USER_INPUT"]
    literal = 'mutation { createPartner(input: {name: "Acme\\u0000", siren: "%s", tierCode: "partenaire"})'
    literal += " { partner { id } } }"
    assert error_codes(await gql(client, literal % VALID_SIRENS[1], token=token)) == ["BAD_USER_INPUT"]
    search = await gql(
        client,
        "query($f: PartnerFilter) { partners(filter: $f) { totalCount } }",
        {"f": {"search": "a\x00"}},
        token,
    )
    assert error_codes(search) == ["BAD_USER_INPUT"]
    assert await count(session_factory, Partner) == 0


async def test_tabs_and_new_lines_stay_allowed(client: httpx.AsyncClient, session_factory: Any) -> None:
    staff = await create_user(session_factory, email="s@f.fr", role=UserRole.FEDERATION_ADMIN)
    token = await issue_token(session_factory, staff.id)
    create = """mutation($input: PartnerInput!) { createPartner(input: $input) {
      partner { internalNotes } errors { field } } }"""
    notes = "Ligne 1\r\nLigne 2\tcolonne"
    fields = {"name": "Acme", "siren": VALID_SIRENS[1], "tierCode": "partenaire", "internalNotes": notes}
    body = await gql(client, create, {"input": fields}, token)
    assert body["data"]["createPartner"]["partner"] == {"internalNotes": notes}


async def test_huge_search_strings_are_refused_not_crashed(
    client: httpx.AsyncClient, session_factory: Any
) -> None:
    staff = await create_user(session_factory, email="s@f.fr", role=UserRole.FEDERATION_ADMIN)
    token = await issue_token(session_factory, staff.id)
    huge = "%_" * 450_000  # 900 kB, under the body limit
    for query, variables in (
        ("query($f: PartnerFilter) { partners(filter: $f) { totalCount } }", {"f": {"search": huge}}),
        ("query($f: UserFilter) { users(filter: $f) { totalCount } }", {"f": {"search": huge}}),
        ("query($f: PostingFilter) { postings(filter: $f) { totalCount } }", {"f": {"search": huge}}),
    ):
        body = await gql(client, query, variables, token)
        assert error_codes(body) == ["BAD_USER_INPUT"], body["errors"][0]["message"]
    long_but_allowed = "x" * 5_000  # under the cap: searched (and trimmed by the filter), not refused
    body = await gql(
        client,
        "query($f: UserFilter) { users(filter: $f) { totalCount } }",
        {"f": {"search": long_but_allowed}},
        token,
    )
    assert body["data"]["users"]["totalCount"] == 0
