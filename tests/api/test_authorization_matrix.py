"""The authorization matrix: every operation × every role, against objects of company A.

Each (operation, role) pair runs against a freshly built world, so a change never leaks
into another's outcome. How to extend (other domains): add a world builder to WORLD_BUILDERS (it receives the
session factory and the world dict, adds ids under new keys), then add `Case`s to CASES. An expected outcome is
"ok" (no error), a top-level code ("UNAUTHENTICATED", "FORBIDDEN", "NOT_FOUND") or "errors:CODE" (the
mutation's payload carries that typed error). `other_partner` is the admin of company B: it must never
see or change company A's objects.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import pytest

from server.models.accounts import UserRole
from tests.support import VALID_SIRENS, create_partner, create_user, gql, issue_token

ROLES = ("anonymous", "staff", "partner_admin", "recruiter", "other_partner", "member")
World = dict[str, Any]
WorldBuilder = Callable[[Any, World], Awaitable[None]]


async def _base_world(factory: Any, world: World) -> None:
    partner_a = await create_partner(factory, name="Entreprise A", siren=VALID_SIRENS[0])
    partner_b = await create_partner(factory, name="Entreprise B", siren=VALID_SIRENS[1])
    world["partner_a"] = str(partner_a.id)
    world["partner_b"] = str(partner_b.id)
    admin_a = await create_user(
        factory, email="admin@a.fr", role=UserRole.PARTNER_ADMIN, partner_id=partner_a.id
    )
    recruiter_a = await create_user(
        factory, email="recruteuse@a.fr", role=UserRole.PARTNER_RECRUITER, partner_id=partner_a.id
    )
    member = await create_user(factory, email="membre@exemple.fr", role=UserRole.MEMBER)
    admin_b = await create_user(
        factory, email="admin@b.fr", role=UserRole.PARTNER_ADMIN, partner_id=partner_b.id
    )
    staff = await create_user(factory, email="staff@federation.fr", role=UserRole.FEDERATION_ADMIN)
    world["admin_a"] = str(admin_a.id)
    world["recruiter_a"] = str(recruiter_a.id)
    world["member"] = str(member.id)
    world["users"] = {
        "staff": staff.id,
        "partner_admin": admin_a.id,
        "recruiter": recruiter_a.id,
        "other_partner": admin_b.id,
        "member": member.id,
    }


WORLD_BUILDERS: list[WorldBuilder] = [_base_world]


@dataclass(frozen=True)
class Case:
    name: str
    query: str
    variables: Callable[[World], dict[str, Any]]
    expected: dict[str, str]


def _all(outcome: str, **overrides: str) -> dict[str, str]:
    return {role: overrides.get(role, outcome) for role in ROLES}


STAFF_ONLY = _all("FORBIDDEN", anonymous="UNAUTHENTICATED", staff="ok")
PARTNER_A_VISIBLE = _all("ok", anonymous="UNAUTHENTICATED", other_partner="NOT_FOUND", member="FORBIDDEN")

CASES: list[Case] = [
    Case("me", "{ me { email } }", lambda w: {}, _all("ok")),
    Case(
        "partner(A)",
        "query($id: UUID!) { partner(id: $id) { name } }",
        lambda w: {"id": w["partner_a"]},
        PARTNER_A_VISIBLE,
    ),
    Case(
        "partner(A).internalNotes",
        "query($id: UUID!) { partner(id: $id) { internalNotes } }",
        lambda w: {"id": w["partner_a"]},
        {**PARTNER_A_VISIBLE, "partner_admin": "FORBIDDEN", "recruiter": "FORBIDDEN"},
    ),
    Case(
        "partner(A).timeline",
        "query($id: UUID!) { partner(id: $id) { timeline { totalCount } } }",
        lambda w: {"id": w["partner_a"]},
        {**PARTNER_A_VISIBLE, "partner_admin": "FORBIDDEN", "recruiter": "FORBIDDEN"},
    ),
    Case(
        "partner(A).users",
        "query($id: UUID!) { partner(id: $id) { users { totalCount } } }",
        lambda w: {"id": w["partner_a"]},
        {**PARTNER_A_VISIBLE, "recruiter": "FORBIDDEN"},
    ),
    Case(
        "partners",
        "{ partners { totalCount } }",
        lambda w: {},
        _all("ok", anonymous="UNAUTHENTICATED", member="FORBIDDEN"),
    ),
    Case(
        "users",
        "{ users { totalCount } }",
        lambda w: {},
        _all("ok", anonymous="UNAUTHENTICATED", recruiter="FORBIDDEN", member="FORBIDDEN"),
    ),
    Case("auditLog", "{ auditLog { totalCount } }", lambda w: {}, STAFF_ONLY),
    Case(
        "notifications",
        "{ notifications { totalCount } }",
        lambda w: {},
        _all("ok", anonymous="UNAUTHENTICATED"),
    ),
    Case(
        "partnershipTiers",
        "{ partnershipTiers { code } }",
        lambda w: {},
        _all("ok", anonymous="UNAUTHENTICATED"),
    ),
    Case(
        "createPartner",
        'mutation { createPartner(input: {name: "Nouvelle", siren: "542065479", tierCode: "premium"})'
        " { errors { code } } }",
        lambda w: {},
        STAFF_ONLY,
    ),
    Case(
        "updatePartner(A)",
        'mutation($id: UUID!) { updatePartner(id: $id, input: {sector: "Conseil"}) { errors { code } } }',
        lambda w: {"id": w["partner_a"]},
        STAFF_ONLY,
    ),
    Case(
        "changePartnerStatus(A)",
        "mutation($id: UUID!) { changePartnerStatus(id: $id, status: SUSPENDED) { errors { code } } }",
        lambda w: {"id": w["partner_a"]},
        STAFF_ONLY,
    ),
    Case(
        "addPartnerEvent(A)",
        "mutation($id: UUID!) { addPartnerEvent(partnerId: $id, input: {kind: CALL,"
        ' occurredOn: "2026-01-05", summary: "Appel de suivi"}) { errors { code } } }',
        lambda w: {"id": w["partner_a"]},
        STAFF_ONLY,
    ),
    Case(
        "upsertPartnershipTier",
        'mutation { upsertPartnershipTier(input: {code: "or", label: "Or"}) { errors { code } } }',
        lambda w: {},
        STAFF_ONLY,
    ),
    Case(
        "inviteUser(recruiter of A)",
        'mutation($id: UUID) { inviteUser(input: {email: "nouvelle@a.fr", role: PARTNER_RECRUITER,'
        " partnerId: $id}) { errors { code } } }",
        lambda w: {"id": w["partner_a"]},
        _all("FORBIDDEN", anonymous="UNAUTHENTICATED", staff="ok", partner_admin="ok"),
    ),
    Case(
        "setUserActive(recruiter of A)",
        "mutation($id: UUID!) { setUserActive(userId: $id, active: false) { errors { code } } }",
        lambda w: {"id": w["recruiter_a"]},
        _all(
            "FORBIDDEN",
            anonymous="UNAUTHENTICATED",
            staff="ok",
            partner_admin="ok",
            other_partner="NOT_FOUND",
        ),
    ),
    Case(
        "markNotificationsRead",
        "mutation { markNotificationsRead { count } }",
        lambda w: {},
        _all("ok", anonymous="UNAUTHENTICATED"),
    ),
]


def outcome_of(body: dict[str, Any]) -> str:
    if body.get("errors"):
        return str(body["errors"][0]["extensions"]["code"])
    for payload in (body.get("data") or {}).values():
        if isinstance(payload, dict) and payload.get("errors"):
            return f"errors:{payload['errors'][0]['code']}"
    return "ok"


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
async def test_authorization_matrix(case: Case, role: str, client: Any, session_factory: Any) -> None:
    # given a fresh world
    world: World = {}
    for build in WORLD_BUILDERS:
        await build(session_factory, world)
    token = None if role == "anonymous" else await issue_token(session_factory, world["users"][role])

    # when the role calls the operation
    body = await gql(client, case.query, case.variables(world), token)

    # then the outcome is exactly the expected one
    assert outcome_of(body) == case.expected[role], body
