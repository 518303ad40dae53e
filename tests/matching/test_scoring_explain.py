"""Explanations: French sentences, competency gaps, upskilling by domain, traceability."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from matching.framework import load_framework
from matching.scoring import (
    ENGINE_VERSION,
    WEIGHTS,
    Explanation,
    MemberPool,
    MemberProfile,
    PostingCriteria,
    explain,
    match_posting,
)

FW = load_framework()

MEMBER = MemberProfile(
    member_id="m",
    occupation_ids=("secretaire", "assistant_direction"),
    competencies={"gestion_agenda": 4, "organisation_deplacements": 1, "tableur_avance": 2},
    languages={"en": "C1"},
    departement="69",
    mobility_radius_km=150,
    remote_preference="partial",
    experience_years=2,
    salary_expectation=36_000,
    available_from=date(2027, 3, 1),
)
ROLE = PostingCriteria(
    posting_id="p",
    occupation_id="assistant_direction",
    required_competencies={"gestion_agenda": 3, "organisation_deplacements": 3, "tableaux_bord": 2},
    nice_competencies={"ia_generative": 2},
    languages={"en": "B2"},
    departement="38",
    remote_days=2,
    contract_type="cdi",
    working_time="full",
    min_experience_years=4,
    salary_max=40_000,
    start_date=date(2027, 2, 1),
)


def test_matched_and_missing_competencies_with_level_gaps() -> None:
    why = explain(MEMBER, ROLE, FW)

    assert [(c.competency_id, c.member_level, c.asked_level) for c in why.matched] == [
        ("gestion_agenda", 4, 3)
    ]
    gaps = {c.competency_id: (c.gap, c.required) for c in why.missing}
    assert gaps == {
        "organisation_deplacements": (2, True),
        "tableaux_bord": (2, True),
        "ia_generative": (2, False),
    }


def test_upskilling_suggestions_are_grouped_by_domain() -> None:
    why = explain(MEMBER, ROLE, FW)

    domains = {g.domain_id: [c.competency_id for c in g.competencies] for g in why.upskilling}
    for domain, competencies in domains.items():
        assert all(FW.competency(c).domain == domain for c in competencies)
    assert sorted(c for cs in domains.values() for c in cs) == sorted(c.competency_id for c in why.missing)
    travel = next(
        g for g in why.upskilling if g.domain_id == FW.competency("organisation_deplacements").domain
    )
    assert travel.domain_label == next(d.label for d in FW.domains if d.id == travel.domain_id)
    assert any(
        "Progresser en « Organisation de déplacements professionnels » : du niveau « notions » (1) "
        "au niveau « maîtrise » (3)" in s
        for s in travel.suggestions
    )
    labels = " ".join(s for g in why.upskilling for s in g.suggestions)
    assert f"Acquérir « {FW.competency('tableaux_bord').label} »" in labels


def test_each_factor_is_explained_in_french_with_its_contribution() -> None:
    why = explain(MEMBER, ROLE, FW)
    text = "\n".join(why.sentences)

    assert [f.code for f in why.factors] == list(WEIGHTS)  # every factor applies to this role
    assert abs(sum(f.points for f in why.factors) - why.score) < 0.05
    for expected in [
        "Score de correspondance",
        f"moteur {ENGINE_VERSION}",
        "Métier (sur 30 points) : a déjà exercé le métier du poste (« Assistant·e de direction »)",
        "Compétences (sur 40 points) : 1 compétence(s) requise(s) sur 3 au niveau demandé",
        "à environ 100 km du poste (38 – Isère) (distance estimée entre départements",
        "dans le rayon de mobilité de 150 km",
        "2 ans d'expérience pour un minimum de 4 ans",
        "prétention de 36\u202f000 € brut annuel pour un maximum de 40\u202f000 €",
        "disponible à partir du 01/03/2027, début souhaité le 01/02/2027 (28 jours après le début)",
        "Langues : anglais B2 requis, niveau déclaré : C1.",
        "Pistes de montée en compétences : 3 compétence(s) à développer",
    ]:
        assert expected in text, expected


def test_the_explanation_tells_what_the_engine_scored() -> None:
    [result] = match_posting(MemberPool.build([MEMBER], FW), ROLE, min_score=0)

    why = explain(MEMBER, ROLE, FW)

    assert abs(result.score - why.score) < 0.01
    assert result.engine_version == why.engine_version == ENGINE_VERSION
    assert dict(result.weights) == why.weights
    for factor in why.factors:
        assert abs(result.contributions[factor.code] - factor.points) < 0.01


def test_weights_are_fixed_and_unspecified_factors_give_their_points_to_everyone() -> None:
    bare = PostingCriteria(posting_id="b", required_competencies={"gestion_agenda": 2}, full_remote=True)

    why = explain(MEMBER, bare, FW)

    # no rescaling per posting: the secondary weights are those of every posting; the missing
    # occupation hands its points to the competencies (the core stays 70 points)
    assert why.weights == {**WEIGHTS, "occupation": 0.0, "competencies": 70.0}
    assert [f.code for f in why.factors if f.applies] == ["competencies", "remote"]
    unspecified = [f for f in why.factors if not f.applies]
    assert {f.code for f in unspecified} == {"location", "working_time", "experience", "pay", "availability"}
    assert all(f.points == f.weight for f in unspecified)
    assert any(s.startswith("Non précisé par l'annonce") for s in why.sentences)


def test_a_need_is_explained_with_the_support_offered() -> None:
    need = PostingCriteria(
        posting_id="n", kind="need", need_kind="upskilling", required_competencies={"ia_generative": 3}
    )
    trainer = replace(MEMBER, offers=frozenset({"upskilling"}), competencies={"ia_generative": 4})

    why = explain(trainer, need, FW)

    assert why.eligible
    assert "Appui proposé par le profil : montée en compétences." in why.sentences
    assert "Appui que vous proposez : montée en compétences." in why.member_sentences
    assert [c.competency_id for c in why.matched] == ["ia_generative"]
    assert why.upskilling == ()


def test_occupation_wording_for_related_and_unrelated_members() -> None:
    related = replace(MEMBER, occupation_ids=("office_manager",))
    unrelated = replace(MEMBER, occupation_ids=("secretaire_medical",))

    def occupation(member: MemberProfile) -> str:
        return next(f.sentence for f in explain(member, ROLE, FW).factors if f.code == "occupation")

    assert occupation(related) == "métier actuel « Office manager », proche de « Assistant·e de direction »"
    assert occupation(unrelated).startswith("métier du profil (« Secrétaire médical")
    assert "diffère de celui du poste" in occupation(unrelated)


def test_the_member_reads_vous_and_the_recruiter_never_does() -> None:
    why = explain(MEMBER, ROLE, FW)

    member_text, recruiter_text = "\n".join(why.member_sentences), "\n".join(why.sentences)
    assert "Votre score de correspondance" in member_text
    assert "vous avez déjà exercé ce métier" in member_text
    assert "dans votre rayon de 150 km" in member_text
    for written_for_the_recruiter in ("le ou la membre", "du profil", "le profil"):
        assert written_for_the_recruiter not in member_text
    for written_for_the_member in ("vous", "votre", "Votre"):
        assert written_for_the_member not in recruiter_text
    assert all(f.member_sentence != f.sentence for f in why.factors)


def test_no_misleading_lines_years_points_and_shares() -> None:
    why = explain(replace(MEMBER, experience_years=6), replace(ROLE, min_experience_years=1), FW)

    text = "\n".join(why.sentences + why.member_sentences)
    assert "6,0 an" not in text and "an(s)" not in text
    assert "6 ans d'expérience pour un minimum de 1 an" in text
    assert "%" not in text  # points out of a fixed 100, no shares that could add up past 100 %
    assert sum(f.weight for f in why.factors) == 100


def test_a_member_outside_the_radius_is_not_told_same_departement() -> None:
    # Versailles home, radius 10 km; the posting is in Rambouillet (same département, ~30 km away)
    far = replace(MEMBER, commune="78646", departement=None, mobility_radius_km=10)
    role = replace(ROLE, commune="78517", departement=None)

    why = explain(far, role, FW)

    assert not why.eligible
    assert "même département" not in "\n".join(why.sentences)
    assert why.exclusions[0].code == "location"
    assert "hors de la zone de mobilité (rayon de 10 km)" in why.exclusions[0].message


def _recruiter_text(why: Explanation) -> str:
    """Everything the recruiter's side of an explanation says, as one text."""
    return " ".join(
        [*why.sentences, *(f.sentence for f in why.factors), *(e.message for e in why.exclusions)]
    )


