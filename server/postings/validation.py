"""Validation of a posting's fields: each field alone, then the rules that tie fields together.

The coherence rules run on the posting as it would be after the change (current values overlaid
with the provided ones), so a partial update is checked exactly like a creation.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date

from matching.framework import Framework
from server.kit.errors import ErrorCode, IssueCollector
from server.kit.fields import UNSET, PartialFields, camel
from server.kit.languages import clean_languages as shared_clean_languages
from server.kit.places import clean_place
from server.kit.validation import bounded_text
from server.models.postings import CefrLevel, ContractType, NeedKind, RemotePolicy, WorkingTime

TITLE_MIN, TITLE_MAX = 2, 150
DESCRIPTION_MAX = 20_000
MAX_COMPETENCIES = 40
MAX_LANGUAGES = 10
CDD_MONTHS = (1, 36)
FULL_TIME_HOURS = 35
MAX_WEEKLY_HOURS = 48
MAX_SALARY = 1_000_000
MAX_DAILY_RATE = 10_000
MAX_BUDGET = 10_000_000
MAX_EXPERIENCE_YEARS = 40
MAX_TEAM_SIZE = 10_000
MAX_DURATION_DAYS = 730


@dataclass(frozen=True)
class CompetencyRequirement:
    competency_id: str
    level: int
    required: bool
    must_have: bool = False


@dataclass(frozen=True)
class LanguageRequirement:
    code: str
    level: CefrLevel


@dataclass
class PostingFields(PartialFields):
    """The editable fields of both kinds; on update, attributes left as UNSET are not touched."""

    title: str | object = UNSET
    description: str | object | None = UNSET
    occupation_override: str | object | None = UNSET
    need_kind: NeedKind | object = UNSET
    contract_type: ContractType | object = UNSET
    contract_months: int | object | None = UNSET
    working_time: WorkingTime | object | None = UNSET
    weekly_hours: int | object | None = UNSET
    salary_min: int | object | None = UNSET
    salary_max: int | object | None = UNSET
    min_experience_years: int | object | None = UNSET
    team_size: int | object | None = UNSET
    duration_days: int | object | None = UNSET
    budget: int | object | None = UNSET
    daily_rate: int | object | None = UNSET
    postal_code: str | object | None = UNSET
    commune: str | object | None = UNSET
    commune_code: str | object | None = UNSET
    departement: str | object | None = UNSET
    remote_policy: RemotePolicy | object = UNSET
    remote_days: int | object | None = UNSET
    start_date: date | object | None = UNSET
    expiry_date: date | object | None = UNSET
    featured: bool | object = UNSET
    competencies: list[CompetencyRequirement] | object = UNSET
    languages: list[LanguageRequirement] | object = UNSET


COLUMNS = tuple(f.name for f in fields(PostingFields) if f.name not in ("competencies", "languages"))


def _bounded_int(
    values: dict[str, object],
    key: str,
    low: int,
    high: int,
    issues: IssueCollector,
    label: str,
    code: ErrorCode,
) -> None:
    value = values.get(key)
    if isinstance(value, int) and not low <= value <= high:
        issues.add(camel(key), f"{label} : entre {low} et {high}.", code)


def clean_values(provided: dict[str, object], issues: IssueCollector) -> dict[str, object]:
    """Normalise the provided scalar fields and check each one alone."""
    values = {key: value for key, value in provided.items() if key in COLUMNS}
    if "title" in values:
        title = values["title"]
        values["title"] = bounded_text(
            title if isinstance(title, str) else "",
            issues,
            field="title",
            label="Intitulé",
            min_length=TITLE_MIN,
            max_length=TITLE_MAX,
        )
    if "description" in values:
        raw = values["description"]
        values["description"] = (
            bounded_text(
                raw if isinstance(raw, str) else None,
                issues,
                field="description",
                label="Description",
                max_length=DESCRIPTION_MAX,
            )
            or ""
        )
    if "commune" in values:
        raw = values["commune"]
        values["commune"] = bounded_text(
            raw if isinstance(raw, str) else None,
            issues,
            field="commune",
            label="Commune",
            max_length=120,
        )
    if isinstance(values.get("occupation_override"), str):
        values["occupation_override"] = str(values["occupation_override"]).strip() or None
    _bounded_int(
        values,
        "salary_min",
        0,
        MAX_SALARY,
        issues,
        "Salaire minimum (brut annuel, €)",
        ErrorCode.OUT_OF_RANGE,
    )
    _bounded_int(
        values,
        "salary_max",
        0,
        MAX_SALARY,
        issues,
        "Salaire maximum (brut annuel, €)",
        ErrorCode.OUT_OF_RANGE,
    )
    _bounded_int(
        values, "daily_rate", 1, MAX_DAILY_RATE, issues, "Taux journalier (€)", ErrorCode.OUT_OF_RANGE
    )
    _bounded_int(values, "budget", 0, MAX_BUDGET, issues, "Budget (€)", ErrorCode.OUT_OF_RANGE)
    _bounded_int(
        values, "weekly_hours", 1, MAX_WEEKLY_HOURS, issues, "Heures par semaine", ErrorCode.OUT_OF_RANGE
    )
    _bounded_int(
        values,
        "min_experience_years",
        0,
        MAX_EXPERIENCE_YEARS,
        issues,
        "Expérience minimale (années)",
        ErrorCode.OUT_OF_RANGE,
    )
    _bounded_int(
        values,
        "team_size",
        1,
        MAX_TEAM_SIZE,
        issues,
        "Taille de l'équipe concernée",
        ErrorCode.OUT_OF_RANGE,
    )
    _bounded_int(
        values, "duration_days", 1, MAX_DURATION_DAYS, issues, "Durée (jours)", ErrorCode.OUT_OF_RANGE
    )
    _bounded_int(
        values,
        "remote_days",
        1,
        4,
        issues,
        "Jours de télétravail par semaine",
        ErrorCode.OUT_OF_RANGE,
    )
    clean_place(values, issues)
    return values


def clean_competencies(
    items: list[CompetencyRequirement], framework: Framework, issues: IssueCollector
) -> list[CompetencyRequirement]:
    """Known competency ids of the live framework, levels 1–4, each once, 40 at most."""
    if len(items) > MAX_COMPETENCIES:
        issues.add("competencies", f"{MAX_COMPETENCIES} compétences au plus.", ErrorCode.TOO_MANY)
        return []
    seen: set[str] = set()
    clean: list[CompetencyRequirement] = []
    for item in items:
        competency_id = item.competency_id.strip()
        try:
            framework.competency(competency_id)
        except KeyError:
            issues.add(
                "competencies",
                f"Compétence inconnue du référentiel : « {competency_id} ».",
                ErrorCode.UNKNOWN_COMPETENCY,
            )
            continue
        if not 1 <= item.level <= 4:
            issues.add(
                "competencies",
                "Niveau de compétence : 1 (notions) à 4 (expertise).",
                ErrorCode.INVALID_LEVEL,
            )
        if competency_id in seen:
            issues.add(
                "competencies",
                f"Compétence en double : « {competency_id} ».",
                ErrorCode.DUPLICATE_COMPETENCY,
            )
        if item.must_have and not item.required:
            issues.add(
                "competencies",
                f"« {competency_id} » est indispensable : elle doit aussi être requise.",
                ErrorCode.MUST_HAVE_NOT_REQUIRED,
            )
        seen.add(competency_id)
        clean.append(CompetencyRequirement(competency_id, item.level, item.required, item.must_have))
    return clean


def clean_languages(items: list[LanguageRequirement], issues: IssueCollector) -> list[LanguageRequirement]:
    """The languages rule shared with members' profiles, 10 at most."""
    clean = shared_clean_languages(
        [(item.code, item.level) for item in items],
        issues,
        code_field="code",
        limit=MAX_LANGUAGES,
    )
    return [LanguageRequirement(code, level) for code, level in clean]


