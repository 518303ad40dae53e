"""The typed error every mutation payload carries."""

from __future__ import annotations

from collections.abc import Iterable

import strawberry

from server.kit.errors import FieldIssue


@strawberry.type(description="Une règle métier a refusé la demande ; rien n'a été modifié.")
class FieldError:
    field: str | None = strawberry.field(description="Champ d'entrée concerné (camelCase), ou null.")
    message: str = strawberry.field(description="Explication en français, à montrer telle quelle.")
    code: str = strawberry.field(description="Code stable pour les programmes (ex. INVALID_SIRET).")


def field_errors(issues: Iterable[FieldIssue]) -> list[FieldError]:
    return [FieldError(field=issue.field, message=issue.message, code=issue.code) for issue in issues]
