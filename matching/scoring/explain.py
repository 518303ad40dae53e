"""Why a member is (or is not) proposed for a posting, in French, for members, partners and staff.

Figures come from the per-pair reference scorer, which the property tests tie to the vectorised
engine: the explanation tells what the engine computed, not a separate story.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace

from matching.bands import (
    availability_month,
    coarse_fit,
    daily_rate_band,
    experience_band,
    region_label,
    salary_band,
)
from matching.communes import commune
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
    points,
    years,
)
from matching.scoring.reference import (
    Exclusion,
    FactorScore,
    availability_delay,
    location_fit,
    occupation_fit,
    score_pair,
)
from matching.scoring.vocabulary import lookups
from matching.scoring.weights import (
    AVAILABILITY_HARD_DAYS,
    ENGINE_VERSION,
    FACTOR_LABELS,
    asked_levels,
    member_levels,
)


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
    weight: float  # points out of 100 this factor can bring (fixed scale)
    fit: float  # 1 no mismatch … 0, down to −1 for a serious mismatch
    points: float
    sentence: str  # for the recruiter and staff
    member_sentence: str  # for the member (« vous »)
    applies: bool  # False: the posting does not specify it, the points go to everyone


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
    sentences: tuple[str, ...]  # for the recruiter and staff
    member_sentences: tuple[str, ...]  # for the member (« vous », « votre profil »)

    @property
    def eligible(self) -> bool:
        return not self.exclusions

    @property
    def excluded_by(self) -> str | None:
        """The first hard filter that excluded the member, in French (None when proposed)."""
        return self.exclusions[0].message if self.exclusions else None


# Factors whose exact fit gives back a personal figure (distance, years, pay, availability date).
PERSONAL_FACTORS = frozenset({"location", "experience", "pay", "availability"})


def explain(
    member: MemberProfile, posting: PostingCriteria, framework: Framework, *, anonymised: bool = False
) -> Explanation:
    """Both readings of one pair: the recruiter's (`sentences`) and the member's (`member_sentences`).

    `anonymised`: the recruiter reads an anonymised candidate, so their side says only what the card
    says (region, experience band, pay band, availability month) and personal factors' fits are
    rounded to a quarter; the member's own side keeps the exact figures.
    """
    pair = score_pair(member, posting, framework)
    score = pair.score  # the card shows the score itself; only the factors' details are coarse
    if anonymised:
        pair = replace(
            pair,
            exclusions=tuple(_coarse_exclusion(e, member) for e in pair.exclusions),
            factors=tuple(
                replace(f, fit=coarse_fit(f.fit)) if f.code in PERSONAL_FACTORS else f for f in pair.factors
            ),
        )
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
            sentence=_factor_sentence(
                f, member, posting, framework, matched, missing, you=False, anonymised=anonymised
            ),
            member_sentence=_factor_sentence(f, member, posting, framework, matched, missing, you=True),
            applies=f.applies,
        )
        for f in pair.factors
        if f.weight > 0
    )
    upskilling = (
        _upskilling(missing, framework) if _upskilling_helps(member, posting, framework, checks) else ()
    )
    return Explanation(
        posting_id=posting.posting_id,
        member_id=member.member_id,
        engine_version=ENGINE_VERSION,
        weights={f.code: f.weight for f in pair.factors},
        score=round(score, 2),
        exclusions=pair.exclusions,
        factors=factors,
        matched=matched,
        missing=missing,
        upskilling=upskilling,
        sentences=_sentences(score, pair.exclusions, factors, member, posting, upskilling, you=False),
        member_sentences=_sentences(score, pair.exclusions, factors, member, posting, upskilling, you=True),
    )


def _sentences(
    score: float,
    exclusions: tuple[Exclusion, ...],
    factors: tuple[FactorExplanation, ...],
    member: MemberProfile,
    posting: PostingCriteria,
    upskilling: tuple[UpskillingGroup, ...],
    *,
    you: bool,
) -> tuple[str, ...]:
    if not exclusions:
        head = "Votre score de correspondance" if you else "Score de correspondance"
        sentences = [f"{head} : {number(score)}/100 (moteur {ENGINE_VERSION})."]
    elif you:
        sentences = [f"Cette annonce ne vous est pas proposée (score indicatif : {number(score)}/100)."]
    else:
        sentences = [f"Non proposé·e pour cette annonce (score indicatif : {number(score)}/100)."]
    sentences += [e.member_message if you else e.message for e in exclusions]
    for f in factors:
        if f.applies:
            text = f.member_sentence if you else f.sentence
            sentences.append(f"{f.label} (sur {points(f.weight)}) : {text} — {points(f.points)}.")
    free = [f.label.lower() for f in factors if not f.applies]
    if free:
        sentences.append(
            "Non précisé par l'annonce, donc sans écart (points acquis à tous les profils) : "
            + ", ".join(free)
            + "."
        )
    sentences += _filter_sentences(member, posting, you=you)
    count = sum(len(g.competencies) for g in upskilling)
    if count:
        lead = "Pour progresser vers ce poste" if you else "Pistes de montée en compétences"
        sentences.append(f"{lead} : {count} compétence(s) à développer dans {len(upskilling)} domaine(s).")
    return tuple(sentences)


def _competency_checks(
    member: MemberProfile, posting: PostingCriteria, framework: Framework
) -> tuple[CompetencyCheck, ...]:
    """Asked levels and the member's, language competencies read from the CEFR levels declared."""
    required, nice = asked_levels(posting)
    levels = member_levels(member.competencies, member.languages)
    asked = [(c, lvl, True) for c, lvl in required.items()]
    asked += [(c, lvl, False) for c, lvl in nice.items()]
    checks = []
    for cid, level, is_required in asked:
        competency = lookups(framework).competencies[cid]
        checks.append(
            CompetencyCheck(cid, competency.label, competency.domain, level, levels.get(cid, 0), is_required)
        )
    return tuple(checks)


