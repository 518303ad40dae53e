"""Fault tests of the production path, each on its own PostgreSQL database, Redis server and worker:
a worker killed in the middle of a job, and Redis down while postings are published."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
import redis.asyncio as aioredis
from sqlalchemy import func, select

from harness.processes import RedisServer, WorkerProcess, create_pg_database, drop_pg_database
from matching import default_normaliser
from server.accounts.secrets import hash_password
from server.app import create_app
from server.db import transaction
from server.demo.members import load_demo_members
from server.events import InProcessEventBus
from server.jobs.context import JobContext
from server.matching.tasks import match_posting_job
from server.models.accounts import UserRole
from server.models.outbox import OutboxEvent
from server.settings import Settings
from tests.api.members_helpers import sign_up, typical_competencies, update_profile
from tests.api.postings_helpers import CREATE_ROLE, MOVES, role_input
from tests.conftest import wait_until
from tests.support import PASSWORD, create_partner, create_user, gql, issue_token

pytestmark = pytest.mark.services
JOB_TIMEOUT_SECONDS = 10
COUNT = "query($id: UUID!) { matches(postingId: $id, first: 100) { totalCount edges { node { id } } } }"


@dataclass
class Stack:
    client: httpx.AsyncClient
    settings: Settings
    factory: Any
    redis: RedisServer
    worker: WorkerProcess
    recruiter: str
    staff: str


@pytest.fixture
async def stack(smtp_port: int) -> AsyncIterator[Stack]:
    name, url = create_pg_database()
    redis = RedisServer()
    redis.start()
    # Short enough that a killed job is retried soon, long enough that a loaded machine does not time
    # out a sound job (each timeout costs a try).
    # Its e-mails (sign-up confirmations) go to the run's SMTP server, whose inbox the helpers read.
    mail = {"SMTP_HOST": "127.0.0.1", "SMTP_PORT": str(smtp_port), "SMTP_STARTTLS": "false"}
    worker = WorkerProcess(url, redis.url, JOB_TIMEOUT_SECONDS=str(JOB_TIMEOUT_SECONDS), **mail)
    worker.start()
    settings = Settings(
        database_url=url,
        redis_url=redis.url,
        passerelle_env="test",
        outbox_poll_seconds=0.1,
        scheduler_enabled=False,
        smtp_host="127.0.0.1",
        smtp_port=smtp_port,
        smtp_starttls=False,
    )
    app = create_app(settings)
    try:
        async with app.router.lifespan_context(app):
            factory = app.state.runtime.session_factory
            async with transaction(factory) as session:
                await load_demo_members(session, 150, password_hash=hash_password(PASSWORD))
            partner = await create_partner(factory, tier_code="premium")
            recruiter = await create_user(
                factory, email="rh@acme.fr", role=UserRole.PARTNER_ADMIN, partner_id=partner.id
            )
            staff = await create_user(factory, email="staff@federation.fr", role=UserRole.FEDERATION_ADMIN)
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
                yield Stack(
                    client,
                    settings,
                    factory,
                    redis,
                    worker,
                    await issue_token(factory, recruiter.id),
                    await issue_token(factory, staff.id),
                )
    finally:
        worker.stop()
        redis.stop()
        drop_pg_database(name)


async def _members_for(stack: Stack, titles: list[str]) -> None:
    """One consenting member per role's occupation, with its typical competencies and no restriction.

    The demo population is random: since the floor on occupation and competency fit, a posting is
    only sure to find someone when someone of that trade is there (before, anyone was proposed).
    """
    for number, title in enumerate(titles):
        occupation = default_normaliser().normalise(title).occupation
        assert occupation is not None, title
        token, _ = await sign_up(stack.client, f"metier{number}@exemple.fr", f"Membre {number}")
        await update_profile(
            stack.client,
            token,
            headlineTitle=occupation.label,
            postalCode="69003",
            competencies=typical_competencies(occupation.id),
        )
        await gql(
            stack.client,
            "mutation { setMyVisibility(visibility: ANONYMOUS) { errors { code } } }",
            token=token,
        )


async def _publish_roles(stack: Stack, titles: list[str]) -> list[str]:
    ids = []
    for title in titles:
        remote = role_input(
            title=title, languages=[], remotePolicy="FULL", remoteDays=None, postalCode=None, commune=None
        )
        body = await gql(stack.client, CREATE_ROLE, {"input": remote}, stack.recruiter)
        assert body["data"]["createRole"]["errors"] == [], body
        ids.append(body["data"]["createRole"]["posting"]["id"])
    for posting_id in ids:
        moved = await gql(stack.client, MOVES["publishPosting"], {"id": posting_id}, stack.recruiter)
        assert moved["data"]["publishPosting"]["errors"] == [], moved
    return ids


async def _match_counts(stack: Stack, posting_ids: list[str]) -> dict[str, list[str]]:
    found = {}
    for posting_id in posting_ids:
        body = await gql(stack.client, COUNT, {"id": posting_id}, stack.recruiter)
        found[posting_id] = [edge["node"]["id"] for edge in body["data"]["matches"]["edges"]]
    return found


TITLES = [
    "Assistant·e de direction H/F",
    "Secrétaire médical·e (H/F)",
    "Office manager F/H",
    "Assistant·e RH - CDI",
    "Assistant·e commercial·e ADV",
    "Secrétaire polyvalent·e",
    "Assistant·e juridique H/F",
    "Chargé·e d'accueil standard",
    "Assistant·e comptable (H/F)",
    "Télésecrétaire H/F",
]


async def test_a_worker_killed_mid_job_loses_and_duplicates_nothing(stack: Stack) -> None:
    # given a quiet worker (the demo members' own jobs are done), then postings being matched
    queue = aioredis.Redis.from_url(stack.redis.url)

    async def quiet() -> bool:
        """Nothing left in the outbox, in the queue or in progress."""
        async with stack.factory() as session:
            pending = await session.scalar(
                select(func.count()).select_from(OutboxEvent).where(OutboxEvent.delivered_at.is_(None))
            )
        return (
            not pending and not await queue.zcard("arq:queue") and not await queue.keys("arq:in-progress:*")
        )

    await _members_for(stack, TITLES)
    await wait_until(quiet, within=60)
    posting_ids = await _publish_roles(stack, TITLES)

    # when the worker is SIGKILLed while a job is in progress
    async def job_in_progress() -> bool:
        return bool(await queue.keys("arq:in-progress:*"))

    await wait_until(job_in_progress, within=60, interval=0.005)
    stack.worker.kill()
    # arq retries the killed job once its in-progress mark expires (job timeout + 10 s): wait that
    # long, then as long again as a loaded machine may need to start a worker and run the jobs.
    marks = await queue.keys("arq:in-progress:*")
    lease = max([await queue.pttl(mark) for mark in marks] + [0]) / 1000

    # and restarted, as its supervisor would
    stack.worker.start()

    # then every posting gets its matches (the interrupted job is retried after its timeout)
    async def all_matched() -> bool:
        counts = await _match_counts(stack, posting_ids)
        return all(counts.values())

    await wait_until(all_matched, within=lease + 180, interval=0.5)
    await wait_until(quiet, within=120)  # the retried job and any other have finished
    await queue.aclose()
    recovered = await _match_counts(stack, posting_ids)
    for matches in recovered.values():
        assert len(matches) == len(set(matches))

    # and a clean re-run of every job changes nothing: nothing was lost, nothing duplicated
    context = JobContext(session_factory=stack.factory, settings=stack.settings, events=InProcessEventBus())
    for posting_id in posting_ids:
        await match_posting_job(context, {"posting_id": posting_id})
    assert await _match_counts(stack, posting_ids) == recovered


async def test_postings_published_while_redis_is_down_are_matched_once_it_is_back(stack: Stack) -> None:
    # given members of the roles' trades, matched by the worker, then Redis down (the worker stops with it)
    await _members_for(stack, TITLES[:5])
    queue = aioredis.Redis.from_url(stack.redis.url)

    async def quiet() -> bool:
        async with stack.factory() as session:
            pending = await session.scalar(
                select(func.count()).select_from(OutboxEvent).where(OutboxEvent.delivered_at.is_(None))
            )
        return (
            not pending and not await queue.zcard("arq:queue") and not await queue.keys("arq:in-progress:*")
        )

    await wait_until(quiet, within=60)
    await queue.aclose()
    stack.redis.stop()
    ready = await stack.client.get("/readyz")
    assert ready.status_code == 503
    assert ready.json()["checks"]["database"] == "ok"

    # when postings are published: accepted, and their jobs wait in the outbox
    posting_ids = await _publish_roles(stack, TITLES[:5])
    await asyncio.sleep(1.5)
    assert all(not matches for matches in (await _match_counts(stack, posting_ids)).values())

    # then once Redis is back, all are matched (the worker may stop at any moment of the outage, even
    # after Redis is back: like its supervisor, restart it whenever it is found stopped)
    stack.redis.start()

    async def all_matched() -> bool:
        if not stack.worker.alive():
            stack.worker.start()
        return all((await _match_counts(stack, posting_ids)).values())

    await wait_until(all_matched, within=180, interval=0.5)
