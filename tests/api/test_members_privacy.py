"""Privacy by design: no protected criteria, consent-bound partner view, audited reads, events."""

from __future__ import annotations

import re
import uuid
from typing import Any

import pytest
from sqlalchemy import select

from schema.api import schema
from server.actor import Actor
from server.db import transaction
from server.kit.errors import Forbidden, NotFound
from server.members.partner_view import partner_view
from server.models.accounts import UserRole
from server.models.audit import AuditEntry
from server.models.members import MemberCompetency, MemberExperience, MemberLanguage, MemberProfile
from tests.api.members_helpers import VISIBILITY, member_events, sign_up, update_profile
from tests.support import create_partner, create_user

PROTECTED = re.compile(
    r"birth|naissance|\bage\b|^age|gender|genre|sexe|\bsex\b|civilit|marital|family|famil|"
    r"child|enfant|health|sante|santé|handicap|disab|photo|picture|avatar|nationalit|religion|"
    r"ethni|origin",
    re.IGNORECASE,
)


def _member_type_fields() -> dict[str, list[str]]:
    """Every field of the member types and inputs of the GraphQL schema."""
    graphql = schema._schema  # the graphql-core schema behind strawberry's
    names = [
        name
        for name in graphql.type_map
        if name.startswith("Member") or name in ("SuggestedCompetency", "ConsentRecord", "SignUpPayload")
    ]
    return {name: list(getattr(graphql.type_map[name], "fields", {})) for name in names}


def test_the_schema_collects_no_protected_criterion() -> None:
    fields = _member_type_fields()
    assert "MemberProfile" in fields and "MemberProfileInput" in fields
    flagged = {name: [f for f in names if PROTECTED.search(f)] for name, names in fields.items()}
    assert {name: found for name, found in flagged.items() if found} == {}


def test_the_tables_hold_no_protected_criterion() -> None:
    for model in (MemberProfile, MemberExperience, MemberCompetency, MemberLanguage):
        columns = [column.key for column in model.__table__.columns]
        assert [c for c in columns if PROTECTED.search(c)] == [], model


def test_the_detector_would_catch_such_fields() -> None:
    assert all(
        PROTECTED.search(name)
        for name in (
            "birthDate",
            "age",
            "gender",
            "familySituation",
            "healthNotes",
            "photoUrl",
            "nationality",
        )
    )


async def _partner_actor(factory: Any) -> Actor:
    partner = await create_partner(factory)
    user = await create_user(
        factory, email="rh@acme.fr", role=UserRole.PARTNER_RECRUITER, partner_id=partner.id
    )
    return Actor(user_id=user.id, role=user.role, partner_id=partner.id, label=user.email)


async def test_a_partner_sees_an_anonymous_member_as_a_summary_and_the_read_is_audited(
    client: Any, session_factory: Any
) -> None:
    # given an anonymous member with a profile, and a partner recruiter
    token, raw_id = await sign_up(client, "nora@exemple.fr", "Nora Lefèvre")
    await update_profile(
        client,
        token,
        headlineTitle="Assistante RH",
        postalCode="35000",
        yearsOfExperience=7,
        offers=["MENTORING"],
        competencies=[{"competencyId": "appui_recrutement", "level": 3}],
        languages=[{"code": "en", "level": "B2"}],
    )
    await gql_visibility(client, token, "ANONYMOUS")
    actor = await _partner_actor(session_factory)
    user_id = uuid.UUID(raw_id)

    # when the partner reads the member
    async with transaction(session_factory) as session:
        view = await partner_view(session, actor, user_id)

    # then it is an anonymised summary: occupation, competencies, region, experience band
    assert view.occupation_id == "assistant_rh"
    assert view.region == "Bretagne"
    assert view.experience_band == "6 à 10 ans"
    assert [(c.competency_id, c.level) for c in view.competencies] == [("appui_recrutement", 3)]
    assert view.offers == ("mentoring",)
    assert view.details is None
    assert "Nora" not in repr(view) and "nora@" not in repr(view)
    # and the read is in the audit trail, about that member
    async with session_factory() as session:
        reads = list(
            await session.scalars(select(AuditEntry).where(AuditEntry.action == "member.partner_view"))
        )
    assert [(r.actor_id, r.subject_user_id) for r in reads] == [(actor.user_id, user_id)]

    # when the member becomes visible, the partner also sees the profile (never the e-mail)
    await gql_visibility(client, token, "VISIBLE")
    async with transaction(session_factory) as session:
        view = await partner_view(session, actor, user_id)
    assert view.details is not None and view.details.full_name == "Nora Lefèvre"
    assert "nora@" not in repr(view)


