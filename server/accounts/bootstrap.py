"""Creating the first federation administrator from the command line."""

from __future__ import annotations

import uuid

from server.accounts.service import create_admin
from server.db import create_engine, create_session_factory, transaction
from server.migrations_runner import ensure_schema_current
from server.settings import Settings


async def create_admin_account(settings: Settings, email: str, password: str, full_name: str) -> uuid.UUID:
    engine = create_engine(settings.database_url)
    try:
        await ensure_schema_current(engine)
        async with transaction(create_session_factory(engine)) as session:
            user = await create_admin(session, email=email, password=password, full_name=full_name)
            return user.id
    finally:
        await engine.dispose()
