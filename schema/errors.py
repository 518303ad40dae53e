"""The typed error every mutation payload carries, and the one enum of its codes."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TypeVar

import strawberry

from schema.enums import expose
from server.kit.errors import ERROR_CODE_DESCRIPTIONS, ErrorCode, FieldIssue

expose(
    ErrorCode,
    name="ErrorCode",
    description="Règle métier refusée : un code stable par règle, à tester par les programmes.",
    values=ERROR_CODE_DESCRIPTIONS,
)


@strawberry.type(description="Une règle métier a refusé la demande ; rien n'a été modifié.")
class FieldError:
    field: str | None = strawberry.field(description="Champ d'entrée concerné (camelCase), ou null.")
    message: str = strawberry.field(description="Explication en français, à montrer telle quelle.")
    code: ErrorCode = strawberry.field(description="Code stable de la règle refusée.")


def field_errors(issues: Iterable[FieldIssue]) -> list[FieldError]:
    return [FieldError(field=issue.field, message=issue.message, code=issue.code) for issue in issues]


P = TypeVar("P")
T = TypeVar("T")


def payload(
    shape: Callable[..., P],
    result: tuple[T | None, Sequence[FieldIssue]],
    present: Callable[[T], object],
    name: str,
) -> P:
    """One way to build a mutation payload: the presented object under `name` (or null), and the errors."""
    value, issues = result
    return shape(**{name: None if value is None else present(value)}, errors=field_errors(issues))
