"""Every rule of a member's profile and sign-up, with the exact (field, code) it reports."""

from __future__ import annotations

from typing import Any

import pytest

from matching.framework import load_framework
from tests.api.members_helpers import SIGN_UP, UPDATE, issues, sign_up, update_profile
from tests.mail_support import INBOX
from tests.support import PASSWORD, error_codes, gql

EXPERIENCE = {"title": "Assistante RH", "startMonth": "2020-01-01"}

PROFILE_RULES: list[tuple[str, dict[str, Any], list[tuple[str, str]]]] = [
    ("headline too short", {"headlineTitle": " A "}, [("headlineTitle", "TOO_SHORT")]),
    ("headline too long", {"headlineTitle": "A" * 151}, [("headlineTitle", "TOO_LONG")]),
    ("bio too long", {"bio": "x" * 1001}, [("bio", "TOO_LONG")]),
    ("years negative", {"yearsOfExperience": -1}, [("yearsOfExperience", "OUT_OF_RANGE")]),
    ("years absurd", {"yearsOfExperience": 61}, [("yearsOfExperience", "OUT_OF_RANGE")]),
    ("membership number", {"membershipNumber": "n° 12"}, [("membershipNumber", "INVALID_MEMBERSHIP_NUMBER")]),
    ("postal code format", {"postalCode": "6900"}, [("postalCode", "INVALID_POSTAL_CODE")]),
    ("postal code zero", {"postalCode": "00000"}, [("postalCode", "INVALID_POSTAL_CODE")]),
    ("postal code nowhere", {"postalCode": "96100"}, [("postalCode", "INVALID_POSTAL_CODE")]),
    ("radius negative", {"mobilityRadiusKm": -5}, [("mobilityRadiusKm", "OUT_OF_RANGE")]),
    ("radius too wide", {"mobilityRadiusKm": 201}, [("mobilityRadiusKm", "OUT_OF_RANGE")]),
    (
        "unknown département",
        {"mobilityDepartements": ["69", "20", "99"]},
        [("mobilityDepartements", "INVALID_DEPARTEMENT")],
    ),
    ("salary too low", {"salaryExpectation": 9_999}, [("salaryExpectation", "OUT_OF_RANGE")]),
    ("salary too high", {"salaryExpectation": 500_001}, [("salaryExpectation", "OUT_OF_RANGE")]),
    ("daily rate too low", {"dailyRate": 49}, [("dailyRate", "OUT_OF_RANGE")]),
    ("daily rate too high", {"dailyRate": 5_001}, [("dailyRate", "OUT_OF_RANGE")]),
    ("other certification too short", {"otherCertifications": ["x"]}, [("otherCertifications", "TOO_SHORT")]),
    (
        "other certification too long",
        {"otherCertifications": ["x" * 101]},
        [("otherCertifications", "TOO_LONG")],
    ),
    (
        "too many other certifications",
        {"otherCertifications": [f"Certif {i}" for i in range(11)]},
        [("otherCertifications", "TOO_MANY")],
    ),
    (
        "experience title",
        {"experiences": [{**EXPERIENCE, "title": "A"}]},
        [("experiences[0].title", "TOO_SHORT")],
    ),
    (
        "experience employer",
        {"experiences": [{**EXPERIENCE, "employer": "E" * 161}]},
        [("experiences[0].employer", "TOO_LONG")],
    ),
    (
        "experience sector",
        {"experiences": [{**EXPERIENCE, "sector": "S" * 121}]},
        [("experiences[0].sector", "TOO_LONG")],
    ),
    (
        "experience ends before it starts",
        {"experiences": [EXPERIENCE, {**EXPERIENCE, "startMonth": "2021-05-01", "endMonth": "2021-04-30"}]},
        [("experiences[1].endMonth", "DATES_INCOHERENT")],
    ),
    (
        "experience in the future",
        {"experiences": [{**EXPERIENCE, "startMonth": "2999-01-01"}]},
        [("experiences[0].startMonth", "DATE_IN_FUTURE")],
    ),
    ("too many experiences", {"experiences": [EXPERIENCE] * 31}, [("experiences", "TOO_MANY")]),
    (
        "too many competencies",
        {"competencies": [{"competencyId": c.id, "level": 2} for c in load_framework().competencies[:81]]},
        [("competencies", "TOO_MANY")],
    ),
    (
        "too many languages",
        {"languages": [{"code": f"{a}{b}", "level": "A1"} for a in "ab" for b in "abcdefgh"]},
        [("languages", "TOO_MANY")],
    ),
    (
        "unknown competency",
        {"competencies": [{"competencyId": "jonglage", "level": 2}]},
        [("competencies[0].competencyId", "UNKNOWN_COMPETENCY")],
    ),
    (
        "duplicate competency",
        {"competencies": [{"competencyId": "ged", "level": 2}, {"competencyId": "ged", "level": 3}]},
        [("competencies[1].competencyId", "DUPLICATE_COMPETENCY")],
    ),
    (
        "competency level 0",
        {"competencies": [{"competencyId": "ged", "level": 0}]},
        [("competencies[0].level", "INVALID_LEVEL")],
    ),
    (
        "competency level 5",
        {"competencies": [{"competencyId": "ged", "level": 5}]},
        [("competencies[0].level", "INVALID_LEVEL")],
    ),
    (
        "language code",
        {"languages": [{"code": "english", "level": "B2"}]},
        [("languages[0].code", "INVALID_LANGUAGE")],
    ),
    (
        "two letters but no ISO 639-1 language (same rule as postings)",
        {"languages": [{"code": "xx", "level": "B1"}]},
        [("languages[0].code", "INVALID_LANGUAGE")],
    ),
    (
        "duplicate language",
        {"languages": [{"code": "en", "level": "B2"}, {"code": "EN", "level": "C1"}]},
        [("languages[1].code", "DUPLICATE_LANGUAGE")],
    ),
    (
        "several at once",
        {"headlineTitle": "A", "dailyRate": 1, "postalCode": "abc"},
        [
            ("headlineTitle", "TOO_SHORT"),
            ("dailyRate", "OUT_OF_RANGE"),
            ("postalCode", "INVALID_POSTAL_CODE"),
        ],
    ),
]


