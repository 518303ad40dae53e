"""The daily e-mail digest, queued through the mail outbox and delivered to the run's real SMTP server."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from server.db import transaction
from server.events import InProcessEventBus
from server.jobs.context import JobContext
from server.mail.digest import send_email_digests
from server.models.accounts import UserRole
from server.models.mail import OutgoingMail
from server.notifications.service import NewNotification, notify
from server.settings import Settings
from tests.conftest import PUBLIC_URL
from tests.mail_support import INBOX
from tests.support import create_user, gql, issue_token, settle_jobs


async def test_unread_notifications_are_e_mailed_once(
    app: Any, client: Any, session_factory: Any, settings: Settings
) -> None:
    camille = await create_user(session_factory, email="camille@exemple.fr", role=UserRole.MEMBER)
    reader = await create_user(session_factory, email="lecteur@exemple.fr", role=UserRole.MEMBER)
    async with transaction(session_factory) as session:
        for user, key, title in (
            (camille, "a", "Opportunité a"),
            (camille, "b", "Opportunité <b>b</b>"),
            (reader, "c", "Opportunité c"),
        ):
            await notify(
                session,
                NewNotification(
                    user_id=user.id, kind="match_new", title=title, body="Consultez-la.", dedup_key=key
                ),
            )
    await gql(
        client,
        "mutation { markNotificationsRead { count } }",
        token=await issue_token(session_factory, reader.id),
    )
    context = JobContext(session_factory=session_factory, settings=settings, events=InProcessEventBus())

    await send_email_digests(context, {"period": "2030-01-01"})
    await send_email_digests(context, {"period": "2030-01-02"})

    mail = await INBOX.wait_for("camille@exemple.fr", "Passerelle : 2 nouvelles notifications")
    await settle_jobs(app)
    assert [item.to for item in INBOX.messages] == ["camille@exemple.fr"]
    assert "Opportunité a" in mail.text and "Opportunité <b>b</b>" in mail.text
    # the HTML part escapes what notifications carry, and both parts link to the public address
    assert "Opportunité &lt;b&gt;b&lt;/b&gt;" in mail.html and "<b>b</b>" not in mail.html
    assert mail.link_to("/connexion") == f"{PUBLIC_URL}/connexion"
    assert f'href="{PUBLIC_URL}/connexion"' in mail.html
    async with session_factory() as session:
        stored = (await session.execute(select(OutgoingMail))).scalars().all()
        assert [(row.to_address, row.template, row.sent_at is not None) for row in stored] == [
            ("camille@exemple.fr", "digest", True)
        ]


async def test_without_smtp_settings_the_digest_queues_nothing(
    app: Any, session_factory: Any, settings: Settings
) -> None:
    user = await create_user(session_factory, email="camille@exemple.fr", role=UserRole.MEMBER)
    async with transaction(session_factory) as session:
        await notify(session, NewNotification(user_id=user.id, kind="x", title="t", body="", dedup_key="k"))
    embedded = settings.model_copy(update={"smtp_host": None})
    context = JobContext(session_factory=session_factory, settings=embedded, events=InProcessEventBus())

    await send_email_digests(context, {"period": "2030-01-01"})

    await settle_jobs(app)
    async with session_factory() as session:
        assert await session.scalar(select(func.count()).select_from(OutgoingMail)) == 0
    assert INBOX.messages == []
