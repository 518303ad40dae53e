"""End-to-end latency on the production path: GraphQL publish → outbox → arq worker → matches stored.

Creates a temporary PostgreSQL database and a private redis-server, loads demo members, starts a real
`passerelle worker` process, then publishes roles through the GraphQL API at a steady rate and measures,
for each, the time from the publish response to its matches being visible (what `myMatches` reads).
Prints p50/p95/max latency and the achieved rate. Needs PostgreSQL and redis-server on this machine.

    .venv/bin/python bench/match_e2e.py                       # 50 postings/s for 10 s, 1 000 members
    .venv/bin/python bench/match_e2e.py --rate 20 --members 5000 --seconds 15 --workers 2
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import httpx
from sqlalchemy import func, select

from server.accounts.secrets import hash_password
from server.app import create_app
from server.db import transaction
from server.demo.members import load_demo_members
from server.models.accounts import UserRole
from server.models.matching import Match
from server.settings import Settings
from tests.processes import RedisServer, WorkerProcess, create_pg_database, drop_pg_database
from tests.support import PASSWORD, create_partner, create_user, gql, issue_token

CREATE = """mutation($input: RoleInput!) { createRole(input: $input) { posting { id } errors { code } } }"""
PUBLISH = """mutation($id: UUID!) { publishPosting(id: $id) { errors { code } } }"""
TITLES = [
    "Assistant·e de direction H/F",
    "Secrétaire médical·e",
    "Office manager F/H",
    "Assistant·e RH",
    "Assistant·e commercial·e ADV",
    "Secrétaire polyvalent·e",
    "Assistant·e juridique H/F",
    "Chargé·e d'accueil",
    "Assistant·e comptable (H/F)",
    "Télésecrétaire H/F",
]


def role(index: int) -> dict[str, object]:
    return {
        "title": TITLES[index % len(TITLES)],
        "contractType": "CDI",
        "workingTime": "FULL_TIME",
        "salaryMin": 30000,
        "salaryMax": 38000,
        "remotePolicy": "FULL",
        "expiryDate": "2030-01-01",
    }


async def run(rate: float, seconds: float, members: int, workers: int) -> None:
    name, url = create_pg_database()
    redis = RedisServer()
    redis.start()
    pool = [WorkerProcess(url, redis.url) for _ in range(workers)]
    for worker in pool:
        worker.start()
    settings = Settings(
        database_url=url,
        redis_url=redis.url,
        passerelle_env="test",
        outbox_poll_seconds=0.05,
        scheduler_enabled=False,
    )
    app = create_app(settings)
    try:
        async with app.router.lifespan_context(app):
            factory = app.state.runtime.session_factory
            async with transaction(factory) as session:
                await load_demo_members(session, members, password_hash=hash_password(PASSWORD))
            partner = await create_partner(factory, tier_code="premium")
            user = await create_user(
                factory, email="rh@bench.fr", role=UserRole.PARTNER_ADMIN, partner_id=partner.id
            )
            token = await issue_token(factory, user.id)
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport, base_url="http://bench") as client:
                total = int(rate * seconds)
                drafts = []
                for index in range(total):
                    body = await gql(client, CREATE, {"input": role(index)}, token)
                    drafts.append(body["data"]["createRole"]["posting"]["id"])
                await asyncio.sleep(5)  # let the members' own jobs drain before measuring
                published: dict[str, float] = {}
                seen: dict[str, float] = {}
                started = time.perf_counter()

                async def watch() -> None:
                    while len(seen) < total:
                        async with factory() as session:
                            rows = await session.execute(
                                select(Match.posting_id, func.count()).group_by(Match.posting_id)
                            )
                            now = time.perf_counter()
                            for posting_id, _count in rows.all():
                                key = str(posting_id)
                                if key in published and key not in seen:
                                    seen[key] = now
                        if time.perf_counter() - started > seconds + 120:
                            return
                        await asyncio.sleep(0.02)

                watcher = asyncio.create_task(watch())
                for index, posting_id in enumerate(drafts):
                    target = started + index / rate
                    await asyncio.sleep(max(0.0, target - time.perf_counter()))
                    await gql(client, PUBLISH, {"id": posting_id}, token)
                    published[posting_id] = time.perf_counter()
                publish_rate = total / (time.perf_counter() - started)
                await watcher
        latencies = sorted(seen[p] - published[p] for p in seen)
        missing = total - len(latencies)
        print(
            f"members: {members}   worker processes: {workers}   postings published: {total}   "
            f"achieved publish rate: {publish_rate:.1f}/s"
        )
        if latencies:
            p95 = latencies[max(0, int(len(latencies) * 0.95) - 1)]
            print(
                f"publish → matches visible: p50 {statistics.median(latencies) * 1000:.0f} ms   "
                f"p95 {p95 * 1000:.0f} ms   max {latencies[-1] * 1000:.0f} ms   (target p95 ≤ 2000 ms)"
            )
        if missing:
            print(f"postings with no match seen within the window: {missing}")
        load1, _, _ = os.getloadavg()
        print(f"load average (1 min) at the end: {load1:.2f} on {os.cpu_count()} cores")
    finally:
        for worker in pool:
            worker.stop()
        redis.stop()
        drop_pg_database(name)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rate", type=float, default=50.0, help="postings published per second")
    parser.add_argument("--seconds", type=float, default=10.0, help="how long to publish")
    parser.add_argument("--members", type=int, default=1000, help="demo members in the database")
    parser.add_argument("--workers", type=int, default=1, help="`passerelle worker` processes")
    arguments = parser.parse_args()
    asyncio.run(run(arguments.rate, arguments.seconds, arguments.members, arguments.workers))


if __name__ == "__main__":
    main()