@pytest.mark.parametrize(("name", "fields", "expected"), PROFILE_RULES, ids=[r[0] for r in PROFILE_RULES])
async def test_each_profile_rule_reports_its_field_and_code_and_changes_nothing(
    name: str, fields: dict[str, Any], expected: list[tuple[str, str]], client: Any
) -> None:
    # given a member with a saved headline
    token, _ = await sign_up(client)
    await update_profile(client, token, headlineTitle="Secrétaire")

    # when an invalid change is sent
    payload = await update_profile(client, token, **fields)

    # then it is refused with exactly these errors and nothing changed
    assert payload["profile"] is None
    assert sorted(issues(payload)) == sorted(expected)
    assert all(error["message"] for error in payload["errors"])
    body = await gql(client, "{ myProfile { headlineTitle experiences { title } } }", token=token)
    assert body["data"]["myProfile"] == {"headlineTitle": "Secrétaire", "experiences": []}


async def test_a_membership_number_belongs_to_one_member(client: Any) -> None:
    first, _ = await sign_up(client, "un@exemple.fr")
    second, _ = await sign_up(client, "deux@exemple.fr")
    assert (await update_profile(client, first, membershipNumber="FNA-1"))["errors"] == []

    taken = await update_profile(client, second, membershipNumber="fna-1")

    assert issues(taken) == [("membershipNumber", "MEMBERSHIP_NUMBER_TAKEN")]
    # its owner may save it again
    assert (await update_profile(client, first, membershipNumber="FNA-1"))["errors"] == []


SIGN_UP_RULES: list[tuple[str, dict[str, str], list[tuple[str, str]]]] = [
    ("invalid e-mail", {"email": "camille@"}, [("email", "INVALID_EMAIL")]),
    ("short password", {"password": "court-1"}, [("password", "TOO_SHORT")]),
    ("letters only", {"password": "motdepasseseulement"}, [("password", "PASSWORD_TOO_WEAK")]),
    ("password from e-mail", {"password": "camille.dupont-2026"}, [("password", "PASSWORD_TOO_WEAK")]),
    ("name too short", {"fullName": " C "}, [("fullName", "TOO_SHORT")]),
    ("name too long", {"fullName": "C" * 121}, [("fullName", "TOO_LONG")]),
]


@pytest.mark.parametrize(("name", "override", "expected"), SIGN_UP_RULES, ids=[r[0] for r in SIGN_UP_RULES])
async def test_each_sign_up_rule_reports_its_field_and_code(
    name: str, override: dict[str, str], expected: list[tuple[str, str]], client: Any
) -> None:
    variables = {
        "email": "camille.dupont@exemple.fr",
        "password": PASSWORD,
        "fullName": "Camille Dupont",
        **override,
    }

    body = await gql(client, SIGN_UP, variables)

    payload = body["data"]["signUp"]
    assert payload["ok"] is False
    assert issues(payload) == expected


async def test_an_e_mail_already_registered_gets_the_same_answer_and_its_owner_an_e_mail(
    client: Any,
) -> None:
    await sign_up(client, "deja@exemple.fr")

    body = await gql(
        client, SIGN_UP, {"email": " Deja@Exemple.fr ", "password": PASSWORD, "fullName": "Autre Personne"}
    )

    # the same answer as a new address (signUp must not tell who has an account)…
    assert body["data"]["signUp"] == {"ok": True, "errors": []}
    # …and the owner, not the caller, learns that someone tried
    notice = await INBOX.wait_for("deja@exemple.fr", "Vous avez déjà un compte")
    assert notice.link_to("/connexion") and notice.link_to("/mot-de-passe/oublie")


async def test_a_cefr_level_outside_the_enum_is_refused_by_the_schema_naming_the_allowed_values(
    client: Any,
) -> None:
    # given a member with a saved headline
    token, _ = await sign_up(client)
    await update_profile(client, token, headlineTitle="Secrétaire")

    # when a language is sent with a level that is not a CEFR level
    body = await gql(client, UPDATE, {"input": {"languages": [{"code": "de", "level": "B3"}]}}, token)

    # then the request is refused before it runs, saying where and what is allowed, and nothing changed
    assert error_codes(body) == ["BAD_USER_INPUT"]
    message = body["errors"][0]["message"]
    assert "languages[0].level" in message and "B3" in message
    assert "A1, A2, B1, B2, C1, C2" in message
    profile = await gql(client, "{ myProfile { headlineTitle languages { code } } }", token=token)
    assert profile["data"]["myProfile"] == {"headlineTitle": "Secrétaire", "languages": []}
