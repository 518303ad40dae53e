"""Members and postings turned into arrays once, so each match is a few array operations.

`MemberPool` is what a posting is matched against (one column per member); `PostingPool` is what
a member is matched against. Both are built from plain inputs in one pass and are read-only.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from types import MappingProxyType
from typing import Any

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

from matching.communes import communes
from matching.framework import Framework
from matching.scoring.geo import departement_extent, departement_index, distance_matrix
from matching.scoring.inputs import (
    CONTRACT_TYPES,
    NEED_KINDS,
    REMOTE_PREFERENCES,
    WORKING_TIMES,
    MemberProfile,
    PostingCriteria,
    cefr_rank,
)
from matching.scoring.reference import check_posting
from matching.scoring.vocabulary import Vocabulary
from matching.scoring.weights import (
    FACTORS,
    PAST_TITLE_FACTOR,
    asked_competencies,
    asked_levels,
    effective_weights,
    member_levels,
)

F32 = npt.NDArray[np.float32]
I8 = npt.NDArray[np.int8]


def bit(values: Iterable[str], universe: tuple[str, ...]) -> int:
    """A set of contract types or need kinds as a bit mask (0 is the empty set)."""
    mask = 0
    for value in values:
        mask |= 1 << universe.index(value)
    return mask


def code(value: str | None, universe: tuple[str, ...]) -> int:
    """An optional choice as 0 (none) or its 1-based position."""
    return 0 if value is None else universe.index(value) + 1


def ordinal(day: date | None) -> int:
    """A date as a day number; 0 stands for "none" (available now, no start date)."""
    return 0 if day is None else day.toordinal()


NO_MAXIMUM = 1e30  # a posting without a pay maximum: every expectation is within it


def _or(value: float | None, default: float) -> float:
    return default if value is None else float(value)


def _point(commune: str | None) -> tuple[float, float]:
    """A commune's centre, NaN when unknown (the place is then known to its département only)."""
    if commune is None:
        return (np.nan, np.nan)
    place = communes()[commune]
    return (place.lat, place.lon)


def _rank(ids: tuple[str, ...]) -> npt.NDArray[np.int32]:
    """Each id's position in sorted order: the last tie-breaker, the same whatever the pool order."""
    rank = np.empty(len(ids), dtype=np.int32)
    rank[np.argsort(np.array(ids, dtype=object), kind="stable")] = np.arange(len(ids), dtype=np.int32)
    return rank


def _freeze(*arrays: npt.NDArray[Any]) -> None:
    for a in arrays:
        a.setflags(write=False)


