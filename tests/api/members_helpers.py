"""Helpers shared by the members tests: GraphQL documents and a signed-up member."""

from __future__ import annotations

import uuid
from typing import Any

import httpx
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from matching.framework import load_framework
from server.models.outbox import OutboxEvent
from tests.mail_support import INBOX
from tests.support import PASSWORD, gql

SIGN_UP = """mutation($email: String!, $password: String!, $fullName: String!) {
  signUp(email: $email, password: $password, fullName: $fullName) { ok errors { field message code } }
}"""
LOGIN = """mutation($email: String!, $password: String!) {
  login(email: $email, password: $password) {
    token user { id email role emailVerified } nextStep errors { code }
  }
}"""
VERIFY_EMAIL = "mutation($token: String!) { verifyEmail(token: $token) { ok errors { field code message } } }"
PROFILE_FIELDS = """userId email fullName headlineTitle headlineMatchStatus bio visibility yearsOfExperience
  membershipNumber postalCode departement mobilityRadiusKm mobilityDepartements remotePreference
  contractPreferences workingTimePreference status availableFrom salaryExpectation dailyRate offers
  certifications otherCertifications lastActivityAt
  headlineOccupation { id label confidence status }
  experiences { title employer sector startMonth endMonth matchStatus occupation { id label } }
  competencies { competencyId label level }
  languages { code level }
  suggestedCompetencies { competencyId label typicalLevel occupationIds }
  consentHistory { visibility previous source at }"""
MY_PROFILE = "{ myProfile { " + PROFILE_FIELDS + " } }"
UPDATE = (
    """mutation($input: MemberProfileInput!) {
  updateMyProfile(input: $input) { profile { """
    + PROFILE_FIELDS
    + """ } errors { field message code } }
}"""
)
VISIBILITY = """mutation($visibility: Visibility!) {
  setMyVisibility(visibility: $visibility) {
    profile { visibility consentHistory { visibility previous source at } } errors { field code }
  }
}"""
EXPORT = "{ exportMyData }"
DELETE = """mutation($password: String!) {
  deleteMyAccount(password: $password) { ok errors { field code message } }
}"""


async def sign_up(
    client: httpx.AsyncClient,
    email: str = "camille.martin@exemple.fr",
    full_name: str = "Camille Martin",
    *,
    verify: bool = True,
) -> tuple[str, str]:
    """A new member through the public sign-up, its e-mailed link followed, then signed in.

    Returns (token, user id); with `verify=False` the address stays unconfirmed.
    """
    body = await gql(client, SIGN_UP, {"email": email, "password": PASSWORD, "fullName": full_name})
    payload = body["data"]["signUp"]
    assert payload == {"ok": True, "errors": []}, payload
    if verify:
        received = await INBOX.wait_for(email, "Confirmez votre adresse")
        verified = await gql(client, VERIFY_EMAIL, {"token": received.token("/compte/verifier")})
        assert verified["data"]["verifyEmail"] == {"ok": True, "errors": []}, verified
    return await log_in(client, email)


async def log_in(client: httpx.AsyncClient, email: str, password: str = PASSWORD) -> tuple[str, str]:
    body = await gql(client, LOGIN, {"email": email, "password": password})
    opened = body["data"]["login"]
    assert opened["errors"] == [] and opened["nextStep"] == "DONE", opened
    return opened["token"], opened["user"]["id"]


async def update_profile(client: httpx.AsyncClient, token: str, **fields: Any) -> dict[str, Any]:
    body = await gql(client, UPDATE, {"input": fields}, token)
    assert "errors" not in body, body
    payload: dict[str, Any] = body["data"]["updateMyProfile"]
    return payload


def issues(payload: dict[str, Any]) -> list[tuple[str | None, str]]:
    return [(error["field"], error["code"]) for error in payload["errors"]]


async def member_events(factory: async_sessionmaker[AsyncSession], user_id: str) -> int:
    async with factory() as session:
        rows = await session.scalars(select(OutboxEvent).where(OutboxEvent.job == "match_member"))
        return sum(1 for row in rows if row.payload.get("member_id") == str(uuid.UUID(user_id)))


def typical_competencies(occupation_id: str, **levels: int) -> list[dict[str, Any]]:
    """The occupation's typical competencies at their typical level (someone who does this job), overridable.

    A member proposed for a role must do its job: since the floor on occupation and competency fit,
    a profile with one competency of the trade is (rightly) not proposed.
    """
    wanted = {
        item.competency_id: item.level for item in load_framework().occupation(occupation_id).competencies
    }
    wanted.update(levels)
    return [{"competencyId": competency, "level": level} for competency, level in wanted.items()]
