"""Issue 2's story over GraphQL: staff create a partner, move it, invite its admin, who logs in."""

from __future__ import annotations

from typing import Any

from server.models.accounts import UserRole
from tests.support import PASSWORD, create_user, error_codes, gql, login

CREATE = """mutation($input: PartnerInput!) {
  createPartner(input: $input) {
    partner { id name siren status departement tier { code label } }
    errors { field message code }
  }
}"""
STATUS = """mutation($id: UUID!, $status: PartnerStatus!) {
  changePartnerStatus(id: $id, status: $status, reason: "Convention signée") {
    partner { status startDate } errors { field code message }
  }
}"""
INVITE = """mutation($input: InviteUserInput!) {
  inviteUser(input: $input) { user { id email role hasAcceptedInvitation } invitationToken
                              errors { field code message } }
}"""
ACCEPT = """mutation($token: String!, $password: String!) {
  acceptInvitation(token: $token, password: $password) { user { email } errors { field code message } }
}"""
ME = "{ me { email role partner { name status } } }"


async def _staff_token(client: Any, session_factory: Any) -> str:
    await create_user(session_factory, email="admin@federation.fr", role=UserRole.FEDERATION_ADMIN)
    return await login(client, "admin@federation.fr")


async def test_staff_create_partner_move_it_and_invite_an_admin_who_logs_in(
    client: Any, session_factory: Any
) -> None:
    # given
    staff = await _staff_token(client, session_factory)

    # when the federation creates a partner
    created = await gql(
        client,
        CREATE,
        {
            "input": {
                "name": "Cabinet Durand",
                "siren": "552 100 554",
                "tierCode": "partenaire",
                "postalCode": "69003",
            }
        },
        staff,
    )

    # then it is a prospect located from its postal code
    partner = created["data"]["createPartner"]["partner"]
    assert created["data"]["createPartner"]["errors"] == []
    assert partner["status"] == "PROSPECT"
    assert partner["siren"] == "552100554"
    assert partner["departement"] == "69"
    assert partner["tier"] == {"code": "partenaire", "label": "Partenaire"}

    # when it goes through its lifecycle
    for target in ("ACTIVE", "SUSPENDED", "ACTIVE"):
        moved = await gql(client, STATUS, {"id": partner["id"], "status": target}, staff)
        assert moved["data"]["changePartnerStatus"]["errors"] == []
        assert moved["data"]["changePartnerStatus"]["partner"]["status"] == target

    # and its admin is invited, accepts and logs in
    invited = await gql(
        client,
        INVITE,
        {"input": {"email": "Claire.Durand@durand.fr", "role": "PARTNER_ADMIN", "partnerId": partner["id"]}},
        staff,
    )
    payload = invited["data"]["inviteUser"]
    assert payload["errors"] == []
    assert payload["user"]["email"] == "claire.durand@durand.fr"
    assert payload["user"]["hasAcceptedInvitation"] is False
    accepted = await gql(client, ACCEPT, {"token": payload["invitationToken"], "password": PASSWORD})
    assert accepted["data"]["acceptInvitation"]["errors"] == []
    token = await login(client, "claire.durand@durand.fr")

    # then the partner admin sees its own company
    me = await gql(client, ME, token=token)
    assert me["data"]["me"] == {
        "email": "claire.durand@durand.fr",
        "role": "PARTNER_ADMIN",
        "partner": {"name": "Cabinet Durand", "status": "ACTIVE"},
    }


async def test_forbidden_transition_is_refused_with_a_typed_error_and_changes_nothing(
    client: Any, session_factory: Any
) -> None:
    staff = await _staff_token(client, session_factory)
    created = await gql(
        client,
        CREATE,
        {"input": {"name": "Fin de route", "siren": "732829320", "tierCode": "decouverte"}},
        staff,
    )
    partner_id = created["data"]["createPartner"]["partner"]["id"]
    assert (await gql(client, STATUS, {"id": partner_id, "status": "ENDED"}, staff))["data"][
        "changePartnerStatus"
    ]["errors"] == []

    refused = await gql(client, STATUS, {"id": partner_id, "status": "ACTIVE"}, staff)

    payload = refused["data"]["changePartnerStatus"]
    assert payload["partner"] is None
    assert [(e["field"], e["code"]) for e in payload["errors"]] == [("status", "FORBIDDEN_TRANSITION")]
    read = await gql(client, "query($id: UUID!) { partner(id: $id) { status } }", {"id": partner_id}, staff)
    assert read["data"]["partner"]["status"] == "ENDED"


async def test_invalid_fields_are_all_reported_and_nothing_is_created(
    client: Any, session_factory: Any
) -> None:
    staff = await _staff_token(client, session_factory)

    refused = await gql(
        client,
        CREATE,
        {
            "input": {
                "name": "X",
                "siren": "552100555",
                "siret": "55210055400012",
                "nafCode": "6201",
                "tierCode": "platine",
                "postalCode": "7500",
                "departement": "99",
            }
        },
        staff,
    )

    errors = {(e["field"], e["code"]) for e in refused["data"]["createPartner"]["errors"]}
    assert errors == {
        ("name", "TOO_SHORT"),
        ("siren", "INVALID_SIREN"),
        ("siret", "INVALID_SIRET"),
        ("nafCode", "INVALID_NAF"),
        ("tierCode", "UNKNOWN_TIER"),
        ("postalCode", "INVALID_POSTAL_CODE"),
        ("departement", "INVALID_DEPARTEMENT"),
    }
    listed = await gql(client, "{ partners { totalCount } }", token=staff)
    assert listed["data"]["partners"]["totalCount"] == 0


async def test_signed_out_calls_are_refused_with_unauthenticated(client: Any) -> None:
    body = await gql(client, "{ partners { totalCount } }")
    assert error_codes(body) == ["UNAUTHENTICATED"]
