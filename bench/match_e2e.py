"""End-to-end latency on the production path: GraphQL publish → outbox → arq worker → matches stored.

Creates a temporary PostgreSQL database and a private redis-server, loads demo members, starts the
API (`passerelle serve`) and real `passerelle worker` processes, then publishes roles over HTTP at a
steady rate, open loop (each publish is sent on schedule, whether or not the previous one has
answered, as independent recruiters would). For each posting it measures the time from sending the
publish request to its matches being visible (what `myMatches` reads). Prints p50/p95/max latency,
the publish requests' own latency and the achieved rate. Needs PostgreSQL and redis-server here.

    .venv/bin/python bench/match_e2e.py                       # 50 postings/s for 10 s, 1 000 members
    .venv/bin/python bench/match_e2e.py --rate 20 --members 5000 --seconds 15 --workers 2
    .venv/bin/python bench/match_e2e.py --rate 10 --members 100000 --workers 2   # copies beyond 5,000
    .venv/bin/python bench/match_e2e.py --sample-queries   # + what PostgreSQL runs or waits for
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import time
import uuid
from collections import Counter
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from redis.asyncio import Redis
from sqlalchemy import func, select, text, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bench.light_client import LightClient
from bench.measures import percentile, process_cpu_seconds
from harness.accounts import PASSWORD, create_partner, create_user, issue_token
from harness.member_clones import clone_members
from harness.processes import ApiProcess, RedisServer, WorkerProcess, create_pg_database, drop_pg_database
from server.accounts.secrets import hash_password
from server.db import create_engine, create_session_factory, transaction, utcnow
from server.demo.members import load_demo_members
from server.jobs.match_requests import MEMBER_CHANGED_JOB
from server.models.accounts import UserRole
from server.models.matching import Match
from server.models.notifications import Notification
from server.models.outbox import OutboxEvent

WARM_UP_POSTINGS = 6
PGSTAT_FLUSH_SECONDS = 11  # an idle backend reports its counts to pg_stat within 10 s
DEMO_MEMBERS = 5000  # built one by one (the demo loader); beyond, copies of them
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


def cpu_seconds(pids: list[int]) -> dict[int, float]:
    """User + system CPU of each process still running: where a posting's cost goes."""
    spent = {pid: process_cpu_seconds(pid) for pid in pids}
    return {pid: seconds for pid, seconds in spent.items() if seconds is not None}


