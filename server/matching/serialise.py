"""The stored form of a match's trace: plain JSON, so it reads the same years later."""

from __future__ import annotations

from typing import Any

from matching.scoring.trace import MatchTrace


def trace_json(trace: MatchTrace) -> dict[str, Any]:
    """The record kept in `matches.trace`, beside the score, weights and engine version columns.

    Reports unnest `missing` in SQL (the competencies most often missing, by `competency_id`).
    """
    return {
        "contributions": dict(trace.contributions),
        "levels": dict(trace.levels),
        "missing": [{"competency_id": cid, "gap": gap} for cid, gap in trace.gaps.items()],
    }
