"""GraphQL types of reports: status and progress while generated, then tables and download links."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

import strawberry
from strawberry.types import Info

from schema.context import Context
from schema.enums import ReportFormat, ReportKind, ReportStatus
from schema.partners.types import PartnerType
from schema.permissions import IsStaff
from server.db import utcnow
from server.models.reports import Report
from server.reports.document import Cell, ReportDocument, Table
from server.reports.periods import parse_period
from server.reports.signing import DOWNLOAD_TTL, download_path


@strawberry.type(name="ReportColumn", description="Une colonne : clé stable (en-tête CSV) et libellé.")
class ColumnType:
    key: str
    label: str


def _cell(value: Cell) -> str | None:
    return None if value is None else str(value)


@strawberry.type(
    name="ReportTable",
    description="Un tableau du rapport, identique au fichier CSV du même nom (voir docs/reports.md).",
)
class TableType:
    name: str
    title: str
    columns: list[ColumnType]
    rows: list[list[str | None]] = strawberry.field(
        description="Valeurs brutes en texte (point décimal, parts entre 0 et 1) ; null = sans objet."
    )

    @classmethod
    def of(cls, table: Table) -> TableType:
        return cls(
            name=table.name,
            title=table.title,
            columns=[ColumnType(key=c.key, label=c.label) for c in table.columns],
            rows=[[_cell(value) for value in row] for row in table.rows],
        )


@strawberry.type(name="ReportPeriod", description="La période couverte (bornes incluses).")
class PeriodType:
    key: str
    label: str
    start: date
    end: date


@strawberry.type(name="Report", description="Un rapport de partenariat ou de la fédération.")
class ReportType:
    id: uuid.UUID
    kind: ReportKind
    status: ReportStatus
    progress: int = strawberry.field(description="Avancement de la génération, de 0 à 100.")
    period: PeriodType
    data_version: str = strawberry.field(description="Empreinte des données lues par le rapport.")
    created_at: datetime
    finished_at: datetime | None
    partner_id: strawberry.Private[uuid.UUID | None]
    data: strawberry.Private[dict[str, Any] | None]
    failure: strawberry.Private[str | None]

    @classmethod
    def of(cls, report: Report) -> ReportType:
        period = parse_period(report.period_key)
        return cls(
            id=report.id,
            kind=report.kind,
            status=report.status,
            progress=report.progress,
            period=PeriodType(key=period.key, label=period.label, start=period.start, end=period.end),
            data_version=report.data_version,
            created_at=report.created_at,
            finished_at=report.finished_at,
            partner_id=report.partner_id,
            data=report.data if report.status is ReportStatus.DONE else None,
            failure=report.error,
        )

    @strawberry.field(description="Titre du rapport, une fois généré.")
    def title(self) -> str | None:
        return None if self.data is None else ReportDocument.from_json(self.data).title

    @strawberry.field(description="Les tableaux du rapport (vide tant qu'il n'est pas généré).")
    def tables(self) -> list[TableType]:
        if self.data is None:
            return []
        return [TableType.of(table) for table in ReportDocument.from_json(self.data).tables]

    @strawberry.field(permission_classes=[IsStaff], description="Cause du dernier échec (équipe).")
    def error(self) -> str | None:
        return self.failure

    @strawberry.field(description="L'entreprise partenaire (rapport de partenariat).")
    async def partner(self, info: Info[Context, Any]) -> PartnerType | None:
        if self.partner_id is None:
            return None
        partner = await info.context.loaders.partner_by_id.load(self.partner_id)
        return None if partner is None else PartnerType.of(partner)

    @strawberry.field(
        description=f"Lien signé de téléchargement, valable {int(DOWNLOAD_TTL.total_seconds() // 60)} "
        "minutes ; null tant que le rapport n'est pas généré."
    )
    def download_url(self, info: Info[Context, Any], format: ReportFormat) -> str | None:
        if self.data is None:
            return None
        context = info.context
        user_id = None if context.user is None else context.user.id
        path = download_path(context.settings.secret_key, self.id, ReportFormat(format), utcnow(), user_id)
        base = "" if context.request is None else str(context.request.base_url).rstrip("/")
        return base + path
