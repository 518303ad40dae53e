"""Factor formulas on arrays, shared by both directions (posting → members, member → postings).

Each function takes arrays or scalars that broadcast against each other, so the same formula
serves one posting against a million members and one member against ten thousand postings.
Fits are float32: they are shares of at most 100 points, and half the memory traffic matters
more here than the seventh digit. Unknown values are encoded so that they mean "no conflict":
an unstated pay expectation is 0, "available now" is day 0.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from matching.scoring.weights import (
    AVAILABILITY_HORIZON_DAYS,
    MOBILITY_LIST_FIT,
    PAY_TOLERANCE,
    RADIUS_EDGE_FIT,
    RADIUS_NEAR_FIT,
    REMOTE_FIT,
)

F32 = npt.NDArray[np.float32]
ArrayLike = npt.ArrayLike

_TINY = 1e-9  # stands for a zero maximum, so that 0 / 0 never happens
REMOTE_TABLE = np.array(REMOTE_FIT, dtype=np.float32)
REMOTE_TABLE.setflags(write=False)
# LEVEL_CREDIT[asked][level] = min(level, asked) / asked: a level below the one asked counts partly
LEVEL_CREDIT = np.array(
    [[0.0] * 5] + [[min(level, asked) / asked for level in range(5)] for asked in range(1, 5)]
)
LEVEL_CREDIT.setflags(write=False)


def within_radius(distance: ArrayLike, radius: ArrayLike) -> npt.NDArray[np.bool_]:
    """Another département within the member's radius (float64: decided exactly as the reference)."""
    d = np.asarray(distance, dtype=np.float64)
    within: npt.NDArray[np.bool_] = (d > 0) & (d <= np.asarray(radius, dtype=np.float64))
    return within


def location(same: ArrayLike, listed: ArrayLike, distance: ArrayLike, radius: ArrayLike) -> F32:
    """Best of: same département 1, a listed one, within the radius (closer is better); else 0."""
    d = np.asarray(distance, dtype=np.float64)
    r = np.broadcast_to(np.asarray(radius, dtype=np.float64), d.shape)
    fit = np.where(listed, np.float32(MOBILITY_LIST_FIT), np.float32(0.0))
    within = np.flatnonzero(within_radius(d, r))
    near = RADIUS_NEAR_FIT - (RADIUS_NEAR_FIT - RADIUS_EDGE_FIT) * d[within] / r[within]
    fit[within] = np.maximum(fit[within], near)
    fit[np.asarray(same, dtype=np.bool_)] = 1.0
    return fit


def remote(preference: ArrayLike, mode: ArrayLike) -> F32:
    table: F32 = REMOTE_TABLE[np.asarray(preference, dtype=np.intp), np.asarray(mode, dtype=np.intp)]
    return table


def working_time(member: ArrayLike, posting: ArrayLike) -> F32:
    """Codes 0 either / 1 full / 2 part: a member open to either always fits."""
    m = np.asarray(member)
    fit: F32 = ((m == 0) | (m == posting)).astype(np.float32)
    return fit


def experience(years: ArrayLike, minimum: ArrayLike) -> F32:
    fit: F32 = np.minimum(np.float32(1.0), years / np.maximum(minimum, _TINY), dtype=np.float32)
    return fit


def pay(expected: ArrayLike, maximum: ArrayLike) -> F32:
    """1 within the budget, then down to 0 at `PAY_TOLERANCE` above it; a zero budget fits 0 only.

    `expected` is 0 when the member stated nothing; a posting without a maximum passes a huge one.
    """
    m = np.maximum(maximum, _TINY)
    fit: F32 = np.clip(1.0 + (m - expected) / (PAY_TOLERANCE * m), 0.0, 1.0, dtype=np.float32)
    return fit


def availability(available: ArrayLike, start: ArrayLike) -> F32:
    """Dates as day numbers; a member available from day 0 (now) is always in time."""
    delay = np.subtract(available, start, dtype=np.float32)
    fit: F32 = np.clip(1.0 - delay / np.float32(AVAILABILITY_HORIZON_DAYS), 0.0, 1.0, dtype=np.float32)
    return fit
