"""Factor formulas on arrays, shared by both directions (posting → members, member → postings).

Each function takes arrays or scalars that broadcast against each other, so the same formula
serves one posting against a million members and one member against ten thousand postings.
Fits are float32: they are shares of at most 100 points, and half the memory traffic matters
more here than the seventh digit. Unknown values are encoded so that they mean "no conflict":
an unstated pay expectation is 0, "available now" is day 0, a posting without start date is day 0.
The rules and their numbers are in `weights`; `reference` writes the same rules pair by pair.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from matching.scoring.weights import (
    AVAILABILITY_HARD_DAYS,
    DEPARTEMENT_SCALE_KM,
    FULL_ON_PART_FIT,
    MOBILITY_LIST_FIT,
    PAY_HARD_LIMIT,
    PENALTY_FIT,
    RADIUS_EDGE_FIT,
    REMOTE_EXCLUDED,
    REMOTE_FIT,
)

F32 = npt.NDArray[np.float32]
F64 = npt.NDArray[np.float64]
Mask = npt.NDArray[np.bool_]
ArrayLike = npt.ArrayLike

_TINY = 1e-9  # stands for a zero maximum, so that 0 / 0 never happens
REMOTE_TABLE = np.array(REMOTE_FIT, dtype=np.float32)
REMOTE_TABLE.setflags(write=False)
REMOTE_EXCLUDED_TABLE = np.array(REMOTE_EXCLUDED, dtype=np.bool_)
REMOTE_EXCLUDED_TABLE.setflags(write=False)
# LEVEL_CREDIT[asked][level] = min(level, asked) / asked: a level below the one asked counts partly
LEVEL_CREDIT = np.array(
    [[0.0] * 5] + [[min(level, asked) / asked for level in range(5)] for asked in range(1, 5)]
)
LEVEL_CREDIT.setflags(write=False)


def location(distance: ArrayLike, radius: ArrayLike, same: ArrayLike, listed: ArrayLike) -> F64:
    """Fit by distance inside the radius (own département when no radius is stated), 0 beyond it.

    `distance` is NaN where the member has no place; float64 so that the radius is decided exactly
    as in the reference.
    """
    d = np.asarray(distance, dtype=np.float64)
    r = np.broadcast_to(np.asarray(radius, dtype=np.float64), d.shape)
    stated = r > 0
    with np.errstate(invalid="ignore", divide="ignore"):
        within = np.where(stated, d <= r, np.asarray(same, dtype=np.bool_)) & ~np.isnan(d)
        share = np.where(stated, d / np.where(stated, r, 1.0), np.minimum(d / DEPARTEMENT_SCALE_KM, 1.0))
    fit = np.where(within, 1.0 - (1.0 - RADIUS_EDGE_FIT) * share, 0.0)
    out: F64 = np.where(np.asarray(listed, dtype=np.bool_), np.maximum(fit, MOBILITY_LIST_FIT), fit)
    return out


def remote(preference: ArrayLike, mode: ArrayLike) -> F32:
    table: F32 = REMOTE_TABLE[np.asarray(preference, dtype=np.intp), np.asarray(mode, dtype=np.intp)]
    return table


def remote_excluded(preference: ArrayLike, mode: ArrayLike) -> Mask:
    mask: Mask = REMOTE_EXCLUDED_TABLE[np.asarray(preference, dtype=np.intp), np.asarray(mode, dtype=np.intp)]
    return mask


def working_time(member: ArrayLike, posting: ArrayLike) -> F32:
    """Codes 0 either / 1 full / 2 part: either side open fits; full-time seeker on part-time is a penalty."""
    m, p = np.asarray(member), np.asarray(posting)
    fit = np.where((m == 0) | (p == 0) | (m == p), 1.0, np.where(m == 1, FULL_ON_PART_FIT, 0.0))
    out: F32 = fit.astype(np.float32)
    return out


def working_time_excluded(member: ArrayLike, posting: ArrayLike) -> Mask:
    """A part-time seeker (2) on a full-time role (1)."""
    mask: Mask = (np.asarray(member) == 2) & (np.asarray(posting) == 1)
    return mask


def experience(years: ArrayLike, minimum: ArrayLike) -> F32:
    """Years over the minimum asked, at most 1; no minimum asked fits everyone."""
    m = np.asarray(minimum, dtype=np.float32)
    ratio = np.minimum(np.float32(1.0), years / np.maximum(m, _TINY), dtype=np.float32)
    fit: F32 = np.where(m > 0, ratio, np.float32(1.0)).astype(np.float32)
    return fit


def pay_excess(expected: ArrayLike, maximum: ArrayLike) -> F64:
    """How far above the maximum, as a share of it (0 within); a posting without maximum passes a huge one."""
    e = np.asarray(expected, dtype=np.float64)
    m = np.asarray(maximum, dtype=np.float64)
    out: F64 = np.where(e <= m, 0.0, (e - m) / np.maximum(m, _TINY))
    return out


def pay(excess: ArrayLike) -> F32:
    share = np.minimum(np.asarray(excess, dtype=np.float64), PAY_HARD_LIMIT) / PAY_HARD_LIMIT
    out: F32 = (1.0 - (1.0 - PENALTY_FIT) * share).astype(np.float32)
    return out


def availability_delay(available: ArrayLike, start: ArrayLike) -> F64:
    """Days late (0 when free in time, when available now (0) or when there is no start date (0))."""
    a = np.asarray(available, dtype=np.float64)
    s = np.asarray(start, dtype=np.float64)
    out: F64 = np.where((a == 0) | (s == 0), 0.0, np.maximum(a - s, 0.0))
    return out


def availability(delay: ArrayLike) -> F32:
    share = np.minimum(np.asarray(delay, dtype=np.float64), AVAILABILITY_HARD_DAYS) / AVAILABILITY_HARD_DAYS
    out: F32 = (1.0 - (1.0 - PENALTY_FIT) * share).astype(np.float32)
    return out
