"""The built client served by the real server: caching, deep links, the CSP, the API routes untouched."""

from __future__ import annotations

import re

import httpx


async def test_index_revalidates_and_hashed_assets_are_immutable(api: httpx.AsyncClient) -> None:
    index = await api.get("/")
    asset_path = re.search(r'src="(/assets/[^"]+\.js)"', index.text)

    assert index.status_code == 200 and 'lang="fr"' in index.text
    assert index.headers["cache-control"] == "no-cache"
    assert asset_path is not None
    asset = await api.get(asset_path.group(1))
    assert asset.status_code == 200
    assert asset.headers["cache-control"] == "public, max-age=31536000, immutable"


async def test_deep_links_answer_the_client_and_missing_files_are_404(api: httpx.AsyncClient) -> None:
    index = await api.get("/")
    deep = await api.get("/partenaire/annonces/123")
    missing_file = await api.get("/assets/absent-0000.js")
    escaping = await api.get("/assets/..%2F..%2Fpyproject.toml")

    assert deep.status_code == 200 and deep.text == index.text
    assert missing_file.status_code == 404
    assert escaping.status_code == 404


async def test_every_page_carries_a_policy_allowing_only_the_apps_own_scripts(api: httpx.AsyncClient) -> None:
    for path in ("/", "/connexion", "/healthz"):
        policy = (await api.get(path)).headers["content-security-policy"]
        directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
        assert directives["script-src"] == "'self'"
        assert directives["object-src"] == "'none'"
        assert directives["frame-ancestors"] == "'none'"


async def test_the_api_routes_are_unchanged(api: httpx.AsyncClient) -> None:
    health = await api.get("/healthz")
    ready = await api.get("/readyz")
    query = await api.post("/graphql", json={"query": "{ me { email } }"})
    graphiql = await api.get("/graphql", headers={"Accept": "text/html"})

    assert health.json() == {"status": "ok"}
    assert ready.json()["ready"] is True
    assert query.json() == {"data": {"me": None}}
    assert 'src="/assets/graphiql' in graphiql.text and "cdn" not in graphiql.text.lower()
