"""End-to-end latency on the production path: GraphQL publish → outbox → arq worker → matches stored.

Creates a temporary PostgreSQL database and a private redis-server, loads demo members, starts the
API (`passerelle serve`) and real `passerelle worker` processes, then publishes roles over HTTP at a
steady rate, open loop (each publish is sent on schedule, whether or not the previous one has
answered, as independent recruiters would). For each posting it measures the time from sending the
publish request to its matches being visible (what `myMatches` reads). Prints p50/p95/max latency,
the publish requests' own latency and the achieved rate. Needs PostgreSQL and redis-server here.

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
import uuid
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from redis.asyncio import Redis
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bench.light_client import LightClient
from harness.accounts import PASSWORD, create_partner, create_user, issue_token
from harness.processes import ApiProcess, RedisServer, WorkerProcess, create_pg_database, drop_pg_database
from server.accounts.secrets import hash_password
from server.db import create_engine, create_session_factory, transaction
from server.demo.members import load_demo_members
from server.models.accounts import UserRole
from server.models.matching import Match
from server.models.outbox import OutboxEvent

WARM_UP_POSTINGS = 6
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


def cpu_seconds(pids: list[int]) -> float:
    """User + system CPU of processes, from /proc (Linux): where a posting's cost goes."""
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:  # a process that ended meanwhile
            continue
        total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")


def pids_named(name: str) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if (entry / "comm").read_text().strip() == name:
                    found.append(int(entry.name))
            except OSError:
                continue
    return found


async def wait_for_quiet(factory: async_sessionmaker[AsyncSession], redis_url: str) -> None:
    """Until nothing waits in the outbox or the arq queue and no job is in progress."""
    queue = Redis.from_url(redis_url)
    try:
        while True:
            async with factory() as session:
                pending = await session.scalar(
                    select(func.count()).select_from(OutboxEvent).where(OutboxEvent.delivered_at.is_(None))
                )
            busy = await queue.zcard("arq:queue") or await queue.keys("arq:in-progress:*")
            if not pending and not busy:
                return
            await asyncio.sleep(0.5)
    finally:
        await queue.aclose()


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, int(len(ordered) * share) - 1)]


def milliseconds(values: list[float]) -> str:
    return (
        f"p50 {statistics.median(values) * 1000:.0f} ms   p95 {percentile(values, 0.95) * 1000:.0f} ms   "
        f"max {max(values) * 1000:.0f} ms"
    )


async def run(rate: float, seconds: float, members: int, workers: int) -> None:
    name, url = create_pg_database()
    redis = RedisServer()
    redis.start()
    processes = [WorkerProcess(url, redis.url) for _ in range(workers)]
    api = ApiProcess(url, redis.url)
    engine = create_engine(url)
    factory = create_session_factory(engine)
    try:
        async with transaction(factory) as session:
            await load_demo_members(session, members, password_hash=hash_password(PASSWORD))
        partner = await create_partner(factory, tier_code="premium")
        user = await create_user(
            factory, email="rh@bench.fr", role=UserRole.PARTNER_ADMIN, partner_id=partner.id
        )
        token = await issue_token(factory, user.id)
        for process in [*processes, api]:
            process.start()
        client = LightClient(api.url)
        try:
            total = int(rate * seconds)
            drafts = []
            for index in range(total):
                body = await client.graphql(CREATE, {"input": role(index)}, token)
                drafts.append(body["data"]["createRole"]["posting"]["id"])
            await wait_for_quiet(factory, redis.url)  # the members' own jobs first
            # warm-up: each worker loads its member pool once, as a running worker already has
            for index in range(WARM_UP_POSTINGS):
                body = await client.graphql(CREATE, {"input": role(index)}, token)
                await client.graphql(PUBLISH, {"id": body["data"]["createRole"]["posting"]["id"]}, token)
                await asyncio.sleep(0.3)
            await wait_for_quiet(factory, redis.url)
            sent: dict[str, float] = {}
            answered: dict[str, float] = {}
            seen: dict[str, float] = {}
            started = time.perf_counter()

            async def publish(posting_id: str, at: float) -> None:
                await asyncio.sleep(max(0.0, at - time.perf_counter()))
                sent[posting_id] = time.perf_counter()
                body = await client.graphql(PUBLISH, {"id": posting_id}, token)
                if body["data"]["publishPosting"]["errors"]:
                    raise RuntimeError(f"publish refused: {body}")
                answered[posting_id] = time.perf_counter()

            async def watch() -> None:
                """Polls only the postings still waiting, through the index: a light observer."""
                while len(seen) < total and time.perf_counter() - started < seconds + 120:
                    waiting = [uuid.UUID(key) for key in sent if key not in seen]
                    if waiting:
                        async with factory() as session:
                            found = await session.scalars(
                                select(Match.posting_id).where(Match.posting_id.in_(waiting)).distinct()
                            )
                            now = time.perf_counter()
                            for posting_id in found.all():
                                seen.setdefault(str(posting_id), now)
                    await asyncio.sleep(0.05)

            components: dict[str, Callable[[], list[int]]] = {
                "API": lambda: [api.pid],
                "workers": lambda: [process.pid for process in processes],
                "PostgreSQL": lambda: pids_named("postgres"),
                "Redis": lambda: [redis.pid],
                "this benchmark": lambda: [os.getpid()],
            }
            before = {name: cpu_seconds(pids()) for name, pids in components.items()}
            watcher = asyncio.create_task(watch())
            await asyncio.gather(
                *(publish(posting_id, started + index / rate) for index, posting_id in enumerate(drafts))
            )
            publish_rate = total / (max(answered.values()) - started)
            await watcher
            spent = {name: cpu_seconds(pids()) - before[name] for name, pids in components.items()}
        finally:
            await client.close()
        print(
            f"members: {members}   worker processes: {workers}   postings published: {total}   "
            f"achieved publish rate: {publish_rate:.1f}/s (asked {rate:g}/s)"
        )
        print(f"publish request (API answer):  {milliseconds([answered[p] - sent[p] for p in answered])}")
        latencies = [seen[p] - sent[p] for p in seen]
        if latencies:
            print(f"publish → matches visible:     {milliseconds(latencies)}   (target p95 ≤ 2000 ms)")
        if total - len(latencies):
            print(f"postings with no match seen within the window: {total - len(latencies)}")
        print(
            "CPU per posting: "
            + "   ".join(f"{name} {seconds / total * 1000:.1f} ms" for name, seconds in spent.items())
            + f"   (total {sum(spent.values()) / total * 1000:.1f} ms; {os.cpu_count()} cores give "
            f"{1000 * (os.cpu_count() or 1) / rate:.0f} ms per posting at {rate:g}/s)"
        )
        load1, _, _ = os.getloadavg()
        print(f"load average (1 min) at the end: {load1:.2f} on {os.cpu_count()} cores")
    finally:
        for process in [*processes, api]:
            process.stop()
        await engine.dispose()
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
