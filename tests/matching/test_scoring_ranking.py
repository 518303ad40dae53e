"""Ranking: best first, top-k, threshold, ties, determinism, both directions."""

from __future__ import annotations

from dataclasses import replace

from matching.framework import load_framework
from matching.scoring import (
    MemberPool,
    MemberProfile,
    PostingCriteria,
    PostingPool,
    match_member,
    match_posting,
)

FW = load_framework()

ROLE = PostingCriteria(
    posting_id="p",
    occupation_id="assistant_direction",
    required_competencies={"gestion_agenda": 4, "organisation_deplacements": 2},
    departement="75",
)


def _member(i: int, occupation: str, agenda: int) -> MemberProfile:
    return MemberProfile(
        member_id=f"m{i}",
        occupation_ids=(occupation,),
        competencies={"gestion_agenda": agenda, "organisation_deplacements": 2},
        departement="75",
    )


MEMBERS = [
    _member(0, "secretaire_medical", 1),  # unrelated occupation, weak: below the floor
    _member(1, "assistant_direction", 4),  # the best
    _member(2, "office_manager", 4),  # related occupation
    _member(3, "assistant_direction", 2),
    _member(4, "assistant_direction", 4),  # same as m1: a tie, broken by position
]


def test_best_first_with_ties_in_pool_order() -> None:
    results = match_posting(MemberPool.build(MEMBERS, FW), ROLE, min_score=0)

    # m0 (another profession, weak) is under the floor on occupation and competency fit
    assert [r.member_id for r in results] == ["m1", "m4", "m2", "m3"]
    assert results[0].score == results[1].score == 100.0


def test_top_k_and_min_score() -> None:
    pool = MemberPool.build(MEMBERS, FW)
    scores = {r.member_id: r.score for r in match_posting(pool, ROLE, min_score=0)}

    assert [r.member_id for r in match_posting(pool, ROLE, top_k=2, min_score=0)] == ["m1", "m4"]
    assert [r.member_id for r in match_posting(pool, ROLE, top_k=1, min_score=0)] == ["m1"]
    assert match_posting(pool, ROLE, top_k=0) == []
    threshold = scores["m2"]
    assert [r.member_id for r in match_posting(pool, ROLE, min_score=threshold)] == ["m1", "m4", "m2"]
    assert all(r.score >= 40 for r in match_posting(pool, ROLE))  # the default threshold


def test_the_same_input_gives_the_same_output() -> None:
    first = match_posting(MemberPool.build(MEMBERS, FW), ROLE, min_score=0)
    again = match_posting(MemberPool.build(list(MEMBERS), FW), ROLE, min_score=0)

    assert first == again


def test_a_member_gets_postings_best_first() -> None:
    member = MEMBERS[1]
    postings = [
        replace(ROLE, posting_id="elsewhere", departement="92"),  # listed nowhere: excluded
        replace(ROLE, posting_id="related", occupation_id="office_manager"),
        ROLE,
        replace(ROLE, posting_id="remote", departement=None, full_remote=True),
    ]

    results = match_member(PostingPool.build(postings, FW), member, min_score=0)

    # the member prefers on-site work: a fully remote role is a serious mismatch (strong penalty)
    assert [r.posting_id for r in results] == ["p", "related", "remote"]
    assert [r.score for r in results] == sorted((r.score for r in results), reverse=True)
    assert match_member(PostingPool.build(postings, FW), member, top_k=1, min_score=0)[0].posting_id == "p"


def test_hidden_members_are_never_matched_either_way() -> None:
    hidden = replace(MEMBERS[1], visibility="hidden")

    assert match_posting(MemberPool.build([hidden], FW), ROLE, min_score=0) == []
    assert match_member(PostingPool.build([ROLE], FW), hidden, min_score=0) == []
