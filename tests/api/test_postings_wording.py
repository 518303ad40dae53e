"""Discriminatory criteria (Code du travail L1132-1): refused, with the inclusive form suggested."""

from __future__ import annotations

from typing import Any

import pytest

from server.postings.wording import check_posting_wording, inclusive_title
from tests.api.postings_helpers import CREATE_ROLE, UPDATE_ROLE, create_role, partner_user, role_input
from tests.support import gql

TITLES: list[tuple[str, str | None]] = [
    # (title, expected code or None when accepted)
    ("Secrétaire femme", "GENDER_CRITERION"),
    ("Assistante uniquement", "GENDER_CRITERION"),
    ("Assistante de direction", "GENDER_CRITERION"),
    ("ASSISTANTE ADMINISTRATIVE - CDI", "GENDER_CRITERION"),
    ("Hôtesse d'accueil", "GENDER_CRITERION"),
    ("Secrétaire médicale", "GENDER_CRITERION"),
    ("Standardiste homme exclusivement", "GENDER_CRITERION"),
    ("Assistant RH - moins de 30 ans", "AGE_CRITERION"),
    ("Assistant commercial 25-35 ans", "AGE_CRITERION"),
    ("Assistante de direction H/F", None),
    ("Secrétaire médicale (F/H)", None),
    ("Assistant·e de direction", None),
    ("Assistant(e) de gestion", None),
    ("Assistant.e RH", None),
    ("Assistant/Assistante ADV", None),
    ("Assistant de direction", None),
    ("Jeune diplômé·e - assistant·e RH en alternance", None),
    ("Secrétaire comptable", None),
    ("Office manager (H/F/X)", None),
]
DESCRIPTIONS: list[tuple[str, str | None]] = [
    ("Vous avez moins de 30 ans.", "AGE_CRITERION"),
    ("Profil recherché : 25-35 ans, motivé.", "AGE_CRITERION"),
    ("Candidat·e âgé·e de 25 à 40 ans.", "AGE_CRITERION"),
    ("Entre 25 et 35 ans, vous aimez le contact.", "AGE_CRITERION"),
    ("45 ans maximum.", "AGE_CRITERION"),
    ("Vous êtes jeune et dynamique.", "AGE_CRITERION"),
    ("Limite d'âge : 50 ans.", "AGE_CRITERION"),
    ("Nous recherchons une femme pour l'accueil.", "GENDER_CRITERION"),
    ("Profil féminin souhaité.", "GENDER_CRITERION"),
    ("Poste réservé uniquement aux femmes.", "GENDER_CRITERION"),
    ("Vous avez plus de 10 ans d'expérience.", None),
    ("10 ans minimum d'expérience en cabinet.", None),
    ("5 ans d'expérience minimum.", None),
    ("Jeune diplômé·e accepté·e.", None),
    ("L'équipe accueille des hommes et des femmes de tous horizons.", None),
    ("Vous assistez une directrice générale.", None),
]


@pytest.mark.parametrize(("title", "expected"), TITLES)
def test_title_wording(title: str, expected: str | None) -> None:
    codes = [issue.code for issue in check_posting_wording(title, None)]
    assert codes == ([] if expected is None else [expected])
    assert all(issue.field == "title" for issue in check_posting_wording(title, None))


@pytest.mark.parametrize(("description", "expected"), DESCRIPTIONS)
def test_description_wording(description: str, expected: str | None) -> None:
    codes = [issue.code for issue in check_posting_wording(None, description)]
    assert codes == ([] if expected is None else [expected])


@pytest.mark.parametrize(
    ("title", "inclusive"),
    [
        ("Assistante de direction", "Assistant·e de direction"),
        ("Assistante uniquement", "Assistant·e"),
        ("Secrétaire femme", "Secrétaire"),
        ("Hôtesse d'accueil", "Hôte·sse d'accueil"),
        ("Opératrice de saisie confirmée", "Opérateur·rice de saisie confirmé·e"),
        ("Secrétaire médicale", "Secrétaire médical·e"),
    ],
)
def test_the_suggestion_is_the_inclusive_form(title: str, inclusive: str) -> None:
    assert inclusive_title(title) == inclusive
    [issue] = check_posting_wording(title, None)
    assert f"« {inclusive} »" in issue.message


async def test_a_gendered_title_is_refused_with_the_inclusive_form_suggested(
    client: Any, session_factory: Any
) -> None:
    # given a recruiter
    token, _ = await partner_user(session_factory)

    # when they create a role for « Assistante de direction » only
    body = await gql(
        client,
        CREATE_ROLE,
        {
            "input": role_input(
                title="Assistante de direction", description="Poste à pourvoir, moins de 30 ans."
            )
        },
        token,
    )

    # then both criteria are refused, the title with the inclusive form suggested
    errors = body["data"]["createRole"]["errors"]
    assert [(e["field"], e["code"]) for e in errors] == [
        ("title", "GENDER_CRITERION"),
        ("description", "AGE_CRITERION"),
    ]
    assert "« Assistant·e de direction »" in errors[0]["message"]
    assert "L1132-1" in errors[1]["message"]


async def test_an_edit_is_checked_too(client: Any, session_factory: Any) -> None:
    token, _ = await partner_user(session_factory)
    role = await create_role(client, token)
    body = await gql(
        client,
        UPDATE_ROLE,
        {"id": role["id"], "input": {"description": "Idéalement une jeune femme."}},
        token,
    )
    assert [(e["field"], e["code"]) for e in body["data"]["updateRole"]["errors"]] == [
        ("description", "AGE_CRITERION"),
        ("description", "GENDER_CRITERION"),
    ]
