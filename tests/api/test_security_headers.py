"""Configuration and HTTP hardening: settings forms, production secret, security headers, no hints."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from pydantic import ValidationError

from server.app import create_app
from server.settings import Settings
from tests.support import error_codes, gql

STRONG_SECRET = "k3y-" + "x" * 40


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("", []),  # docker-compose.yml's default: ${CORS_ORIGINS:-}
        ("https://a.example", ["https://a.example"]),
        ("https://a.example, https://b.example", ["https://a.example", "https://b.example"]),
        ("https://a.example,https://b.example,", ["https://a.example", "https://b.example"]),
        ('["https://a.example"]', ["https://a.example"]),
    ],
)
def test_cors_origins_start_from_every_documented_form(
    monkeypatch: pytest.MonkeyPatch, raw: str, expected: list[str]
) -> None:
    monkeypatch.setenv("CORS_ORIGINS", raw)
    monkeypatch.setenv("PASSERELLE_ENV", "prod")
    monkeypatch.setenv("SECRET_KEY", STRONG_SECRET)
    settings = Settings()
    assert settings.cors_origins == expected
    create_app(settings, check_schema=False)  # the API builds from them


def test_production_refuses_a_short_secret_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PASSERELLE_ENV", "prod")
    monkeypatch.setenv("SECRET_KEY", "s" * 16)
    with pytest.raises(ValidationError, match="32"):
        Settings()
    monkeypatch.setenv("SECRET_KEY", "s" * 31)
    with pytest.raises(ValidationError, match="32"):
        Settings()
    monkeypatch.setenv("SECRET_KEY", STRONG_SECRET)
    assert Settings().is_prod
    monkeypatch.setenv("PASSERELLE_ENV", "dev")
    monkeypatch.setenv("SECRET_KEY", "s" * 16)  # development keeps its easy default
    assert not Settings().is_prod


@pytest.fixture
async def prod_app(settings: Settings) -> AsyncIterator[Any]:
    production = Settings(
        **{**settings.model_dump(), "passerelle_env": "prod", "redis_url": None, "secret_key": STRONG_SECRET}
    )
    app = create_app(production)
    async with app.router.lifespan_context(app):
        yield app


async def test_graphql_answers_carry_the_security_headers(client: httpx.AsyncClient) -> None:
    response = await client.post("/graphql", json={"query": "{ me { email } }"})
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["cache-control"] == "no-store"
    assert response.headers["referrer-policy"] == "same-origin"
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
    assert "strict-transport-security" not in response.headers  # not production, not HTTPS
    health = await client.get("/healthz")
    assert health.headers["x-content-type-options"] == "nosniff"
    assert "no-store" not in health.headers.get("cache-control", "")


async def test_hsts_only_in_production_over_https(prod_app: Any) -> None:
    transport = httpx.ASGITransport(app=prod_app)
    async with httpx.AsyncClient(transport=transport, base_url="https://passerelle.example") as https:
        secure = await https.post("/graphql", json={"query": "{ me { email } }"})
    async with httpx.AsyncClient(transport=transport, base_url="http://passerelle.example") as plain:
        insecure = await plain.post("/graphql", json={"query": "{ me { email } }"})
    assert secure.headers["strict-transport-security"].startswith("max-age=")
    assert secure.headers["cache-control"] == "no-store"
    assert "strict-transport-security" not in insecure.headers


async def test_production_strips_did_you_mean_hints(prod_app: Any, client: httpx.AsyncClient) -> None:
    typo = "{ me { emial } }"
    development = await gql(client, typo)
    assert "Did you mean" in development["errors"][0]["message"]  # the hint exists outside production
    transport = httpx.ASGITransport(app=prod_app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as prod:
        for query in (typo, "{ partnrs { totalCount } }", "{ partners(statu: ACTIVE) { totalCount } }"):
            body = await gql(prod, query)
            assert error_codes(body) == ["BAD_USER_INPUT"]
            assert "Did you mean" not in body["errors"][0]["message"], body


async def test_deeply_nested_json_bodies_get_400(client: httpx.AsyncClient) -> None:
    depth = 100_000  # ~200 kB of brackets, under the body size limit
    body = '{"query": "{ me { email } }", "variables": {"x": ' + "[" * depth + "]" * depth + "}}"
    response = await client.post("/graphql", content=body, headers={"content-type": "application/json"})
    assert response.status_code == 400
    assert (await client.get("/healthz")).status_code == 200
