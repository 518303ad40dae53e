"""Partial updates: which input fields were given, and their names as the API spells them."""

from __future__ import annotations

from dataclasses import dataclass, fields

UNSET: object = object()
"""A field left out of an update: its column is not touched (None means « clear it »)."""


@dataclass
class PartialFields:
    """Base of the editable-fields dataclasses of postings, partners and members."""

    def provided(self) -> dict[str, object]:
        """The fields given by the caller, by attribute name; those left UNSET are not in it."""
        return {f.name: getattr(self, f.name) for f in fields(self) if getattr(self, f.name) is not UNSET}


def camel(key: str) -> str:
    """`salary_min` → `salaryMin`: error fields name the input as the GraphQL client wrote it."""
    head, *rest = key.split("_")
    return head + "".join(part.capitalize() for part in rest)
