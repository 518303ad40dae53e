"""What every list `filter:` input shares: a bound on the number of values a caller may list."""

from __future__ import annotations

from typing import TypeVar

from server.kit.errors import BadInput

MAX_FILTER_VALUES = 50

T = TypeVar("T")


def capped(values: list[T] | None, name: str) -> list[T] | None:
    """The values as given, or a BAD_USER_INPUT error when a filter lists too many."""
    if values is not None and len(values) > MAX_FILTER_VALUES:
        raise BadInput(f"« {name} » : {MAX_FILTER_VALUES} valeurs au plus.")
    return values
