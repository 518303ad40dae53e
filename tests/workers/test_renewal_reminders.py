"""The daily renewal reminders, delivered through the outbox on both job paths."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from server.jobs.schedule import tick
from server.models.accounts import UserRole
from server.models.partners import PartnerStatus
from tests.conftest import wait_until
from tests.support import VALID_SIRENS, create_partner, create_user, gql, issue_token

NOTIFICATIONS = "{ notifications { totalCount edges { node { kind title } } } unreadNotificationCount }"


async def test_staff_and_partner_admins_are_reminded_once_of_due_and_overdue_renewals(
    client: Any, session_factory: Any
) -> None:
    # given partners renewing soon, overdue, later, and one suspended
    soon = await create_partner(
        session_factory, name="Bientôt", siren=VALID_SIRENS[0], renewal_date=date(2030, 1, 20)
    )
    await create_partner(
        session_factory, name="En retard", siren=VALID_SIRENS[1], renewal_date=date(2029, 12, 1)
    )
    await create_partner(
        session_factory, name="Plus tard", siren=VALID_SIRENS[2], renewal_date=date(2030, 6, 1)
    )
    await create_partner(
        session_factory,
        name="Suspendu",
        siren=VALID_SIRENS[3],
        renewal_date=date(2030, 1, 5),
        status=PartnerStatus.SUSPENDED,
    )
    staff = await create_user(session_factory, email="staff@federation.fr", role=UserRole.FEDERATION_ADMIN)
    admin = await create_user(
        session_factory, email="rh@bientot.fr", role=UserRole.PARTNER_ADMIN, partner_id=soon.id
    )
    staff_token = await issue_token(session_factory, staff.id)
    admin_token = await issue_token(session_factory, admin.id)

    # when the daily schedule fires twice on 2030-01-01 (a retry, or two processes)
    run_at = datetime(2030, 1, 1, 7, 0, tzinfo=UTC)
    await tick(session_factory, now=run_at)
    await tick(session_factory, now=run_at)

    # then staff get both reminders, the partner admin its own, once each
    async def staff_notified() -> bool:
        body = await gql(client, NOTIFICATIONS, token=staff_token)
        return bool(body["data"]["notifications"]["totalCount"] == 2)

    await wait_until(staff_notified)
    staff_view = await gql(client, NOTIFICATIONS, token=staff_token)
    titles = sorted(edge["node"]["title"] for edge in staff_view["data"]["notifications"]["edges"])
    assert titles == ["Renouvellement en retard : En retard", "Renouvellement à préparer : Bientôt"]
    admin_view = await gql(client, NOTIFICATIONS, token=admin_token)
    assert admin_view["data"]["notifications"]["edges"] == [
        {"node": {"kind": "renewal_due", "title": "Renouvellement à préparer : Bientôt"}}
    ]
    assert admin_view["data"]["unreadNotificationCount"] == 1

    # and marking them read empties the unread count
    await gql(client, "mutation { markNotificationsRead { count } }", token=admin_token)
    assert (await gql(client, NOTIFICATIONS, token=admin_token))["data"]["unreadNotificationCount"] == 0
