"""Engine version, the score scale, factor weights and the constants of every rule.

Recorded with each match (EU AI Act: a high-risk use must be traceable), so any change to a number
here must bump `ENGINE_VERSION`. Both the vectorised engine and the per-pair reference read these
constants, so the property test checks the vectorisation, not the choice of numbers.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from matching.scoring.inputs import PostingCriteria

ENGINE_VERSION: Final = "2.0.0"
GOOD_SCORE: Final = 65.0  # lower bound of the "good" band: what is worth telling a member

# The score scale (0–100) is the same on every posting: weights are fixed, never rescaled per posting.
#   core (70 points)       occupation 30 + competencies 40: how well the member does this job
#   secondary (30 points)  location 8, remote 4, working time 4, experience 5, pay 5, availability 4
# A secondary factor the posting does not specify (no salary, no start date…) gives its points to
# everyone: there is nothing to mismatch. A core factor the posting does not specify (a need without
# an occupation) hands its points to the other core factor. What a score means, on any posting:
#   ≥ 80  strong: the job and most of its competencies, no serious mismatch (core fit ≥ 0.71)
#   65–80 good: a close occupation or some competencies missing, or one serious mismatch
#   < 65  partial: proposed only when the floor below is met
#
# Floor: a member is proposed only when the core fit — the weighted mean of occupation and
# competency fits — reaches CORE_FLOOR. Points every member gets for free (remote, working time,
# pay or availability left open) can never lift a member of another profession, or one with none of
# the required competencies, into the proposals: same occupation without any required competency
# gives 30/70 = 0.43, another profession with 60 % of the competencies 24/70 = 0.34, both below 0.5.
#
# Must-have: a required competency the recruiter marks as must-have is a hard filter: a member below
# the level asked is not proposed (the staff diagnostics say which competency).
#
# Serious mismatches, decided as a recruiter would (fit 1 = no mismatch; a negative fit costs up to
# twice the factor's weight):
#   factor        situation                                       rule
#   pay           expectation above the maximum, up to +20 %      strong penalty: fit 1 → −1
#   pay           expectation more than 20 % above the maximum    hard filter (the budget is not there)
#   availability  free after the start date, up to 60 days        strong penalty: fit 1 → −1
#   availability  free more than 60 days after the start date     hard filter
#   working_time  part-time seeker on a full-time role            hard filter
#   working_time  full-time seeker on a part-time role            strong penalty: fit −1
#   remote        full-remote seeker on an on-site role           hard filter
#   remote        on-site seeker on a fully remote role           strong penalty: fit −1
#   remote        partial-remote seeker on an on-site role, or    small penalty: fit 0.5
#                 full-remote seeker on a partial-remote role
#   experience    fewer years than asked                          small penalty: years / years asked
#   location      inside the radius                               1 at 0 km down to 0.5 at the edge
#   location      beyond the radius                               hard filter (the radius is a limit)
# Languages, contract type and (for needs) the kind of support offered are hard filters too.
WEIGHTS: Final = MappingProxyType(
    {
        "occupation": 30.0,
        "competencies": 40.0,
        "location": 8.0,
        "remote": 4.0,
        "working_time": 4.0,
        "experience": 5.0,
        "pay": 5.0,
        "availability": 4.0,
    }
)
FACTORS: Final = tuple(WEIGHTS)
CORE_FACTORS: Final = ("occupation", "competencies")
CORE_FLOOR: Final = 0.5
# Sums of fits land a hair under an exact floor (0.49999999999999994 for 0.5): both scorers allow it.
FLOOR_EPSILON: Final = 1e-6

FACTOR_LABELS: Final = MappingProxyType(
    {
        "occupation": "Métier",
        "competencies": "Compétences",
        "location": "Localisation",
        "remote": "Télétravail",
        "working_time": "Temps de travail",
        "experience": "Expérience",
        "pay": "Rémunération",
        "availability": "Disponibilité",
    }
)

# occupation: a past title counts a little less than the current (headline) occupation
PAST_TITLE_FACTOR: Final = 0.8

# competencies: a required competency weighs twice a nice-to-have one; a member below the level
# asked gets level / asked (a level 2 where 4 is asked covers half)
REQUIRED_WEIGHT: Final = 2.0
NICE_WEIGHT: Final = 1.0

# location: inside the radius, from 1 (same place) down to RADIUS_EDGE_FIT at the edge; a member who
# stated no radius reaches their own département only, with the fit decaying over DEPARTEMENT_SCALE_KM;
# a département the member listed fits MOBILITY_LIST_FIT at least
MOBILITY_LIST_FIT: Final = 0.7
RADIUS_EDGE_FIT: Final = 0.5
DEPARTEMENT_SCALE_KM: Final = 60.0

# remote: REMOTE_FIT[member preference][posting mode]; preferences and modes are 0 none/on site,
# 1 partial, 2 full remote; REMOTE_EXCLUDED marks the pairs that are a hard filter
REMOTE_FIT: Final = ((1.0, 1.0, -1.0), (0.5, 1.0, 1.0), (0.0, 0.5, 1.0))
REMOTE_EXCLUDED: Final = ((False, False, False), (False, False, False), (True, False, False))

# working time: a full-time seeker on a part-time role (a part-time seeker on a full-time one is excluded)
FULL_ON_PART_FIT: Final = -1.0

# pay: above the maximum the fit falls from 1 to PENALTY_FIT at PAY_HARD_LIMIT above it; beyond, excluded
PAY_HARD_LIMIT: Final = 0.20
# availability: late by up to AVAILABILITY_HARD_DAYS, the fit falls from 1 to PENALTY_FIT; beyond, excluded
AVAILABILITY_HARD_DAYS: Final = 60.0
PENALTY_FIT: Final = -1.0

# language competencies of the framework and the CEFR: a declared B1 is level 2 (pratique), and a
# posting asking B1 asks level 2 of the matching competency
LANGUAGE_COMPETENCIES: Final = MappingProxyType(
    {
        "en": "anglais_professionnel",
        "es": "espagnol_professionnel",
        "de": "allemand_professionnel",
        "it": "italien_professionnel",
        "pt": "portugais_professionnel",
        "nl": "neerlandais_professionnel",
        "ar": "arabe_professionnel",
        "zh": "chinois_professionnel",
        "lsf": "langue_signes",
    }
)
CEFR_TO_LEVEL: Final = MappingProxyType({"A1": 1, "A2": 1, "B1": 2, "B2": 3, "C1": 4, "C2": 4})


def applicable_factors(posting: PostingCriteria) -> tuple[str, ...]:
    """The factors the posting specifies; the others give their points to everyone (core: see weights)."""
    present = {
        "occupation": posting.occupation_id is not None,
        "competencies": bool(posting.required_competencies or posting.nice_competencies),
        "location": posting.departement is not None and not posting.full_remote,
        "remote": True,
        "working_time": posting.working_time is not None,
        "experience": posting.min_experience_years > 0,
        "pay": posting.salary_max is not None or posting.daily_rate_max is not None,
        "availability": posting.start_date is not None,
    }
    return tuple(f for f in FACTORS if present[f])


def effective_weights(posting: PostingCriteria) -> MappingProxyType[str, float]:
    """The fixed weights (sum 100), a missing core factor's points moved to the other core factor."""
    weights = dict(WEIGHTS)
    applies = set(applicable_factors(posting))
    occupation, competencies = "occupation" in applies, "competencies" in applies
    if occupation and not competencies:
        weights["occupation"], weights["competencies"] = WEIGHTS["occupation"] + WEIGHTS["competencies"], 0.0
    elif competencies and not occupation:
        weights["occupation"], weights["competencies"] = 0.0, WEIGHTS["occupation"] + WEIGHTS["competencies"]
    return MappingProxyType(weights)


