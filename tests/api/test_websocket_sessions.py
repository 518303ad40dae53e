"""The WebSocket carries subscriptions only, within the HTTP limits, and dies with its session.

Runs on both passes: the in-process event bus (SQLite) and Redis (PostgreSQL), so a "session ended"
event published by the API reaches the sockets either way.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

import httpx
import pytest
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed

from server.models.accounts import UserRole
from tests.api.postings_helpers import partner_user, staff_token
from tests.support import create_user, gql, issue_token

PROTOCOL = "graphql-transport-ws"
SUBSCRIBE = "subscription { matchUpdates { postingId event score count } }"


async def opened(url: str, token: str | None) -> ClientConnection:
    socket = await connect(url, subprotocols=[PROTOCOL], max_size=None)  # type: ignore[list-item]
    payload = {} if token is None else {"authorization": f"Bearer {token}"}
    await socket.send(json.dumps({"type": "connection_init", "payload": payload}))
    ack = json.loads(await asyncio.wait_for(socket.recv(), 5))
    assert ack["type"] == "connection_ack"
    return socket


async def subscribe(socket: ClientConnection, op_id: str, query: str = SUBSCRIBE, **variables: Any) -> None:
    message = {"id": op_id, "type": "subscribe", "payload": {"query": query, "variables": variables}}
    await socket.send(json.dumps(message))


async def closed_code(socket: ClientConnection, within: float) -> int | None:
    """Wait for the server to close the socket; its close code."""
    with pytest.raises(ConnectionClosed) as closed:
        while True:
            await asyncio.wait_for(socket.recv(), within)
    return closed.value.rcvd.code if closed.value.rcvd else None


async def test_queries_and_mutations_over_the_socket_are_refused(
    client: httpx.AsyncClient, session_factory: Any, server_url: str
) -> None:
    member = await create_user(session_factory, email="m@exemple.fr", role=UserRole.MEMBER)
    token = await issue_token(session_factory, member.id)
    socket = await opened(server_url, token)
    await subscribe(socket, "q", "{ me { email } }")
    await subscribe(socket, "m", "mutation { logout { ok } }")
    answers = [json.loads(await asyncio.wait_for(socket.recv(), 5)) for _ in range(2)]
    await socket.close()
    for answer in answers:
        assert answer["type"] == "error", answer
        assert answer["payload"][0]["extensions"]["code"] == "BAD_USER_INPUT"
        assert "HTTP" in answer["payload"][0]["message"]
    me = await gql(client, "{ me { email } }", token=token)  # the mutation did not run: still signed in
    assert me["data"]["me"] == {"email": "m@exemple.fr"}


async def test_the_http_limits_apply_over_the_socket(session_factory: Any, server_url: str) -> None:
    member = await create_user(session_factory, email="m@exemple.fr", role=UserRole.MEMBER)
    token = await issue_token(session_factory, member.id)
    socket = await opened(server_url, token)
    fine = "subscription Fine { matchUpdates { postingId event } }"
    nested = "fragment F0 on Subscription { matchUpdates { postingId } }\n" + "\n".join(
        f"fragment F{i} on Subscription {{ ...F{i - 1} ...F{i - 1} }}" for i in range(1, 31)
    )
    await subscribe(socket, "bomb", "subscription Bomb { ...F30 }\n" + nested)
    await subscribe(socket, "nul", "subscription($x: String) { matchUpdates { postingId } }", x="a\x00")
    answers = [json.loads(await asyncio.wait_for(socket.recv(), 5)) for _ in range(2)]
    assert [answer["payload"][0]["extensions"]["code"] for answer in answers] == ["BAD_USER_INPUT"] * 2
    await subscribe(socket, "ok", fine)  # a well-formed subscription still subscribes
    with pytest.raises(TimeoutError):
        await asyncio.wait_for(socket.recv(), 0.5)  # no error: it waits for events
    # a 3 MB message is over the body limit: the socket is closed (4400), nothing is executed
    await socket.send(
        json.dumps({"id": "big", "type": "subscribe", "payload": {"query": "#" + "x" * 3_000_000}})
    )
    assert await closed_code(socket, 5) == 4400


async def test_subscriptions_per_connection_are_capped(session_factory: Any, server_url: str) -> None:
    member = await create_user(session_factory, email="m@exemple.fr", role=UserRole.MEMBER)
    token = await issue_token(session_factory, member.id)
    socket = await opened(server_url, token)
    for op_id in range(11):
        await subscribe(socket, str(op_id))
    refusal = json.loads(await asyncio.wait_for(socket.recv(), 5))
    await socket.close()
    assert refusal["id"] == "10" and refusal["type"] == "error"
    assert refusal["payload"][0]["extensions"]["code"] == "BAD_USER_INPUT"


async def test_a_socket_without_connection_init_is_closed(server_url: str) -> None:
    socket = await connect(server_url, subprotocols=[PROTOCOL])  # type: ignore[list-item]
    started = asyncio.get_running_loop().time()
    assert await closed_code(socket, 10) == 4408
    assert asyncio.get_running_loop().time() - started < 8


async def test_logout_closes_the_sessions_sockets_within_seconds(
    client: httpx.AsyncClient, session_factory: Any, server_url: str
) -> None:
    member = await create_user(session_factory, email="m@exemple.fr", role=UserRole.MEMBER)
    token = await issue_token(session_factory, member.id)
    socket = await opened(server_url, token)
    await subscribe(socket, "1")
    await asyncio.sleep(0.3)  # the socket's watcher listens on the bus
    assert (await gql(client, "mutation { logout { ok } }", token=token))["data"]["logout"] == {"ok": True}
    assert await closed_code(socket, 5) == 4403  # well before the 10 s periodic check


async def test_deactivation_and_suspension_close_sockets(
    client: httpx.AsyncClient, session_factory: Any, server_url: str
) -> None:
    staff = await staff_token(session_factory)
    member = await create_user(session_factory, email="m@exemple.fr", role=UserRole.MEMBER)
    member_socket = await opened(server_url, await issue_token(session_factory, member.id))
    recruiter, partner_id = await partner_user(session_factory)
    recruiter_socket = await opened(server_url, recruiter)
    for socket in (member_socket, recruiter_socket):
        await subscribe(socket, "1")
    await asyncio.sleep(0.3)
    deactivated = await gql(
        client,
        "mutation($id: UUID!) { setUserActive(userId: $id, active: false) { errors { code } } }",
        {"id": str(member.id)},
        staff,
    )
    assert deactivated["data"]["setUserActive"]["errors"] == []
    assert await closed_code(member_socket, 5) == 4403
    suspended = await gql(
        client,
        "mutation($id: UUID!) { changePartnerStatus(id: $id, status: SUSPENDED) { errors { code } } }",
        {"id": partner_id},
        staff,
    )
    assert suspended["data"]["changePartnerStatus"]["errors"] == []
    assert await closed_code(recruiter_socket, 5) == 4403
    # and a socket opened later with the old token is refused at connection_init
    late = await connect(server_url, subprotocols=[PROTOCOL])  # type: ignore[list-item]
    await late.send(
        json.dumps({"type": "connection_init", "payload": {"authorization": f"Bearer {recruiter}"}})
    )
    assert await closed_code(late, 5) == 4403
