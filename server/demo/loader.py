"""`passerelle demo`: realistic demo data for `make run`, safe to run again (idempotent)."""

from __future__ import annotations

from server.accounts.secrets import hash_password
from server.db import create_engine, create_session_factory, transaction
from server.demo.members import load_demo_members
from server.demo.partners import DEMO_ADMIN_EMAIL, load_demo_partners
from server.demo.postings import load_demo_postings
from server.migrations_runner import ensure_schema_current
from server.settings import Settings

DEMO_PASSWORD = "Passerelle-demo-2026"  # noqa: S105  (published in the README on purpose)


async def load_demo(settings: Settings) -> str:
    engine = create_engine(settings.database_url)
    try:
        await ensure_schema_current(engine)
        password_hash = hash_password(DEMO_PASSWORD)
        async with transaction(create_session_factory(engine)) as session:
            partners = await load_demo_partners(session, password_hash)
            postings = await load_demo_postings(session, partners)
            members = await load_demo_members(session, 200, password_hash=password_hash)
    finally:
        await engine.dispose()
    return (
        f"Données de démonstration prêtes : {len(partners)} partenaires, {postings} offres et besoins "
        f"créés, {members} membres créés.\n"
        f"Connexion fédération : {DEMO_ADMIN_EMAIL} / {DEMO_PASSWORD} "
        f"(partenaires : rh@<siren>.example, membres : voir la liste des comptes ; même mot de passe)."
    )
