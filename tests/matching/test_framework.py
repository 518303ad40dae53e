"""The framework loader: packaged data, validation errors, staff aliases."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from matching import EXTRA_OTHER_ID, FrameworkError, load_framework
from matching.framework import DATA_DIR


def test_packaged_framework_is_loaded_once_and_complete() -> None:
    fw = load_framework()

    assert fw is load_framework()
    assert len(fw.occupations) >= 25
    assert len(fw.domains) >= 10
    assert len(fw.competencies) >= 100
    assert all(len(o.competencies) >= 10 and o.aliases for o in fw.occupations)
    assert len(fw.other_professions) > 1000
    assert len(fw.checksum) == 64


def test_lookup_by_id_raises_on_unknown() -> None:
    fw = load_framework()

    assert fw.occupation("assistant_direction").rome_code == "M1604"
    with pytest.raises(KeyError):
        fw.occupation("astronaute")
    with pytest.raises(KeyError):
        fw.competency("astronaute")


def test_extra_aliases_make_a_new_version() -> None:
    fw = load_framework()

    extended = fw.with_extra_aliases(
        {"secretaire": ["scribe de bureau"]}, other_aliases=["dompteur de puces"], version_suffix="+1"
    )

    assert extended.version == fw.version + "+1"
    assert extended.checksum != fw.checksum
    assert "scribe de bureau" in extended.occupation("secretaire").aliases
    assert "scribe de bureau" not in fw.occupation("secretaire").aliases
    staff = [p for p in extended.other_professions if p.id == EXTRA_OTHER_ID]
    assert staff and staff[0].aliases == ("dompteur de puces",)


def test_extra_aliases_for_an_unknown_occupation_are_refused() -> None:
    with pytest.raises(FrameworkError, match="métier inconnu"):
        load_framework().with_extra_aliases({"astronaute": ["pilote"]})


def _broken_copy(tmp_path: Path, name: str, edit: object) -> Path:
    for file in ("framework.json", "titles.json"):
        shutil.copy(DATA_DIR / file, tmp_path / file)
    data = json.loads((tmp_path / name).read_text(encoding="utf-8"))
    edit(data)  # type: ignore[operator]
    (tmp_path / name).write_text(json.dumps(data), encoding="utf-8")
    return tmp_path


def test_copy_of_the_data_loads_with_the_same_checksum(tmp_path: Path) -> None:
    directory = _broken_copy(tmp_path, "titles.json", lambda data: None)

    assert load_framework(directory).checksum == load_framework().checksum


@pytest.mark.parametrize(
    ("name", "edit", "message"),
    [
        ("framework.json", lambda d: d["occupations"][0]["competencies"][0].update(level=7), "level"),
        (
            "framework.json",
            lambda d: d["occupations"][0]["competencies"][0].update(id="inconnue"),
            "compétence inconnue",
        ),
        ("framework.json", lambda d: d["competencies"][0].update(domain="nulle_part"), "domaine inconnu"),
        ("framework.json", lambda d: d["occupations"].append(d["occupations"][0]), "en double"),
        ("framework.json", lambda d: d["occupations"][0].update(rome_code="Z99"), "rome_code"),
        ("titles.json", lambda d: d["aliases"].update(astronaute=["x"]), "métiers inconnus"),
    ],
)
def test_invalid_data_fails_with_a_precise_french_message(
    tmp_path: Path, name: str, edit: object, message: str
) -> None:
    directory = _broken_copy(tmp_path, name, edit)

    with pytest.raises(FrameworkError, match=message):
        load_framework(directory)


def test_unreadable_file_is_a_framework_error(tmp_path: Path) -> None:
    (tmp_path / "framework.json").write_text("{pas du json", encoding="utf-8")
    shutil.copy(DATA_DIR / "titles.json", tmp_path / "titles.json")

    with pytest.raises(FrameworkError, match="JSON valide"):
        load_framework(tmp_path)
    with pytest.raises(FrameworkError, match="introuvable"):
        load_framework(tmp_path / "absent")
