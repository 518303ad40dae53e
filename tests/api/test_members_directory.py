"""Staff list and read members with filters and cursor pagination; nobody else reads a profile."""

from __future__ import annotations

from typing import Any

from server.models.accounts import UserRole
from tests.api.members_helpers import VISIBILITY, sign_up, update_profile
from tests.support import create_user, error_codes, gql, issue_token

MEMBERS = """query($first: Int, $after: String, $filter: MemberFilter) {
  members(first: $first, after: $after, filter: $filter) {
    totalCount pageInfo { hasNextPage endCursor } edges { node { email fullName departement } }
  }
}"""
MEMBER = "query($id: UUID!) { member(id: $id) { email headlineTitle consentHistory { visibility } } }"

PEOPLE = [
    ("alice@exemple.fr", "Alice Bernard", "Assistante de direction", "69003", "SALARIED", "VISIBLE"),
    ("bruno@exemple.fr", "Bruno Petit", "Secrétaire médical", "75012", "JOB_SEEKING", "ANONYMOUS"),
    ("chloe@exemple.fr", "Chloé Roux", "Assistante de direction bilingue", "75008", "INDEPENDENT", "HIDDEN"),
    ("david@exemple.fr", "David Morel", "Agent administratif", "13001", "SALARIED", "ANONYMOUS"),
]


async def _directory(client: Any) -> dict[str, str]:
    ids: dict[str, str] = {}
    for email, name, title, postal, status, visibility in PEOPLE:
        token, user_id = await sign_up(client, email, name)
        saved = await update_profile(client, token, headlineTitle=title, postalCode=postal, status=status)
        assert saved["errors"] == []
        if visibility != "HIDDEN":
            await gql(client, VISIBILITY, {"visibility": visibility}, token)
        ids[email] = user_id
    return ids


async def _emails(client: Any, token: str, **filter: Any) -> list[str]:
    body = await gql(client, MEMBERS, {"filter": filter, "first": 50}, token)
    assert "errors" not in body, body
    return sorted(edge["node"]["email"] for edge in body["data"]["members"]["edges"])


