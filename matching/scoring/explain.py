"""Why a member is (or is not) proposed for a posting, in French, for members, partners and staff.

Figures come from the per-pair reference scorer, which the property tests tie to the vectorised
engine: the explanation tells what the engine computed, not a separate story.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from matching.framework import Framework
from matching.scoring.geo import departement_name
from matching.scoring.inputs import MemberProfile, PostingCriteria
from matching.scoring.labels import (
    NEED_LABELS,
    REMOTE_MODE_LABELS,
    REMOTE_PREFERENCE_LABELS,
    WORKING_TIME_LABELS,
    language_name,
    level_label,
    number,
)
from matching.scoring.reference import (
    Exclusion,
    FactorScore,
    location_fit,
    occupation_fit,
    score_pair,
)
from matching.scoring.vocabulary import lookups
from matching.scoring.weights import ENGINE_VERSION, FACTOR_LABELS


@dataclass(frozen=True, slots=True)
class CompetencyCheck:
    """One competency the posting asks for, against the member's level (0 when absent)."""

    competency_id: str
    label: str
    domain: str
    asked_level: int
    member_level: int
    required: bool  # False: nice to have

    @property
    def gap(self) -> int:
        return max(0, self.asked_level - self.member_level)


@dataclass(frozen=True, slots=True)
class FactorExplanation:
    code: str
    label: str
    weight: float  # share of the score, %
    fit: float  # 0–1
    points: float
    sentence: str


@dataclass(frozen=True, slots=True)
class UpskillingGroup:
    """Competencies to develop in one domain: what the federation can turn into training."""

    domain_id: str
    domain_label: str
    competencies: tuple[CompetencyCheck, ...]
    suggestions: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Explanation:
    posting_id: str
    member_id: str
    engine_version: str
    weights: Mapping[str, float]
    score: float  # computed even when excluded: what the member would have scored
    exclusions: tuple[Exclusion, ...]
    factors: tuple[FactorExplanation, ...]
    matched: tuple[CompetencyCheck, ...]
    missing: tuple[CompetencyCheck, ...]  # absent or below the level asked
    upskilling: tuple[UpskillingGroup, ...]
    sentences: tuple[str, ...]

    @property
    def eligible(self) -> bool:
        return not self.exclusions

    @property
    def excluded_by(self) -> str | None:
        """The first hard filter that excluded the member, in French (None when proposed)."""
        return self.exclusions[0].message if self.exclusions else None


def explain(member: MemberProfile, posting: PostingCriteria, framework: Framework) -> Explanation:
    pair = score_pair(member, posting, framework)
    checks = _competency_checks(member, posting, framework)
    matched = tuple(c for c in checks if c.gap == 0)
    missing = tuple(c for c in checks if c.gap > 0)
    factors = tuple(
        FactorExplanation(
            code=f.code,
            label=FACTOR_LABELS[f.code],
            weight=round(f.weight, 2),
            fit=round(f.fit, 4),
            points=round(f.points, 2),
            sentence=_factor_sentence(f, member, posting, framework, matched, missing),
        )
        for f in pair.factors
    )
    upskilling = _upskilling(missing, framework)
    sentences = [
        f"Score de correspondance : {number(pair.score)}/100 (moteur {ENGINE_VERSION})."
        if pair.eligible
        else f"Non proposé·e pour cette annonce (score indicatif : {number(pair.score)}/100)."
    ]
    sentences += [e.message for e in pair.exclusions]
    sentences += [
        f"{f.label} ({number(f.weight)} % du score) : {f.sentence} — {number(f.points, 1)} point(s)."
        for f in factors
    ]
    sentences += _filter_sentences(member, posting)
    if missing:
        sentences.append(
            f"Pistes de montée en compétences : {len(missing)} compétence(s) à développer "
            f"dans {len(upskilling)} domaine(s)."
        )
    return Explanation(
        posting_id=posting.posting_id,
        member_id=member.member_id,
        engine_version=ENGINE_VERSION,
        weights={f.code: f.weight for f in pair.factors},
        score=round(pair.score, 2),
        exclusions=pair.exclusions,
        factors=factors,
        matched=matched,
        missing=missing,
        upskilling=upskilling,
        sentences=tuple(sentences),
    )


def _competency_checks(
    member: MemberProfile, posting: PostingCriteria, framework: Framework
) -> tuple[CompetencyCheck, ...]:
    asked = [(c, lvl, True) for c, lvl in posting.required_competencies.items()]
    asked += [(c, lvl, False) for c, lvl in posting.nice_competencies.items()]
    checks = []
    for cid, level, required in asked:
        competency = lookups(framework).competencies[cid]
        checks.append(
            CompetencyCheck(
                cid, competency.label, competency.domain, level, member.competencies.get(cid, 0), required
            )
        )
    return tuple(checks)


def _upskilling(missing: tuple[CompetencyCheck, ...], framework: Framework) -> tuple[UpskillingGroup, ...]:
    groups = []
    for domain in framework.domains:  # framework order, required competencies first within
        gaps = sorted((c for c in missing if c.domain == domain.id), key=lambda c: (not c.required, -c.gap))
        if gaps:
            groups.append(
                UpskillingGroup(domain.id, domain.label, tuple(gaps), tuple(_suggestion(c) for c in gaps))
            )
    return tuple(groups)