def check_role(state: dict[str, object], issues: IssueCollector) -> None:
    """Contract, working time and pay must agree with one another."""
    contract = state.get("contract_type")
    months = state.get("contract_months")
    if contract is None:
        issues.add("contractType", "Le type de contrat est obligatoire.", ErrorCode.REQUIRED)
    elif contract is ContractType.CDD:
        if months is None:
            issues.add(
                "contractMonths",
                "Un CDD doit préciser sa durée (1 à 36 mois).",
                ErrorCode.CDD_DURATION_REQUIRED,
            )
        elif isinstance(months, int) and not CDD_MONTHS[0] <= months <= CDD_MONTHS[1]:
            issues.add("contractMonths", "Durée d'un CDD : entre 1 et 36 mois.", ErrorCode.OUT_OF_RANGE)
    elif months is not None and contract in (ContractType.CDI, ContractType.FREELANCE):
        issues.add(
            "contractMonths",
            "La durée ne s'applique pas à ce type de contrat.",
            ErrorCode.DURATION_NOT_APPLICABLE,
        )
    elif isinstance(months, int) and not 1 <= months <= 36:
        issues.add("contractMonths", "Durée : entre 1 et 36 mois.", ErrorCode.OUT_OF_RANGE)
    hours = state.get("weekly_hours")
    if state.get("working_time") is WorkingTime.PART_TIME:
        if hours is None:
            issues.add(
                "weeklyHours",
                "Un temps partiel doit préciser ses heures par semaine.",
                ErrorCode.WEEKLY_HOURS_REQUIRED,
            )
        elif isinstance(hours, int) and hours >= FULL_TIME_HOURS:
            issues.add(
                "weeklyHours",
                "Un temps partiel compte moins de 35 heures par semaine.",
                ErrorCode.OUT_OF_RANGE,
            )
    low, high = state.get("salary_min"), state.get("salary_max")
    if contract is ContractType.FREELANCE:
        if low is not None or high is not None:
            issues.add(
                "salaryMin" if low is not None else "salaryMax",
                "Une mission freelance s'exprime en taux journalier (TJM), pas en salaire.",
                ErrorCode.FREELANCE_USES_DAILY_RATE,
            )
        if state.get("daily_rate") is None:
            issues.add(
                "dailyRate",
                "Une mission freelance doit indiquer son taux journalier (TJM).",
                ErrorCode.DAILY_RATE_REQUIRED,
            )
    elif state.get("daily_rate") is not None:
        issues.add(
            "dailyRate",
            "Le taux journalier ne concerne que les missions freelance.",
            ErrorCode.DAILY_RATE_FREELANCE_ONLY,
        )
    if isinstance(low, int) and isinstance(high, int) and low > high:
        issues.add(
            "salaryMax",
            "Le salaire maximum doit être supérieur ou égal au minimum.",
            ErrorCode.SALARY_RANGE_INVALID,
        )