def _upskilling_helps(
    member: MemberProfile, posting: PostingCriteria, framework: Framework, checks: tuple[CompetencyCheck, ...]
) -> bool:
    """Suggest training only toward a job of the member's own trade, from a base they already have.

    A member of another profession, or with none of the required competencies, is not invited to
    acquire a whole job's competencies: that is a change of career, not an upskilling.
    """
    own_trade = (
        posting.occupation_id is None or occupation_fit(member, posting.occupation_id, framework).fit >= 0.5
    )
    if not own_trade:
        return False
    required = [c for c in checks if c.required]
    return not required or any(c.member_level > 0 for c in required)


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
    *,
    you: bool,
    anonymised: bool = False,
) -> str:
    if not factor.applies:
        return "non précisé par l'annonce"
    if anonymised and factor.code in PERSONAL_FACTORS:
        return _coarse_sentence(factor.code, member, posting)
    match factor.code:
        case "occupation":
            return _occupation_sentence(member, posting.occupation_id or "", framework, you=you)
        case "competencies":
            required = sum(1 for c in matched + missing if c.required)
            met = sum(1 for c in matched if c.required)
            nice = len(matched) + len(missing) - required
            lead = "vous avez " if you else ""
            text = f"{lead}{met} compétence(s) requise(s) sur {required} au niveau demandé"
            if nice:
                text += f", {len(matched) - met} souhaitée(s) sur {nice}"
            return text + (f" ; {len(missing)} en dessous du niveau demandé" if missing else "")
        case "location":
            return _location_sentence(member, posting, you=you)
        case "remote":
            mode = REMOTE_MODE_LABELS[posting.remote_mode]
            days = f" ({posting.remote_days} j/semaine)" if posting.remote_mode == 1 else ""
            whose = "votre préférence" if you else "préférence du profil"
            return f"poste {mode}{days}, {whose} : {REMOTE_PREFERENCE_LABELS[member.remote_preference]}"
        case "working_time":
            wanted = WORKING_TIME_LABELS[posting.working_time or "full"]
            if member.working_time is None or factor.fit == 1:
                whose = "votre souhait" if you else "le souhait du profil"
                return f"poste à {wanted}, compatible avec {whose}"
            seeks = "vous recherchez" if you else "le profil recherche"
            return f"poste à {wanted}, {seeks} un {WORKING_TIME_LABELS[member.working_time]}"
        case "experience":
            lead = "vous avez " if you else ""
            return (
                f"{lead}{years(member.experience_years)} d'expérience pour un minimum de "
                f"{years(posting.min_experience_years)}"
            )
        case "pay":
            return _pay_sentence(member, posting, you=you)
        case _:
            return _availability_sentence(member, posting, you=you)


