"""Start-up: a process loads the framework before it says it is ready, not on the first request."""

from __future__ import annotations

import time
from typing import Any

import httpx
import pytest

from harness.processes import ApiProcess
from server.settings import Settings


def _readiness_until_ready(url: str, *, within: float = 60.0) -> list[tuple[int, dict[str, Any]]]:
    """Every /readyz answer from the moment the port opens until the first 200."""
    answers: list[tuple[int, dict[str, Any]]] = []
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        try:
            response = httpx.get(f"{url}/readyz", timeout=5)
        except httpx.TransportError:
            time.sleep(0.01)
            continue
        answers.append((response.status_code, response.json()))
        if response.status_code == 200:
            return answers
        time.sleep(0.02)
    raise AssertionError(f"/readyz never answered 200: {answers[-3:]}")


def test_readyz_is_503_while_the_framework_loads_then_200(settings: Settings, worker_process: Any) -> None:
    # given a fresh `passerelle serve` process (nothing cached yet)
    api = ApiProcess(settings.database_url, settings.redis_url)
    api.start(settle=0)
    try:
        # when a load balancer polls /readyz from the moment the port opens
        answers = _readiness_until_ready(api.url)
    finally:
        api.stop()
    # then it is refused while the framework loads, and ready once it has loaded
    first_status, first_body = answers[0]
    assert first_status == 503, answers[:3]
    assert first_body["checks"]["framework"].startswith("chargement en cours")
    assert first_body["checks"]["database"] == "ok"
    last_status, last_body = answers[-1]
    assert last_status == 200
    assert last_body["checks"]["framework"] == "ok"
    assert "warm: framework" in api.log()


def test_the_worker_loads_the_framework_before_taking_jobs(worker_process: Any) -> None:
    if worker_process is None:
        pytest.skip("embedded default: jobs run in the API process, whose warm-up is tested above")
    log = worker_process.log()
    assert "warm: framework" in log
    assert log.index("warm: framework") < log.index("worker started")
