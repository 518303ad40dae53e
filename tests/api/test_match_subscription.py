"""`matchUpdates` over a real WebSocket (graphql-transport-ws) on a real server, on both job paths."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import pytest
from websockets.asyncio.client import connect

from tests.api.members_helpers import sign_up, typical_competencies, update_profile
from tests.api.postings_helpers import create_role, move, partner_user
from tests.support import gql

SUBSCRIBE = "subscription { matchUpdates { postingId event score count } }"


async def _subscribe(url: str, token: str | None) -> Any:
    socket = await connect(url, subprotocols=["graphql-transport-ws"])  # type: ignore[list-item]
    payload = {} if token is None else {"authorization": f"Bearer {token}"}
    await socket.send(json.dumps({"type": "connection_init", "payload": payload}))
    ack = json.loads(await asyncio.wait_for(socket.recv(), 5))
    assert ack["type"] == "connection_ack"
    await socket.send(json.dumps({"id": "1", "type": "subscribe", "payload": {"query": SUBSCRIBE}}))
    return socket


async def test_a_member_and_the_recruiter_receive_the_new_match_live(
    client: Any, session_factory: Any, server_url: str
) -> None:
    # given two consenting members and a recruiter, one member and the recruiter subscribed
    people = (("camille@exemple.fr", "Camille Martin"), ("dominique@exemple.fr", "Dominique Petit"))
    for email, name in people:
        member, _ = await sign_up(client, email, name)
        await update_profile(
            client,
            member,
            headlineTitle="Assistante de direction",
            postalCode="69003",
            competencies=typical_competencies("assistant_direction", gestion_agenda=4),
        )
        await gql(
            client, "mutation { setMyVisibility(visibility: ANONYMOUS) { errors { code } } }", token=member
        )
    recruiter, _ = await partner_user(session_factory)
    member_socket = await _subscribe(server_url, member)
    recruiter_socket = await _subscribe(server_url, recruiter)
    await asyncio.sleep(0.3)  # let both subscriptions reach the event bus

    # when a matching role is published
    role = await create_role(
        client, recruiter, remotePolicy="FULL", remoteDays=None, postalCode=None, commune=None, languages=[]
    )
    await move(client, recruiter, "publishPosting", role["id"])

    # then the member hears of their match, and the recruiter of the posting's two candidates, counted
    # (in one update when one job matched both; a member's own job may have found the posting first)
    for socket, expected in ((member_socket, 1), (recruiter_socket, 2)):
        counted = 0
        while counted < expected:
            message = json.loads(await asyncio.wait_for(socket.recv(), 15))
            assert message["type"] == "next", message
            update = message["payload"]["data"]["matchUpdates"]
            assert update["postingId"] == role["id"]
            assert update["event"] in ("NEW", "UPDATED")  # updated: re-scored by the posting's own job
            assert 0 < update["score"] <= 100
            counted += update["count"] if update["event"] == "NEW" else 0
        assert counted == expected
        await socket.close()


async def test_subscribing_requires_a_valid_token(server_url: str) -> None:
    anonymous = await _subscribe(server_url, None)
    message = json.loads(await asyncio.wait_for(anonymous.recv(), 5))
    assert message["type"] == "error"
    assert message["payload"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    await anonymous.close()

    socket = await connect(server_url, subprotocols=["graphql-transport-ws"])  # type: ignore[list-item]
    await socket.send(json.dumps({"type": "connection_init", "payload": {"authorization": "Bearer faux"}}))
    with pytest.raises(Exception, match="4403"):
        await asyncio.wait_for(socket.recv(), 5)
