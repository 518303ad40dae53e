"""What the partner-space browser tests prepare through the API: a fresh company with its admin, a
published role, a member whose profile change makes them match it, and the member's answer."""

from __future__ import annotations

import random
import uuid
from typing import Any

import httpx

from server.models.accounts import UserRole
from tests.api.members_helpers import SIGN_UP, UPDATE, VERIFY_EMAIL
from tests.api.postings_helpers import CREATE_ROLE, MOVES, role_input
from tests.api.test_matching_story import ASSISTANT_PROFILE as STORY_PROFILE
from tests.mail_support import INBOX
from tests.support import PASSWORD, create_partner, create_user, gql, login
from tests.web.conftest import Account, WebServer

MY_MATCHES = "{ myMatches { edges { node { id posting { id } } } } }"
RESPOND = """mutation($id: UUID!) {
  respondToMatch(matchId: $id, response: INTERESTED, message: "Disponible dès le mois prochain") {
    errors { code }
  }
}"""
VISIBILITY = "mutation($v: Visibility!) { setMyVisibility(visibility: $v) { errors { code } } }"

# The matching story's assistant, whose postal code each test sets (see `move_member`).
ASSISTANT_PROFILE: dict[str, Any] = {**STORY_PROFILE, "mobilityRadiusKm": 10}
FAR_AWAY = "13001"  # Marseille: out of reach of the roles these tests publish (Lille, Nantes)


def unique_siren() -> str:
    """A SIREN passing the Luhn check, different on every call (the server's database lives all session)."""
    digits = [random.randint(0, 9) for _ in range(8)]
    for check in range(10):
        candidate = [*digits, check]
        total = 0
        for position, digit in enumerate(reversed(candidate)):
            doubled = digit * 2 if position % 2 else digit
            total += doubled - 9 if doubled > 9 else doubled
        if total % 10 == 0:
            return "".join(map(str, candidate))
    raise AssertionError("unreachable: one check digit always fits")


async def fresh_company(web_server: WebServer, *, tier_code: str, name: str) -> tuple[Account, str]:
    """A partner company of its own (counts and quota untouched by other tests) and its admin."""
    partner = await create_partner(
        web_server.session_factory, name=name, siren=unique_siren(), tier_code=tier_code
    )
    email = f"admin-{uuid.uuid4().hex[:8]}@exemple.fr"
    await create_user(
        web_server.session_factory, email=email, role=UserRole.PARTNER_ADMIN, partner_id=partner.id
    )
    return Account(email=email, password=PASSWORD, partner_id=partner.id), str(partner.id)


async def token_of(api: httpx.AsyncClient, account: Account) -> str:
    return await login(api, account.email, account.password)


async def create_role(api: httpx.AsyncClient, token: str, *, publish: bool = True, **over: Any) -> str:
    body = await gql(api, CREATE_ROLE, {"input": role_input(**over)}, token)
    payload = body["data"]["createRole"]
    assert payload["errors"] == [], payload
    posting_id: str = payload["posting"]["id"]
    if publish:
        moved = await gql(api, MOVES["publishPosting"], {"id": posting_id}, token)
        assert moved["data"]["publishPosting"]["errors"] == [], moved
    return posting_id


async def far_away_member(api: httpx.AsyncClient, full_name: str) -> tuple[str, str]:
    """A consenting (anonymous) member who matches no role yet; returns (token, e-mail)."""
    email = f"membre-{uuid.uuid4().hex[:8]}@exemple.fr"
    body = await gql(api, SIGN_UP, {"email": email, "password": PASSWORD, "fullName": full_name})
    assert body["data"]["signUp"]["ok"] is True, body
    # only a verified address is matched: follow the e-mailed link, then sign in
    received = await INBOX.wait_for(email, "Confirmez votre adresse")
    verified = await gql(api, VERIFY_EMAIL, {"token": received.token("/compte/verifier")})
    assert verified["data"]["verifyEmail"]["ok"] is True, verified
    token = await login(api, email, PASSWORD)
    await move_member(api, token, FAR_AWAY)
    visible = await gql(api, VISIBILITY, {"v": "ANONYMOUS"}, token)
    assert visible["data"]["setMyVisibility"]["errors"] == [], visible
    return token, email


async def move_member(api: httpx.AsyncClient, token: str, postal_code: str) -> None:
    """The member's profile change (through the API) that decides which roles they match."""
    body = await gql(api, UPDATE, {"input": {**ASSISTANT_PROFILE, "postalCode": postal_code}}, token)
    assert body["data"]["updateMyProfile"]["errors"] == [], body


async def say_interested(api: httpx.AsyncClient, token: str, posting_id: str) -> None:
    body = await gql(api, MY_MATCHES, token=token)
    (match_id,) = [
        edge["node"]["id"]
        for edge in body["data"]["myMatches"]["edges"]
        if edge["node"]["posting"]["id"] == posting_id
    ]
    answered = await gql(api, RESPOND, {"id": match_id}, token)
    assert answered["data"]["respondToMatch"]["errors"] == [], answered
