"""The stored form of an explanation: plain JSON, so it reads the same years later (traceability)."""

from __future__ import annotations

from typing import Any

from matching.scoring import CompetencyCheck, Explanation


def _check(check: CompetencyCheck) -> dict[str, Any]:
    return {
        "competency_id": check.competency_id,
        "label": check.label,
        "domain": check.domain,
        "asked_level": check.asked_level,
        "member_level": check.member_level,
        "required": check.required,
        "gap": check.gap,
    }


def explanation_json(explanation: Explanation) -> dict[str, Any]:
    return {
        "score": explanation.score,
        "engine_version": explanation.engine_version,
        "weights": dict(explanation.weights),
        "eligible": explanation.eligible,
        "exclusions": [{"code": e.code, "message": e.message} for e in explanation.exclusions],
        "factors": [
            {"code": f.code, "label": f.label, "weight": f.weight, "fit": f.fit, "points": f.points,
             "sentence": f.sentence}
            for f in explanation.factors
        ],
        "matched": [_check(check) for check in explanation.matched],
        "missing": [_check(check) for check in explanation.missing],
        "upskilling": [
            {"domain_id": group.domain_id, "domain_label": group.domain_label,
             "competencies": [_check(check) for check in group.competencies],
             "suggestions": list(group.suggestions)}
            for group in explanation.upskilling
        ],
        "sentences": list(explanation.sentences),
    }
