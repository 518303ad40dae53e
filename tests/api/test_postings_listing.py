"""Listing postings: row scoping, filters, cursor pagination and a bounded number of SQL queries."""

from __future__ import annotations

import uuid
from typing import Any

from server.db import transaction
from server.models.accounts import UserRole
from server.models.matching import Match, MatchState, MemberResponse
from tests.api.postings_helpers import (
    CREATE_NEED,
    create_role,
    move,
    need_input,
    partner_user,
    staff_token,
)
from tests.support import counting_queries, create_user, error_codes, gql, settle_jobs

LIST = """query($first: Int, $after: String, $filter: PostingFilter) {
  postings(first: $first, after: $after, filter: $filter) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { id title kind status partner { name } } }
  }
}"""
HEAVY = """query($first: Int) {
  postings(first: $first) {
    totalCount
    edges { node { id title partner { id name } competencies { competencyId label level required }
                   languages { code level } normalisation { occupationLabel romeCode }
                   matchCount interestedCount } }
  }
}"""
ONE = "query($id: UUID!) { posting(id: $id) { id title } }"


async def _two_companies(client: Any, session_factory: Any) -> dict[str, Any]:
    """Company A: an open role, a draft role, an open need. Company B: an open role."""
    token_a, partner_a = await partner_user(session_factory, name="Entreprise A")
    token_b, partner_b = await partner_user(
        session_factory, email="rh@b.fr", siren="732829320", name="Entreprise B", role=UserRole.PARTNER_ADMIN
    )
    open_role = await create_role(client, token_a, title="Assistant·e RH (H/F)")
    await move(client, token_a, "publishPosting", open_role["id"])
    draft = await create_role(
        client, token_a, title="Secrétaire médical·e", description="Cabinet de radiologie, agenda Doctolib."
    )
    need = (await gql(client, CREATE_NEED, {"input": need_input()}, token_a))["data"]["createNeed"]
    await move(client, token_a, "publishPosting", need["posting"]["id"])
    other = await create_role(client, token_b, title="Office manager")
    await move(client, token_b, "publishPosting", other["id"])
    return {
        "a": token_a,
        "b": token_b,
        "partner_a": partner_a,
        "partner_b": partner_b,
        "open_role": open_role["id"],
        "draft": draft["id"],
        "need": need["posting"]["id"],
        "other": other["id"],
    }


def _titles(body: dict[str, Any]) -> list[str]:
    return sorted(edge["node"]["title"] for edge in body["data"]["postings"]["edges"])


async def test_partner_users_see_their_company_and_staff_see_all(client: Any, session_factory: Any) -> None:
    # given two companies with postings
    world = await _two_companies(client, session_factory)
    staff = await staff_token(session_factory)

    # when each lists postings
    mine = await gql(client, LIST, {}, world["a"])
    theirs = await gql(client, LIST, {}, world["b"])
    everything = await gql(client, LIST, {}, staff)

    # then a partner sees only its own, staff see all
    assert mine["data"]["postings"]["totalCount"] == 3
    assert _titles(theirs) == ["Office manager"]
    assert everything["data"]["postings"]["totalCount"] == 4

    # and another company's posting is not found, the partner filter is the federation's
    assert error_codes(await gql(client, ONE, {"id": world["other"]}, world["a"])) == ["NOT_FOUND"]
    refused = await gql(client, LIST, {"filter": {"partnerId": world["partner_b"]}}, world["a"])
    assert error_codes(refused) == ["FORBIDDEN"]
    by_partner = await gql(client, LIST, {"filter": {"partnerId": world["partner_b"]}}, staff)
    assert _titles(by_partner) == ["Office manager"]


