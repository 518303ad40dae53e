"""Issue 5's story over GraphQL, on both job paths: publish → matches → interest → profile revealed."""

from __future__ import annotations

from typing import Any

import pytest

from tests.api.members_helpers import sign_up, update_profile
from tests.api.postings_helpers import create_role, move, partner_user, staff_token
from tests.conftest import wait_until
from tests.support import VALID_SIRENS, counting_queries, gql

MY_MATCHES = """{ myMatches { totalCount edges { node {
  id score response
  posting { id title partnerName kind }
  explanation { engineVersion eligible sentences
    factors { code label weight points }
    matchedCompetencies { competencyId }
    missingCompetencies { competencyId askedLevel memberLevel gap }
    upskilling { domainLabel suggestions competencies { competencyId } } }
} } } }"""
CANDIDATES = """query($id: UUID!) { matches(postingId: $id) { totalCount edges { node {
  id score response anonymised occupationLabel region experienceBand
  competencies { competencyId level }
  details { fullName } contact { email fullName }
} } } }"""
RESPOND = """mutation($id: UUID!, $response: MatchResponse!) {
  respondToMatch(matchId: $id, response: $response, message: "Disponible dès le mois prochain") {
    matchId response errors { field code }
  }
}"""

ASSISTANT_PROFILE: dict[str, Any] = {
    "headlineTitle": "Assistante de direction bilingue",
    "postalCode": "69007",
    "mobilityRadiusKm": 30,
    "remotePreference": "PARTIAL",
    "contractPreferences": ["CDI", "CDD"],
    "yearsOfExperience": 8,
    "competencies": [
        {"competencyId": "gestion_agenda", "level": 4},
        {"competencyId": "organisation_deplacements", "level": 3},
        {"competencyId": "redaction_courriers", "level": 3},
        {"competencyId": "anglais_professionnel", "level": 3},
    ],
    "languages": [{"code": "en", "level": "C1"}],
}


async def _member(client: Any, email: str, name: str, visibility: str, **over: Any) -> str:
    token, _ = await sign_up(client, email, name)
    payload = await update_profile(client, token, **{**ASSISTANT_PROFILE, **over})
    assert payload["errors"] == [], payload
    body = await gql(
        client,
        "mutation($v: Visibility!) { setMyVisibility(visibility: $v) { errors { code } } }",
        {"v": visibility},
        token,
    )
    assert body["data"]["setMyVisibility"]["errors"] == []
    return token


async def _my_matches(client: Any, token: str) -> list[dict[str, Any]]:
    body = await gql(client, MY_MATCHES, token=token)
    return [edge["node"] for edge in body["data"]["myMatches"]["edges"]]


