"""Every validation rule of roles and needs, each with the exact (field, code) it reports."""

from __future__ import annotations

from typing import Any

import pytest

from tests.api.postings_helpers import (
    CREATE_NEED,
    CREATE_ROLE,
    UPDATE_ROLE,
    create_role,
    in_days,
    move,
    need_input,
    partner_user,
    role_input,
)
from tests.support import gql

ROLE_CASES: list[tuple[str, dict[str, Any], list[tuple[str | None, str]]]] = [
    ("title too short", {"title": "A"}, [("title", "TOO_SHORT")]),
    ("title too long", {"title": "Assistant " * 16}, [("title", "TOO_LONG")]),
    ("title missing", {"title": None}, [("title", "TOO_SHORT")]),
    ("description too long", {"description": "x" * 20_001}, [("description", "TOO_LONG")]),
    (
        "salary min above max",
        {"salaryMin": 40_000, "salaryMax": 30_000},
        [("salaryMax", "SALARY_RANGE_INVALID")],
    ),
    ("negative salary", {"salaryMin": -1}, [("salaryMin", "OUT_OF_RANGE")]),
    ("cdd without duration", {"contractType": "CDD"}, [("contractMonths", "CDD_DURATION_REQUIRED")]),
    (
        "cdd of 37 months",
        {"contractType": "CDD", "contractMonths": 37},
        [("contractMonths", "OUT_OF_RANGE")],
    ),
    (
        "cdd of 0 month",
        {"contractType": "CDD", "contractMonths": 0},
        [("contractMonths", "OUT_OF_RANGE")],
    ),
    ("cdi with a duration", {"contractMonths": 6}, [("contractMonths", "DURATION_NOT_APPLICABLE")]),
    ("contract type missing", {"contractType": None}, [("contractType", "REQUIRED")]),
    (
        "freelance with a salary and no daily rate",
        {"contractType": "FREELANCE"},
        [("salaryMin", "FREELANCE_USES_DAILY_RATE"), ("dailyRate", "DAILY_RATE_REQUIRED")],
    ),
    ("daily rate outside freelance", {"dailyRate": 450}, [("dailyRate", "DAILY_RATE_FREELANCE_ONLY")]),
    ("part time without hours", {"workingTime": "PART_TIME"}, [("weeklyHours", "WEEKLY_HOURS_REQUIRED")]),
    (
        "part time of 35 hours",
        {"workingTime": "PART_TIME", "weeklyHours": 35},
        [("weeklyHours", "OUT_OF_RANGE")],
    ),
    ("experience of 60 years", {"minExperienceYears": 60}, [("minExperienceYears", "OUT_OF_RANGE")]),
    (
        "unknown language code",
        {"languages": [{"code": "xx", "level": "B1"}]},
        [("languages[0].code", "INVALID_LANGUAGE")],
    ),
    (
        "language twice",
        {"languages": [{"code": "en", "level": "B1"}, {"code": "EN", "level": "C1"}]},
        [("languages[1].code", "DUPLICATE_LANGUAGE")],
    ),
    (
        "eleven languages",
        {
            "languages": [
                {"code": code, "level": "B1"}
                for code in ["en", "de", "es", "it", "pt", "nl", "ar", "zh", "ja", "ru", "pl"]
            ]
        },
        [("languages", "TOO_MANY")],
    ),
    (
        "unknown competency",
        {"competencies": [{"competencyId": "jonglage", "level": 2}]},
        [("competencies", "UNKNOWN_COMPETENCY")],
    ),
    (
        "competency level 5",
        {"competencies": [{"competencyId": "gestion_agenda", "level": 5}]},
        [("competencies", "INVALID_LEVEL")],
    ),
    (
        "competency twice",
        {
            "competencies": [
                {"competencyId": "gestion_agenda", "level": 2},
                {"competencyId": "gestion_agenda", "level": 3},
            ]
        },
        [("competencies", "DUPLICATE_COMPETENCY")],
    ),
    (
        "41 competencies",
        {"competencies": [{"competencyId": "gestion_agenda", "level": 2}] * 41},
        [("competencies", "TOO_MANY")],
    ),
    ("unknown occupation", {"occupationId": "astronaute"}, [("occupationId", "UNKNOWN_OCCUPATION")]),
    ("postal code of 4 digits", {"postalCode": "6900"}, [("postalCode", "INVALID_POSTAL_CODE")]),
    (
        "unknown département",
        {"postalCode": None, "departement": "99"},
        [("departement", "INVALID_DEPARTEMENT")],
    ),
    ("postal code of another département", {"departement": "75"}, [("departement", "DEPARTEMENT_MISMATCH")]),
    (
        "full remote with a place",
        {"remotePolicy": "FULL", "remoteDays": None},
        [("remotePolicy", "LOCATION_WITH_FULL_REMOTE")],
    ),
    (
        "no place and no full remote",
        {"postalCode": None, "commune": None},
        [("postalCode", "LOCATION_REQUIRED")],
    ),
    ("partial remote without days", {"remoteDays": None}, [("remoteDays", "REMOTE_DAYS_REQUIRED")]),
    (
        "remote days without partial remote",
        {"remotePolicy": "NONE"},
        [("remoteDays", "REMOTE_DAYS_NOT_APPLICABLE")],
    ),
    ("five remote days", {"remoteDays": 5}, [("remoteDays", "OUT_OF_RANGE")]),
    ("remote policy missing", {"remotePolicy": None, "remoteDays": None}, [("remotePolicy", "REQUIRED")]),
    (
        "start after expiry",
        {"startDate": in_days(90), "expiryDate": in_days(30)},
        [("expiryDate", "DATES_INCOHERENT")],
    ),
]


