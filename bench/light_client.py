"""A minimal keep-alive HTTP/1.1 client for load generation on the machine under test.

The load generator shares this 2-core machine with the API, the workers and PostgreSQL; httpx cost
about 2 ms of CPU per request, which a recruiter's browser never takes from the server. This client
only POSTs JSON and reads `Content-Length` responses (what uvicorn sends), on a pool of connections.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any
from urllib.parse import urlsplit


class LightClient:
    def __init__(self, base_url: str) -> None:
        parts = urlsplit(base_url)
        self._host = parts.hostname or "127.0.0.1"
        self._port = parts.port or 80
        self._idle: list[tuple[asyncio.StreamReader, asyncio.StreamWriter]] = []

    async def graphql(self, query: str, variables: dict[str, Any], token: str) -> dict[str, Any]:
        body = json.dumps({"query": query, "variables": variables}).encode()
        head = (
            f"POST /graphql HTTP/1.1\r\nHost: {self._host}\r\nContent-Type: application/json\r\n"
            f"Authorization: Bearer {token}\r\nContent-Length: {len(body)}\r\n\r\n"
        ).encode()
        reused = bool(self._idle)
        try:
            status, payload = await self._exchange(head + body, reused=reused)
        except (ConnectionError, asyncio.IncompleteReadError):
            if not reused:
                raise
            # the server closed an idle keep-alive connection: once more, on a new one
            status, payload = await self._exchange(head + body, reused=False)
        if b" 200 " not in status:
            raise RuntimeError(f"{status.decode().strip()}: {payload[:500]!r}")
        result: dict[str, Any] = json.loads(payload)
        return result

    async def _exchange(self, request: bytes, *, reused: bool) -> tuple[bytes, bytes]:
        reader, writer = await self._connection(reused=reused)
        writer.write(request)
        status = await reader.readline()
        if not status:
            writer.close()
            raise ConnectionResetError("connection closed by the server")
        length = 0
        while (line := await reader.readline()) not in (b"\r\n", b""):
            name, _, value = line.decode("latin-1").partition(":")
            if name.strip().lower() == "content-length":
                length = int(value)
        payload = await reader.readexactly(length)
        self._idle.append((reader, writer))
        return status, payload

    async def _connection(self, *, reused: bool) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
        if reused:
            return self._idle.pop()
        return await asyncio.open_connection(self._host, self._port)

    async def close(self) -> None:
        for _, writer in self._idle:
            writer.close()
        self._idle.clear()
