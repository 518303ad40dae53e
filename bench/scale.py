"""Serving at the scale of the whole profession: 100,000 members, 5,000 postings, 1,000,000 matches.

Creates a PostgreSQL database, loads it through the product's bulk paths (harness/scale_load.py),
runs VACUUM ANALYZE, starts `passerelle serve` (one process, jobs on a private Redis) and, once it is
ready, sends each scenario's requests one after the other over one HTTP connection, each with other
parameters (member, posting, search text), then prints p50/p99 per scenario beside the machine's load.
Target: p99 ≤ 50 ms at 1 connection.

    .venv/bin/python bench/scale.py --keep               # load once, keep the database
    .venv/bin/python bench/scale.py --database NAME      # re-run on a kept database
    .venv/bin/python bench/scale.py --members 5000 --postings 250 --matches 50000   # quick
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import httpx
from sqlalchemy import func, select

from bench.measures import percentile, process_cpu_seconds
from harness.accounts import issue_token
from harness.processes import PG_ADMIN_URL, ApiProcess, RedisServer, create_pg_database, drop_pg_database
from harness.scale_load import Loaded, Scale, load_scale, loaded_ids, vacuum_analyze
from server.db import create_engine, create_session_factory
from server.demo.members import PLACES, TITLES
from server.demo.partners import DEMO_ADMIN_EMAIL
from server.models.accounts import User, UserRole
from server.models.postings import Posting

TARGET_P99_MS = 50.0
WARM_UP = 10  # requests per scenario and run before the measured ones
POSTING_WORDS = (
    "assistant", "secrétaire", "juridique", "comptable", "paie", "bilingue", "office", "médicale",
    "agenda", "facturation", "clinique", "accueil", "direction", "alternance", "executive", "lyon",
)  # fmt: skip
EXPLANATION = "explanation { score eligible factors { code fit points sentence } sentences }"


@dataclass(frozen=True)
class Scenario:
    name: str
    build: Callable[[random.Random], tuple[str, dict[str, Any], str]]  # → (query, variables, token)


async def _context(url: str, loaded: Loaded, rng: random.Random) -> dict[str, list[str] | dict[str, str]]:
    """Tokens (200 members, each posting's partner admin, staff) and names to search for."""
    factory = create_session_factory(engine := create_engine(url))
    members = rng.sample(loaded.member_ids, min(200, len(loaded.member_ids)))
    async with factory() as session:
        staff = (await session.scalars(select(User.id).where(User.email == DEMO_ADMIN_EMAIL))).one()
        rows = await session.execute(
            select(User.partner_id, User.id).where(User.role == UserRole.PARTNER_ADMIN)
        )
        admins = {partner: admin for partner, admin in rows}
        names = (
            await session.scalars(
                select(User.full_name).where(User.role == UserRole.MEMBER).order_by(func.random()).limit(200)
            )
        ).all()
        postings = (
            await session.execute(
                select(Posting.id, Posting.partner_id).where(
                    Posting.id.in_(rng.sample(loaded.posting_ids, min(200, len(loaded.posting_ids))))
                )
            )
        ).all()
    partner_tokens = {str(p): await issue_token(factory, admin) for p, admin in admins.items() if p}
    context: dict[str, list[str] | dict[str, str]] = {
        "members": [await issue_token(factory, member) for member in members],
        "staff": [await issue_token(factory, staff)],
        "names": [name.split(" ", 1)[rng.randint(0, 1)].lower() for name in names],
        "postings": {str(posting): partner_tokens[str(partner)] for posting, partner in postings},
    }
    await engine.dispose()
    return context


def _listing(field: str, parameters: str, arguments: str, node: str) -> str:
    """One page of a connection with its count, as the web client asks for it: a fixed document
    whose values come as variables (parsed and validated once per process, as for real clients)."""
    page = "totalCount pageInfo { hasNextPage endCursor }"
    head = f"query({parameters}) " if parameters else ""
    chosen = ", ".join(["first: 20", *([arguments] if arguments else [])])
    return f"{head}{{ {field}({chosen}) {{ {page} edges {{ node {{ {node} }} }} }} }}"


def scenarios(context: dict[str, list[str] | dict[str, str]]) -> list[Scenario]:
    members, names, (staff,) = context["members"], context["names"], context["staff"]
    postings = context["postings"]
    assert isinstance(postings, dict) and isinstance(names, list) and isinstance(members, list)  # noqa: S101

    def my_matches(rng: random.Random) -> tuple[str, dict[str, Any], str]:
        node = f"id score posting {{ id title }} {EXPLANATION}"
        return _listing("myMatches", "", "", node), {}, rng.choice(members)

    def candidates(rng: random.Random) -> tuple[str, dict[str, Any], str]:
        posting = rng.choice(sorted(postings))
        node = f"id score anonymised occupationLabel region experienceBand {EXPLANATION}"
        query = _listing("matches", "$posting: UUID!", "postingId: $posting", node)
        return query, {"posting": posting}, postings[posting]

    def postings_by_text(rng: random.Random) -> tuple[str, dict[str, Any], str]:
        search = rng.choice(POSTING_WORDS) if rng.random() < 0.7 else f"réf. {rng.randint(0, 4999)} "
        query = _listing("postings", "$search: String!", "filter: {search: $search}", "id title")
        return query, {"search": search}, staff

    def members_by_name(rng: random.Random) -> tuple[str, dict[str, Any], str]:
        node = "userId fullName email headlineTitle departement"
        query = _listing("members", "$search: String!", "filter: {search: $search}", node)
        return query, {"search": rng.choice(names)}, staff

    def members_by_place(rng: random.Random) -> tuple[str, dict[str, Any], str]:
        occupation, departement = rng.choice(sorted(TITLES)), rng.choice(PLACES)[0]
        where = "filter: {occupationIds: [$occupation], departements: [$departement]}"
        query = _listing("members", "$occupation: String!, $departement: String!", where, "userId fullName")
        return query, {"occupation": occupation, "departement": departement}, staff

    return [
        Scenario("myMatches(first: 20) + explanations", my_matches),
        Scenario("candidates of a posting + explanations", candidates),
        Scenario("staff: postings by text", postings_by_text),
        Scenario("staff: members by name/e-mail", members_by_name),
        Scenario("staff: members by occupation + département", members_by_place),
    ]


def measure(api: str, scenario: Scenario, requests: int, rng: random.Random) -> list[float]:
    """Milliseconds per request, sequential over one kept-alive connection (after the warm-up ones)."""
    timings = []
    with httpx.Client(base_url=api, timeout=30, limits=httpx.Limits(max_connections=1)) as client:
        for index in range(requests + WARM_UP):
            query, variables, token = scenario.build(rng)
            started = time.perf_counter()
            response = client.post(
                "/graphql",
                json={"query": query, "variables": variables},
                headers={"Authorization": f"Bearer {token}"},
            )
            elapsed = (time.perf_counter() - started) * 1000
            body = response.json()
            if "errors" in body:
                raise RuntimeError(f"{scenario.name}: {body['errors']}")
            if index >= WARM_UP:
                timings.append(elapsed)
    slow = sorted(timings)[-3:]
    print(f"    {scenario.name}: slowest {', '.join(f'{t:.0f}' for t in slow)} ms", flush=True)
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--members", type=int, default=Scale.members)
    parser.add_argument("--postings", type=int, default=Scale.postings)
    parser.add_argument("--matches", type=int, default=Scale.matches)
    parser.add_argument("--requests", type=int, default=200, help="per scenario and run")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", action="store_true", help="keep the generated database for re-runs")
    parser.add_argument("--database", help="re-use a database kept by --keep (no loading)")
    args = parser.parse_args()

    if args.database:
        name = args.database
        url = f"{PG_ADMIN_URL.rsplit('/', 1)[0].replace('postgresql://', 'postgresql+asyncpg://')}/{name}"
        loaded = asyncio.run(_ids(url))
    else:
        name, url = create_pg_database()
        started = time.perf_counter()
        loaded = asyncio.run(_load(url, Scale(args.members, args.postings, args.matches)))
        print(f"chargement : {time.perf_counter() - started:.0f} s ({name})", flush=True)
    redis = RedisServer()  # production path: jobs on Redis (embedded, the API would build the member pool)
    redis.start()
    api = ApiProcess(url, redis.url, LOG_LEVEL="WARNING")
    try:
        api.start()
        _wait_ready(api.url)
        rng = random.Random(7)
        runs = _runs(api, scenarios(asyncio.run(_context(url, loaded, rng))), args, rng)
    finally:
        api.stop()
        redis.stop()
        if not (args.keep or args.database):
            drop_pg_database(name)
    _report(runs)
    if args.keep:
        print(f"base gardée : --database {name}")


def _wait_ready(api: str, within: float = 120.0) -> None:
    """Until `/readyz` says the framework is loaded: a cold process is not what we measure."""
    deadline = time.monotonic() + within
    while httpx.get(f"{api}/readyz", timeout=10).status_code != 200:
        if time.monotonic() > deadline:
            raise RuntimeError("the API never became ready")
        time.sleep(0.5)


async def _load(url: str, scale: Scale) -> Loaded:
    factory = create_session_factory(engine := create_engine(url))
    try:
        loaded = await load_scale(factory, scale, lambda step: print(f"  chargé : {step}", flush=True))
        await vacuum_analyze(engine)
    finally:
        await engine.dispose()
    return loaded


async def _ids(url: str) -> Loaded:
    factory = create_session_factory(engine := create_engine(url))
    try:
        return await loaded_ids(factory)
    finally:
        await engine.dispose()


@dataclass(frozen=True)
class Figures:
    p50: float
    p99: float
    cpu: float  # ms of the API process's CPU per request: what the load inflates the least
    load: float


def _cpu_ms(pid: int) -> float:
    """CPU time the API process has spent so far, in milliseconds."""
    seconds = process_cpu_seconds(pid)
    if seconds is None:
        raise RuntimeError("the API process has ended")
    return seconds * 1000


def _runs(
    api: ApiProcess, chosen: list[Scenario], args: argparse.Namespace, rng: random.Random
) -> dict[str, list[Figures]]:
    runs: dict[str, list[Figures]] = {s.name: [] for s in chosen}
    for run in range(args.runs):
        for scenario in chosen:
            cpu = _cpu_ms(api.pid)
            timings = measure(api.url, scenario, args.requests, rng)
            cpu = (_cpu_ms(api.pid) - cpu) / (args.requests + WARM_UP)
            figures = Figures(percentile(timings, 0.5), percentile(timings, 0.99), cpu, os.getloadavg()[0])
            runs[scenario.name].append(figures)
            print(f"  run {run + 1} {scenario.name}: p50 {figures.p50:.1f} ms, p99 {figures.p99:.1f} ms, "
                  f"CPU {figures.cpu:.1f} ms (load {figures.load:.2f})", flush=True)  # fmt: skip
    return runs


def _report(runs: dict[str, list[Figures]]) -> None:
    target = f"p99 ≤ {TARGET_P99_MS:.0f} ms in every run"
    print(f"\n{'scenario (ms, min/median)':45} {'p50':>13} {'p99':>13} {'API CPU':>11}  {target:11} load")
    for name, figures in runs.items():

        def spread(values: list[float]) -> str:
            return f"{min(values):5.1f}/{statistics.median(values):5.1f}"

        p99s = [f.p99 for f in figures]
        verdict = "ok" if max(p99s) <= TARGET_P99_MS else f"MISSED ({max(p99s):.1f})"  # not only the best
        cpu = spread([f.cpu for f in figures])
        loads = " ".join(f"{f.load:.2f}" for f in figures)
        print(f"{name:45} {spread([f.p50 for f in figures])} {spread(p99s)} {cpu}  {verdict:11} {loads}")
    print(f"uptime: {os.popen('uptime').read().strip()}")  # noqa: S605, S607 — the machine's load


if __name__ == "__main__":
    main()
