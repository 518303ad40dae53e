"""Test harness: one fresh database per run (built by the migrations), one app, a real worker on Redis.

Backend from PASSERELLE_TEST_BACKEND: `sqlite` (default: jobs in-process) or `postgres` (PostgreSQL +
Redis + a separate `passerelle worker` process). Every test starts from empty tables.
"""

from __future__ import annotations

import asyncio
import os
import tempfile
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
from aiosmtpd.controller import Controller

from harness.processes import WorkerProcess, create_pg_database, drop_pg_database, free_port
from server.app import create_app
from server.migrations_runner import upgrade
from server.settings import Settings
from tests.mail_support import INBOX
from tests.support import empty_tables, settle_jobs

BACKEND = os.environ.get("PASSERELLE_TEST_BACKEND", "sqlite")


def _redis_url_of_this_worker(base: str) -> str:
    """Each pytest-xdist worker (gw0, gw1…) takes its own Redis database after the configured one.

    Its arq queue and its worker process are then its own: a job of one test database is never run
    against another's. (Live-update channels are shared by Redis, but they are named by random ids.)
    """
    worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0")
    prefix, _, database = base.rpartition("/")
    return f"{prefix}/{int(database or 0) + int(worker.removeprefix('gw'))}"


REDIS_URL = _redis_url_of_this_worker(os.environ.get("PASSERELLE_TEST_REDIS_URL", "redis://127.0.0.1:6379/9"))


WEB_TESTS = Path(__file__).resolve().parent / "web"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test under tests/web is a browser test (no file can forget the marker). With
    `--dist loadgroup` they share one xdist worker (one served site, one Chromium) while the other
    workers take the API tests beside them."""
    for item in items:
        if item.path.is_relative_to(WEB_TESTS):
            item.add_marker(pytest.mark.browser)
            item.add_marker(pytest.mark.xdist_group("browser"))


@pytest.fixture(scope="session")
def database_url() -> Iterator[str]:
    """Create a database for this run, migrate it, drop it at the end."""
    if BACKEND == "sqlite":
        with tempfile.TemporaryDirectory() as folder:
            url = f"sqlite+aiosqlite:///{folder}/test.sqlite3"
            upgrade(url)
            yield url
        return
    name, url = create_pg_database()
    try:
        yield url
    finally:
        drop_pg_database(name)


PUBLIC_URL = "https://passerelle.test"


@pytest.fixture(scope="session")
def smtp_port() -> Iterator[int]:
    """A real SMTP server for the run; every e-mail of the app under test lands in `INBOX`."""
    port = free_port()
    controller = Controller(INBOX, hostname="127.0.0.1", port=port)
    controller.start()
    yield port
    controller.stop()


@pytest.fixture(scope="session")
def settings(database_url: str, smtp_port: int) -> Settings:
    return Settings(
        database_url=database_url,
        redis_url=REDIS_URL if BACKEND == "postgres" else None,
        passerelle_env="test",
        outbox_poll_seconds=0.1,
        scheduler_enabled=False,  # tests fire the schedule themselves, with the dates they choose
        cors_origins=["https://partenaires.example"],  # a second site allowed to use the web session
        smtp_host="127.0.0.1",
        smtp_port=smtp_port,
        smtp_starttls=False,
        public_url=PUBLIC_URL,
        sign_up_max_per_address=200,  # tests sign many members up from one address; one test checks the limit
    )


@pytest.fixture(scope="session")
def worker_process(settings: Settings) -> Iterator[WorkerProcess | None]:
    """On the production path, a real `passerelle worker` process consumes the jobs."""
    if settings.redis_url is None:
        yield None
        return
    import redis

    redis.Redis.from_url(settings.redis_url).flushdb()
    worker = WorkerProcess(
        settings.database_url,
        settings.redis_url,
        WORKER_METRICS_PORT=str(free_port()),
        SMTP_HOST="127.0.0.1",
        SMTP_PORT=str(settings.smtp_port),
        SMTP_STARTTLS="false",
        PUBLIC_URL=PUBLIC_URL,
    )
    worker.start()
    yield worker
    worker.stop()


@pytest.fixture(scope="session")
async def app(settings: Settings, worker_process: Any) -> AsyncIterator[Any]:
    application = create_app(settings)
    async with application.router.lifespan_context(application):
        yield application


@pytest.fixture
async def client(app: Any) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app, client=("203.0.113.7", 4321))
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
        yield http


@pytest.fixture(autouse=True)
async def clean_tables(app: Any) -> AsyncIterator[None]:
    """Empty every table before each test and restore the default tiers.

    The previous test's jobs are let to finish first: one still running on the real worker would
    otherwise write into this test's tables (or settle its outbox rows: SQLite reuses row ids).
    """
    await settle_jobs(app)
    await empty_tables(app.state.runtime.engine)
    INBOX.clear()
    yield


@pytest.fixture
async def server_url(app: Any) -> AsyncIterator[str]:
    """The test app served by uvicorn on a free port (lifespan already running): ws:// URL of /graphql."""
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(
            app,
            host="127.0.0.1",
            port=port,
            lifespan="off",
            log_config=None,
            ws="websockets-sansio",
            timeout_graceful_shutdown=5,
        )
    )
    task = asyncio.create_task(server.serve())
    while not server.started:  # noqa: ASYNC110  (uvicorn exposes a flag, not an event)
        await asyncio.sleep(0.05)
    yield f"ws://127.0.0.1:{port}/graphql"
    server.should_exit = True
    await task


@pytest.fixture
def session_factory(app: Any) -> Any:
    return app.state.runtime.session_factory


async def wait_until(
    probe: Callable[[], Awaitable[bool]], *, within: float = 15.0, interval: float = 0.1
) -> None:
    """Poll as a client would until `probe` holds (jobs run asynchronously on both paths)."""
    deadline = asyncio.get_running_loop().time() + within
    while True:
        if await probe():
            return
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError(f"condition not met within {within} s")
        await asyncio.sleep(interval)
