"""Accounts for tests and benchmarks, built straight through the models (no HTTP, no login)."""

from __future__ import annotations

import uuid
from datetime import timedelta
from functools import lru_cache
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from server.accounts.secrets import hash_password, new_token
from server.db import transaction, utcnow
from server.models.accounts import AuthToken, User, UserRole
from server.models.partners import Partner, PartnerStatus

PASSWORD = "Motdepasse-solide-42"
VALID_SIRENS = ("552100554", "732829320", "542065479", "443061841", "383474814", "130005481")


@lru_cache(maxsize=8)
def cached_hash(password: str) -> str:
    """argon2 is slow on purpose; tests hash each distinct password once."""
    return hash_password(password)


async def issue_token(factory: async_sessionmaker[AsyncSession], user_id: uuid.UUID) -> str:
    """A session token without going through login (login has its own tests)."""
    raw, hashed = new_token()
    async with transaction(factory) as session:
        session.add(
            AuthToken(
                user_id=user_id,
                token_hash=hashed,
                expires_at=utcnow() + timedelta(hours=1),
                last_used_at=utcnow(),  # as `open_session` does: no touch on the first request
            )
        )
    return raw


async def create_user(
    factory: async_sessionmaker[AsyncSession],
    *,
    email: str,
    role: UserRole,
    partner_id: uuid.UUID | None = None,
    password: str = PASSWORD,
    active: bool = True,
) -> User:
    async with transaction(factory) as session:
        user = User(
            email=email,
            full_name=email.split("@")[0],
            role=role,
            partner_id=partner_id,
            password_hash=cached_hash(password),
            is_active=active,
            email_verified_at=utcnow(),
        )
        session.add(user)
    return user


async def create_partner(
    factory: async_sessionmaker[AsyncSession],
    *,
    name: str = "Acme",
    siren: str = VALID_SIRENS[0],
    status: PartnerStatus = PartnerStatus.ACTIVE,
    tier_code: str = "partenaire",
    **over: Any,
) -> Partner:
    async with transaction(factory) as session:
        partner = Partner(name=name, siren=siren, status=status, tier_code=tier_code, notes="", **over)
        session.add(partner)
    return partner
