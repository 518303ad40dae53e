"""Alembic environment: async engine, the models' metadata, batch mode on SQLite."""

from __future__ import annotations

import asyncio

from alembic import context
from sqlalchemy import Connection

import server.models  # noqa: F401  (registers every table on the metadata)
from server.db import Base, create_engine

config = context.config
target_metadata = Base.metadata


def run_migrations(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


async def run_async() -> None:
    # the application's engine factory: it creates the SQLite folder and turns foreign keys on
    engine = create_engine(config.get_main_option("sqlalchemy.url") or "")
    async with engine.connect() as connection:
        await connection.run_sync(run_migrations)
    await engine.dispose()


def run_in_thread_safe_loop() -> None:
    """Alembic is sync; when called from inside a running loop (tests), use a fresh thread."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        asyncio.run(run_async())
        return
    import threading

    failure: list[BaseException] = []

    def target() -> None:
        try:
            asyncio.run(run_async())
        except BaseException as error:
            failure.append(error)

    thread = threading.Thread(target=target)
    thread.start()
    thread.join()
    if failure:
        raise failure[0]


if context.is_offline_mode():
    raise SystemExit("Offline migrations are not supported: run `passerelle migrate`.")
run_in_thread_safe_loop()
