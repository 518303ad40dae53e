"""What a request loaded is freed when it ends, by reference counting, not by the cycle collector.

graphql-core's executor references itself, and through it the request's context. The context's
loaders held the page's rows and explanations, so all of it waited for a full collection, which then
paused a later request for 10–17 ms (bench/scale.py, 100,000 members). The context now lets go of
its loaders as the request ends.
"""

from __future__ import annotations

import asyncio
import gc
from typing import Any

from matching.scoring import Explanation
from tests.api.members_helpers import VISIBILITY, sign_up, update_profile
from tests.api.postings_helpers import candidate_nodes, create_role, move, partner_user
from tests.conftest import wait_until
from tests.support import gql

CANDIDATES = """query($id: UUID!) { matches(postingId: $id) { edges { node {
  id score explanation { score factors { code sentence } sentences } } } } }"""


async def explanations_alive() -> int:
    for _ in range(3):  # the event loop's callbacks still queued for a request's futures run first
        await asyncio.sleep(0)
    return sum(isinstance(item, Explanation) for item in gc.get_objects())


async def test_a_candidates_page_leaves_no_explanation_behind(client: Any, session_factory: Any) -> None:
    # given a published role with a proposed candidate
    member, _ = await sign_up(client, "camille@exemple.fr", "Camille Martin")
    payload = await update_profile(
        client,
        member,
        headlineTitle="Assistante de direction bilingue",
        postalCode="69003",
        commune="Lyon",
        mobilityRadiusKm=30,
        remotePreference="PARTIAL",
        contractPreferences=["CDI"],
        yearsOfExperience=7,
        competencies=[{"competencyId": "gestion_agenda", "level": 4}],
        languages=[{"code": "en", "level": "C1"}],
    )
    assert payload["errors"] == [], payload
    visibility = await gql(client, VISIBILITY, {"visibility": "ANONYMOUS"}, member)
    assert visibility["data"]["setMyVisibility"]["errors"] == []
    recruiter, _ = await partner_user(session_factory)
    role = await create_role(
        client, recruiter, competencies=[{"competencyId": "gestion_agenda", "level": 3, "required": True}]
    )
    await move(client, recruiter, "publishPosting", role["id"])

    async def page() -> list[dict[str, Any]]:
        return await candidate_nodes(client, CANDIDATES, role["id"], recruiter)

    async def matched() -> bool:
        return bool(await page())

    await wait_until(matched)

    # when the page is read with the cycle collector off
    await explanations_alive()
    gc.collect()
    before = await explanations_alive()
    gc.disable()
    try:
        nodes = await page()
        after = await explanations_alive()
    finally:
        gc.enable()

    # then its explanations were written, and are gone with the request
    assert nodes and all(node["explanation"]["sentences"] for node in nodes)
    assert after == before == 0
