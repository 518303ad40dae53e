"""What is kept with each match so that it can be traced later: the engine's figures, not prose.

Matching people to jobs is a high-risk use (EU AI Act): each stored match records the engine version,
the weights, what each factor brought and the competency levels compared. The French explanation is
written from the profiles when someone reads the match (`explain`), so a matching job stores a few
numbers per pair instead of paragraphs.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from matching.scoring.inputs import MemberProfile, PostingCriteria
from matching.scoring.scorer import MatchResult


@dataclass(frozen=True, slots=True)
class MatchTrace:
    """Kept beside the result's score, weights and engine version (stored as columns)."""

    contributions: Mapping[str, float]  # points per applicable factor; they add up to the score
    levels: Mapping[str, int]  # the member's level in each competency asked (0 when absent)
    gaps: Mapping[str, int]  # levels missing, for the competencies below the level asked


def trace(result: MatchResult, member: MemberProfile, posting: PostingCriteria) -> MatchTrace:
    """The record of one result; a few dictionary reads, cheap enough for every stored match."""
    asked = {**posting.nice_competencies, **posting.required_competencies}
    levels = {cid: member.competencies.get(cid, 0) for cid in asked}
    gaps = {cid: level - levels[cid] for cid, level in asked.items() if levels[cid] < level}
    return MatchTrace(contributions=result.contributions, levels=levels, gaps=gaps)
