"""Rows of generated postings and matches for the scale bench (the demo's titles and pitches).

A posting is one of the demo roles at one of the demo partners, its title normalised once by the
shipped normaliser; descriptions vary (town, pitch, sector) so that text searches find a few dozen.
Matches carry what a matching job writes (score, trace, weights, engine version).
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from matching import Framework, TitleMatch, default_normaliser
from matching.scoring import ENGINE_VERSION, FACTORS, WEIGHTS
from server.demo.postings import DEMO_ROLES, ROLE_PITCHES
from server.models.matching import MatchState, MemberResponse
from server.models.postings import ContractType, PostingKind, PostingStatus, RemotePolicy, WorkingTime

MONTHS = {ContractType.CDD: 6, ContractType.INTERIM: 2, ContractType.STAGE: 6, ContractType.ALTERNANCE: 24}
CLOSED_SHARE = 0.1  # a tenth of the postings are closed: listings must skip them, not scan past them


@dataclass(frozen=True)
class PartnerPlace:
    id: uuid.UUID
    name: str
    postal_code: str | None
    commune: str | None
    departement: str | None


@dataclass(frozen=True)
class Roles:
    """The demo roles with their normalisation, computed once."""

    specs: tuple[tuple[str, ContractType, int, int, TitleMatch], ...]

    @classmethod
    def build(cls) -> Roles:
        normaliser = default_normaliser()
        return cls(tuple((*spec, normaliser.normalise(spec[0])) for spec in DEMO_ROLES))


def posting_rows(
    index: int, rng: random.Random, partner: PartnerPlace, roles: Roles, framework: Framework, now: datetime
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """One published role (open, or closed for a tenth) and its required competencies."""
    title, contract, pay, experience, match = rng.choice(roles.specs)
    posting_id = uuid.UUID(int=rng.getrandbits(128), version=4)
    created = now - timedelta(days=rng.randint(0, 400), seconds=rng.randint(0, 86_399))
    closed = rng.random() < CLOSED_SHARE
    remote = rng.choices(list(RemotePolicy), weights=(5, 4, 1))[0]
    freelance = contract is ContractType.FREELANCE
    occupation_id = None if match.occupation is None else match.occupation.id
    row = {
        "id": posting_id,
        "partner_id": partner.id,
        "kind": PostingKind.ROLE.value,
        "need_kind": None,
        "status": (PostingStatus.CLOSED if closed else PostingStatus.OPEN).value,
        "title": title,
        "description": f"{partner.name}, {partner.commune or 'à distance'} (réf. {index}) : "
        f"{rng.choice(ROLE_PITCHES)} Poste ouvert à toutes et à tous.",
        "occupation_id": occupation_id,
        "rome_code": None if match.occupation is None else match.occupation.rome_code,
        "normalisation_status": match.status,
        "normalisation_confidence": match.confidence,
        "title_attributes": match.attributes.to_dict(),
        "occupation_override": None,
        "contract_type": contract.value,
        "contract_months": MONTHS.get(contract),
        "working_time": WorkingTime.FULL_TIME.value,
        "weekly_hours": None,
        "salary_min": None if freelance else pay * 1000 - 1000,
        "salary_max": None if freelance else pay * 1000 + 2000,
        "min_experience_years": experience,
        "team_size": None,
        "duration_days": None,
        "budget": None,
        "daily_rate": pay if freelance else None,
        "postal_code": partner.postal_code,
        "commune": partner.commune,
        "commune_code": None,
        "departement": partner.departement,
        "remote_policy": remote.value,
        "remote_days": 2 if remote is RemotePolicy.PARTIAL else None,
        "start_date": None,
        "expiry_date": None,
        "featured": rng.random() < 0.05,
        "published_at": created,
        "closed_at": created + timedelta(days=30) if closed else None,
        "paused_by_suspension": False,
        "created_by": None,
        "created_at": created,
        "updated_at": created,
    }
    typical = () if occupation_id is None else framework.occupation(occupation_id).competencies
    competencies = [
        {"posting_id": posting_id, "competency_id": item.competency_id, "level": item.level}
        | {"required": True, "must_have": False}
        for item in rng.sample(list(typical), k=min(len(typical), 4))
    ]
    return row, competencies


def match_rows(
    rng: random.Random, posting_id: uuid.UUID, members: Sequence[uuid.UUID], now: datetime
) -> list[dict[str, Any]]:
    """What a matching job stores for these (posting, member) pairs; a few members said interested."""
    rows = []
    for member_id in members:
        fits = {factor: round(rng.random(), 3) for factor in FACTORS}
        score = round(sum(WEIGHTS[f] * fit for f, fit in fits.items()) / sum(WEIGHTS.values()) * 100, 1)
        interested = rng.random() < 0.03
        rows.append(
            {
                "id": uuid.UUID(int=rng.getrandbits(128), version=4),
                "posting_id": posting_id,
                "member_user_id": member_id,
                "score": score,
                "state": MatchState.ACTIVE.value,
                "trace": {"contributions": fits, "levels": {}, "missing": []},
                "engine_version": ENGINE_VERSION,
                "weights": dict(WEIGHTS),
                "response": MemberResponse.INTERESTED.value if interested else None,
                "response_message": None,
                "responded_at": now if interested else None,
                "response_engine_version": ENGINE_VERSION if interested else None,
                "created_at": now,
                "updated_at": now,
            }
        )
    return rows
