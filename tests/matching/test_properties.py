"""Property tests: noise that real job boards add never changes the occupation of a clean title."""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from matching import default_normaliser

# Clean titles as (word, feminine ending) pairs, so that every inclusive style can be written.
TITLES: list[tuple[tuple[tuple[str, str], ...], str]] = [
    ((("Assistant", "e"), ("de", ""), ("direction", "")), "assistant_direction"),
    ((("Assistant", "e"), ("administratif", "ve")), "secretaire"),
    ((("Assistant", "e"), ("commercial", "e")), "assistant_commercial"),
    ((("Secrétaire", ""), ("médical", "e")), "secretaire_medical"),
    ((("Secrétaire", ""), ("juridique", "")), "assistant_juridique"),
    ((("Chargé", "e"), ("d'accueil", "")), "charge_accueil"),
    ((("Agent", "e"), ("administratif", "ve")), "agent_administratif"),
    ((("Opérateur", "rice"), ("de", ""), ("saisie", "")), "operateur_saisie"),
    ((("Assistant", "e"), ("RH", "")), "assistant_rh"),
    ((("Assistant", "e"), ("comptable", "")), "assistant_comptable"),
    ((("Gestionnaire", ""), ("de", ""), ("paie", "")), "gestionnaire_paie"),
    ((("Secrétaire", ""), ("de", ""), ("mairie", "")), "secretaire_mairie"),
    ((("Assistant", "e"), ("achats", "")), "assistant_achats"),
    ((("Assistant", "e"), ("import-export", "")), "assistant_import_export"),
    ((("Office", ""), ("manager", "")), "office_manager"),
    ((("Standardiste", ""),), "standardiste"),
    ((("Assistant", "e"), ("d'équipe", "")), "assistant_equipe"),
    ((("Assistant", "e"), ("de", ""), ("projet", "")), "assistant_projet"),
]
FEMININE = {"e": "e", "ve": "ve", "rice": "rice"}
STYLES = ["", "(e)", "·e", ".e", "-e", "fem"]
GENDER_MARKS = ["", " H/F", " (H/F)", " F/H", " (F/H/X)", " h/f", " M/F", " - H/F"]
SUFFIXES = [
    "",
    " - CDI",
    " - CDD 6 mois",
    " (Intérim)",
    " - Alternance",
    " - Temps partiel",
    " - Paris 8e",
    " (75)",
    " - Poste basé à Lyon",
    " - URGENT",
    " - Lyon (69)",
    " – CDI – Temps plein – Bordeaux",
    " - 35h/semaine",
    " - Stage 6 mois",
]


def _inclusive(word: str, ending: str, style: str) -> str:
    if not ending or not style:
        return word
    if style == "fem":
        return (
            word[:-3] + "rice"
            if ending == "rice"
            else (word[:-1] + "ve" if ending == "ve" else word + ending)
        )
    marker = style[:-1] if style != "(e)" else "("
    return f"{word}({ending})" if style == "(e)" else f"{word}{marker}{ending}"


def _strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@settings(max_examples=300, deadline=None)
@given(
    title=st.sampled_from(TITLES),
    style=st.sampled_from(STYLES),
    gender=st.sampled_from(GENDER_MARKS),
    suffix=st.sampled_from(SUFFIXES),
    case=st.sampled_from(["keep", "upper", "lower", "title"]),
    accents=st.booleans(),
)
def test_noise_never_changes_the_occupation(
    title: tuple[tuple[tuple[str, str], ...], str],
    style: str,
    gender: str,
    suffix: str,
    case: str,
    accents: bool,
) -> None:
    words, expected = title
    clean = " ".join(word for word, _ in words)
    noisy = " ".join(_inclusive(word, ending, style) for word, ending in words) + gender + suffix
    noisy = {"keep": noisy, "upper": noisy.upper(), "lower": noisy.lower(), "title": noisy.title()}[case]
    if not accents:
        noisy = _strip_accents(noisy)
    normaliser = default_normaliser()

    reference = normaliser.normalise(clean)
    match = normaliser.normalise(noisy)

    assert reference.occupation is not None and reference.occupation.id == expected
    assert match.occupation == reference.occupation, noisy


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400))
def test_any_text_gets_an_answer(text: str) -> None:
    match = default_normaliser().normalise(text)

    assert match.status in ("matched", "ambiguous", "out_of_framework", "unknown", "invalid")
    assert 0.0 <= match.confidence <= 1.0
    assert (match.status == "invalid") == (not text.strip() or len(text.strip()) > 300)
