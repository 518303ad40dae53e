"""Demo members: fictional assistants with titles as people write them, deterministic and idempotent.

Every run draws the same people from a seeded generator; a member whose e-mail already exists is
skipped, so running the demo twice creates nothing new. Titles go through the live normaliser like
any saved title (unsure ones land in the review queue, which the demo is meant to show).
"""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from matching import Framework
from server.framework.service import live_framework, normalise_title
from server.jobs.match_requests import member_changed
from server.models.accounts import User, UserRole
from server.models.members import (
    Certification,
    ConsentRecord,
    MemberCompetency,
    MemberExperience,
    MemberLanguage,
    MemberProfile,
    ProfessionalStatus,
    Visibility,
)
from server.models.postings import CefrLevel, ContractType, NeedKind, RemotePolicy, WorkingTime

SEED = 2026
EMAIL_DOMAIN = "membres.passerelle.demo"
# The day the demo's history is anchored on: activities fall in the 20 months before it, so no demo
# member is near the two-year retention limit.
ANCHOR = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)

# Occupation → titles as members really type them (gender marks, caps, noise, English, slips).
TITLES: dict[str, tuple[str, ...]] = {
    "assistant_direction": (
        "Assistante de direction",
        "Assistant(e) de Direction H/F",
        "ASSISTANTE DE DIRECTION",
        "Assistante de direction bilingue anglais",
        "Executive assistant",
        "Assistante de direction générale",
    ),
    "secretaire_medical": (
        "Secrétaire médicale",
        "Secretaire medicale",
        "Secrétaire médical(e)",
        "Medical secretary",
        "Secrétaire médicale en cabinet de radiologie",
    ),
    "assistant_rh": (
        "Assistante RH",
        "Assistant·e ressources humaines",
        "HR assistant",
        "Assistante ressources humaines et paie",
    ),
    "office_manager": ("Office manager", "Office Manager H/F", "Office manager - start-up"),
    "assistant_comptable": ("Assistante comptable", "Aide-comptable", "Assistant comptable confirmé"),
    "assistant_commercial": ("Assistante commerciale", "Assistant(e) commercial(e)", "Sales assistant"),
    "assistant_adv": ("Assistante ADV", "Assistant·e administration des ventes", "Assistante ADV export"),
    "agent_administratif": ("Agent administratif", "Agente administrative", "Agent adm."),
    "charge_accueil": (
        "Chargée d'accueil",
        "Hôtesse d'accueil",
        "Receptionist",
        "Agent d'accueil et standard",
    ),
    "secretaire": ("Secrétaire", "Secrétaire polyvalente", "Secrétaire administrative"),
    "assistant_juridique": ("Assistante juridique", "Legal assistant", "Secrétaire juridique"),
    "telesecretaire": ("Télésecrétaire", "Télésecrétaire indépendante"),
    "assistant_virtuel": (
        "Assistante virtuelle indépendante",
        "Virtual assistant freelance",
        "Assistante administrative freelance",
    ),
    "assistant_gestion_administrative": (
        "Assistante de gestion",
        "Assistante administrative",
        "Assistant administratif et comptable",
    ),
    "assistant_projet": ("Assistante de projet", "Project assistant"),
    "charge_mission_direction": (
        "Chargée de mission auprès de la direction",
        "Chargé de mission direction générale",
    ),
    "secretaire_mairie": ("Secrétaire de mairie",),
    "gestionnaire_paie": ("Gestionnaire de paie", "Gestionnaire paie et administration du personnel"),
    "standardiste": ("Standardiste", "Standardiste bilingue"),
    "operateur_saisie": ("Opératrice de saisie", "Agent de saisie"),
    "assistant_achats": ("Assistante achats", "Assistant(e) achats"),
    "assistant_equipe": ("Assistante d'équipe", "Team assistant"),
}
EMPLOYERS = (
    ("Groupe Hospitalier Sud", "Santé"),
    ("Cabinet Lefort Avocats", "Juridique"),
    ("Métropole de Lyon", "Secteur public"),
    ("Transports Garnier", "Transport et logistique"),
    ("Banque Régionale de l'Ouest", "Banque et assurance"),
    ("Atelier Numérique", "Numérique"),
    ("Maison Dufresne", "Commerce"),
    ("Bureau d'études Alpin", "Ingénierie"),
    ("Association Trait d'Union", "Économie sociale et solidaire"),
    ("Hôtel des Arts", "Hôtellerie"),
    ("Laboratoires Verdier", "Industrie pharmaceutique"),
    ("Mairie de Saint-Aubin", "Secteur public"),
)
# Département → postal codes, weighted by where members live (big cities first).
PLACES: tuple[tuple[str, tuple[str, ...], int], ...] = (
    ("75", ("75008", "75011", "75015", "75017", "75020"), 22),
    ("92", ("92100", "92200"), 8),
    ("93", ("93100", "93200"), 5),
    ("94", ("94000", "94300"), 5),
    ("69", ("69003", "69007"), 10),
    ("13", ("13001", "13008"), 8),
    ("33", ("33000", "33700"), 7),
    ("31", ("31000", "31400"), 6),
    ("59", ("59000", "59100"), 6),
    ("44", ("44000", "44300"), 5),
    ("35", ("35000",), 4),
    ("67", ("67000",), 4),
    ("34", ("34000",), 4),
    ("06", ("06000", "06400"), 4),
    ("38", ("38000",), 3),
    ("76", ("76000", "76600"), 3),
    ("21", ("21000",), 2),
    ("63", ("63000",), 2),
    ("974", ("97400",), 2),
    ("2A", ("20000",), 1),
    ("87", ("87000",), 1),
)
FIRST_NAMES = (
    "Camille",
    "Nadia",
    "Sophie",
    "Julie",
    "Fatima",
    "Isabelle",
    "Claire",
    "Aurélie",
    "Sarah",
    "Léa",
    "Émilie",
    "Karima",
    "Sandrine",
    "Nathalie",
    "Chloé",
    "Inès",
    "Manon",
    "Yasmina",
    "Thomas",
    "Karim",
    "Julien",
    "Alexandre",
    "Mehdi",
    "Nicolas",
    "Dominique",
    "Laurence",
    "Céline",
    "Mathilde",
    "Amandine",
    "Océane",
)
LAST_NAMES = (
    "Martin",
    "Bernard",
    "Dubois",
    "Thomas",
    "Robert",
    "Richard",
    "Petit",
    "Durand",
    "Leroy",
    "Moreau",
    "Simon",
    "Laurent",
    "Lefebvre",
    "Michel",
    "Garcia",
    "David",
    "Bertrand",
    "Roux",
    "Vincent",
    "Fournier",
    "Morel",
    "Girard",
    "Andre",
    "Mercier",
    "Blanc",
    "Guerin",
    "Boyer",
    "Garnier",
    "Chevalier",
    "Benali",
    "Nguyen",
    "Haddad",
    "Da Silva",
    "Lambert",
    "Fontaine",
)
EXTRA_COMPETENCIES = (
    "ia_generative",
    "tableur_avance",
    "outils_collaboratifs",
    "automatisation_taches",
    "gestion_projet",
    "anglais_professionnel",
    "rgpd",
    "conduite_changement",
    "animer_formation",
    "mentorat",
)
BIOS = (
    "Organisée et discrète, j'aime rendre le quotidien d'une équipe plus simple.",
    "Je coordonne agendas, déplacements et dossiers sensibles depuis plus de dix ans.",
    "Passionnée par les outils numériques, j'accompagne les équipes dans leur adoption.",
    "Polyvalence, rigueur et sens du service : je cherche un poste où l'on s'appuie sur moi.",
    "Indépendante, j'interviens en renfort administratif auprès de TPE et de professions libérales.",
    "",
)


