"""`passerelle report partner SIREN --period 2026-10` and `passerelle report federation --period …`.

The command generates the report itself, with a progress bar, and writes the chosen format to a
file; the report is stored like one requested over GraphQL (asking again returns it at once).
"""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Callable
from pathlib import Path

import click

from server.settings import Settings, get_settings

FORMATS = ("pdf", "html", "csv_zip")


async def _generate(
    settings: Settings, siren: str | None, period: str, fmt: str, advance: Callable[[int], None]
) -> tuple[bytes, str]:
    from server.db import create_engine, create_session_factory, transaction, utcnow
    from server.migrations_runner import ensure_schema_current
    from server.models.reports import ReportFormat, ReportStatus
    from server.partners.repository import get_partner_by_siren
    from server.reports import repository, service
    from server.reports.tasks import run_report

    engine = create_engine(settings.database_url)
    try:
        await ensure_schema_current(engine)
        factory = create_session_factory(engine)
        today = utcnow().date()
        actor = service.system_actor("ligne de commande")
        async with transaction(factory) as session:
            if siren is None:
                report = await service.request_federation_report(session, actor, period, today=today)
            else:
                partner = await get_partner_by_siren(session, siren)
                if partner is None:
                    raise click.ClickException(f"Aucune entreprise partenaire avec le SIREN {siren}.")
                report = await service.request_partner_report(session, actor, partner.id, period, today=today)
        if report.status is not ReportStatus.DONE:  # a failed one is tried again here and now
            await run_report(factory, report.id, today=today, on_progress=advance)
        advance(100)
        async with factory() as session:
            stored = await repository.get_file(session, report.id, ReportFormat(fmt))
        if stored is None:
            raise click.ClickException("Le rapport n'a pas pu être généré.")
        return stored.content, stored.filename
    finally:
        await engine.dispose()


def _run(siren: str | None, period: str, fmt: str, output: str | None) -> None:
    from server.kit.errors import ValidationFailed
    from server.migrations_runner import SchemaOutOfDate

    with click.progressbar(length=100, label="Génération du rapport", file=sys.stderr) as bar:
        shown = 0

        def advance(progress: int) -> None:
            nonlocal shown
            bar.update(max(0, progress - shown))
            shown = max(shown, progress)

        try:
            content, default_name = asyncio.run(_generate(get_settings(), siren, period, fmt, advance))
        except ValidationFailed as failure:
            raise click.ClickException(" ".join(issue.message for issue in failure.issues)) from failure
        except SchemaOutOfDate as error:
            raise click.ClickException(str(error)) from error
    target = Path(output or default_name)
    target.write_bytes(content)
    click.echo(f"Rapport écrit dans {target} ({len(content):,} octets).".replace(",", " "))


@click.group(help="Génère les rapports de partenariat et de la fédération.")
def report() -> None:
    """Groups the report sub-commands."""


_period = click.option(
    "--period",
    required=True,
    help="2026-10 (mois), 2026-Q3 (trimestre), 2026 (année) ou AAAA-MM-JJ..AAAA-MM-JJ.",
)
_format = click.option("--format", "fmt", type=click.Choice(FORMATS), default="pdf", show_default=True)
_output = click.option("-o", "--output", type=click.Path(dir_okay=False), help="Fichier à écrire.")


@report.command(help="Rapport de partenariat d'une entreprise (par son SIREN).")
@click.argument("siren")
@_period
@_format
@_output
def partner(siren: str, period: str, fmt: str, output: str | None) -> None:
    _run(siren.replace(" ", ""), period, fmt, output)


@report.command(help="Rapport de la fédération (observatoire des métiers).")
@_period
@_format
@_output
def federation(period: str, fmt: str, output: str | None) -> None:
    _run(None, period, fmt, output)
