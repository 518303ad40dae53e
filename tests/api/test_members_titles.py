"""Members' uncertain titles go to the review queue; staff's answer re-normalises them."""

from __future__ import annotations

from typing import Any

from server.models.accounts import UserRole
from tests.api.members_helpers import MY_PROFILE, sign_up, update_profile
from tests.conftest import wait_until
from tests.support import create_user, gql, issue_token

QUEUE = "{ reviewQueue { edges { node { id key profileCount lastStatus } } } }"
RESOLVE = """mutation($id: UUID!, $occupation: String) {
  resolveReviewItem(id: $id, occupationId: $occupation) { errors { code } }
}"""


async def test_a_title_resolved_by_staff_gives_the_member_an_occupation(
    client: Any, session_factory: Any
) -> None:
    # given a member whose headline and experience the engine does not know
    token, _ = await sign_up(client)
    saved = await update_profile(
        client,
        token,
        headlineTitle="Coordinatrice administrative",
        experiences=[{"title": "Coordinatrice administrative", "startMonth": "2021-02-01"}],
    )
    assert saved["profile"]["headlineMatchStatus"] == "unknown"
    assert saved["profile"]["headlineOccupation"] is None

    # then the title waits in the review queue, counted for profiles (once per saved title)
    staff = await create_user(session_factory, email="staff@federation.fr", role=UserRole.FEDERATION_ADMIN)
    staff_token = await issue_token(session_factory, staff.id)
    (item,) = [
        edge["node"] for edge in (await gql(client, QUEUE, token=staff_token))["data"]["reviewQueue"]["edges"]
    ]
    assert item["profileCount"] == 2

    # and saving the same experience again does not count it twice
    await update_profile(
        client,
        token,
        bio="Bonjour",
        experiences=[{"title": "Coordinatrice administrative", "startMonth": "2021-02-01"}],
    )
    (item,) = [
        edge["node"] for edge in (await gql(client, QUEUE, token=staff_token))["data"]["reviewQueue"]["edges"]
    ]
    assert item["profileCount"] == 2

    # when staff attach it to an occupation
    variables = {"id": item["id"], "occupation": "assistant_gestion_administrative"}
    resolved = await gql(client, RESOLVE, variables, staff_token)
    assert resolved["data"]["resolveReviewItem"]["errors"] == []

    # then the member's titles are re-normalised (by a job)
    async def renormalised() -> bool:
        profile = (await gql(client, MY_PROFILE, token=token))["data"]["myProfile"]
        return (profile["headlineOccupation"] or {}).get("id") == "assistant_gestion_administrative" and [
            (e["occupation"] or {}).get("id") for e in profile["experiences"]
        ] == ["assistant_gestion_administrative"]

    await wait_until(renormalised)