@dataclass(frozen=True)
class _Person:
    email: str
    full_name: str
    occupation_id: str
    title: str
    years: int
    status: ProfessionalStatus
    visibility: Visibility
    departement: str
    postal_code: str
    created_at: datetime
    last_activity_at: datetime


def _index_of(person: _Person) -> int:
    """The person's position in the demo list, read back from their (unique) e-mail."""
    return int(person.email.split("@")[0].rsplit(".", 1)[1])


def _person(rng: random.Random, index: int) -> _Person:
    first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
    occupation_id = rng.choice(list(TITLES))
    departement, postal_codes, _ = rng.choices(PLACES, weights=[p[2] for p in PLACES])[0]
    created_at = ANCHOR - timedelta(days=rng.randint(30, 600))
    activity = created_at + (ANCHOR - created_at) * rng.random()
    slug = f"{first}.{last}".lower().replace(" ", "").translate(str.maketrans("éèêëïîôç", "eeeeiioc"))
    return _Person(
        email=f"{slug}.{index:03d}@{EMAIL_DOMAIN}",
        full_name=f"{first} {last}",
        occupation_id=occupation_id,
        title=rng.choice(TITLES[occupation_id]),
        years=rng.choice((1, 2, 3, 5, 6, 8, 10, 12, 15, 18, 22, 25)),
        status=rng.choices(list(ProfessionalStatus), weights=(6, 2, 2))[0],
        visibility=rng.choices(list(Visibility), weights=(3, 4, 3))[0],
        departement=departement,
        postal_code=rng.choice(postal_codes),
        created_at=created_at,
        last_activity_at=activity,
    )


