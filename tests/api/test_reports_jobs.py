"""The report jobs: a failure is recorded then raised (so the outbox or arq retries), a finished report
is left alone, the monthly run on the 1st notifies partner admins; and the `passerelle report` command."""

from __future__ import annotations

import asyncio
import uuid
from contextlib import chdir
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
from click.testing import CliRunner, Result

from server.cli import main
from server.db import transaction
from server.job_catalog import job_catalog
from server.jobs.schedule import tick
from server.models.accounts import UserRole
from server.models.partners import PartnerStatus
from server.models.reports import FEDERATION_SUBJECT, Report, ReportKind, ReportStatus
from server.reports import tasks
from server.reports.document import ReportDocument
from server.settings import get_settings
from tests.api.reports_helpers import (
    REPORT,
    REPORTS,
    add_posting,
    at,
    figure,
    finished,
)
from tests.conftest import wait_until
from tests.support import VALID_SIRENS, create_partner, create_user, gql, issue_token

ROOT = Path(__file__).resolve().parents[2]
NOTIFICATIONS = "{ notifications { edges { node { kind title subjectType subjectId } } } }"


async def add_pending_report(factory: Any) -> uuid.UUID:
    """A federation report waiting for its job (written directly: no job is queued for it)."""
    async with transaction(factory) as session:
        report = Report(
            kind=ReportKind.FEDERATION,
            subject_key=FEDERATION_SUBJECT,
            period_key="2026-10",
            period_start=at(1).date(),
            period_end=at(31).date(),
            data_version="setup",
            status=ReportStatus.PENDING,
            progress=0,
            attempts=0,
        )
        session.add(report)
        await session.flush()
        return report.id


