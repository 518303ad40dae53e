"""Inputs are checked once, with French messages; protected criteria have no place in them."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import pytest

from matching.framework import load_framework
from matching.scoring import MemberPool, MemberProfile, PostingCriteria, match_posting, score_pair
from matching.scoring.geo import departements, distance_km

FW = load_framework()


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: MemberProfile(member_id="m", departement="20"), "Département inconnu"),
        (lambda: MemberProfile(member_id="m", competencies={"gestion_agenda": 5}), "niveau 5 invalide"),
        (lambda: MemberProfile(member_id="m", languages={"en": "D1"}), "Niveau CECRL pour en invalide"),
        (lambda: MemberProfile(member_id="m", languages={"EN": "B2"}), "Code de langue invalide"),
        (lambda: MemberProfile(member_id="m", visibility="public"), "Visibilité invalide"),  # type: ignore[arg-type]
        (lambda: MemberProfile(member_id="m", experience_years=-1), "ne peut pas être négatif"),
        (lambda: PostingCriteria(posting_id="p", kind="need"), "Type de besoin invalide"),
        (lambda: PostingCriteria(posting_id="p", need_kind="mentoring"), "n'a pas de type de besoin"),
        (lambda: PostingCriteria(posting_id="p", remote_days=6), "Jours de télétravail invalides"),
        (
            lambda: PostingCriteria(
                posting_id="p", required_competencies={"ged": 2}, nice_competencies={"ged": 1}
            ),
            "à la fois requise et souhaitée",
        ),
        (lambda: PostingCriteria(posting_id="p", salary_min=40_000, salary_max=30_000), "dépasse"),
    ],
)
def test_invalid_inputs_are_refused_in_french(make: Callable[[], object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        make()


def test_a_posting_naming_an_unknown_id_is_refused() -> None:
    pool = MemberPool.build([MemberProfile(member_id="m")], FW)
    typo = PostingCriteria(posting_id="p", required_competencies={"gestion_agendas": 2})

    with pytest.raises(ValueError, match="Compétence inconnue"):
        match_posting(pool, typo)
    with pytest.raises(ValueError, match="Compétence inconnue"):
        score_pair(MemberProfile(member_id="m"), typo, FW)
    with pytest.raises(ValueError, match="Métier inconnu"):
        match_posting(pool, PostingCriteria(posting_id="p", occupation_id="astronaute"))


def test_no_protected_criterion_is_an_input() -> None:
    protected = {
        "age",
        "birth",
        "born",
        "gender",
        "sex",
        "family",
        "married",
        "children",
        "photo",
        "nationality",
        "origin",
        "health",
        "religion",
        "union",
        "politics",
        "orientation",
        "handicap",
        "disability",
        "pregnancy",
        "name",
        "address",
    }
    words = {
        w
        for cls in (MemberProfile, PostingCriteria)
        for f in dataclasses.fields(cls)
        for w in f.name.split("_")
    }

    assert not words & protected


def test_every_departement_has_a_plausible_centroid() -> None:
    codes = [d.code for d in departements()]
    expected = (
        [f"{i:02d}" for i in range(1, 96) if i != 20] + ["2A", "2B"] + [str(i) for i in range(971, 977)]
    )

    assert sorted(codes) == sorted(expected)
    for d in departements():
        if len(d.code) == 2:  # metropolitan France
            assert 41.3 < d.lat < 51.1 and -5.2 < d.lon < 9.6, d
    assert 360 < distance_km("75", "69") < 420  # Paris – Lyon, centroid to centroid
    assert distance_km("92", "75") < 15
