"""Plain attribute fields read straight from the object, without Strawberry's per-field wrapper.

A page of 20 postings or candidates resolves several hundred fields that only read an attribute;
Strawberry sends each through a closure and `StrawberryField.get_result` before the `getattr`, and
graphql-core builds a resolve info and walks its completion steps for each. Only fields Strawberry
itself marks as basic are touched: no resolver, permission, extension or exception handler.

Those that end in a scalar or an enum (or a list of them) are completed on a short path by
`PlainLeavesExecutionContext`: the attribute, coerced for output by the type's own function. Anything
unusual (no value where one is required, an error, a middleware) goes back to graphql-core's path,
which answers, or reports the error, exactly as it always did (see bench/api.py --profile).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from graphql import (
    GraphQLLeafType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLSchema,
    Undefined,
    is_leaf_type,
)
from graphql.execution.collect_fields import FieldDetailsList
from graphql.pyutils import Path
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext
from strawberry.types.field import StrawberryField

DEFINITION = "strawberry-definition"
BASIC = "_get_basic_result"  # what Strawberry installs for a field that only reads an attribute


class NotPlain(Exception):
    """The short path does not apply to this value: graphql-core's own path answers instead."""


@dataclass(frozen=True, slots=True)
class PlainRead:
    """A basic field's resolver: the attribute; for a leaf, also how to complete it without graphql-core."""

    attribute: str
    leaf: GraphQLLeafType | None = None  # the scalar or enum the field ends in, if it does
    required: bool = False  # `T!`: no value is an error
    listed: bool = False  # `[T]`
    items_required: bool = False  # `[T!]`

    def __call__(self, source: Any, _info: Any, **_arguments: Any) -> Any:
        return getattr(source, self.attribute)

    def complete(self, source: Any) -> Any:
        """The field's output value, as graphql-core would complete it; `NotPlain` if in doubt."""
        value = getattr(source, self.attribute)
        if value is None:
            if self.required:
                raise NotPlain
            return None
        if not self.listed:
            return self._coerce(value)
        if isinstance(value, str | bytes | dict):
            raise NotPlain  # graphql-core's list completion decides what such a value means
        return [self._item(item) for item in value]

    def _item(self, item: Any) -> Any:
        if item is None:
            if self.items_required:
                raise NotPlain
            return None
        return self._coerce(item)

    def _coerce(self, value: Any) -> Any:
        assert self.leaf is not None  # noqa: S101 — only leaves are completed here
        coerced = self.leaf.coerce_output_value(value)
        if coerced is None or coerced is Undefined:
            raise NotPlain
        return coerced


def plain_read(attribute: str, field_type: GraphQLOutputType) -> PlainRead:
    """The reader for a field of this type: with its leaf shape when it ends in a scalar or an enum."""
    required = isinstance(field_type, GraphQLNonNull)
    inner = field_type.of_type if isinstance(field_type, GraphQLNonNull) else field_type
    listed = isinstance(inner, GraphQLList)
    items_required = False
    if isinstance(inner, GraphQLList):
        items_required = isinstance(inner.of_type, GraphQLNonNull)
        inner = inner.of_type.of_type if isinstance(inner.of_type, GraphQLNonNull) else inner.of_type
    if not is_leaf_type(inner):
        return PlainRead(attribute)
    assert isinstance(inner, GraphQLLeafType)  # noqa: S101 — narrowed by is_leaf_type
    return PlainRead(attribute, inner, required, listed, items_required)


def read_plain_fields_directly(schema: GraphQLSchema) -> int:
    """Swap the basic fields' resolvers for a `PlainRead`; how many were swapped."""
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
            field.resolve = plain_read(definition.python_name, field.type)
            swapped += 1
    return swapped


class PlainLeavesExecutionContext(StrawberryGraphQLCoreExecutionContext):
    """Completes plain leaf fields directly; every other field, and any doubt, takes graphql-core's path."""

    def execute_field(
        self,
        parent_type: GraphQLObjectType,
        source: Any,
        field_details_list: FieldDetailsList,
        path: Path,
        position_context: Any,
    ) -> Any:
        field_def = parent_type.fields.get(field_details_list[0].node.name.value)
        reader = field_def.resolve if field_def is not None else None
        if (
            isinstance(reader, PlainRead)
            and reader.leaf is not None
            and not (self.middleware_manager and self.middleware_manager.middlewares)
        ):
            try:
                return reader.complete(source)
            except Exception:  # noqa: S110 — graphql-core's path below answers or reports it
                pass
        return super().execute_field(parent_type, source, field_details_list, path, position_context)
