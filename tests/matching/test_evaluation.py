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
