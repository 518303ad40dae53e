"""Ranking quality on the judgement set: the engine and a skill-overlap baseline, in the same run.

Reads tests/data/match_judgements.json (postings, profiles, a recruiter's grade 0–3 for every pair,
and the pairs that break a hard rule) and prints, for each ranker, the mean NDCG@10, the mean
precision@5 (share of the first five graded 2 or 3) and the proposed pairs that break a hard rule.

    .venv/bin/python bench/match_quality.py
"""

from __future__ import annotations

import json
import math
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from matching.framework import load_framework
from matching.scoring import MemberPool, MemberProfile, PostingCriteria, match_posting

JUDGEMENTS = Path(__file__).resolve().parent.parent / "tests" / "data" / "match_judgements.json"
TOP = 10
Ranker = Callable[[PostingCriteria], list[str]]


@dataclass(frozen=True)
class Quality:
    ndcg_at_10: float
    precision_at_5: float
    violations: tuple[tuple[str, str], ...]  # (posting, member) proposed although a hard rule is broken


def load() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(JUDGEMENTS.read_text(encoding="utf-8"))
    return data


def _date(value: str | None) -> date | None:
    return None if value is None else date.fromisoformat(value)


def member_of(raw: Mapping[str, Any]) -> MemberProfile:
    return MemberProfile(
        member_id=raw["member_id"],
        occupation_ids=tuple(raw["occupation_ids"]),
        competencies=raw["competencies"],
        languages=raw["languages"],
        commune=raw.get("commune"),
        departement=raw.get("departement"),
        mobility_radius_km=float(raw["mobility_radius_km"]),
        remote_preference=raw["remote_preference"],
        accepted_contracts=frozenset(raw["accepted_contracts"]),
        working_time=raw["working_time"],
        experience_years=float(raw["experience_years"]),
        salary_expectation=raw["salary_expectation"],
        daily_rate=raw["daily_rate"],
        available_from=_date(raw["available_from"]),
        offers=frozenset(raw["offers"]),
    )


def posting_of(raw: Mapping[str, Any]) -> PostingCriteria:
    return PostingCriteria(
        posting_id=raw["posting_id"],
        kind=raw.get("kind", "role"),
        need_kind=raw.get("need_kind"),
        occupation_id=raw["occupation_id"],
        required_competencies=raw["required_competencies"],
        nice_competencies=raw["nice_competencies"],
        must_have=frozenset(raw["must_have"]),
        languages=raw["languages"],
        commune=raw["commune"],
        full_remote=raw["full_remote"],
        remote_days=raw["remote_days"],
        contract_type=raw.get("contract_type"),
        working_time=raw.get("working_time"),
        salary_max=raw.get("salary_max"),
        daily_rate_max=raw.get("daily_rate_max"),
        start_date=_date(raw.get("start_date")),
    )


def engine_ranker(members: Sequence[MemberProfile]) -> Ranker:
    pool = MemberPool.build(members, load_framework())
    return lambda posting: [r.member_id for r in match_posting(pool, posting, top_k=TOP)]


def overlap_ranker(members: Sequence[MemberProfile]) -> Ranker:
    """The baseline: share of the asked competencies the member lists (any level), nothing else."""

    def rank(posting: PostingCriteria) -> list[str]:
        asked = {**posting.nice_competencies, **posting.required_competencies}
        scored = [
            (sum(c in m.competencies for c in asked) / max(1, len(asked)), m.member_id) for m in members
        ]
        return [mid for share, mid in sorted(scored, key=lambda s: (-s[0], s[1])) if share > 0][:TOP]

    return rank


def dcg(grades: Sequence[int]) -> float:
    return float(sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(grades)))


def evaluate(rank: Ranker, data: Mapping[str, Any]) -> Quality:
    ndcgs, precisions, violations = [], [], []
    for raw in data["postings"]:
        posting = posting_of(raw)
        grades: dict[str, int] = data["grades"][posting.posting_id]
        ranked = rank(posting)
        ideal = dcg(sorted(grades.values(), reverse=True)[:TOP])
        ndcgs.append(dcg([grades[m] for m in ranked[:TOP]]) / ideal if ideal else 1.0)
        precisions.append(sum(grades[m] >= 2 for m in ranked[:5]) / 5)
        broken = set(data["hard_rule_breaks"][posting.posting_id])
        violations += [(posting.posting_id, m) for m in ranked if m in broken]
    return Quality(sum(ndcgs) / len(ndcgs), sum(precisions) / len(precisions), tuple(violations))


def main() -> None:
    data = load()
    members = [member_of(raw) for raw in data["profiles"]]
    print(f"Judgement set: {len(data['postings'])} postings, {len(members)} profiles, graded 0–3")
    print(f"{'ranker':<22}{'NDCG@10':>10}{'P@5':>8}{'violations':>12}")
    for name, ranker in (("engine", engine_ranker(members)), ("skill overlap", overlap_ranker(members))):
        quality = evaluate(ranker, data)
        print(
            f"{name:<22}{quality.ndcg_at_10:>10.3f}{quality.precision_at_5:>8.3f}{len(quality.violations):>12}"
        )


if __name__ == "__main__":
    main()
