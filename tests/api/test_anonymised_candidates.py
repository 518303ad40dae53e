"""Issue 11 (privacy): a partner reads nothing of an anonymised candidate that their card hides.

The explanation of the score used to give the exact salary, years, availability date, place and
distance of an anonymised candidate; it now says what the card says (bands, region, month).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

from tests.api.members_helpers import sign_up, update_profile
from tests.api.postings_helpers import candidate_nodes, create_role, move, partner_user
from tests.conftest import wait_until
from tests.support import gql

START = date.today() + timedelta(days=20)
AVAILABLE = START + timedelta(days=23)  # a precise date, after the start
SALARY, DAILY_RATE, YEARS = 43217, 517, 7

FACTORS = "code label weight fit points sentence"
COMPARISON = "competencyId label domain askedLevel memberLevel required gap"
EXPLANATION = f"""explanation {{ score engineVersion eligible exclusions {{ code message }}
  factors {{ {FACTORS} }}
  matchedCompetencies {{ {COMPARISON} }} missingCompetencies {{ {COMPARISON} }}
  upskilling {{ domainId domainLabel competencies {{ {COMPARISON} }} suggestions }}
  sentences }}"""
CANDIDATES = f"""query($id: UUID!) {{ matches(postingId: $id) {{ totalCount edges {{ cursor node {{
  id score response responseMessage respondedAt anonymised occupationLabel region experienceBand offers
  competencies {{ competencyId label level }} languages {{ code level }}
  details {{ fullName headlineTitle bio certifications
    experiences {{ title sector startMonth endMonth }} }}
  contact {{ email fullName }}
  {EXPLANATION}
}} }} }} }}"""
EXPLAIN_MATCH = f"""query($p: UUID!, $m: UUID!) {{ explainMatch(postingId: $p, memberId: $m) {{
  eligible excludedBy matchState matchScore {EXPLANATION} }} }}"""


def leaves(value: Any) -> Iterator[Any]:
    """Every scalar of a JSON response, however deep."""
    if isinstance(value, dict):
        for item in value.values():
            yield from leaves(item)
    elif isinstance(value, list):
        for item in value:
            yield from leaves(item)
    else:
        yield value


def _thousands(value: int) -> list[str]:
    plain = str(value)
    head, tail = plain[:-3], plain[-3:]
    return [plain] + [f"{head}{sep}{tail}" for sep in (" ", "\u202f", "\u00a0", ",", ".")]


EXACT_TEXTS = [
    *_thousands(SALARY),
    *_thousands(DAILY_RATE),
    "7 ans",
    "7 an ",
    "Bourgoin",
    "Isère",
    "38300",
    "38053",
    AVAILABLE.isoformat(),
    f"{AVAILABLE:%d/%m/%Y}",
    f"{AVAILABLE:%d/%m}",
    " km",
    "23 jours",
]


def exact_values_in(response: Any) -> list[str]:
    """The exact figures of the member found anywhere in a response (empty: nothing leaks)."""
    found = []
    for leaf in leaves(response):
        if isinstance(leaf, bool):
            continue
        if isinstance(leaf, int | float) and leaf in (SALARY, DAILY_RATE):
            found.append(str(leaf))
        if isinstance(leaf, str):
            found += [text for text in EXACT_TEXTS if text in leaf]
            if re.search(r"(?<![\w.,])38(?![\w.,])", leaf):  # the département code, alone
                found.append(f"38 in {leaf!r}")
    return found


async def test_an_anonymised_candidate_shows_only_bands_until_interested(
    client: Any, session_factory: Any
) -> None:
    # given a member with distinctive exact figures, anonymous to partners
    member, _ = await sign_up(client, "camille@exemple.fr", "Camille Martin")
    payload = await update_profile(
        client,
        member,
        headlineTitle="Assistante de direction bilingue",
        postalCode="38300",
        commune="Bourgoin-Jallieu",
        mobilityRadiusKm=80,
        remotePreference="PARTIAL",
        contractPreferences=["CDI"],
        yearsOfExperience=YEARS,
        salaryExpectation=SALARY,
        dailyRate=DAILY_RATE,
        availableFrom=AVAILABLE.isoformat(),
        competencies=[
            {"competencyId": "gestion_agenda", "level": 4},
            {"competencyId": "anglais_professionnel", "level": 3},
        ],
        languages=[{"code": "en", "level": "C1"}],
    )
    assert payload["errors"] == [], payload
    visibility = await gql(
        client, "mutation { setMyVisibility(visibility: ANONYMOUS) { errors { code } } }", token=member
    )
    assert visibility["data"]["setMyVisibility"]["errors"] == []

    # and a role in Lyon asking more experience, less pay and an earlier start than the member's
    recruiter, _ = await partner_user(session_factory)
    role = await create_role(
        client,
        recruiter,
        salaryMax=40000,
        minExperienceYears=10,
        startDate=START.isoformat(),
        competencies=[{"competencyId": "gestion_agenda", "level": 3, "required": True}],
    )
    await move(client, recruiter, "publishPosting", role["id"])

    async def matched() -> bool:
        return bool(await candidate_nodes(client, CANDIDATES, role["id"], recruiter))

    await wait_until(matched)

    # when the recruiter reads every field of the anonymised candidate
    body = await gql(client, CANDIDATES, {"id": role["id"]}, recruiter)
    (candidate,) = [edge["node"] for edge in body["data"]["matches"]["edges"]]
    assert candidate["anonymised"] is True

    # then no exact figure of the member appears, only the card's bands
    assert exact_values_in(body) == []
    assert candidate["region"] == "Auvergne-Rhône-Alpes"
    assert candidate["experienceBand"] == "6 à 10 ans"
    text = " ".join(candidate["explanation"]["sentences"])
    assert "Auvergne-Rhône-Alpes" in text
    assert "6 à 10 ans" in text
    assert "entre 40\u202f000 et 45\u202f000 €" in text
    months = "janvier février mars avril mai juin juillet août septembre octobre novembre décembre"
    assert f"{months.split()[AVAILABLE.month - 1]} {AVAILABLE.year}" in text
    # the personal factors' fits are rounded (an exact 0.7 would give back 7 years out of 10)
    experience = next(f for f in candidate["explanation"]["factors"] if f["code"] == "EXPERIENCE")
    assert experience["fit"] == 0.75

    # and the partner cannot ask the staff's diagnosis instead
    member_id = (await gql(client, "{ me { id } }", token=member))["data"]["me"]["id"]
    diagnosis = await gql(client, EXPLAIN_MATCH, {"p": role["id"], "m": member_id}, recruiter)
    assert diagnosis["data"] is None or diagnosis["data"].get("explainMatch") is None
    assert diagnosis["errors"][0]["extensions"]["code"] == "FORBIDDEN"

    # when the member says interested
    mine = await gql(client, "{ myMatches { edges { node { id } } } }", token=member)
    (opportunity,) = mine["data"]["myMatches"]["edges"]
    answered = await gql(
        client,
        """mutation($id: UUID!) { respondToMatch(matchId: $id, response: INTERESTED) { errors { code } } }""",
        {"id": opportunity["node"]["id"]},
        member,
    )
    assert answered["data"]["respondToMatch"]["errors"] == []

    # then the recruiter reads the exact figures again
    body = await gql(client, CANDIDATES, {"id": role["id"]}, recruiter)
    (candidate,) = [edge["node"] for edge in body["data"]["matches"]["edges"]]
    assert candidate["anonymised"] is False
    leaked = set(exact_values_in(body))
    assert {"43\u202f217", "7 ans", f"{AVAILABLE:%d/%m/%Y}", " km"} <= leaked
    experience = next(f for f in candidate["explanation"]["factors"] if f["code"] == "EXPERIENCE")
    assert experience["fit"] == 0.7
