"""Plain fields completed on the short path answer exactly what graphql-core's own path answers.

`schema/plain_fields.py` reads attribute fields directly and completes those ending in a scalar or an
enum without graphql-core's per-field machinery. The same operations run here on a small schema with
and without it, over values that are ordinary, missing where allowed, missing where required, or not
coercible: the answers and the errors must be the same.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Any

import pytest
import strawberry
from graphql import GraphQLObjectType

from schema.plain_fields import PlainLeavesExecutionContext, PlainRead, read_plain_fields_directly


@strawberry.enum
class Colour(enum.Enum):
    RED = "red"
    BLUE = "blue"


@strawberry.type
class Item:
    name: str
    nickname: str | None
    colour: Colour
    tags: list[str]
    maybe_tags: list[str | None] | None
    score: float


@dataclass
class Row:
    name: Any = "Camille"
    nickname: Any = None
    colour: Any = Colour.BLUE
    tags: Any = ("agenda", "accueil")
    maybe_tags: Any = None
    score: Any = 12.5


ROWS = {
    "ordinary": Row(nickname="Cam", maybe_tags=["a", None]),
    "missing where allowed": Row(),
    "missing where required": Row(name=None),
    "a required item missing": Row(tags=["a", None]),
    "not coercible": Row(score="beaucoup"),
    "a string for a list": Row(tags="agenda"),
}
QUERY = "{ item { name nickname colour tags maybeTags score alias: name } }"


def _schema(row: Row, *, short_path: bool) -> strawberry.Schema:
    @strawberry.type
    class Query:
        @strawberry.field
        def item(self) -> Item:
            return row  # type: ignore[return-value]  # read by attribute, as ORM rows are

    if not short_path:
        return strawberry.Schema(query=Query)
    built = strawberry.Schema(query=Query, execution_context_class=PlainLeavesExecutionContext)
    read_plain_fields_directly(built._schema)
    return built


def _answer(row: Row, *, short_path: bool) -> tuple[Any, list[tuple[str, Any]]]:
    result = _schema(row, short_path=short_path).execute_sync(QUERY)
    return result.data, [(error.message, error.path) for error in result.errors or ()]


@pytest.mark.parametrize("case", sorted(ROWS))
def test_the_short_path_answers_as_graphql_core_does(case: str) -> None:
    assert _answer(ROWS[case], short_path=True) == _answer(ROWS[case], short_path=False)


def test_every_plain_leaf_takes_the_short_path() -> None:
    built = _schema(Row(), short_path=True)
    item = built._schema.type_map["Item"]
    assert isinstance(item, GraphQLObjectType)
    readers = {name: field.resolve for name, field in item.fields.items()}
    assert all(isinstance(reader, PlainRead) and reader.leaf is not None for reader in readers.values())
    assert _answer(ROWS["ordinary"], short_path=True)[0] == {
        "item": {
            "name": "Camille",
            "nickname": "Cam",
            "colour": "BLUE",
            "tags": ["agenda", "accueil"],
            "maybeTags": ["a", None],
            "score": 12.5,
            "alias": "Camille",
        }
    }