async def _every_page(client: Any, token: str, *, first: int, **filter: Any) -> tuple[list[str], list[int]]:
    """Follows the cursors to the end: the e-mails seen, and the total each page gave."""
    seen: list[str] = []
    counts: list[int] = []
    after = None
    while True:
        body = await gql(client, MEMBERS, {"first": first, "after": after, "filter": filter}, token)
        page = body["data"]["members"]
        counts.append(page["totalCount"])
        seen += [edge["node"]["email"] for edge in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            return seen, counts
        after = page["pageInfo"]["endCursor"]


async def test_staff_filter_members_by_occupation_place_status_visibility_and_text(
    client: Any, session_factory: Any
) -> None:
    # given four members and a staff account
    await _directory(client)
    staff = await create_user(session_factory, email="staff@federation.fr", role=UserRole.FEDERATION_ADMIN)
    token = await issue_token(session_factory, staff.id)

    # then each filter narrows the list
    assert await _emails(client, token) == [p[0] for p in PEOPLE]
    assert await _emails(client, token, occupationIds=["assistant_direction"]) == [
        "alice@exemple.fr",
        "chloe@exemple.fr",
    ]
    assert await _emails(client, token, departements=["75"]) == ["bruno@exemple.fr", "chloe@exemple.fr"]
    assert await _emails(client, token, statuses=["SALARIED"]) == ["alice@exemple.fr", "david@exemple.fr"]
    assert await _emails(client, token, visibilities=["ANONYMOUS"]) == [
        "bruno@exemple.fr",
        "david@exemple.fr",
    ]
    assert await _emails(client, token, search="chlo") == ["chloe@exemple.fr"]
    assert await _emails(client, token, search="BRUNO@") == ["bruno@exemple.fr"]
    assert await _emails(client, token, departements=["75"], visibilities=["HIDDEN"]) == ["chloe@exemple.fr"]


async def test_the_member_list_pages_with_cursors_without_gaps_or_repeats(
    client: Any, session_factory: Any
) -> None:
    await _directory(client)
    staff = await create_user(session_factory, email="staff@federation.fr", role=UserRole.FEDERATION_ADMIN)
    token = await issue_token(session_factory, staff.id)

    seen, counts = await _every_page(client, token, first=3)

    assert counts == [4, 4]
    assert sorted(seen) == [p[0] for p in PEOPLE] and len(seen) == 4
    bad = await gql(client, MEMBERS, {"first": 3, "after": "n'importe quoi"}, token)
    assert error_codes(bad) == ["BAD_USER_INPUT"]


async def test_a_text_search_counts_every_match_on_every_page(client: Any, session_factory: Any) -> None:
    # given four members, all with an address at exemple.fr
    await _directory(client)
    staff = await create_user(session_factory, email="staff@federation.fr", role=UserRole.FEDERATION_ADMIN)
    token = await issue_token(session_factory, staff.id)

    # when a search is read a page of one at a time (its first page counts in the same scan)
    seen, counts = await _every_page(client, token, first=1, search="exemple")

    # then every page gives the same total, the number of matches; no match counts zero
    assert sorted(seen) == [p[0] for p in PEOPLE]
    assert counts == [4, 4, 4, 4]
    nobody = await gql(client, MEMBERS, {"first": 2, "filter": {"search": "zzzz"}}, token)
    assert nobody["data"]["members"]["totalCount"] == 0
    assert nobody["data"]["members"]["edges"] == []


async def test_staff_read_any_profile_a_member_only_their_own(client: Any, session_factory: Any) -> None:
    # given two members and a staff account
    ids = await _directory(client)
    alice_token, _ = await sign_up(client, "alice2@exemple.fr")
    staff = await create_user(session_factory, email="staff@federation.fr", role=UserRole.FEDERATION_ADMIN)
    staff_token = await issue_token(session_factory, staff.id)
    bruno = ids["bruno@exemple.fr"]

    # then staff read Bruno's profile with its consent history
    read = await gql(client, MEMBER, {"id": bruno}, staff_token)
    assert read["data"]["member"]["email"] == "bruno@exemple.fr"
    assert [c["visibility"] for c in read["data"]["member"]["consentHistory"]] == ["ANONYMOUS", "HIDDEN"]

    # and another member is told it does not exist
    refused = await gql(client, MEMBER, {"id": bruno}, alice_token)
    assert error_codes(refused) == ["NOT_FOUND"]
    assert refused["data"] is None
    # and the member list is staff-only
    assert error_codes(await gql(client, MEMBERS, {}, alice_token)) == ["FORBIDDEN"]


async def test_an_invited_member_gets_a_hidden_profile_when_accepting(
    client: Any, session_factory: Any
) -> None:
    # given a member invited by the federation, who accepts
    staff = await create_user(session_factory, email="staff@federation.fr", role=UserRole.FEDERATION_ADMIN)
    staff_token = await issue_token(session_factory, staff.id)
    invited = await gql(
        client,
        """mutation { inviteUser(input: {email: "invitee@exemple.fr", role: MEMBER,
        fullName: "Inès Invitée"}) { invitationToken errors { code } } }""",
        token=staff_token,
    )
    invitation = invited["data"]["inviteUser"]["invitationToken"]
    accepted = await gql(
        client,
        """mutation($t: String!, $p: String!) {
        acceptInvitation(token: $t, password: $p) { errors { code } } }""",
        {"t": invitation, "p": "Motdepasse-solide-42"},
    )
    assert accepted["data"]["acceptInvitation"]["errors"] == []
    login = await gql(
        client,
        """mutation { login(email: "invitee@exemple.fr",
        password: "Motdepasse-solide-42") { token } }""",
    )
    token = login["data"]["login"]["token"]

    # when they open their profile
    body = await gql(client, "{ myProfile { fullName visibility consentHistory { source } } }", token=token)

    # then it was created empty and hidden on acceptance, with its consent record
    assert body["data"]["myProfile"] == {
        "fullName": "Inès Invitée",
        "visibility": "HIDDEN",
        "consentHistory": [{"source": "invitation"}],
    }


async def test_a_directory_page_shows_the_lists_it_asks_for_directly_or_through_a_fragment(
    client: Any, session_factory: Any
) -> None:
    # given a member with competencies and languages, and a staff account
    token, _ = await sign_up(client, "eve@exemple.fr", "Ève Durand")
    saved = await update_profile(
        client,
        token,
        headlineTitle="Assistante de direction",
        competencies=[{"competencyId": "gestion_agenda", "level": 4}],
        languages=[{"code": "en", "level": "C1"}],
    )
    assert saved["errors"] == []
    staff = await create_user(session_factory, email="staff@federation.fr", role=UserRole.FEDERATION_ADMIN)
    staff_token = await issue_token(session_factory, staff.id)

    # when staff read the page without the lists, then with them (directly and in a fragment)
    bare = await gql(client, "{ members { edges { node { email fullName } } } }", token=staff_token)
    direct = await gql(
        client,
        "{ members { edges { node { email competencies { competencyId level } languages { code } } } } }",
        token=staff_token,
    )
    fragment = await gql(
        client,
        "query { members { edges { node { ...Lists } } } } "
        "fragment Lists on MemberProfile { email competencies { competencyId } languages { code level } }",
        token=staff_token,
    )

    # then each answers what it asked, the lists included when asked
    assert bare["data"]["members"]["edges"] == [
        {"node": {"email": "eve@exemple.fr", "fullName": "Ève Durand"}}
    ]
    (node,) = [edge["node"] for edge in direct["data"]["members"]["edges"]]
    assert node["competencies"] == [{"competencyId": "gestion_agenda", "level": 4}]
    assert node["languages"] == [{"code": "en"}]
    (node,) = [edge["node"] for edge in fragment["data"]["members"]["edges"]]
    assert node == {
        "email": "eve@exemple.fr",
        "competencies": [{"competencyId": "gestion_agenda"}],
        "languages": [{"code": "en", "level": "C1"}],
    }