async def test_a_published_role_reaches_matching_members_who_can_reveal_themselves(
    client: Any, session_factory: Any
) -> None:
    # given three members: two consenting (anonymous, visible), one hidden, and a recruiter
    anonymous = await _member(client, "camille@exemple.fr", "Camille Martin", "ANONYMOUS")
    visible = await _member(client, "dominique@exemple.fr", "Dominique Petit", "VISIBLE")
    hidden = await _member(client, "eva@exemple.fr", "Eva Roux", "HIDDEN")
    recruiter, _ = await partner_user(session_factory)

    # when the recruiter publishes a role
    role = await create_role(
        client,
        recruiter,
        competencies=[
            {"competencyId": "gestion_agenda", "level": 3, "required": True},
            {"competencyId": "ia_generative", "level": 3, "required": True},
            {"competencyId": "organisation_deplacements", "level": 2, "required": False},
        ],
    )
    await move(client, recruiter, "publishPosting", role["id"])

    # then the consenting members see it, with reasons and upskilling suggestions
    async def both_matched() -> bool:
        return bool(await _my_matches(client, anonymous)) and bool(await _my_matches(client, visible))

    await wait_until(both_matched)
    (opportunity,) = await _my_matches(client, anonymous)
    assert opportunity["posting"]["title"] == "Assistant·e de direction H/F"
    assert opportunity["posting"]["partnerName"] == "Acme"
    explanation = opportunity["explanation"]
    assert explanation["eligible"] is True
    assert explanation["engineVersion"]
    assert {"gestion_agenda"} <= {c["competencyId"] for c in explanation["matchedCompetencies"]}
    missing = {c["competencyId"]: c for c in explanation["missingCompetencies"]}
    assert missing["ia_generative"]["gap"] == 3
    assert any(
        "ia_generative" in [c["competencyId"] for c in group["competencies"]]
        for group in explanation["upskilling"]
    )
    assert round(sum(f["points"] for f in explanation["factors"])) == round(opportunity["score"])
    assert await _my_matches(client, hidden) == []

    # and the member's data export holds the match's trace: the engine's figures, traceable
    exported = (await gql(client, "{ exportMyData }", token=anonymous))["data"]["exportMyData"]
    (stored,) = exported["matches"]
    trace = stored["trace"]
    assert stored["engine_version"] == explanation["engineVersion"]
    assert sum(trace["contributions"].values()) == pytest.approx(opportunity["score"], abs=0.05)
    assert {c["competency_id"]: c["gap"] for c in trace["missing"]} == {"ia_generative": 3}
    assert set(trace["levels"]) == {"gestion_agenda", "ia_generative", "organisation_deplacements"}
    assert trace["levels"]["ia_generative"] == 0

    # and the recruiter sees the anonymous member anonymised, the visible one in detail, no contacts
    body = await gql(client, CANDIDATES, {"id": role["id"]}, recruiter)
    candidates = [edge["node"] for edge in body["data"]["matches"]["edges"]]
    assert len(candidates) == 2
    by_name = {(c["details"] or {}).get("fullName"): c for c in candidates}
    assert set(by_name) == {None, "Dominique Petit"}
    assert by_name[None]["anonymised"] is True
    assert all(c["contact"] is None for c in candidates)

    # when the anonymous member says interested
    answered = await gql(client, RESPOND, {"id": opportunity["id"], "response": "INTERESTED"}, anonymous)
    assert answered["data"]["respondToMatch"]["errors"] == []

    # then the recruiter sees their profile and contact, and is notified
    body = await gql(client, CANDIDATES, {"id": role["id"]}, recruiter)
    revealed = [edge["node"] for edge in body["data"]["matches"]["edges"] if edge["node"]["contact"]]
    assert [c["contact"] for c in revealed] == [{"email": "camille@exemple.fr", "fullName": "Camille Martin"}]
    assert revealed[0]["details"]["fullName"] == "Camille Martin"
    notes = await gql(client, "{ notifications { edges { node { kind } } } }", token=recruiter)
    assert {"node": {"kind": "match_interest"}} in notes["data"]["notifications"]["edges"]


async def test_another_company_cannot_see_the_candidates(client: Any, session_factory: Any) -> None:
    await _member(client, "camille@exemple.fr", "Camille Martin", "VISIBLE")
    recruiter, _ = await partner_user(session_factory)
    other, _ = await partner_user(session_factory, email="rh@autre.fr", siren=VALID_SIRENS[1], name="Autre")
    role = await create_role(client, recruiter)
    await move(client, recruiter, "publishPosting", role["id"])

    body = await gql(client, CANDIDATES, {"id": role["id"]}, other)

    assert body["errors"][0]["extensions"]["code"] == "NOT_FOUND"


