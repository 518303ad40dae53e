"""Staff in production: no data before a second factor is enrolled; a colleague can reset it, audited."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from server.app import create_app
from server.models.accounts import UserRole
from server.settings import Settings
from tests.api.account_helpers import COMPLETE, enrol, sign_in
from tests.mail_support import INBOX
from tests.support import create_user, error_codes, gql, issue_token

PARTNERS = "{ partners { totalCount } }"


@pytest.fixture
async def production(settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    """The same database served as production serves it: staff must have a second factor."""
    strict = create_app(settings.model_copy(update={"staff_second_factor_required": True}))
    async with strict.router.lifespan_context(strict):
        transport = httpx.ASGITransport(app=strict, client=("203.0.113.8", 4321))
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
            yield http


async def test_a_staff_account_reaches_no_data_before_enrolling_its_second_factor(
    production: httpx.AsyncClient, session_factory: Any
) -> None:
    # given a staff member with a session opened before the rule, and no second factor
    staff = await create_user(session_factory, email="staff@federation.fr", role=UserRole.FEDERATION_ADMIN)
    old_token = await issue_token(session_factory, staff.id)

    # then that session reaches nothing, and a password alone opens no session
    assert error_codes(await gql(production, PARTNERS, token=old_token)) == ["UNAUTHENTICATED"]
    first = await sign_in(production, "staff@federation.fr")
    assert first["token"] is None and first["nextStep"] == "ENROL_SECOND_FACTOR"
    assert error_codes(await gql(production, PARTNERS, token=first["challenge"])) == ["UNAUTHENTICATED"]

    # when they enrol at this first sign-in (QR code, ten recovery codes), a session opens
    app, enrolled = await enrol(production, challenge=first["challenge"])
    assert enrolled["nextStep"] == "DONE" and len(enrolled["recoveryCodes"]) == 10
    assert (await gql(production, PARTNERS, token=enrolled["token"]))["data"]["partners"]["totalCount"] == 0

    # and from now on every sign-in takes two steps
    second = await sign_in(production, "staff@federation.fr")
    assert second["nextStep"] == "SECOND_FACTOR"
    done = await gql(production, COMPLETE, {"challenge": second["challenge"], "code": app.now()})
    assert done["data"]["completeSignIn"]["token"]
    # and staff cannot turn it off where it is mandatory
    off = await gql(
        production,
        'mutation { disableSecondFactor(password: "Motdepasse-solide-42") { ok errors { code } } }',
        token=enrolled["token"],
    )
    assert off["data"]["disableSecondFactor"]["errors"] == [{"code": "SECOND_FACTOR_REQUIRED"}]


async def test_staff_reset_a_colleague_s_second_factor_and_it_is_audited(
    production: httpx.AsyncClient, session_factory: Any
) -> None:
    # given two enrolled staff members
    tokens = {}
    for email in ("alice@federation.fr", "bruno@federation.fr"):
        await create_user(session_factory, email=email, role=UserRole.FEDERATION_ADMIN)
        _, enrolled = await enrol(production, challenge=(await sign_in(production, email))["challenge"])
        tokens[email] = enrolled["token"]
    bruno_id = (await gql(production, "{ me { id } }", token=tokens["bruno@federation.fr"]))["data"]["me"][
        "id"
    ]

    # when Alice resets Bruno's second factor (he lost his phone)
    reset = await gql(
        production,
        "mutation($id: UUID!) { resetSecondFactor(userId: $id) { user { hasSecondFactor } "
        "errors { code } } }",
        {"id": bruno_id},
        tokens["alice@federation.fr"],
    )

    # then his sessions are closed, he enrols again at next sign-in, he is told, and it is audited
    assert reset["data"]["resetSecondFactor"] == {"user": {"hasSecondFactor": False}, "errors": []}
    assert (await gql(production, "{ me { id } }", token=tokens["bruno@federation.fr"]))["data"]["me"] is None
    assert (await sign_in(production, "bruno@federation.fr"))["nextStep"] == "ENROL_SECOND_FACTOR"
    await INBOX.wait_for("bruno@federation.fr", "double authentification réinitialisée")
    audit = await gql(
        production,
        "query($id: String!) { auditLog(filter: {entityId: $id}) { edges { node { action actorLabel } } } }",
        {"id": bruno_id},
        tokens["alice@federation.fr"],
    )
    actions = [edge["node"] for edge in audit["data"]["auditLog"]["edges"]]
    assert {"action": "user.second_factor_reset", "actorLabel": "alice@federation.fr"} in actions
