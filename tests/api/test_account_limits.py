"""Sign-up is rate-limited per client address; login attempts are kept 30 days."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import httpx
from sqlalchemy import func, select

from server.accounts.service import SIGN_UP_MARK
from server.db import transaction, utcnow
from server.job_catalog import job_catalog
from server.jobs.schedule import DAILY_JOBS
from server.models.accounts import LoginAttempt, User
from tests.api.members_helpers import SIGN_UP
from tests.support import PASSWORD, error_codes, gql


async def _users(session_factory: Any) -> int:
    async with session_factory() as session:
        return int(await session.scalar(select(func.count()).select_from(User)) or 0)


async def test_sign_up_is_rate_limited_per_address(
    app: Any, client: httpx.AsyncClient, session_factory: Any
) -> None:
    # given: nine sign-ups from this address in the window (the client's address is 203.0.113.7)
    async with transaction(session_factory) as session:
        session.add_all(LoginAttempt(email=SIGN_UP_MARK, client_address="203.0.113.7") for _ in range(9))
    # when: the tenth goes through, the eleventh is refused
    tenth = await gql(
        client, SIGN_UP, {"email": "dix@exemple.fr", "password": PASSWORD, "fullName": "Dix Dix"}
    )
    assert tenth["data"]["signUp"]["errors"] == []
    eleventh = await gql(
        client, SIGN_UP, {"email": "onze@exemple.fr", "password": PASSWORD, "fullName": "Onze"}
    )
    # then
    assert error_codes(eleventh) == ["RATE_LIMITED"]
    assert eleventh["errors"][0]["extensions"]["retryAfterSeconds"] == 15 * 60
    assert await _users(session_factory) == 1  # the refused one created nothing
    elsewhere = httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app, client=("198.51.100.4", 1)), base_url="http://testserver"
    )
    async with elsewhere:
        other = await gql(
            elsewhere, SIGN_UP, {"email": "onze@exemple.fr", "password": PASSWORD, "fullName": "Onze"}
        )
    assert other["data"]["signUp"]["errors"] == []


async def test_login_attempts_are_purged_after_30_days(app: Any, session_factory: Any) -> None:
    now = utcnow()
    async with transaction(session_factory) as session:
        session.add(
            LoginAttempt(email="vieux@exemple.fr", client_address="192.0.2.1", at=now - timedelta(days=31))
        )
        session.add(
            LoginAttempt(email="recent@exemple.fr", client_address="192.0.2.1", at=now - timedelta(days=29))
        )
        session.add(LoginAttempt(email=SIGN_UP_MARK, client_address="192.0.2.2", at=now - timedelta(days=40)))
    assert "purge_old_login_attempts" in {daily.job for daily in DAILY_JOBS}
    period = {"period": now.date().isoformat()}
    await job_catalog()["purge_old_login_attempts"](app.state.runtime.job_context, period)
    await job_catalog()["purge_old_login_attempts"](app.state.runtime.job_context, period)  # idempotent
    async with session_factory() as session:
        left = (await session.scalars(select(LoginAttempt.email))).all()
    assert left == ["recent@exemple.fr"]
