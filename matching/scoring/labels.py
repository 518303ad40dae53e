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


# What a member reads when a posting is not (or no longer) proposed to them: their side of each
# hard filter, in « vous » (the recruiter's and staff's wording is in the exclusion itself).
MEMBER_EXCLUSIONS: Final = MappingProxyType(
    {
        "visibility": "Votre profil est masqué : vous avez choisi de ne pas être proposé·e.",
        "offer": "Vous ne proposez pas ce type d'appui.",
        "language": "Votre niveau dans une langue demandée est inférieur à celui de l'annonce.",
        "contract": "Vous n'acceptez pas ce type de contrat.",
        "location": "Le poste est hors de votre zone de mobilité.",
        "must_have": "Une compétence indispensable de l'annonce est en dessous du niveau demandé.",
        "fit": "Votre métier et vos compétences sont trop éloignés de ceux de l'annonce.",
        "pay": "Votre rémunération attendue dépasse nettement le budget de l'annonce.",
        "availability": "Vous êtes disponible trop tard pour la date de début.",
        "working_time": "Vous recherchez un temps partiel, le poste est à temps plein.",
        "remote": "Vous recherchez un télétravail total, le poste est sur site.",
    }
)


def years(value: float) -> str:
    """« 1 an », « 6 ans », « 2,5 ans » — no « 6,0 an(s) »."""
    text = number(value, 0 if float(value).is_integer() else 1)
    return f"{text} an" if value < 2 else f"{text} ans"


def points(value: float) -> str:
    """« 30 points », « 12,5 points », « 1 point »."""
    text = number(value, 0 if round(value, 1).is_integer() else 1)
    return f"{text} point" if abs(value) < 2 else f"{text} points"