async def test_closing_a_role_expires_its_matches_but_answers_survive_rematching(
    client: Any, session_factory: Any
) -> None:
    member = await _member(client, "camille@exemple.fr", "Camille Martin", "ANONYMOUS")
    recruiter, _ = await partner_user(session_factory)
    role = await create_role(client, recruiter)
    await move(client, recruiter, "publishPosting", role["id"])

    async def matched() -> bool:
        return bool(await _my_matches(client, member))

    await wait_until(matched)
    (opportunity,) = await _my_matches(client, member)
    await gql(client, RESPOND, {"id": opportunity["id"], "response": "DECLINED"}, member)

    # re-matching (an edit of the open role) keeps the answer
    await gql(
        client,
        """mutation($id: UUID!) { updateRole(id: $id, input: {description: "Nouvelle version"})
                          { errors { code } } }""",
        {"id": role["id"]},
        recruiter,
    )
    staff = await staff_token(session_factory)
    member_id = (await gql(client, "{ me { id } }", token=member))["data"]["me"]["id"]

    async def rematched_keeps_answer() -> bool:
        mine = await _my_matches(client, member)
        return bool(mine) and mine[0]["response"] == "DECLINED"

    await wait_until(rematched_keeps_answer)

    # closing the role takes it out of the member's list at once, and the job expires the match
    await move(client, recruiter, "closePosting", role["id"])
    assert await _my_matches(client, member) == []

    async def expired() -> bool:
        diagnosis = await gql(
            client,
            "query($p: UUID!, $m: UUID!) { explainMatch(postingId: $p, memberId: $m) { matchState } }",
            {"p": role["id"], "m": member_id},
            staff,
        )
        return bool(diagnosis["data"]["explainMatch"]["matchState"] == "EXPIRED")

    await wait_until(expired)


async def test_staff_diagnose_why_a_member_is_not_matched(client: Any, session_factory: Any) -> None:
    member = await _member(
        client, "camille@exemple.fr", "Camille Martin", "ANONYMOUS", contractPreferences=["FREELANCE"]
    )
    member_id = (await gql(client, "{ me { id } }", token=member))["data"]["me"]["id"]
    recruiter, _ = await partner_user(session_factory)
    role = await create_role(client, recruiter)
    await move(client, recruiter, "publishPosting", role["id"])
    staff = await staff_token(session_factory)

    body = await gql(
        client,
        """query($p: UUID!, $m: UUID!) { explainMatch(postingId: $p, memberId: $m)
                                { eligible excludedBy explanation { exclusions { code } } } }""",
        {"p": role["id"], "m": member_id},
        staff,
    )

    diagnosis = body["data"]["explainMatch"]
    assert diagnosis["eligible"] is False
    assert diagnosis["explanation"]["exclusions"][0]["code"] == "CONTRACT"
    assert "contrat" in diagnosis["excludedBy"].lower()


FEEDBACK = """mutation($id: UUID!, $relevant: Boolean!, $reason: MatchFeedbackReason!) {
  giveMatchFeedback(matchId: $id, relevant: $relevant, reason: $reason, comment: "Pas d'IA") {
    ok errors { field code }
  }
}"""


async def test_partner_feedback_is_kept_per_engine_version_for_tuning(
    client: Any, session_factory: Any
) -> None:
    await _member(client, "camille@exemple.fr", "Camille Martin", "VISIBLE")
    recruiter, _ = await partner_user(session_factory)
    staff = await staff_token(session_factory)
    role = await create_role(client, recruiter)
    await move(client, recruiter, "publishPosting", role["id"])

    async def proposed() -> bool:
        body = await gql(client, CANDIDATES, {"id": role["id"]}, recruiter)
        return bool(body["data"]["matches"]["totalCount"] == 1)

    await wait_until(proposed)
    body = await gql(client, CANDIDATES, {"id": role["id"]}, recruiter)
    match_id = body["data"]["matches"]["edges"][0]["node"]["id"]

    mismatch = await gql(
        client, FEEDBACK, {"id": match_id, "relevant": False, "reason": "RELEVANT"}, recruiter
    )
    given = await gql(
        client, FEEDBACK, {"id": match_id, "relevant": False, "reason": "MISSING_COMPETENCY"}, recruiter
    )

    assert mismatch["data"]["giveMatchFeedback"] == {
        "ok": False,
        "errors": [{"field": "reason", "code": "REASON_MISMATCH"}],
    }
    assert given["data"]["giveMatchFeedback"] == {"ok": True, "errors": []}
    report = await gql(
        client,
        """{ matchFeedbackReport { feedback { engineVersion reason relevant count } } }""",
        token=staff,
    )
    (row,) = report["data"]["matchFeedbackReport"]["feedback"]
    assert row["reason"] == "MISSING_COMPETENCY" and row["relevant"] is False and row["count"] == 1
    assert row["engineVersion"]


