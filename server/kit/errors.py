"""Errors the services raise; the GraphQL layer turns them into typed payload or top-level errors.

Two families, because clients handle them differently:
- `ValidationFailed` / `BusinessRuleViolation`: the request was understood but refused by a rule; mutations
  return them as `errors: [{field, message, code}]` in their payload and change nothing.
- `AccessError` subclasses: authentication, permission, missing object, rate limit; they become top-level
  GraphQL errors with `extensions.code` from a fixed set.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass


class ApiErrorCode(enum.StrEnum):
    """The fixed set of top-level error codes; anything else is a bug."""

    UNAUTHENTICATED = "UNAUTHENTICATED"
    FORBIDDEN = "FORBIDDEN"
    NOT_FOUND = "NOT_FOUND"
    BAD_USER_INPUT = "BAD_USER_INPUT"
    RATE_LIMITED = "RATE_LIMITED"
    INTERNAL_SERVER_ERROR = "INTERNAL_SERVER_ERROR"


class ErrorCode(enum.StrEnum):
    """The stable codes of broken business rules, one per rule (no synonyms), exposed as a GraphQL enum."""

    REQUIRED = "REQUIRED"
    TOO_SHORT = "TOO_SHORT"
    TOO_LONG = "TOO_LONG"
    TOO_MANY = "TOO_MANY"
    OUT_OF_RANGE = "OUT_OF_RANGE"
    INVALID_EMAIL = "INVALID_EMAIL"
    EMAIL_TAKEN = "EMAIL_TAKEN"
    INVALID_CREDENTIALS = "INVALID_CREDENTIALS"
    PASSWORD_TOO_WEAK = "PASSWORD_TOO_WEAK"  # noqa: S105 (a code, not a password)
    INVITATION_INVALID = "INVITATION_INVALID"
    SELF_DEACTIVATION = "SELF_DEACTIVATION"
    NOT_ALLOWED = "NOT_ALLOWED"
    PARTNER_INACTIVE = "PARTNER_INACTIVE"
    INVALID_SIREN = "INVALID_SIREN"
    INVALID_SIRET = "INVALID_SIRET"
    SIREN_TAKEN = "SIREN_TAKEN"
    SIRET_MISMATCH = "SIRET_MISMATCH"
    INVALID_NAF = "INVALID_NAF"
    INVALID_URL = "INVALID_URL"
    INVALID_POSTAL_CODE = "INVALID_POSTAL_CODE"
    INVALID_DEPARTEMENT = "INVALID_DEPARTEMENT"
    DEPARTEMENT_MISMATCH = "DEPARTEMENT_MISMATCH"
    UNKNOWN_COMMUNE = "UNKNOWN_COMMUNE"
    COMMUNE_NOT_IN_POSTAL_CODE = "COMMUNE_NOT_IN_POSTAL_CODE"
    UNKNOWN_TIER = "UNKNOWN_TIER"
    INVALID_CODE = "INVALID_CODE"
    INVALID_QUOTA = "INVALID_QUOTA"
    FEATURING_NOT_IN_TIER = "FEATURING_NOT_IN_TIER"
    OPEN_POSTINGS_QUOTA_REACHED = "OPEN_POSTINGS_QUOTA_REACHED"
    DATE_IN_FUTURE = "DATE_IN_FUTURE"
    DATES_INCOHERENT = "DATES_INCOHERENT"
    EXPIRY_IN_PAST = "EXPIRY_IN_PAST"
    INVALID_PERIOD = "INVALID_PERIOD"
    PERIOD_TOO_LONG = "PERIOD_TOO_LONG"
    POSTING_CLOSED = "POSTING_CLOSED"
    FORBIDDEN_TRANSITION = "FORBIDDEN_TRANSITION"
    UNKNOWN_OCCUPATION = "UNKNOWN_OCCUPATION"
    UNKNOWN_COMPETENCY = "UNKNOWN_COMPETENCY"
    DUPLICATE_COMPETENCY = "DUPLICATE_COMPETENCY"
    INVALID_LEVEL = "INVALID_LEVEL"
    MUST_HAVE_NOT_REQUIRED = "MUST_HAVE_NOT_REQUIRED"
    INVALID_LANGUAGE = "INVALID_LANGUAGE"
    DUPLICATE_LANGUAGE = "DUPLICATE_LANGUAGE"
    CDD_DURATION_REQUIRED = "CDD_DURATION_REQUIRED"
    DURATION_NOT_APPLICABLE = "DURATION_NOT_APPLICABLE"
    WEEKLY_HOURS_REQUIRED = "WEEKLY_HOURS_REQUIRED"
    DAILY_RATE_REQUIRED = "DAILY_RATE_REQUIRED"
    DAILY_RATE_FREELANCE_ONLY = "DAILY_RATE_FREELANCE_ONLY"
    FREELANCE_USES_DAILY_RATE = "FREELANCE_USES_DAILY_RATE"
    SALARY_RANGE_INVALID = "SALARY_RANGE_INVALID"
    LOCATION_REQUIRED = "LOCATION_REQUIRED"
    LOCATION_WITH_FULL_REMOTE = "LOCATION_WITH_FULL_REMOTE"
    REMOTE_DAYS_REQUIRED = "REMOTE_DAYS_REQUIRED"
    REMOTE_DAYS_NOT_APPLICABLE = "REMOTE_DAYS_NOT_APPLICABLE"
    AGE_CRITERION = "AGE_CRITERION"
    GENDER_CRITERION = "GENDER_CRITERION"
    INVALID_MEMBERSHIP_NUMBER = "INVALID_MEMBERSHIP_NUMBER"
    MEMBERSHIP_NUMBER_TAKEN = "MEMBERSHIP_NUMBER_TAKEN"
    MATCH_CLOSED = "MATCH_CLOSED"
    REASON_MISMATCH = "REASON_MISMATCH"
    POSTING_NOT_MATCHABLE = "POSTING_NOT_MATCHABLE"
    CHOICE_REQUIRED = "CHOICE_REQUIRED"
    ALREADY_RESOLVED = "ALREADY_RESOLVED"
    INVITATION_ACCEPTED = "INVITATION_ACCEPTED"
    LINK_INVALID = "LINK_INVALID"
    CHALLENGE_INVALID = "CHALLENGE_INVALID"
    CODE_INVALID = "CODE_INVALID"
    SECOND_FACTOR_ENABLED = "SECOND_FACTOR_ENABLED"
    SECOND_FACTOR_NOT_ENABLED = "SECOND_FACTOR_NOT_ENABLED"
    SECOND_FACTOR_REQUIRED = "SECOND_FACTOR_REQUIRED"
    SAME_EMAIL = "SAME_EMAIL"


ERROR_CODE_DESCRIPTIONS: dict[ErrorCode, str] = {
    ErrorCode.REQUIRED: "Champ obligatoire manquant ou vidé.",
    ErrorCode.TOO_SHORT: "Texte trop court (mot de passe compris).",
    ErrorCode.TOO_LONG: "Texte trop long (mot de passe compris).",
    ErrorCode.TOO_MANY: "Liste trop longue.",
    ErrorCode.OUT_OF_RANGE: "Nombre hors des bornes admises (montant, durée, heures, années…).",
    ErrorCode.INVALID_EMAIL: "Adresse e-mail invalide.",
    ErrorCode.EMAIL_TAKEN: "Un compte existe déjà avec cette adresse e-mail.",
    ErrorCode.INVALID_CREDENTIALS: "Adresse e-mail ou mot de passe incorrect.",
    ErrorCode.PASSWORD_TOO_WEAK: "Mot de passe trop faible ou trop proche de l'adresse e-mail.",
    ErrorCode.INVITATION_INVALID: "Invitation invalide, expirée ou compte désactivé.",
    ErrorCode.SELF_DEACTIVATION: "Un·e utilisateur·rice ne peut pas désactiver son propre compte.",
    ErrorCode.NOT_ALLOWED: "Valeur non permise dans ce contexte.",
    ErrorCode.PARTNER_INACTIVE: "L'entreprise partenaire n'est pas active.",
    ErrorCode.INVALID_SIREN: "Numéro SIREN invalide.",
    ErrorCode.INVALID_SIRET: "Numéro SIRET invalide.",
    ErrorCode.SIREN_TAKEN: "Une entreprise partenaire existe déjà avec ce SIREN.",
    ErrorCode.SIRET_MISMATCH: "Le SIRET ne commence pas par le SIREN de l'entreprise.",
    ErrorCode.INVALID_NAF: "Code NAF invalide.",
    ErrorCode.INVALID_URL: "Adresse web invalide (http:// ou https://).",
    ErrorCode.INVALID_POSTAL_CODE: "Code postal invalide (5 chiffres).",
    ErrorCode.INVALID_DEPARTEMENT: "Département inconnu.",
    ErrorCode.DEPARTEMENT_MISMATCH: "Le département ne correspond pas au code postal.",
    ErrorCode.UNKNOWN_COMMUNE: "Code INSEE de commune inconnu.",
    ErrorCode.COMMUNE_NOT_IN_POSTAL_CODE: "La commune n'est pas desservie par ce code postal.",
    ErrorCode.UNKNOWN_TIER: "Niveau de partenariat inconnu.",
    ErrorCode.INVALID_CODE: "Code de niveau de partenariat mal formé.",
    ErrorCode.INVALID_QUOTA: "Quota d'offres ouvertes négatif.",
    ErrorCode.FEATURING_NOT_IN_TIER: "La mise en avant n'est pas comprise dans le niveau de partenariat.",
    ErrorCode.OPEN_POSTINGS_QUOTA_REACHED: "Quota d'offres ouvertes du niveau de partenariat atteint.",
    ErrorCode.DATE_IN_FUTURE: "Date ou période pas encore commencée.",
    ErrorCode.DATES_INCOHERENT: "La date de fin précède la date de début.",
    ErrorCode.EXPIRY_IN_PAST: "La date d'expiration est déjà passée.",
    ErrorCode.INVALID_PERIOD: "Période non reconnue.",
    ErrorCode.PERIOD_TOO_LONG: "Période trop longue (cinq ans au plus).",
    ErrorCode.POSTING_CLOSED: "L'offre n'est plus modifiable.",
    ErrorCode.FORBIDDEN_TRANSITION: "Changement de statut non permis depuis le statut actuel.",
    ErrorCode.UNKNOWN_OCCUPATION: "Métier absent du référentiel.",
    ErrorCode.UNKNOWN_COMPETENCY: "Compétence absente du référentiel.",
    ErrorCode.DUPLICATE_COMPETENCY: "Compétence en double.",
    ErrorCode.INVALID_LEVEL: "Niveau de compétence hors de 1 à 4.",
    ErrorCode.MUST_HAVE_NOT_REQUIRED: "Une compétence indispensable doit aussi être requise.",
    ErrorCode.INVALID_LANGUAGE: "Code de langue inconnu (ISO 639-1).",
    ErrorCode.DUPLICATE_LANGUAGE: "Langue en double.",
    ErrorCode.CDD_DURATION_REQUIRED: "Un CDD demande une durée en mois.",
    ErrorCode.DURATION_NOT_APPLICABLE: "Une durée n'a pas de sens pour ce type de contrat.",
    ErrorCode.WEEKLY_HOURS_REQUIRED: "Un temps partiel demande un nombre d'heures par semaine.",
    ErrorCode.DAILY_RATE_REQUIRED: "Une mission en freelance demande un taux journalier.",
    ErrorCode.DAILY_RATE_FREELANCE_ONLY: "Un taux journalier ne concerne que le freelance.",
    ErrorCode.FREELANCE_USES_DAILY_RATE: "Le freelance s'exprime en taux journalier, pas en salaire.",
    ErrorCode.SALARY_RANGE_INVALID: "Le salaire minimum dépasse le salaire maximum.",
    ErrorCode.LOCATION_REQUIRED: "Un lieu (code postal ou département) est requis.",
    ErrorCode.LOCATION_WITH_FULL_REMOTE: "Un poste en télétravail total n'a pas de lieu.",
    ErrorCode.REMOTE_DAYS_REQUIRED: "Le télétravail partiel demande un nombre de jours.",
    ErrorCode.REMOTE_DAYS_NOT_APPLICABLE: "Un nombre de jours de télétravail n'a pas de sens ici.",
    ErrorCode.AGE_CRITERION: "Critère d'âge interdit dans une offre.",
    ErrorCode.GENDER_CRITERION: "Formulation réservée à un genre interdite dans une offre.",
    ErrorCode.INVALID_MEMBERSHIP_NUMBER: "Numéro d'adhérent·e mal formé.",
    ErrorCode.MEMBERSHIP_NUMBER_TAKEN: "Numéro d'adhérent·e déjà utilisé.",
    ErrorCode.MATCH_CLOSED: "L'opportunité n'est plus ouverte.",
    ErrorCode.REASON_MISMATCH: "Le motif ne correspond pas à l'avis donné.",
    ErrorCode.POSTING_NOT_MATCHABLE: "L'annonce ne peut pas être évaluée par le moteur.",
    ErrorCode.CHOICE_REQUIRED: "Choisir soit un métier du référentiel, soit « autre métier ».",
    ErrorCode.ALREADY_RESOLVED: "Entrée déjà traitée.",
    ErrorCode.INVITATION_ACCEPTED: "L'invitation a déjà été acceptée : le compte est actif.",
    ErrorCode.LINK_INVALID: "Lien reçu par e-mail invalide, expiré ou déjà utilisé.",
    ErrorCode.CHALLENGE_INVALID: "Étape de connexion expirée ou inconnue : se reconnecter.",
    ErrorCode.CODE_INVALID: "Code de double authentification (ou de secours) incorrect.",
    ErrorCode.SECOND_FACTOR_ENABLED: "La double authentification est déjà active.",
    ErrorCode.SECOND_FACTOR_NOT_ENABLED: "La double authentification n'est pas active.",
    ErrorCode.SECOND_FACTOR_REQUIRED: "La double authentification est obligatoire pour ce compte.",
    ErrorCode.SAME_EMAIL: "La nouvelle adresse e-mail est celle du compte.",
}
"""French descriptions of the codes, shown in the SDL for client developers."""


class AccessError(Exception):
    """A refusal that is not a business rule: the caller may not do this, or the thing is not there."""

    code: ApiErrorCode = ApiErrorCode.FORBIDDEN

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class Unauthenticated(AccessError):
    code = ApiErrorCode.UNAUTHENTICATED

    def __init__(self, message: str = "Authentification requise : connectez-vous.") -> None:
        super().__init__(message)


class Forbidden(AccessError):
    code = ApiErrorCode.FORBIDDEN

    def __init__(self, message: str = "Vous n'avez pas les droits pour cette action.") -> None:
        super().__init__(message)


class NotFound(AccessError):
    """Also used for objects that exist but belong to someone else: existence is not revealed."""

    code = ApiErrorCode.NOT_FOUND

    def __init__(self, what: str = "L'objet demandé") -> None:
        super().__init__(f"{what} est introuvable.")


class RateLimited(AccessError):
    """Too many attempts; `retry_after_seconds` (extensions.retryAfterSeconds) says when to try again."""

    code = ApiErrorCode.RATE_LIMITED

    def __init__(self, message: str, retry_after_seconds: int | None = None) -> None:
        super().__init__(message)
        self.retry_after_seconds = retry_after_seconds


class BadInput(AccessError):
    """Malformed arguments that no payload can describe (bad cursor, oversized list…)."""

    code = ApiErrorCode.BAD_USER_INPUT


@dataclass(frozen=True)
class FieldIssue:
    """One broken rule: which input field, a French message for people, a stable code for programs."""

    field: str | None
    message: str
    code: ErrorCode


class ValidationFailed(Exception):
    """One or more rules refused the input; nothing was changed."""

    def __init__(self, issues: list[FieldIssue]) -> None:
        super().__init__("; ".join(issue.message for issue in issues))
        self.issues = issues

    @classmethod
    def single(cls, field: str | None, message: str, code: ErrorCode) -> ValidationFailed:
        return cls([FieldIssue(field=field, message=message, code=code)])


class IssueCollector:
    """Collects every broken rule of an input so the user sees them all at once, not one per try."""

    def __init__(self) -> None:
        self.issues: list[FieldIssue] = []

    def add(self, field: str | None, message: str, code: ErrorCode) -> None:
        self.issues.append(FieldIssue(field=field, message=message, code=code))

    def raise_if_any(self) -> None:
        if self.issues:
            raise ValidationFailed(self.issues)