def core_fit(weights: Mapping[str, float], occupation: float, competencies: float) -> float:
    """Weighted mean of the core fits (what the floor is checked on); 1 when neither applies."""
    total = weights["occupation"] + weights["competencies"]
    if total == 0:
        return 1.0
    return (weights["occupation"] * occupation + weights["competencies"] * competencies) / total


def asked_levels(posting: PostingCriteria) -> tuple[dict[str, int], dict[str, int]]:
    """(required, nice) competency levels, language competencies set to the CEFR level asked."""
    required, nice = dict(posting.required_competencies), dict(posting.nice_competencies)
    for code, cefr in posting.languages.items():
        competency = LANGUAGE_COMPETENCIES.get(code)
        for asked in (required, nice):
            if competency in asked:
                asked[competency] = CEFR_TO_LEVEL[cefr]
    return required, nice


def member_levels(competencies: Mapping[str, int], languages: Mapping[str, str]) -> dict[str, int]:
    """A member's competency levels, a declared language counting for its framework competency."""
    levels = dict(competencies)
    for code, cefr in languages.items():
        competency = LANGUAGE_COMPETENCIES.get(code)
        if competency is not None:
            levels[competency] = max(levels.get(competency, 0), CEFR_TO_LEVEL[cefr])
    return levels


def asked_competencies(posting: PostingCriteria) -> list[tuple[str, int, float]]:
    """(competency, level asked, share of the competency factor): required ones count double."""
    required, nice = asked_levels(posting)
    asked = [(c, lvl, REQUIRED_WEIGHT) for c, lvl in required.items()]
    asked += [(c, lvl, NICE_WEIGHT) for c, lvl in nice.items()]
    total = sum(w for _, _, w in asked)
    return [(c, lvl, w / total) for c, lvl, w in asked]
