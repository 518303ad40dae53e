"""Before execution: name the operation (for the metrics) and identify the caller if it reads data."""

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
    """Names the operation for the metrics, and looks the bearer token up just before execution, so
    a meta-only query costs no database round trip."""

    async def on_execute(self) -> AsyncIterator[None]:
        context = self.execution_context.context
        if isinstance(context, Context):
            document = self.execution_context.graphql_document
            name = self.execution_context.operation_name
            operation = None if document is None else get_operation_ast(document, name)
            context.operation_name = name
            if operation is not None:
                context.operation_type = operation.operation.value
            if not context.identified and reads_data(operation):
                await context.identify()
        yield
