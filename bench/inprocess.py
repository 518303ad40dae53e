"""CPU of one request served in-process, and which libraries spend it (for `bench/api.py --profile`).

Requests go straight to the ASGI app (no socket, no HTTP client) so the figure is the server's own
CPU. The shares come from cProfile's self time, grouped by the package a function lives in; time
spent in C functions (orjson, asyncpg's protocol, builtins) goes to the package that called them.
cProfile slows small Python calls more than C ones, so the shares lean towards call-heavy code:
they say where the time goes, the CPU per request (measured without the profiler) says how much.
"""

from __future__ import annotations

import cProfile
import pstats
import time
from collections import defaultdict
from collections.abc import Awaitable, Callable, MutableMapping
from pathlib import Path
from typing import Any

ROOT = str(Path(__file__).resolve().parent.parent)
Message = MutableMapping[str, Any]
Asgi = Callable[
    [MutableMapping[str, Any], Callable[[], Awaitable[Message]], Callable[[Message], Awaitable[None]]],
    Awaitable[None],
]

# (label, path fragments), first match wins; project folders are matched from the repository root
CATEGORIES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("graphql-core", ("/graphql/",)),
    ("Strawberry", ("/strawberry/",)),
    ("SQLAlchemy", ("/sqlalchemy/",)),
    ("asyncpg", ("/asyncpg/",)),
    ("matching/ (engine)", (f"{ROOT}/matching/",)),
    ("schema/ (resolvers, types)", (f"{ROOT}/schema/",)),
    ("server/ (services, HTTP)", (f"{ROOT}/server/",)),
    ("bench/ (raw endpoint)", (f"{ROOT}/bench/",)),
    ("Starlette", ("/starlette/",)),
    ("event loop (asyncio)", ("/asyncio/",)),
)
OTHER = "other (stdlib, …)"


async def call(app: Asgi, path: str, body: bytes, token: str) -> bytes:
    """One POST through the ASGI interface; the answer's body."""
    route, _, query = path.partition("?")
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": route,
        "raw_path": route.encode(),
        "query_string": query.encode(),
        "root_path": "",
        "headers": [
            (b"host", b"bench"),
            (b"content-type", b"application/json"),
            (b"content-length", str(len(body)).encode()),
            (b"authorization", f"Bearer {token}".encode()),
        ],
        "client": ("127.0.0.1", 50000),
        "server": ("bench", 80),
    }
    chunks: list[bytes] = []
    sent = False

    async def receive() -> Message:
        nonlocal sent
        if sent:
            return {"type": "http.disconnect"}
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    async def send(message: Message) -> None:
        if message["type"] == "http.response.body":
            chunks.append(message.get("body", b""))

    await app(scope, receive, send)
    return b"".join(chunks)


async def cpu_ms(app: Asgi, path: str, body: bytes, token: str, requests: int) -> float:
    """Process CPU per request, in ms (after a warm-up)."""
    for _ in range(10):
        await call(app, path, body, token)
    started = time.process_time()
    for _ in range(requests):
        await call(app, path, body, token)
    return (time.process_time() - started) * 1000 / requests


async def shares(app: Asgi, path: str, body: bytes, token: str, requests: int) -> list[tuple[str, float]]:
    """Share of self time per package, largest first."""
    profiler = cProfile.Profile(time.process_time)  # CPU, not the wall time spent waiting for I/O
    profiler.enable()
    for _ in range(requests):
        await call(app, path, body, token)
    profiler.disable()
    return grouped(pstats.Stats(profiler))


def _category(filename: str) -> str | None:
    if filename == "~" or filename.startswith("<"):
        return None  # a C function (or frozen/generated code): charged to its callers
    for label, fragments in CATEGORIES:
        if any(fragment in filename for fragment in fragments):
            return label
    return OTHER


def grouped(stats: pstats.Stats) -> list[tuple[str, float]]:
    table: dict[Any, Any] = stats.stats  # type: ignore[attr-defined]
    totals: dict[str, float] = defaultdict(float)
    for (filename, _, _), (_, _, self_time, _, callers) in table.items():
        label = _category(filename)
        if label is not None:
            totals[label] += self_time
            continue
        calls = {caller: info[2] for caller, info in callers.items()}  # self time spent per caller
        spent = sum(calls.values())
        for (caller_file, _, _), part in calls.items():
            owner = _category(caller_file) or OTHER
            totals[owner] += self_time * (part / spent if spent else 1 / len(calls))
        if not calls:
            totals[OTHER] += self_time
    whole = sum(totals.values()) or 1.0
    return sorted(((label, value / whole) for label, value in totals.items()), key=lambda kv: -kv[1])
