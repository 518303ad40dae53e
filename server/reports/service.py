"""Requesting, finding and listing reports; who may see which (rules only: the job generates).

A report is identified by (kind, subject, period, data version): asking twice for the same one
returns the stored report instead of generating it again, and new data makes a new version.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from server.actor import Actor
from server.audit.service import record
from server.jobs.outbox import enqueue
from server.kit.errors import ErrorCode, Forbidden, NotFound, ValidationFailed
from server.kit.pagination import Page, PageRequest, SortField, SortKey, paginate
from server.models.accounts import UserRole
from server.models.reports import FEDERATION_SUBJECT, Report, ReportKind, ReportStatus
from server.partners.service import visible_partner
from server.reports import repository
from server.reports.aggregation import data_version
from server.reports.periods import Period, parse_period

GENERATE_JOB = "generate_report"
REPORT_NOT_FOUND = "Le rapport"
REPORT_SORT = SortKey(
    fields=(
        SortField(Report.created_at, datetime.fromisoformat, descending=True),
        SortField(Report.id, uuid.UUID, descending=True),
    )
)


def system_actor(label: str) -> Actor:
    """The scheduler and the command line act with the federation's rights, under their own name."""
    return Actor(user_id=None, role=UserRole.FEDERATION_ADMIN, partner_id=None, label=label)


def _period(raw: str, today: date) -> Period:
    period = parse_period(raw)
    if period.start > today:
        raise ValidationFailed.single(
            "period", "La période n'a pas encore commencé : rien à compter.", ErrorCode.DATE_IN_FUTURE
        )
    return period


async def _request(
    session: AsyncSession,
    actor: Actor,
    *,
    kind: ReportKind,
    partner_id: uuid.UUID | None,
    period: Period,
    scheduled: bool,
) -> Report:
    subject = str(partner_id) if partner_id is not None else FEDERATION_SUBJECT
    version = await data_version(session)
    existing = await repository.find_report(session, kind, subject, period.key, version)
    if existing is not None:
        return await _reuse(session, existing, scheduled)
    report = Report(
        kind=kind,
        partner_id=partner_id,
        subject_key=subject,
        period_key=period.key,
        period_start=period.start,
        period_end=period.end,
        data_version=version,
        status=ReportStatus.PENDING,
        progress=0,
        attempts=0,
        scheduled=scheduled,
        requested_by_id=actor.user_id,
    )
    try:
        async with session.begin_nested():
            session.add(report)
            await session.flush()
    except IntegrityError:  # the same report requested at the same moment: use the other one
        concurrent = await repository.find_report(session, kind, subject, period.key, version)
        if concurrent is None:
            raise
        return await _reuse(session, concurrent, scheduled)
    await enqueue(session, GENERATE_JOB, {"report_id": str(report.id)}, dedup_key=f"report:{report.id}:0")
    record(
        session,
        actor,
        "report.request",
        entity_type="report",
        entity_id=report.id,
        changes={"kind": kind.value, "subject": subject, "period": period.key},
    )
    return report


async def _reuse(session: AsyncSession, report: Report, scheduled: bool) -> Report:
    """The stored report; one that failed for good is queued again (a new attempt, a new job)."""
    report.scheduled = report.scheduled or scheduled
    if report.status is ReportStatus.FAILED:
        report.status = ReportStatus.PENDING
        report.progress = 0
        await enqueue(
            session,
            GENERATE_JOB,
            {"report_id": str(report.id)},
            dedup_key=f"report:{report.id}:{report.attempts}",
        )
    return report


async def request_partner_report(
    session: AsyncSession,
    actor: Actor,
    partner_id: uuid.UUID,
    period_key: str,
    *,
    today: date,
    scheduled: bool = False,
) -> Report:
    """Staff for any partner; a partner user for its own company only (others are "not found")."""
    if not (actor.is_staff or actor.is_partner_user):
        raise Forbidden()
    partner = await visible_partner(session, actor, partner_id)
    period = _period(period_key, today)
    return await _request(
        session, actor, kind=ReportKind.PARTNER, partner_id=partner.id, period=period, scheduled=scheduled
    )


async def request_federation_report(
    session: AsyncSession, actor: Actor, period_key: str, *, today: date, scheduled: bool = False
) -> Report:
    if not actor.is_staff:
        raise Forbidden("Le rapport de la fédération est réservé à son équipe.")
    period = _period(period_key, today)
    return await _request(
        session, actor, kind=ReportKind.FEDERATION, partner_id=None, period=period, scheduled=scheduled
    )


def can_see(actor: Actor, report: Report) -> bool:
    return actor.is_staff or (
        actor.is_partner_user and actor.partner_id is not None and report.partner_id == actor.partner_id
    )


async def visible_report(session: AsyncSession, actor: Actor, report_id: uuid.UUID) -> Report:
    """Staff see every report; a partner user only its company's (any other is "not found")."""
    if not (actor.is_staff or actor.is_partner_user):
        raise Forbidden()
    report = await repository.get_report(session, report_id)
    if report is None or not can_see(actor, report):
        raise NotFound(REPORT_NOT_FOUND)
    return report


async def list_reports(
    session: AsyncSession,
    actor: Actor,
    page: PageRequest,
    *,
    kind: ReportKind | None = None,
    partner_id: uuid.UUID | None = None,
) -> Page[Report]:
    """Newest first; a partner user's list only ever holds its company's reports."""
    if actor.is_staff:
        scope = partner_id
    elif actor.is_partner_user and actor.partner_id is not None:
        if partner_id is not None and partner_id != actor.partner_id:
            raise NotFound("L'entreprise partenaire")
        scope, kind = actor.partner_id, ReportKind.PARTNER
    else:
        raise Forbidden()
    return await paginate(
        session,
        repository.reports_query(kind=kind, partner_id=scope),
        sort=REPORT_SORT,
        page=page,
        key_of=lambda report: (report.created_at.isoformat(), report.id),
    )