def _occupation_sentence(
    member: MemberProfile, occupation_id: str, framework: Framework, *, you: bool
) -> str:
    occupations = lookups(framework).occupations
    target = occupations[occupation_id].label
    best = occupation_fit(member, occupation_id, framework)
    if best.via is None:
        own = [occupations[o].label for o in member.occupation_ids if o in occupations]
        if not own:
            where = "votre profil" if you else "le profil"
            return f"{where} n'indique pas de métier du référentiel (poste : « {target} »)"
        whose = "votre métier" if you else "métier du profil"
        return f"{whose} (« {own[0]} ») diffère de celui du poste (« {target} »)"
    if best.via == occupation_id:
        if best.headline:
            return (
                f"votre métier est celui du poste (« {target} »)"
                if you
                else f"même métier que le poste (« {target} »)"
            )
        return (
            f"vous avez déjà exercé ce métier (« {target} »)"
            if you
            else f"a déjà exercé le métier du poste (« {target} »)"
        )
    via = occupations[best.via].label
    if you:
        when = "votre métier actuel" if best.headline else "un métier que vous avez exercé"
    else:
        when = "métier actuel" if best.headline else "métier exercé auparavant"
    return f"{when} « {via} », proche de « {target} »"


def _location_sentence(member: MemberProfile, posting: PostingCriteria, *, you: bool) -> str:
    fit = location_fit(member, posting)
    departement = posting.departement or ""
    place = commune(posting.commune) if posting.commune else None
    where = place.name if place else f"{departement} – {departement_name(departement)}"
    km = number(fit.distance_km or 0)
    about = "" if fit.precise else " (distance estimée entre départements : commune non renseignée)"
    if fit.how == "radius":
        radius = number(member.mobility_radius_km)
        if you:
            return f"vous êtes à environ {km} km du poste ({where}){about}, dans votre rayon de {radius} km"
        return f"à environ {km} km du poste ({where}){about}, dans le rayon de mobilité de {radius} km"
    if fit.how == "departement":
        whose = "votre département" if you else "le département du profil"
        return f"poste dans {whose} ({where}), à environ {km} km{about} ; aucun rayon de mobilité renseigné"
    if fit.how == "listed":
        who = "vous avez indiqué" if you else "le profil a indiqué"
        return (
            f"{who} le département {departement} – {departement_name(departement)} dans sa mobilité".replace(
                "dans sa mobilité", "dans votre mobilité" if you else "dans sa mobilité"
            )
        )
    whose = "votre zone de mobilité" if you else "la zone de mobilité du profil"
    return f"poste ({where}) hors de {whose}"


def _pay_sentence(member: MemberProfile, posting: PostingCriteria, *, you: bool) -> str:
    return _pay_parts(
        member,
        posting,
        salary=lambda value: f"{'votre prétention' if you else 'prétention'} de {number(value)} €",
        rate=lambda value: f"{'votre taux journalier' if you else 'taux journalier'} de {number(value)} €",
    )


