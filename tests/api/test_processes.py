"""Several API processes: a live update published by one reaches a subscription held by another."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import httpx
import pytest
from websockets.asyncio.client import connect

from harness.processes import ApiProcess
from server.settings import Settings
from tests.api.members_helpers import sign_up, typical_competencies, update_profile
from tests.api.postings_helpers import create_role, move, partner_user
from tests.api.test_metrics import sample
from tests.conftest import BACKEND, wait_until
from tests.support import gql

pytestmark = pytest.mark.skipif(
    BACKEND != "postgres", reason="several API processes need Redis (the services pass)"
)

SUBSCRIBE = "subscription { matchUpdates { postingId event score count } }"
MY_MATCH_IDS = "{ myMatches { edges { node { id posting { id } } } } }"
RESPOND = """mutation($id: UUID!) { respondToMatch(matchId: $id, response: INTERESTED) {
  matchId response errors { code } } }"""


async def _ready(api: ApiProcess) -> None:
    async with httpx.AsyncClient(base_url=api.url) as http:

        async def ready() -> bool:
            return (await http.get("/readyz")).status_code == 200

        await wait_until(ready, within=60)


async def test_a_subscription_on_one_process_hears_a_mutation_served_by_another(
    client: Any, session_factory: Any, settings: Settings
) -> None:
    # given a member matched with a recruiter's published role
    member, _ = await sign_up(client, "camille@exemple.fr", "Camille Martin")
    await update_profile(
        client,
        member,
        headlineTitle="Assistante de direction",
        postalCode="69003",
        competencies=typical_competencies("assistant_direction", gestion_agenda=4),
    )
    await gql(client, "mutation { setMyVisibility(visibility: ANONYMOUS) { errors { code } } }", token=member)
    recruiter, _ = await partner_user(session_factory)
    role = await create_role(
        client, recruiter, remotePolicy="FULL", remoteDays=None, postalCode=None, commune=None, languages=[]
    )
    await move(client, recruiter, "publishPosting", role["id"])
    match_ids: list[str] = []

    async def matched() -> bool:
        edges = (await gql(client, MY_MATCH_IDS, token=member))["data"]["myMatches"]["edges"]
        match_ids[:] = [edge["node"]["id"] for edge in edges if edge["node"]["posting"]["id"] == role["id"]]
        return bool(match_ids)

    await wait_until(matched, within=30)

    # and two API deployments: one of two processes (`--workers 2`), one of a single process
    first = ApiProcess(settings.database_url, settings.redis_url, workers=2)
    second = ApiProcess(settings.database_url, settings.redis_url)
    try:
        first.start()  # inside the try: a process that is slow to open its port is still stopped
        second.start()
        await asyncio.gather(_ready(first), _ready(second))
        socket = await connect(
            f"ws://127.0.0.1:{first.port}/graphql",
            subprotocols=["graphql-transport-ws"],  # type: ignore[list-item]
        )
        await socket.send(
            json.dumps({"type": "connection_init", "payload": {"authorization": f"Bearer {recruiter}"}})
        )
        assert json.loads(await asyncio.wait_for(socket.recv(), 10))["type"] == "connection_ack"
        await socket.send(json.dumps({"id": "1", "type": "subscribe", "payload": {"query": SUBSCRIBE}}))
        await asyncio.sleep(0.5)  # let the subscription reach Redis

        # when the member answers through the other deployment
        async with httpx.AsyncClient(base_url=second.url) as http:
            answer = await gql(http, RESPOND, {"id": match_ids[0]}, member)
        assert answer["data"]["respondToMatch"]["errors"] == [], answer

        # then the recruiter, subscribed on the first, hears it live
        while True:
            message = json.loads(await asyncio.wait_for(socket.recv(), 15))
            assert message["type"] == "next", message
            update = message["payload"]["data"]["matchUpdates"]
            if update["event"] == "RESPONSE_INTERESTED":
                break
        assert update["postingId"] == role["id"]
        await socket.close()
        assert first.log().count("warm: framework") == 2  # both processes of the first deployment

        # and /metrics on the first deployment sums what both of its processes served
        for _ in range(20):  # a new connection each: the kernel spreads them over the two processes
            async with httpx.AsyncClient(base_url=first.url) as http:
                await gql(http, "query CountedAcrossProcesses { __typename }")
        async with httpx.AsyncClient(base_url=first.url) as http:
            text = (await http.get("/metrics")).text
        served = sample(text, "passerelle_graphql_request_seconds_count", operation="CountedAcrossProcesses")
        assert served == 20
    finally:
        first.stop()
        second.stop()