def check_common(state: dict[str, object], issues: IssueCollector) -> None:
    """Place, remote policy and dates, for both kinds."""
    policy = state.get("remote_policy")
    located = state.get("postal_code") is not None or state.get("departement") is not None
    if policy is RemotePolicy.FULL:
        if located:
            issues.add(
                "remotePolicy",
                "Un poste en télétravail total n'a pas de lieu : retirez le "
                "code postal et le département, ou choisissez un télétravail partiel.",
                ErrorCode.LOCATION_WITH_FULL_REMOTE,
            )
    elif not located:
        issues.add(
            "postalCode",
            "Indiquez le lieu (code postal ou département) ou choisissez le télétravail total.",
            ErrorCode.LOCATION_REQUIRED,
        )
    days = state.get("remote_days")
    if policy is RemotePolicy.PARTIAL and days is None:
        issues.add(
            "remoteDays",
            "Télétravail partiel : précisez le nombre de jours (1 à 4).",
            ErrorCode.REMOTE_DAYS_REQUIRED,
        )
    elif policy is not RemotePolicy.PARTIAL and days is not None:
        issues.add(
            "remoteDays",
            "Le nombre de jours ne concerne que le télétravail partiel.",
            ErrorCode.REMOTE_DAYS_NOT_APPLICABLE,
        )
    start, expiry = state.get("start_date"), state.get("expiry_date")
    if isinstance(start, date) and isinstance(expiry, date) and start > expiry:
        issues.add(
            "expiryDate", "La date d'expiration doit suivre la date de début.", ErrorCode.DATES_INCOHERENT
        )


def check_live_dates(state: dict[str, object], today: date, issues: IssueCollector) -> None:
    """An open posting must not already be expired."""
    expiry = state.get("expiry_date")
    if isinstance(expiry, date) and expiry <= today:
        issues.add(
            "expiryDate",
            "La date d'expiration doit être dans le futur pour publier l'offre.",
            ErrorCode.EXPIRY_IN_PAST,
        )