def _suggestion(check: CompetencyCheck) -> str:
    kind = "requise" if check.required else "souhaitée"
    if check.member_level == 0:
        target = level_label(check.asked_level)
        return f"Acquérir « {check.label} » jusqu'au niveau {target} (compétence {kind})."
    return (
        f"Progresser en « {check.label} » : du niveau {level_label(check.member_level)} "
        f"au niveau {level_label(check.asked_level)} (compétence {kind})."
    )


def _factor_sentence(
    factor: FactorScore,
    member: MemberProfile,
    posting: PostingCriteria,
    framework: Framework,
    matched: tuple[CompetencyCheck, ...],
    missing: tuple[CompetencyCheck, ...],
) -> str:
    match factor.code:
        case "occupation":
            return _occupation_sentence(member, posting.occupation_id or "", framework)
        case "competencies":
            required = sum(1 for c in matched + missing if c.required)
            met = sum(1 for c in matched if c.required)
            nice = len(matched) + len(missing) - required
            text = f"{met} compétence(s) requise(s) sur {required} au niveau demandé"
            if nice:
                text += f", {len(matched) - met} souhaitée(s) sur {nice}"
            return text + (f" ; {len(missing)} à développer" if missing else "")
        case "location":
            return _location_sentence(member, posting.departement or "")
        case "remote":
            mode = REMOTE_MODE_LABELS[posting.remote_mode]
            days = f" ({posting.remote_days} j/semaine)" if posting.remote_mode == 1 else ""
            return f"poste {mode}{days}, préférence : {REMOTE_PREFERENCE_LABELS[member.remote_preference]}"
        case "working_time":
            wanted = WORKING_TIME_LABELS[posting.working_time or "full"]
            if member.working_time is None or factor.fit == 1:
                return f"poste à {wanted}, compatible avec le souhait du ou de la membre"
            return f"poste à {wanted}, le ou la membre souhaite un {WORKING_TIME_LABELS[member.working_time]}"
        case "experience":
            return (
                f"{number(member.experience_years, 1)} an(s) d'expérience pour "
                f"{number(posting.min_experience_years, 1)} demandé(s)"
            )
        case "pay":
            return _pay_sentence(member, posting)
        case _:
            return _availability_sentence(member.available_from, posting.start_date)


def _occupation_sentence(member: MemberProfile, occupation_id: str, framework: Framework) -> str:
    occupations = lookups(framework).occupations
    target = occupations[occupation_id].label
    best = occupation_fit(member, occupation_id, framework)
    if best.via is None:
        return f"aucun métier exercé n'est proche du métier du poste (« {target} »)"
    if best.via == occupation_id:
        return (
            f"même métier que le poste (« {target} »)"
            if best.headline
            else f"a déjà exercé le métier du poste (« {target} »)"
        )
    via = occupations[best.via].label
    when = "métier actuel" if best.headline else "métier exercé auparavant"
    return f"{when} « {via} », proche de « {target} »"


def _location_sentence(member: MemberProfile, departement: str) -> str:
    fit = location_fit(member, departement)
    where = f"{departement} – {departement_name(departement)}"
    if fit.how == "same":
        return f"même département ({where})"
    if fit.how == "listed":
        return f"le département {where} fait partie de la mobilité déclarée"
    if fit.how == "radius":
        return (
            f"le département {where} est à environ {number(fit.distance_km or 0)} km, "
            f"dans le rayon de mobilité de {number(member.mobility_radius_km)} km"
        )
    return f"le département {where} est hors de la zone de mobilité"


def _pay_sentence(member: MemberProfile, posting: PostingCriteria) -> str:
    parts = []
    if posting.salary_max is not None:
        if member.salary_expectation is None:
            parts.append("prétention salariale non renseignée")
        else:
            parts.append(
                f"prétention de {number(member.salary_expectation)} € brut annuel "
                f"pour un maximum de {number(posting.salary_max)} €"
            )
    if posting.daily_rate_max is not None:
        if member.daily_rate is None:
            parts.append("taux journalier non renseigné")
        else:
            parts.append(
                f"taux journalier de {number(member.daily_rate)} € pour un maximum de "
                f"{number(posting.daily_rate_max)} €"
            )
    return " ; ".join(parts)


def _availability_sentence(available: date | None, start: date | None) -> str:
    asked = f"début souhaité le {start:%d/%m/%Y}" if start else "sans date de début"
    if available is None:
        return f"disponible dès maintenant, {asked}"
    return f"disponible à partir du {available:%d/%m/%Y}, {asked}"


def _filter_sentences(member: MemberProfile, posting: PostingCriteria) -> list[str]:
    """The hard filters the member passes, said too: a partner sees that they were checked."""
    sentences = []
    for code, level in sorted(posting.languages.items()):
        have = member.languages.get(code, "aucun")
        sentences.append(f"Langues : {language_name(code)} {level} requis, niveau déclaré : {have}.")
    if posting.need_kind is not None and posting.need_kind in member.offers:
        sentences.append(f"Appui proposé par le ou la membre : {NEED_LABELS[posting.need_kind]}.")
    return sentences
