"""The review queue round trip: an unknown title → staff attach it → the same title now matches,
and the postings that carried it are re-normalised by a job (both job paths)."""

from __future__ import annotations

from typing import Any

from tests.api.postings_helpers import create_role, partner_user, staff_token
from tests.conftest import wait_until
from tests.support import error_codes, gql

QUEUE = """{ reviewQueue { totalCount edges { node { id key sampleTitle seenCount postingCount
                                                   lastStatus state examples } } } }"""
RESOLVE = """mutation($id: UUID!, $occupation: String, $other: Boolean!) {
  resolveReviewItem(id: $id, occupationId: $occupation, otherProfession: $other) {
    item { state resolvedOccupationId } errors { field code }
  }
}"""
NORMALIZE = """query($t: String!) { normalizeTitle(title: $t) { status confidence occupation { id romeCode }
                                                       otherProfession { id } } }"""
POSTING = "query($id: UUID!) { posting(id: $id) { normalisation { status occupationId } } }"
FRAMEWORK = "{ framework { version } }"


async def test_unknown_title_attached_by_staff_then_matches_everywhere(
    client: Any, session_factory: Any
) -> None:
    # given a role whose title the engine does not know
    recruiter, _ = await partner_user(session_factory)
    staff = await staff_token(session_factory)
    role = await create_role(client, recruiter, title="Chief Happiness Officer (H/F) - CDI")
    assert role["normalisation"]["status"] == "UNKNOWN"
    version_before = (await gql(client, FRAMEWORK, token=staff))["data"]["framework"]["version"]

    # then it waits in the federation's review queue, with its example
    queue = await gql(client, QUEUE, token=staff)
    (item,) = [edge["node"] for edge in queue["data"]["reviewQueue"]["edges"]]
    assert item["state"] == "PENDING"
    assert item["postingCount"] == 1
    assert item["examples"] == ["Chief Happiness Officer (H/F) - CDI"]

    # when staff attach it to an occupation
    resolved = await gql(
        client, RESOLVE, {"id": item["id"], "occupation": "office_manager", "other": False}, staff
    )
    assert resolved["data"]["resolveReviewItem"] == {
        "item": {"state": "ATTACHED", "resolvedOccupationId": "office_manager"},
        "errors": [],
    }

    # then the same title (and its noisy variants) now match, in a new framework version
    for title in ("Chief Happiness Officer", "CHIEF HAPPINESS OFFICER F/H - Lyon"):
        result = (await gql(client, NORMALIZE, {"t": title}, recruiter))["data"]["normalizeTitle"]
        assert result["status"] == "matched", (title, result)
        assert result["occupation"] == {"id": "office_manager", "romeCode": "M1604"}
    version_after = (await gql(client, FRAMEWORK, token=staff))["data"]["framework"]["version"]
    assert version_after != version_before

    # and the saved role is re-normalised by the job
    async def renormalised() -> bool:
        body = await gql(client, POSTING, {"id": role["id"]}, recruiter)
        return bool(body["data"]["posting"]["normalisation"]["occupationId"] == "office_manager")

    await wait_until(renormalised)
    audit = await gql(
        client, '{ auditLog(filter: {entityType: "framework"}) { edges { node { action } } } }', token=staff
    )
    assert {"node": {"action": "framework.alias_add"}} in audit["data"]["auditLog"]["edges"]


async def test_a_title_can_be_marked_as_another_profession(client: Any, session_factory: Any) -> None:
    recruiter, _ = await partner_user(session_factory)
    staff = await staff_token(session_factory)
    await create_role(client, recruiter, title="Chargé·e du bonheur des équipes")
    (item,) = [e["node"] for e in (await gql(client, QUEUE, token=staff))["data"]["reviewQueue"]["edges"]]

    await gql(client, RESOLVE, {"id": item["id"], "occupation": None, "other": True}, staff)

    result = await gql(client, NORMALIZE, {"t": "Chargé·e du bonheur des équipes"}, staff)
    assert result["data"]["normalizeTitle"]["status"] == "out_of_framework"
    again = await gql(client, RESOLVE, {"id": item["id"], "occupation": "secretaire", "other": False}, staff)
    assert again["data"]["resolveReviewItem"]["errors"] == [{"field": "id", "code": "ALREADY_RESOLVED"}]


async def test_resolving_needs_a_known_occupation_or_other(client: Any, session_factory: Any) -> None:
    recruiter, _ = await partner_user(session_factory)
    staff = await staff_token(session_factory)
    await create_role(client, recruiter, title="Chief Happiness Officer")
    (item,) = [e["node"] for e in (await gql(client, QUEUE, token=staff))["data"]["reviewQueue"]["edges"]]

    unknown = await gql(
        client, RESOLVE, {"id": item["id"], "occupation": "astronaute", "other": False}, staff
    )
    neither = await gql(client, RESOLVE, {"id": item["id"], "occupation": None, "other": False}, staff)
    by_partner = await gql(
        client, RESOLVE, {"id": item["id"], "occupation": "secretaire", "other": False}, recruiter
    )

    assert unknown["data"]["resolveReviewItem"]["errors"] == [
        {"field": "occupationId", "code": "UNKNOWN_OCCUPATION"}
    ]
    assert neither["data"]["resolveReviewItem"]["errors"] == [
        {"field": "occupationId", "code": "CHOICE_REQUIRED"}
    ]
    assert error_codes(by_partner) == ["FORBIDDEN"]
