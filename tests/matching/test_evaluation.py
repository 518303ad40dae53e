"""Accuracy on the labelled evaluation set (titles written the way job boards write them)."""

from __future__ import annotations

import csv
from pathlib import Path

from matching import default_normaliser, load_framework
from matching.text import fold

EVAL_FILE = Path(__file__).parents[1] / "data" / "titles_eval.csv"
REJECTED = {"out_of_framework", "unknown"}


def _rows() -> list[tuple[str, str]]:
    with EVAL_FILE.open(encoding="utf-8", newline="") as fh:
        return [(row["title"], row["expected"]) for row in csv.DictReader(fh)]


def test_evaluation_set_is_large_and_varied() -> None:
    rows = _rows()
    ids = {o.id for o in load_framework().occupations}

    assert len(rows) >= 450
    assert {expected for _, expected in rows} <= ids | REJECTED
    assert {expected for _, expected in rows} >= ids
    assert sum(expected == "out_of_framework" for _, expected in rows) >= 80
    assert sum(expected == "unknown" for _, expected in rows) >= 10


def test_evaluation_set_is_not_the_alias_list() -> None:
    """Only a few bare canonical titles may coincide with an alias; the rest must generalise."""
    aliases = {fold(a) for o in load_framework().occupations for a in o.aliases}
    rows = _rows()

    verbatim = [title for title, _ in rows if fold(title) in aliases]

    assert len(verbatim) <= 0.05 * len(rows)


def test_accuracy_in_framework_and_rejection_of_others() -> None:
    normaliser = default_normaliser()
    inside = [(t, e) for t, e in _rows() if e not in REJECTED]
    outside = [(t, e) for t, e in _rows() if e in REJECTED]

    correct = [
        t for t, e in inside if (m := normaliser.normalise(t)).occupation is not None and m.occupation.id == e
    ]
    rejected = [t for t, _ in outside if normaliser.normalise(t).status in REJECTED]

    assert len(correct) / len(inside) >= 0.95
    assert len(rejected) / len(outside) >= 0.95


BOARDS_FILE = Path(__file__).parents[1] / "data" / "titles_eval_boards.csv"
SECTORS = {"automobile", "banking", "public_finances", "construction", "healthcare", "temp_agency"}


def _board_rows() -> list[dict[str, str]]:
    with BOARDS_FILE.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_job_board_titles_cover_the_sectors_and_are_not_aliases() -> None:
    rows = _board_rows()
    aliases = {fold(a) for o in load_framework().occupations for a in o.aliases}
    ids = {o.id for o in load_framework().occupations}

    assert len(rows) >= 200
    assert {row["sector"] for row in rows} >= SECTORS | {"lookalike", "freelance"}
    assert all(sum(row["sector"] == s for row in rows) >= 15 for s in SECTORS)
    assert {row["expected"] for row in rows} <= ids | REJECTED
    assert sum(row["expected"] in REJECTED for row in rows) >= 50
    assert not [row["title"] for row in rows if fold(row["title"]) in aliases]
    assert not {row["title"] for row in rows} & {title for title, _ in _rows()}  # a separate set


def test_job_board_titles_in_the_framework_and_lookalikes_rejected() -> None:
    normaliser = default_normaliser()
    rows = _board_rows()
    inside = [r for r in rows if r["expected"] not in REJECTED]
    outside = [r for r in rows if r["expected"] in REJECTED]

    correct = [
        r
        for r in inside
        if (m := normaliser.normalise(r["title"])).occupation is not None and m.occupation.id == r["expected"]
    ]
    rejected = [r for r in outside if normaliser.normalise(r["title"]).status in REJECTED]

    assert len(correct) / len(inside) >= 0.97
    assert len(rejected) / len(outside) >= 0.97


def test_qualifiers_do_not_change_the_occupation_and_prefixes_name_the_job() -> None:
    normaliser = default_normaliser()

    def occupation(title: str) -> str | None:
        found = normaliser.normalise(title).occupation
        return None if found is None else found.id

    assert occupation("Assistante de direction freelance") == occupation("Assistante de direction")
    assert occupation("Secrétaire médicale indépendante") == "secretaire_medical"
    assert occupation("Télé-secrétaire") == "telesecretaire"
    assert occupation("Télé-assistante commerciale") == "assistant_commercial"
    assert occupation("EA to Managing Director") == "assistant_direction"
    assert occupation("Assistant(e) de direction et de communication") == "assistant_direction"
    assert occupation("Secrétaire après-vente automobile") == "secretaire"
    assert occupation("Assistante d'agence bancaire") == "secretaire"
    assert normaliser.normalise("Assistant manager - restauration rapide").status == "out_of_framework"
    assert normaliser.normalise("Réceptionniste d'hôtel").status == "out_of_framework"
    assert normaliser.normalise("Hôtesse de caisse").status == "out_of_framework"
