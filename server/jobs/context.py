"""What a job receives: a way to open transactions and the settings; nothing request-bound."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from server.events import EventBus
from server.settings import Settings


@dataclass(frozen=True)
class JobContext:
    session_factory: async_sessionmaker[AsyncSession]
    settings: Settings
    events: EventBus
