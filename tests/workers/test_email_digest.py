"""The daily e-mail digest, delivered to a real local SMTP server."""

from __future__ import annotations

from collections.abc import Iterator
from email import message_from_bytes
from email.message import Message
from typing import Any

import pytest
from aiosmtpd.controller import Controller

from harness.processes import free_port
from server.db import transaction
from server.events import InProcessEventBus
from server.jobs.context import JobContext
from server.models.accounts import UserRole
from server.notifications.digest import send_email_digests
from server.notifications.service import NewNotification, notify
from server.settings import Settings
from tests.support import create_user, gql, issue_token


class Inbox:
    def __init__(self) -> None:
        self.messages: list[Message] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802 (aiosmtpd API)
        self.messages.append(message_from_bytes(envelope.content))
        return "250 OK"


@pytest.fixture
def smtp() -> Iterator[tuple[Inbox, int]]:
    inbox = Inbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    yield inbox, port
    controller.stop()


async def test_unread_notifications_are_e_mailed_once(
    client: Any, session_factory: Any, settings: Settings, smtp: tuple[Inbox, int]
) -> None:
    inbox, port = smtp
    camille = await create_user(session_factory, email="camille@exemple.fr", role=UserRole.MEMBER)
    reader = await create_user(session_factory, email="lecteur@exemple.fr", role=UserRole.MEMBER)
    async with transaction(session_factory) as session:
        for user, key in ((camille, "a"), (camille, "b"), (reader, "c")):
            await notify(
                session,
                NewNotification(
                    user_id=user.id,
                    kind="match_new",
                    title=f"Opportunité {key}",
                    body="Consultez-la.",
                    dedup_key=key,
                ),
            )
    await gql(
        client,
        "mutation { markNotificationsRead { count } }",
        token=await issue_token(session_factory, reader.id),
    )
    context = JobContext(
        session_factory=session_factory,
        settings=settings.model_copy(
            update={"smtp_host": "127.0.0.1", "smtp_port": port, "smtp_starttls": False}
        ),
        events=InProcessEventBus(),
    )

    await send_email_digests(context, {"period": "2030-01-01"})
    await send_email_digests(context, {"period": "2030-01-02"})

    assert len(inbox.messages) == 1
    message = inbox.messages[0]
    assert message["To"] == "camille@exemple.fr"
    assert message["Subject"] == "Passerelle : 2 nouvelles notifications"
    body = message.get_payload(decode=True)
    assert isinstance(body, bytes)
    assert "Opportunité a" in body.decode() and "Opportunité b" in body.decode()


async def test_without_smtp_settings_the_digest_sends_nothing(
    session_factory: Any, settings: Settings, smtp: tuple[Inbox, int]
) -> None:
    inbox, _ = smtp
    user = await create_user(session_factory, email="camille@exemple.fr", role=UserRole.MEMBER)
    async with transaction(session_factory) as session:
        await notify(session, NewNotification(user_id=user.id, kind="x", title="t", body="", dedup_key="k"))
    context = JobContext(session_factory=session_factory, settings=settings, events=InProcessEventBus())

    await send_email_digests(context, {"period": "2030-01-01"})

    assert inbox.messages == []
