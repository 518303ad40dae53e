"""Places for the mobility radius: commune centres when known, département centres otherwise.

Département centroids are approximate (~0.1°, ~10 km); they give the coarser distance used when a
member or a posting is known to its département only (rows written before communes existed).
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
import numpy.typing as npt

from matching.communes import communes

_FILE = Path(__file__).resolve().parent.parent / "data" / "departements.json"
EARTH_RADIUS_KM = 6371.0


@dataclass(frozen=True, slots=True)
class Departement:
    code: str
    name: str
    lat: float
    lon: float


@cache
def departements() -> tuple[Departement, ...]:
    """All départements in file order; a département's position is its index in the engine."""
    raw = json.loads(_FILE.read_text(encoding="utf-8"))
    return tuple(Departement(d["code"], d["name"], d["lat"], d["lon"]) for d in raw["departements"])


@cache
def departement_index() -> dict[str, int]:
    return {d.code: i for i, d in enumerate(departements())}


def is_departement(code: str) -> bool:
    return code in departement_index()


def departement_name(code: str) -> str:
    return departements()[departement_index()[code]].name


def distance_km(a: str, b: str) -> float:
    """Great-circle distance between two départements' centroids (haversine)."""
    da, db = departements()[departement_index()[a]], departements()[departement_index()[b]]
    return _haversine(da.lat, da.lon, db.lat, db.lon)


def _haversine(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(h))


@cache
def distance_matrix() -> npt.NDArray[np.float64]:
    """Distances between all départements, with one extra row and column at infinity.

    The extra index stands for "no département given", so the engine can gather distances with
    one fancy index instead of masking unknown places first.
    """
    deps = departements()
    n = len(deps)
    matrix = np.full((n + 1, n + 1), np.inf, dtype=np.float64)
    for i, a in enumerate(deps):
        for j, b in enumerate(deps):
            matrix[i, j] = _haversine(a.lat, a.lon, b.lat, b.lon)
    matrix.setflags(write=False)
    return matrix


def place_distance(
    member_commune: str | None,
    member_departement: str | None,
    posting_commune: str | None,
    posting_departement: str | None,
) -> tuple[float | None, bool]:
    """(km, precise): between commune centres when both are known, else between département centres.

    The coarse distance is 0 within one département: a place known only to its département cannot
    be placed closer than that. None when the member has no place at all.
    """
    if member_commune is not None and posting_commune is not None:
        a, b = communes()[member_commune], communes()[posting_commune]
        return _haversine(a.lat, a.lon, b.lat, b.lon), True
    if member_departement is not None and posting_departement is not None:
        return distance_km(member_departement, posting_departement), False
    return None, False


def haversine_array(
    lat1: npt.ArrayLike, lon1: npt.ArrayLike, lat2: npt.ArrayLike, lon2: npt.ArrayLike
) -> npt.NDArray[np.float64]:
    """`_haversine` on arrays (NaN in, NaN out)."""
    p1, p2 = np.radians(lat1), np.radians(lat2)
    dp, dl = p2 - p1, np.radians(np.subtract(lon2, lon1))
    h = np.sin(dp / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dl / 2) ** 2
    out: npt.NDArray[np.float64] = 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.minimum(h, 1.0)))
    return out


@cache
def departement_extent() -> npt.NDArray[np.float64]:
    """For each département, the farthest commune centre from the département's centre (km).

    With it a whole département is skipped when even its nearest possible commune is beyond a
    member's radius (triangle inequality), so matching computes exact distances for few members.
    The extra last entry (no département) is 0.
    """
    index = departement_index()
    extent = np.zeros(len(index) + 1, dtype=np.float64)
    deps = departements()
    for place in communes().values():
        i = index.get(place.departement)
        if i is not None:
            d = deps[i]
            extent[i] = max(extent[i], _haversine(d.lat, d.lon, place.lat, place.lon))
    extent.setflags(write=False)
    return extent
