"""The engine against a recruiter's judgements (tests/data/match_judgements.json, graded beforehand)."""

from __future__ import annotations

from bench.match_quality import engine_ranker, evaluate, load, member_of, overlap_ranker

DATA = load()
MEMBERS = [member_of(raw) for raw in DATA["profiles"]]


def test_the_judgement_set_is_large_varied_and_fully_graded() -> None:
    postings = DATA["postings"]
    assert len(postings) >= 12 and len(MEMBERS) >= 60
    assert any(p["languages"] for p in postings)  # a bilingual role
    assert any(p["full_remote"] and p.get("kind", "role") == "role" for p in postings)
    assert any(p.get("need_kind") == "strategic_support" for p in postings)
    assert len({p["commune"][:2] for p in postings if p["commune"]}) >= 8  # regions
    for posting in postings:
        assert set(DATA["grades"][posting["posting_id"]]) == {m.member_id for m in MEMBERS}
        assert set(DATA["grades"][posting["posting_id"]].values()) <= {0, 1, 2, 3}
    assert "before the engine was run" in DATA["rubric"]["how"]


def test_the_engine_ranks_as_a_recruiter_would_and_breaks_no_hard_rule() -> None:
    quality = evaluate(engine_ranker(MEMBERS), DATA)

    assert quality.ndcg_at_10 >= 0.95
    assert quality.violations == ()


def test_the_engine_beats_the_skill_overlap_baseline() -> None:
    engine, baseline = evaluate(engine_ranker(MEMBERS), DATA), evaluate(overlap_ranker(MEMBERS), DATA)

    assert engine.ndcg_at_10 > baseline.ndcg_at_10
    assert engine.precision_at_5 >= baseline.precision_at_5
    assert baseline.violations  # the baseline proposes deal-breakers: the set can tell them apart