def children_of(parent: int) -> list[int]:
    """The processes `parent` started (uvicorn's workers), from /proc."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1]) == parent:
                    found.append(int(entry.name))
            except (OSError, ValueError, IndexError):
                continue
    return found


def cpu_since(before: dict[int, float], pids: list[int]) -> float:
    """CPU spent since `before` by these processes (one started meanwhile counts from zero)."""
    return sum(now - before.get(pid, 0.0) for pid, now in cpu_seconds(pids).items())


async def backends_of(factory: async_sessionmaker[AsyncSession], database: str) -> list[int]:
    """The PostgreSQL backends serving this database: other sessions on the server are not ours."""
    async with factory() as session:
        found = await session.scalars(
            text("SELECT pid FROM pg_stat_activity WHERE datname = :name"), {"name": database}
        )
        return list(found.all())


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


async def sample_queries(
    factory: async_sessionmaker[AsyncSession], database: str, into: Counter[str]
) -> None:
    """A poor man's statement profile: what this database's backends run or wait for, every 20 ms."""
    query = text(
        "SELECT coalesce(wait_event, 'on CPU') || ' | ' "
        "|| left(regexp_replace(query, '\\s+', ' ', 'g'), 130) FROM pg_stat_activity "
        "WHERE datname = :name AND state = 'active' AND pid <> pg_backend_pid()"
    )
    async with factory() as session:
        while True:
            into.update((await session.scalars(query, {"name": database})).all())
            await session.rollback()
            await asyncio.sleep(0.02)


async def database_activity(factory: async_sessionmaker[AsyncSession]) -> dict[str, float]:
    """Transactions and rows of this database, and sequential reads per table: what PostgreSQL did."""
    async with factory() as session:
        row = (
            await session.execute(
                text(
                    "SELECT xact_commit, tup_returned, tup_fetched, tup_inserted, tup_updated "
                    "FROM pg_stat_database WHERE datname = current_database()"
                )
            )
        ).one()
        tables = await session.execute(
            text("SELECT relname, seq_scan, seq_tup_read, idx_scan FROM pg_stat_user_tables")
        )
        found: dict[str, float] = dict(row._mapping)
        for name, scans, sequential, indexed in tables.all():
            found[f"{name}.seq_scan"] = scans or 0
            found[f"{name}.seq_read"] = sequential or 0
            found[f"{name}.idx_scan"] = indexed or 0
        return found


def milliseconds(values: list[float]) -> str:
    return (
        f"p50 {statistics.median(values) * 1000:.0f} ms   p95 {percentile(values, 0.95) * 1000:.0f} ms   "
        f"max {max(values) * 1000:.0f} ms"
    )


async def run(
    rate: float,
    seconds: float,
    members: int,
    workers: int,
    profile: Path | None,
    sample: bool,
    api_workers: int = 1,
) -> None:
    samples: Counter[str] = Counter()
    name, url = create_pg_database()
    redis = RedisServer()
    redis.start()
    processes = [WorkerProcess(url, redis.url) for _ in range(workers)]
    if profile is not None:  # the first worker under cProfile, its report written when it stops
        processes[0].launcher = ["-m", "cProfile", "-o", str(profile)]
    api = ApiProcess(url, redis.url, workers=api_workers)
    engine = create_engine(url)
    factory = create_session_factory(engine)
    try:
        demo = min(members, DEMO_MEMBERS)
        async with transaction(factory) as session:
            await load_demo_members(session, demo, password_hash=hash_password(PASSWORD))
        async with transaction(factory) as session:
            # each member's own match job would find no open posting (the bench's are drafts yet):
            # settled here, not run by the workers for minutes before the measure
            await session.execute(
                update(OutboxEvent)
                .where(OutboxEvent.job == MEMBER_CHANGED_JOB, OutboxEvent.delivered_at.is_(None))
                .values(delivered_at=utcnow())
            )
        if members > demo:  # the rest as copies of those, in SQL: 100,000 load in seconds
            async with transaction(factory) as session:
                await clone_members(session, members // demo - 1)
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
            async with factory() as session:  # the statistics autovacuum would have by now in production
                await session.execute(text("ANALYZE"))
                await session.commit()
            sent: dict[str, float] = {}
            answered: dict[str, float] = {}
            seen: dict[str, float] = {}

            async def publish(posting_id: str, at: float) -> None:
                await asyncio.sleep(max(0.0, at - time.perf_counter()))
                sent[posting_id] = time.perf_counter()
                body = await client.graphql(PUBLISH, {"id": posting_id}, token)
                if not body.get("data") or body["data"]["publishPosting"]["errors"]:
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

            backends = await backends_of(factory, name)
            components: dict[str, Callable[[], list[int]]] = {
                "API": lambda: [api.pid, *children_of(api.pid)],
                "workers": lambda: [process.pid for process in processes],
                "PostgreSQL": lambda: backends,  # this database's backends only
                "Redis": lambda: [redis.pid],
                "this benchmark": lambda: [os.getpid()],
            }
            before = {name: cpu_seconds(pids()) for name, pids in components.items()}
            await asyncio.sleep(PGSTAT_FLUSH_SECONDS)  # the setup's counts reach pg_stat before we read it
            activity = await database_activity(factory)
            started = time.perf_counter()  # after the pause: each publish is sent at its own time
            watcher = asyncio.create_task(watch())
            sampler = asyncio.create_task(sample_queries(factory, name, samples)) if sample else None
            await asyncio.gather(
                *(publish(posting_id, started + index / rate) for index, posting_id in enumerate(drafts))
            )
            publish_rate = total / (max(answered.values()) - started)
            await watcher
            if sampler is not None:
                sampler.cancel()
            backends = sorted({*backends, *await backends_of(factory, name)})  # pools may have grown
            spent = {name: cpu_since(before[name], pids()) for name, pids in components.items()}
            await asyncio.sleep(PGSTAT_FLUSH_SECONDS)
            activity = {k: v - activity.get(k, 0) for k, v in (await database_activity(factory)).items()}
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
            path = [seen[p] - answered[p] for p in seen if p in answered]
            print(f"publish answered → visible:    {milliseconds(path)}   (the outbox → worker path alone)")
        if total - len(latencies):
            print(f"postings with no match seen within the window: {total - len(latencies)}")
        print(
            "CPU per posting: "
            + "   ".join(f"{name} {seconds / total * 1000:.1f} ms" for name, seconds in spent.items())
            + f"   (total {sum(spent.values()) / total * 1000:.1f} ms; {os.cpu_count()} cores give "
            f"{1000 * (os.cpu_count() or 1) / rate:.0f} ms per posting at {rate:g}/s)"
        )
        if samples:
            print(f"statements seen running in PostgreSQL ({sum(samples.values())} samples every 20 ms):")
            for statement, count in samples.most_common(12):
                print(f"  {count:5d}  {statement}")
        busiest = sorted(activity.items(), key=lambda item: -item[1])[:16]
        print(
            "PostgreSQL work per posting (this database, pg_stat): "
            + "   ".join(f"{key} {value / total:.1f}" for key, value in busiest)
        )
        async with factory() as session:
            matches = await session.scalar(select(func.count()).select_from(Match)) or 0
            notices = await session.scalar(select(func.count()).select_from(Notification)) or 0
        print(
            f"rows written per posting (whole run): matches {matches / total:.0f}   notifications "
            f"{notices / total:.0f}"
        )
        load1, _, _ = os.getloadavg()
        print(f"load average (1 min) at the end: {load1:.2f} on {os.cpu_count()} cores")
    finally:
        if profile is not None and processes[0].process is not None:  # rendering the report takes time
            processes[0].process.terminate()
            processes[0].process.wait(timeout=120)
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
    parser.add_argument("--profile", type=Path, help="write a cProfile of the first worker here (pstats)")
    parser.add_argument("--api-workers", type=int, default=1, help="`passerelle serve` processes")
    parser.add_argument(
        "--sample-queries", action="store_true", help="sample the statements PostgreSQL runs (adds load)"
    )
    arguments = parser.parse_args()
    asyncio.run(
        run(
            arguments.rate,
            arguments.seconds,
            arguments.members,
            arguments.workers,
            arguments.profile,
            arguments.sample_queries,
            arguments.api_workers,
        )
    )


if __name__ == "__main__":
    main()
