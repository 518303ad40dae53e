"""Queries and mutations of reports: request one, follow its progress, list them."""

from __future__ import annotations

import uuid
from typing import Any

import strawberry
from strawberry.types import Info

from schema.context import Context
from schema.enums import ReportKind
from schema.errors import FieldError, payload
from schema.pagination import Connection, connection, page_request
from schema.permissions import IsStaff, IsStaffOrPartnerUser
from schema.reports.types import ReportType
from server.db import utcnow
from server.reports import service

PERIOD_HELP = "Période : 2026-10 (mois), 2026-Q3 (trimestre), 2026 (année) ou 2026-01-15..2026-03-31."


@strawberry.input(description="Filtre des rapports.")
class ReportFilter:
    kind: ReportKind | None = strawberry.field(
        default=None, description="Partenariat ou fédération ; null pour les deux."
    )
    partner_id: uuid.UUID | None = strawberry.field(default=None, description="Entreprise concernée.")


@strawberry.type
class ReportPayload:
    """What every report request returns; each mutation exposes it under its own name."""

    report: ReportType | None = strawberry.field(description="Le rapport demandé, ou null si refusé.")
    errors: list[FieldError] = strawberry.field(description="Règles refusées ; vide si tout va bien.")


@strawberry.type(description="Résultat de `requestPartnerReport`.")
class RequestPartnerReportPayload(ReportPayload):
    pass


@strawberry.type(description="Résultat de `requestFederationReport`.")
class RequestFederationReportPayload(ReportPayload):
    pass


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
        filter: ReportFilter | None = None,
    ) -> Connection[ReportType]:
        context = info.context
        chosen = filter or ReportFilter()
        kind, partner_id = chosen.kind, chosen.partner_id
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
    ) -> RequestPartnerReportPayload:
        context = info.context
        return payload(
            RequestPartnerReportPayload,
            await context.write_or_errors(
                lambda session: service.request_partner_report(
                    session, context.actor, partner_id, period, today=utcnow().date()
                )
            ),
            ReportType.of,
            "report",
        )

    @strawberry.mutation(
        permission_classes=[IsStaff],
        description="Demande le rapport de la fédération sur une période. " + PERIOD_HELP,
    )
    async def request_federation_report(
        self, info: Info[Context, Any], period: str
    ) -> RequestFederationReportPayload:
        context = info.context
        return payload(
            RequestFederationReportPayload,
            await context.write_or_errors(
                lambda session: service.request_federation_report(
                    session, context.actor, period, today=utcnow().date()
                )
            ),
            ReportType.of,
            "report",
        )
