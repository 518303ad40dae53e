"""arq worker: runs the platform's jobs from Redis and relays the outbox into it.

Start with `passerelle worker` (or `arq workers.settings.WorkerSettings`). msgpack, not pickle: anyone
who can write to Redis must not be able to run code here.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any, ClassVar

import msgpack
from arq import Retry
from arq.connections import RedisSettings
from arq.worker import Function, func
from sqlalchemy.exc import DBAPIError, OperationalError

from server.job_catalog import job_catalog
from server.jobs.catalog import JobFunction
from server.jobs.relay import ArqDispatcher, backoff_seconds
from server.logging_setup import configure_logging
from server.runtime import Runtime
from server.settings import get_settings

logger = logging.getLogger("passerelle.worker")

TRANSIENT_ERRORS = (OperationalError, DBAPIError, ConnectionError, OSError, asyncio.TimeoutError)
MAX_TRIES = 5


def _serialize(value: Any) -> bytes:
    return msgpack.packb(value, datetime=True)  # type: ignore[no-any-return]


def _deserialize(value: bytes) -> Any:
    return msgpack.unpackb(value, raw=False, timestamp=3)


def as_arq_function(name: str, job: JobFunction) -> Function:
    """Wrap a platform job for arq: a failure is retried with exponential backoff, up to MAX_TRIES.

    arq itself retries only on `Retry`; without this a job raising any other error would run once,
    whereas the in-process path (the outbox relay) retries it: both paths now behave alike.
    """

    async def run(ctx: dict[str, Any], payload: dict[str, Any]) -> None:
        runtime: Runtime = ctx["runtime"]
        attempt = int(ctx.get("job_try", 1))
        try:
            await job(runtime.job_context, payload)
        except Exception as error:
            if attempt >= MAX_TRIES:
                logger.exception("job %s failed for good after %s tries", name, attempt)
                raise
            transient = isinstance(error, TRANSIENT_ERRORS)
            logger.log(
                logging.WARNING if transient else logging.ERROR,
                "job %s failed (try %s, %s): %s",
                name,
                attempt,
                "transient" if transient else "error",
                error,
            )
            raise Retry(defer=backoff_seconds(attempt)) from error

    run.__qualname__ = run.__name__ = name
    return func(run, name=name, max_tries=MAX_TRIES, timeout=get_settings().job_timeout_seconds)


async def startup(ctx: dict[str, Any]) -> None:
    settings = get_settings()
    configure_logging(settings)
    runtime = Runtime.build(settings)
    ctx["runtime"] = runtime
    if settings.worker_metrics_port:  # job durations and failures, for Prometheus (a thread)
        from prometheus_client import start_http_server

        start_http_server(settings.worker_metrics_port, addr=settings.worker_metrics_host)
    runtime.warm.member_pool = True
    await runtime.warm.run(runtime.session_factory)  # arq takes no job before start-up ends: warm at once
    runtime.start_background(ArqDispatcher(ctx["redis"]))
    logger.info("worker started; relaying the outbox to arq")


async def shutdown(ctx: dict[str, Any]) -> None:
    runtime: Runtime | None = ctx.get("runtime")
    if runtime is not None:
        await runtime.close()


def _redis_settings() -> RedisSettings:
    url = get_settings().redis_url
    return RedisSettings.from_dsn(url) if url else RedisSettings()


class WorkerSettings:
    functions: ClassVar[list[Function]] = [as_arq_function(name, job) for name, job in job_catalog().items()]
    on_startup = startup
    on_shutdown = shutdown
    redis_settings = _redis_settings()
    job_serializer = staticmethod(_serialize)
    job_deserializer = staticmethod(_deserialize)
    max_jobs = 8
    job_timeout = get_settings().job_timeout_seconds
    health_check_interval = 30
    keep_result = 3600
    poll_delay = 0.1  # seconds between queue polls: part of the publish → match latency
