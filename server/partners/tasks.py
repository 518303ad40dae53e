"""Jobs owned by the partners domain."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from server.accounts.repository import users_with_role
from server.db import transaction
from server.jobs.context import JobContext
from server.models.accounts import UserRole
from server.notifications.service import NewNotification, notify
from server.partners.repository import partners_due_for_renewal


def _message(name: str, renewal: date, today: date) -> tuple[str, str, str]:
    when = renewal.strftime("%d/%m/%Y")
    if renewal < today:
        return (
            "overdue",
            f"Renouvellement en retard : {name}",
            f"Le partenariat avec {name} devait être renouvelé le {when}.",
        )
    days = (renewal - today).days
    return (
        "due",
        f"Renouvellement à préparer : {name}",
        f"Le partenariat avec {name} arrive à échéance le {when} (dans {days} jour(s)).",
    )


async def send_renewal_reminders(context: JobContext, payload: dict[str, Any]) -> None:
    """Notify federation staff and the partner's admins of renewals within the notice period or past.

    Idempotent: one notification per person, partner, renewal date and state (due / overdue).
    """
    today = date.fromisoformat(str(payload["period"]))
    horizon = today + timedelta(days=context.settings.renewal_notice_days)
    async with transaction(context.session_factory) as session:
        staff = await users_with_role(session, (UserRole.FEDERATION_ADMIN,))
        for partner in await partners_due_for_renewal(session, horizon):
            if partner.renewal_date is None:  # excluded by the query; narrows the type
                continue
            state, title, body = _message(partner.name, partner.renewal_date, today)
            admins = await users_with_role(session, (UserRole.PARTNER_ADMIN,), partner.id)
            for user in [*staff, *admins]:
                await notify(
                    session,
                    NewNotification(
                        user_id=user.id,
                        kind=f"renewal_{state}",
                        title=title,
                        body=body,
                        dedup_key=f"renewal:{partner.id}:{partner.renewal_date.isoformat()}:{state}",
                        subject_type="partner",
                        subject_id=str(partner.id),
                    ),
                )
