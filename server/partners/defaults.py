"""The partnership tiers a fresh installation starts with (also seeded by migration 0002)."""

from __future__ import annotations

DEFAULT_TIERS: tuple[dict[str, object], ...] = (
    {
        "code": "decouverte",
        "label": "Découverte",
        "rank": 1,
        "max_open_postings": 3,
        "can_feature_postings": False,
    },
    {
        "code": "partenaire",
        "label": "Partenaire",
        "rank": 2,
        "max_open_postings": 15,
        "can_feature_postings": False,
    },
    {
        "code": "premium",
        "label": "Partenaire premium",
        "rank": 3,
        "max_open_postings": None,
        "can_feature_postings": True,
    },
)