@dataclass(frozen=True, eq=False)
class MemberPool:
    """All members as columns: competency levels, per-occupation and per-département fits, flags."""

    vocabulary: Vocabulary
    member_ids: tuple[str, ...]
    eligible: npt.NDArray[np.bool_]  # not hidden
    levels: I8  # competencies × members, 0 (none) – 4; dense: 1 byte a cell, a posting reads a few rows
    occupation_fit: F32  # occupations × members: best fit of the member for each occupation
    language_codes: MappingProxyType[str, int]
    languages: I8  # languages × members, CEFR rank 0 (none) – 6 (C2)
    reach: sp.csc_array  # members × départements: may reach some place of it (exact check at match)
    mobility: sp.csc_array  # members × départements the member listed
    departement: npt.NDArray[np.int16]  # index, len(départements) when unknown
    lat: npt.NDArray[np.float64]  # commune centre, NaN when the commune is unknown
    lon: npt.NDArray[np.float64]
    radius: npt.NDArray[np.float64]  # km, 0 = not stated (own département)
    last_active: npt.NDArray[np.int32]  # date ordinal, 0 = unknown
    id_rank: npt.NDArray[np.int32]
    remote_preference: I8  # 0 none, 1 partial, 2 full
    contracts: npt.NDArray[np.uint8]  # accepted contract types as bits, 0 = any
    working_time: I8  # 0 either, 1 full, 2 part
    experience: F32
    salary: F32  # 0 when not stated: no conflict with any budget
    daily_rate: F32
    available_from: F32  # date ordinal (exact in float32), 0 = now
    offers: npt.NDArray[np.uint8]  # need kinds offered as bits

    def __len__(self) -> int:
        return len(self.member_ids)

    @classmethod
    def build(cls, profiles: Iterable[MemberProfile], framework: Framework) -> MemberPool:
        """One pass over `profiles` (any iterable, so a million can be streamed from the database).

        Competencies and occupations unknown to this framework version are ignored: they cannot
        match any posting, which only names framework ids.
        """
        vocab = Vocabulary.of(framework)
        deps = departement_index()
        unknown_dep = len(deps)
        ids: list[str] = []
        eligible, remote, wtime, contracts, offers = (array("b") for _ in range(5))
        dep = array("h")
        exp, salary, daily = (array("f") for _ in range(3))
        radius, lats, lons = array("d"), array("d"), array("d")
        avail = array("f")
        fresh = array("i")
        comp_rows, comp_cols, occ_rows, occ_cols = (array("i") for _ in range(4))
        comp_levels = array("b")
        occ_weights = array("f")
        lang_rows, lang_cols, mob_rows, mob_cols = (array("i") for _ in range(4))
        lang_levels = array("b")
        lang_codes: dict[str, int] = {}
        for row, p in enumerate(profiles):
            ids.append(p.member_id)
            eligible.append(p.visibility != "hidden")
            for cid, level in member_levels(p.competencies, p.languages).items():
                col = vocab.competencies.get(cid)
                if col is not None:
                    comp_rows.append(row)
                    comp_cols.append(col)
                    comp_levels.append(level)
            best: dict[int, float] = {}
            for rank, oid in enumerate(p.occupation_ids):
                occ = vocab.occupations.get(oid)
                if occ is not None:
                    best[occ] = max(best.get(occ, 0.0), 1.0 if rank == 0 else PAST_TITLE_FACTOR)
            for occ, weight in best.items():
                occ_rows.append(row)
                occ_cols.append(occ)
                occ_weights.append(weight)
            for lang, cefr in p.languages.items():
                lang_rows.append(row)
                lang_cols.append(lang_codes.setdefault(lang, len(lang_codes)))
                lang_levels.append(cefr_rank(cefr))
            dep.append(unknown_dep if p.departement is None else deps[p.departement])
            for d in p.mobility_departements:
                mob_rows.append(row)
                mob_cols.append(deps[d])
            radius.append(p.mobility_radius_km)
            lat, lon = _point(p.commune)
            lats.append(lat)
            lons.append(lon)
            fresh.append(ordinal(p.last_active))
            remote.append(REMOTE_PREFERENCES.index(p.remote_preference))
            contracts.append(bit(p.accepted_contracts, CONTRACT_TYPES))
            wtime.append(code(p.working_time, WORKING_TIMES))
            exp.append(p.experience_years)
            salary.append(_or(p.salary_expectation, 0.0))
            daily.append(_or(p.daily_rate, 0.0))
            avail.append(ordinal(p.available_from))
            offers.append(bit(p.offers, NEED_KINDS))
        n = len(ids)
        mobility = sp.csc_array(
            (
                np.ones(len(mob_rows), dtype=np.bool_),
                (np.frombuffer(mob_rows, np.int32), np.frombuffer(mob_cols, np.int32)),
            ),
            shape=(n, unknown_dep),
        )
        departement = np.frombuffer(dep, np.int16).copy()
        radii = np.frombuffer(radius, np.float64).copy()
        pool = cls(
            vocabulary=vocab,
            member_ids=tuple(ids),
            eligible=np.frombuffer(eligible, np.int8).astype(np.bool_),
            levels=_by_row(comp_cols, comp_rows, comp_levels, (len(vocab.competencies), n)),
            occupation_fit=_occupation_fit(vocab, n, occ_rows, occ_cols, occ_weights),
            language_codes=MappingProxyType(lang_codes),
            languages=_by_row(lang_cols, lang_rows, lang_levels, (len(lang_codes), n)),
            reach=_reach(departement, mobility, radii),
            mobility=mobility,
            departement=departement,
            lat=np.frombuffer(lats, np.float64).copy(),
            lon=np.frombuffer(lons, np.float64).copy(),
            radius=radii,
            last_active=np.frombuffer(fresh, np.int32).copy(),
            id_rank=_rank(tuple(ids)),
            remote_preference=np.frombuffer(remote, np.int8).copy(),
            contracts=np.frombuffer(contracts, np.int8).view(np.uint8).copy(),
            working_time=np.frombuffer(wtime, np.int8).copy(),
            experience=np.frombuffer(exp, np.float32).copy(),
            salary=np.frombuffer(salary, np.float32).copy(),
            daily_rate=np.frombuffer(daily, np.float32).copy(),
            available_from=np.frombuffer(avail, np.float32).copy(),
            offers=np.frombuffer(offers, np.int8).view(np.uint8).copy(),
        )
        _freeze(*(v for v in vars(pool).values() if isinstance(v, np.ndarray)))
        return pool

    @property
    def nbytes(self) -> int:
        """Memory held by the arrays (the benchmark reports it)."""
        total = 0
        for value in vars(self).values():
            if isinstance(value, np.ndarray):
                total += value.nbytes
            elif isinstance(value, sp.csc_array):
                total += value.data.nbytes + value.indices.nbytes + value.indptr.nbytes
        return total


