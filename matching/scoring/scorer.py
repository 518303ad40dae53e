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

from matching.scoring import factors
from matching.scoring.factors import LEVEL_CREDIT
from matching.scoring.geo import departement_index, distance_matrix
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
    ENGINE_VERSION,
    FACTORS,
    PAST_TITLE_FACTOR,
    asked_competencies,
    effective_weights,
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
    """Scores of the candidates that passed the hard filters (positions in the pool, ascending)."""

    candidates: Positions
    scores: Fits
    fits: dict[str, Fits]  # per factor, aligned with `candidates`


def top_indices(scores: Fits, *, top_k: int, min_score: float) -> Positions:
    """Positions of the best `top_k` scores ≥ `min_score`, best first.

    Ties are broken by position, so the same input always gives the same list, including at the
    cut-off of `top_k`.
    """
    if top_k <= 0:
        return np.empty(0, dtype=np.intp)
    cand = np.flatnonzero(scores >= min_score)
    if len(cand) > top_k:
        s = scores[cand]
        kth = s[np.argpartition(s, len(s) - top_k)[len(s) - top_k]]
        above = cand[s > kth]
        ties = cand[s == kth][: top_k - len(above)]
        cand = np.concatenate([above, ties])
    return cand[np.lexsort((cand, -scores[cand]))]


def _ids(index: Mapping[str, int], ids: list[str | None], unknown: str) -> list[int]:
    try:
        return [index[i or ""] for i in ids]
    except KeyError as exc:
        raise ValueError(f"{unknown} du référentiel : {exc.args[0]}") from None


def score_members(pool: MemberPool, posting: PostingCriteria) -> Scored:
    """Every member of `pool` against one posting: hard filters first, factors on who passed."""
    vocab = pool.vocabulary
    weights = effective_weights(posting)
    located = "location" in weights
    if located:  # start from the members who can get there: usually a few percent of the pool
        column = departement_index()[posting.departement or ""]
        start, end = pool.location.indptr[column], pool.location.indptr[column + 1]
        cand = pool.location.indices[start:end]
        location = pool.location.data[start:end]
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
    cand = cand[ok]

    fits: dict[str, Fits] = {}
    if "occupation" in weights:
        occupation = _ids(vocab.occupations, [posting.occupation_id], "Métier inconnu")[0]
        fits["occupation"] = pool.occupation_fit[occupation][cand]
    if "competencies" in weights:
        fits["competencies"] = _coverage(pool, posting, cand)
    if located:
        fits["location"] = location[ok]
    fits["remote"] = factors.remote(pool.remote_preference[cand], posting.remote_mode)
    if "working_time" in weights:
        wanted_time = code(posting.working_time, WORKING_TIMES)
        fits["working_time"] = factors.working_time(pool.working_time[cand], wanted_time)
    if "experience" in weights:
        fits["experience"] = factors.experience(pool.experience[cand], posting.min_experience_years)
    if "pay" in weights:
        salary_max = NO_MAXIMUM if posting.salary_max is None else posting.salary_max
        fit = factors.pay(pool.salary[cand], salary_max)
        if posting.daily_rate_max is not None:
            fit = np.minimum(fit, factors.pay(pool.daily_rate[cand], posting.daily_rate_max))
        fits["pay"] = fit
    if "availability" in weights:
        start = ordinal(posting.start_date)
        fits["availability"] = factors.availability(pool.available_from[cand], start)
    scores = np.zeros(len(cand), dtype=np.float32)
    for factor, weight in weights.items():
        scores += np.float32(weight) * fits[factor]
    return Scored(cand, scores, fits)


def _coverage(pool: MemberPool, posting: PostingCriteria, cand: Positions) -> Fits:
    """Competency fit: one row of the level matrix per asked competency, credit by level."""
    asked = asked_competencies(posting)
    rows = _ids(pool.vocabulary.competencies, [c for c, _, _ in asked], "Compétence inconnue")
    cover = np.zeros(len(cand), dtype=np.float32)
    for row, (_, level, share) in zip(rows, asked, strict=True):
        lookup = (LEVEL_CREDIT[level] * share).astype(np.float32)
        cover += lookup[pool.levels[row][cand]]
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
    best = top_indices(scored.scores, top_k=top_k, min_score=min_score)
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
    fits["occupation"] = affinity[pool.occupation]

    levels = np.zeros(len(vocab.competencies), dtype=np.intp)
    for cid, level in member.competencies.items():
        if cid in vocab.competencies:
            levels[vocab.competencies[cid]] = level
    asked = pool.competencies
    credit = LEVEL_CREDIT[asked.data, levels[asked.indices]] * pool.competency_weight
    coverage = np.bincount(pool.competency_rows, weights=credit, minlength=n)
    fits["competencies"] = coverage.astype(np.float32)

    deps = departement_index()
    own = len(deps) if member.departement is None else deps[member.departement]
    listed = np.zeros(len(deps), dtype=np.bool_)
    listed[[deps[d] for d in member.mobility_departements]] = True
    by_departement = factors.location(
        np.arange(len(deps)) == own,
        listed,
        distance_matrix()[own][: len(deps)],
        member.mobility_radius_km,
    )
    location = np.where(pool.departement >= 0, by_departement[pool.departement], np.float32(1.0))
    ok &= location > 0
    fits["location"] = location
    preference = REMOTE_PREFERENCES.index(member.remote_preference)
    fits["remote"] = factors.remote(preference, pool.remote_mode)
    wanted_time = code(member.working_time, WORKING_TIMES)
    fits["working_time"] = factors.working_time(wanted_time, pool.working_time)
    fits["experience"] = factors.experience(member.experience_years, pool.min_experience)
    fits["pay"] = np.minimum(
        factors.pay(member.salary_expectation or 0.0, pool.salary_max),
        factors.pay(member.daily_rate or 0.0, pool.daily_rate_max),
    )
    fits["availability"] = factors.availability(ordinal(member.available_from), pool.start)
    scores = np.zeros(n, dtype=np.float32)
    for k, factor in enumerate(FACTORS):
        scores += pool.weights[:, k] * fits[factor]
    cand = np.flatnonzero(ok)
    return Scored(cand, scores[cand], {f: fit[cand] for f, fit in fits.items()})


def match_member(
    pool: PostingPool,
    member: MemberProfile,
    *,
    top_k: int = DEFAULT_TOP_K,
    min_score: float = DEFAULT_MIN_SCORE,
) -> list[MatchResult]:
    """The best postings for a member, best first."""
    scored = score_postings(pool, member)
    best = top_indices(scored.scores, top_k=top_k, min_score=min_score)
    rows = scored.candidates[best]
    postings = [pool.postings[i] for i in rows.tolist()]
    weights = [effective_weights(p) for p in postings]
    points = {f: pool.weights[rows, k] * scored.fits[f][best] for k, f in enumerate(FACTORS)}
    contributions = [
        {f: v for f, v in c.items() if f in w} for c, w in zip(_contributions(points), weights, strict=True)
    ]
    return _results(
        [p.posting_id for p in postings],
        [member.member_id] * len(best),
        scored.scores[best],
        contributions,
        weights,
    )
