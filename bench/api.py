"""GraphQL overhead: the API against a raw Starlette + asyncpg endpoint returning the same bytes.

Creates a PostgreSQL database with the demo partners and postings plus generated members, matches
every posting with the real job, starts `passerelle serve` (one process, production path with a
private redis-server) and the raw baseline (`bench/api_raw.py`, one uvicorn process), checks that
both return byte-for-byte the same JSON for each scenario, then loads both with `wrk` at 1, 8 and
32 connections and prints requests/s, p50 and the GraphQL/raw ratio, measured in the same run.

Scenarios (issue 13): a partner's postings (nested partner, competencies, languages); a member's
`myMatches(first: 20)` with explanations; a partner's candidates page with explanations (each view
audited, on both sides); staff member search. Explanations are the engine's prose, written at read
time: the raw side calls the same pure `matching/` functions (`bench/api_raw_matches.py`).

`--profile` prints, per scenario, the server CPU per request in-process (GraphQL and raw, straight
through ASGI) and its share per library (graphql-core, Strawberry, SQLAlchemy, asyncpg, engine,
our code): where the overhead is, and why 0.5x is out of reach (README, "Benchmarks").
`--check --profile` skips the load test. Needs PostgreSQL, redis-server and wrk (`apt-get install -y wrk`).

    .venv/bin/python bench/api.py                   # 3 s per measure, one run
    .venv/bin/python bench/api.py --runs 3 --profile
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import httpx
from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bench import inprocess
from harness.accounts import PASSWORD, create_user, issue_token
from harness.processes import (
    ROOT,
    ApiProcess,
    RedisServer,
    create_pg_database,
    drop_pg_database,
    free_port,
    port_open,
)
from matching.scoring import explain
from server.accounts.secrets import hash_password
from server.db import create_engine, create_session_factory, transaction
from server.demo.members import load_demo_members
from server.demo.partners import load_demo_partners
from server.demo.postings import load_demo_postings
from server.events import InProcessEventBus
from server.framework.service import live_framework
from server.jobs.context import JobContext
from server.matching import repository as matching_repository
from server.matching.tasks import match_postings_job
from server.models.accounts import User, UserRole
from server.models.matching import Match
from server.models.postings import Posting, PostingStatus
from server.settings import Settings

CONNECTIONS = (1, 8, 32)


@dataclass(frozen=True)
class Scenario:
    name: str
    query: str
    raw_path: str
    who: str  # whose token: "partner", "recruiter", "member" or "staff"


EXPLANATION = (
    "explanation { score engineVersion eligible exclusions { code message } "
    "factors { code label weight fit points sentence } "
    "matchedCompetencies { competencyId label askedLevel memberLevel required gap } "
    "missingCompetencies { competencyId label askedLevel memberLevel required gap } sentences }"
)


def scenarios(posting_id: str) -> tuple[Scenario, ...]:
    """The four lists of the issue; the candidates page is that of the posting with the most."""
    return (
        Scenario(
            "partner postings (nested)",
            "query PartnerPostings { postings(first: 20) { totalCount edges { cursor node { id title status "
            "kind publishedAt expiryDate partner { id name } competencies { competencyId level required } "
            "languages { code level } } } } }",
            "/raw/postings",
            "partner",
        ),
        Scenario(
            "member myMatches + explanations",
            "query MyMatches { myMatches(first: 20) { totalCount edges { cursor node { id score response "
            "respondedAt posting { id kind title commune departement featured partnerName } "
            f"{EXPLANATION} }} }} }} }}",
            "/raw/my-matches",
            "member",
        ),
        Scenario(
            "partner candidates page",
            f'query Candidates {{ matches(postingId: "{posting_id}", first: 20) {{ totalCount edges {{ '
            "cursor node { id score response anonymised occupationLabel region experienceBand offers "
            "competencies { competencyId label level } languages { code level } "
            "details { fullName headlineTitle experiences { title startMonth endMonth } certifications } "
            f"{EXPLANATION} }} }} }} }}",
            f"/raw/candidates?posting={posting_id}",
            "recruiter",
        ),
        Scenario(
            "staff member search",
            'query MemberSearch { members(first: 20, filter: {search: "mar"}) { totalCount edges { cursor '
            "node { userId fullName email headlineTitle departement visibility createdAt } } } }",
            "/raw/members?search=mar",
            "staff",
        ),
    )


@dataclass(frozen=True)
class Measure:
    rps: float
    p50_ms: float


def spread(values: list[float], digits: int = 0) -> str:
    """One run: its figure; several: min/median, the way the README reports them."""
    if len(values) == 1:
        return f"{values[0]:.{digits}f}"
    return f"{min(values):.{digits}f}/{statistics.median(values):.{digits}f}"


def _graphql_body(query: str) -> str:
    import json

    return json.dumps({"query": query})


def wrk(url: str, body: str, token: str, connections: int, seconds: float) -> Measure:
    script = (
        'wrk.method = "POST"\n'
        f"wrk.body = {_lua_string(body)}\n"
        'wrk.headers["Content-Type"] = "application/json"\n'
        f'wrk.headers["Authorization"] = "Bearer {token}"\n'
    )
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as handle:
        handle.write(script)
    try:
        command = [
            "wrk",
            "-t1",
            f"-c{connections}",
            f"-d{round(seconds)}s",
            "--latency",
            "--timeout",
            "10s",  # wrk's 2 s default counted slow GraphQL answers at 32 connections as none
            "-s",
            handle.name,
            url,
        ]
        out = subprocess.run(  # noqa: S603  (our own arguments; wrk from the PATH, installed by apt)
            command,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    finally:
        os.unlink(handle.name)
    if "Non-2xx" in out:
        raise RuntimeError(f"wrk saw errors on {url}:\n{out}")
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    value, unit = re.search(r"50%\s+([\d.]+)(us|ms|s)", out).groups()  # type: ignore[union-attr]
    scale = {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]
    return Measure(rps, float(value) * scale)


def _lua_string(text: str) -> str:
    return "[==[" + text + "]==]"


@dataclass(frozen=True)
class Data:
    tokens: dict[str, str]  # "partner", "recruiter", "member", "staff"
    posting_id: str  # the posting with the most candidates (of the recruiter's company)


async def fill_a_page(session: AsyncSession, member_id: uuid.UUID, size: int = 25) -> None:
    """The engine gives even the best-served member of the demo data only a few opportunities; for
    a page of 20, this member gets the open postings the engine scores best for them as matches."""
    member = await matching_repository.member_input_for(session, member_id)
    taken = set(await session.scalars(select(Match.posting_id).where(Match.member_user_id == member_id)))
    open_ids = [i for i in await matching_repository.open_posting_ids(session) if i not in taken]
    postings = await matching_repository.posting_inputs_by_ids(session, open_ids)
    framework = await live_framework(session)
    assert member is not None  # noqa: S101  (chosen among matched members)
    scored = sorted(
        ((explain(member, criteria, framework), posting_id) for posting_id, criteria in postings.items()),
        key=lambda pair: (-pair[0].score, pair[1]),
    )
    for explanation, posting_id in scored[: max(0, size - len(taken))]:
        session.add(
            Match(
                posting_id=posting_id,
                member_user_id=member_id,
                score=explanation.score,
                trace={},
                engine_version=explanation.engine_version,
                weights=dict(explanation.weights),
            )
        )


async def load_data(url: str, members: int) -> Data:
    """Demo partners and postings, generated members, every open posting matched by the real job;
    tokens of the admins of the partner with the most postings and of the posting with the most
    candidates, of the member with the most opportunities (made a full page) and of staff."""
    engine = create_engine(url)
    factory = create_session_factory(engine)
    password_hash = hash_password(PASSWORD)
    async with transaction(factory) as session:
        partners = await load_demo_partners(session, password_hash)
        await load_demo_postings(session, partners)
        await load_demo_members(session, members, password_hash=password_hash)
    async with factory() as session:
        posting_ids = list((await session.scalars(select(Posting.id).order_by(Posting.id))).all())
    context = JobContext(
        session_factory=factory, settings=Settings(passerelle_env="test"), events=InProcessEventBus()
    )
    await match_postings_job(context, {"posting_ids": [str(i) for i in posting_ids]})
    async with factory() as session:
        busiest = (
            await session.execute(
                select(Posting.partner_id)
                .group_by(Posting.partner_id)
                .order_by(func.count().desc(), Posting.partner_id)
                .limit(1)
            )
        ).scalar_one()
        admin = (
            await session.execute(
                select(User.id)
                .where(User.partner_id == busiest, User.role == UserRole.PARTNER_ADMIN)
                .limit(1)
            )
        ).scalar_one()
        posting, owner = (
            await session.execute(
                select(Match.posting_id, Posting.partner_id)
                .join(Posting, Posting.id == Match.posting_id)
                .group_by(Match.posting_id, Posting.partner_id)
                .order_by(func.count().desc(), Match.posting_id)
                .limit(1)
            )
        ).one()
        recruiter = (
            await session.execute(
                select(User.id).where(User.partner_id == owner, User.role == UserRole.PARTNER_ADMIN).limit(1)
            )
        ).scalar_one()
        member = (
            await session.execute(
                select(Match.member_user_id)
                .join(Posting, Posting.id == Match.posting_id)
                .where(Posting.status == PostingStatus.OPEN)
                .group_by(Match.member_user_id)
                .order_by(func.count().desc(), Match.member_user_id)
                .limit(1)
            )
        ).scalar_one()
    async with transaction(factory) as session:
        await fill_a_page(session, member)
    staff = await create_user(factory, email="bench@federation.fr", role=UserRole.FEDERATION_ADMIN)
    async with transaction(factory) as session:  # staff needs a second factor in production
        await session.execute(
            update(User)
            .where(User.id == staff.id)
            .values(totp_secret="JBSWY3DPEHPK3PXP", totp_enabled_at=func.now())  # noqa: S106  (a test key)
        )
    tokens = {
        "partner": await issue_token(factory, admin),
        "recruiter": await issue_token(factory, recruiter),
        "member": await issue_token(factory, member),
        "staff": await issue_token(factory, staff.id),
    }
    await engine.dispose()
    return Data(tokens, str(posting))


def check_same_bytes(api: str, raw: str, tokens: dict[str, str], chosen: tuple[Scenario, ...]) -> None:
    for scenario in chosen:
        headers = {"Authorization": f"Bearer {tokens[scenario.who]}", "Content-Type": "application/json"}
        body = _graphql_body(scenario.query)
        ours = httpx.post(f"{api}/graphql", content=body, headers=headers, timeout=30).content
        theirs = httpx.post(f"{raw}{scenario.raw_path}", content=body, headers=headers, timeout=30).content
        if ours != theirs:
            raise SystemExit(
                f"{scenario.name}: different answers\nGraphQL {ours[:600]!r}\nraw     {theirs[:600]!r}"
            )
        if b'"errors"' in ours or b'"edges":[]' in ours:
            raise SystemExit(f"{scenario.name}: empty or failed answer: {ours[:300]!r}")
        items = ours.count(b'"cursor"')
        print(f"same bytes: {scenario.name} ({items} items, {len(ours)} bytes)")


def profile(
    url: str, redis_url: str, tokens: dict[str, str], chosen: tuple[Scenario, ...], requests: int = 200
) -> None:
    """Per scenario: server CPU per request in-process (GraphQL and raw), then where GraphQL's goes."""
    os.environ.update(DATABASE_URL=url, SECRET_KEY="b" * 32)
    from bench.api_raw import app as raw_app
    from server.app import create_app

    async def go() -> None:
        app = create_app(
            Settings(
                database_url=url,
                redis_url=redis_url,
                passerelle_env="prod",
                secret_key="b" * 32,
                log_level="WARNING",
            )
        )
        async with app.router.lifespan_context(app), raw_app.router.lifespan_context(raw_app):
            await app.state.runtime.warm.done.wait()
            for scenario in chosen:
                body, token = _graphql_body(scenario.query).encode(), tokens[scenario.who]
                ours = await inprocess.cpu_ms(app, "/graphql", body, token, requests)
                theirs = await inprocess.cpu_ms(raw_app, scenario.raw_path, body, token, requests)
                print(
                    f"\n=== {scenario.name}: server CPU per request {ours:.2f} ms (GraphQL) vs "
                    f"{theirs:.2f} ms (raw), ratio {theirs / ours:.2f} ==="
                )
                for side, target, path in (("GraphQL", app, "/graphql"), ("raw", raw_app, scenario.raw_path)):
                    found = await inprocess.shares(target, path, body, token, requests // 2)
                    print(
                        f"{side:8} "
                        + ", ".join(f"{label} {share:.0%}" for label, share in found if share >= 0.01)
                    )

    asyncio.run(go())


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--members", type=int, default=3000)
    parser.add_argument("--seconds", type=float, default=3.0)
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--check", action="store_true", help="stop after checking the answers are equal")
    args = parser.parse_args()

    name, url = create_pg_database()
    redis = RedisServer()
    redis.start()
    raw_port = free_port()
    raw_env = {**os.environ, "DATABASE_URL": url, "SECRET_KEY": "b" * 32}
    raw = None
    api = ApiProcess(
        url, redis.url, workers=1, PASSERELLE_ENV="prod", SECRET_KEY="b" * 32, LOG_LEVEL="WARNING"
    )
    try:
        started = time.perf_counter()
        data = asyncio.run(load_data(url, args.members))
        tokens, chosen = data.tokens, scenarios(data.posting_id)
        print(
            f"data: demo partners and postings + {args.members} members "
            f"({time.perf_counter() - started:.0f} s)"
        )
        api.start()
        raw = subprocess.Popen(  # noqa: S603  (our own arguments)
            [
                sys.executable,
                "-m",
                "uvicorn",
                "bench.api_raw:app",
                "--port",
                str(raw_port),
                "--log-level",
                "warning",
                "--no-access-log",
            ],
            cwd=ROOT,
            env=raw_env,
        )
        if not port_open(raw_port, within=20):
            raise SystemExit("the raw endpoint did not start")
        deadline = time.monotonic() + 60
        while httpx.get(f"{api.url}/readyz").status_code != 200:
            if time.monotonic() > deadline:
                raise SystemExit("the API never became ready")
            time.sleep(0.2)
        raw_url = f"http://127.0.0.1:{raw_port}"
        check_same_bytes(api.url, raw_url, tokens, chosen)
        if args.check:  # with --profile: the profile, without the load test
            if args.profile:
                profile(url, redis.url, tokens, chosen)
            return
        print(
            f"load: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} {os.getloadavg()[2]:.2f} (1/5/15 min)"
        )
        rows = []
        for scenario in chosen:
            body = _graphql_body(scenario.query)
            for connections in CONNECTIONS:
                ours, theirs = [], []
                for _ in range(args.runs):
                    ours.append(
                        wrk(f"{api.url}/graphql", body, tokens[scenario.who], connections, args.seconds)
                    )
                    theirs.append(
                        wrk(
                            f"{raw_url}{scenario.raw_path}",
                            body,
                            tokens[scenario.who],
                            connections,
                            args.seconds,
                        )
                    )
                rows.append((scenario.name, connections, ours, theirs))
        print("req/s, p50 and ratio (GraphQL/raw req/s): min/median of the runs")
        print(
            f"load after: {os.getloadavg()[0]:.2f} (1 min); {args.runs} run(s) of {args.seconds:.0f} s each\n"
        )
        print(
            f"{'scenario':32} {'conns':>5} {'GraphQL req/s':>14} {'p50 ms':>11} "
            f"{'raw req/s':>10} {'p50 ms':>11} {'ratio':>9}"
        )
        for scenario_name, connections, ours, theirs in rows:
            ratios = [o.rps / t.rps for o, t in zip(ours, theirs, strict=True)]
            print(
                f"{scenario_name:32} {connections:>5} {spread([o.rps for o in ours]):>14} "
                f"{spread([o.p50_ms for o in ours], 1):>11} {spread([t.rps for t in theirs]):>10} "
                f"{spread([t.p50_ms for t in theirs], 1):>11} {spread(ratios, 2):>9}"
            )
        if args.profile:
            profile(url, redis.url, tokens, chosen)
    finally:
        if raw is not None:
            raw.terminate()
            raw.wait(timeout=10)
        api.stop()
        redis.stop()
        drop_pg_database(name)


if __name__ == "__main__":
    main()
