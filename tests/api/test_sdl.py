"""The committed SDL is what clients read: it must match the code (run `make schema` after changes)."""

from __future__ import annotations

from pathlib import Path

from schema.api import schema

SDL = Path(__file__).resolve().parents[2] / "schema" / "schema.graphql"


def test_committed_sdl_is_fresh() -> None:
    assert SDL.read_text(encoding="utf-8").strip() == schema.as_str().strip(), (
        "schema/schema.graphql is stale: run `make schema`"
    )


def test_every_type_and_operation_is_described() -> None:
    """Clients read the SDL as documentation: root fields carry descriptions."""
    graphql = schema._schema
    for root in (graphql.query_type, graphql.mutation_type):
        assert root is not None
        undocumented = [name for name, field in root.fields.items() if not field.description]
        assert undocumented == [], f"root fields without a description: {undocumented}"


def test_payload_error_codes_are_one_described_enum() -> None:
    """`FieldError.code` is the `ErrorCode` enum; each value says in French what rule it names."""
    graphql = schema._schema
    field_error = graphql.get_type("FieldError")
    assert str(field_error.fields["code"].type) == "ErrorCode!"  # type: ignore[union-attr]
    codes = graphql.get_type("ErrorCode")
    undescribed = [name for name, value in codes.values.items() if not value.description]  # type: ignore[union-attr]
    assert undescribed == []
    assert {"PARTNER_INACTIVE", "INVALID_CEFR_LEVEL"} <= set(codes.values)  # type: ignore[union-attr]
    assert not {"PARTNER_NOT_ACTIVE", "INVALID_CEFR"} & set(codes.values)  # type: ignore[union-attr]
