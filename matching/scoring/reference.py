"""The per-pair scorer: one member, one posting, plain Python, written to be read.

It is the oracle the vectorised engine is tested against, the baseline of the benchmark, and the
source of each explanation's figures (so what a member reads is what the engine computed).
"""

from __future__ import annotations

from dataclasses import dataclass

from matching.framework import Framework
from matching.scoring.geo import departement_name, distance_km
from matching.scoring.inputs import MemberProfile, PostingCriteria, cefr_rank
from matching.scoring.labels import CONTRACT_LABELS, NEED_LABELS, language_name
from matching.scoring.vocabulary import lookups
from matching.scoring.weights import (
    AVAILABILITY_HORIZON_DAYS,
    MOBILITY_LIST_FIT,
    PAST_TITLE_FACTOR,
    PAY_TOLERANCE,
    RADIUS_EDGE_FIT,
    RADIUS_NEAR_FIT,
    REMOTE_FIT,
    asked_competencies,
    effective_weights,
)

HARD_FILTERS = ("visibility", "offer", "language", "contract", "location")
_PREFERENCE = {"none": 0, "partial": 1, "full": 2}


@dataclass(frozen=True, slots=True)
class Exclusion:
    """A hard filter the member fails: `code` for machines, `message` (French) for people."""

    code: str
    message: str


@dataclass(frozen=True, slots=True)
class FactorScore:
    code: str
    weight: float  # share of the 100 points, after leaving out factors that do not apply
    fit: float  # 0–1

    @property
    def points(self) -> float:
        return self.weight * self.fit


@dataclass(frozen=True, slots=True)
class PairScore:
    """Score of one pair; computed even when excluded, so staff can see what was missed."""

    exclusions: tuple[Exclusion, ...]
    factors: tuple[FactorScore, ...]

    @property
    def eligible(self) -> bool:
        return not self.exclusions

    @property
    def score(self) -> float:
        return sum(f.points for f in self.factors)


@dataclass(frozen=True, slots=True)
class OccupationFit:
    fit: float
    via: str | None  # the member's occupation that gave the fit
    headline: bool  # True when it is their current occupation, False for a past title


@dataclass(frozen=True, slots=True)
class LocationFit:
    fit: float
    how: str | None  # "same", "listed" (a mobility département) or "radius"
    distance_km: float | None


def check_posting(posting: PostingCriteria, framework: Framework) -> None:
    """A posting must name framework ids only: a typo would silently match nobody."""
    known = lookups(framework)
    if posting.occupation_id is not None and posting.occupation_id not in known.occupations:
        raise ValueError(f"Métier inconnu du référentiel : {posting.occupation_id}")
    for competency_id in (*posting.required_competencies, *posting.nice_competencies):
        if competency_id not in known.competencies:
            raise ValueError(f"Compétence inconnue du référentiel : {competency_id}")


def occupation_fit(member: MemberProfile, occupation_id: str, framework: Framework) -> OccupationFit:
    sims = lookups(framework).similarity
    best = OccupationFit(0.0, None, False)
    for rank, own in enumerate(member.occupation_ids):
        sim = 1.0 if own == occupation_id else sims.get((own, occupation_id), 0.0)
        fit = sim * (1.0 if rank == 0 else PAST_TITLE_FACTOR)
        if fit > best.fit:
            best = OccupationFit(fit, own, rank == 0)
    return best


def level_credit(member_level: int, asked: int) -> float:
    return min(member_level, asked) / asked


def competency_fit(member: MemberProfile, posting: PostingCriteria) -> float:
    return sum(
        share * level_credit(member.competencies.get(c, 0), lvl)
        for c, lvl, share in asked_competencies(posting)
    )


def location_fit(member: MemberProfile, departement: str) -> LocationFit:
    best = LocationFit(0.0, None, None)
    distance = None if member.departement is None else distance_km(member.departement, departement)
    if member.departement == departement:
        best = LocationFit(1.0, "same", distance)
    elif departement in member.mobility_departements:
        best = LocationFit(MOBILITY_LIST_FIT, "listed", distance)
    if distance is not None and 0 < distance <= member.mobility_radius_km:
        near = RADIUS_NEAR_FIT - (RADIUS_NEAR_FIT - RADIUS_EDGE_FIT) * distance / member.mobility_radius_km
        if near > best.fit:
            best = LocationFit(near, "radius", distance)
    return best


