"""Rows of generated members for the scale bench: varied names, real communes, framework occupations.

Plain dicts keyed by the models' columns, fed to the product's bulk upsert (server.kit.bulk). Titles
are the demo's (as members type them), normalised once each by the shipped normaliser; names mix the
demo's with syllable-built surnames so that trigram searches find tens, not tens of thousands.
"""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cache
from typing import Any

from matching import Framework, TitleMatch, default_normaliser
from matching.communes import Commune, communes, communes_of_postal_code
from server.demo.members import ANCHOR, EXTRA_COMPETENCIES, FIRST_NAMES, LAST_NAMES, PLACES, TITLES
from server.models.accounts import UserRole
from server.models.members import ProfessionalStatus, Visibility
from server.models.postings import CefrLevel, ContractType, RemotePolicy

DOMAINS = ("gmail.com", "orange.fr", "free.fr", "laposte.net", "outlook.fr", "sfr.fr", "yahoo.fr")
SYLLABLES = ("ber", "mar", "tin", "lau", "ren", "dor", "gal", "vel", "mon", "cha", "rou", "let", "bou")
ENDINGS = ("ier", "ard", "eau", "in", "et", "and", "ot", "ville", "court", "ac", "y", "ois")
MORE_FIRST_NAMES = ("Anaïs", "Pauline", "Hélène", "Lucie", "Samia", "Agnès", "Brigitte", "Yannick", "Paul")


@dataclass(frozen=True)
class Titles:
    """Each demo title with its normalisation, computed once for the whole run."""

    by_occupation: dict[str, tuple[tuple[str, TitleMatch], ...]]

    @classmethod
    def build(cls) -> Titles:
        normaliser = default_normaliser()
        return cls({o: tuple((t, normaliser.normalise(t)) for t in titles) for o, titles in TITLES.items()})


@cache
def _communes_by_departement() -> dict[str, tuple[Commune, ...]]:
    found: dict[str, list[Commune]] = {}
    for place in communes().values():
        if place.district_of is None:
            found.setdefault(place.departement, []).append(place)
    return {code: tuple(places) for code, places in found.items()}


def place(rng: random.Random) -> Commune:
    """Two in three in the demo's big towns (weighted), the others anywhere in France."""
    if rng.random() < 0.66:
        departement, postal_codes, _ = rng.choices(PLACES, weights=[p[2] for p in PLACES])[0]
        found = communes_of_postal_code(rng.choice(postal_codes))
        return rng.choice(found or _communes_by_departement()[departement])
    by_departement = _communes_by_departement()
    return rng.choice(by_departement[rng.choice(sorted(by_departement))])


def surname(rng: random.Random) -> str:
    if rng.random() < 0.4:
        return rng.choice(LAST_NAMES)
    return (rng.choice(SYLLABLES) + rng.choice(SYLLABLES) + rng.choice(ENDINGS)).capitalize()


def _slug(text: str) -> str:
    return text.lower().replace(" ", "").translate(str.maketrans("éèêëïîôçä", "eeeeiioca"))


@dataclass(frozen=True)
class MemberRows:
    user: dict[str, Any]
    profile: dict[str, Any]
    experiences: list[dict[str, Any]]
    competencies: list[dict[str, Any]]
    languages: list[dict[str, Any]]


