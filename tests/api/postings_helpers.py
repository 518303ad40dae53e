"""Shared pieces of the postings tests: GraphQL documents, a valid role, a partner user's token."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from server.db import utcnow
from server.models.accounts import UserRole
from server.models.partners import PartnerStatus
from tests.support import VALID_SIRENS, create_partner, create_user, gql, issue_token

POSTING_FIELDS = """
  id kind needKind status title description featured contractType contractMonths workingTime
  weeklyHours salaryMin salaryMax dailyRate teamSize durationDays budget postalCode departement
  remotePolicy remoteDays startDate expiryDate publishedAt closedAt
  normalisation { status occupationId occupationLabel romeCode confidence overridden
                  attributes { seniority contractType } }
  competencies { competencyId label level required }
  languages { code level }
  partner { id name }
"""
CREATE_ROLE = f"""mutation($input: RoleInput!) {{
  createRole(input: $input) {{ posting {{ {POSTING_FIELDS} }} errors {{ field message code }} }}
}}"""
UPDATE_ROLE = f"""mutation($id: UUID!, $input: RoleInput!) {{
  updateRole(id: $id, input: $input) {{ posting {{ {POSTING_FIELDS} }} errors {{ field message code }} }}
}}"""
CREATE_NEED = f"""mutation($input: NeedInput!) {{
  createNeed(input: $input) {{ posting {{ {POSTING_FIELDS} }} errors {{ field message code }} }}
}}"""
UPDATE_NEED = f"""mutation($id: UUID!, $input: NeedInput!) {{
  updateNeed(id: $id, input: $input) {{ posting {{ {POSTING_FIELDS} }} errors {{ field message code }} }}
}}"""
MOVES = {
    name: f"""mutation($id: UUID!) {{
  {name}(id: $id) {{ posting {{ id status publishedAt closedAt }} errors {{ field message code }} }}
}}"""
    for name in ("publishPosting", "pausePosting", "reopenPosting", "markPostingFilled", "closePosting")
}


def in_days(days: int) -> str:
    return (utcnow().date() + timedelta(days=days)).isoformat()


def role_input(**over: Any) -> dict[str, Any]:
    """A valid role; tests override one field at a time."""
    values: dict[str, Any] = {
        "title": "Assistant·e de direction H/F",
        "description": "Au sein de la direction générale.",
        "contractType": "CDI",
        "workingTime": "FULL_TIME",
        "salaryMin": 32000,
        "salaryMax": 38000,
        "postalCode": "69003",
        "commune": "Lyon",
        "remotePolicy": "PARTIAL",
        "remoteDays": 2,
        "startDate": in_days(20),
        "expiryDate": in_days(60),
        "languages": [{"code": "en", "level": "B2"}],
    }
    values.update(over)
    return values


def need_input(**over: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "title": "Former l'équipe d'assistanat à l'IA générative",
        "needKind": "UPSKILLING",
        "description": "Six assistantes et assistants à accompagner sur Copilot.",
        "teamSize": 6,
        "durationDays": 3,
        "budget": 4500,
        "departement": "75",
        "remotePolicy": "NONE",
        "expiryDate": in_days(45),
        "competencies": [{"competencyId": "ia_generative", "level": 3, "required": True}],
    }
    values.update(over)
    return values


async def partner_user(
    factory: Any,
    *,
    email: str = "recrutement@acme.fr",
    role: UserRole = UserRole.PARTNER_RECRUITER,
    siren: str = VALID_SIRENS[0],
    status: PartnerStatus = PartnerStatus.ACTIVE,
    tier_code: str = "partenaire",
    name: str = "Acme",
) -> tuple[str, str]:
    """(token, partner id) of a partner user of a fresh partner company."""
    partner = await create_partner(factory, name=name, siren=siren, status=status, tier_code=tier_code)
    user = await create_user(factory, email=email, role=role, partner_id=partner.id)
    return await issue_token(factory, user.id), str(partner.id)


async def staff_token(factory: Any) -> str:
    user = await create_user(factory, email="staff@federation.fr", role=UserRole.FEDERATION_ADMIN)
    return await issue_token(factory, user.id)


async def create_role(client: Any, token: str, **over: Any) -> dict[str, Any]:
    body = await gql(client, CREATE_ROLE, {"input": role_input(**over)}, token)
    payload = body["data"]["createRole"]
    assert payload["errors"] == [], payload
    posting: dict[str, Any] = payload["posting"]
    return posting


async def move(client: Any, token: str, name: str, posting_id: str) -> dict[str, Any]:
    body = await gql(client, MOVES[name], {"id": posting_id}, token)
    assert "errors" not in body, body
    payload: dict[str, Any] = body["data"][name]
    return payload


async def candidate_nodes(client: Any, query: str, posting_id: str, token: str) -> list[dict[str, Any]]:
    """A posting's candidates page (`query` takes `$id` and says what to read of each), its nodes."""
    body = await gql(client, query, {"id": posting_id}, token)
    assert "errors" not in body, body
    return [edge["node"] for edge in body["data"]["matches"]["edges"]]
