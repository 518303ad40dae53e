"""The web client's session cookie over HTTP: set on sign-in, accepted by /graphql, guarded by Origin,
cleared and revoked on sign-out; bearer clients unchanged."""

from __future__ import annotations

from typing import Any

import httpx

from server.models.accounts import UserRole
from tests.support import LOGIN, PASSWORD, create_partner, create_user, issue_token

WEB = {"X-Passerelle-Client": "web"}
ME = "{ me { email role } }"
LOGOUT = "mutation { logout { ok } }"


async def post(
    client: httpx.AsyncClient, query: str, variables: Any = None, **headers: str
) -> httpx.Response:
    return await client.post("/graphql", json={"query": query, "variables": variables or {}}, headers=headers)


def session_cookie(response: httpx.Response) -> str:
    """The Set-Cookie line of the session cookie (its attributes are what the browser obeys)."""
    lines = [
        line for line in response.headers.get_list("set-cookie") if line.startswith("passerelle_session=")
    ]
    assert len(lines) == 1, response.headers
    return lines[0]


def cookie_value(line: str) -> str:
    return line.split(";", 1)[0].split("=", 1)[1].strip('"')


async def web_login(client: httpx.AsyncClient, email: str, **headers: str) -> httpx.Response:
    return await post(client, LOGIN, {"email": email, "password": PASSWORD}, **WEB, **headers)


async def test_a_web_sign_in_sets_an_httponly_strict_secure_cookie_and_hides_the_token(
    client: httpx.AsyncClient, session_factory: Any
) -> None:
    await create_user(session_factory, email="rh@acme.fr", role=UserRole.FEDERATION_ADMIN)

    response = await web_login(client, "rh@acme.fr", Origin="http://testserver")

    line = session_cookie(response)
    attributes = {part.strip().lower() for part in line.split(";")[1:]}
    assert {"httponly", "secure", "samesite=strict", "path=/"} <= attributes
    assert response.json()["data"]["login"]["token"] is None  # never readable by the page's scripts
    me = await post(client, ME, Cookie=f"passerelle_session={cookie_value(line)}", Origin="http://testserver")
    assert me.json()["data"]["me"] == {"email": "rh@acme.fr", "role": "FEDERATION_ADMIN"}


async def test_on_plain_http_localhost_the_cookie_is_not_secure(app: Any, session_factory: Any) -> None:
    await create_user(session_factory, email="rh@acme.fr", role=UserRole.FEDERATION_ADMIN)
    transport = httpx.ASGITransport(app=app, client=("127.0.0.1", 4321))
    async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1:8000") as local:
        response = await web_login(local, "rh@acme.fr", Origin="http://127.0.0.1:8000")

    attributes = {part.strip().lower() for part in session_cookie(response).split(";")[1:]}
    assert "httponly" in attributes and "samesite=strict" in attributes
    assert "secure" not in attributes


async def test_api_clients_keep_their_bearer_token_and_get_no_cookie(
    client: httpx.AsyncClient, session_factory: Any
) -> None:
    await create_user(session_factory, email="rh@acme.fr", role=UserRole.FEDERATION_ADMIN)

    response = await post(client, LOGIN, {"email": "rh@acme.fr", "password": PASSWORD})

    token = response.json()["data"]["login"]["token"]
    assert token and "set-cookie" not in response.headers
    me = await post(client, ME, Authorization=f"Bearer {token}")
    assert me.json()["data"]["me"]["email"] == "rh@acme.fr"


async def test_sign_out_clears_the_cookie_and_revokes_the_session(
    client: httpx.AsyncClient, session_factory: Any
) -> None:
    await create_user(session_factory, email="rh@acme.fr", role=UserRole.FEDERATION_ADMIN)
    cookie = f"passerelle_session={cookie_value(session_cookie(await web_login(client, 'rh@acme.fr')))}"

    signed_out = await post(client, LOGOUT, Cookie=cookie, Origin="http://testserver", **WEB)

    assert signed_out.json()["data"]["logout"] == {"ok": True}
    cleared = session_cookie(signed_out)
    assert cookie_value(cleared) == "" and "max-age=0" in cleared.lower()
    replayed = await post(client, ME, Cookie=cookie, Origin="http://testserver")
    assert replayed.json()["data"]["me"] is None  # the old cookie no longer opens anything