def _competencies(rng: random.Random, framework: Framework, person: _Person) -> dict[str, int]:
    typical = framework.occupation(person.occupation_id).competencies
    chosen = rng.sample(list(typical), k=min(len(typical), rng.randint(3, 7)))
    seniority = 1 if person.years >= 10 else 0 if person.years >= 4 else -1
    levels = {
        item.competency_id: max(1, min(4, item.level + seniority + rng.choice((-1, 0, 0, 1))))
        for item in chosen
    }
    for competency_id in rng.sample(EXTRA_COMPETENCIES, k=rng.randint(0, 3)):
        levels.setdefault(competency_id, rng.randint(1, 3))
    return levels


def _offers(rng: random.Random, person: _Person) -> list[str]:
    if person.years < 5 and person.status is not ProfessionalStatus.INDEPENDENT:
        return []
    kinds = [NeedKind.MISSION, NeedKind.MENTORING, NeedKind.UPSKILLING, NeedKind.STRATEGIC_SUPPORT]
    return [kind.value for kind in rng.sample(kinds, k=rng.randint(0, 3))]


async def _experiences(
    session: AsyncSession, rng: random.Random, person: _Person, user_id: uuid.UUID
) -> list[MemberExperience]:
    """The current (or last) job under the headline's occupation, then up to two earlier ones."""
    experiences: list[MemberExperience] = []
    cursor = ANCHOR.date().replace(day=1)
    end: date | None = None
    if person.status is ProfessionalStatus.JOB_SEEKING:
        end = cursor = date(cursor.year - 1, cursor.month, 1)
    for _ in range(rng.randint(1, 3)):
        start = date(cursor.year - rng.randint(1, 5), rng.randint(1, 12), 1)
        occupation_id = person.occupation_id if not experiences else rng.choice(list(TITLES))
        title = rng.choice(TITLES[occupation_id])
        match = await normalise_title(session, title, source="profile", source_id=user_id)
        employer, sector = rng.choice(EMPLOYERS)
        experiences.append(
            MemberExperience(
                user_id=user_id,
                title=title,
                employer=employer,
                sector=sector,
                start_month=start,
                end_month=end,
                confidence=match.confidence,
                match_status=match.status,
                occupation_id=None if match.occupation is None else match.occupation.id,
            )
        )
        end = cursor = (start - timedelta(days=1)).replace(day=1)
    return experiences


