"""The `passerelle` command line: migrate, create-admin, and the schema guard at start-up.

The commands run in this process through Click's CliRunner (a subprocess would spend seconds on
imports alone); the environment is the command's only input, as for the installed command.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from server.app import create_app
from server.cli import main
from server.migrations_runner import SchemaOutOfDate
from server.settings import Settings, get_settings

Passerelle = Callable[..., Result]


@pytest.fixture
def passerelle(monkeypatch: pytest.MonkeyPatch) -> Passerelle:
    """`passerelle ARGS…` against `database_url`, as a fresh process would read its settings."""
    monkeypatch.delenv("REDIS_URL", raising=False)

    def run(*args: str, database_url: str, stdin: str = "") -> Result:
        monkeypatch.setenv("DATABASE_URL", database_url)
        get_settings.cache_clear()
        try:
            return CliRunner().invoke(main, list(args), input=stdin)
        finally:
            get_settings.cache_clear()

    return run


def test_migrate_then_create_admin_from_stdin(tmp_path: Path, passerelle: Passerelle) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path}/not-yet-created/cli.sqlite3"  # a fresh machine has no var/

    migrated = passerelle("migrate", database_url=url)
    created = passerelle(
        "create-admin",
        "Direction@Federation.fr",
        "--password-stdin",
        database_url=url,
        stdin="Un-mot-de-passe-solide-1\n",
    )
    again = passerelle(
        "create-admin",
        "direction@federation.fr",
        "--password-stdin",
        database_url=url,
        stdin="Un-mot-de-passe-solide-1\n",
    )
    weak = passerelle(
        "create-admin", "autre@federation.fr", "--password-stdin", database_url=url, stdin="court\n"
    )

    assert migrated.exit_code == 0, migrated.output
    assert created.exit_code == 0, created.output
    assert "direction@federation.fr" in created.stdout.lower()
    assert again.exit_code != 0 and "existe déjà" in again.stderr
    assert weak.exit_code != 0 and "au moins 10 caractères" in weak.stderr


def test_create_admin_on_an_unmigrated_database_says_which_command_fixes_it(
    tmp_path: Path, passerelle: Passerelle
) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path}/empty.sqlite3"
    result = passerelle(
        "create-admin", "a@b.fr", "--password-stdin", database_url=url, stdin="Un-mot-de-passe-solide-1\n"
    )
    assert result.exit_code != 0
    assert "passerelle migrate" in result.stderr
    assert isinstance(result.exception, SystemExit)  # a clear message, not a traceback


async def test_the_server_refuses_to_start_on_an_out_of_date_schema(tmp_path: Path) -> None:
    app = create_app(Settings(database_url=f"sqlite+aiosqlite:///{tmp_path}/old.sqlite3"))
    with pytest.raises(SchemaOutOfDate, match="passerelle migrate"):
        async with app.router.lifespan_context(app):
            pass
