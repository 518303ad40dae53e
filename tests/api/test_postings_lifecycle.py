"""Issue 4's story for postings: a recruiter creates, publishes, edits and closes a role and a need."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select

from server.db import transaction
from server.models.accounts import UserRole
from server.models.audit import AuditEntry
from server.models.outbox import OutboxEvent
from server.models.partners import Partner, PartnerStatus
from tests.api.postings_helpers import (
    CREATE_NEED,
    CREATE_ROLE,
    UPDATE_NEED,
    UPDATE_ROLE,
    create_role,
    move,
    need_input,
    partner_user,
    role_input,
    staff_token,
)
from tests.support import VALID_SIRENS, error_codes, gql


async def _posting_events(factory: Any, posting_id: str) -> int:
    async with factory() as session:
        rows = await session.scalars(select(OutboxEvent).where(OutboxEvent.job == "match_posting"))
        return sum(1 for row in rows if row.payload.get("posting_id") == posting_id)


async def _audit_actions(factory: Any, posting_id: str) -> list[str]:
    async with factory() as session:
        rows = await session.scalars(
            select(AuditEntry).where(AuditEntry.entity_id == posting_id).order_by(AuditEntry.at)
        )
        return [row.action for row in rows]


async def test_recruiter_creates_publishes_edits_pauses_and_closes_a_role(
    client: Any, session_factory: Any
) -> None:
    # given a recruiter of an active partner
    token, partner_id = await partner_user(session_factory)

    # when they create a role with a noisy title and no competencies
    role = await create_role(client, token, title="Assistant de direction H/F - CDI - Lyon 3e")

    # then it is a draft, normalised, with the occupation's typical competencies
    assert role["status"] == "DRAFT"
    assert role["partner"] == {"id": partner_id, "name": "Acme"}
    assert role["normalisation"]["occupationId"] == "assistant_direction"
    assert role["normalisation"]["romeCode"] == "M1604"
    assert role["normalisation"]["status"] == "MATCHED"
    assert role["normalisation"]["overridden"] is False
    assert role["normalisation"]["attributes"]["contractType"] is not None
    assert role["competencies"], "typical competencies proposed"
    assert all(item["required"] == (item["level"] >= 3) for item in role["competencies"])
    assert role["languages"] == [{"code": "en", "level": "B2"}]
    assert await _posting_events(session_factory, role["id"]) == 0, "drafts are invisible to matching"

    # when it is published
    published = await move(client, token, "publishPosting", role["id"])
    assert published["errors"] == []
    assert published["posting"]["status"] == "OPEN"
    assert published["posting"]["publishedAt"] is not None
    assert await _posting_events(session_factory, role["id"]) == 1

    # and edited while open (competencies replaced, occupation chosen by the user)
    edited = await gql(
        client,
        UPDATE_ROLE,
        {
            "id": role["id"],
            "input": {
                "salaryMax": 41000,
                "occupationId": "office_manager",
                "competencies": [
                    {"competencyId": "gestion_agenda", "level": 4, "required": True},
                    {"competencyId": "ia_generative", "level": 2, "required": False},
                ],
            },
        },
        token,
    )
    payload = edited["data"]["updateRole"]
    assert payload["errors"] == []
    assert payload["posting"]["salaryMax"] == 41000
    assert payload["posting"]["normalisation"]["occupationId"] == "office_manager"
    assert payload["posting"]["normalisation"]["overridden"] is True
    assert [c["competencyId"] for c in payload["posting"]["competencies"]] == [
        "gestion_agenda",
        "ia_generative",
    ]
    assert payload["posting"]["competencies"][0]["label"]
    assert await _posting_events(session_factory, role["id"]) == 2

    # and paused, reopened, filled
    for name, status in (
        ("pausePosting", "PAUSED"),
        ("reopenPosting", "OPEN"),
        ("markPostingFilled", "FILLED"),
    ):
        moved = await move(client, token, name, role["id"])
        assert moved["errors"] == [], moved
        assert moved["posting"]["status"] == status
    assert moved["posting"]["closedAt"] is not None
    assert await _posting_events(session_factory, role["id"]) == 5

    # then every change is in the audit trail
    assert await _audit_actions(session_factory, role["id"]) == [
        "posting.create",
        "posting.publish",
        "posting.update",
        "posting.pause",
        "posting.reopen",
        "posting.fill",
    ]

    # and a filled role is no longer editable
    late = await gql(client, UPDATE_ROLE, {"id": role["id"], "input": {"salaryMax": 45000}}, token)
    assert [(e["field"], e["code"]) for e in late["data"]["updateRole"]["errors"]] == [
        (None, "POSTING_CLOSED")
    ]


async def test_recruiter_creates_publishes_edits_and_closes_a_need(client: Any, session_factory: Any) -> None:
    # given
    token, _ = await partner_user(session_factory)

    # when a strategic-support need is created and published
    created = await gql(client, CREATE_NEED, {"input": need_input()}, token)
    need = created["data"]["createNeed"]
    assert need["errors"] == []
    posting = need["posting"]
    assert (posting["kind"], posting["needKind"], posting["status"]) == ("NEED", "UPSKILLING", "DRAFT")
    assert posting["normalisation"]["status"] == "NOT_APPLICABLE"
    assert posting["competencies"] == [
        {
            "competencyId": "ia_generative",
            "label": posting["competencies"][0]["label"],
            "level": 3,
            "required": True,
        }
    ]
    assert (await move(client, token, "publishPosting", posting["id"]))["errors"] == []

    # and edited
    edited = await gql(
        client,
        UPDATE_NEED,
        {"id": posting["id"], "input": {"teamSize": 8, "needKind": "STRATEGIC_SUPPORT"}},
        token,
    )
    assert edited["data"]["updateNeed"]["errors"] == []
    assert edited["data"]["updateNeed"]["posting"]["teamSize"] == 8

    # then a need cannot be "filled" but can be closed
    filled = await move(client, token, "markPostingFilled", posting["id"])
    assert [(e["field"], e["code"]) for e in filled["errors"]] == [("status", "FORBIDDEN_TRANSITION")]
    closed = await move(client, token, "closePosting", posting["id"])
    assert closed["errors"] == []
    assert closed["posting"]["status"] == "CLOSED"
    assert await _posting_events(session_factory, posting["id"]) == 3


async def test_forbidden_transitions_are_refused_and_change_nothing(
    client: Any, session_factory: Any
) -> None:
    # given a draft
    token, _ = await partner_user(session_factory)
    role = await create_role(client, token)

    # when moves that do not start from a draft are tried
    for name in ("pausePosting", "reopenPosting", "markPostingFilled", "closePosting"):
        refused = await move(client, token, name, role["id"])
        # then each is a typed error and the posting stays a draft
        assert [(e["field"], e["code"]) for e in refused["errors"]] == [("status", "FORBIDDEN_TRANSITION")], (
            name
        )
        assert refused["posting"] is None
    published = await move(client, token, "publishPosting", role["id"])
    assert published["posting"]["status"] == "OPEN"
    again = await move(client, token, "publishPosting", role["id"])
    assert [e["code"] for e in again["errors"]] == ["FORBIDDEN_TRANSITION"]
    reopen = await move(client, token, "reopenPosting", role["id"])
    assert [e["code"] for e in reopen["errors"]] == ["FORBIDDEN_TRANSITION"]


async def test_staff_close_any_posting_but_do_not_write_them(client: Any, session_factory: Any) -> None:
    # given an open role of a partner
    token, _ = await partner_user(session_factory)
    role = await create_role(client, token)
    await move(client, token, "publishPosting", role["id"])
    staff = await staff_token(session_factory)

    # when staff pause it, then close it
    paused = await gql(
        client,
        """mutation($id: UUID!) { pausePosting(id: $id) { errors { code } } }""",
        {"id": role["id"]},
        staff,
    )
    closed = await move(client, staff, "closePosting", role["id"])

    # then pausing is the company's business; closing is allowed to the federation
    assert paused["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert closed["errors"] == []
    assert closed["posting"]["status"] == "CLOSED"


async def test_a_prospect_partner_cannot_post_and_a_suspended_one_is_locked_out(
    client: Any, session_factory: Any
) -> None:
    # given a recruiter of a prospect partner (may sign in, may not post yet)
    token, _ = await partner_user(session_factory, status=PartnerStatus.PROSPECT)

    # when they create a role
    body = await gql(client, CREATE_ROLE, {"input": role_input()}, token)

    # then it is refused with a typed error
    assert [(e["field"], e["code"]) for e in body["data"]["createRole"]["errors"]] == [
        (None, "PARTNER_INACTIVE")
    ]

    # and users of suspended or ended partners are not even signed in
    for number, status in enumerate((PartnerStatus.SUSPENDED, PartnerStatus.ENDED)):
        locked, _ = await partner_user(
            session_factory, email=f"r{number}@exemple.fr", siren=VALID_SIRENS[number + 1], status=status
        )
        refused = await gql(client, CREATE_ROLE, {"input": role_input()}, locked)
        assert error_codes(refused) == ["UNAUTHENTICATED"]


async def test_a_partner_back_to_prospect_cannot_publish_its_drafts(
    client: Any, session_factory: Any
) -> None:
    # given a draft of a partner whose status then changes (no longer active)
    token, partner_id = await partner_user(session_factory, role=UserRole.PARTNER_ADMIN)
    role = await create_role(client, token)
    async with transaction(session_factory) as session:
        partner = await session.get(Partner, uuid.UUID(partner_id))
        assert partner is not None
        partner.status = PartnerStatus.PROSPECT

    # when the company tries to publish
    refused = await move(client, token, "publishPosting", role["id"])

    # then the typed error names the reason
    assert [(e["field"], e["code"]) for e in refused["errors"]] == [(None, "PARTNER_INACTIVE")]