def test_an_anonymised_candidate_is_explained_with_the_card_bands_even_when_excluded() -> None:
    # a freelance member out of reach and available far too late: both exclusions carry figures
    member = replace(
        MEMBER,
        commune="38053",
        departement="38",
        mobility_radius_km=10,
        daily_rate=517,
        salary_expectation=43_217,
        experience_years=7,
        available_from=date(2027, 6, 17),
    )
    role = replace(ROLE, departement="69", commune=None, daily_rate_max=550, min_experience_years=10)

    exact, coarse = explain(member, role, FW), explain(member, role, FW, anonymised=True)

    assert (
        {e.code for e in coarse.exclusions}
        == {e.code for e in exact.exclusions}
        >= {
            "location",
            "availability",
        }
    )
    for figure in ("43\u202f217", "517", "7 ans", "17/06/2027", "km", "Isère", "38 ", "136 jours"):
        assert figure in _recruiter_text(exact) or figure in ("Isère", "38 "), figure
        assert figure not in _recruiter_text(coarse), figure
    text = _recruiter_text(coarse)
    for band in (
        "Auvergne-Rhône-Alpes",
        "6 à 10 ans",
        "entre 40\u202f000 et 45\u202f000 €",
        "entre 500 et 600 €",
    ):
        assert band in text, band
    assert "juin 2027" in text
    assert coarse.score == exact.score  # the card shows the score: only the details are coarse
    assert {f.code: f.fit for f in coarse.factors}["experience"] == 0.75