async def _create(
    session: AsyncSession,
    rng: random.Random,
    framework: Framework,
    person: _Person,
    password_hash: str,
) -> None:
    user = User(
        email=person.email,
        full_name=person.full_name,
        role=UserRole.MEMBER,
        password_hash=password_hash,
        created_at=person.created_at,
        last_login_at=person.last_activity_at,
        email_verified_at=person.created_at,
    )
    session.add(user)
    await session.flush()
    headline = await normalise_title(session, person.title, source="profile", source_id=user.id)
    independent = person.status is ProfessionalStatus.INDEPENDENT
    contracts = (
        [ContractType.FREELANCE]
        if independent
        else rng.sample(
            [ContractType.CDI, ContractType.CDD, ContractType.INTERIM, ContractType.ALTERNANCE], k=2
        )
    )
    profile = MemberProfile(
        user_id=user.id,
        headline_title=person.title,
        headline_occupation_id=None if headline.occupation is None else headline.occupation.id,
        headline_confidence=headline.confidence,
        headline_match_status=headline.status,
        bio=rng.choice(BIOS),
        years_of_experience=person.years,
        # unique by construction: the sequence part comes from the (unique) e-mail's index
        membership_number=f"FED-{2020 + rng.randint(0, 6)}-{_index_of(person):05d}"
        if rng.random() < 0.6
        else None,
        postal_code=person.postal_code,
        departement=person.departement,
        mobility_radius_km=rng.choice((None, 10, 20, 30, 50, 100)),
        mobility_departements=[person.departement] if rng.random() < 0.5 else [],
        remote_preference=rng.choice(list(RemotePolicy)),
        contract_preferences=[contract.value for contract in contracts],
        working_time_preference=rng.choice((None, WorkingTime.FULL_TIME, WorkingTime.PART_TIME)),
        status=person.status,
        available_from=(ANCHOR + timedelta(days=rng.randint(0, 120))).date()
        if person.status is not ProfessionalStatus.SALARIED or rng.random() < 0.3
        else None,
        salary_expectation=None if independent else rng.randrange(24_000, 52_000, 1_000),
        daily_rate=rng.randrange(250, 550, 10) if independent else None,
        offers=_offers(rng, person),
        certifications=[
            c.value
            for c in rng.sample(
                [
                    Certification.SST,
                    Certification.EPI,
                    Certification.FRESQUE_CLIMAT,
                    Certification.PIX,
                    Certification.VOLTAIRE,
                ],
                k=rng.choice((0, 0, 1, 1, 2)),
            )
        ],
        other_certifications=[],
        visibility=person.visibility,
        created_at=person.created_at,
        last_activity_at=person.last_activity_at,
    )
    profile.experiences = await _experiences(session, rng, person, user.id)
    profile.competencies = [
        MemberCompetency(user_id=user.id, competency_id=competency_id, level=level)
        for competency_id, level in _competencies(rng, framework, person).items()
    ]
    profile.languages = [
        MemberLanguage(user_id=user.id, language=code, level=level) for code, level in _languages(rng)
    ]
    session.add(profile)
    session.add(
        ConsentRecord(
            user_id=user.id,
            visibility=Visibility.HIDDEN,
            previous=None,
            source="sign_up",
            at=person.created_at,
        )
    )
    if person.visibility is not Visibility.HIDDEN:
        session.add(
            ConsentRecord(
                user_id=user.id,
                visibility=person.visibility,
                previous=Visibility.HIDDEN,
                source="member",
                at=person.created_at + (person.last_activity_at - person.created_at) / 2,
            )
        )
        await member_changed(session, user.id)


def _languages(rng: random.Random) -> list[tuple[str, CefrLevel]]:
    picks = [("en", rng.choice((CefrLevel.A2, CefrLevel.B1, CefrLevel.B2, CefrLevel.C1)))]
    if rng.random() < 0.3:
        picks.append(
            (
                rng.choice(("es", "de", "it", "ar", "pt")),
                rng.choice((CefrLevel.A1, CefrLevel.A2, CefrLevel.B1, CefrLevel.C2)),
            )
        )
    return picks if rng.random() < 0.85 else []


async def load_demo_members(session: AsyncSession, count: int = 200, *, password_hash: str) -> int:
    """Create up to `count` demo members (those already there are kept); returns how many were new.

    All members share the demo password, hashed once by the caller (argon2 is slow on purpose).
    """
    rng = random.Random(SEED)  # noqa: S311 — fictional demo data, not cryptography
    people = [_person(rng, index) for index in range(count)]
    existing = set(
        await session.scalars(select(User.email).where(User.email.in_([person.email for person in people])))
    )
    framework = await live_framework(session)
    created = 0
    for index, person in enumerate(people):
        # One generator per member: skipping an existing member leaves the others unchanged.
        member_rng = random.Random(f"{SEED}:{index}")  # noqa: S311 — demo data, as above
        if person.email in existing:
            continue
        await _create(session, member_rng, framework, person, password_hash)
        created += 1
    await session.flush()
    return created