def remote_fit(member: MemberProfile, posting: PostingCriteria) -> float:
    return REMOTE_FIT[_PREFERENCE[member.remote_preference]][posting.remote_mode]


def working_time_fit(member: MemberProfile, posting: PostingCriteria) -> float:
    return 1.0 if member.working_time in (None, posting.working_time) else 0.0


def experience_fit(member: MemberProfile, posting: PostingCriteria) -> float:
    return min(1.0, member.experience_years / posting.min_experience_years)


def _pay(expected: float | None, maximum: float | None) -> float:
    if expected is None or maximum is None or expected <= maximum:
        return 1.0
    if maximum == 0:
        return 0.0
    return max(0.0, 1.0 - (expected - maximum) / (PAY_TOLERANCE * maximum))


def pay_fit(member: MemberProfile, posting: PostingCriteria) -> float:
    return min(
        _pay(member.salary_expectation, posting.salary_max),
        _pay(member.daily_rate, posting.daily_rate_max),
    )


def availability_fit(member: MemberProfile, posting: PostingCriteria) -> float:
    if member.available_from is None or posting.start_date is None:
        return 1.0
    delay = (member.available_from - posting.start_date).days
    return 1.0 if delay <= 0 else max(0.0, 1.0 - delay / AVAILABILITY_HORIZON_DAYS)


def exclusions(member: MemberProfile, posting: PostingCriteria) -> tuple[Exclusion, ...]:
    """Every hard filter the member fails, in the order of `HARD_FILTERS`."""
    found: list[Exclusion] = []
    if member.visibility == "hidden":
        found.append(
            Exclusion("visibility", "Profil masqué : le ou la membre a choisi de ne pas être proposé·e.")
        )
    if posting.need_kind is not None and posting.need_kind not in member.offers:
        found.append(
            Exclusion(
                "offer",
                f"Le ou la membre ne propose pas d'appui de type « {NEED_LABELS[posting.need_kind]} ».",
            )
        )
    short = (
        [
            f"{language_name(code)} {level} requis, niveau déclaré {member.languages.get(code, 'aucun')}"
            for code, level in sorted(posting.languages.items())
            if code not in member.languages or cefr_rank(member.languages[code]) < cefr_rank(level)
        ]
        if posting.languages
        else []
    )
    if short:
        found.append(Exclusion("language", "Niveau de langue insuffisant : " + " ; ".join(short) + "."))
    contract = posting.contract_type
    if contract is not None and member.accepted_contracts and contract not in member.accepted_contracts:
        found.append(
            Exclusion(
                "contract",
                f"Type de contrat refusé : le ou la membre n'accepte pas « {CONTRACT_LABELS[contract]} ».",
            )
        )
    located = posting.departement is not None and not posting.full_remote
    if located and location_fit(member, posting.departement or "").fit == 0:
        where = f"{posting.departement} – {departement_name(posting.departement or '')}"
        found.append(
            Exclusion(
                "location",
                f"Lieu incompatible : le poste est dans le département {where}, hors de la zone "
                "de mobilité du ou de la membre, sans télétravail total.",
            )
        )
    return tuple(found)


def score_pair(member: MemberProfile, posting: PostingCriteria, framework: Framework) -> PairScore:
    """Hard filters and the weighted factors for one pair."""
    check_posting(posting, framework)
    weights = effective_weights(posting)
    fits = {
        "occupation": lambda: occupation_fit(member, posting.occupation_id or "", framework).fit,
        "competencies": lambda: competency_fit(member, posting),
        "location": lambda: location_fit(member, posting.departement or "").fit,
        "remote": lambda: remote_fit(member, posting),
        "working_time": lambda: working_time_fit(member, posting),
        "experience": lambda: experience_fit(member, posting),
        "pay": lambda: pay_fit(member, posting),
        "availability": lambda: availability_fit(member, posting),
    }
    factors = tuple(FactorScore(code, weight, fits[code]()) for code, weight in weights.items())
    return PairScore(exclusions(member, posting), factors)
