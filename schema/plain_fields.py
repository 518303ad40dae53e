"""Plain attribute fields read straight from the object, without Strawberry's per-field wrapper.

A page of 20 postings or candidates resolves several hundred fields that only read an attribute;
Strawberry sends each through a closure and `StrawberryField.get_result` before the `getattr`.
The same `getattr` with one call less is measurably cheaper on big pages (see bench/api.py).
Only fields Strawberry itself marks as basic are touched: no resolver, permission, extension or
exception handler, so what a field answers does not change.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from graphql import GraphQLObjectType, GraphQLSchema
from strawberry.types.field import StrawberryField

DEFINITION = "strawberry-definition"
BASIC = "_get_basic_result"  # what Strawberry installs for a field that only reads an attribute


def _reader(name: str) -> Callable[..., Any]:
    def read(source: Any, _info: Any, **_arguments: Any) -> Any:
        return getattr(source, name)

    return read


def read_plain_fields_directly(schema: GraphQLSchema) -> int:
    """Swap the basic fields' resolvers for a direct `getattr`; how many were swapped."""
    swapped = 0
    for named in schema.type_map.values():
        if not isinstance(named, GraphQLObjectType) or named.name.startswith("__"):
            continue
        for field in named.fields.values():
            definition = (field.extensions or {}).get(DEFINITION)
            if not (isinstance(definition, StrawberryField) and definition.is_basic_field):
                continue  # a resolver, a permission or another extension: Strawberry's path
            if getattr(field.resolve, "__name__", "") != BASIC:
                continue  # e.g. an exception handler wraps it
            field.resolve = _reader(definition.python_name)
            swapped += 1
    return swapped
