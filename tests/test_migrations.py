"""The migrations: they build exactly what the models describe, and upgrades keep the data."""

from __future__ import annotations

import sqlite3
import uuid
from pathlib import Path
from typing import Any

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Connection

from server.db import Base
from server.migrations_runner import upgrade


async def test_the_migrated_database_is_what_the_models_describe(app: Any) -> None:
    # given the test database, built by the migrations alone (SQLite or PostgreSQL, by backend)
    def differences(connection: Connection) -> list[Any]:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return list(compare_metadata(context, Base.metadata))

    # when it is compared with the models
    async with app.state.runtime.engine.connect() as connection:
        found = await connection.run_sync(differences)

    # then nothing is missing or different: a model change without its migration fails here
    assert found == []


def test_matches_written_before_the_trace_keep_their_data_and_feedback(tmp_path: Path) -> None:
    # given a database at revision 0002 with a match stored with its written explanation, and feedback
    path = tmp_path / "old.sqlite3"
    url = f"sqlite+aiosqlite:///{path}"
    upgrade(url, "0002")
    old_json = '{"score": 71.0, "missing": [{"competency_id": "ia_generative", "gap": 2}]}'
    with sqlite3.connect(path) as db:
        for statement, values in _old_rows(old_json):
            db.execute(statement, values)

    # when it is upgraded to the current schema
    upgrade(url)

    # then the row is intact under its new column, reports still find its missing competency, and
    # the partner's feedback on it is still there
    with sqlite3.connect(path) as db:
        (trace,) = db.execute("SELECT trace FROM matches").fetchone()
        (missing,) = db.execute(
            "SELECT json_extract(item.value, '$.competency_id') FROM matches, json_each(matches.trace, "
            "'$.missing') AS item"
        ).fetchone()
        (feedback,) = db.execute("SELECT count(*) FROM match_feedback").fetchone()
    assert trace == old_json
    assert missing == "ia_generative"
    assert feedback == 1


def _old_rows(explanation: str) -> list[tuple[str, tuple[object, ...]]]:
    """A partner, its recruiter and posting, a member, their match and the recruiter's feedback."""
    partner, recruiter, member, posting, match = (uuid.uuid4().hex for _ in range(5))
    at = "2026-11-01 10:00:00"
    return [
        (
            "INSERT INTO partners (id, name, siren, status, tier_code, notes, created_at, updated_at)"
            " VALUES (?, 'Acme', '732829320', 'active', 'partenaire', '', ?, ?)",
            (partner, at, at),
        ),
        (
            "INSERT INTO users (id, email, full_name, password_hash, role, partner_id, is_active, created_at)"
            " VALUES (?, 'rh@acme.fr', 'RH', 'x', 'partner_recruiter', ?, 1, ?)",
            (recruiter, partner, at),
        ),
        (
            "INSERT INTO users (id, email, full_name, password_hash, role, is_active, created_at)"
            " VALUES (?, 'camille@exemple.fr', 'Camille', 'x', 'member', 1, ?)",
            (member, at),
        ),
        (
            "INSERT INTO postings (id, partner_id, kind, contract_type, status, title, description,"
            " normalisation_status, title_attributes, remote_policy, featured, published_at, created_at,"
            " updated_at)"
            " VALUES (?, ?, 'role', 'cdi', 'open', 'Assistant·e', '', 'matched', '{}', 'full', 0, ?, ?, ?)",
            (posting, partner, at, at, at),
        ),
        (
            "INSERT INTO matches (id, posting_id, member_user_id, score, state, explanation, engine_version,"
            " weights, created_at, updated_at) VALUES (?, ?, ?, 71.0, 'active', ?, '1.0.0', '{}', ?, ?)",
            (match, posting, member, explanation, at, at),
        ),
        (
            "INSERT INTO match_feedback"
            " (id, match_id, author_id, relevant, reason, engine_version, created_at)"
            " VALUES (?, ?, ?, 0, 'missing_competency', '1.0.0', ?)",
            (uuid.uuid4().hex, match, recruiter, at),
        ),
    ]


