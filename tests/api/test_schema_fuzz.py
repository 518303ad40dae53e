"""Property-based fuzzing of the whole schema: no input may reach INTERNAL_SERVER_ERROR.

Every root query and mutation is called with generated arguments (valid-looking, hostile and
wrongly typed) by every kind of caller; each top-level error must carry a code of the fixed set.
"""

from __future__ import annotations

from typing import Any

from graphql import (
    GraphQLEnumType,
    GraphQLField,
    GraphQLInputObjectType,
    GraphQLInputType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLScalarType,
    GraphQLSchema,
    get_named_type,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from schema.api import schema as api_schema
from server.kit.errors import ApiErrorCode
from server.models.accounts import UserRole
from tests.support import create_partner, create_user, gql, issue_token

GRAPHQL: GraphQLSchema = api_schema._schema
KNOWN = {code.value for code in ApiErrorCode} - {"INTERNAL_SERVER_ERROR"}
TEXT = st.text(max_size=40) | st.sampled_from(
    [
        "",
        " ",
        "'; DROP TABLE users; --",
        "%",
        "_",
        "\\",
        "\x00",
        "é" * 300,
        "552100554",
        "2A",
        "75008",
        "partenaire",
        "PROSPECT",
        "assistant_direction",
        "A1",
        "C2",
        "https://exemple.fr",
    ]
)
JUNK = st.one_of(st.none(), st.integers(), st.booleans(), TEXT, st.lists(st.integers(), max_size=3))


def value_for(kind: GraphQLInputType, depth: int = 0) -> st.SearchStrategy[Any]:
    """Mostly well-typed values, sometimes junk (a coercion error is a valid outcome too)."""
    nullable = not isinstance(kind, GraphQLNonNull)
    inner = kind.of_type if isinstance(kind, GraphQLNonNull) else kind
    if isinstance(inner, GraphQLList):
        strategy: st.SearchStrategy[Any] = st.lists(value_for(inner.of_type, depth + 1), max_size=3)
    elif isinstance(inner, GraphQLEnumType):
        strategy = st.sampled_from(list(inner.values))
    elif isinstance(inner, GraphQLInputObjectType):
        if depth > 2:
            strategy = st.just({})
        else:
            strategy = st.fixed_dictionaries(
                {}, optional={name: value_for(field.type, depth + 1) for name, field in inner.fields.items()}
            )
    elif isinstance(inner, GraphQLScalarType):
        strategy = {
            "String": TEXT,
            "Int": st.integers(min_value=-(2**31), max_value=2**31 - 1),
            "Float": st.floats(allow_nan=False, allow_infinity=False),
            "Boolean": st.booleans(),
            "UUID": st.uuids().map(str) | TEXT,
            "Date": st.dates().map(str) | TEXT,
            "DateTime": st.datetimes().map(lambda d: d.isoformat()) | TEXT,
            "ID": TEXT,
        }.get(inner.name, TEXT)
    else:
        strategy = JUNK
    if nullable:
        strategy = st.none() | strategy
    return st.one_of(strategy, JUNK) if depth == 0 else strategy


def selection(field: GraphQLField) -> str:
    named = get_named_type(field.type)
    if not isinstance(named, GraphQLObjectType):
        return ""
    scalars = [
        name
        for name, sub in named.fields.items()
        if not isinstance(get_named_type(sub.type), GraphQLObjectType) and not sub.args
    ]
    nested = []
    for name in ("errors", "edges", "pageInfo", "user", "partner"):
        sub = named.fields.get(name)
        if sub is not None and isinstance(get_named_type(sub.type), GraphQLObjectType):
            inner = get_named_type(sub.type)
            assert isinstance(inner, GraphQLObjectType)
            leaves = [
                n
                for n, f in inner.fields.items()
                if not isinstance(get_named_type(f.type), GraphQLObjectType) and not f.args
            ]
            if leaves:
                nested.append(f"{name} {{ {' '.join(leaves)} }}")
    return "{ " + " ".join(scalars + nested or ["__typename"]) + " }"


def operations() -> list[tuple[str, str, GraphQLField]]:
    found = []
    for keyword, root in (("query", GRAPHQL.query_type), ("mutation", GRAPHQL.mutation_type)):
        assert root is not None
        found += [(keyword, name, field) for name, field in root.fields.items()]
    return found


@st.composite
def calls(draw: st.DrawFn) -> tuple[str, dict[str, Any], str]:
    keyword, name, field = draw(st.sampled_from(operations()))
    declared = ", ".join(f"${arg}: {spec.type}" for arg, spec in field.args.items())
    passed = ", ".join(f"{arg}: ${arg}" for arg in field.args)
    variables = {arg: draw(value_for(spec.type)) for arg, spec in field.args.items()}
    document = (
        f"{keyword}{f'({declared})' if declared else ''} "
        f"{{ {name}{f'({passed})' if passed else ''} {selection(field)} }}"
    )
    role = draw(st.sampled_from(["anonymous", "staff", "partner", "member"]))
    return document, variables, role


async def test_no_input_reaches_an_internal_error(client: Any, session_factory: Any) -> None:
    partner = await create_partner(session_factory)
    users = {
        "staff": await create_user(session_factory, email="s@f.fr", role=UserRole.FEDERATION_ADMIN),
        "partner": await create_user(
            session_factory, email="p@a.fr", role=UserRole.PARTNER_ADMIN, partner_id=partner.id
        ),
        "member": await create_user(session_factory, email="m@e.fr", role=UserRole.MEMBER),
    }
    tokens = {role: await issue_token(session_factory, user.id) for role, user in users.items()}
    generated: list[tuple[str, dict[str, Any], str]] = []

    # Hypothesis drives generation synchronously; the calls then run on the app's event loop.
    @settings(
        max_examples=400,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        derandomize=True,
        database=None,
    )
    @given(call=calls())
    def collect(call: tuple[str, dict[str, Any], str]) -> None:
        generated.append(call)

    collect()
    reached = set()
    for document, variables, role in generated:
        body = await gql(client, document, variables, tokens.get(role))
        for error in body.get("errors", []):
            code = error.get("extensions", {}).get("code")
            assert code in KNOWN, (document, variables, role, error)
        reached.add(document.split("{", 2)[1].split("(")[0].strip())

    assert len(reached) >= len(operations()) * 3 // 4, "the fuzzer must reach most operations"


def test_known_codes_are_the_documented_set() -> None:
    assert {*KNOWN, "INTERNAL_SERVER_ERROR"} == {
        "UNAUTHENTICATED",
        "FORBIDDEN",
        "NOT_FOUND",
        "BAD_USER_INPUT",
        "RATE_LIMITED",
        "INTERNAL_SERVER_ERROR",
    }
