"""Depth, alias and cost limits measured in one pass, each fragment measured once.

Strawberry's depth and alias limiters expand every fragment spread again where it is used: a document
whose fragments each spread the previous one twice costs 2ⁿ to validate (seconds for ~20 fragments).
Here each fragment's shape (depth, aliases, cost) is computed once and reused, so validation grows
with the document's length, not its expansion; the expansion itself is what the cost limit refuses.

Cost = the number of fields the operation selects once every fragment is expanded (the spirit of
graphql-armor's cost rule, with a unit cost per field). Introspection fields (`__schema`, `__type`)
are not counted towards depth, as in Strawberry's limiter, so GraphiQL keeps working in development.
"""

from __future__ import annotations

from dataclasses import dataclass

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
    ValidationRule,
)
from graphql.language import BREAK


@dataclass(frozen=True)
class Limits:
    max_depth: int
    max_aliases: int
    max_cost: int


@dataclass(frozen=True)
class Shape:
    depth: int  # composite fields above the deepest leaf
    aliases: int
    cost: int


EMPTY = Shape(0, 0, 0)


class _Measure:
    """Shapes of selection sets, memoised per fragment name (a cycle counts as empty: another rule
    refuses fragment cycles)."""

    def __init__(self, fragments: dict[str, FragmentDefinitionNode], ceiling: int) -> None:
        self.fragments = fragments
        self.ceiling = ceiling  # costs are clamped here: 2^n never becomes a big integer
        self.done: dict[str, Shape] = {}
        self.open: set[str] = set()

    def fragment(self, name: str) -> Shape:
        if name in self.done:
            return self.done[name]
        definition = self.fragments.get(name)
        if definition is None or name in self.open:
            return EMPTY
        self.open.add(name)
        shape = self.selections(definition.selection_set)
        self.open.discard(name)
        self.done[name] = shape
        return shape

    def selections(self, selection_set: SelectionSetNode | None) -> Shape:
        if selection_set is None:
            return EMPTY
        depth = aliases = cost = 0
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                inner = self.selections(selection.selection_set)
                introspection = selection.name.value.startswith("__")
                field_depth = 0 if introspection or selection.selection_set is None else 1 + inner.depth
                depth = max(depth, field_depth)
                aliases += inner.aliases + (1 if selection.alias is not None else 0)
                cost += 1 + inner.cost
            elif isinstance(selection, InlineFragmentNode):
                inner = self.selections(selection.selection_set)
                depth, aliases, cost = max(depth, inner.depth), aliases + inner.aliases, cost + inner.cost
            elif isinstance(selection, FragmentSpreadNode):
                inner = self.fragment(selection.name.value)
                depth, aliases, cost = max(depth, inner.depth), aliases + inner.aliases, cost + inner.cost
            aliases, cost = min(aliases, self.ceiling), min(cost, self.ceiling)
        return Shape(depth, aliases, cost)


def limits_rule(limits: Limits) -> type[ValidationRule]:
    """A validation rule refusing operations over any of the limits, with a French message."""

    class DocumentLimits(ValidationRule):
        def enter_document(self, node: DocumentNode, *_: object) -> object:
            fragments = {d.name.value: d for d in node.definitions if isinstance(d, FragmentDefinitionNode)}
            ceiling = max(limits.max_cost, limits.max_aliases) + 1
            measure = _Measure(fragments, ceiling)
            for definition in node.definitions:
                if isinstance(definition, OperationDefinitionNode):
                    self._check(definition, measure.selections(definition.selection_set))
            return BREAK  # everything was measured from here: no need to walk the tree

        def _check(self, operation: OperationDefinitionNode, shape: Shape) -> None:
            name = operation.name.value if operation.name else "anonyme"
            problems = []
            if shape.depth > limits.max_depth:
                problems.append(f"profondeur au-delà de {limits.max_depth}")
            if shape.aliases > limits.max_aliases:
                problems.append(f"plus de {limits.max_aliases} alias")
            if shape.cost > limits.max_cost:
                problems.append(f"coût au-delà de {limits.max_cost} champs une fois les fragments dépliés")
            for problem in problems:
                self.report_error(GraphQLError(f"Opération « {name} » refusée : {problem}.", operation))

    return DocumentLimits