def test_csv_report_files_become_csv_zip_and_the_old_value_is_refused(tmp_path: Path) -> None:
    # given a database at revision 0005 holding a federation report with its CSV archive
    path = tmp_path / "old.sqlite3"
    url = f"sqlite+aiosqlite:///{path}"
    upgrade(url, "0005")
    report, at = uuid.uuid4().hex, "2026-11-01 10:00:00"
    with sqlite3.connect(path) as db:
        db.execute(
            "INSERT INTO reports (id, kind, subject_key, period_key, period_start, period_end, status,"
            " data_version, progress, attempts, scheduled, created_at, updated_at) VALUES"
            " (?, 'federation', 'federation', '2026-10', '2026-10-01', '2026-10-31', 'pending', 'v1', 0,"
            " 1, 0, ?, ?)",
            (report, at, at),
        )
        db.execute(
            "INSERT INTO report_files (report_id, format, media_type, filename, content, created_at)"
            " VALUES (?, 'csv', 'application/zip', 'rapport.zip', x'504b', ?)",
            (report, at),
        )

    # when it is upgraded to the current schema
    upgrade(url)

    # then the archive is kept under its new format name, and the old name is no longer accepted
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT format, content FROM report_files").fetchall() == [("csv_zip", b"PK")]
        try:
            db.execute("UPDATE report_files SET format = 'csv'")
        except sqlite3.IntegrityError:
            refused = True
        else:
            refused = False
    assert refused


def test_places_written_before_communes_get_their_commune_or_stay_at_the_departement(tmp_path: Path) -> None:
    # given a database at revision 0006 with postings and profiles placed by postal code (and town)
    path = tmp_path / "old.sqlite3"
    url = f"sqlite+aiosqlite:///{path}"
    upgrade(url, "0006")
    partner, at = uuid.uuid4().hex, "2026-11-01 10:00:00"
    postings = {"versailles": ("78000", "Versailles"), "vitry": ("51300", None), "lyon": ("69003", "Lyon")}
    members = {"boulogne": "92100", "vitry": "51300"}
    with sqlite3.connect(path) as db:
        db.execute(
            "INSERT INTO partners (id, name, siren, status, tier_code, notes, created_at, updated_at)"
            " VALUES (?, 'Acme', '732829320', 'active', 'partenaire', '', ?, ?)",
            (partner, at, at),
        )
        for key, (postal, town) in postings.items():
            db.execute(
                "INSERT INTO postings (id, partner_id, kind, contract_type, status, title, description,"
                " normalisation_status, title_attributes, remote_policy, featured, created_at, updated_at,"
                " postal_code, commune, departement) VALUES (?, ?, 'role', 'cdi', 'draft', ?, '', 'matched',"
                " '{}', 'none', 0, ?, ?, ?, ?, ?)",
                (uuid.uuid4().hex, partner, key, at, at, postal, town, postal[:2]),
            )
        db.execute(
            "INSERT INTO posting_competencies (posting_id, competency_id, level, required)"
            " SELECT id, 'gestion_agenda', 3, 1 FROM postings"
        )
        for key, postal in members.items():
            user = uuid.uuid4().hex
            db.execute(
                "INSERT INTO users (id, email, full_name, password_hash, role, is_active, created_at)"
                " VALUES (?, ?, 'M', 'x', 'member', 1, ?)",
                (user, f"{key}@exemple.fr", at),
            )
            db.execute(
                "INSERT INTO member_profiles (user_id, bio, postal_code, departement, mobility_departements,"
                " contract_preferences, offers, certifications, other_certifications, visibility,"
                " last_activity_at, created_at, updated_at)"
                " VALUES (?, '', ?, ?, '[]', '[]', '[]', '[]', '[]', 'anonymous', ?, ?, ?)",
                (user, postal, postal[:2], at, at, at),
            )

    # when it is upgraded to the current schema
    upgrade(url)

    # then a postal code and town, or a postal code serving one commune, name the commune; a shared
    # postal code alone stays at the département; existing competencies are not must-haves
    with sqlite3.connect(path) as db:
        placed = dict(db.execute("SELECT title, commune_code FROM postings").fetchall())
        profiles = dict(db.execute("SELECT postal_code, commune_code FROM member_profiles").fetchall())
        must = db.execute("SELECT DISTINCT must_have FROM posting_competencies").fetchall()
    assert placed == {"versailles": "78646", "vitry": None, "lyon": "69383"}
    assert profiles == {"92100": "92012", "51300": None}
    assert must == [(0,)]
