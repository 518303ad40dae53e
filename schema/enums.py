"""Expose the domain's Python enums as GraphQL enums, once, so annotations use the enums themselves.

`strawberry.enum` registers the class in place and returns it: annotating a field with the model enum
(`status: PostingStatus`) then needs no alias and no `type: ignore`.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from typing import Any, TypeVar

import strawberry

E = TypeVar("E", bound=type[enum.Enum])


def expose(cls: E, *, name: str, description: str, values: Mapping[Any, str] | None = None) -> E:
    """Register `cls` as the GraphQL enum `name`, with French descriptions of the enum and of its values."""
    strawberry.enum(cls, name=name, description=description)
    if values:
        by_name = {member.name: text for member, text in values.items()}
        for value in cls.__strawberry_definition__.values:  # type: ignore[attr-defined]
            value.description = by_name.get(value.name, value.description)
    return cls
