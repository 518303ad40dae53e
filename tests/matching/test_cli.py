"""`passerelle normalize` and `passerelle framework …` through click."""

from __future__ import annotations

import json
import subprocess
import sys

from click.testing import CliRunner

from matching import default_normaliser, load_framework
from server.framework.commands import cli


def test_normalize_writes_one_json_line_per_input_line_in_order() -> None:
    lines = ["Assistant(e) de direction H/F", "", "Assistante dentaire", "x" * 301, "zzzz"]
    raw = ("\n".join(lines) + "\n").encode() + b"secr\xe9taire m\xff\xe9dicale\n"

    result = CliRunner().invoke(cli, ["normalize"], input=raw)

    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert [r["status"] for r in rows] == [
        "matched",
        "invalid",
        "out_of_framework",
        "invalid",
        "unknown",
        rows[-1]["status"],
    ]
    assert [r["input"] for r in rows[:4]] == lines[:4]
    assert "\ufffd" in rows[-1]["input"]
    direction = load_framework().occupation("assistant_direction")
    assert rows[0]["occupation"] == {
        "id": direction.id,
        "label": direction.label,
        "rome_code": direction.rome_code,
    }
    assert {"input", "status", "occupation", "confidence", "alternatives", "attributes"} <= set(rows[0])
    assert rows[1]["reason"] and rows[3]["reason"]


def test_framework_validate_stats_export() -> None:
    runner = CliRunner()

    validate = runner.invoke(cli, ["framework", "validate"])
    stats = runner.invoke(cli, ["framework", "stats"])
    export = runner.invoke(cli, ["framework", "export"])

    assert validate.exit_code == 0 and "valide" in validate.output
    assert stats.exit_code == 0 and "métiers" in stats.output
    document = json.loads(export.output)
    assert set(document) >= {"version", "occupations", "competencies", "domains"}
    occupation = document["occupations"][0]
    assert set(occupation) >= {"id", "label", "label_en", "rome_code", "aliases", "competencies"}
    assert len(document["competencies"]) >= 100


def test_normalize_output_is_exactly_to_dict_even_for_repeated_titles() -> None:
    titles = [
        "Assistant(e) de direction H/F",
        "Assistante de direction - CDI - Lyon",
        "Comptable",
        "Secrétaire médicale (75)",
        "Secretaire medicale - Temps partiel",
        "zzzz",
        "   ",
        "Assistante dentaire",
        "Assistant(e) de direction H/F",
    ] * 3
    normaliser = default_normaliser()

    result = CliRunner().invoke(cli, ["normalize", "--workers", "1"], input="\n".join(titles) + "\n")

    assert result.exit_code == 0, result.output
    expected = [json.dumps(normaliser.normalise(t).to_dict(), ensure_ascii=False) for t in titles]
    assert result.output.splitlines() == expected


def test_normalize_in_worker_processes_keeps_order_and_bytes() -> None:
    lines = [f"Assistant(e) {kind} n°{i} - CDI" for i in range(5000) for kind in ("RH", "ADV")]
    payload = ("\n".join(lines) + "\n").encode() + b"\xff\xfe\n"
    command = [sys.executable, "-m", "server.framework.commands", "normalize", "--workers"]

    single = subprocess.run([*command, "1"], input=payload, capture_output=True, check=True)
    parallel = subprocess.run([*command, "2"], input=payload, capture_output=True, check=True)

    assert parallel.stdout == single.stdout
    assert parallel.stdout.count(b"\n") == len(lines) + 1
