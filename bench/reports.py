"""Benchmark of the federation report. Run: .venv/bin/python bench/reports.py [--quick]

Creates a temporary PostgreSQL database, migrates it, bulk-loads synthetic data with COPY (500
partners, 20 000 postings, 100 000 members, 2 000 000 matches; a tenth with --quick), then generates
the federation report for 2026 in a separate process and prints its time and peak memory (targets:
30 s and 1 GB). The database is dropped at the end. PostgreSQL URL: PASSERELLE_BENCH_POSTGRES_URL
(default postgresql://postgres@127.0.0.1:5432/postgres).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
import os
import random
import resource
import sys
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

ADMIN_URL = os.environ.get("PASSERELLE_BENCH_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
TARGET_SECONDS, TARGET_BYTES = 30.0, 1 << 30
START = datetime(2026, 1, 1, tzinfo=UTC)
YEAR_SECONDS = 364 * 86400
DEPARTEMENTS = ["75", "69", "13", "33", "31", "59", "44", "67", "92", "93", "06", "35", "2A", "974", None]


def sizes(quick: bool) -> dict[str, int]:
    scale = 10 if quick else 1
    return {
        "partners": 500 // scale,
        "postings": 20_000 // scale,
        "members": 100_000 // scale,
        "matches_per_posting": 100,
    }


def moment(rng: random.Random) -> datetime:
    return START + timedelta(seconds=rng.randrange(YEAR_SECONDS))


async def load(url: str, counts: dict[str, int]) -> None:
    import asyncpg

    from matching.framework import load_framework

    framework = load_framework()
    occupations = [(o.id, o.rome_code) for o in framework.occupations]
    competencies = [c.id for c in framework.competencies]
    rng = random.Random(2026)
    connection = await asyncpg.connect(url)
    try:
        partner_ids = [uuid.uuid4() for _ in range(counts["partners"])]
        await connection.copy_records_to_table(
            "partners",
            columns=[
                "id",
                "name",
                "siren",
                "status",
                "tier_code",
                "notes",
                "departement",
                "start_date",
                "renewal_date",
                "created_at",
                "updated_at",
            ],
            records=[
                (
                    pid,
                    f"Entreprise {i}",
                    f"{100000000 + i}",
                    rng.choice(["active"] * 8 + ["suspended", "ended"]),
                    rng.choice(["decouverte", "partenaire", "premium"]),
                    "",
                    rng.choice(DEPARTEMENTS[:-1]),
                    start,
                    start + timedelta(days=365),
                    START,
                    START,
                )
                for i, pid, start in (
                    (i, pid, date(2025, 1, 1) + timedelta(days=rng.randrange(600)))
                    for i, pid in enumerate(partner_ids)
                )
            ],
        )
        member_ids = [uuid.uuid4() for _ in range(counts["members"])]
        await connection.copy_records_to_table(
            "users",
            columns=["id", "email", "full_name", "role", "is_active", "created_at"],
            records=[
                (mid, f"membre{i}@bench.example", f"Membre {i}", "member", True, START)
                for i, mid in enumerate(member_ids)
            ],
        )
        await connection.copy_records_to_table(
            "member_profiles",
            columns=[
                "user_id",
                "headline_occupation_id",
                "departement",
                "bio",
                "mobility_departements",
                "contract_preferences",
                "offers",
                "certifications",
                "other_certifications",
                "visibility",
                "last_activity_at",
                "created_at",
                "updated_at",
            ],
            records=[
                (
                    mid,
                    rng.choice(occupations)[0],
                    rng.choice(DEPARTEMENTS),
                    "",
                    "[]",
                    "[]",
                    "[]",
                    "[]",
                    "[]",
                    rng.choice(["visible", "anonymous", "hidden"]),
                    START,
                    moment(rng),
                    START,
                )
                for mid in member_ids
            ],
        )
        postings: list[tuple[uuid.UUID, datetime]] = []
        posting_rows = []
        for _ in range(counts["postings"]):
            pid, published = uuid.uuid4(), moment(rng)
            postings.append((pid, published))
            occupation, rome = rng.choice(occupations)
            role = rng.random() < 0.85
            departement = rng.choice(DEPARTEMENTS)
            status = rng.choice(["open", "open", "paused", "filled", "closed"])
            posting_rows.append(
                (
                    pid,
                    rng.choice(partner_ids),
                    "role" if role else "need",
                    None if role else "upskilling",
                    status,
                    "Assistant·e",
                    "",
                    occupation,
                    rome,
                    rng.choice(["matched"] * 3 + ["unknown"]),
                    "{}",
                    "cdi" if role else None,
                    "none" if departement else "full",
                    departement,
                    published,
                    published + timedelta(days=30) if status in ("filled", "closed") else None,
                    False,
                    START,
                    START,
                )
            )
        await connection.copy_records_to_table(
            "postings",
            columns=[
                "id",
                "partner_id",
                "kind",
                "need_kind",
                "status",
                "title",
                "description",
                "occupation_id",
                "rome_code",
                "normalisation_status",
                "title_attributes",
                "contract_type",
                "remote_policy",
                "departement",
                "published_at",
                "closed_at",
                "featured",
                "created_at",
                "updated_at",
            ],
            records=posting_rows,
        )
        await connection.copy_records_to_table(
            "posting_competencies",
            columns=["posting_id", "competency_id", "level", "required"],
            records=[
                (pid, cid, rng.randint(1, 4), rng.random() < 0.6)
                for pid, _ in postings
                for cid in rng.sample(competencies, 4)
            ],
        )
        await connection.copy_records_to_table(
            "matches",
            columns=[
                "id",
                "posting_id",
                "member_user_id",
                "score",
                "state",
                "trace",
                "engine_version",
                "weights",
                "response",
                "responded_at",
                "created_at",
                "updated_at",
            ],
            records=_matches(rng, postings, member_ids, competencies, counts["matches_per_posting"]),
        )
        await connection.copy_records_to_table(
            "review_items",
            columns=[
                "id",
                "key",
                "sample_title",
                "examples",
                "seen_count",
                "posting_count",
                "profile_count",
                "last_status",
                "last_confidence",
                "state",
                "resolved_at",
                "first_seen_at",
                "last_seen_at",
            ],
            records=[
                (
                    uuid.uuid4(),
                    f"titre {i}",
                    f"Titre {i}",
                    "[]",
                    3,
                    2,
                    1,
                    "unknown",
                    0.3,
                    rng.choice(["pending", "attached", "dismissed"]),
                    moment(rng),
                    START,
                    START,
                )
                for i in range(500)
            ],
        )
        await connection.execute("ANALYZE")
    finally:
        await connection.close()


def _matches(
    rng: random.Random,
    postings: list[tuple[uuid.UUID, datetime]],
    members: list[uuid.UUID],
    competencies: list[str],
    per_posting: int,
) -> Iterator[tuple[Any, ...]]:
    """Streamed to COPY: two million rows are never held in memory at once."""
    for index, (posting_id, published) in enumerate(postings):
        first = index * 7919
        for k in range(per_posting):
            created = published + timedelta(hours=rng.randrange(1, 240))
            response = rng.choice([None, None, "interested", "declined"])
            missing = [
                {"competency_id": cid, "gap": rng.randint(1, 3), "required": True}
                for cid in rng.sample(competencies, rng.randint(0, 3))
            ]
            yield (
                uuid.uuid4(),
                posting_id,
                members[(first + 13 * k) % len(members)],
                rng.uniform(40, 95),
                "active",
                json.dumps({"missing": missing}),
                "bench",
                "{}",
                response,
                created + timedelta(days=2) if response else None,
                created,
                created,
            )


async def _measure(url: str) -> dict[str, Any]:
    from server.db import create_engine, create_session_factory
    from server.reports import content
    from server.reports.periods import parse_period
    from server.reports.tasks import render_files

    async def step(_: int) -> None:
        return None

    engine = create_engine(url)
    try:
        started = time.perf_counter()
        async with create_session_factory(engine)() as session:
            document = await content.federation_report(
                session, parse_period("2026"), date(2026, 12, 31), step
            )
        aggregated = time.perf_counter()
        files = render_files(document)
        rendered = time.perf_counter()
    finally:
        await engine.dispose()
    return {
        "aggregation_s": round(aggregated - started, 2),
        "rendering_s": round(rendered - aggregated, 2),
        "total_s": round(rendered - started, 2),
        "bytes": {fmt.value: len(data) for fmt, data in files.items()},
        "missing_top": [row[1] for row in document.table("competences_manquantes").rows[:3]],
    }


def measure(url: str, results: Connection) -> None:
    """In its own process, so that its peak memory is the report's alone."""
    results.send(asyncio.run(_measure(url)))