async def test_a_page_of_candidates_costs_a_bounded_number_of_queries(
    client: Any, session_factory: Any, app: Any
) -> None:
    # given a role matched with twelve visible members
    for number in range(12):
        await _member(client, f"membre{number}@exemple.fr", f"Membre {number}", "VISIBLE")
    recruiter, _ = await partner_user(session_factory)
    role = await create_role(client, recruiter)
    await move(client, recruiter, "publishPosting", role["id"])

    async def all_proposed() -> bool:
        body = await gql(client, CANDIDATES, {"id": role["id"]}, recruiter)
        return bool(body["data"]["matches"]["totalCount"] == 12)

    await wait_until(all_proposed)
    page = """query($id: UUID!, $first: Int!) { matches(postingId: $id, first: $first) {
      edges { node { id score competencies { competencyId }
                     details { fullName experiences { title } }
                     explanation { score sentences missingCompetencies { competencyId } } } } } }"""

    # when the recruiter reads a page of 2, then a page of 12
    with counting_queries(app.state.runtime.engine) as small:
        two = await gql(client, page, {"id": role["id"], "first": 2}, recruiter)
    with counting_queries(app.state.runtime.engine) as large:
        twelve = await gql(client, page, {"id": role["id"], "first": 12}, recruiter)

    # then every candidate is complete, explained with the score stored, and the reads do not grow
    assert len(two["data"]["matches"]["edges"]) == 2
    nodes = [edge["node"] for edge in twelve["data"]["matches"]["edges"]]
    assert all(node["details"]["fullName"] for node in nodes)
    assert all(node["explanation"]["score"] == pytest.approx(node["score"], abs=0.01) for node in nodes)
    assert all(node["explanation"]["sentences"] for node in nodes)

    def reads(statements: list[str]) -> int:
        return sum(statement.lstrip().upper().startswith("SELECT") for statement in statements)

    assert reads(large) == reads(small)


async def test_a_deactivated_member_leaves_the_candidates_and_returns_when_reactivated(
    client: Any, session_factory: Any
) -> None:
    # given a visible member proposed for a published role
    member = await _member(client, "dominique@exemple.fr", "Dominique Petit", "VISIBLE")
    member_id = (await gql(client, "{ me { id } }", token=member))["data"]["me"]["id"]
    recruiter, _ = await partner_user(session_factory)
    role = await create_role(client, recruiter)
    await move(client, recruiter, "publishPosting", role["id"])
    staff = await staff_token(session_factory)

    async def candidates() -> int:
        body = await gql(client, CANDIDATES, {"id": role["id"]}, recruiter)
        return int(body["data"]["matches"]["totalCount"])

    async def proposed() -> bool:
        return await candidates() == 1

    await wait_until(proposed)
    activate = """mutation($id: UUID!, $active: Boolean!) {
      setUserActive(userId: $id, active: $active) { errors { code } } }"""

    # when federation staff deactivate the account, then the partner no longer sees the member
    body = await gql(client, activate, {"id": member_id, "active": False}, staff)
    assert body["data"]["setUserActive"]["errors"] == []

    async def withdrawn() -> bool:
        return await candidates() == 0

    await wait_until(withdrawn)

    # and when they reactivate it, the member is proposed again
    body = await gql(client, activate, {"id": member_id, "active": True}, staff)
    assert body["data"]["setUserActive"]["errors"] == []
    await wait_until(proposed)
