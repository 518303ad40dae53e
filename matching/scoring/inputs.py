"""What the engine reads about a member and a posting: plain values, checked once.

Only what matching needs is here, and nothing protected (no age, gender, family situation,
origin, health…): the engine cannot use what it is never given.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Literal, get_args

from matching.communes import commune as find_insee
from matching.scoring.geo import is_departement

Visibility = Literal["hidden", "anonymous", "visible"]
RemotePreference = Literal["none", "partial", "full"]
ContractType = Literal["cdi", "cdd", "interim", "alternance", "stage", "freelance"]
WorkingTime = Literal["full", "part"]
NeedKind = Literal["strategic_support", "upskilling", "mission", "mentoring"]
PostingKind = Literal["role", "need"]

CEFR_LEVELS: tuple[str, ...] = ("A1", "A2", "B1", "B2", "C1", "C2")
CONTRACT_TYPES: tuple[str, ...] = get_args(ContractType)
NEED_KINDS: tuple[str, ...] = get_args(NeedKind)
REMOTE_PREFERENCES: tuple[str, ...] = get_args(RemotePreference)
WORKING_TIMES: tuple[str, ...] = get_args(WorkingTime)


def cefr_rank(level: str) -> int:
    """A1 → 1 … C2 → 6, so levels compare as numbers."""
    return CEFR_LEVELS.index(level) + 1


def _one_of(value: object, allowed: Collection[object], what: str) -> None:
    if value not in allowed:
        raise ValueError(f"{what} invalide : {value!r} (attendu : {', '.join(map(str, allowed))})")


def _levels(levels: Mapping[str, int], what: str) -> None:
    for key, level in levels.items():
        if not 1 <= level <= 4:
            raise ValueError(f"{what} : niveau {level!r} invalide pour {key} (1 à 4)")


def _languages(languages: Mapping[str, str]) -> None:
    for code, level in languages.items():
        if code != code.lower() or not 2 <= len(code) <= 3:
            raise ValueError(f"Code de langue invalide : {code!r} (code ISO en minuscules)")
        _one_of(level, CEFR_LEVELS, f"Niveau CECRL pour {code}")


def _departement(code: str | None) -> None:
    if code is not None and not is_departement(code):
        raise ValueError(f"Département inconnu : {code!r}")


def _commune(code: str | None, departement: str | None) -> str | None:
    """Check an INSEE code and return its département (which must agree with the one given)."""
    if code is None:
        return departement
    place = find_insee(code)
    if place is None:
        raise ValueError(f"Commune inconnue : {code!r}")
    if departement is not None and departement != place.departement:
        raise ValueError(f"La commune {code} n'est pas dans le département {departement}")
    return place.departement


def _not_negative(value: float | None, what: str) -> None:
    if value is not None and value < 0:
        raise ValueError(f"{what} ne peut pas être négatif·ve : {value!r}")


@dataclass(frozen=True, kw_only=True)
class MemberProfile:
    """A member as the engine sees them; `occupation_ids` lists the headline occupation first."""

    member_id: str
    visibility: Visibility = "anonymous"
    commune: str | None = None  # INSEE code of home; None: known to the département only (coarser)
    last_active: date | None = None  # freshness, the last tie-breaker
    occupation_ids: tuple[str, ...] = ()
    competencies: Mapping[str, int] = field(default_factory=dict)
    languages: Mapping[str, str] = field(default_factory=dict)
    departement: str | None = None
    mobility_departements: frozenset[str] = frozenset()
    mobility_radius_km: float = 0.0
    remote_preference: RemotePreference = "none"
    accepted_contracts: frozenset[ContractType] = frozenset()  # empty: any contract
    working_time: WorkingTime | None = None  # None: either
    experience_years: float = 0.0
    salary_expectation: float | None = None  # gross annual €
    daily_rate: float | None = None  # € per day, for freelance work
    available_from: date | None = None  # None: available now
    offers: frozenset[NeedKind] = frozenset()

    def __post_init__(self) -> None:
        _one_of(self.visibility, get_args(Visibility), "Visibilité")
        _levels(self.competencies, "Compétence du ou de la membre")
        _languages(self.languages)
        _departement(self.departement)
        object.__setattr__(self, "departement", _commune(self.commune, self.departement))
        for code in self.mobility_departements:
            _departement(code)
        _one_of(self.remote_preference, REMOTE_PREFERENCES, "Préférence de télétravail")
        for contract in self.accepted_contracts:
            _one_of(contract, CONTRACT_TYPES, "Type de contrat")
        if self.working_time is not None:
            _one_of(self.working_time, WORKING_TIMES, "Temps de travail")
        for offer in self.offers:
            _one_of(offer, NEED_KINDS, "Type d'appui proposé")
        _not_negative(self.mobility_radius_km, "Le rayon de mobilité")
        _not_negative(self.experience_years, "L'expérience")
        _not_negative(self.salary_expectation, "La prétention salariale")
        _not_negative(self.daily_rate, "Le taux journalier")


@dataclass(frozen=True, kw_only=True)
class PostingCriteria:
    """A role (offre d'emploi) or a strategic-support need, reduced to what matching compares.

    `salary_max` is the top of the gross annual range and `daily_rate_max` the highest daily rate
    (TJM) the partner pays; a need's total budget divided by its duration in days gives the latter.
    """

    posting_id: str
    kind: PostingKind = "role"
    need_kind: NeedKind | None = None
    occupation_id: str | None = None
    required_competencies: Mapping[str, int] = field(default_factory=dict)
    nice_competencies: Mapping[str, int] = field(default_factory=dict)
    must_have: frozenset[str] = frozenset()  # required competencies no member may fall short of
    languages: Mapping[str, str] = field(default_factory=dict)  # all required
    commune: str | None = None  # INSEE code of the workplace; None: known to the département only
    published: date | None = None  # freshness, the last tie-breaker
    departement: str | None = None
    full_remote: bool = False
    remote_days: int = 0  # per week, for partial remote
    contract_type: ContractType | None = None
    working_time: WorkingTime | None = None
    min_experience_years: float = 0.0
    salary_min: float | None = None
    salary_max: float | None = None
    daily_rate_max: float | None = None
    start_date: date | None = None

    def __post_init__(self) -> None:
        _one_of(self.kind, get_args(PostingKind), "Type d'annonce")
        if self.kind == "need":
            _one_of(self.need_kind, NEED_KINDS, "Type de besoin")
        elif self.need_kind is not None:
            raise ValueError("Une offre d'emploi n'a pas de type de besoin")
        _levels(self.required_competencies, "Compétence requise")
        _levels(self.nice_competencies, "Compétence souhaitée")
        both = sorted(set(self.required_competencies) & set(self.nice_competencies))
        if both:
            raise ValueError(f"Compétence à la fois requise et souhaitée : {', '.join(both)}")
        loose = sorted(self.must_have - set(self.required_competencies))
        if loose:
            raise ValueError(f"Compétence indispensable non requise : {', '.join(loose)}")
        _languages(self.languages)
        _departement(self.departement)
        object.__setattr__(self, "departement", _commune(self.commune, self.departement))
        if not 0 <= self.remote_days <= 5:
            raise ValueError(f"Jours de télétravail invalides : {self.remote_days!r} (0 à 5)")
        if self.contract_type is not None:
            _one_of(self.contract_type, CONTRACT_TYPES, "Type de contrat")
        if self.working_time is not None:
            _one_of(self.working_time, WORKING_TIMES, "Temps de travail")
        _not_negative(self.min_experience_years, "L'expérience minimale")
        _not_negative(self.salary_max, "Le salaire maximal")
        _not_negative(self.daily_rate_max, "Le taux journalier maximal")
        if self.salary_min is not None and self.salary_max is not None and self.salary_min > self.salary_max:
            raise ValueError("Le salaire minimal dépasse le salaire maximal")

    @property
    def remote_mode(self) -> int:
        """0 on site, 1 partial remote, 2 full remote (the index into `REMOTE_FIT`)."""
        return 2 if self.full_remote else (1 if self.remote_days > 0 else 0)
