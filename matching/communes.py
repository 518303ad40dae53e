"""French communes: postal code → communes, town name → INSEE code, distances between centres.

Data: `data/communes.csv` (INSEE code, name, postal code, centre, parent city of the Paris/Lyon/
Marseille districts), derived from La Poste and INSEE open data (see `data/SOURCES.md`). One postal
code can cover several communes (up to 46), so a postal code alone does not always name a place:
the caller offers the choice, or gives the town's name too.
"""

from __future__ import annotations

import bisect
import csv
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import MappingProxyType

from matching.text import fold

_FILE = Path(__file__).resolve().parent / "data" / "communes.csv"
EARTH_RADIUS_KM = 6371.0
_POSTAL_CODE = re.compile(r"^\d{5}$")
_SAINT = re.compile(r"\b(st|ste)\b")


@dataclass(frozen=True, slots=True)
class Commune:
    """A commune (or a municipal district of Paris, Lyon, Marseille) and its centre (WGS84)."""

    insee: str
    name: str
    postal_code: str
    lat: float
    lon: float
    district_of: str | None  # INSEE code of the city of a municipal district

    @property
    def departement(self) -> str:
        """2A/2B for Corsica, 971–976 overseas, else the first two digits of the INSEE code."""
        return self.insee[:3] if self.insee.startswith("97") else self.insee[:2]


@cache
def communes() -> MappingProxyType[str, Commune]:
    """Every commune by INSEE code, read once."""
    out: dict[str, Commune] = {}
    with _FILE.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            out[row["insee"]] = Commune(
                insee=row["insee"],
                name=row["name"],
                postal_code=row["postal_code"],
                lat=float(row["lat"]),
                lon=float(row["lon"]),
                district_of=row["district_of"] or None,
            )
    return MappingProxyType(out)


@cache
def _by_postal_code() -> Mapping[str, tuple[Commune, ...]]:
    grouped: dict[str, list[Commune]] = {}
    for commune in communes().values():
        grouped.setdefault(commune.postal_code, []).append(commune)
    return MappingProxyType({code: tuple(sorted(c, key=_sort_key)) for code, c in grouped.items()})


def _sort_key(commune: Commune) -> tuple[str, str]:
    return (town_key(commune.name), commune.insee)


def commune(insee: str) -> Commune | None:
    return communes().get(insee)


def communes_of_postal_code(postal_code: str) -> tuple[Commune, ...]:
    """The communes a postal code serves, by name; empty when the code serves none."""
    if not _POSTAL_CODE.match(postal_code):
        return ()
    return _by_postal_code().get(postal_code, ())


def town_key(name: str) -> str:
    """A town's name as people type it and as INSEE writes it compare equal (case, accents, St/Ste)."""
    text = fold(name).lower()
    text = re.sub(r"[^a-z0-9]+", " ", text).strip()
    return _SAINT.sub(lambda m: "saint" if m.group(1) == "st" else "sainte", text)


def _district_city_key(commune: Commune) -> str | None:
    if commune.district_of is None:
        return None
    city = communes().get(commune.district_of)
    return None if city is None else town_key(city.name)


@cache
def _by_departement_and_name() -> Mapping[tuple[str, str], tuple[Commune, ...]]:
    grouped: dict[tuple[str, str], list[Commune]] = {}
    for commune in communes().values():
        grouped.setdefault((commune.departement, town_key(commune.name)), []).append(commune)
    return MappingProxyType({key: tuple(c) for key, c in grouped.items()})


@cache
def _by_town_key() -> tuple[tuple[str, ...], tuple[Commune, ...]]:
    """Every commune sorted by its town key (then postal code): prefix searches are two bisections."""
    ordered = sorted(communes().values(), key=lambda c: (town_key(c.name), c.postal_code, c.insee))
    return tuple(town_key(c.name) for c in ordered), tuple(ordered)


def communes_named(name: str, limit: int) -> tuple[Commune, ...]:
    """Communes whose name starts like `name` (case, accents and St/Ste ignored), exact names first.

    For a place typed as a town without its postal code: the person picks one, its INSEE code is sent.
    """
    key = town_key(name)
    if not key or limit <= 0:
        return ()
    keys, ordered = _by_town_key()
    start = bisect.bisect_left(keys, key)
    end = bisect.bisect_left(keys, key + "\uffff", lo=start)
    exact = [c for k, c in zip(keys[start:end], ordered[start:end], strict=True) if k == key]
    others = [c for k, c in zip(keys[start:end], ordered[start:end], strict=True) if k != key]
    return tuple((exact + others)[:limit])


def departement_of_postal_code(postal_code: str) -> str:
    """Corsica 20xxx → 2A/2B, overseas 97x, else the first two digits."""
    if postal_code.startswith("97"):
        return postal_code[:3]
    if postal_code.startswith("20"):
        return "2A" if int(postal_code) < 20200 else "2B"
    return postal_code[:2]


def find_commune(postal_code: str, town: str | None) -> Commune | None:
    """The commune of `postal_code` named `town`; with no town, the only commune of the code.

    A district's city name is enough (« Paris » with 75008 is Paris 8e). The data keeps one postal
    code per commune, so a town served by several codes (Ajaccio: 20000, 20090, 20167) is also found
    by its name in the postal code's département when that name is unique there. None when the town
    is not there, or when no town is given and the code serves several communes (or none).
    """
    if not _POSTAL_CODE.match(postal_code):
        return None
    candidates = communes_of_postal_code(postal_code)
    if not town or not town.strip():
        return candidates[0] if len(candidates) == 1 else None
    key = town_key(town)
    for candidate in candidates:
        if town_key(candidate.name) == key or _district_city_key(candidate) == key:
            return candidate
    same_name = _by_departement_and_name().get((departement_of_postal_code(postal_code), key), ())
    return same_name[0] if len(same_name) == 1 else None


def distance_km(a: Commune, b: Commune) -> float:
    """Great-circle distance between two communes' centres (haversine)."""
    return haversine(a.lat, a.lon, b.lat, b.lon)


def haversine(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(h))