def _by_row(rows: array[int], cols: array[int], values: array[int], shape: tuple[int, int]) -> I8:
    """A dense int8 matrix from (row, column, value) triplets."""
    matrix = np.zeros(shape, dtype=np.int8)
    matrix[np.frombuffer(rows, np.int32), np.frombuffer(cols, np.int32)] = np.frombuffer(values, np.int8)
    return matrix


def _reach(
    departement: npt.NDArray[np.int16], mobility: sp.csc_array, radius: npt.NDArray[np.float64]
) -> sp.csc_array:
    """reach[m, d]: member m may reach some place of département d (listed, own, or maybe in radius).

    A member's reach does not depend on the posting, so it is computed once per département here;
    matching a located posting then starts from one column and checks exact distances on it. The
    bound uses the farthest commune of each département (triangle inequality), so it never drops a
    member who is in fact within their radius.
    """
    distances = distance_matrix()
    extent = departement_extent()
    columns, indptr = [], [0]
    for d in range(mobility.shape[1]):
        listed = np.zeros(len(departement), dtype=np.bool_)
        listed[mobility.indices[mobility.indptr[d] : mobility.indptr[d + 1]]] = True
        with np.errstate(invalid="ignore"):
            gap = distances[d][departement] - extent[departement] - extent[d]
        near = (radius > 0) & (gap <= radius)
        reach = np.flatnonzero(listed | (departement == d) | near)
        columns.append(reach.astype(np.int32))
        indptr.append(indptr[-1] + len(reach))
    return sp.csc_array(
        (np.ones(indptr[-1], dtype=np.bool_), np.concatenate(columns), np.array(indptr, dtype=np.int64)),
        shape=(len(departement), mobility.shape[1]),
    )


def _occupation_fit(
    vocab: Vocabulary, n: int, rows: array[int], cols: array[int], weights: array[float]
) -> F32:
    """fit[o, m] = max over the member's occupations j of weight(j) × similarity(j, o).

    Precomputed because there are few occupations: matching one posting then reads one row.
    """
    fit = np.zeros((len(vocab.occupations), n), dtype=np.float32)
    r = np.frombuffer(rows, np.int32)
    c = np.frombuffer(cols, np.int32)
    w = np.frombuffer(weights, np.float32)
    for j in range(len(vocab.occupations)):
        sel = c == j
        members, weight = r[sel], w[sel]  # each member at most once per occupation
        fit[:, members] = np.maximum(fit[:, members], vocab.similarity[j][:, None] * weight[None, :])
    return fit