async def test_a_cookie_from_a_foreign_origin_is_refused(
    client: httpx.AsyncClient, session_factory: Any
) -> None:
    await create_user(session_factory, email="rh@acme.fr", role=UserRole.FEDERATION_ADMIN)
    cookie = f"passerelle_session={cookie_value(session_cookie(await web_login(client, 'rh@acme.fr')))}"

    foreign = await post(client, ME, Cookie=cookie, Origin="https://malveillant.example")
    cross_site_without_origin = await post(client, ME, Cookie=cookie, **{"Sec-Fetch-Site": "cross-site"})
    configured = await post(client, ME, Cookie=cookie, Origin="https://partenaires.example")
    sign_in_from_elsewhere = await web_login(client, "rh@acme.fr", Origin="https://malveillant.example")

    for refused in (foreign, cross_site_without_origin, sign_in_from_elsewhere):
        assert refused.status_code == 403
        assert refused.json()["errors"][0]["extensions"]["code"] == "FORBIDDEN"
        assert "set-cookie" not in refused.headers
    assert configured.json()["data"]["me"]["email"] == "rh@acme.fr"  # listed in CORS_ORIGINS


async def test_accepting_an_invitation_from_the_web_client_signs_in(
    client: httpx.AsyncClient, session_factory: Any
) -> None:
    partner = await create_partner(session_factory)
    admin = await create_user(
        session_factory, email="rh@acme.fr", role=UserRole.PARTNER_ADMIN, partner_id=partner.id
    )
    invited = await post(
        client,
        "mutation($input: InviteUserInput!) { inviteUser(input: $input) { invitationToken } }",
        {"input": {"email": "recrue@acme.fr", "role": "PARTNER_RECRUITER"}},
        Authorization=f"Bearer {await issue_token(session_factory, admin.id)}",
    )
    invitation = invited.json()["data"]["inviteUser"]["invitationToken"]

    accepted = await post(
        client,
        "mutation($t: String!, $p: String!) {"
        " acceptInvitation(token: $t, password: $p) { errors { code } } }",
        {"t": invitation, "p": PASSWORD},
        Origin="http://testserver",
        **WEB,
    )

    assert accepted.json()["data"]["acceptInvitation"]["errors"] == []
    cookie = f"passerelle_session={cookie_value(session_cookie(accepted))}"
    me = await post(client, ME, Cookie=cookie, Origin="http://testserver")
    assert me.json()["data"]["me"] == {"email": "recrue@acme.fr", "role": "PARTNER_RECRUITER"}


async def test_a_member_signing_up_from_the_web_client_signs_in_with_the_password_chosen(
    client: httpx.AsyncClient,
) -> None:
    signed_up = await post(
        client,
        'mutation($e: String!, $p: String!) { signUp(email: $e, password: $p, fullName: "Camille") '
        "{ ok errors { code } } }",
        {"e": "camille@exemple.fr", "p": PASSWORD},
        Origin="http://testserver",
        **WEB,
    )

    # the answer is the same whether the address is taken: no session, no cookie
    assert signed_up.json()["data"]["signUp"] == {"ok": True, "errors": []}
    assert not signed_up.headers.get_list("set-cookie")
    signed_in = await web_login(client, "camille@exemple.fr", Origin="http://testserver")
    cookie = f"passerelle_session={cookie_value(session_cookie(signed_in))}"
    me = await post(client, ME, Cookie=cookie, Origin="http://testserver")
    assert me.json()["data"]["me"] == {"email": "camille@exemple.fr", "role": "MEMBER"}


async def test_rate_limited_sign_in_says_when_to_retry(
    client: httpx.AsyncClient, session_factory: Any
) -> None:
    await create_user(session_factory, email="rh@acme.fr", role=UserRole.FEDERATION_ADMIN)
    for _ in range(5):
        await post(client, LOGIN, {"email": "rh@acme.fr", "password": "mauvais-mot-de-passe"})

    refused = await post(client, LOGIN, {"email": "rh@acme.fr", "password": PASSWORD})

    error = refused.json()["errors"][0]
    assert error["extensions"]["code"] == "RATE_LIMITED"
    assert error["extensions"]["retryAfterSeconds"] == 15 * 60
