"""E-mail delivery: the embedded default's mailbox read by `passerelle mail`, and a mail server that
stays down (retries with growing delays, then staff are told in the app and the audit log)."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import uuid
from pathlib import Path
from typing import Any

from sqlalchemy import select

from harness.processes import free_port
from server.db import transaction
from server.events import InProcessEventBus
from server.jobs.context import JobContext
from server.mail.tasks import send_mail_job
from server.models.accounts import UserRole
from server.models.mail import OutgoingMail
from server.models.outbox import OutboxEvent
from server.settings import Settings
from tests.support import create_user, gql, issue_token

RESET_URL = "https://passerelle.test/mot-de-passe/nouveau?token=abc"
ROOT = Path(__file__).resolve().parent.parent.parent


def _passerelle(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "server.cli", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        check=True,
    )


async def _queued(session_factory: Any, to: str) -> str:
    """A mail row as `queue_mail` writes it, minus the outbox row: this test runs the job itself."""
    async with transaction(session_factory) as session:
        mail = OutgoingMail(
            to_address=to,
            template="password_reset",
            values={"name": "Camille", "minutes": 60, "reset_url": RESET_URL},
            attempts=0,
        )
        session.add(mail)
        await session.flush()
        return str(mail.id)


async def test_without_smtp_e_mails_are_files_that_passerelle_mail_lists_and_shows(
    session_factory: Any, settings: Settings, tmp_path: Path
) -> None:
    # given no SMTP server: the embedded default
    embedded = settings.model_copy(update={"smtp_host": None, "mail_dir": tmp_path / "mail"})
    context = JobContext(session_factory=session_factory, settings=embedded, events=InProcessEventBus())
    mail_id = await _queued(session_factory, "camille@exemple.fr")

    # when the job runs (twice: a re-delivered job must not write a second file)
    await send_mail_job(context, {"mail_id": mail_id})
    await send_mail_job(context, {"mail_id": mail_id})

    # then one .eml file holds it, and the command line reads it back with its link
    assert len(list((tmp_path / "mail").glob("*.eml"))) == 1
    env = {**os.environ, "MAIL_DIR": str(tmp_path / "mail")}
    listed = await asyncio.to_thread(_passerelle, env, "mail", "list")
    assert "camille@exemple.fr" in listed.stdout and "Changer votre mot de passe" in listed.stdout
    shown = await asyncio.to_thread(_passerelle, env, "mail", "show", mail_id)
    assert "https://passerelle.test/mot-de-passe/nouveau?token=abc" in shown.stdout
    async with session_factory() as session:
        stored = await session.get(OutgoingMail, uuid.UUID(mail_id))
        assert stored is not None and stored.sent_at is not None
        assert stored.values == {}  # the link (a secret) leaves the database once sent


async def test_a_mail_server_that_stays_down_is_retried_with_backoff_then_staff_are_told(
    client: Any, session_factory: Any, settings: Settings
) -> None:
    # given a mail server that refuses connections, and two attempts at most
    staff = await create_user(session_factory, email="staff@federation.fr", role=UserRole.FEDERATION_ADMIN)
    down = settings.model_copy(
        update={"smtp_host": "127.0.0.1", "smtp_port": free_port(), "mail_max_attempts": 2}
    )
    context = JobContext(session_factory=session_factory, settings=down, events=InProcessEventBus())
    mail_id = await _queued(session_factory, "camille@exemple.fr")

    # when the first attempt fails, a retry is scheduled later (not lost, not hammered)
    await send_mail_job(context, {"mail_id": mail_id})
    async with session_factory() as session:
        retry = await session.scalar(select(OutboxEvent).where(OutboxEvent.dedup_key == f"mail:{mail_id}:1"))
        assert retry is not None and retry.available_at > retry.created_at
    # and the last attempt fails too
    await send_mail_job(context, {"mail_id": mail_id})

    # then the mail is given up and staff see why, in the app
    async with session_factory() as session:
        stored = await session.get(OutgoingMail, uuid.UUID(mail_id))
        assert stored is not None and stored.failed_at is not None and stored.attempts == 2
    token = await issue_token(session_factory, staff.id)
    body = await gql(client, "{ notifications { edges { node { title body } } } }", token=token)
    (notice,) = [edge["node"] for edge in body["data"]["notifications"]["edges"]]
    assert notice["title"] == "Un e-mail n'a pas pu être envoyé"
    assert "camille@exemple.fr" in notice["body"] and "2 essais" in notice["body"]
    audit = await gql(
        client, '{ auditLog(filter: {entityType: "mail"}) { edges { node { action } } } }', token=token
    )
    assert [e["node"]["action"] for e in audit["data"]["auditLog"]["edges"]] == ["mail.failed"]
