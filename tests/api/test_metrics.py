"""/metrics: Prometheus text an operator scrapes, closed to the public in production."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from prometheus_client.parser import text_string_to_metric_families

from server.app import create_app
from server.settings import Settings
from tests.api.postings_helpers import create_role, move, partner_user, staff_token
from tests.conftest import BACKEND, wait_until
from tests.support import gql

TIERS = "query TiersForMetrics { partnershipTiers { code } }"
SCRAPER_TOKEN = "jeton-de-supervision-0123456789"


def sample(text: str, name: str, **labels: str) -> float | None:
    """One sample's value in a Prometheus exposition, or None if absent."""
    for family in text_string_to_metric_families(text):
        for found in family.samples:
            if found.name == name and all(found.labels.get(k) == v for k, v in labels.items()):
                return float(found.value)
    return None


async def scrape(client: httpx.AsyncClient) -> str:
    response = await client.get("/metrics")
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/plain")
    return response.text


async def test_requests_errors_outbox_and_pool_are_measured(client: Any, session_factory: Any) -> None:
    token = await staff_token(session_factory)
    before = await scrape(client)
    count = "passerelle_graphql_request_seconds_count"
    served = sample(before, count, operation="TiersForMetrics", type="query") or 0.0
    refused = sample(before, "passerelle_graphql_errors_total", code="UNAUTHENTICATED") or 0.0

    # when a named query is served twice, and refused once to a signed-out caller
    for bearer in (token, token, None):
        await gql(client, TIERS, token=bearer)

    # then latency is counted by operation name, errors by code
    after = await scrape(client)
    assert sample(after, count, operation="TiersForMetrics", type="query") == served + 3
    assert sample(after, "passerelle_graphql_errors_total", code="UNAUTHENTICATED") == refused + 1
    assert (
        sample(after, "passerelle_graphql_request_seconds_bucket", operation="TiersForMetrics", le="+Inf")
    ) == (served + 3)
    # and the outbox lag, the pool and (with Redis) the queue are read
    assert sample(after, "passerelle_outbox_lag_seconds") is not None
    assert (sample(after, "passerelle_db_pool_connections_max") or 0) >= 20
    assert sample(after, "passerelle_db_pool_connections_in_use") is not None
    if BACKEND == "postgres":
        assert sample(after, "passerelle_arq_queue_depth") is not None


async def test_job_durations_are_measured_where_jobs_run(
    client: Any, session_factory: Any, worker_process: Any
) -> None:
    # on the embedded default jobs run in the API process; on the production path in the worker
    where = (
        httpx.AsyncClient(base_url=f"http://127.0.0.1:{worker_process.env['WORKER_METRICS_PORT']}")
        if worker_process is not None
        else client
    )
    jobs = ("match_posting", "match_postings")

    async def matched_runs() -> float:
        text = (await where.get("/metrics")).text
        return sum(sample(text, "passerelle_job_seconds_count", job=job) or 0.0 for job in jobs)

    before = -1.0

    async def reachable() -> bool:  # a worker just started may still be loading
        nonlocal before
        try:
            before = await matched_runs()
        except httpx.TransportError:
            return False
        return True

    await wait_until(reachable, within=30)
    recruiter, _ = await partner_user(session_factory)
    role = await create_role(client, recruiter)
    await move(client, recruiter, "publishPosting", role["id"])

    async def ran() -> bool:
        return await matched_runs() > before

    await wait_until(ran, within=30)
    if where is not client:
        await where.aclose()


@pytest.fixture
async def prod_app(settings: Settings) -> AsyncIterator[Any]:
    app = create_app(
        settings.model_copy(
            update={
                "passerelle_env": "prod",
                "redis_url": None,
                "secret_key": "s" * 32,
                "metrics_token": SCRAPER_TOKEN,
                "metrics_allowed_networks": ["10.0.0.0/8"],
            }
        )
    )
    async with app.router.lifespan_context(app):
        yield app


def _client_from(app: Any, address: str) -> httpx.AsyncClient:
    transport = httpx.ASGITransport(app=app, client=(address, 4321))
    return httpx.AsyncClient(transport=transport, base_url="http://testserver")


async def test_in_production_only_named_networks_and_the_scraper_token_read_metrics(prod_app: Any) -> None:
    async with _client_from(prod_app, "203.0.113.7") as outsider:
        assert (await outsider.get("/metrics")).status_code == 403
        wrong = await outsider.get("/metrics", headers={"Authorization": "Bearer pas-le-bon-jeton-du-tout"})
        assert wrong.status_code == 403
        scraper = await outsider.get("/metrics", headers={"Authorization": f"Bearer {SCRAPER_TOKEN}"})
        assert scraper.status_code == 200
        assert "passerelle_graphql_request_seconds" in scraper.text
    async with _client_from(prod_app, "10.4.2.1") as inside:
        assert (await inside.get("/metrics")).status_code == 200
    async with _client_from(prod_app, "127.0.0.1") as local:  # not named: the list replaces loopback
        assert (await local.get("/metrics")).status_code == 403