@dataclass(frozen=True, eq=False)
class PostingPool:
    """All open postings as rows, for matching one member against them."""

    vocabulary: Vocabulary
    postings: tuple[PostingCriteria, ...]
    weights: F32  # postings × FACTORS, effective weights (0 where a factor does not apply)
    need_kind: npt.NDArray[np.uint8]  # bit of the need kind, 0 for roles
    occupation: npt.NDArray[np.int16]  # -1 when none
    competencies: sp.csr_array  # postings × competencies, asked levels
    competency_weight: npt.NDArray[np.float64]  # aligned with competencies.data: share of the factor
    competency_rows: npt.NDArray[np.int32]  # posting of each stored competency
    language_codes: MappingProxyType[str, int]
    languages: I8  # languages × postings, required CEFR rank (0 none)
    departement: npt.NDArray[np.int16]  # -1 when no location constraint (none or full remote)
    lat: npt.NDArray[np.float64]  # commune centre, NaN when unknown or not located
    lon: npt.NDArray[np.float64]
    must_have: sp.csr_array  # postings × competencies, level asked of each must-have
    published: npt.NDArray[np.int32]  # date ordinal, 0 = unknown
    id_rank: npt.NDArray[np.int32]
    remote_mode: I8
    contract: npt.NDArray[np.uint8]  # bit of the contract type, 0 when none
    working_time: I8
    min_experience: F32
    salary_max: F32  # NO_MAXIMUM when none
    daily_rate_max: F32
    start: npt.NDArray[np.int32]  # ordinal, 0 when none

    def __len__(self) -> int:
        return len(self.postings)

    @classmethod
    def build(cls, postings: Iterable[PostingCriteria], framework: Framework) -> PostingPool:
        vocab = Vocabulary.of(framework)
        deps = departement_index()
        items = tuple(postings)
        for posting in items:
            check_posting(posting, framework)
        n = len(items)
        lang_codes: dict[str, int] = {}
        for posting in items:
            for lang in posting.languages:
                lang_codes.setdefault(lang, len(lang_codes))
        languages = np.zeros((len(lang_codes), n), dtype=np.int8)
        weights = np.zeros((n, len(FACTORS)), dtype=np.float32)
        indptr, cols, levels, shares = [0], [], [], []
        for row, p in enumerate(items):
            for factor, w in effective_weights(p).items():
                weights[row, FACTORS.index(factor)] = w
            for cid, level, share in asked_competencies(p):
                cols.append(vocab.competencies[cid])
                levels.append(level)
                shares.append(share)
            indptr.append(len(cols))
            for lang, cefr in p.languages.items():
                languages[lang_codes[lang], row] = cefr_rank(cefr)
        competencies = sp.csr_array(
            (
                np.array(levels, dtype=np.int8),
                np.array(cols, dtype=np.int32),
                np.array(indptr, dtype=np.int32),
            ),
            shape=(n, len(vocab.competencies)),
        )
        located = [p.departement is not None and not p.full_remote for p in items]
        points = [_point(p.commune if ok else None) for p, ok in zip(items, located, strict=True)]
        musts: list[tuple[int, int, int]] = []
        for row, p in enumerate(items):
            required, _ = asked_levels(p)
            musts += [(row, vocab.competencies[c], required[c]) for c in p.must_have]
        must_have = sp.csr_array(
            (
                np.array([lvl for _, _, lvl in musts], dtype=np.int8),
                (
                    np.array([r for r, _, _ in musts], dtype=np.int32),
                    np.array([c for _, c, _ in musts], dtype=np.int32),
                ),
            ),
            shape=(n, len(vocab.competencies)),
        )
        return cls(
            vocabulary=vocab,
            postings=items,
            weights=weights,
            need_kind=np.array(
                [bit([p.need_kind] if p.need_kind else [], NEED_KINDS) for p in items], dtype=np.uint8
            ),
            occupation=np.array(
                [-1 if p.occupation_id is None else vocab.occupations[p.occupation_id] for p in items],
                dtype=np.int16,
            ),
            competencies=competencies,
            competency_weight=np.array(shares, dtype=np.float64),
            competency_rows=np.repeat(np.arange(n, dtype=np.int32), np.diff(competencies.indptr)),
            language_codes=MappingProxyType(lang_codes),
            languages=languages,
            departement=np.array(
                [
                    deps[p.departement] if ok and p.departement else -1
                    for p, ok in zip(items, located, strict=True)
                ],
                dtype=np.int16,
            ),
            lat=np.array([pt[0] for pt in points], dtype=np.float64),
            lon=np.array([pt[1] for pt in points], dtype=np.float64),
            must_have=must_have,
            published=np.array([ordinal(p.published) for p in items], dtype=np.int32),
            id_rank=_rank(tuple(p.posting_id for p in items)),
            remote_mode=np.array([p.remote_mode for p in items], dtype=np.int8),
            contract=np.array(
                [bit([p.contract_type] if p.contract_type else [], CONTRACT_TYPES) for p in items],
                dtype=np.uint8,
            ),
            working_time=np.array([code(p.working_time, WORKING_TIMES) for p in items], dtype=np.int8),
            min_experience=np.array([p.min_experience_years for p in items], dtype=np.float32),
            salary_max=np.array([_or(p.salary_max, NO_MAXIMUM) for p in items], dtype=np.float32),
            daily_rate_max=np.array([_or(p.daily_rate_max, NO_MAXIMUM) for p in items], dtype=np.float32),
            start=np.array([ordinal(p.start_date) for p in items], dtype=np.int32),
        )
