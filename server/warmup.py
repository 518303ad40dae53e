"""Start-up warm-up: load the framework, build the title normaliser (and the member pool) at start.

Building the normaliser takes one to several seconds of CPU; done lazily it landed on the first
request that needed it (the first `createRole` after a restart). Processes now pay it at start, and
`/readyz` answers 503 until it is done, so a load balancer sends no traffic to a cold process.
"""

from __future__ import annotations

import asyncio
import gc
import logging
import time
from dataclasses import dataclass, field

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from matching.communes import communes
from server.framework.service import live_normaliser

logger = logging.getLogger(__name__)
YOUNG_COLLECTION_THRESHOLD = 5000  # allocations (net) between two young-generation collections


@dataclass
class WarmUp:
    """What a process loads before it calls itself ready; `state` is shown by `/readyz`."""

    member_pool: bool = False
    done: asyncio.Event = field(default_factory=asyncio.Event)
    error: str | None = None  # the last failure while not done yet
    stopping: bool = False  # the process is shutting down: stop retrying

    @property
    def state(self) -> str:
        if self.done.is_set():
            return "ok"
        return "chargement en cours" + (f" (dernier échec : {self.error})" if self.error else "")

    @property
    def ready(self) -> bool:
        return self.done.is_set()

    async def run(self, factory: async_sessionmaker[AsyncSession], *, retry_seconds: float = 2.0) -> None:
        """Load everything; on failure (database not up yet) log it and try again until it works."""
        started = time.perf_counter()
        while True:
            try:
                async with factory() as session:
                    normaliser = await live_normaliser(session)
                    if self.member_pool:
                        from server.matching.pool_cache import member_pools

                        await member_pools.get(session, normaliser.framework)
                break
            except Exception as error:
                self.error = type(error).__name__
                if self.stopping:
                    return
                logger.exception("warm-up failed; retrying in %.0f s", retry_seconds)
                await asyncio.sleep(retry_seconds)
        self.error = None
        await asyncio.to_thread(communes)  # 35,000 communes, read by the first distance or region
        # What is loaded now lives as long as the process: out of the collector's sight, a full
        # collection no longer walks the framework's, the normaliser's and the communes' hundreds of
        # thousands of objects. It paused a request for 0.4–0.7 s every few dozen (bench/scale.py).
        gc.freeze()
        # A request allocates tens of thousands of short-lived objects: at CPython's default of 700
        # the young collector ran about five times a request and spent 1 ms of every request's 30
        # (bench: 578 ms of collections over 600 candidates pages, 80 ms at 5,000).
        gc.set_threshold(YOUNG_COLLECTION_THRESHOLD, *gc.get_threshold()[1:])
        self.done.set()
        logger.info(
            "warm: framework %s loaded in %.2f s", normaliser.framework.version, time.perf_counter() - started
        )
