"""Each hard filter excludes the member in the engine, both directions, and says why in French."""

from __future__ import annotations

from dataclasses import replace

import pytest

from matching.framework import load_framework
from matching.scoring import (
    MemberPool,
    MemberProfile,
    PostingCriteria,
    PostingPool,
    explain,
    match_member,
    match_posting,
)

FW = load_framework()

MEMBER = MemberProfile(
    member_id="m",
    occupation_ids=("assistant_direction",),
    competencies={"gestion_agenda": 3},
    languages={"en": "B2"},
    departement="69",
    mobility_radius_km=0,
    offers=frozenset({"mentoring"}),
)
ROLE = PostingCriteria(
    posting_id="p",
    occupation_id="assistant_direction",
    required_competencies={"gestion_agenda": 3},
    languages={"en": "B2"},
    departement="69",
    contract_type="cdi",
)
NEED = PostingCriteria(
    posting_id="n",
    kind="need",
    need_kind="mentoring",
    required_competencies={"gestion_agenda": 3},
    departement="69",
)


def _proposed(member: MemberProfile, posting: PostingCriteria) -> tuple[bool, bool]:
    """Whether the member is proposed, seen from the posting and from the member."""
    by_posting = match_posting(MemberPool.build([member], FW), posting, min_score=0)
    by_member = match_member(PostingPool.build([posting], FW), member, min_score=0)
    return bool(by_posting), bool(by_member)


@pytest.mark.parametrize("posting", [ROLE, NEED], ids=["role", "need"])
def test_the_base_pair_is_proposed(posting: PostingCriteria) -> None:
    assert _proposed(MEMBER, posting) == (True, True)
    assert explain(MEMBER, posting, FW).excluded_by is None


@pytest.mark.parametrize(
    ("member", "posting", "code", "words"),
    [
        (replace(MEMBER, visibility="hidden"), ROLE, "visibility", "Profil masqué"),
        (replace(MEMBER, languages={"en": "B1"}), ROLE, "language", "anglais B2 requis, niveau déclaré B1"),
        (replace(MEMBER, languages={}), ROLE, "language", "niveau déclaré aucun"),
        (MEMBER, replace(ROLE, languages={"de": "A2"}), "language", "allemand A2 requis"),
        (
            replace(MEMBER, accepted_contracts=frozenset({"cdd", "freelance"})),
            ROLE,
            "contract",
            "n'accepte pas « CDI »",
        ),
        (MEMBER, replace(ROLE, departement="13"), "location", "département 13 – Bouches-du-Rhône"),
        (replace(MEMBER, departement=None), ROLE, "location", "hors de la zone de mobilité"),
        (replace(MEMBER, offers=frozenset({"mission"})), NEED, "offer", "« mentorat »"),
        (replace(MEMBER, offers=frozenset()), NEED, "offer", "ne propose pas d'appui"),
    ],
    ids=[
        "hidden",
        "language-below",
        "language-absent",
        "language-other",
        "contract-refused",
        "location-far",
        "location-unknown",
        "offer-other",
        "offer-none",
    ],
)
def test_a_hard_filter_excludes_and_is_named(
    member: MemberProfile, posting: PostingCriteria, code: str, words: str
) -> None:
    assert _proposed(member, posting) == (False, False)
    why = explain(member, posting, FW)
    assert not why.eligible
    assert [e.code for e in why.exclusions] == [code]
    assert why.excluded_by is not None and words in why.excluded_by


@pytest.mark.parametrize(
    ("member", "posting"),
    [
        (replace(MEMBER, languages={"en": "C2"}), ROLE),  # above the level asked
        (replace(MEMBER, accepted_contracts=frozenset()), ROLE),  # no preference: any contract
        (replace(MEMBER, accepted_contracts=frozenset({"cdi", "cdd"})), ROLE),
        (MEMBER, replace(ROLE, contract_type=None)),
        (MEMBER, replace(ROLE, departement="13", full_remote=True)),  # far, but full remote
        (replace(MEMBER, mobility_departements=frozenset({"13"})), replace(ROLE, departement="13")),
        (replace(MEMBER, mobility_radius_km=150), replace(ROLE, departement="38")),  # ~100 km
        (MEMBER, replace(ROLE, departement=None)),  # no place given
        (replace(MEMBER, offers=frozenset({"mentoring", "mission"})), NEED),
    ],
    ids=[
        "language-above",
        "contract-any",
        "contract-listed",
        "contract-unspecified",
        "full-remote",
        "mobility-listed",
        "mobility-radius",
        "no-location",
        "offer-among-others",
    ],
)
def test_what_passes_the_filters(member: MemberProfile, posting: PostingCriteria) -> None:
    assert _proposed(member, posting) == (True, True)


def test_partial_remote_does_not_rescue_an_impossible_location() -> None:
    posting = replace(ROLE, departement="13", remote_days=3)

    assert _proposed(MEMBER, posting) == (False, False)


def test_the_radius_is_a_limit() -> None:
    near = replace(MEMBER, mobility_radius_km=50)  # Rhône → Isère is about 100 km centroid to centroid

    assert _proposed(near, replace(ROLE, departement="38")) == (False, False)


def test_every_failed_filter_is_listed_for_diagnostics() -> None:
    member = replace(MEMBER, visibility="hidden", languages={}, departement="13")

    why = explain(member, ROLE, FW)

    assert [e.code for e in why.exclusions] == ["visibility", "language", "location"]
    assert why.excluded_by == why.exclusions[0].message
    assert why.score > 0  # what they would have scored, for staff
