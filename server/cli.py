"""The `passerelle` command: migrate, serve, worker, create-admin, demo data, framework tools."""

from __future__ import annotations

import asyncio
import sys
from typing import Any

import click

from server.settings import get_settings


@click.group(help="Passerelle : plateforme de partenariats et de mise en relation de la fédération.")
def main() -> None:
    """Sub-commands import their heavy dependencies lazily, so `passerelle normalize` starts fast."""


@main.command(help="Applique les migrations de la base de données (jusqu'à la dernière).")
def migrate() -> None:
    from server.migrations_runner import upgrade

    settings = get_settings()
    upgrade(settings.database_url)
    click.echo("Base de données à jour.")


@main.command(help="Sert le client web sur / et l'API (GraphQL sur /graphql).")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=None,
    envvar="API_WORKERS",
    help="Nombre de processus de l'API (défaut : un par cœur avec REDIS_URL, sinon 1).",
)
def serve(host: str, port: int, workers: int | None) -> None:
    import uvicorn

    from server.serving import prepare_processes

    count = prepare_processes(get_settings(), workers)
    # access_log off: RequestLogMiddleware already logs every request, with its request id.
    # A stop (deploy, scale-in) waits 8 s for open connections and live subscriptions, then cancels
    # them (within Docker's 10 s stop grace): without a limit uvicorn would wait for the last WebSocket
    # client to leave.
    options: dict[str, Any] = {
        "proxy_headers": True,
        "log_config": None,
        "access_log": False,
        "timeout_graceful_shutdown": 8,
    }
    if count == 1:
        from server.app import create_app

        uvicorn.run(create_app(), host=host, port=port, **options)
    else:  # uvicorn's supervisor starts (and restarts) the processes, each building its own app
        uvicorn.run("server.app:create_app", factory=True, host=host, port=port, workers=count, **options)


@main.command(help="Lance le worker arq (nécessite REDIS_URL).")
def worker() -> None:
    settings = get_settings()
    if not settings.redis_url:
        raise click.ClickException(
            "REDIS_URL n'est pas défini : sans Redis, les tâches s'exécutent dans le serveur "
            "(passerelle serve)."
        )
    import uvloop
    from arq.worker import run_worker

    from workers.settings import WorkerSettings

    uvloop.install()  # the event loop uvicorn gives the API: asyncpg and redis run faster on it
    run_worker(WorkerSettings)  # type: ignore[arg-type]


@main.command("create-admin", help="Crée un compte administrateur·rice de la fédération.")
@click.argument("email")
@click.option("--name", "full_name", default="", help="Nom affiché.")
@click.option("--password-stdin", is_flag=True, help="Lit le mot de passe sur l'entrée standard.")
def create_admin(email: str, full_name: str, password_stdin: bool) -> None:
    from server.accounts.bootstrap import create_admin_account
    from server.kit.errors import ValidationFailed
    from server.migrations_runner import SchemaOutOfDate

    if password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = click.prompt("Mot de passe", hide_input=True, confirmation_prompt=True)
    try:
        user_id = asyncio.run(create_admin_account(get_settings(), email, password, full_name))
    except ValidationFailed as failure:
        raise click.ClickException(" ".join(issue.message for issue in failure.issues)) from failure
    except SchemaOutOfDate as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"Compte administrateur·rice créé : {email} ({user_id})")


@main.command(help="Charge les données de démonstration (idempotent).")
def demo() -> None:
    from server.demo.loader import load_demo
    from server.migrations_runner import SchemaOutOfDate

    try:
        summary = asyncio.run(load_demo(get_settings()))
    except SchemaOutOfDate as error:
        raise click.ClickException(str(error)) from error
    click.echo(summary)


@main.command("export-schema", help="Écrit le schéma GraphQL (SDL) dans un fichier.")
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False), default="schema/schema.graphql", show_default=True
)
def export_schema(output: str) -> None:
    from pathlib import Path

    from schema.api import schema

    Path(output).write_text(schema.as_str() + "\n", encoding="utf-8")
    click.echo(f"Schéma écrit dans {output}")


def _register_framework_commands() -> None:
    from server.framework.commands import framework, normalize

    main.add_command(normalize)
    main.add_command(framework)


_register_framework_commands()


def _register_report_commands() -> None:
    from server.reports.commands import report

    main.add_command(report)


_register_report_commands()


def _register_mail_commands() -> None:
    from server.mail.commands import mail

    main.add_command(mail)


_register_mail_commands()


if __name__ == "__main__":
    main()
