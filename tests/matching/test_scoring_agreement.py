"""The vectorised engine agrees with the per-pair reference scorer, both directions, on random pools."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Literal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from matching.framework import load_framework
from matching.scoring import (
    MemberPool,
    MemberProfile,
    PostingCriteria,
    PostingPool,
    match_member,
    match_posting,
    score_pair,
)

FW = load_framework()
# a small vocabulary so random members and postings overlap often
OCCUPATIONS = ["assistant_direction", "office_manager", "secretaire", "secretaire_medical", "assistant_rh"]
COMPETENCIES = [c.id for c in FW.competencies[:10]]
LANGUAGES = ["en", "de", "es"]
CEFR = ["A1", "A2", "B1", "B2", "C1", "C2"]
DEPARTEMENTS = ["69", "38", "01", "75", "92", "93", "2A", "971"]
CONTRACTS = ["cdi", "cdd", "interim", "alternance", "stage", "freelance"]
OFFERS = ["strategic_support", "upskilling", "mission", "mentoring"]
DAY0 = date(2027, 1, 1)

levels = st.dictionaries(st.sampled_from(COMPETENCIES), st.integers(1, 4), max_size=6)
langs = st.dictionaries(st.sampled_from(LANGUAGES), st.sampled_from(CEFR), max_size=2)
days = st.builds(lambda d: DAY0 + timedelta(days=d), st.integers(-30, 200))
money = st.none() | st.integers(0, 80_000).map(float)

members = st.builds(
    MemberProfile,
    member_id=st.uuids().map(str),
    visibility=st.sampled_from(["hidden", "anonymous", "visible"]),
    occupation_ids=st.lists(st.sampled_from([*OCCUPATIONS, "not_in_framework"]), max_size=3).map(tuple),
    competencies=levels,
    languages=langs,
    departement=st.none() | st.sampled_from(DEPARTEMENTS),
    mobility_departements=st.frozensets(st.sampled_from(DEPARTEMENTS), max_size=2),
    mobility_radius_km=st.integers(0, 600).map(float),
    remote_preference=st.sampled_from(["none", "partial", "full"]),
    accepted_contracts=st.frozensets(st.sampled_from(CONTRACTS), max_size=3),
    working_time=st.none() | st.sampled_from(["full", "part"]),
    experience_years=st.integers(0, 20).map(float),
    salary_expectation=money,
    daily_rate=st.none() | st.integers(0, 900).map(float),
    available_from=st.none() | days,
    offers=st.frozensets(st.sampled_from(OFFERS), max_size=2),
)


KINDS: tuple[Literal["role", "need"], ...] = ("role", "need")


@st.composite
def postings(draw: st.DrawFn) -> PostingCriteria:
    kind: Literal["role", "need"] = draw(st.sampled_from(KINDS))
    required = draw(levels)
    nice = {c: lvl for c, lvl in draw(levels).items() if c not in required}
    return PostingCriteria(
        posting_id=str(draw(st.uuids())),
        kind=kind,
        need_kind=draw(st.sampled_from(OFFERS)) if kind == "need" else None,
        occupation_id=draw(st.none() | st.sampled_from(OCCUPATIONS)),
        required_competencies=required,
        nice_competencies=nice,
        languages=draw(langs),
        departement=draw(st.none() | st.sampled_from(DEPARTEMENTS)),
        full_remote=draw(st.booleans()),
        remote_days=draw(st.integers(0, 5)),
        contract_type=draw(st.none() | st.sampled_from(CONTRACTS)),
        working_time=draw(st.none() | st.sampled_from(["full", "part"])),
        min_experience_years=float(draw(st.integers(0, 10))),
        salary_max=draw(money),
        daily_rate_max=draw(st.none() | st.integers(0, 900).map(float)),
        start_date=draw(st.none() | days),
    )


def _check(
    result_score: float, contributions: dict[str, float], member: MemberProfile, posting: PostingCriteria
) -> None:
    expected = score_pair(member, posting, FW)
    assert expected.eligible
    assert abs(result_score - expected.score) < 0.006
    assert set(contributions) == {f.code for f in expected.factors}
    for factor in expected.factors:
        assert abs(contributions[factor.code] - factor.points) < 0.006, factor.code


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(members, min_size=1, max_size=25), postings())
def test_one_posting_against_a_pool_agrees_with_the_reference(
    pool_members: list[MemberProfile], posting: PostingCriteria
) -> None:
    pool = MemberPool.build(pool_members, FW)

    results = match_posting(pool, posting, top_k=len(pool_members), min_score=0)

    by_id = {m.member_id: m for m in pool_members}
    eligible = {m.member_id for m in pool_members if score_pair(m, posting, FW).eligible}
    assert {r.member_id for r in results} == eligible
    for r in results:
        _check(r.score, dict(r.contributions), by_id[r.member_id], posting)
    assert [r.score for r in results] == sorted((r.score for r in results), reverse=True)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(members, st.lists(postings(), min_size=1, max_size=25))
def test_one_member_against_postings_agrees_with_the_reference(
    member: MemberProfile, pool_postings: list[PostingCriteria]
) -> None:
    pool = PostingPool.build(pool_postings, FW)

    results = match_member(pool, member, top_k=len(pool_postings), min_score=0)

    by_id = {p.posting_id: p for p in pool_postings}
    eligible = {p.posting_id for p in pool_postings if score_pair(member, p, FW).eligible}
    assert {r.posting_id for r in results} == eligible
    for r in results:
        _check(r.score, dict(r.contributions), member, by_id[r.posting_id])
    assert [r.score for r in results] == sorted((r.score for r in results), reverse=True)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(members, min_size=1, max_size=30), postings(), st.integers(0, 10), st.integers(0, 90))
def test_top_k_and_min_score_cut_the_full_ranking(
    pool_members: list[MemberProfile], posting: PostingCriteria, top_k: int, min_score: int
) -> None:
    pool = MemberPool.build(pool_members, FW)
    full = match_posting(pool, posting, top_k=len(pool_members), min_score=0)

    cut = match_posting(pool, posting, top_k=top_k, min_score=min_score)

    # the same ranking, cut at k and at the threshold (rounded scores: skip the hair's breadth)
    assert cut == [r for r in full if r in cut]
    assert len(cut) <= top_k
    assert all(r.score >= min_score - 0.005 for r in cut)
    above = [r for r in full if r.score > min_score + 0.005]
    assert cut[: min(top_k, len(above))] == above[:top_k]
