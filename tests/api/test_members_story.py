"""Issue 4's member story over GraphQL: sign up, fill a profile, consent, export, erase."""

from __future__ import annotations

import json
import uuid
from typing import Any

from sqlalchemy import select

from server.actor import SYSTEM
from server.db import transaction
from server.gdpr.rights import erase_member
from server.models.accounts import AuthToken, User
from server.models.audit import AuditEntry
from server.models.members import MemberProfile
from tests.api.members_helpers import (
    DELETE,
    EXPORT,
    MY_PROFILE,
    VISIBILITY,
    issues,
    member_events,
    sign_up,
    update_profile,
)
from tests.support import LOGIN, PASSWORD, gql

FULL_PROFILE: dict[str, Any] = {
    "headlineTitle": "Assistante de direction H/F",
    "bio": "Quinze ans auprès de directions générales ; j'aime structurer et simplifier.",
    "yearsOfExperience": 15,
    "membershipNumber": "fna-2024-0042",
    "postalCode": "69003",
    "mobilityRadiusKm": 30,
    "mobilityDepartements": ["69", "1", "38"],
    "remotePreference": "PARTIAL",
    "contractPreferences": ["CDI", "FREELANCE", "CDI"],
    "workingTimePreference": "FULL_TIME",
    "status": "SALARIED",
    "availableFrom": "2027-01-01",
    "salaryExpectation": 42000,
    "dailyRate": 350,
    "offers": ["MENTORING", "UPSKILLING"],
    "certifications": ["SST", "FRESQUE_CLIMAT"],
    "otherCertifications": ["Certification Voltaire niveau expert"],
    "experiences": [
        {
            "title": "Secrétaire médicale",
            "employer": "Clinique du Parc",
            "sector": "Santé",
            "startMonth": "2010-09-15",
            "endMonth": "2015-06-30",
        },
        {
            "title": "ASSISTANTE DE DIRECTION (F/H) - CDI",
            "employer": "Groupe Rhône",
            "sector": "Industrie",
            "startMonth": "2015-07-01",
        },
    ],
    "competencies": [
        {"competencyId": "gestion_agenda", "level": 4},
        {"competencyId": "ia_generative", "level": 2},
    ],
    "languages": [{"code": "EN", "level": "B2"}, {"code": "es", "level": "A2"}],
}