async def admin(statement: str) -> None:
    import asyncpg

    connection = await asyncpg.connect(ADMIN_URL)
    try:
        await connection.execute(statement)
    finally:
        await connection.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a tenth of the volume")
    args = parser.parse_args()

    from server.migrations_runner import upgrade

    counts = sizes(args.quick)
    name = f"passerelle_bench_{os.getpid()}"
    base = ADMIN_URL.rsplit("/", 1)[0]
    async_url = f"{base.replace('postgresql://', 'postgresql+asyncpg://')}/{name}"
    asyncio.run(admin(f'CREATE DATABASE "{name}"'))
    try:
        upgrade(async_url)
        started = time.perf_counter()
        asyncio.run(load(f"{base}/{name}", counts))
        matches = counts["postings"] * counts["matches_per_posting"]
        print(
            f"loaded {counts['partners']} partners, {counts['postings']} postings, {counts['members']} "
            f"members, {matches} matches in {time.perf_counter() - started:.1f} s"
        )
        context = multiprocessing.get_context("spawn")
        receiver, sender = context.Pipe(duplex=False)
        child = context.Process(target=measure, args=(async_url, sender))
        started = time.perf_counter()
        child.start()
        figures = receiver.recv()
        child.join()
        wall = time.perf_counter() - started
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024  # kB on Linux
        print(
            f"federation report (2026): {figures['total_s']} s (SQL {figures['aggregation_s']} s, "
            f"charts + files {figures['rendering_s']} s; process with start-up {wall:.1f} s)"
        )
        print(f"peak memory of the report process: {peak / 2**20:.0f} MiB")
        print(f"files: {figures['bytes']}; most missing competencies: {figures['missing_top']}")
        if not args.quick:
            ok = figures["total_s"] <= TARGET_SECONDS and peak <= TARGET_BYTES
            print(f"targets ≤ {TARGET_SECONDS:.0f} s and ≤ 1 GiB: {'met' if ok else 'MISSED'}")
    finally:
        asyncio.run(admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


if __name__ == "__main__":
    main()
