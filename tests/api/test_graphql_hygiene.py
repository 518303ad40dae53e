"""The endpoint's guards: limits, transport rules, error codes, production masking, health."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from server.app import create_app
from server.models.accounts import UserRole
from server.settings import Settings
from tests.support import create_user, error_codes, gql, issue_token


async def test_too_deep_queries_are_refused(client: Any, session_factory: Any) -> None:
    nested = "{ me { partner { users { edges { node { partner { users { edges { node { partner {"
    nested += " users { edges { node { email } } } } } } } } } } } } } } }"
    assert error_codes(await gql(client, nested)) == ["BAD_USER_INPUT"]


async def test_too_many_aliases_are_refused(client: Any) -> None:
    query = "{ " + " ".join(f"a{i}: me {{ email }}" for i in range(40)) + " }"
    assert error_codes(await gql(client, query)) == ["BAD_USER_INPUT"]


async def test_syntax_errors_and_bad_variables_are_bad_user_input(client: Any, session_factory: Any) -> None:
    staff = await create_user(session_factory, email="s@f.fr", role=UserRole.FEDERATION_ADMIN)
    token = await issue_token(session_factory, staff.id)
    assert error_codes(await gql(client, "{ me { email ")) == ["BAD_USER_INPUT"]
    bad_uuid = await gql(
        client, "query($id: UUID!) { partner(id: $id) { name } }", {"id": "pas-un-uuid"}, token
    )
    assert error_codes(bad_uuid) == ["BAD_USER_INPUT"]
    bad_cursor = await gql(client, '{ partners(after: "%%%") { totalCount } }', token=token)
    assert error_codes(bad_cursor) == ["BAD_USER_INPUT"]
    too_many = await gql(client, "{ partners(first: 5000) { totalCount } }", token=token)
    assert error_codes(too_many) == ["BAD_USER_INPUT"]


async def test_oversized_bodies_get_413(client: Any) -> None:
    response = await client.post("/graphql", json={"query": "{ me { email } }", "pad": "x" * 2_000_000})
    assert response.status_code == 413
    assert response.json()["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


async def test_mutations_over_get_and_non_json_posts_are_refused(client: Any) -> None:
    over_get = await client.get("/graphql", params={"query": "mutation { logout { ok } }"})
    form_post = await client.post("/graphql", data={"query": "{ me { email } }"})
    assert over_get.status_code in (400, 405)
    assert form_post.status_code in (400, 415)


async def test_health_and_readiness(client: Any) -> None:
    assert (await client.get("/healthz")).json() == {"status": "ok"}
    ready = await client.get("/readyz")
    assert ready.status_code == 200
    assert ready.json()["ready"] is True
    assert ready.headers["x-request-id"]


@pytest.fixture
async def prod_client(settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(
        settings.model_copy(update={"passerelle_env": "prod", "redis_url": None, "secret_key": "s" * 32})
    )
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
            yield http


async def test_production_hides_introspection_and_graphiql(prod_client: httpx.AsyncClient) -> None:
    introspection = await gql(prod_client, "{ __schema { types { name } } }")
    assert set(error_codes(introspection)) == {"BAD_USER_INPUT"}
    page = await prod_client.get("/graphql", headers={"accept": "text/html"})
    assert "graphiql" not in page.text.lower()


async def test_production_masks_internal_errors_with_a_reference(
    prod_client: httpx.AsyncClient, session_factory: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    member = await create_user(session_factory, email="m@e.fr", role=UserRole.MEMBER)
    token = await issue_token(session_factory, member.id)

    async def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("secret detail of a bug")

    monkeypatch.setattr("server.partners.repository.list_tiers", broken)
    body = await gql(prod_client, "{ partnershipTiers { code } }", token=token)

    error = body["errors"][0]
    assert error["extensions"]["code"] == "INTERNAL_SERVER_ERROR"
    assert "secret" not in error["message"]
    assert error["extensions"]["errorId"] in error["message"]