def member_rows(
    index: int, rng: random.Random, framework: Framework, titles: Titles, password_hash: str, now: datetime
) -> MemberRows:
    """One member: account, profile, 1–3 experiences, competencies of the occupation, languages."""
    user_id = uuid.UUID(int=rng.getrandbits(128), version=4)
    first, last = rng.choice(FIRST_NAMES + MORE_FIRST_NAMES), surname(rng)
    occupation_id = rng.choice(sorted(titles.by_occupation))
    title, match = rng.choice(titles.by_occupation[occupation_id])
    home = place(rng)
    years = rng.choice((1, 2, 3, 5, 6, 8, 10, 12, 15, 18, 22, 25))
    status = rng.choices(list(ProfessionalStatus), weights=(6, 2, 2))[0]
    created = ANCHOR - timedelta(days=rng.randint(1, 900), seconds=rng.randint(0, 86_399))
    independent = status is ProfessionalStatus.INDEPENDENT
    user = {
        "id": user_id,
        "email": f"{_slug(first)}.{_slug(last)}.{index}@{rng.choice(DOMAINS)}",
        "full_name": f"{first} {last}",
        "role": UserRole.MEMBER.value,
        "password_hash": password_hash,
        "is_active": True,
        "email_verified_at": created,
        "created_at": created,
    }
    profile = {
        "user_id": user_id,
        "membership_number": f"FED-{index:07d}" if rng.random() < 0.6 else None,
        "headline_title": title,
        "headline_occupation_id": None if match.occupation is None else match.occupation.id,
        "headline_confidence": match.confidence,
        "headline_match_status": match.status,
        "bio": "",
        "years_of_experience": years,
        "postal_code": home.postal_code,
        "commune": home.name,
        "commune_code": home.insee,
        "departement": home.departement,
        "mobility_radius_km": rng.choice((None, 10, 20, 30, 50, 100)),
        "mobility_departements": [home.departement] if rng.random() < 0.5 else [],
        "remote_preference": rng.choice(list(RemotePolicy)).value,
        "contract_preferences": [ContractType.FREELANCE.value] if independent else ["cdi", "cdd"],
        "working_time_preference": None,
        "status": status.value,
        "available_from": None,
        "salary_expectation": None if independent else rng.randrange(24_000, 52_000, 1_000),
        "daily_rate": rng.randrange(250, 550, 10) if independent else None,
        "offers": [],
        "certifications": [],
        "other_certifications": [],
        "visibility": rng.choices(list(Visibility), weights=(2, 4, 4))[0].value,
        "last_activity_at": created + (ANCHOR - created) * rng.random(),
        "created_at": created,
        "updated_at": now,
    }
    return MemberRows(
        user=user,
        profile=profile,
        experiences=_experiences(rng, titles, user_id, occupation_id, title, match),
        competencies=_competencies(rng, framework, user_id, occupation_id, years),
        languages=[{"user_id": user_id, "language": "en", "level": rng.choice(list(CefrLevel)).value}]
        if rng.random() < 0.85
        else [],
    )


def _experiences(
    rng: random.Random,
    titles: Titles,
    user_id: uuid.UUID,
    occupation_id: str,
    title: str,
    match: TitleMatch,
) -> list[dict[str, Any]]:
    rows = []
    cursor = ANCHOR.date().replace(day=1)
    for position in range(rng.randint(1, 3)):
        if position:
            occupation_id = rng.choice(sorted(titles.by_occupation))
            title, match = rng.choice(titles.by_occupation[occupation_id])
        start = date(cursor.year - rng.randint(1, 5), rng.randint(1, 12), 1)
        rows.append(
            {
                "id": uuid.UUID(int=rng.getrandbits(128), version=4),
                "user_id": user_id,
                "title": title,
                "occupation_id": None if match.occupation is None else match.occupation.id,
                "confidence": match.confidence,
                "match_status": match.status,
                "employer": None,
                "sector": None,
                "start_month": start,
                "end_month": None if not position else cursor,
            }
        )
        cursor = (start - timedelta(days=1)).replace(day=1)
    return rows


def _competencies(
    rng: random.Random, framework: Framework, user_id: uuid.UUID, occupation_id: str, years: int
) -> list[dict[str, Any]]:
    typical = framework.occupation(occupation_id).competencies
    chosen = rng.sample(list(typical), k=min(len(typical), rng.randint(3, 7)))
    seniority = 1 if years >= 10 else 0 if years >= 4 else -1
    levels = {item.competency_id: max(1, min(4, item.level + seniority)) for item in chosen}
    for competency_id in rng.sample(EXTRA_COMPETENCIES, k=rng.randint(0, 2)):
        levels.setdefault(competency_id, rng.randint(1, 3))
    return [{"user_id": user_id, "competency_id": c, "level": level} for c, level in levels.items()]
