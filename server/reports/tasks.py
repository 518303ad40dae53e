"""Jobs of the reports domain: generate one report, and the monthly run on the 1st.

`generate_report` is idempotent (a finished report is left as it is) and raises on failure after
recording it, so the outbox or arq tries again; progress is committed step by step for
`report(id) { progress }`.
"""

from __future__ import annotations

import asyncio
import logging
import threading
import uuid
from collections.abc import Awaitable, Callable
from datetime import date
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from server.accounts.repository import users_with_role
from server.db import transaction, utcnow
from server.jobs.context import JobContext
from server.models.accounts import UserRole
from server.models.partners import Partner, PartnerStatus
from server.models.reports import Report, ReportFile, ReportFormat, ReportKind, ReportStatus
from server.notifications.service import NewNotification, notify
from server.partners import repository as partners
from server.reports import content, repository
from server.reports.document import ReportDocument
from server.reports.periods import parse_period, previous_month
from server.reports.service import request_federation_report, request_partner_report, system_actor

logger = logging.getLogger(__name__)

Progress = Callable[[int], Awaitable[None] | None]
MEDIA_TYPES = {
    ReportFormat.CSV_ZIP: ("application/zip", "zip"),
    ReportFormat.HTML: ("text/html; charset=utf-8", "html"),
    ReportFormat.PDF: ("application/pdf", "pdf"),
}
_RENDER_LOCK = threading.Lock()  # matplotlib's settings are process-wide: one rendering at a time


def render_files(document: ReportDocument) -> dict[ReportFormat, bytes]:
    """CPU-bound (charts, PDF layout): run in a thread so the event loop keeps serving."""
    from server.reports.render.csv import render_csv_archive
    from server.reports.render.html import render_html
    from server.reports.render.pdf import render_pdf

    with _RENDER_LOCK:
        return {
            ReportFormat.CSV_ZIP: render_csv_archive(document),
            ReportFormat.HTML: render_html(document),
            ReportFormat.PDF: render_pdf(document),
        }


def file_name(report: Report, subject: str, fmt: ReportFormat) -> str:
    period = report.period_key.replace("..", "_")
    return f"rapport-{subject}-{period}.{MEDIA_TYPES[fmt][1]}"


async def _set(factory: async_sessionmaker[AsyncSession], report_id: uuid.UUID, **values: Any) -> None:
    async with transaction(factory) as session:
        report = await repository.get_report(session, report_id)
        if report is not None:
            for key, value in values.items():
                setattr(report, key, value)


async def run_report(
    factory: async_sessionmaker[AsyncSession],
    report_id: uuid.UUID,
    *,
    today: date,
    on_progress: Progress | None = None,
) -> Report | None:
    """Generate and store one report (shared by the job and the command line)."""
    async with transaction(factory) as session:
        report = await repository.get_report(session, report_id)
        if report is None or report.status is ReportStatus.DONE:
            return report
        report.status, report.progress, report.error = ReportStatus.RUNNING, 5, None
        report.started_at, report.attempts = utcnow(), report.attempts + 1

    async def step(progress: int) -> None:
        await _set(factory, report_id, progress=progress)
        if on_progress is not None:
            outcome = on_progress(progress)
            if outcome is not None:
                await outcome

    try:
        async with factory() as session:
            document, subject = await _build(session, report, today, step)
        files = await asyncio.to_thread(render_files, document)
        await step(95)
        async with transaction(factory) as session:
            stored = await repository.get_report(session, report_id)
            if stored is None:  # deleted meanwhile (its partner was removed)
                return None
            await repository.replace_files(
                session,
                report_id,
                [
                    ReportFile(
                        report_id=report_id,
                        format=fmt,
                        media_type=MEDIA_TYPES[fmt][0],
                        filename=file_name(stored, subject, fmt),
                        content=data,
                    )
                    for fmt, data in files.items()
                ],
            )
            stored.data = document.to_json()
            stored.status, stored.progress, stored.finished_at = ReportStatus.DONE, 100, utcnow()
            if stored.scheduled:
                await notify_report_ready(session, stored)
        if on_progress is not None:
            outcome = on_progress(100)
            if outcome is not None:
                await outcome
        return stored
    except Exception as error:
        logger.exception("report %s failed", report_id)
        message = f"{type(error).__name__}: {error}"[:2000]
        await _set(factory, report_id, status=ReportStatus.FAILED, error=message)
        raise


async def _build(
    session: AsyncSession, report: Report, today: date, step: Callable[[int], Awaitable[None]]
) -> tuple[ReportDocument, str]:
    period = parse_period(report.period_key)
    if report.kind is ReportKind.FEDERATION:
        return await content.federation_report(session, period, today, step), "federation"
    partner = await partners.get_partner(session, report.partner_id) if report.partner_id else None
    if partner is None:
        raise LookupError(f"partenaire introuvable pour le rapport {report.id}")
    return await content.partner_report(session, partner, period, step), partner.siren


async def generate_report(context: JobContext, payload: dict[str, Any]) -> None:
    await run_report(context.session_factory, uuid.UUID(str(payload["report_id"])), today=utcnow().date())


async def notify_report_ready(session: AsyncSession, report: Report) -> None:
    """Partner admins for their company's report, federation staff for the federation's; once each."""
    if report.kind is ReportKind.PARTNER:
        people = await users_with_role(session, (UserRole.PARTNER_ADMIN,), report.partner_id)
        title = "Votre rapport de partenariat est disponible"
    else:
        people = await users_with_role(session, (UserRole.FEDERATION_ADMIN,))
        title = "Le rapport de la fédération est disponible"
    period = parse_period(report.period_key)
    for person in people:
        await notify(
            session,
            NewNotification(
                user_id=person.id,
                kind="report_ready",
                title=title,
                body=f"Période : {period.label}. Téléchargez-le depuis l'espace « Rapports ».",
                dedup_key=f"report_ready:{report.id}",
                subject_type="report",
                subject_id=str(report.id),
            ),
        )


async def generate_monthly_reports(context: JobContext, payload: dict[str, Any]) -> None:
    """On the 1st: every active partner's report on the previous month, and the federation's.

    Idempotent: requesting a report that exists returns it; notifications are deduplicated. Without
    any active partner (a new installation) there is nothing to report and nothing is generated.
    """
    period = previous_month(str(payload["period"]))
    today = utcnow().date()
    actor = system_actor("rapports mensuels")
    async with transaction(context.session_factory) as session:
        active = partners.partners_query(statuses=[PartnerStatus.ACTIVE]).order_by(Partner.id)
        reports = [
            await request_partner_report(session, actor, partner.id, period, today=today, scheduled=True)
            for partner in (await session.scalars(active)).all()
        ]
        if not reports:
            logger.info("no active partner: no monthly report for %s", period)
            return
        reports.append(await request_federation_report(session, actor, period, today=today, scheduled=True))
        for report in reports:
            if report.status is ReportStatus.DONE:
                await notify_report_ready(session, report)
