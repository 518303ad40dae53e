"""French départements: codes, names and centroid distances for the mobility radius.

Centroids are approximate (~0.1°, ~10 km): enough to say whether a posting is within a member's
radius, which members state in tens of kilometres.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
import numpy.typing as npt

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
