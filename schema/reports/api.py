"""Queries and mutations of reports: request one, follow its progress, list them."""

from __future__ import annotations

import uuid
from typing import Any

import strawberry
from strawberry.types import Info

from schema.context import Context
from schema.errors import FieldError, field_errors
from schema.pagination import Connection, connection, page_request
from schema.permissions import IsStaff, IsStaffOrPartnerUser
from schema.reports.types import ReportKindEnum, ReportType
from server.db import utcnow
from server.models.reports import Report, ReportKind
from server.reports import service

PERIOD_HELP = "Période : 2026-10 (mois), 2026-Q3 (trimestre), 2026 (année) ou 2026-01-15..2026-03-31."


@strawberry.type
class ReportPayload:
    report: ReportType | None
    errors: list[FieldError]


def _payload(result: tuple[Report | None, list[Any]]) -> ReportPayload:
    report, errors = result
    return ReportPayload(
        report=None if report is None else ReportType.of(report), errors=field_errors(errors)
    )


@strawberry.type
class ReportQueries:
    @strawberry.field(
        permission_classes=[IsStaffOrPartnerUser],
        description="Un rapport (un·e partenaire ne voit que ceux de son entreprise).",
    )
    async def report(self, info: Info[Context, Any], id: uuid.UUID) -> ReportType:
        context = info.context
        async with context.reading() as session:
            return ReportType.of(await service.visible_report(session, context.actor, id))

    @strawberry.field(
        permission_classes=[IsStaffOrPartnerUser],
        description="Rapports, du plus récent au plus ancien.",
    )
    async def reports(
        self,
        info: Info[Context, Any],
        first: int | None = None,
        after: str | None = None,
        kind: ReportKindEnum | None = None,  # type: ignore[valid-type]
        partner_id: uuid.UUID | None = None,
    ) -> Connection[ReportType]:
        context = info.context
        async with context.reading() as session:
            page = await service.list_reports(
                session,
                context.actor,
                page_request(context.settings, first, after),
                kind=None if kind is None else ReportKind(kind),
                partner_id=partner_id,
            )
        return connection(page, ReportType.of)


@strawberry.type
class ReportMutations:
    @strawberry.mutation(
        permission_classes=[IsStaffOrPartnerUser],
        description="Demande le rapport de partenariat d'une entreprise sur une période ; le même rapport "
        "redemandé (mêmes données) est renvoyé tel quel. " + PERIOD_HELP,
    )
    async def request_partner_report(
        self, info: Info[Context, Any], partner_id: uuid.UUID, period: str
    ) -> ReportPayload:
        context = info.context
        return _payload(
            await context.write_or_errors(
                lambda session: service.request_partner_report(
                    session, context.actor, partner_id, period, today=utcnow().date()
                )
            )
        )

    @strawberry.mutation(
        permission_classes=[IsStaff],
        description="Demande le rapport de la fédération sur une période. " + PERIOD_HELP,
    )
    async def request_federation_report(self, info: Info[Context, Any], period: str) -> ReportPayload:
        context = info.context
        return _payload(
            await context.write_or_errors(
                lambda session: service.request_federation_report(
                    session, context.actor, period, today=utcnow().date()
                )
            )
        )
