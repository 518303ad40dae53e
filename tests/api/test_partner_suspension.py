"""A suspended company's open postings pause (and reopen on reactivation); an ended one's close.

Members stop seeing them in `myMatches` and their answers are refused with a typed error.
"""

from __future__ import annotations

from typing import Any

import httpx

from tests.api.postings_helpers import create_role, move, partner_user, staff_token
from tests.api.test_matching_story import RESPOND, _member, _my_matches
from tests.conftest import wait_until
from tests.support import gql

STATUS = """mutation($id: UUID!, $status: PartnerStatus!) {
  changePartnerStatus(id: $id, status: $status) { errors { code } } }"""
POSTING = "query($id: UUID!) { posting(id: $id) { status } }"


async def _status(client: httpx.AsyncClient, staff: str, posting_id: str) -> str:
    body = await gql(client, POSTING, {"id": posting_id}, staff)
    return str(body["data"]["posting"]["status"])


async def _set(client: httpx.AsyncClient, staff: str, partner_id: str, status: str) -> None:
    body = await gql(client, STATUS, {"id": partner_id, "status": status}, staff)
    assert body["data"]["changePartnerStatus"]["errors"] == [], body


async def test_suspension_pauses_postings_and_reactivation_restores_them(
    client: httpx.AsyncClient, session_factory: Any
) -> None:
    member = await _member(client, "camille@exemple.fr", "Camille Martin", "ANONYMOUS")
    recruiter, partner_id = await partner_user(session_factory)
    staff = await staff_token(session_factory)
    role = await create_role(client, recruiter)
    await move(client, recruiter, "publishPosting", role["id"])
    paused_before = await create_role(client, recruiter, title="Assistant·e comptable H/F")
    await move(client, recruiter, "publishPosting", paused_before["id"])
    await move(client, recruiter, "pausePosting", paused_before["id"])

    async def matched() -> bool:
        return bool(await _my_matches(client, member))

    await wait_until(matched)
    (opportunity,) = await _my_matches(client, member)

    # when the company is suspended
    await _set(client, staff, str(partner_id), "SUSPENDED")

    # then its open posting is paused, gone from the member's list, and answering is refused
    assert await _status(client, staff, role["id"]) == "PAUSED"
    assert await _my_matches(client, member) == []
    answer = await gql(client, RESPOND, {"id": opportunity["id"], "response": "INTERESTED"}, member)
    assert answer["data"]["respondToMatch"]["errors"] == [{"field": "matchId", "code": "MATCH_CLOSED"}]

    # reactivation reopens what suspension paused, not what the company had paused itself
    await _set(client, staff, str(partner_id), "ACTIVE")
    assert await _status(client, staff, role["id"]) == "OPEN"
    assert await _status(client, staff, paused_before["id"]) == "PAUSED"
    await wait_until(matched)
    answer = await gql(client, RESPOND, {"id": opportunity["id"], "response": "INTERESTED"}, member)
    assert answer["data"]["respondToMatch"]["errors"] == []


async def test_ending_a_partnership_closes_its_postings(
    client: httpx.AsyncClient, session_factory: Any
) -> None:
    member = await _member(client, "camille@exemple.fr", "Camille Martin", "ANONYMOUS")
    recruiter, partner_id = await partner_user(session_factory)
    staff = await staff_token(session_factory)
    role = await create_role(client, recruiter)
    await move(client, recruiter, "publishPosting", role["id"])

    async def matched() -> bool:
        return bool(await _my_matches(client, member))

    await wait_until(matched)
    (opportunity,) = await _my_matches(client, member)
    await _set(client, staff, str(partner_id), "SUSPENDED")
    await _set(client, staff, str(partner_id), "ENDED")
    assert await _status(client, staff, role["id"]) == "CLOSED"
    assert await _my_matches(client, member) == []
    answer = await gql(client, RESPOND, {"id": opportunity["id"], "response": "INTERESTED"}, member)
    assert answer["data"]["respondToMatch"]["errors"] == [{"field": "matchId", "code": "MATCH_CLOSED"}]