@pytest.mark.parametrize(("case", "over", "expected"), ROLE_CASES, ids=[c[0] for c in ROLE_CASES])
async def test_role_rule(
    case: str,
    over: dict[str, Any],
    expected: list[tuple[str | None, str]],
    client: Any,
    session_factory: Any,
) -> None:
    # given a recruiter
    token, _ = await partner_user(session_factory)

    # when a role breaking one rule is created
    body = await gql(client, CREATE_ROLE, {"input": role_input(**over)}, token)

    # then exactly that rule is reported, with a French message, and nothing is created
    payload = body["data"]["createRole"]
    assert [(error["field"], error["code"]) for error in payload["errors"]] == expected
    assert all(error["message"] for error in payload["errors"])
    assert payload["posting"] is None


async def test_a_valid_freelance_role_uses_a_daily_rate(client: Any, session_factory: Any) -> None:
    token, _ = await partner_user(session_factory)
    role = await create_role(
        client,
        token,
        contractType="FREELANCE",
        salaryMin=None,
        salaryMax=None,
        dailyRate=380,
        remotePolicy="FULL",
        remoteDays=None,
        postalCode=None,
        commune=None,
    )
    assert (role["contractType"], role["dailyRate"], role["salaryMin"]) == ("FREELANCE", 380, None)


async def test_a_title_is_required(client: Any, session_factory: Any) -> None:
    token, _ = await partner_user(session_factory)
    values = role_input()
    del values["title"]
    body = await gql(client, CREATE_ROLE, {"input": values}, token)
    assert [(e["field"], e["code"]) for e in body["data"]["createRole"]["errors"]] == [("title", "REQUIRED")]


async def test_all_broken_rules_are_reported_at_once(client: Any, session_factory: Any) -> None:
    token, _ = await partner_user(session_factory)
    body = await gql(
        client,
        CREATE_ROLE,
        {"input": role_input(title="A", salaryMin=50_000, salaryMax=40_000, postalCode="123")},
        token,
    )
    assert sorted((e["field"], e["code"]) for e in body["data"]["createRole"]["errors"]) == [
        ("postalCode", "INVALID_POSTAL_CODE"),
        ("salaryMax", "SALARY_RANGE_INVALID"),
        ("title", "TOO_SHORT"),
    ]


