"""Vectorised matching: one posting against every member, one member against every posting.

Hard filters are boolean masks over the whole pool; the factors are then computed as arrays for
the members that passed (usually a small share: location alone keeps a few départements), the
score is their weighted sum (0–100) and the best are picked with a partition. No Python loop
runs per pair.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from matching.communes import communes
from matching.scoring import factors
from matching.scoring.factors import LEVEL_CREDIT
from matching.scoring.geo import departement_index, distance_matrix, haversine_array
from matching.scoring.inputs import (
    CONTRACT_TYPES,
    NEED_KINDS,
    REMOTE_PREFERENCES,
    WORKING_TIMES,
    MemberProfile,
    PostingCriteria,
    cefr_rank,
)
from matching.scoring.pool import NO_MAXIMUM, MemberPool, PostingPool, bit, code, ordinal
from matching.scoring.weights import (
    AVAILABILITY_HARD_DAYS,
    CORE_FLOOR,
    ENGINE_VERSION,
    FACTORS,
    FLOOR_EPSILON,
    PAST_TITLE_FACTOR,
    PAY_HARD_LIMIT,
    applicable_factors,
    asked_competencies,
    asked_levels,
    effective_weights,
    member_levels,
)

Fits = npt.NDArray[np.float32]
Positions = npt.NDArray[np.intp]

DEFAULT_TOP_K = 200
DEFAULT_MIN_SCORE = 40.0


@dataclass(frozen=True, slots=True)
class MatchResult:
    """One proposed pair, with what is needed to trace it (EU AI Act: explainable, versioned).

    `contributions` are the points each applicable factor brought (they add up to `score`, to
    rounding); `weights` are the weights used for this posting. The French explanation of the pair
    is `explain(member, posting, framework)`, computed when a result is shown or stored.
    """

    posting_id: str
    member_id: str
    score: float
    contributions: Mapping[str, float]
    weights: Mapping[str, float]
    engine_version: str = ENGINE_VERSION


@dataclass(frozen=True, slots=True)
class Scored:
    """Scores of the candidates that passed the hard filters (positions in the pool, ascending).

    `coverage`, `distance` and `freshness` break ties, in that order, then the id: equal scores come
    out in the same order on every run, whatever the order the pool was built in.
    """

    candidates: Positions
    scores: Fits
    fits: dict[str, Fits]  # per factor, aligned with `candidates`
    coverage: npt.NDArray[np.float64]
    distance: npt.NDArray[np.float64]  # km, 0 when the posting has no place
    freshness: npt.NDArray[np.int32]  # date ordinal, larger is fresher
    id_rank: npt.NDArray[np.int32]


def top_indices(scored: Scored, *, top_k: int, min_score: float) -> Positions:
    """Positions (into `scored`) of the best `top_k` scores ≥ `min_score`, best first.

    Scores are compared as shown (to the hundredth); equal ones are ordered by competency coverage
    (higher first), distance (nearer first), freshness (more recent first), then id.
    """
    if top_k <= 0:
        return np.empty(0, dtype=np.intp)
    rounded = np.round(scored.scores.astype(np.float64), 2)
    cand = np.flatnonzero(scored.scores >= min_score)
    if len(cand) > top_k:
        s = rounded[cand]
        kth = s[np.argpartition(s, len(s) - top_k)[len(s) - top_k]]
        cand = cand[s >= kth]
    order = np.lexsort(
        (
            scored.id_rank[cand],
            -scored.freshness[cand].astype(np.int64),
            scored.distance[cand],
            -np.round(scored.coverage[cand], 9),
            -rounded[cand],
        )
    )
    out: Positions = cand[order][:top_k]
    return out


def _ids(index: Mapping[str, int], ids: list[str | None], unknown: str) -> list[int]:
    try:
        return [index[i or ""] for i in ids]
    except KeyError as exc:
        raise ValueError(f"{unknown} du référentiel : {exc.args[0]}") from None


def _floor(
    weights: Mapping[str, float], occupation: Fits | float, coverage: npt.NDArray[np.float64]
) -> npt.NDArray[np.bool_]:
    """Core fit at least CORE_FLOOR (see weights): what free secondary points cannot make up for."""
    w_occ, w_comp = weights["occupation"], weights["competencies"]
    total = w_occ + w_comp
    if total == 0:
        return np.ones(len(coverage), dtype=np.bool_)
    core = (w_occ * np.asarray(occupation, dtype=np.float64) + w_comp * coverage) / total
    ok: npt.NDArray[np.bool_] = core >= CORE_FLOOR - FLOOR_EPSILON
    return ok


def score_members(pool: MemberPool, posting: PostingCriteria) -> Scored:
    """Every member of `pool` against one posting: hard filters first, factors on who passed."""
    vocab = pool.vocabulary
    weights = effective_weights(posting)
    applies = set(applicable_factors(posting))
    located = "location" in applies
    if located:  # start from the members who may get there: usually a few percent of the pool
        column = departement_index()[posting.departement or ""]
        cand = pool.reach.indices[pool.reach.indptr[column] : pool.reach.indptr[column + 1]].astype(np.intp)
    else:
        cand = np.arange(len(pool))
    ok = pool.eligible[cand]
    if posting.need_kind is not None:
        ok &= (pool.offers[cand] & bit([posting.need_kind], NEED_KINDS)) != 0
    for lang, level in posting.languages.items():
        row = pool.language_codes.get(lang)
        if row is None:
            ok[:] = False
        else:
            ok &= pool.languages[row][cand] >= cefr_rank(level)
    if posting.contract_type is not None:
        wanted = bit([posting.contract_type], CONTRACT_TYPES)
        contracts = pool.contracts[cand]
        ok &= (contracts == 0) | ((contracts & wanted) != 0)
    required, _ = asked_levels(posting)
    for cid in posting.must_have:
        ok &= pool.levels[pool.vocabulary.competencies[cid]][cand] >= required[cid]
    wanted_time = code(posting.working_time, WORKING_TIMES)
    ok &= ~factors.working_time_excluded(pool.working_time[cand], wanted_time)
    ok &= ~factors.remote_excluded(pool.remote_preference[cand], posting.remote_mode)
    salary_max = NO_MAXIMUM if posting.salary_max is None else posting.salary_max
    daily_max = NO_MAXIMUM if posting.daily_rate_max is None else posting.daily_rate_max
    excess = np.maximum(
        factors.pay_excess(pool.salary[cand], salary_max),
        factors.pay_excess(pool.daily_rate[cand], daily_max),
    )
    ok &= excess <= PAY_HARD_LIMIT
    delay = factors.availability_delay(pool.available_from[cand], ordinal(posting.start_date))
    ok &= delay <= AVAILABILITY_HARD_DAYS
    distance = np.zeros(len(cand), dtype=np.float64)
    if located:
        distance = _distances_to_posting(pool, posting, cand)
        member_dep = pool.departement[cand]
        listed_here = pool.mobility.indices[pool.mobility.indptr[column] : pool.mobility.indptr[column + 1]]
        listed = np.isin(cand, listed_here)
        location = factors.location(distance, pool.radius[cand], member_dep == column, listed)
        ok &= location > 0
    occupation: Fits | float = 0.0
    if "occupation" in applies:
        index = _ids(vocab.occupations, [posting.occupation_id], "Métier inconnu")[0]
        occupation = pool.occupation_fit[index][cand]
    coverage = _coverage(pool, posting, cand) if "competencies" in applies else np.zeros(len(cand))
    ok &= _floor(weights, occupation, coverage)

    keep = np.flatnonzero(ok)
    cand, excess, delay, distance, coverage = (
        cand[keep],
        excess[keep],
        delay[keep],
        distance[keep],
        coverage[keep],
    )
    ones = np.ones(len(cand), dtype=np.float32)
    fits: dict[str, Fits] = dict.fromkeys(FACTORS, ones)
    if "occupation" in applies and not isinstance(occupation, float):
        fits["occupation"] = occupation[keep]
    if "competencies" in applies:
        fits["competencies"] = coverage.astype(np.float32)
    if located:
        fits["location"] = location[keep].astype(np.float32)
    fits["remote"] = factors.remote(pool.remote_preference[cand], posting.remote_mode)
    if "working_time" in applies:
        fits["working_time"] = factors.working_time(pool.working_time[cand], wanted_time)
    if "experience" in applies:
        fits["experience"] = factors.experience(pool.experience[cand], posting.min_experience_years)
    if "pay" in applies:
        fits["pay"] = factors.pay(excess)
    if "availability" in applies:
        fits["availability"] = factors.availability(delay)
    scores = np.zeros(len(cand), dtype=np.float32)
    for factor, weight in weights.items():
        scores += np.float32(weight) * fits[factor]
    return Scored(cand, scores, fits, coverage, distance, pool.last_active[cand], pool.id_rank[cand])


def _distances_to_posting(
    pool: MemberPool, posting: PostingCriteria, cand: Positions
) -> npt.NDArray[np.float64]:
    """Between commune centres where both are known, else between département centres (coarser)."""
    column = departement_index()[posting.departement or ""]
    coarse: npt.NDArray[np.float64] = distance_matrix()[column][pool.departement[cand]]
    if posting.commune is None:
        return coarse
    point = communes()[posting.commune]
    precise = haversine_array(pool.lat[cand], pool.lon[cand], point.lat, point.lon)
    out: npt.NDArray[np.float64] = np.where(np.isnan(pool.lat[cand]), coarse, precise)
    return out


def _coverage(pool: MemberPool, posting: PostingCriteria, cand: Positions) -> npt.NDArray[np.float64]:
    """Competency fit: one row of the level matrix per asked competency, credit by level (float64)."""
    asked = asked_competencies(posting)
    rows = _ids(pool.vocabulary.competencies, [c for c, _, _ in asked], "Compétence inconnue")
    cover = np.zeros(len(cand), dtype=np.float64)
    for row, (_, level, share) in zip(rows, asked, strict=True):
        cover += (LEVEL_CREDIT[level] * share)[pool.levels[row][cand]]
    return cover


def _contributions(points: dict[str, Fits]) -> list[dict[str, float]]:
    """Points per factor for each picked pair, rounded to hundredths in bulk."""
    names = list(points)
    columns = [np.round(points[f].astype(np.float64), 2).tolist() for f in names]
    return [dict(zip(names, row, strict=True)) for row in zip(*columns, strict=True)]


def _results(
    posting_ids: list[str],
    member_ids: list[str],
    scores: Fits,
    contributions: list[dict[str, float]],
    weights: Sequence[Mapping[str, float]],
) -> list[MatchResult]:
    rounded = np.round(scores.astype(np.float64), 2).tolist()
    return [
        MatchResult(posting_id=pid, member_id=mid, score=score, contributions=c, weights=w)
        for pid, mid, score, c, w in zip(
            posting_ids, member_ids, rounded, contributions, weights, strict=True
        )
    ]


def match_posting(
    pool: MemberPool,
    posting: PostingCriteria,
    *,
    top_k: int = DEFAULT_TOP_K,
    min_score: float = DEFAULT_MIN_SCORE,
) -> list[MatchResult]:
    """The best members for a posting (role or need), best first."""
    scored = score_members(pool, posting)
    best = top_indices(scored, top_k=top_k, min_score=min_score)
    weights = effective_weights(posting)
    points = {f: np.float32(w) * scored.fits[f][best] for f, w in weights.items()}
    ids = pool.member_ids
    return _results(
        [posting.posting_id] * len(best),
        [ids[i] for i in scored.candidates[best].tolist()],
        scored.scores[best],
        _contributions(points) if points else [{}] * len(best),
        [weights] * len(best),
    )


def score_postings(pool: PostingPool, member: MemberProfile) -> Scored:
    """One member against every posting of `pool` (a few thousand: no need to subset first)."""
    vocab = pool.vocabulary
    n = len(pool)
    ok = np.full(n, member.visibility != "hidden")
    ok &= (pool.need_kind == 0) | ((pool.need_kind & bit(member.offers, NEED_KINDS)) != 0)
    for lang, row in pool.language_codes.items():
        have = cefr_rank(member.languages[lang]) if lang in member.languages else 0
        ok &= pool.languages[row] <= have
    accepted = bit(member.accepted_contracts, CONTRACT_TYPES)
    if accepted:
        ok &= (pool.contract == 0) | ((pool.contract & accepted) != 0)

    fits: dict[str, Fits] = {}
    affinity = np.zeros(len(vocab.occupations) + 1, dtype=np.float32)  # last: posting without one
    for rank, oid in enumerate(member.occupation_ids):
        if oid in vocab.occupations:
            weight = 1.0 if rank == 0 else PAST_TITLE_FACTOR
            affinity[:-1] = np.maximum(affinity[:-1], weight * vocab.similarity[vocab.occupations[oid]])
    occupation = affinity[pool.occupation]

    levels = np.zeros(len(vocab.competencies), dtype=np.intp)
    for cid, level in member_levels(member.competencies, member.languages).items():
        if cid in vocab.competencies:
            levels[vocab.competencies[cid]] = level
    asked = pool.competencies
    credit = LEVEL_CREDIT[asked.data, levels[asked.indices]] * pool.competency_weight
    coverage = np.bincount(pool.competency_rows, weights=credit, minlength=n).astype(np.float64)
    musts = pool.must_have
    short = (levels[musts.indices] < musts.data).astype(np.float64)
    must_rows = np.repeat(np.arange(n), np.diff(musts.indptr))
    ok &= np.bincount(must_rows, weights=short, minlength=n) == 0

    w = pool.weights
    w_occ, w_comp = w[:, FACTORS.index("occupation")], w[:, FACTORS.index("competencies")]
    total = (w_occ + w_comp).astype(np.float64)
    core = np.where(
        total > 0, (w_occ * occupation.astype(np.float64) + w_comp * coverage) / np.maximum(total, 1e-9), 1.0
    )
    ok &= core >= CORE_FLOOR - FLOOR_EPSILON

    deps = departement_index()
    own = len(deps) if member.departement is None else deps[member.departement]
    located = pool.departement >= 0
    target = np.where(located, pool.departement, 0)
    distance = distance_matrix()[own][target]
    if member.commune is not None:
        home = communes()[member.commune]
        precise = haversine_array(pool.lat, pool.lon, home.lat, home.lon)
        distance = np.where(np.isnan(pool.lat), distance, precise)
    listed = np.zeros(len(deps), dtype=np.bool_)
    listed[[deps[d] for d in member.mobility_departements]] = True
    location = factors.location(distance, member.mobility_radius_km, target == own, listed[target])
    location = np.where(located, location, 1.0)
    ok &= location > 0
    distance = np.where(located, distance, 0.0)

    preference = REMOTE_PREFERENCES.index(member.remote_preference)
    wanted_time = code(member.working_time, WORKING_TIMES)
    ok &= ~factors.remote_excluded(preference, pool.remote_mode)
    ok &= ~factors.working_time_excluded(wanted_time, pool.working_time)
    excess = np.maximum(
        factors.pay_excess(member.salary_expectation or 0.0, pool.salary_max),
        factors.pay_excess(member.daily_rate or 0.0, pool.daily_rate_max),
    )
    ok &= excess <= PAY_HARD_LIMIT
    delay = factors.availability_delay(ordinal(member.available_from), pool.start)
    ok &= delay <= AVAILABILITY_HARD_DAYS

    fits["occupation"] = occupation
    fits["competencies"] = coverage.astype(np.float32)
    fits["location"] = location.astype(np.float32)
    fits["remote"] = factors.remote(preference, pool.remote_mode)
    fits["working_time"] = factors.working_time(wanted_time, pool.working_time)
    fits["experience"] = factors.experience(member.experience_years, pool.min_experience)
    fits["pay"] = factors.pay(excess)
    fits["availability"] = factors.availability(delay)
    scores = np.zeros(n, dtype=np.float32)
    for k, factor in enumerate(FACTORS):
        scores += pool.weights[:, k] * fits[factor]
    cand = np.flatnonzero(ok)
    return Scored(
        cand,
        scores[cand],
        {f: fit[cand] for f, fit in fits.items()},
        coverage[cand],
        distance[cand],
        pool.published[cand],
        pool.id_rank[cand],
    )


def match_member(
    pool: PostingPool,
    member: MemberProfile,
    *,
    top_k: int = DEFAULT_TOP_K,
    min_score: float = DEFAULT_MIN_SCORE,
) -> list[MatchResult]:
    """The best postings for a member, best first."""
    scored = score_postings(pool, member)
    best = top_indices(scored, top_k=top_k, min_score=min_score)
    rows = scored.candidates[best]
    postings = [pool.postings[i] for i in rows.tolist()]
    weights = [effective_weights(p) for p in postings]
    points = {f: pool.weights[rows, k] * scored.fits[f][best] for k, f in enumerate(FACTORS)}
    contributions = _contributions(points) if points else [{}] * len(best)
    return _results(
        [p.posting_id for p in postings],
        [member.member_id] * len(best),
        scored.scores[best],
        contributions,
        weights,
    )
