"""The per-pair scorer: one member, one posting, plain Python, written to be read.

It is the oracle the vectorised engine is tested against, the baseline of the benchmark, and the
source of each explanation's figures (so what a member reads is what the engine computed).
"""

from __future__ import annotations

from dataclasses import dataclass

from matching.framework import Framework
from matching.scoring.geo import departement_name, place_distance
from matching.scoring.inputs import MemberProfile, PostingCriteria, cefr_rank
from matching.scoring.labels import CONTRACT_LABELS, MEMBER_EXCLUSIONS, NEED_LABELS, language_name, number
from matching.scoring.vocabulary import lookups
from matching.scoring.weights import (
    AVAILABILITY_HARD_DAYS,
    CORE_FLOOR,
    DEPARTEMENT_SCALE_KM,
    FLOOR_EPSILON,
    FULL_ON_PART_FIT,
    MOBILITY_LIST_FIT,
    PAST_TITLE_FACTOR,
    PAY_HARD_LIMIT,
    PENALTY_FIT,
    RADIUS_EDGE_FIT,
    REMOTE_EXCLUDED,
    REMOTE_FIT,
    applicable_factors,
    asked_competencies,
    asked_levels,
    core_fit,
    effective_weights,
    member_levels,
)

HARD_FILTERS = (
    "visibility",
    "offer",
    "language",
    "contract",
    "location",
    "must_have",
    "fit",
    "pay",
    "availability",
    "working_time",
    "remote",
)
_PREFERENCE = {"none": 0, "partial": 1, "full": 2}


@dataclass(frozen=True, slots=True)
class Exclusion:
    """A hard filter the member fails: `code` for machines, `message` (French) for people."""

    code: str
    message: str  # for the recruiter and staff

    @property
    def member_message(self) -> str:
        """The same refusal as the member reads it (« vous »)."""
        return MEMBER_EXCLUSIONS[self.code]


@dataclass(frozen=True, slots=True)
class FactorScore:
    code: str
    weight: float  # points out of 100 (fixed; a missing core factor's go to the other core factor)
    fit: float  # 1 no mismatch … 0; down to −1 for a serious mismatch (see weights)
    applies: bool = True  # False: the posting does not specify it, everyone gets the points

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
    fit: float  # 0: out of reach
    how: str | None  # "radius", "departement" (no radius stated, own département) or "listed"
    distance_km: float | None
    precise: bool  # between commune centres; False: between département centres (coarser)


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
    levels = member_levels(member.competencies, member.languages)
    return sum(share * level_credit(levels.get(c, 0), lvl) for c, lvl, share in asked_competencies(posting))


def location_fit(member: MemberProfile, posting: PostingCriteria) -> LocationFit:
    """Inside the radius the fit decays with distance; beyond it the member is out of reach (0)."""
    distance, precise = place_distance(
        member.commune, member.departement, posting.commune, posting.departement
    )
    best = LocationFit(0.0, None, distance, precise)
    radius = member.mobility_radius_km
    if distance is not None:
        if radius > 0 and distance <= radius:
            best = LocationFit(1.0 - (1.0 - RADIUS_EDGE_FIT) * distance / radius, "radius", distance, precise)
        elif radius == 0 and member.departement == posting.departement:
            decay = min(distance / DEPARTEMENT_SCALE_KM, 1.0)
            best = LocationFit(1.0 - (1.0 - RADIUS_EDGE_FIT) * decay, "departement", distance, precise)
    if posting.departement in member.mobility_departements and best.fit < MOBILITY_LIST_FIT:
        best = LocationFit(MOBILITY_LIST_FIT, "listed", distance, precise)
    return best


def remote_fit(member: MemberProfile, posting: PostingCriteria) -> float:
    return REMOTE_FIT[_PREFERENCE[member.remote_preference]][posting.remote_mode]


def working_time_fit(member: MemberProfile, posting: PostingCriteria) -> float:
    if member.working_time in (None, posting.working_time) or posting.working_time is None:
        return 1.0
    return FULL_ON_PART_FIT if member.working_time == "full" else 0.0


def experience_fit(member: MemberProfile, posting: PostingCriteria) -> float:
    if posting.min_experience_years <= 0:
        return 1.0
    return min(1.0, member.experience_years / posting.min_experience_years)


def _excess(expected: float | None, maximum: float | None) -> float:
    """How far above the maximum, as a share of it (0 within it; inf above a zero maximum)."""
    if expected is None or maximum is None or expected <= maximum:
        return 0.0
    return float("inf") if maximum == 0 else (expected - maximum) / maximum


def pay_excess(member: MemberProfile, posting: PostingCriteria) -> float:
    return max(
        _excess(member.salary_expectation, posting.salary_max),
        _excess(member.daily_rate, posting.daily_rate_max),
    )


def pay_fit(member: MemberProfile, posting: PostingCriteria) -> float:
    excess = min(pay_excess(member, posting), PAY_HARD_LIMIT)
    return 1.0 - (1.0 - PENALTY_FIT) * excess / PAY_HARD_LIMIT


