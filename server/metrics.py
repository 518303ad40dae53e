"""Prometheus metrics: what an operator watches (latency, errors, jobs, queue, outbox lag, pool).

Counters and histograms live in this module and are updated where things happen. With several API
processes (`passerelle serve --workers N`) prometheus-client's multiprocess mode shares them through
files in PROMETHEUS_MULTIPROC_DIR (set by `server.serving` before this module is imported), and the
process answering /metrics sums every process's files. Queue depth and outbox lag are read from
Redis and the database at scrape time, so any process reports the same value.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Awaitable, Callable, Iterable
from datetime import datetime
from typing import Any

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
    multiprocess,
)
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector
from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine

__all__ = ["CONTENT_TYPE_LATEST"]

LATENCY_BUCKETS = (0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)
JOB_BUCKETS = (0.01, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 120.0)
MAX_OPERATION_NAMES = 200  # clients choose operation names: more distinct ones are counted as "other"
OPERATION_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,63}")

REQUEST_SECONDS = Histogram(
    "passerelle_graphql_request_seconds",
    "GraphQL operations served over HTTP, by operation name and type.",
    ["operation", "type"],
    buckets=LATENCY_BUCKETS,
)
ERRORS = Counter("passerelle_graphql_errors", "Top-level GraphQL errors, by extensions.code.", ["code"])
JOB_SECONDS = Histogram(
    "passerelle_job_seconds",
    "Jobs run (in this process or an arq worker), by job.",
    ["job"],
    buckets=JOB_BUCKETS,
)
JOB_FAILURES = Counter("passerelle_job_failures", "Job runs that raised (each is retried), by job.", ["job"])
POOL_IN_USE = Gauge(
    "passerelle_db_pool_connections_in_use",
    "Database connections checked out of the pools of the live processes.",
    multiprocess_mode="livesum",
)
POOL_CAPACITY = Gauge(
    "passerelle_db_pool_connections_max",
    "Database connections the live processes may open (pool size + overflow).",
    multiprocess_mode="livesum",
)

_seen_operations: set[str] = set()


def operation_label(name: str | None) -> str:
    """A bounded label: the client's operation name if well formed and among the first few hundred."""
    if not name:
        return "anonymous"
    if not OPERATION_NAME.fullmatch(name):
        return "invalid"
    if name not in _seen_operations:
        if len(_seen_operations) >= MAX_OPERATION_NAMES:
            return "other"
        _seen_operations.add(name)
    return name


def observe_request(name: str | None, kind: str, seconds: float, error_codes: Iterable[str]) -> None:
    REQUEST_SECONDS.labels(operation_label(name), kind).observe(seconds)
    for code in error_codes:
        ERRORS.labels(code).inc()


def timed_job(
    name: str, job: Callable[[Any, dict[str, Any]], Awaitable[None]]
) -> Callable[[Any, dict[str, Any]], Awaitable[None]]:
    """The job, recording its duration and failures; the same wrapper serves arq and in-process runs."""

    async def run(context: Any, payload: dict[str, Any]) -> None:
        started = time.perf_counter()
        try:
            await job(context, payload)
        except BaseException:
            JOB_FAILURES.labels(name).inc()
            raise
        finally:
            JOB_SECONDS.labels(name).observe(time.perf_counter() - started)

    run.__name__ = run.__qualname__ = getattr(job, "__name__", name)
    return run


def watch_pool(engine: AsyncEngine, capacity: int) -> None:
    """Count checked-out connections with pool events (no query, works in every process)."""
    POOL_CAPACITY.inc(capacity)
    event.listen(engine.sync_engine, "checkout", lambda *_: POOL_IN_USE.inc())
    event.listen(engine.sync_engine, "checkin", lambda *_: POOL_IN_USE.dec())


def forget_pool(capacity: int) -> None:
    """The engine is disposed; in multiprocess mode the process's live gauges go with it."""
    POOL_CAPACITY.dec(capacity)
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        multiprocess.mark_process_dead(os.getpid())  # type: ignore[no-untyped-call]


class _Snapshot(Collector):
    """Values read at scrape time (queue depth, outbox lag), handed over already computed."""

    def __init__(self, families: list[GaugeMetricFamily]) -> None:
        self._families = families

    def collect(self) -> Iterable[GaugeMetricFamily]:
        return self._families


def render(*, queue_depth: int | None, oldest_undelivered: datetime | None, now: datetime) -> bytes:
    """The exposition text: every process's metrics plus the scrape-time readings."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
    else:
        registry = REGISTRY
    families = [
        GaugeMetricFamily(
            "passerelle_outbox_lag_seconds",
            "Age of the oldest undelivered outbox row (0 when all are delivered).",
            value=0.0 if oldest_undelivered is None else max(0.0, (now - oldest_undelivered).total_seconds()),
        )
    ]
    if queue_depth is not None:
        families.append(
            GaugeMetricFamily(
                "passerelle_arq_queue_depth", "Jobs waiting in the arq queue.", value=queue_depth
            )
        )
    snapshot = CollectorRegistry(auto_describe=False)
    snapshot.register(_Snapshot(families))
    return generate_latest(registry) + generate_latest(snapshot)
