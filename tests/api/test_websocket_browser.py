"""The WebSocket as browsers use it: text frames, the session cookie, and the origin check."""

from __future__ import annotations

import asyncio
import json
import uuid
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import InvalidStatus

from server.models.accounts import UserRole
from tests.support import LOGIN, PASSWORD, create_user

PROTOCOL = "graphql-transport-ws"


async def open_socket(url: str, *, origin: str | None = None, cookie: str | None = None) -> ClientConnection:
    headers = {"Cookie": cookie} if cookie else {}
    return await connect(
        url,
        subprotocols=[PROTOCOL],  # type: ignore[list-item]
        origin=origin,  # type: ignore[arg-type]
        additional_headers=headers,
    )


async def ask_me(socket: ClientConnection, events: Any, user_id: object | None) -> tuple[object, object]:
    """Initialise without credentials and subscribe to `matchUpdates` (queries go over HTTP); then
    publish an update on the user's channel: (raw ack frame, the update received, or the error code)."""
    await socket.send(json.dumps({"type": "connection_init", "payload": {}}))
    ack = await asyncio.wait_for(socket.recv(), 5)
    query = "subscription { matchUpdates { postingId event score count } }"
    await socket.send(json.dumps({"id": "1", "type": "subscribe", "payload": {"query": query}}))
    if user_id is not None:
        await asyncio.sleep(0.3)  # the subscription reaches the event bus
        update = {"postingId": str(uuid.uuid4()), "event": "new", "score": 80.0, "count": 1}
        await events.publish(f"user:{user_id}", update)
    answer = json.loads(await asyncio.wait_for(socket.recv(), 5))
    if answer["type"] == "error":
        return ack, answer["payload"][0]["extensions"]["code"]
    assert answer["payload"].get("data"), answer
    return ack, answer["payload"]["data"]["matchUpdates"]["event"]


def own_origin(url: str) -> str:
    return f"http://{urlsplit(url).netloc}"


async def web_cookie(client: httpx.AsyncClient, email: str) -> str:
    response = await client.post(
        "/graphql",
        json={"query": LOGIN, "variables": {"email": email, "password": PASSWORD}},
        headers={"X-Passerelle-Client": "web", "Origin": "http://testserver"},
    )
    value = (
        response.cookies.get("passerelle_session")
        or response.headers["set-cookie"].split(";")[0].split("=")[1]
    )
    return f"passerelle_session={value}"


async def test_frames_are_text_and_the_cookie_authenticates_the_socket(
    app: Any, client: httpx.AsyncClient, session_factory: Any, server_url: str
) -> None:
    member = await create_user(session_factory, email="rh@acme.fr", role=UserRole.MEMBER)
    cookie = await web_cookie(client, "rh@acme.fr")

    socket = await open_socket(server_url, origin=own_origin(server_url), cookie=cookie)
    ack, update = await ask_me(socket, app.state.runtime.events, member.id)
    await socket.close()

    assert isinstance(ack, str), "binary frames make browsers' graphql-ws close the socket"
    assert json.loads(ack)["type"] == "connection_ack"
    assert update == "NEW"  # the cookie's user received their own live update


async def test_without_cookie_the_socket_is_anonymous(server_url: str) -> None:
    socket = await open_socket(server_url, origin=own_origin(server_url))
    _, refused = await ask_me(socket, None, None)
    await socket.close()

    assert refused == "UNAUTHENTICATED"


async def test_the_socket_accepts_the_configured_origins_and_refuses_others(server_url: str) -> None:
    allowed = await open_socket(server_url, origin="https://partenaires.example")  # in CORS_ORIGINS
    _, refused = await ask_me(allowed, None, None)  # allowed in, anonymous: no subscription
    await allowed.close()

    with pytest.raises(InvalidStatus) as rejected:
        await open_socket(server_url, origin="https://malveillant.example")

    assert refused == "UNAUTHENTICATED"
    assert rejected.value.response.status_code == 403
