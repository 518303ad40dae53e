"""The daily retention job: warn at 23 months of inactivity (once), anonymise at 24."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select, update

from server.job_catalog import job_catalog
from server.jobs.schedule import DAILY_JOBS
from server.models.accounts import User, UserRole
from server.models.audit import AuditEntry
from server.models.members import MemberProfile
from server.models.notifications import Notification
from tests.api.members_helpers import sign_up
from tests.support import create_user, settle_jobs

# In the future, so that the scheduler's own run (with today's date) never touches these members.
LAST_SEEN = datetime(2030, 1, 10, 9, 0, tzinfo=UTC)


async def _run(app: Any, period: str) -> None:
    """Runs the job here, once the jobs the test's actions queued (matching…) have finished."""
    await settle_jobs(app)
    await job_catalog()["enforce_member_retention"](app.state.runtime.job_context, {"period": period})


async def _last_seen_at(factory: Any, user_id: uuid.UUID, moment: datetime) -> None:
    async with factory() as session, session.begin():
        await session.execute(
            update(User).where(User.id == user_id).values(created_at=moment, last_login_at=moment)
        )
        await session.execute(
            update(MemberProfile).where(MemberProfile.user_id == user_id).values(last_activity_at=moment)
        )


async def _inactive_member(client: Any, factory: Any, email: str = "ancienne@exemple.fr") -> uuid.UUID:
    _, raw_id = await sign_up(client, email)
    user_id = uuid.UUID(raw_id)
    await _last_seen_at(factory, user_id, LAST_SEEN)
    return user_id


async def _warnings(factory: Any, user_id: uuid.UUID) -> list[Notification]:
    async with factory() as session:
        rows = await session.scalars(
            select(Notification).where(
                Notification.user_id == user_id, Notification.kind == "retention_warning"
            )
        )
        return list(rows.all())


async def _user(factory: Any, user_id: uuid.UUID) -> User:
    async with factory() as session:
        user: User | None = await session.get(User, user_id)
        assert user is not None
        return user


def test_the_job_is_scheduled_daily() -> None:
    assert "enforce_member_retention" in {daily.job for daily in DAILY_JOBS}


async def test_a_member_inactive_for_23_months_is_warned_once(
    app: Any, client: Any, session_factory: Any
) -> None:
    # given a member last seen on 10 January 2030
    user_id = await _inactive_member(client, session_factory)

    # when the job runs one day short of 23 months, nothing happens
    await _run(app, "2031-12-09")
    assert await _warnings(session_factory, user_id) == []

    # when it runs at 23 months, and again on later days
    for period in ("2031-12-11", "2031-12-11", "2031-12-20"):
        await _run(app, period)

    # then one warning names the deadline, and the account is still there
    (warning,) = await _warnings(session_factory, user_id)
    assert "10/01/2032" in warning.body
    assert (await _user(session_factory, user_id)).email == "ancienne@exemple.fr"


async def test_a_member_inactive_for_24_months_is_anonymised_once(
    app: Any, client: Any, session_factory: Any
) -> None:
    # given a member last seen on 10 January 2030, and another seen since
    user_id = await _inactive_member(client, session_factory)
    active_id = uuid.UUID((await sign_up(client, "active@exemple.fr"))[1])
    await _last_seen_at(session_factory, active_id, datetime(2031, 6, 1, tzinfo=UTC))

    # when the job runs at 24 months, twice
    await _run(app, "2032-01-11")
    await _run(app, "2032-01-11")

    # then the inactive one is anonymised like a deletion, once; the other is untouched
    user = await _user(session_factory, user_id)
    assert user.email.endswith("@compte-supprime.invalid")
    assert (user.full_name, user.password_hash, user.is_active) == ("", None, False)
    async with session_factory() as session:
        assert await session.get(MemberProfile, user_id) is None
        erasures = list(await session.scalars(select(AuditEntry).where(AuditEntry.action == "member.erase")))
    assert [(e.subject_user_id, e.changes, e.actor_id) for e in erasures] == [
        (user_id, {"reason": "retention"}, None)
    ]
    assert (await _user(session_factory, active_id)).email == "active@exemple.fr"


async def test_activity_after_the_warning_keeps_the_account(
    app: Any, client: Any, session_factory: Any
) -> None:
    # given a warned member
    user_id = await _inactive_member(client, session_factory)
    await _run(app, "2031-12-11")
    assert len(await _warnings(session_factory, user_id)) == 1

    # when they come back (a login) before the deadline
    async with session_factory() as session, session.begin():
        await session.execute(
            update(User).where(User.id == user_id).values(last_login_at=datetime(2031, 12, 15, tzinfo=UTC))
        )

    # then the deadline moves with their activity
    await _run(app, "2032-01-11")
    assert (await _user(session_factory, user_id)).is_active is True


async def test_an_invitation_never_accepted_is_anonymised_after_two_years_and_staff_are_not_touched(
    app: Any, session_factory: Any
) -> None:
    # given a member invited long ago who never came, and an equally old staff account
    invited = await create_user(session_factory, email="invitee@exemple.fr", role=UserRole.MEMBER)
    staff = await create_user(session_factory, email="staff@federation.fr", role=UserRole.FEDERATION_ADMIN)
    async with session_factory() as session, session.begin():
        await session.execute(update(User).values(created_at=LAST_SEEN))

    # when the job runs two years later
    await _run(app, "2032-02-01")

    # then only the member is anonymised
    assert (await _user(session_factory, invited.id)).email.endswith("@compte-supprime.invalid")
    assert (await _user(session_factory, staff.id)).email == "staff@federation.fr"