async def test_an_interested_anonymous_member_is_revealed_to_the_partner(
    client: Any, session_factory: Any
) -> None:
    token, raw_id = await sign_up(client, "ines@exemple.fr", "Inès Caron")
    await update_profile(client, token, headlineTitle="Office manager", bio="Bonjour")
    await gql_visibility(client, token, "ANONYMOUS")
    actor = await _partner_actor(session_factory)

    async with transaction(session_factory) as session:
        view = await partner_view(session, actor, uuid.UUID(raw_id), reveal=True)

    assert view.details is not None
    assert (view.details.full_name, view.details.headline_title) == ("Inès Caron", "Office manager")


async def test_a_hidden_member_does_not_exist_for_partners_and_others_cannot_use_the_view(
    client: Any, session_factory: Any
) -> None:
    _, raw_id = await sign_up(client, "discret@exemple.fr")
    actor = await _partner_actor(session_factory)
    async with transaction(session_factory) as session:
        with pytest.raises(NotFound):
            await partner_view(session, actor, uuid.UUID(raw_id))
        with pytest.raises(NotFound):
            await partner_view(session, actor, uuid.uuid4())
        member = Actor(user_id=uuid.UUID(raw_id), role=UserRole.MEMBER, partner_id=None, label="m")
        with pytest.raises(Forbidden):
            await partner_view(session, member, uuid.UUID(raw_id), reveal=True)


async def gql_visibility(client: Any, token: str, visibility: str) -> None:
    from tests.support import gql

    body = await gql(client, VISIBILITY, {"visibility": visibility}, token)
    assert body["data"]["setMyVisibility"]["errors"] == []


async def test_only_matching_relevant_changes_of_a_consenting_member_notify_matching(
    client: Any, session_factory: Any
) -> None:
    # given an anonymous member
    token, user_id = await sign_up(client)
    await gql_visibility(client, token, "ANONYMOUS")
    assert await member_events(session_factory, user_id) == 1

    # when only the bio or the membership number change, matching is not disturbed
    await update_profile(client, token, bio="Nouvelle présentation", membershipNumber="AB-123")
    assert await member_events(session_factory, user_id) == 1

    # when competencies, place or experiences change, it is
    for change in (
        {"competencies": [{"competencyId": "ged", "level": 3}]},
        {"postalCode": "33000"},
        {"experiences": [{"title": "Office manager", "startMonth": "2019-03-01"}]},
    ):
        await update_profile(client, token, **change)
    assert await member_events(session_factory, user_id) == 4

    # and saving the same values again changes nothing
    await update_profile(client, token, postalCode="33000")
    assert await member_events(session_factory, user_id) == 4


async def test_a_title_of_another_profession_is_kept_without_an_occupation(
    client: Any, session_factory: Any
) -> None:
    token, _ = await sign_up(client)

    saved = await update_profile(client, token, headlineTitle="Assistante dentaire")
    assert saved["errors"] == []

    profile = saved["profile"]
    assert profile["headlineTitle"] == "Assistante dentaire"
    assert profile["headlineOccupation"] is None
    assert profile["headlineMatchStatus"] == "out_of_framework"
    assert profile["suggestedCompetencies"] == []
