"""Validation of a member's profile; every broken rule is reported with its (camelCase) field."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from server.kit.errors import ErrorCode, IssueCollector
from server.kit.fields import UNSET, PartialFields
from server.kit.identifiers import (
    departement_of_postal_code,
    is_valid_departement,
    is_valid_postal_code,
    normalise_departement,
)
from server.kit.languages import clean_languages
from server.kit.validation import bounded_text
from server.models.members import Certification, ProfessionalStatus
from server.models.postings import CefrLevel, ContractType, NeedKind, RemotePolicy, WorkingTime

TITLE_MIN, TITLE_MAX = 2, 150
BIO_MAX = 1000
MAX_YEARS = 60
MAX_RADIUS_KM = 200
SALARY_RANGE = (10_000, 500_000)
DAILY_RATE_RANGE = (50, 5_000)
MAX_EXPERIENCES = 30
MAX_COMPETENCIES = 80
MAX_LANGUAGES = 15
MAX_OTHER_CERTIFICATIONS = 10
OTHER_CERTIFICATION_MAX = 100
_MEMBERSHIP_NUMBER = re.compile(r"^[A-Z0-9][A-Z0-9-]{2,31}$")


@dataclass(frozen=True)
class ExperienceInput:
    title: str
    start_month: date
    end_month: date | None = None
    employer: str | None = None
    sector: str | None = None


@dataclass(frozen=True)
class CleanExperience:
    title: str
    start_month: date
    end_month: date | None
    employer: str | None
    sector: str | None


@dataclass(frozen=True)
class CompetencyInput:
    competency_id: str
    level: int


@dataclass(frozen=True)
class LanguageInput:
    code: str
    level: CefrLevel


@dataclass
class ProfileFields(PartialFields):
    """The editable fields; attributes left UNSET are not touched; lists replace the whole list."""

    headline_title: str | object | None = UNSET
    bio: str | object | None = UNSET
    years_of_experience: int | object | None = UNSET
    membership_number: str | object | None = UNSET
    postal_code: str | object | None = UNSET
    commune: str | object | None = UNSET
    commune_code: str | object | None = UNSET
    mobility_radius_km: int | object | None = UNSET
    mobility_departements: list[str] | object = UNSET
    remote_preference: RemotePolicy | object | None = UNSET
    contract_preferences: list[ContractType] | object = UNSET
    working_time_preference: WorkingTime | object | None = UNSET
    status: ProfessionalStatus | object | None = UNSET
    available_from: date | object | None = UNSET
    salary_expectation: int | object | None = UNSET
    daily_rate: int | object | None = UNSET
    offers: list[NeedKind] | object = UNSET
    certifications: list[Certification] | object = UNSET
    other_certifications: list[str] | object = UNSET
    experiences: list[ExperienceInput] | object = UNSET
    competencies: list[CompetencyInput] | object = UNSET
    languages: list[LanguageInput] | object = UNSET


@dataclass
class CleanProfile:
    """Scalar column values to set, and the child lists to replace (None: left untouched)."""

    values: dict[str, object]
    experiences: list[CleanExperience] | None = None
    competencies: list[CompetencyInput] | None = None
    languages: list[tuple[str, CefrLevel]] | None = None


def first_of_month(day: date) -> date:
    return day.replace(day=1)


def _range(value: object, issues: IssueCollector, field: str, low: int, high: int, label: str) -> None:
    if isinstance(value, int) and not low <= value <= high:
        issues.add(field, f"{label} : entre {low} et {high}.", ErrorCode.OUT_OF_RANGE)


def _distinct(values: list[str]) -> list[str]:
    return list(dict.fromkeys(values))


def clean_profile_fields(
    fields: ProfileFields,
    issues: IssueCollector,
    *,
    known_competencies: frozenset[str],
    today: date,
) -> CleanProfile:
    """Normalise and check what was provided (all but uniqueness, which needs the database)."""
    values = fields.provided()
    clean = CleanProfile(values={})
    out = clean.values
    if "headline_title" in values:
        out["headline_title"] = bounded_text(
            _str(values["headline_title"]),
            issues,
            field="headlineTitle",
            label="Intitulé",
            min_length=TITLE_MIN,
            max_length=TITLE_MAX,
        )
    if "bio" in values:
        out["bio"] = (
            bounded_text(_str(values["bio"]), issues, field="bio", label="Présentation", max_length=BIO_MAX)
            or ""
        )
    for key, field, low, high, label in (
        ("years_of_experience", "yearsOfExperience", 0, MAX_YEARS, "Années d'expérience"),
        ("mobility_radius_km", "mobilityRadiusKm", 0, MAX_RADIUS_KM, "Rayon de mobilité (km)"),
        ("salary_expectation", "salaryExpectation", *SALARY_RANGE, "Salaire brut annuel (€)"),
        ("daily_rate", "dailyRate", *DAILY_RATE_RANGE, "Taux journalier (€)"),
    ):
        if key in values:
            _range(values[key], issues, field, low, high, label)
            out[key] = values[key]
    if "membership_number" in values:
        number = (_str(values["membership_number"]) or "").strip().upper() or None
        if number is not None and not _MEMBERSHIP_NUMBER.match(number):
            issues.add(
                "membershipNumber",
                "Numéro d'adhérent·e : 3 à 32 lettres, chiffres ou tirets.",
                ErrorCode.INVALID_MEMBERSHIP_NUMBER,
            )
        out["membership_number"] = number
    if "postal_code" in values:
        _clean_postal_code(values["postal_code"], out, issues)
    if "commune" in values:
        out["commune"] = bounded_text(
            _str(values["commune"]), issues, field="commune", label="Commune", max_length=120
        )
    if "commune_code" in values:
        out["commune_code"] = _str(values["commune_code"])
    if "mobility_departements" in values:
        out["mobility_departements"] = _clean_departements(values["mobility_departements"], issues)
    for key in ("remote_preference", "working_time_preference", "status", "available_from"):
        if key in values:
            out[key] = values[key]
    for key in ("contract_preferences", "offers", "certifications"):
        chosen = values.get(key)
        if isinstance(chosen, list):
            out[key] = _distinct([str(item.value) for item in chosen])
    if "other_certifications" in values:
        out["other_certifications"] = _clean_other_certifications(values["other_certifications"], issues)
    if "experiences" in values and isinstance(values["experiences"], list):
        clean.experiences = _clean_experiences(values["experiences"], issues, today)
    if "competencies" in values and isinstance(values["competencies"], list):
        clean.competencies = _clean_competencies(values["competencies"], issues, known_competencies)
    if "languages" in values and isinstance(values["languages"], list):
        clean.languages = _clean_languages(values["languages"], issues)
    return clean


def _str(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _clean_postal_code(raw: object, out: dict[str, object], issues: IssueCollector) -> None:
    postal = (_str(raw) or "").strip() or None
    out["postal_code"] = postal
    out["departement"] = None
    if postal is None:
        return
    departement = departement_of_postal_code(postal)
    if not is_valid_postal_code(postal) or not is_valid_departement(departement):
        issues.add(
            "postalCode",
            "Code postal invalide : 5 chiffres d'un département français.",
            ErrorCode.INVALID_POSTAL_CODE,
        )
        return
    out["departement"] = departement


def _clean_departements(raw: object, issues: IssueCollector) -> list[str]:
    """Distinct known codes: at most every département, so the list bounds itself."""
    items: list[object] = raw if isinstance(raw, list) else []
    codes = _distinct([normalise_departement(code) for code in items if isinstance(code, str)])
    unknown = [code for code in codes if not is_valid_departement(code)]
    if unknown:
        issues.add(
            "mobilityDepartements",
            f"Département(s) inconnu(s) : {', '.join(unknown[:5])}.",
            ErrorCode.INVALID_DEPARTEMENT,
        )
    return codes


def _clean_other_certifications(raw: object, issues: IssueCollector) -> list[str]:
    items = raw if isinstance(raw, list) else []
    if len(items) > MAX_OTHER_CERTIFICATIONS:
        issues.add(
            "otherCertifications", f"{MAX_OTHER_CERTIFICATIONS} certifications au plus.", ErrorCode.TOO_MANY
        )
        return []
    texts: list[str] = []
    for item in items:
        text = bounded_text(
            _str(item) or "",
            issues,
            field="otherCertifications",
            label="Certification",
            min_length=2,
            max_length=OTHER_CERTIFICATION_MAX,
        )
        if text:
            texts.append(text)
    return _distinct(texts)


def _clean_experiences(
    items: list[ExperienceInput], issues: IssueCollector, today: date
) -> list[CleanExperience]:
    if len(items) > MAX_EXPERIENCES:
        issues.add("experiences", f"{MAX_EXPERIENCES} expériences au plus.", ErrorCode.TOO_MANY)
        return []
    cleaned: list[CleanExperience] = []
    for index, item in enumerate(items):
        prefix = f"experiences[{index}]"
        title = bounded_text(
            item.title,
            issues,
            field=f"{prefix}.title",
            label="Intitulé du poste",
            min_length=TITLE_MIN,
            max_length=TITLE_MAX,
        )
        employer = bounded_text(
            item.employer, issues, field=f"{prefix}.employer", label="Employeur", max_length=160
        )
        sector = bounded_text(item.sector, issues, field=f"{prefix}.sector", label="Secteur", max_length=120)
        start = first_of_month(item.start_month)
        end = None if item.end_month is None else first_of_month(item.end_month)
        if start > first_of_month(today):
            issues.add(
                f"{prefix}.startMonth", "Le début ne peut pas être dans le futur.", ErrorCode.DATE_IN_FUTURE
            )
        if end is not None and end < start:
            issues.add(f"{prefix}.endMonth", "La fin doit suivre le début.", ErrorCode.DATES_INCOHERENT)
        cleaned.append(
            CleanExperience(
                title=title or "", start_month=start, end_month=end, employer=employer, sector=sector
            )
        )
    return cleaned


def _clean_competencies(
    items: list[CompetencyInput], issues: IssueCollector, known: frozenset[str]
) -> list[CompetencyInput]:
    if len(items) > MAX_COMPETENCIES:
        issues.add("competencies", f"{MAX_COMPETENCIES} compétences au plus.", ErrorCode.TOO_MANY)
        return []
    seen: set[str] = set()
    cleaned: list[CompetencyInput] = []
    for index, item in enumerate(items):
        prefix = f"competencies[{index}]"
        competency_id = item.competency_id.strip()
        if competency_id not in known:
            issues.add(
                f"{prefix}.competencyId",
                f"Compétence inconnue du référentiel : « {competency_id[:64]} ».",
                ErrorCode.UNKNOWN_COMPETENCY,
            )
        elif competency_id in seen:
            issues.add(
                f"{prefix}.competencyId",
                "Cette compétence figure déjà dans la liste.",
                ErrorCode.DUPLICATE_COMPETENCY,
            )
        if not 1 <= item.level <= 4:
            issues.add(f"{prefix}.level", "Niveau de 1 (notions) à 4 (expertise).", ErrorCode.INVALID_LEVEL)
        seen.add(competency_id)
        cleaned.append(CompetencyInput(competency_id=competency_id, level=item.level))
    return cleaned


def _clean_languages(items: list[LanguageInput], issues: IssueCollector) -> list[tuple[str, CefrLevel]]:
    """The languages rule shared with postings, 15 at most."""
    clean = clean_languages(
        [(item.code, item.level) for item in items],
        issues,
        code_field="code",
        limit=MAX_LANGUAGES,
    )
    return clean
