"""Async engine, session factory and the declarative base shared by every model."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import MetaData, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine
from sqlalchemy.orm import DeclarativeBase

from server.kit import jsoncodec

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Declarative base with a naming convention, so migrations name constraints the same everywhere."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def utcnow() -> datetime:
    """Aware UTC now; every timestamp in the database is UTC."""
    return datetime.now(UTC)


def _configure_sqlite(dbapi_connection: Any, _record: Any) -> None:
    """SQLite ignores foreign keys unless asked, and we rely on them as much as on PostgreSQL.

    WAL journal: readers never block the writer nor the writer them. In the default rollback journal
    a long read (a page being served, a live subscription's check) kept a writer from committing
    until its busy timeout ran out ("database is locked", seen in CI between two tests).
    """
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.close()


POOL_RECYCLE_SECONDS = 1800


def is_disconnect(error: BaseException) -> bool:
    """Whether `error` is a database connection found dropped (the pool has already discarded it)."""
    return isinstance(error, DBAPIError) and error.connection_invalidated


def create_engine(database_url: str, *, pool_size: int = 10, max_overflow: int = 10) -> AsyncEngine:
    """Build the engine; on SQLite make sure the folder exists and foreign keys are on."""
    url = make_url(database_url)
    if url.get_backend_name() == "sqlite":
        if url.database and url.database != ":memory:":
            Path(url.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_async_engine(
            url,
            connect_args={"timeout": 30},
            json_serializer=jsoncodec.dumps,
            json_deserializer=jsoncodec.loads,
        )
        event.listen(engine.sync_engine, "connect", _configure_sqlite)
        return engine
    # No pool_pre_ping: it costs a round trip on every checkout. Connections are recycled before
    # servers or proxies drop idle ones, and a request that still meets a dropped one is retried
    # once (see `is_disconnect` and its callers).
    return create_async_engine(
        url,
        pool_recycle=POOL_RECYCLE_SECONDS,
        pool_size=pool_size,
        max_overflow=max_overflow,
        json_serializer=jsoncodec.dumps,
        json_deserializer=jsoncodec.loads,
    )


def create_session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False, autoflush=False)


@asynccontextmanager
async def transaction(
    factory: async_sessionmaker[AsyncSession],
) -> AsyncIterator[AsyncSession]:
    """A unit of work: commit on success, roll back on any error (services never commit)."""
    async with factory() as session:
        try:
            yield session
            await session.commit()
        except BaseException:
            await session.rollback()
            raise
