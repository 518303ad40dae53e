"""The authorization matrix: every operation × every role, against objects of company A.

Each (operation, role) pair runs against the same world, built once and restored before each pair
(same ids, same rows), so a change never leaks into another's outcome. How to extend (other
domains): add a world builder to WORLD_BUILDERS (it receives the session factory and the world
dict, adds ids under new keys), then add `Case`s to CASES. An expected outcome is "ok" (no error),
a top-level code ("UNAUTHENTICATED", "FORBIDDEN", "NOT_FOUND") or "errors:CODE" (the mutation's
payload carries that typed error). `other_partner` is the admin of company B: it must never see or
change company A's objects.
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import pytest

from server.db import transaction
from server.members.service import ensure_profile
from server.models.accounts import UserRole
from tests.support import (
    VALID_SIRENS,
    Snapshot,
    create_partner,
    create_user,
    empty_tables,
    gql,
    issue_token,
    restore_tables,
    settle_jobs,
    snapshot_tables,
)

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


async def _members_world(factory: Any, world: World) -> None:
    """The `member` user and a second member both have a profile."""
    other = await create_user(factory, email="autre.membre@exemple.fr", role=UserRole.MEMBER)
    world["other_member"] = str(other.id)
    async with transaction(factory) as session:
        for user_id in (world["users"]["member"], other.id):
            await ensure_profile(session, user_id, source="sign_up")


WORLD_BUILDERS.append(_members_world)
MEMBER_ONLY = _all("FORBIDDEN", anonymous="UNAUTHENTICATED", member="ok")
# Another member's profile: staff only; a member or a partner is told it does not exist.
OTHER_MEMBER = _all("NOT_FOUND", anonymous="UNAUTHENTICATED", staff="ok")
CASES += [
    Case(
        "signUp",
        'mutation { signUp(email: "nouvelle@exemple.fr", password: "Motdepasse-solide-42",'
        ' fullName: "Nouvelle Membre") { errors { code } } }',
        lambda w: {},
        _all("ok"),
    ),
    Case("myProfile", "{ myProfile { visibility } }", lambda w: {}, MEMBER_ONLY),
    Case(
        "member(other member)",
        "query($id: UUID!) { member(id: $id) { email } }",
        lambda w: {"id": w["other_member"]},
        OTHER_MEMBER,
    ),
    Case(
        "member(other member).consentHistory",
        "query($id: UUID!) { member(id: $id) { consentHistory { visibility } } }",
        lambda w: {"id": w["other_member"]},
        OTHER_MEMBER,
    ),
    Case(
        "member(self)",
        "query($id: UUID!) { member(id: $id) { email } }",
        lambda w: {"id": w["member"]},
        {**OTHER_MEMBER, "member": "ok"},
    ),
    Case("members", "{ members { totalCount } }", lambda w: {}, STAFF_ONLY),
    Case("exportMyData", "{ exportMyData }", lambda w: {}, MEMBER_ONLY),
    Case(
        "updateMyProfile",
        'mutation { updateMyProfile(input: {bio: "Bonjour"}) { errors { code } } }',
        lambda w: {},
        MEMBER_ONLY,
    ),
    Case(
        "setMyVisibility",
        "mutation { setMyVisibility(visibility: ANONYMOUS) { errors { code } } }",
        lambda w: {},
        MEMBER_ONLY,
    ),
    Case(
        "deleteMyAccount",
        'mutation { deleteMyAccount(password: "Motdepasse-solide-42") { ok } }',
        lambda w: {},
        MEMBER_ONLY,
    ),
]


async def _postings_world(factory: Any, world: World) -> None:
    """Company A has a draft role, an open role and a draft need."""
    from server.db import utcnow
    from server.models.postings import (
        ContractType,
        NeedKind,
        NormalisationStatus,
        Posting,
        PostingKind,
        PostingStatus,
        RemotePolicy,
    )

    common = {
        "partner_id": uuid.UUID(world["partner_a"]),
        "remote_policy": RemotePolicy.FULL,
        "normalisation_status": NormalisationStatus.NOT_APPLICABLE,
        "title_attributes": {},
    }
    draft = Posting(
        kind=PostingKind.ROLE,
        status=PostingStatus.DRAFT,
        title="Assistant·e RH",
        contract_type=ContractType.CDI,
        **common,
    )
    live = Posting(
        kind=PostingKind.ROLE,
        status=PostingStatus.OPEN,
        title="Office manager",
        contract_type=ContractType.CDI,
        published_at=utcnow(),
        **common,
    )
    need = Posting(
        kind=PostingKind.NEED,
        status=PostingStatus.DRAFT,
        title="Mentorat d'équipe",
        need_kind=NeedKind.MENTORING,
        **common,
    )
    async with transaction(factory) as session:
        session.add_all([draft, live, need])
    world["draft_role"], world["open_role"], world["draft_need"] = (str(draft.id), str(live.id), str(need.id))


WORLD_BUILDERS.append(_postings_world)
# Company A's postings: its admin and recruiter write them, staff only read (and close), B never sees.
A_WRITERS = _all(
    "FORBIDDEN", anonymous="UNAUTHENTICATED", partner_admin="ok", recruiter="ok", other_partner="NOT_FOUND"
)
POSTING_WRITERS = _all("ok", anonymous="UNAUTHENTICATED", staff="FORBIDDEN", member="FORBIDDEN")
NEW_ROLE = '{title: "Assistant·e de direction", contractType: CDI, remotePolicy: FULL}'
NEW_NEED = '{title: "Mentorat de deux assistantes", needKind: MENTORING, remotePolicy: FULL}'


def _move_case(name: str, key: str, expected: dict[str, str]) -> Case:
    return Case(
        f"{name}({key})",
        f"mutation($id: UUID!) {{ {name}(id: $id) {{ errors {{ code }} }} }}",
        lambda w: {"id": w[key]},
        expected,
    )


CASES += [
    Case(
        "posting(open role of A)",
        "query($id: UUID!) { posting(id: $id) { title } }",
        lambda w: {"id": w["open_role"]},
        PARTNER_A_VISIBLE,
    ),
    Case(
        "posting(draft role of A)",
        "query($id: UUID!) { posting(id: $id) { title partner { name } } }",
        lambda w: {"id": w["draft_role"]},
        PARTNER_A_VISIBLE,
    ),
    Case(
        "postings",
        "{ postings { totalCount } }",
        lambda w: {},
        _all("ok", anonymous="UNAUTHENTICATED", member="FORBIDDEN"),
    ),
    Case(
        "createRole",
        f"mutation {{ createRole(input: {NEW_ROLE}) {{ errors {{ code }} }} }}",
        lambda w: {},
        POSTING_WRITERS,
    ),
    Case(
        "createNeed",
        f"mutation {{ createNeed(input: {NEW_NEED}) {{ errors {{ code }} }} }}",
        lambda w: {},
        POSTING_WRITERS,
    ),
    Case(
        "updateRole(draft of A)",
        "mutation($id: UUID!) { updateRole(id: $id, input: {salaryMin: 30000}) { errors { code } } }",
        lambda w: {"id": w["draft_role"]},
        A_WRITERS,
    ),
    Case(
        "updateNeed(draft of A)",
        "mutation($id: UUID!) { updateNeed(id: $id, input: {teamSize: 4}) { errors { code } } }",
        lambda w: {"id": w["draft_need"]},
        A_WRITERS,
    ),
    _move_case("publishPosting", "draft_role", A_WRITERS),
    _move_case("pausePosting", "open_role", A_WRITERS),
    _move_case(
        "reopenPosting",
        "open_role",
        {
            **A_WRITERS,
            "partner_admin": "errors:FORBIDDEN_TRANSITION",
            "recruiter": "errors:FORBIDDEN_TRANSITION",
        },
    ),
    _move_case("markPostingFilled", "open_role", A_WRITERS),
    _move_case("closePosting", "open_role", {**A_WRITERS, "staff": "ok"}),
]


async def _reports_world(factory: Any, world: World) -> None:
    """A pending partnership report of company A and a pending federation report."""
    from datetime import date

    from server.models.reports import FEDERATION_SUBJECT, Report, ReportKind, ReportStatus

    async with transaction(factory) as session:
        for key, kind, partner_id in (
            ("report_a", ReportKind.PARTNER, uuid.UUID(world["partner_a"])),
            ("report_federation", ReportKind.FEDERATION, None),
        ):
            report = Report(
                kind=kind,
                partner_id=partner_id,
                subject_key=str(partner_id or FEDERATION_SUBJECT),
                period_key="2026-10",
                period_start=date(2026, 10, 1),
                period_end=date(2026, 10, 31),
                data_version="matrix",
                status=ReportStatus.PENDING,
                progress=0,
                attempts=0,
            )
            session.add(report)
            await session.flush()
            world[key] = str(report.id)


WORLD_BUILDERS.append(_reports_world)
# Federation reports: staff only; a partner user is told it does not exist, a member may not ask.
FEDERATION_REPORT = _all("NOT_FOUND", anonymous="UNAUTHENTICATED", staff="ok", member="FORBIDDEN")
CASES += [
    Case(
        "report(partner A)",
        "query($id: UUID!) { report(id: $id) { status } }",
        lambda w: {"id": w["report_a"]},
        PARTNER_A_VISIBLE,
    ),
    Case(
        "report(federation)",
        "query($id: UUID!) { report(id: $id) { status } }",
        lambda w: {"id": w["report_federation"]},
        FEDERATION_REPORT,
    ),
    Case(
        "report(federation).error",
        "query($id: UUID!) { report(id: $id) { error } }",
        lambda w: {"id": w["report_federation"]},
        FEDERATION_REPORT,
    ),
    Case(
        "reports",
        "{ reports { totalCount } }",
        lambda w: {},
        _all("ok", anonymous="UNAUTHENTICATED", member="FORBIDDEN"),
    ),
    Case(
        "requestPartnerReport(A)",
        'mutation($id: UUID!) { requestPartnerReport(partnerId: $id, period: "2026-10")'
        " { errors { code } } }",
        lambda w: {"id": w["partner_a"]},
        PARTNER_A_VISIBLE,
    ),
    Case(
        "requestFederationReport",
        'mutation { requestFederationReport(period: "2026-10") { errors { code } } }',
        lambda w: {},
        STAFF_ONLY,
    ),
]


def outcome_of(body: dict[str, Any]) -> str:
    if body.get("errors"):
        return str(body["errors"][0]["extensions"]["code"])
    for payload in (body.get("data") or {}).values():
        if isinstance(payload, dict) and payload.get("errors"):
            return f"errors:{payload['errors'][0]['code']}"
    return "ok"


@dataclass(frozen=True)
class BuiltWorld:
    world: World
    rows: Snapshot


@pytest.fixture(scope="module")
async def built_world(app: Any) -> BuiltWorld:
    """The world built once for the whole matrix, with a session token for each role.

    Its own jobs (a profile's matching…) are let to finish first, so the snapshot holds none to run.
    """
    runtime = app.state.runtime
    await settle_jobs(app)
    await empty_tables(runtime.engine)
    world: World = {}
    for build in WORLD_BUILDERS:
        await build(runtime.session_factory, world)
    world["tokens"] = {
        role: await issue_token(runtime.session_factory, user_id) for role, user_id in world["users"].items()
    }
    await settle_jobs(app)
    return BuiltWorld(world, await snapshot_tables(runtime.engine))


@pytest.fixture
async def world(app: Any, built_world: BuiltWorld) -> World:
    """The built world restored: what an earlier pair changed (a deleted account…) is undone."""
    return await _restored(app, built_world)


def _contents(snapshot: Snapshot) -> dict[str, list[str]]:
    return {table.name: sorted(repr(sorted(row.items())) for row in rows) for table, rows in snapshot}


async def test_a_change_made_by_one_pair_is_undone_for_the_next(
    client: Any, app: Any, built_world: BuiltWorld
) -> None:
    # given the member deleted their account in an earlier pair
    world = await _restored(app, built_world)
    deleted = await gql(
        client,
        'mutation { deleteMyAccount(password: "Motdepasse-solide-42") { ok } }',
        token=world["tokens"]["member"],
    )
    assert deleted["data"]["deleteMyAccount"]["ok"] is True, deleted
    gone = await gql(client, "{ myProfile { visibility } }", token=world["tokens"]["member"])
    assert outcome_of(gone) == "UNAUTHENTICATED"

    # when the world is restored
    world = await _restored(app, built_world)

    # then it holds the same rows as built, and the member and their session are back
    assert _contents(await snapshot_tables(app.state.runtime.engine)) == _contents(built_world.rows)
    again = await gql(client, "{ myProfile { visibility } }", token=world["tokens"]["member"])
    assert outcome_of(again) == "ok", again


async def _restored(app: Any, built_world: BuiltWorld) -> World:
    await settle_jobs(app)
    await restore_tables(app.state.runtime.engine, built_world.rows)
    return built_world.world


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
async def test_authorization_matrix(case: Case, role: str, client: Any, world: World) -> None:
    # given the world as built
    token = None if role == "anonymous" else world["tokens"][role]

    # when the role calls the operation
    body = await gql(client, case.query, case.variables(world), token)

    # then the outcome is exactly the expected one
    assert outcome_of(body) == case.expected[role], body
