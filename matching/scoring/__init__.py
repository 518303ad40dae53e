"""The matching engine: members and postings in, ranked and explained matches out.

Build a `MemberPool` (or `PostingPool`) once per framework version and batch of data, then
`match_posting` / `match_member` are a few array operations each; `explain` gives the French
explanation of one pair, also for a member who was excluded (diagnostics).
"""

from matching.scoring.explain import (
    CompetencyCheck,
    Explanation,
    FactorExplanation,
    UpskillingGroup,
    explain,
)
from matching.scoring.inputs import MemberProfile, PostingCriteria
from matching.scoring.pool import MemberPool, PostingPool
from matching.scoring.reference import HARD_FILTERS, Exclusion, PairScore, score_pair
from matching.scoring.scorer import MatchResult, match_member, match_posting
from matching.scoring.weights import ENGINE_VERSION, FACTOR_LABELS, FACTORS, WEIGHTS, effective_weights

__all__ = [
    "ENGINE_VERSION",
    "FACTORS",
    "FACTOR_LABELS",
    "HARD_FILTERS",
    "WEIGHTS",
    "CompetencyCheck",
    "Exclusion",
    "Explanation",
    "FactorExplanation",
    "MatchResult",
    "MemberPool",
    "MemberProfile",
    "PairScore",
    "PostingCriteria",
    "PostingPool",
    "UpskillingGroup",
    "effective_weights",
    "explain",
    "match_member",
    "match_posting",
    "score_pair",
]
