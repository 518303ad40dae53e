"""The normaliser through its public API: statuses, attributes, batch, staff aliases."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest

from matching import Normaliser, TitleAttributes, default_normaliser, load_framework


@pytest.mark.parametrize(
    ("title", "occupation"),
    [
        ("Assistant(e) de direction H/F", "assistant_direction"),
        ("EXECUTIVE ASSISTANT - CDI", "assistant_direction"),
        ("Assistante administrative polyvalente - Intérim", "secretaire"),
        ("Secr. médicale - Clinique", "secretaire_medical"),
        ("Hôte / Hôtesse d'accueil bilingue", "charge_accueil"),
        ("Opérateur·rice de saisie", "operateur_saisie"),
        ("Assistante ADV export", "assistant_adv"),
        ("HR assistant", "assistant_rh"),
        ("Gestionnaire de paye", "gestionnaire_paie"),
        ("Secrétaire générale de mairie", "secretaire_mairie"),
        ("Assistante de direction - cabinet d'avocats", "assistant_direction"),
        ("Asistante comptable", "assistant_comptable"),
    ],
)
def test_real_titles_are_matched(title: str, occupation: str) -> None:
    match = default_normaliser().normalise(title)

    assert match.status in ("matched", "ambiguous")
    assert match.occupation is not None and match.occupation.id == occupation
    assert 0 < match.confidence <= 1
    assert all(a.occupation.id != occupation for a in match.alternatives)
    assert len(match.alternatives) <= 5


@pytest.mark.parametrize(
    ("title", "rome_code"),
    [
        ("Assistante dentaire", "J1312"),
        ("Assistant(e) maternel(le) agréé(e)", "K1310"),
        ("Secrétaire de rédaction", "E1121"),
        ("Secrétaire général·e", "M1216"),
        ("Hôtesse de caisse", "D1505"),
        ("DAF", "M1205"),
        ("Assistante de gestion locative", "C1502"),
    ],
)
def test_lookalikes_are_other_professions(title: str, rome_code: str) -> None:
    match = default_normaliser().normalise(title)

    assert match.status == "out_of_framework"
    assert match.occupation is None
    assert match.other_profession is not None and match.other_profession.rome_code == rome_code


@pytest.mark.parametrize("title", ["azertyuiop", "CDI - Paris", "H/F", "???"])
def test_nothing_recognisable_is_unknown_with_a_reason(title: str) -> None:
    match = default_normaliser().normalise(title)

    assert match.status == "unknown"
    assert match.occupation is None and match.reason


@pytest.mark.parametrize(("title", "reason"), [("   ", "vide"), ("a" * 301, "trop long")])
def test_empty_or_too_long_titles_are_invalid(title: str, reason: str) -> None:
    match = default_normaliser().normalise(title)

    assert match.status == "invalid"
    assert match.reason is not None and reason in match.reason
    assert match.to_dict()["input"] == title


def test_attributes_removed_from_the_title_are_reported() -> None:
    match = default_normaliser().normalise(
        "Assistante de direction senior trilingue anglais/allemand - CDD 6 mois - "
        "temps partiel - Poste basé à Lyon - secteur BTP"
    )

    assert match.occupation is not None and match.occupation.id == "assistant_direction"
    assert match.attributes == TitleAttributes(
        seniority="senior",
        languages=("anglais", "allemand"),
        multilingual="trilingue",
        contract_type="CDD",
        working_time="temps partiel",
        place_hint="Lyon",
        sector_hint="BTP",
    )


def test_to_dict_follows_the_cli_contract() -> None:
    data = default_normaliser().normalise("Office manager (H/F) - 75").to_dict()

    assert data["status"] == "matched"
    office_manager = load_framework().occupation("office_manager")
    assert data["occupation"] == {
        "id": "office_manager",
        "label": office_manager.label,
        "rome_code": office_manager.rome_code,
    }
    alternatives = data["alternatives"]
    assert isinstance(alternatives, list)
    assert all(set(a) == {"id", "label", "rome_code", "score"} for a in alternatives)
    assert data["attributes"] == {
        "seniority": None,
        "languages": [],
        "multilingual": None,
        "contract_type": None,
        "working_time": None,
        "place_hint": "75",
        "sector_hint": None,
    }


def test_batch_equals_one_by_one_and_threads_agree() -> None:
    normaliser = Normaliser(load_framework())
    titles = [f"Assistant(e) {x} H/F - CDI" for x in ("RH", "comptable", "juridique", "achats")] * 50

    one_by_one = [normaliser.normalise(t) for t in titles]
    with ThreadPoolExecutor(max_workers=4) as pool:
        threaded = list(pool.map(Normaliser(load_framework()).normalise, titles))

    assert normaliser.normalise_batch(titles) == one_by_one == threaded


def test_review_queue_round_trip() -> None:
    title = "Scribe de bureau (H/F)"
    fw = load_framework()
    assert Normaliser(fw).normalise(title).status == "unknown"

    attached = Normaliser(fw.with_extra_aliases({"secretaire": ["scribe de bureau"]}))
    rejected = Normaliser(fw.with_extra_aliases({}, other_aliases=["Scribe de bureau"]))

    match = attached.normalise(title)
    assert match.status == "matched" and match.occupation is not None
    assert match.occupation.id == "secretaire"
    assert rejected.normalise(title).status == "out_of_framework"


def test_staff_can_reject_a_title_that_looks_like_ours() -> None:
    fw = load_framework().with_extra_aliases({}, other_aliases=["assistant de direction"])

    assert Normaliser(fw).normalise("Assistante de direction").status == "out_of_framework"


@pytest.mark.parametrize(
    ("title", "field", "value"),
    [
        ("Assistante RH (H/F) - CDI - Nantes (44)", "contract_type", "CDI"),
        ("Secrétaire en alternance", "contract_type", "alternance"),
        ("Assistante administrative freelance", "contract_type", "freelance"),
        ("Standardiste - Intérim 3 mois", "contract_type", "intérim"),
        ("Assistante comptable 24h/semaine", "working_time", "temps partiel"),
        ("Assistante comptable - mi-temps", "working_time", "temps partiel"),
        ("Office manager 100%", "working_time", "temps plein"),
        ("Assistant juridique junior", "seniority", "junior"),
        ("Assistante de direction confirmée", "seniority", "confirmé"),
        ("Secrétaire médicale - 5 ans d'expérience", "seniority", "expérimenté"),
        ("Executive assistant English speaking", "languages", ("anglais",)),
        ("Assistante export bilingue espagnol", "multilingual", "bilingue"),
        ("Chargée d'accueil - Paris 15e", "place_hint", "Paris 15e"),
        ("Assistante de direction - Télétravail partiel", "place_hint", "Télétravail"),
        ("Assistante ADV - secteur agroalimentaire", "sector_hint", "agroalimentaire"),
        ("Secrétaire juridique - cabinet d'avocats", "sector_hint", "juridique"),
    ],
)
def test_each_attribute_is_extracted(title: str, field: str, value: object) -> None:
    match = default_normaliser().normalise(title)

    assert match.status == "matched"
    assert getattr(match.attributes, field) == value
