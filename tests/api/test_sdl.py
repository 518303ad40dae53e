"""The committed SDL is what clients read: it must match the code (run `make schema` after changes)."""

from __future__ import annotations

from pathlib import Path

import strawberry
from graphql import (
    GraphQLEnumType,
    GraphQLInputObjectType,
    GraphQLInterfaceType,
    GraphQLObjectType,
    GraphQLSchema,
)

from matching.scoring import FACTOR_LABELS, HARD_FILTERS
from schema.api import schema
from schema.descriptions import describe
from server.models.matching import MemberResponse

BUILT_IN_SCALARS = frozenset({"String", "Int", "Float", "Boolean", "ID"})
ENGINE_ENUMS = ("MatchExclusionCode", "MatchFactorCode", "MatchUpdateEvent")
SDL = Path(__file__).resolve().parents[2] / "schema" / "schema.graphql"


def test_committed_sdl_is_fresh() -> None:
    assert SDL.read_text(encoding="utf-8").strip() == schema.as_str().strip(), (
        "schema/schema.graphql is stale: run `make schema`"
    )


def undescribed(graphql: GraphQLSchema) -> list[str]:
    """Every type, field, argument, input field and enum value of the schema without a description."""
    missing: list[str] = []
    for name, kind in sorted(graphql.type_map.items()):
        if name.startswith("__") or name in BUILT_IN_SCALARS:
            continue
        if not kind.description:
            missing.append(name)
        if isinstance(kind, GraphQLObjectType | GraphQLInterfaceType):
            for field_name, field in kind.fields.items():
                missing += [] if field.description else [f"{name}.{field_name}"]
                missing += [
                    f"{name}.{field_name}({argument_name})"
                    for argument_name, argument in field.args.items()
                    if not argument.description
                ]
        elif isinstance(kind, GraphQLInputObjectType):
            missing += [
                f"{name}.{field_name}" for field_name, field in kind.fields.items() if not field.description
            ]
        elif isinstance(kind, GraphQLEnumType):
            missing += [
                f"{name}.{value_name}" for value_name, value in kind.values.items() if not value.description
            ]
    return missing


def test_every_type_field_argument_and_enum_value_is_described() -> None:
    """Clients read the SDL as documentation: nothing in it goes without a French description."""
    missing = undescribed(schema._schema)
    assert missing == [], f"{len(missing)} without a description:\n" + "\n".join(missing)


def test_the_descriptions_table_names_only_what_exists() -> None:
    """A renamed field must not leave its description behind in schema/descriptions.py."""
    assert describe(schema._schema) == []


def test_a_field_left_undescribed_is_named_by_the_check() -> None:
    # given a schema with one type whose field and argument have no description
    @strawberry.type(description="Racine.")
    class Query:
        @strawberry.field
        def hello(self, name: str) -> str:
            return name

    # then the check names both
    assert undescribed(strawberry.Schema(query=Query)._schema) == ["Query.hello", "Query.hello(name)"]


def test_payload_error_codes_are_one_described_enum() -> None:
    """`FieldError.code` is the `ErrorCode` enum; each value says in French what rule it names."""
    graphql = schema._schema
    field_error = graphql.get_type("FieldError")
    assert str(field_error.fields["code"].type) == "ErrorCode!"  # type: ignore[union-attr]
    codes = graphql.get_type("ErrorCode")
    undescribed = [name for name, value in codes.values.items() if not value.description]  # type: ignore[union-attr]
    assert undescribed == []
    assert {"PARTNER_INACTIVE", "INVALID_LANGUAGE"} <= set(codes.values)  # type: ignore[union-attr]
    assert not {"PARTNER_NOT_ACTIVE", "INVALID_CEFR", "INVALID_CEFR_LEVEL"} & set(codes.values)  # type: ignore[union-attr]


def test_every_engine_code_and_live_event_has_its_enum_value() -> None:
    """The engine's exclusion and factor codes, and the events the worker publishes, are closed enums."""
    graphql = schema._schema
    values = {name: set(graphql.get_type(name).values) for name in ENGINE_ENUMS}  # type: ignore[union-attr]
    assert values["MatchExclusionCode"] == {code.upper() for code in HARD_FILTERS}
    assert values["MatchFactorCode"] == {code.upper() for code in FACTOR_LABELS}
    responses = {f"RESPONSE_{response.name}" for response in MemberResponse}
    assert values["MatchUpdateEvent"] == {"NEW", "UPDATED", "EXPIRED"} | responses


def payloads_not_named_after_their_mutation(graphql: GraphQLSchema) -> list[str]:
    """Mutations whose result type is not `<Mutation>Payload`, or is shared with another mutation."""
    mutation = graphql.mutation_type
    assert mutation is not None
    wrong: list[str] = []
    for name, field in sorted(mutation.fields.items()):
        returned = str(field.type).rstrip("!")
        if returned != name[0].upper() + name[1:] + "Payload":
            wrong.append(f"{name} → {returned}")
    return wrong


def test_every_mutation_returns_its_own_payload_named_after_it() -> None:
    """One naming rule (docs/api.md): `createRole` → `CreateRolePayload`, never a payload shared by two."""
    assert payloads_not_named_after_their_mutation(schema._schema) == []


@strawberry.type(name="SharedPayload", description="Un résultat partagé.")
class _SharedPayload:
    ok: bool = strawberry.field(description="Vrai si fait.")


@strawberry.type(description="Requêtes.")
class _Query:
    ping: bool = strawberry.field(description="Toujours vrai.", default=True)


def _do() -> _SharedPayload:
    return _SharedPayload(ok=True)


@strawberry.type(description="Mutations.")
class _Mutation:
    do_one: _SharedPayload = strawberry.mutation(resolver=_do, description="Une action.")
    do_two: _SharedPayload = strawberry.mutation(resolver=_do, description="Une autre action.")


def test_a_shared_payload_is_named_by_the_check() -> None:
    wrong = payloads_not_named_after_their_mutation(
        strawberry.Schema(query=_Query, mutation=_Mutation)._schema
    )
    assert wrong == ["doOne → SharedPayload", "doTwo → SharedPayload"]