def availability_delay(member: MemberProfile, posting: PostingCriteria) -> int:
    if member.available_from is None or posting.start_date is None:
        return 0
    return max(0, (member.available_from - posting.start_date).days)


def availability_fit(member: MemberProfile, posting: PostingCriteria) -> float:
    delay = min(availability_delay(member, posting), AVAILABILITY_HARD_DAYS)
    return 1.0 - (1.0 - PENALTY_FIT) * delay / AVAILABILITY_HARD_DAYS


def exclusions(
    member: MemberProfile, posting: PostingCriteria, framework: Framework
) -> tuple[Exclusion, ...]:
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
    if located and location_fit(member, posting).fit == 0:
        found.append(Exclusion("location", _out_of_reach(member, posting)))
    found += _job_exclusions(member, posting, framework)
    return tuple(found)


def _out_of_reach(member: MemberProfile, posting: PostingCriteria) -> str:
    fit = location_fit(member, posting)
    where = f"{posting.departement} – {departement_name(posting.departement or '')}"
    if fit.distance_km is None:
        return (
            f"Lieu incompatible : le poste (département {where}) est hors de la zone de mobilité, "
            "le profil n'indiquant pas de lieu."
        )
    about = "" if fit.precise else " (entre départements, commune non renseignée)"
    if member.mobility_radius_km > 0:
        return (
            f"Lieu incompatible : le poste est à environ {number(fit.distance_km)} km{about}, hors de la "
            f"zone de mobilité (rayon de {number(member.mobility_radius_km)} km), sans télétravail total."
        )
    return (
        f"Lieu incompatible : le poste est dans le département {where}, hors de la zone de mobilité "
        "(le département du profil, aucun rayon de mobilité renseigné), sans télétravail total."
    )


def _job_exclusions(member: MemberProfile, posting: PostingCriteria, framework: Framework) -> list[Exclusion]:
    """Must-haves, the floor on the core fit, and the serious mismatches a recruiter would not propose."""
    found: list[Exclusion] = []
    required, _ = asked_levels(posting)
    levels = member_levels(member.competencies, member.languages)
    labels = lookups(framework).competencies
    short = [
        f"« {labels[c].label} » niveau {required[c]} demandé, niveau {levels.get(c, 0)} déclaré"
        for c in sorted(posting.must_have)
        if levels.get(c, 0) < required[c]
    ]
    if short:
        found.append(
            Exclusion("must_have", "Compétence indispensable insuffisante : " + " ; ".join(short) + ".")
        )
    weights = effective_weights(posting)
    occupation = occupation_fit(member, posting.occupation_id or "", framework).fit
    core = core_fit(weights, occupation, competency_fit(member, posting))
    if core < CORE_FLOOR - FLOOR_EPSILON:
        found.append(
            Exclusion(
                "fit",
                f"Métier et compétences trop éloignés de l'annonce : adéquation de {number(100 * core)} % "
                f"pour un minimum de {number(100 * CORE_FLOOR)} % (le reste du score n'y supplée pas).",
            )
        )
    excess = pay_excess(member, posting)
    if excess > PAY_HARD_LIMIT:
        found.append(
            Exclusion(
                "pay",
                f"Rémunération attendue plus de {number(100 * PAY_HARD_LIMIT)} % au-dessus du maximum "
                "de l'annonce.",
            )
        )
    delay = availability_delay(member, posting)
    if delay > AVAILABILITY_HARD_DAYS:
        found.append(
            Exclusion(
                "availability",
                f"Disponible {delay} jours après la date de début "
                f"(au plus {number(AVAILABILITY_HARD_DAYS)}).",
            )
        )
    if member.working_time == "part" and posting.working_time == "full":
        found.append(Exclusion("working_time", "Temps partiel recherché pour un poste à temps plein."))
    if REMOTE_EXCLUDED[_PREFERENCE[member.remote_preference]][posting.remote_mode]:
        found.append(Exclusion("remote", "Télétravail total recherché pour un poste sur site."))
    return found


def score_pair(member: MemberProfile, posting: PostingCriteria, framework: Framework) -> PairScore:
    """Hard filters and the weighted factors for one pair (every factor; unspecified ones at fit 1)."""
    check_posting(posting, framework)
    weights = effective_weights(posting)
    applies = set(applicable_factors(posting))
    fits = {
        "occupation": lambda: occupation_fit(member, posting.occupation_id or "", framework).fit,
        "competencies": lambda: competency_fit(member, posting),
        "location": lambda: location_fit(member, posting).fit,
        "remote": lambda: remote_fit(member, posting),
        "working_time": lambda: working_time_fit(member, posting),
        "experience": lambda: experience_fit(member, posting),
        "pay": lambda: pay_fit(member, posting),
        "availability": lambda: availability_fit(member, posting),
    }
    factors = tuple(
        FactorScore(code, weight, fits[code]() if code in applies else 1.0, code in applies)
        for code, weight in weights.items()
    )
    return PairScore(exclusions(member, posting, framework), factors)
