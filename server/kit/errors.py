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
    code: str


class ValidationFailed(Exception):
    """One or more rules refused the input; nothing was changed."""

    def __init__(self, issues: list[FieldIssue]) -> None:
        super().__init__("; ".join(issue.message for issue in issues))
        self.issues = issues

    @classmethod
    def single(cls, field: str | None, message: str, code: str) -> ValidationFailed:
        return cls([FieldIssue(field=field, message=message, code=code)])


class IssueCollector:
    """Collects every broken rule of an input so the user sees them all at once, not one per try."""

    def __init__(self) -> None:
        self.issues: list[FieldIssue] = []

    def add(self, field: str | None, message: str, code: str) -> None:
        self.issues.append(FieldIssue(field=field, message=message, code=code))

    def raise_if_any(self) -> None:
        if self.issues:
            raise ValidationFailed(self.issues)
