"""The `passerelle` command line: migrate, create-admin, and the schema guard at start-up."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from server.app import create_app
from server.migrations_runner import SchemaOutOfDate
from server.settings import Settings

ROOT = Path(__file__).resolve().parent.parent


def passerelle(*args: str, database_url: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DATABASE_URL": database_url}
    env.pop("REDIS_URL", None)
    return subprocess.run(
        [sys.executable, "-m", "server.cli", *args],
        input=stdin,
        text=True,
        capture_output=True,
        env=env,
        cwd=ROOT,
        timeout=120,
        check=False,
    )


def test_migrate_then_create_admin_from_stdin(tmp_path: Path) -> None:
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

    assert migrated.returncode == 0, migrated.stderr
    assert created.returncode == 0, created.stderr
    assert "direction@federation.fr" in created.stdout.lower()
    assert again.returncode != 0 and "existe déjà" in again.stderr
    assert weak.returncode != 0 and "au moins 10 caractères" in weak.stderr


def test_create_admin_on_an_unmigrated_database_says_which_command_fixes_it(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path}/empty.sqlite3"
    result = passerelle(
        "create-admin", "a@b.fr", "--password-stdin", database_url=url, stdin="Un-mot-de-passe-solide-1\n"
    )
    assert result.returncode != 0
    assert "passerelle migrate" in result.stderr
    assert "Traceback" not in result.stderr


async def test_the_server_refuses_to_start_on_an_out_of_date_schema(tmp_path: Path) -> None:
    app = create_app(Settings(database_url=f"sqlite+aiosqlite:///{tmp_path}/old.sqlite3"))
    with pytest.raises(SchemaOutOfDate, match="passerelle migrate"):
        async with app.router.lifespan_context(app):
            pass