async def test_filters_and_search(client: Any, session_factory: Any) -> None:
    world = await _two_companies(client, session_factory)
    token = world["a"]

    async def titles(filter: dict[str, Any]) -> list[str]:
        return _titles(await gql(client, LIST, {"filter": filter}, token))

    assert await titles({"statuses": ["DRAFT"]}) == ["Secrétaire médical·e"]
    assert await titles({"kinds": ["NEED"]}) == ["Former l'équipe d'assistanat à l'IA générative"]
    assert await titles({"needKinds": ["MENTORING"]}) == []
    assert await titles({"occupationIds": ["assistant_rh"]}) == ["Assistant·e RH (H/F)"]
    assert await titles({"search": "doctolib"}) == ["Secrétaire médical·e"]
    assert await titles({"statuses": ["OPEN"], "kinds": ["ROLE"]}) == ["Assistant·e RH (H/F)"]


async def test_cursor_pagination_walks_every_posting_once(client: Any, session_factory: Any) -> None:
    world = await _two_companies(client, session_factory)
    seen: list[str] = []
    after = None
    while True:
        body = await gql(client, LIST, {"first": 2, "after": after}, world["a"])
        page = body["data"]["postings"]
        seen += [edge["node"]["id"] for edge in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert sorted(seen) == sorted([world["open_role"], world["draft"], world["need"]])
    bad = await gql(client, LIST, {"after": "pas-un-curseur"}, world["a"])
    assert error_codes(bad) == ["BAD_USER_INPUT"]


async def test_a_page_of_50_postings_costs_a_bounded_number_of_queries(
    client: Any, session_factory: Any, app: Any
) -> None:
    # given 50 postings of two companies, each with competencies and a language
    token_a, _ = await partner_user(session_factory, name="Entreprise A")
    token_b, _ = await partner_user(session_factory, email="rh@b.fr", siren="732829320", name="Entreprise B")
    for number in range(50):
        await create_role(client, token_a if number % 2 else token_b, title=f"Assistant·e RH {number}")
    staff = await staff_token(session_factory)
    engine = app.state.runtime.engine

    # when staff read a page of 5, then a page of 50, with partner, competencies and languages
    with counting_queries(engine) as small:
        five = await gql(client, HEAVY, {"first": 5}, staff)
    with counting_queries(engine) as large:
        fifty = await gql(client, HEAVY, {"first": 50}, staff)

    # then the answer is complete and the number of queries does not grow with the page
    nodes = [edge["node"] for edge in fifty["data"]["postings"]["edges"]]
    assert len(nodes) == 50 and len(five["data"]["postings"]["edges"]) == 5
    assert {node["partner"]["name"] for node in nodes} == {"Entreprise A", "Entreprise B"}
    assert all(node["competencies"] and node["languages"] for node in nodes)
    assert len(large) == len(small), (large, small)
    assert len(large) <= 7, large  # user, count, page, partners, competencies, languages, matches


async def test_counts_of_matches_and_interest(client: Any, session_factory: Any, app: Any) -> None:
    # given an open role matched with three members, two still active, one of them interested
    token, _ = await partner_user(session_factory)
    role = await create_role(client, token)
    await move(client, token, "publishPosting", role["id"])
    await settle_jobs(app)  # the publication's match job would otherwise rewrite the matches below
    members = [
        await create_user(session_factory, email=f"m{n}@exemple.fr", role=UserRole.MEMBER) for n in range(3)
    ]
    async with transaction(session_factory) as session:
        for member, state, response in zip(
            members,
            (MatchState.ACTIVE, MatchState.ACTIVE, MatchState.EXPIRED),
            (MemberResponse.INTERESTED, None, None),
            strict=True,
        ):
            session.add(
                Match(
                    posting_id=uuid.UUID(role["id"]),
                    member_user_id=member.id,
                    score=80.0,
                    state=state,
                    trace={},
                    engine_version="test",
                    weights={},
                    response=response,
                )
            )

    # when the company reads the posting
    body = await gql(
        client,
        "query($id: UUID!) { posting(id: $id) { matchCount interestedCount } }",
        {"id": role["id"]},
        token,
    )

    # then the counts come from the matches
    assert body["data"]["posting"] == {"matchCount": 2, "interestedCount": 1}