async def test_publishing_needs_an_expiry_date_in_the_future(client: Any, session_factory: Any) -> None:
    # given a draft expiring today
    token, _ = await partner_user(session_factory)
    role = await create_role(client, token, startDate=None, expiryDate=in_days(0))

    # when it is published
    refused = await move(client, token, "publishPosting", role["id"])

    # then the expiry date is refused
    assert [(e["field"], e["code"]) for e in refused["errors"]] == [("expiryDate", "EXPIRY_IN_PAST")]


async def test_an_open_posting_cannot_be_given_a_past_expiry_date(client: Any, session_factory: Any) -> None:
    token, _ = await partner_user(session_factory)
    role = await create_role(client, token)
    await move(client, token, "publishPosting", role["id"])
    body = await gql(
        client,
        UPDATE_ROLE,
        {"id": role["id"], "input": {"startDate": None, "expiryDate": in_days(-1)}},
        token,
    )
    assert [(e["field"], e["code"]) for e in body["data"]["updateRole"]["errors"]] == [
        ("expiryDate", "EXPIRY_IN_PAST")
    ]


async def test_a_partial_update_is_checked_against_the_saved_values(
    client: Any, session_factory: Any
) -> None:
    # given a role paid 32–38 k€
    token, _ = await partner_user(session_factory)
    role = await create_role(client, token)

    # when only the minimum is raised above the saved maximum
    body = await gql(client, UPDATE_ROLE, {"id": role["id"], "input": {"salaryMin": 45_000}}, token)

    # then the range is refused
    assert [(e["field"], e["code"]) for e in body["data"]["updateRole"]["errors"]] == [
        ("salaryMax", "SALARY_RANGE_INVALID")
    ]


NEED_CASES: list[tuple[str, dict[str, Any], list[tuple[str | None, str]]]] = [
    ("kind missing", {"needKind": None}, [("needKind", "REQUIRED")]),
    ("team of 0", {"teamSize": 0}, [("teamSize", "OUT_OF_RANGE")]),
    ("duration of 1000 days", {"durationDays": 1000}, [("durationDays", "OUT_OF_RANGE")]),
    ("negative budget", {"budget": -5}, [("budget", "OUT_OF_RANGE")]),
    ("zero daily rate", {"dailyRate": 0}, [("dailyRate", "OUT_OF_RANGE")]),
    (
        "unknown competency",
        {"competencies": [{"competencyId": "jonglage", "level": 2}]},
        [("competencies", "UNKNOWN_COMPETENCY")],
    ),
    ("no place and no full remote", {"departement": None}, [("postalCode", "LOCATION_REQUIRED")]),
    (
        "start after expiry",
        {"startDate": in_days(60), "expiryDate": in_days(10)},
        [("expiryDate", "DATES_INCOHERENT")],
    ),
]


@pytest.mark.parametrize(("case", "over", "expected"), NEED_CASES, ids=[c[0] for c in NEED_CASES])
async def test_need_rule(
    case: str,
    over: dict[str, Any],
    expected: list[tuple[str | None, str]],
    client: Any,
    session_factory: Any,
) -> None:
    token, _ = await partner_user(session_factory)
    body = await gql(client, CREATE_NEED, {"input": need_input(**over)}, token)
    payload = body["data"]["createNeed"]
    assert [(error["field"], error["code"]) for error in payload["errors"]] == expected
    assert payload["posting"] is None


async def test_a_cefr_level_outside_the_enum_is_refused_by_the_schema(
    client: Any, session_factory: Any
) -> None:
    # given a recruiter
    token, _ = await partner_user(session_factory)

    # when a role asks for a level that is not a CEFR level
    body = await gql(
        client, CREATE_ROLE, {"input": role_input(languages=[{"code": "en", "level": "D1"}])}, token
    )

    # then the request is refused before it runs, naming the field and the allowed levels
    assert [error["extensions"]["code"] for error in body["errors"]] == ["BAD_USER_INPUT"]
    message = body["errors"][0]["message"]
    assert "languages[0].level" in message and "'D1'" in message and "A1, A2, B1, B2, C1, C2" in message
    assert body.get("data") is None
