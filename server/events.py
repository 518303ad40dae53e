"""Publish/subscribe for real-time updates: Redis pub/sub across processes, or in-process queues.

Jobs publish (possibly in the worker process); GraphQL subscriptions listen (in the API process).
"""

from __future__ import annotations

import asyncio
import logging
from collections import defaultdict
from collections.abc import AsyncIterator, Sequence
from typing import Any, Protocol

from redis.asyncio import Redis
from redis.exceptions import RedisError

from server.kit import jsoncodec

logger = logging.getLogger(__name__)


class EventBus(Protocol):
    async def publish(self, channel: str, message: dict[str, Any]) -> None: ...

    async def publish_many(self, messages: Sequence[tuple[str, dict[str, Any]]]) -> None: ...

    def subscribe(self, channel: str) -> AsyncIterator[dict[str, Any]]: ...

    async def close(self) -> None: ...


class InProcessEventBus:
    """For the embedded default, where the jobs run in the same process as the API."""

    def __init__(self) -> None:
        self._queues: dict[str, set[asyncio.Queue[dict[str, Any]]]] = defaultdict(set)

    async def publish(self, channel: str, message: dict[str, Any]) -> None:
        for queue in list(self._queues.get(channel, ())):
            queue.put_nowait(message)

    async def publish_many(self, messages: Sequence[tuple[str, dict[str, Any]]]) -> None:
        for channel, message in messages:
            await self.publish(channel, message)

    async def subscribe(self, channel: str) -> AsyncIterator[dict[str, Any]]:
        queue: asyncio.Queue[dict[str, Any]] = asyncio.Queue(maxsize=1000)
        self._queues[channel].add(queue)
        try:
            while True:
                yield await queue.get()
        finally:
            self._queues[channel].discard(queue)

    async def close(self) -> None:
        self._queues.clear()


class RedisEventBus:
    """For the production path, where a separate worker process publishes."""

    def __init__(self, redis_url: str) -> None:
        self._redis: Redis = Redis.from_url(redis_url)

    async def publish(self, channel: str, message: dict[str, Any]) -> None:
        """Best effort: live updates are a convenience; notifications and queries are the record."""
        try:
            await self._redis.publish(f"passerelle:{channel}", jsoncodec.dumps_bytes(message))
        except RedisError:
            logger.warning("live update on %s not published: Redis unavailable", channel)

    async def publish_many(self, messages: Sequence[tuple[str, dict[str, Any]]]) -> None:
        """A matching job's hundreds of updates in one pipelined round trip, not one each."""
        if not messages:
            return
        try:
            async with self._redis.pipeline(transaction=False) as pipe:
                for channel, message in messages:
                    pipe.publish(f"passerelle:{channel}", jsoncodec.dumps_bytes(message))
                await pipe.execute()
        except RedisError:
            logger.warning("%d live updates not published: Redis unavailable", len(messages))

    async def subscribe(self, channel: str) -> AsyncIterator[dict[str, Any]]:
        pubsub = self._redis.pubsub()
        await pubsub.subscribe(f"passerelle:{channel}")
        try:
            async for raw in pubsub.listen():
                if raw.get("type") == "message":
                    yield jsoncodec.loads(raw["data"])
        finally:
            await pubsub.unsubscribe()
            await pubsub.aclose()  # type: ignore[no-untyped-call]

    async def close(self) -> None:
        await self._redis.aclose()


def create_event_bus(redis_url: str | None) -> EventBus:
    return RedisEventBus(redis_url) if redis_url else InProcessEventBus()
