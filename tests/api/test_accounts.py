"""Sign-in, sessions, invitations and account locks, over GraphQL."""

from __future__ import annotations

from typing import Any

from server.models.accounts import UserRole
from server.models.partners import PartnerStatus
from tests.support import (
    LOGIN,
    PASSWORD,
    create_partner,
    create_user,
    error_codes,
    gql,
    issue_token,
    login,
)

ME = "{ me { email } }"


async def _login_errors(client: Any, email: str, password: str) -> list[dict[str, Any]]:
    body = await gql(client, LOGIN, {"email": email, "password": password})
    return list(body["data"]["login"]["errors"])


async def test_wrong_password_and_unknown_email_get_the_same_answer(
    client: Any, session_factory: Any
) -> None:
    await create_user(session_factory, email="anne@exemple.fr", role=UserRole.MEMBER)

    wrong_password = await _login_errors(client, "anne@exemple.fr", "pas-le-bon-123")
    unknown_email = await _login_errors(client, "personne@exemple.fr", "pas-le-bon-123")

    assert wrong_password == unknown_email
    assert [error["code"] for error in wrong_password] == ["INVALID_CREDENTIALS"]


async def test_repeated_failures_are_rate_limited_even_with_the_right_password(
    client: Any, session_factory: Any
) -> None:
    await create_user(session_factory, email="anne@exemple.fr", role=UserRole.MEMBER)
    for _ in range(5):
        await _login_errors(client, "anne@exemple.fr", "mauvais-mot-1")

    body = await gql(client, LOGIN, {"email": "anne@exemple.fr", "password": PASSWORD})

    assert error_codes(body) == ["RATE_LIMITED"]
    assert "Réessayez" in body["errors"][0]["message"]


async def test_logout_revokes_the_token(client: Any, session_factory: Any) -> None:
    await create_user(session_factory, email="anne@exemple.fr", role=UserRole.MEMBER)
    token = await login(client, "anne@exemple.fr")
    assert (await gql(client, ME, token=token))["data"]["me"] == {"email": "anne@exemple.fr"}

    await gql(client, "mutation { logout { ok } }", token=token)

    assert (await gql(client, ME, token=token))["data"]["me"] is None


async def test_a_suspended_partner_cannot_log_in_and_its_sessions_stop(
    client: Any, session_factory: Any
) -> None:
    partner = await create_partner(session_factory)
    user = await create_user(
        session_factory, email="rh@acme.fr", role=UserRole.PARTNER_ADMIN, partner_id=partner.id
    )
    token = await issue_token(session_factory, user.id)
    staff = await create_user(session_factory, email="staff@federation.fr", role=UserRole.FEDERATION_ADMIN)
    staff_token = await issue_token(session_factory, staff.id)

    await gql(
        client,
        "mutation($id: UUID!) { changePartnerStatus(id: $id, status: SUSPENDED) { errors { code } } }",
        {"id": str(partner.id)},
        staff_token,
    )

    assert (await gql(client, ME, token=token))["data"]["me"] is None
    assert [e["code"] for e in await _login_errors(client, "rh@acme.fr", PASSWORD)] == ["PARTNER_INACTIVE"]
    data = await gql(
        client, "query($id: UUID!) { partner(id: $id) { name status } }", {"id": str(partner.id)}, staff_token
    )
    assert data["data"]["partner"] == {"name": "Acme", "status": "SUSPENDED"}


async def test_a_deactivated_user_cannot_log_in(client: Any, session_factory: Any) -> None:
    await create_user(session_factory, email="ancien@exemple.fr", role=UserRole.MEMBER, active=False)
    assert [e["code"] for e in await _login_errors(client, "ancien@exemple.fr", PASSWORD)] == [
        "INVALID_CREDENTIALS"
    ]


INVITE = """mutation($input: InviteUserInput!) {
  inviteUser(input: $input) { invitationToken errors { field code } }
}"""
ACCEPT = """mutation($token: String!, $password: String!) {
  acceptInvitation(token: $token, password: $password) { token user { email } errors { field code } }
}"""


async def test_partner_admin_invites_a_recruiter_who_sets_a_strong_password_once(
    client: Any, session_factory: Any
) -> None:
    partner = await create_partner(session_factory, status=PartnerStatus.ACTIVE)
    admin = await create_user(
        session_factory, email="rh@acme.fr", role=UserRole.PARTNER_ADMIN, partner_id=partner.id
    )
    token = await issue_token(session_factory, admin.id)

    invited = await gql(
        client, INVITE, {"input": {"email": "recrue@acme.fr", "role": "PARTNER_RECRUITER"}}, token
    )
    invitation = invited["data"]["inviteUser"]["invitationToken"]
    weak = await gql(client, ACCEPT, {"token": invitation, "password": "court"})
    accepted = await gql(client, ACCEPT, {"token": invitation, "password": PASSWORD})
    reused = await gql(client, ACCEPT, {"token": invitation, "password": PASSWORD})

    assert weak["data"]["acceptInvitation"]["errors"] == [{"field": "password", "code": "TOO_SHORT"}]
    session_token = accepted["data"]["acceptInvitation"].pop("token")
    assert accepted["data"]["acceptInvitation"] == {"user": {"email": "recrue@acme.fr"}, "errors": []}
    assert reused["data"]["acceptInvitation"]["errors"] == [{"field": "token", "code": "INVITATION_INVALID"}]
    assert weak["data"]["acceptInvitation"]["token"] is None
    # the invitee is signed in at once, as after signUp, and can still log in later
    expected = {"role": "PARTNER_RECRUITER", "partner": {"name": "Acme"}}
    me_now = await gql(client, "{ me { role partner { name } } }", token=session_token)
    assert me_now["data"]["me"] == expected
    me = await gql(client, "{ me { role partner { name } } }", token=await login(client, "recrue@acme.fr"))
    assert me["data"]["me"] == expected


async def test_inviting_an_existing_email_or_a_bad_address_is_refused(
    client: Any, session_factory: Any
) -> None:
    staff = await create_user(session_factory, email="staff@federation.fr", role=UserRole.FEDERATION_ADMIN)
    token = await issue_token(session_factory, staff.id)

    taken = await gql(
        client, INVITE, {"input": {"email": "STAFF@federation.fr", "role": "FEDERATION_ADMIN"}}, token
    )
    malformed = await gql(client, INVITE, {"input": {"email": "pas-une-adresse", "role": "MEMBER"}}, token)
    partner_role_without_partner = await gql(
        client, INVITE, {"input": {"email": "x@y.fr", "role": "PARTNER_ADMIN"}}, token
    )

    assert taken["data"]["inviteUser"]["errors"] == [{"field": "email", "code": "EMAIL_TAKEN"}]
    assert malformed["data"]["inviteUser"]["errors"] == [{"field": "email", "code": "INVALID_EMAIL"}]
    assert partner_role_without_partner["data"]["inviteUser"]["errors"] == [
        {"field": "partnerId", "code": "REQUIRED"}
    ]
