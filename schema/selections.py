"""What a request selects under a field, for resolvers that read less when less is asked."""

from __future__ import annotations

from typing import Any

from strawberry.types import Info


def selects_any(info: Info[Any, Any], names: frozenset[str]) -> bool:
    """Whether the request selects, anywhere under this field (fragments included), a field named
    in `names` (GraphQL names: `suggestedCompetencies`)."""
    pending: list[Any] = list(info.selected_fields)
    while pending:
        selection = pending.pop()
        if getattr(selection, "name", None) in names:
            return True
        pending.extend(getattr(selection, "selections", ()))
    return False
