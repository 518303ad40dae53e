"""After `deleteMyAccount`, the member's name, e-mail and phone are in no text column of any table.

Staff and the partner first write them everywhere they can type free text about the member: the
partner's internal notes and timeline, the posting's description, the match feedback; the member's own
bio and answer hold the phone. Then every text column of every table (read from the ORM metadata) is
scanned, JSON ones (audit changes) through their text, on whichever backend runs the tests.
"""

from __future__ import annotations

from typing import Any

import httpx
from sqlalchemy import JSON, String, Text, cast, select

from server.db import Base
from tests.api.members_helpers import DELETE, update_profile
from tests.api.postings_helpers import UPDATE_ROLE, create_role, move, partner_user, staff_token
from tests.api.test_matching_story import CANDIDATES, _member
from tests.conftest import wait_until
from tests.support import PASSWORD, gql

NAME, EMAIL, PHONE = "Camille Martin", "camille.martin@exemple.fr", "06 12 34 56 78"
MENTION = f"Échange avec {NAME} ({EMAIL}, {PHONE}) : très motivée."


async def scan(session_factory: Any) -> list[tuple[str, str, str]]:
    found = []
    async with session_factory() as session:
        for table in Base.metadata.sorted_tables:
            for column in table.columns:
                if isinstance(column.type, JSON):
                    values = (await session.scalars(select(cast(column, Text)))).all()
                elif isinstance(column.type, String | Text):
                    values = (await session.scalars(select(column).where(column.is_not(None)))).all()
                else:
                    continue
                for value in values:
                    for needle in (NAME, EMAIL, PHONE):
                        if needle.lower() in str(value).lower():
                            found.append((table.name, column.name, needle))
    return found


async def test_erasure_leaves_the_member_in_no_text_column(
    client: httpx.AsyncClient, session_factory: Any
) -> None:
    member = await _member(client, EMAIL, NAME, "VISIBLE")
    await update_profile(client, member, bio=f"Joignable au {PHONE}.")
    recruiter, partner_id = await partner_user(session_factory)
    staff = await staff_token(session_factory)
    role = await create_role(client, recruiter)
    await move(client, recruiter, "publishPosting", role["id"])

    async def proposed() -> bool:
        body = await gql(client, CANDIDATES, {"id": role["id"]}, recruiter)
        return bool(body["data"]["matches"]["totalCount"] == 1)

    await wait_until(proposed)
    body = await gql(client, CANDIDATES, {"id": role["id"]}, recruiter)
    match_id = body["data"]["matches"]["edges"][0]["node"]["id"]
    my = await gql(client, "{ myMatches { edges { node { id } } } }", token=member)
    answer = """mutation($id: UUID!, $m: String) {
      respondToMatch(matchId: $id, response: INTERESTED, message: $m) { errors { code } } }"""
    opportunity = my["data"]["myMatches"]["edges"][0]["node"]["id"]
    assert (await gql(client, answer, {"id": opportunity, "m": f"Appelez-moi au {PHONE}"}, member))["data"][
        "respondToMatch"
    ]["errors"] == []
    writes = [
        (
            """mutation($id: UUID!, $c: String) { giveMatchFeedback(matchId: $id, relevant: true,
               reason: RELEVANT, comment: $c) { ok } }""",
            {"id": match_id, "c": MENTION},
            recruiter,
        ),
        (UPDATE_ROLE, {"id": role["id"], "input": {"description": MENTION}}, recruiter),
        (
            """mutation($id: UUID!, $n: String) { updatePartner(id: $id, input: {internalNotes: $n})
               { errors { code } } }""",
            {"id": partner_id, "n": MENTION},
            staff,
        ),
        (
            """mutation($id: UUID!, $s: String!) { addPartnerEvent(partnerId: $id,
               input: {kind: CALL, occurredOn: "2026-12-01", summary: $s}) { errors { code } } }""",
            {"id": partner_id, "s": MENTION},
            staff,
        ),
    ]
    for query, variables, token in writes:
        written = await gql(client, query, variables, token)
        assert "errors" not in written, written
    assert {needle for _, _, needle in await scan(session_factory)} == {NAME, EMAIL, PHONE}  # given

    deleted = await gql(client, DELETE, {"password": PASSWORD}, member)
    assert deleted["data"]["deleteMyAccount"]["ok"] is True

    assert await scan(session_factory) == []
