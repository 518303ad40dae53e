"""When staff attach an unknown title to an occupation, the roles carrying it are re-normalised."""

from __future__ import annotations

from typing import Any

from tests.api.postings_helpers import create_role, move, partner_user, staff_token
from tests.conftest import wait_until
from tests.support import gql

QUEUE = "{ reviewQueue { edges { node { id key postingCount } } } }"
RESOLVE = """mutation($id: UUID!) {
  resolveReviewItem(id: $id, occupationId: "assistant_direction") { errors { code } }
}"""
NORMALISATION = "query($id: UUID!) { posting(id: $id) { normalisation { status occupationId romeCode } } }"


async def test_resolving_a_review_item_renormalises_the_roles_with_that_title(
    client: Any, session_factory: Any
) -> None:
    # given an open role whose title the framework does not know
    token, _ = await partner_user(session_factory)
    role = await create_role(client, token, title="Adjoint de direction H/F")
    await move(client, token, "publishPosting", role["id"])
    assert role["normalisation"]["status"] == "UNKNOWN"
    assert role["normalisation"]["occupationId"] is None
    staff = await staff_token(session_factory)

    # when staff attach the queued title to « assistant·e de direction »
    queue = (await gql(client, QUEUE, token=staff))["data"]["reviewQueue"]["edges"]
    [item] = [edge["node"] for edge in queue if edge["node"]["postingCount"] == 1]
    resolved = await gql(client, RESOLVE, {"id": item["id"]}, staff)
    assert resolved["data"]["resolveReviewItem"]["errors"] == []

    # then the role takes the occupation and its ROME code
    async def renormalised() -> bool:
        body = await gql(client, NORMALISATION, {"id": role["id"]}, token)
        return bool(
            body["data"]["posting"]["normalisation"]
            == {"status": "MATCHED", "occupationId": "assistant_direction", "romeCode": "M1604"}
        )

    await wait_until(renormalised)
