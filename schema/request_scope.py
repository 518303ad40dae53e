"""Per-operation database scope: identify the caller only when the operation reads data."""

from __future__ import annotations

from collections.abc import AsyncIterator

from graphql import FieldNode, OperationDefinitionNode
from graphql.utilities import get_operation_ast
from strawberry.extensions import SchemaExtension

from schema.context import Context


def reads_data(operation: OperationDefinitionNode | None) -> bool:
    """False when the operation selects only meta fields (`{ __typename }`, introspection)."""
    if operation is None:
        return True
    return not all(
        isinstance(selection, FieldNode) and selection.name.value.startswith("__")
        for selection in operation.selection_set.selections
    )


class IdentifyCaller(SchemaExtension):
    """Looks the bearer token up just before execution, so a meta-only query costs no round trip."""

    async def on_execute(self) -> AsyncIterator[None]:
        context = self.execution_context.context
        if isinstance(context, Context) and not context.identified:
            document = self.execution_context.graphql_document
            operation = (
                None
                if document is None
                else get_operation_ast(document, self.execution_context.operation_name)
            )
            if reads_data(operation):
                await context.identify()
        yield