async def test_a_member_signs_up_fills_a_profile_consents_exports_and_erases(
    client: Any, session_factory: Any
) -> None:
    # given an assistant who signs up on their own
    token, user_id = await sign_up(client)

    # then they have an empty profile, hidden by default, with its first consent record
    empty = (await gql(client, MY_PROFILE, token=token))["data"]["myProfile"]
    assert empty["visibility"] == "HIDDEN"
    assert empty["headlineTitle"] is None
    assert empty["competencies"] == [] and empty["suggestedCompetencies"] == []
    assert [(c["visibility"], c["source"]) for c in empty["consentHistory"]] == [("HIDDEN", "sign_up")]

    # when they fill in their profile
    saved = await update_profile(client, token, **FULL_PROFILE)

    # then every field is stored, cleaned, and the titles are normalised
    assert saved["errors"] == []
    profile = saved["profile"]
    assert profile["headlineOccupation"]["id"] == "assistant_direction"
    assert profile["headlineOccupation"]["status"] == "matched"
    assert 0 < profile["headlineOccupation"]["confidence"] <= 1
    assert [e["occupation"]["id"] for e in profile["experiences"]] == [
        "assistant_direction",
        "secretaire_medical",
    ]
    assert profile["experiences"][1]["startMonth"] == "2010-09-01"
    assert profile["experiences"][1]["endMonth"] == "2015-06-01"
    assert profile["membershipNumber"] == "FNA-2024-0042"
    assert profile["lastActivityAt"] > empty["lastActivityAt"]  # the retention clock restarts
    assert profile["departement"] == "69"
    assert profile["mobilityDepartements"] == ["69", "01", "38"]
    assert profile["contractPreferences"] == ["CDI", "FREELANCE"]
    assert profile["offers"] == ["MENTORING", "UPSKILLING"]
    assert profile["certifications"] == ["SST", "FRESQUE_CLIMAT"]
    assert profile["languages"] == [{"code": "en", "level": "B2"}, {"code": "es", "level": "A2"}]
    assert {c["competencyId"]: c["level"] for c in profile["competencies"]} == {
        "gestion_agenda": 4,
        "ia_generative": 2,
    }
    suggested = {s["competencyId"] for s in profile["suggestedCompetencies"]}
    assert "organisation_reunions" in suggested  # typical of assistant·e de direction
    assert "dossier_patient" in suggested  # typical of secrétaire médical·e
    assert not suggested & {"gestion_agenda", "ia_generative"}
    # hidden profiles are not matched: no event yet
    assert await member_events(session_factory, user_id) == 0

    # when they choose to be matched anonymously, then visible
    for visibility in ("ANONYMOUS", "VISIBLE"):
        body = await gql(client, VISIBILITY, {"visibility": visibility}, token)
        assert body["data"]["setMyVisibility"]["errors"] == []

    # then each choice is dated in their consent history and matching is told
    history = body["data"]["setMyVisibility"]["profile"]["consentHistory"]
    assert [(c["visibility"], c["previous"]) for c in history] == [
        ("VISIBLE", "ANONYMOUS"),
        ("ANONYMOUS", "HIDDEN"),
        ("HIDDEN", None),
    ]
    assert all(c["at"] for c in history)
    assert await member_events(session_factory, user_id) == 2

    # when they export their data
    exported = (await gql(client, EXPORT, token=token))["data"]["exportMyData"]

    # then everything held about them is there, as plain JSON
    assert exported["format"] == "passerelle.member-export"
    assert exported["account"]["email"] == "camille.martin@exemple.fr"
    assert "password_hash" not in exported["account"]
    assert exported["profile"]["headline_title"] == "Assistante de direction H/F"
    assert len(exported["profile"]["experiences"]) == 2
    assert [c["visibility"] for c in exported["consent_log"]] == ["visible", "anonymous", "hidden"]
    assert {"member.sign_up", "member.profile_update", "member.visibility"} <= {
        entry["action"] for entry in exported["audit_entries"]
    }
    assert {entry["by"] for entry in exported["audit_entries"]} == {"vous"}
    assert exported["notifications"] == []
    json.dumps(exported)

    # when they delete their account with a wrong password, nothing happens
    wrong = await gql(client, DELETE, {"password": "pas-le-bon-123"}, token)
    assert issues(wrong["data"]["deleteMyAccount"]) == [("password", "INVALID_CREDENTIALS")]
    assert wrong["data"]["deleteMyAccount"]["ok"] is False

    # when they confirm with their password
    deleted = await gql(client, DELETE, {"password": PASSWORD}, token)
    assert deleted["data"]["deleteMyAccount"] == {"ok": True, "errors": []}

    # then their session is gone, they cannot sign in, and their personal data is erased
    assert (await gql(client, "{ me { email } }", token=token))["data"]["me"] is None
    relog = await gql(client, LOGIN, {"email": "camille.martin@exemple.fr", "password": PASSWORD})
    assert relog["data"]["login"]["token"] is None
    async with session_factory() as session:
        user = await session.scalar(select(User).where(User.id == uuid.UUID(user_id)))
        assert user is not None
        assert user.email.endswith("@compte-supprime.invalid") and "camille" not in user.email
        assert (user.full_name, user.password_hash, user.is_active) == ("", None, False)
        assert await session.get(MemberProfile, user.id) is None
        tokens = list(await session.scalars(select(AuthToken).where(AuthToken.user_id == user.id)))
        assert tokens and all(t.revoked_at is not None for t in tokens)
        entries = list(await session.scalars(select(AuditEntry)))
        erase = [e for e in entries if e.action == "member.erase"]
        assert len(erase) == 1 and erase[0].changes == {"reason": "request"}
        dump = json.dumps([(e.actor_label, e.changes) for e in entries], ensure_ascii=False)
        assert "camille" not in dump.lower()
    # and matching is told the member is gone
    assert await member_events(session_factory, user_id) == 3


async def test_erasing_an_erased_member_changes_nothing(client: Any, session_factory: Any) -> None:
    # given a member who deleted their account
    token, user_id = await sign_up(client)
    assert (await gql(client, DELETE, {"password": PASSWORD}, token))["data"]["deleteMyAccount"]["ok"]

    # when the erasure runs again (the retention job, a retried request)
    async with transaction(session_factory) as session:
        user = await session.get(User, uuid.UUID(user_id))
        assert user is not None
        again = await erase_member(session, SYSTEM, user, reason="retention")

    # then nothing more happens
    assert again is False
    async with session_factory() as session:
        erasures = list(await session.scalars(select(AuditEntry).where(AuditEntry.action == "member.erase")))
    assert len(erasures) == 1
    assert await member_events(session_factory, user_id) == 1
