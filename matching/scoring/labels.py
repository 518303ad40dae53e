"""French wording of the values the engine compares, for exclusions and explanations."""

from __future__ import annotations

from types import MappingProxyType
from typing import Final

LEVEL_LABELS: Final = MappingProxyType({1: "notions", 2: "pratique", 3: "maîtrise", 4: "expertise"})

CONTRACT_LABELS: Final = MappingProxyType(
    {
        "cdi": "CDI",
        "cdd": "CDD",
        "interim": "intérim",
        "alternance": "alternance",
        "stage": "stage",
        "freelance": "freelance",
    }
)

NEED_LABELS: Final = MappingProxyType(
    {
        "strategic_support": "accompagnement stratégique",
        "upskilling": "montée en compétences",
        "mission": "mission ponctuelle / renfort",
        "mentoring": "mentorat",
    }
)

REMOTE_MODE_LABELS: Final = ("sur site", "en télétravail partiel", "en télétravail total")
REMOTE_PREFERENCE_LABELS: Final = MappingProxyType(
    {"none": "sur site", "partial": "télétravail partiel", "full": "télétravail total"}
)
WORKING_TIME_LABELS: Final = MappingProxyType({"full": "temps plein", "part": "temps partiel"})

_LANGUAGES: Final = MappingProxyType(
    {
        "en": "anglais",
        "de": "allemand",
        "es": "espagnol",
        "it": "italien",
        "pt": "portugais",
        "nl": "néerlandais",
        "ar": "arabe",
        "zh": "chinois",
        "ru": "russe",
        "ja": "japonais",
        "pl": "polonais",
        "ro": "roumain",
        "tr": "turc",
        "fr": "français",
        "lsf": "langue des signes française",
    }
)


def language_name(code: str) -> str:
    return _LANGUAGES.get(code, code.upper())


def level_label(level: int) -> str:
    """`3` → « maîtrise » (3)."""
    return f"« {LEVEL_LABELS[level]} » ({level})"


def number(value: float, decimals: int = 0) -> str:
    """French number formatting: narrow no-break space for thousands, comma for decimals."""
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\u202f").replace(".", ",")
