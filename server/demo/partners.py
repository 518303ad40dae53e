"""Demo partner companies and their users (fictional names, valid identifiers)."""

from __future__ import annotations

from datetime import date

from sqlalchemy.ext.asyncio import AsyncSession

from server.accounts.repository import get_user_by_email
from server.db import utcnow
from server.kit.identifiers import luhn_valid
from server.models.accounts import User, UserRole
from server.models.partners import Partner, PartnerSizeBand, PartnerStatus
from server.partners.repository import get_partner_by_siren

# name, sector, NAF, size, postal code, commune, tier, status, renewal
DEMO_PARTNERS: tuple[tuple[str, str, str, PartnerSizeBand, str, str, str, PartnerStatus, date], ...] = (
    (
        "Groupe Lumière Hôtellerie",
        "Hôtellerie",
        "55.10Z",
        PartnerSizeBand.ETI,
        "69002",
        "Lyon",
        "premium",
        PartnerStatus.ACTIVE,
        date(2027, 3, 31),
    ),
    (
        "Cabinet Martin & Associés",
        "Conseil juridique",
        "69.10Z",
        PartnerSizeBand.PME,
        "75008",
        "Paris",
        "partenaire",
        PartnerStatus.ACTIVE,
        date(2026, 12, 15),
    ),
    (
        "Clinique du Parc",
        "Santé",
        "86.10Z",
        PartnerSizeBand.PME,
        "33000",
        "Bordeaux",
        "partenaire",
        PartnerStatus.ACTIVE,
        date(2027, 6, 30),
    ),
    (
        "Transports Rhodaniens",
        "Transport et logistique",
        "49.41A",
        PartnerSizeBand.ETI,
        "38000",
        "Grenoble",
        "premium",
        PartnerStatus.ACTIVE,
        date(2027, 1, 31),
    ),
    (
        "Numérique Atlantique",
        "Édition de logiciels",
        "58.29C",
        PartnerSizeBand.PME,
        "44000",
        "Nantes",
        "decouverte",
        PartnerStatus.ACTIVE,
        date(2026, 11, 30),
    ),
    (
        "Industries Vosgiennes",
        "Industrie",
        "25.62B",
        PartnerSizeBand.GRANDE,
        "88000",
        "Épinal",
        "partenaire",
        PartnerStatus.ACTIVE,
        date(2027, 9, 30),
    ),
    (
        "Banque Coopérative du Sud",
        "Banque",
        "64.19Z",
        PartnerSizeBand.GRANDE,
        "13001",
        "Marseille",
        "premium",
        PartnerStatus.PROSPECT,
        date(2027, 12, 31),
    ),
    (
        "Agence Horizon Événements",
        "Événementiel",
        "82.30Z",
        PartnerSizeBand.MICRO,
        "59000",
        "Lille",
        "decouverte",
        PartnerStatus.SUSPENDED,
        date(2026, 10, 31),
    ),
)
DEMO_ADMIN_EMAIL = "admin@passerelle.demo"


def demo_siren(seed: int) -> str:
    """A SIREN with a valid Luhn key, stable for a given seed."""
    body = f"{84_000_000 + seed * 7_919:08d}"
    for key in range(10):
        if luhn_valid(body + str(key)):
            return body + str(key)
    raise ValueError("unreachable: one key digit always satisfies Luhn")


async def load_demo_partners(session: AsyncSession, password_hash: str) -> list[Partner]:
    partners: list[Partner] = []
    for index, (name, sector, naf, size, postal, commune, tier, status, renewal) in enumerate(DEMO_PARTNERS):
        siren = demo_siren(index)
        partner = await get_partner_by_siren(session, siren)
        if partner is None:
            partner = Partner(
                name=name,
                siren=siren,
                naf_code=naf,
                sector=sector,
                size_band=size,
                postal_code=postal,
                commune=commune,
                departement=postal[:2],
                tier_code=tier,
                status=status,
                start_date=date(2025, 1, 15),
                renewal_date=renewal,
                notes="",
                website=f"https://www.{siren}.example",
            )
            session.add(partner)
            await session.flush()
        partners.append(partner)
        email = f"rh@{siren}.example"
        if await get_user_by_email(session, email) is None:
            session.add(
                User(
                    email=email,
                    full_name=f"Service RH – {name}",
                    role=UserRole.PARTNER_ADMIN,
                    partner_id=partner.id,
                    password_hash=password_hash,
                    email_verified_at=utcnow(),
                )
            )
    if await get_user_by_email(session, DEMO_ADMIN_EMAIL) is None:
        session.add(
            User(
                email=DEMO_ADMIN_EMAIL,
                full_name="Équipe de la fédération",
                role=UserRole.FEDERATION_ADMIN,
                password_hash=password_hash,
                email_verified_at=utcnow(),
            )
        )
    return partners
