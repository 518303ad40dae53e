"""All SQL about stored reports and their files (the figures' SQL is in `aggregation`)."""

from __future__ import annotations

import uuid

from sqlalchemy import Select, delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from server.models.reports import Report, ReportFile, ReportFormat, ReportKind


async def get_report(session: AsyncSession, report_id: uuid.UUID) -> Report | None:
    return await session.get(Report, report_id)


async def find_report(
    session: AsyncSession, kind: ReportKind, subject_key: str, period_key: str, data_version: str
) -> Report | None:
    return await session.scalar(
        select(Report).where(
            Report.kind == kind,
            Report.subject_key == subject_key,
            Report.period_key == period_key,
            Report.data_version == data_version,
        )
    )


def reports_query(*, kind: ReportKind | None, partner_id: uuid.UUID | None) -> Select[Report]:
    query = select(Report)
    if kind is not None:
        query = query.where(Report.kind == kind)
    if partner_id is not None:
        query = query.where(Report.partner_id == partner_id)
    return query


async def get_file(session: AsyncSession, report_id: uuid.UUID, fmt: ReportFormat) -> ReportFile | None:
    return await session.get(ReportFile, (report_id, fmt))


async def replace_files(session: AsyncSession, report_id: uuid.UUID, files: list[ReportFile]) -> None:
    """Idempotent store: a second run of the job overwrites the first one's files."""
    await session.execute(delete(ReportFile).where(ReportFile.report_id == report_id))
    session.add_all(files)
