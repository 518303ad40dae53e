"""The competency framework and title lexicon: typed, validated, immutable.

Two JSON files in `matching/data/` are read once: `framework.json` (occupations, competencies,
domains) and `titles.json` (aliases, other professions, feminine forms). Everything is checked on
load so a bad edit fails with a precise French message instead of a wrong match later.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Annotated, TypeVar

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

DATA_DIR = Path(__file__).parent / "data"
FRAMEWORK_FILE = "framework.json"
TITLES_FILE = "titles.json"
EXTRA_OTHER_ID = "autre_metier"
EXTRA_OTHER_LABEL = "Autre métier (hors référentiel)"

_ID = re.compile(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)*")
_ROME = re.compile(r"[A-N]\d{4}")


class FrameworkError(ValueError):
    """Invalid framework data; the message is French and names the faulty entry."""


@dataclass(frozen=True, slots=True)
class Domain:
    id: str
    label: str
    label_en: str


@dataclass(frozen=True, slots=True)
class Competency:
    id: str
    label: str
    label_en: str
    description: str
    domain: str


@dataclass(frozen=True, slots=True)
class CompetencyLevel:
    competency_id: str
    level: int


@dataclass(frozen=True, slots=True)
class RelatedOccupation:
    occupation_id: str
    similarity: float


@dataclass(frozen=True, slots=True)
class Occupation:
    id: str
    label: str
    label_en: str
    rome_code: str
    description: str
    aliases: tuple[str, ...]
    related: tuple[RelatedOccupation, ...]
    competencies: tuple[CompetencyLevel, ...]


@dataclass(frozen=True, slots=True)
class OtherProfession:
    """A profession outside the framework, known so that lookalike titles are rejected."""

    id: str
    label: str
    rome_code: str | None
    aliases: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Framework:
    version: str
    checksum: str
    domains: tuple[Domain, ...]
    competencies: tuple[Competency, ...]
    occupations: tuple[Occupation, ...]
    other_professions: tuple[OtherProfession, ...]
    feminine_forms: Mapping[str, str] = field(default_factory=dict, repr=False)

    _occupations_by_id: Mapping[str, Occupation] = field(init=False, repr=False, compare=False)
    _competencies_by_id: Mapping[str, Competency] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        """Index once: lookups by id happen for every explained match."""
        object.__setattr__(self, "_occupations_by_id", {o.id: o for o in self.occupations})
        object.__setattr__(self, "_competencies_by_id", {c.id: c for c in self.competencies})

    def occupation(self, occupation_id: str) -> Occupation:
        """KeyError on an id the framework does not have."""
        return self._occupations_by_id[occupation_id]

    def competency(self, competency_id: str) -> Competency:
        return self._competencies_by_id[competency_id]

    def with_extra_aliases(
        self,
        occupation_aliases: Mapping[str, Sequence[str]],
        other_aliases: Sequence[str] = (),
        version_suffix: str = "",
    ) -> Framework:
        """A copy enriched with aliases resolved by staff (review queue).

        `other_aliases` are titles staff marked as another profession without naming it; they
        are gathered under one generic other profession.
        """
        known = {o.id for o in self.occupations}
        unknown = sorted(set(occupation_aliases) - known)
        if unknown:
            raise FrameworkError(f"Alias pour un métier inconnu du référentiel : {', '.join(unknown)}")
        occupations = tuple(
            replace(o, aliases=_merge(o.aliases, occupation_aliases.get(o.id, ()))) for o in self.occupations
        )
        others = self.other_professions
        if other_aliases:
            generic = next((p for p in others if p.id == EXTRA_OTHER_ID), None)
            base = generic or OtherProfession(EXTRA_OTHER_ID, EXTRA_OTHER_LABEL, None, ())
            merged = replace(base, aliases=_merge(base.aliases, other_aliases))
            others = (*(p for p in others if p.id != EXTRA_OTHER_ID), merged)
        extra = _canonical(
            {
                "occupations": {k: list(v) for k, v in sorted(occupation_aliases.items())},
                "others": list(other_aliases),
            }
        )
        checksum = hashlib.sha256((self.checksum + extra).encode()).hexdigest()
        return replace(
            self,
            version=self.version + version_suffix,
            checksum=checksum,
            occupations=occupations,
            other_professions=others,
        )


_M = TypeVar("_M", bound=BaseModel)


def _merge(existing: Sequence[str], extra: Sequence[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys([*existing, *(a.strip() for a in extra if a.strip())]))


def _canonical(obj: object) -> str:
    return json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


# --- file models: the on-disk shape, checked by pydantic --------------------------------------

Id = Annotated[str, StringConstraints(pattern=_ID.pattern)]
Text = Annotated[str, StringConstraints(min_length=1, strip_whitespace=True)]
Rome = Annotated[str, StringConstraints(pattern=_ROME.pattern)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class _Domain(_Model):
    id: Id
    label: Text
    label_en: Text


class _Competency(_Model):
    id: Id
    label: Text
    label_en: Text
    description: Text
    domain: Id


class _Level(_Model):
    id: Id
    level: int = Field(ge=1, le=4)


class _Related(_Model):
    id: Id
    similarity: float = Field(gt=0, lt=1)


class _Occupation(_Model):
    id: Id
    label: Text
    label_en: Text
    rome_code: Rome
    description: Text
    aliases: list[Text] = []
    related: list[_Related] = []
    competencies: list[_Level]


class _FrameworkFile(_Model):
    model_config = ConfigDict(extra="ignore", frozen=True)
    version: Text
    domains: list[_Domain]
    competencies: list[_Competency]
    occupations: list[_Occupation]


class _Other(_Model):
    id: Id
    label: Text
    rome_code: Rome | None = None
    aliases: list[Text]


class _TitlesFile(_Model):
    model_config = ConfigDict(extra="ignore", frozen=True)
    feminine_forms: dict[str, str] = {}
    aliases: dict[Id, list[Text]]
    other_professions: list[_Other]


def load_framework(directory: Path | None = None) -> Framework:
    """Load and validate the framework; the packaged one is read once and cached."""
    return _load_default() if directory is None else _load(directory)


@cache
def _load_default() -> Framework:
    return _load(DATA_DIR)


def _read(path: Path) -> object:
    try:
        return json.loads(path.read_bytes())
    except FileNotFoundError as exc:
        raise FrameworkError(f"Fichier du référentiel introuvable : {path}") from exc
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise FrameworkError(f"{path.name} n'est pas un JSON valide : {exc}") from exc


def _parse(model: type[_M], raw: object, name: str) -> _M:
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise FrameworkError(
            f"{name} : champ « {where} » invalide ({first['msg']}) — {exc.error_count()} erreur(s)"
        ) from exc


def _load(directory: Path) -> Framework:
    raw_fw = _read(directory / FRAMEWORK_FILE)
    raw_titles = _read(directory / TITLES_FILE)
    fw = _parse(_FrameworkFile, raw_fw, FRAMEWORK_FILE)
    titles = _parse(_TitlesFile, raw_titles, TITLES_FILE)
    _check_references(fw, titles)
    checksum = hashlib.sha256((_canonical(raw_fw) + "\n" + _canonical(raw_titles)).encode()).hexdigest()
    return Framework(
        version=fw.version,
        checksum=checksum,
        domains=tuple(Domain(d.id, d.label, d.label_en) for d in fw.domains),
        competencies=tuple(
            Competency(c.id, c.label, c.label_en, c.description, c.domain) for c in fw.competencies
        ),
        occupations=tuple(
            Occupation(
                id=o.id,
                label=o.label,
                label_en=o.label_en,
                rome_code=o.rome_code,
                description=o.description,
                aliases=_merge(o.aliases, titles.aliases.get(o.id, [])),
                related=tuple(RelatedOccupation(r.id, r.similarity) for r in o.related),
                competencies=tuple(CompetencyLevel(c.id, c.level) for c in o.competencies),
            )
            for o in fw.occupations
        ),
        other_professions=tuple(
            OtherProfession(p.id, p.label, p.rome_code, tuple(p.aliases)) for p in titles.other_professions
        ),
        feminine_forms=dict(titles.feminine_forms),
    )


def _unique(ids: Sequence[str], what: str) -> set[str]:
    seen: set[str] = set()
    for item in ids:
        if item in seen:
            raise FrameworkError(f"Identifiant en double dans {what} : {item}")
        seen.add(item)
    return seen


def _check_references(fw: _FrameworkFile, titles: _TitlesFile) -> None:
    domains = _unique([d.id for d in fw.domains], "les domaines")
    competencies = _unique([c.id for c in fw.competencies], "les compétences")
    occupations = _unique([o.id for o in fw.occupations], "les métiers")
    others = _unique([p.id for p in titles.other_professions], "les autres professions")
    for c in fw.competencies:
        if c.domain not in domains:
            raise FrameworkError(f"La compétence {c.id} renvoie au domaine inconnu {c.domain}")
    for o in fw.occupations:
        _unique([c.id for c in o.competencies], f"les compétences du métier {o.id}")
        for level in o.competencies:
            if level.id not in competencies:
                raise FrameworkError(f"Le métier {o.id} renvoie à la compétence inconnue {level.id}")
        for rel in o.related:
            if rel.id not in occupations or rel.id == o.id:
                raise FrameworkError(f"Le métier {o.id} a un métier proche invalide : {rel.id}")
    stray = sorted(set(titles.aliases) - occupations)
    if stray:
        raise FrameworkError(f"titles.json : alias pour des métiers inconnus : {', '.join(stray)}")
    clash = sorted(others & occupations)
    if clash:
        raise FrameworkError(f"titles.json : autre profession homonyme d'un métier : {', '.join(clash)}")
