"""Engine version, factor weights and the constants of every factor formula.

Recorded with each match (EU AI Act: a high-risk use must be traceable), so any change to a number
here must bump `ENGINE_VERSION`. Both the vectorised engine and the per-pair reference read these
constants, so the property test checks the vectorisation, not the choice of numbers.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from matching.scoring.inputs import PostingCriteria

ENGINE_VERSION: Final = "1.0.0"

# Factor weights, in points out of 100 when every factor applies. A factor that does not apply to
# a posting (no occupation given, no salary, no start date…) is left out and the others are scaled
# up so the score stays on 0–100; the weights actually used come with every result.
#   occupation     same occupation as the posting, a related one (framework similarity) or a past title
#   competencies   coverage of required (counted twice) and nice-to-have competencies, partial credit
#                  for a level below the one asked
#   location       same département, a département the member lists, or within their radius
#   remote         posting's remote policy against the member's preference
#   working_time   full / part time as the member wishes
#   experience     years of experience against the minimum asked
#   pay            salary expectation or daily rate against the posting's maximum
#   availability   date the member is free against the posting's start date
# Languages, contract type and (for needs) the kind of support offered are hard filters, not
# factors: a member either meets them or is not proposed, so they have no partial score to weigh.
WEIGHTS: Final = MappingProxyType(
    {
        "occupation": 25.0,
        "competencies": 35.0,
        "location": 10.0,
        "remote": 5.0,
        "working_time": 5.0,
        "experience": 8.0,
        "pay": 7.0,
        "availability": 5.0,
    }
)
FACTORS: Final = tuple(WEIGHTS)

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

# location: same département 1; a département the member listed 0.8; within the radius from 0.8
# (next door) down to 0.5 (at the edge of the radius)
MOBILITY_LIST_FIT: Final = 0.8
RADIUS_NEAR_FIT: Final = 0.8
RADIUS_EDGE_FIT: Final = 0.5

# remote: REMOTE_FIT[member preference][posting mode]; preferences and modes are
# 0 none/on site, 1 partial, 2 full remote
REMOTE_FIT: Final = ((1.0, 1.0, 0.6), (0.6, 1.0, 1.0), (0.2, 0.6, 1.0))

# pay: an expectation above the posting's maximum loses credit linearly, down to 0 at 25 % above
PAY_TOLERANCE: Final = 0.25

# availability: a member free after the start date loses credit linearly over 90 days
AVAILABILITY_HORIZON_DAYS: Final = 90.0


def applicable_factors(posting: PostingCriteria) -> tuple[str, ...]:
    """The factors a posting gives something to compare with; remote always applies."""
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
    """Weights of the applicable factors scaled to sum to 100 (what each result records)."""
    factors = applicable_factors(posting)
    total = sum(WEIGHTS[f] for f in factors)
    return MappingProxyType({f: 100.0 * WEIGHTS[f] / total for f in factors})


def asked_competencies(posting: PostingCriteria) -> list[tuple[str, int, float]]:
    """(competency, level asked, share of the competency factor): required ones count double."""
    asked = [(c, lvl, REQUIRED_WEIGHT) for c, lvl in posting.required_competencies.items()]
    asked += [(c, lvl, NICE_WEIGHT) for c, lvl in posting.nice_competencies.items()]
    total = sum(w for _, _, w in asked)
    return [(c, lvl, w / total) for c, lvl, w in asked]
