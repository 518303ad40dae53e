"""Every string a client sends is checked before anything runs: no control characters, bounded length.

PostgreSQL refuses a NUL byte in text (`invalid byte sequence … 0x00`), the other C0 controls have no
business in a name, an address or a description, and SQLite's LIKE gives up on huge patterns. The
check covers the operation's variables and the string literals of its document, so every argument and
input field is covered, anonymous mutations (`login`, `signUp`) included, over HTTP and WebSocket: the
refusal is a `BAD_USER_INPUT` error and no resolver runs. Tab, line feed and carriage return stay
allowed (a description has paragraphs); fields whose text is one line check that themselves.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from graphql import GraphQLError, StringValueNode, Visitor, visit
from strawberry.extensions import SchemaExtension

# Above every field's own limit (a posting description: 20 000), so those keep their payload errors.
MAX_STRING_LENGTH = 50_000
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def text_problem(value: str) -> str | None:
    if CONTROL.search(value):
        return (
            "caractère de contrôle interdit (NUL, U+0001–U+001F hors tabulation et retour à la ligne, U+007F)"
        )
    if len(value) > MAX_STRING_LENGTH:
        return f"texte trop long ({MAX_STRING_LENGTH} caractères au plus)"
    return None


def _strings(value: Any) -> Iterator[str]:
    """Every string inside a JSON value, without recursion (variables may nest 1 000 levels)."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            yield item
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)


class _Literals(Visitor):
    def __init__(self) -> None:
        super().__init__()
        self.problem: str | None = None

    def enter_string_value(self, node: StringValueNode, *_: object) -> None:
        self.problem = self.problem or text_problem(node.value)


class TextInputGuard(SchemaExtension):
    """Refuses the operation when a variable or a string literal carries a forbidden character."""

    def on_execute(self) -> Iterator[None]:
        context = self.execution_context
        for name, value in (context.variables or {}).items():
            for text in _strings(value):
                if problem := text_problem(text):
                    raise GraphQLError(f"Variable « ${name} » : {problem}.")
        if context.graphql_document is not None:
            literals = _Literals()
            visit(context.graphql_document, literals)
            if literals.problem:
                raise GraphQLError(f"Texte refusé dans la requête : {literals.problem}.")
        yield