def _pay_parts(
    member: MemberProfile,
    posting: PostingCriteria,
    *,
    salary: Callable[[float], str],
    rate: Callable[[float], str],
) -> str:
    """The pay factor against the posting's maxima; `salary`/`rate` say the member's figure (exact or
    as a band, for an anonymised card)."""
    parts = []
    if posting.salary_max is not None:
        if member.salary_expectation is None:
            parts.append("prétention salariale non renseignée")
        else:
            parts.append(
                f"{salary(member.salary_expectation)} brut annuel pour un maximum de "
                f"{number(posting.salary_max)} €"
            )
    if posting.daily_rate_max is not None:
        if member.daily_rate is None:
            parts.append("taux journalier non renseigné")
        else:
            parts.append(f"{rate(member.daily_rate)} pour un maximum de {number(posting.daily_rate_max)} €")
    return " ; ".join(parts)


def _availability_sentence(member: MemberProfile, posting: PostingCriteria, *, you: bool) -> str:
    start = posting.start_date
    asked = f"début souhaité le {start:%d/%m/%Y}" if start else "sans date de début"
    lead = "vous êtes disponible" if you else "disponible"
    if member.available_from is None:
        return f"{lead} dès maintenant, {asked}"
    late = availability_delay(member, posting)
    after = f" ({late} jours après le début)" if late else ""
    return f"{lead} à partir du {member.available_from:%d/%m/%Y}, {asked}{after}"


def _filter_sentences(member: MemberProfile, posting: PostingCriteria, *, you: bool) -> list[str]:
    """The hard filters the member passes, said too: both sides see that they were checked."""
    sentences = []
    for code, level in sorted(posting.languages.items()):
        have = member.languages.get(code, "aucun")
        whose = "votre niveau" if you else "niveau déclaré"
        sentences.append(f"Langues : {language_name(code)} {level} requis, {whose} : {have}.")
    if posting.need_kind is not None and posting.need_kind in member.offers:
        lead = "Appui que vous proposez" if you else "Appui proposé par le profil"
        sentences.append(f"{lead} : {NEED_LABELS[posting.need_kind]}.")
    return sentences


def _coarse_sentence(code: str, member: MemberProfile, posting: PostingCriteria) -> str:
    """A personal factor as an anonymised candidate's card would say it (bands, region, month)."""
    match code:
        case "location":
            fit = location_fit(member, posting)
            place = commune(posting.commune) if posting.commune else None
            departement = posting.departement or ""
            where = place.name if place else f"{departement} – {departement_name(departement)}"
            region = region_label(member.departement)
            if fit.how in ("radius", "departement"):
                return f"poste ({where}) dans la zone de mobilité du profil (région : {region})"
            if fit.how == "listed":
                return f"le profil a indiqué le département {departement} dans sa mobilité"
            return f"poste ({where}) hors de la zone de mobilité du profil (région : {region})"
        case "experience":
            return (
                f"expérience : {experience_band(member.experience_years)}, pour un minimum de "
                f"{years(posting.min_experience_years)}"
            )
        case "pay":
            return _pay_parts(
                member,
                posting,
                salary=lambda value: f"prétention {salary_band(value)}",
                rate=lambda value: f"taux journalier {daily_rate_band(value)}",
            )
        case _:
            start = posting.start_date
            asked = f"début souhaité le {start:%d/%m/%Y}" if start else "sans date de début"
            if member.available_from is None:
                return f"disponible dès maintenant, {asked}"
            late = " (après le début)" if availability_delay(member, posting) else ""
            return f"disponible à partir de {availability_month(member.available_from)}, {asked}{late}"


def _coarse_exclusion(exclusion: Exclusion, member: MemberProfile) -> Exclusion:
    """The hard filters whose wording carries a distance or a delay in days, said with bands."""
    if exclusion.code == "location":
        return Exclusion(
            "location",
            "Lieu incompatible : le poste est hors de la zone de mobilité du profil "
            f"(région : {region_label(member.departement)}), sans télétravail total.",
        )
    if exclusion.code == "availability" and member.available_from is not None:
        return Exclusion(
            "availability",
            f"Disponible à partir de {availability_month(member.available_from)}, plus de "
            f"{number(AVAILABILITY_HARD_DAYS)} jours après la date de début.",
        )
    return exclusion