async def test_a_failed_generation_is_recorded_raised_and_succeeds_when_retried(
    client: httpx.AsyncClient, session_factory: Any, app: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    staff = await create_user(session_factory, email="staff@federation.fr", role=UserRole.FEDERATION_ADMIN)
    token = await issue_token(session_factory, staff.id)
    report_id = await add_pending_report(session_factory)
    job = job_catalog()["generate_report"]
    context = app.state.runtime.job_context
    calls = 0

    def broken_once(document: ReportDocument) -> Any:
        nonlocal calls
        calls += 1
        if calls == 1:
            raise OSError("disque plein")
        return real_render(document)

    real_render = tasks.render_files
    monkeypatch.setattr(tasks, "render_files", broken_once)

    # when the first attempt fails
    with pytest.raises(OSError, match="disque plein"):
        await job(context, {"report_id": str(report_id)})
    failed = await gql(
        client,
        "query($id: UUID!) { report(id: $id) { status progress error } }",
        {"id": str(report_id)},
        token,
    )

    # then the retry completes it, and a third delivery changes nothing
    await job(context, {"report_id": str(report_id)})
    done = await finished(client, token, str(report_id))
    await job(context, {"report_id": str(report_id)})
    after = await gql(
        client, "query($id: UUID!) { report(id: $id) { finishedAt } }", {"id": str(report_id)}, token
    )

    assert failed["data"]["report"]["status"] == "FAILED"
    assert failed["data"]["report"]["error"] == "OSError: disque plein"
    assert done["progress"] == 100 and figure(done, "annonces_publiees") == "0"
    assert after["data"]["report"]["finishedAt"] == done["finishedAt"]


async def test_on_the_first_of_the_month_every_active_partner_gets_last_months_report(
    client: httpx.AsyncClient, session_factory: Any
) -> None:
    active = await create_partner(session_factory, name="Active", siren=VALID_SIRENS[0])
    await create_partner(
        session_factory, name="Prospect", siren=VALID_SIRENS[1], status=PartnerStatus.PROSPECT
    )
    await add_posting(session_factory, active.id, published_at=at(7))
    admin = await create_user(
        session_factory, email="admin@active.fr", role=UserRole.PARTNER_ADMIN, partner_id=active.id
    )
    staff = await create_user(session_factory, email="staff@federation.fr", role=UserRole.FEDERATION_ADMIN)
    admin_token = await issue_token(session_factory, admin.id)
    staff_token = await issue_token(session_factory, staff.id)

    # when the scheduler ticks on 1 November 2026 (twice: it must still run once)
    for _ in range(2):
        await tick(session_factory, now=datetime(2026, 11, 1, 5, tzinfo=UTC))

    async def notified() -> bool:
        body = await gql(client, NOTIFICATIONS, {}, admin_token)
        return any(e["node"]["kind"] == "report_ready" for e in body["data"]["notifications"]["edges"])

    await wait_until(notified, within=60)
    notes = [
        e["node"]
        for e in (await gql(client, NOTIFICATIONS, {}, admin_token))["data"]["notifications"]["edges"]
        if e["node"]["kind"] == "report_ready"
    ]
    report = (await gql(client, REPORT, {"id": notes[0]["subjectId"]}, admin_token))["data"]["report"]
    listed = (await gql(client, REPORTS, {}, staff_token))["data"]["reports"]

    assert len(notes) == 1 and notes[0]["subjectType"] == "report"
    assert report["period"]["key"] == "2026-10" and report["partner"]["name"] == "Active"
    assert figure(report, "annonces_publiees") == "1"
    assert sorted((n["node"]["kind"], n["node"]["period"]["key"]) for n in listed["edges"]) == [
        ("FEDERATION", "2026-10"),
        ("PARTNER", "2026-10"),
    ]


async def passerelle(*args: str, database_url: str, cwd: Path) -> Result:
    """Run the command through Click's CliRunner in a thread (its own event loop, as the installed
    command has), from `cwd`: the app under test keeps serving (and releasing its locks)."""

    def run() -> Result:
        with chdir(cwd):
            return CliRunner(env={"DATABASE_URL": database_url, "REDIS_URL": None}).invoke(main, list(args))

    get_settings.cache_clear()
    try:
        return await asyncio.to_thread(run)
    finally:
        get_settings.cache_clear()


async def test_the_command_line_writes_a_report_with_a_progress_bar(
    client: httpx.AsyncClient, session_factory: Any, settings: Any, tmp_path: Path
) -> None:
    partner = await create_partner(session_factory, name="Acme", siren=VALID_SIRENS[0])
    await add_posting(session_factory, partner.id, published_at=at(9, month=8))
    staff = await create_user(session_factory, email="staff@federation.fr", role=UserRole.FEDERATION_ADMIN)
    token = await issue_token(session_factory, staff.id)
    output = tmp_path / "federation.pdf"

    federation = await passerelle(
        "report",
        "federation",
        "--period",
        "2026-Q3",
        "--format",
        "pdf",
        "-o",
        str(output),
        database_url=settings.database_url,
        cwd=ROOT,
    )
    of_partner = await passerelle(
        "report",
        "partner",
        VALID_SIRENS[0],
        "--period",
        "2026-08",
        "--format",
        "html",
        database_url=settings.database_url,
        cwd=tmp_path,
    )
    unknown = await passerelle(
        "report",
        "partner",
        VALID_SIRENS[1],
        "--period",
        "2026-08",
        database_url=settings.database_url,
        cwd=tmp_path,
    )
    bad_period = await passerelle(
        "report", "federation", "--period", "2026-14", database_url=settings.database_url, cwd=tmp_path
    )

    assert federation.exit_code == 0, federation.output
    assert "Génération du rapport" in federation.stderr
    assert output.read_bytes().startswith(b"%PDF")
    assert of_partner.exit_code == 0, of_partner.output
    html = (tmp_path / f"rapport-{VALID_SIRENS[0]}-2026-08.html").read_text(encoding="utf-8")
    assert "août 2026" in html and html.count("<svg") == 3
    assert unknown.exit_code != 0 and "Aucune entreprise partenaire" in unknown.stderr
    assert bad_period.exit_code != 0 and "non reconnue" in bad_period.stderr
    assert isinstance(unknown.exception, SystemExit) and isinstance(bad_period.exception, SystemExit)
    # the command stored the reports like any other: the API lists them
    listed = (await gql(client, REPORTS, {}, token))["data"]["reports"]
    assert listed["totalCount"] == 2
