"""Demo roles and strategic-support needs of the active demo partners, created and published
through the postings service (so they are validated, normalised and audited like real ones)."""

from __future__ import annotations

import random
import uuid
from collections.abc import Callable, Sequence
from datetime import date, timedelta
from functools import partial

from sqlalchemy.ext.asyncio import AsyncSession

from server.actor import Actor
from server.db import utcnow
from server.models.accounts import UserRole
from server.models.partners import Partner, PartnerStatus
from server.models.postings import (
    CefrLevel,
    ContractType,
    NeedKind,
    PostingKind,
    RemotePolicy,
    WorkingTime,
)
from server.partners.repository import get_tier
from server.postings import repository, service
from server.postings.validation import CompetencyRequirement, LanguageRequirement, PostingFields

CDI, CDD, INTERIM = ContractType.CDI, ContractType.CDD, ContractType.INTERIM
ALTERNANCE, STAGE, FREELANCE = ContractType.ALTERNANCE, ContractType.STAGE, ContractType.FREELANCE

# Titles as job boards print them (noise included); contract; gross annual k€ (daily rate for
# freelance); minimum years of experience.
DEMO_ROLES: tuple[tuple[str, ContractType, int, int], ...] = (
    ("Assistant(e) de direction H/F", CDI, 36, 3),
    ("Assistante de Direction Bilingue Anglais (H/F) - CDI", CDI, 42, 5),
    ("ASSISTANT DE DIRECTION GENERALE F/H", CDI, 45, 8),
    ("Executive Assistant to the CEO (F/H)", CDI, 52, 8),
    ("Office Manager H/F - Startup", CDI, 40, 4),
    ("Office manager / Assistant·e de direction", CDI, 38, 3),
    ("Assistant administratif H/F", CDI, 25, 1),
    ("Assistante administrative polyvalente (H/F) - CDD 6 mois", CDD, 24, 1),
    ("Assistant.e administratif.ve et commercial.e", CDI, 27, 2),
    ("Agent administratif (H/F) - Intérim", INTERIM, 23, 0),
    ("Secrétaire médicale H/F - Cabinet de radiologie", CDI, 26, 2),
    ("Secrétaire médical·e - Clinique - temps partiel", CDI, 24, 1),
    ("Secretaire medicale (F/H) URGENT", CDD, 25, 1),
    ("Secrétaire juridique H/F - Droit des sociétés", CDI, 32, 3),
    ("Assistant juridique / Legal assistant (F/H)", CDI, 35, 3),
    ("Assistant(e) juridique contentieux - CDD 12 mois", CDD, 31, 2),
    ("Secrétaire comptable H/F", CDI, 28, 2),
    ("Assistant comptable (H/F) - Alternance", ALTERNANCE, 16, 0),
    ("Aide-comptable / Assistant comptable H/F", CDI, 27, 2),
    ("Assistant RH H/F", CDI, 30, 2),
    ("Assistant(e) Ressources Humaines - paie et ADP", CDI, 31, 2),
    ("Assistant RH (H/F) - Alternance Bac+3", ALTERNANCE, 15, 0),
    ("Gestionnaire de paie H/F", CDI, 36, 3),
    ("Assistant commercial sédentaire H/F", CDI, 28, 1),
    ("Assistante commerciale ADV (H/F) - Anglais courant", CDI, 31, 2),
    ("Assistant ADV H/F - CDD 8 mois", CDD, 29, 1),
    ("Assistant(e) administration des ventes export", CDI, 33, 3),
    ("Assistant import-export H/F - Incoterms", CDI, 34, 3),
    ("Assistant achats (H/F)", CDI, 30, 2),
    ("Chargé d'accueil H/F - Hôtel 4*", CDI, 23, 0),
    ("Chargé·e d'accueil et standard - temps partiel", CDD, 22, 0),
    ("Hôte / Hôtesse d'accueil en entreprise (H/F)", INTERIM, 22, 0),
    ("Standardiste H/F - 35h", CDI, 22, 0),
    ("Receptionist (H/F) - Paris 8e", CDI, 25, 1),
    ("Télésecrétaire indépendante / Assistant virtuel (H/F)", FREELANCE, 260, 3),
    ("Assistante virtuelle freelance (H/F) - missions récurrentes", FREELANCE, 300, 4),
    ("Office manager freelance - 2 jours par semaine", FREELANCE, 350, 5),
    ("Opérateur de saisie H/F", INTERIM, 21, 0),
    ("Opérateur·rice de saisie - dématérialisation", CDD, 21, 0),
    ("Secrétaire facturière (H/F)", CDI, 25, 1),
    ("Assistant de gestion administrative PME H/F", CDI, 29, 2),
    ("Assistant de gestion H/F - Stage 6 mois", STAGE, 8, 0),
    ("Secrétaire H/F", CDI, 24, 1),
    ("Secrétaire polyvalent·e - Mairie", CDD, 24, 1),
    ("Secrétaire de mairie H/F - Commune de 2 000 habitants", CDI, 27, 2),
    ("Secrétaire technique BTP (H/F)", CDI, 28, 2),
    ("Assistant(e) technique bureau d'études", CDI, 29, 2),
    ("Assistant de projet H/F - Transformation digitale", CDI, 36, 3),
    ("Assistant·e de projet PMO", CDD, 35, 2),
    ("Assistant d'équipe (H/F) - Direction financière", CDI, 33, 2),
    ("Team Assistant H/F - English speaking", CDI, 35, 2),
    ("Chargé de mission auprès de la direction H/F", CDI, 40, 5),
    ("Assistant contrôle budgétaire (H/F)", CDI, 33, 2),
    ("Secrétaire scolaire H/F - Lycée privé", CDI, 23, 1),
    ("Assistant service clients H/F", CDI, 26, 1),
    ("Personal Assistant (PA) to Managing Director - H/F", CDI, 48, 6),
    ("Assistante de direction confirmée F/H - Lyon", CDI, 40, 5),
    ("Asst. Dir. trilingue anglais/allemand H/F", CDI, 44, 5),
    ("Assistant administratif et RH - temps partiel 24h", CDI, 24, 1),
    ("Assistant(e) de direction - Senior - Groupe hôtelier", CDI, 47, 8),
)

# title, kind, team size, duration in days, budget in euros (None: daily rate), competencies
DEMO_NEEDS: tuple[tuple[str, NeedKind, int, int, int | None, tuple[str, ...]], ...] = (
    (
        "Former l'équipe d'assistanat à l'IA générative",
        NeedKind.UPSKILLING,
        8,
        3,
        4500,
        ("ia_generative", "formation_outils_numeriques"),
    ),
    (
        "Montée en compétences Excel avancé pour 6 assistant·es",
        NeedKind.UPSKILLING,
        6,
        2,
        2400,
        ("tableur_avance", "animer_formation"),
    ),
    (
        "Atelier prise de notes et comptes rendus efficaces",
        NeedKind.UPSKILLING,
        10,
        1,
        1200,
        ("comptes_rendus", "prise_notes"),
    ),
    (
        "Formation anglais professionnel de l'accueil",
        NeedKind.UPSKILLING,
        5,
        10,
        6000,
        ("anglais_professionnel", "accueil_telephonique"),
    ),
    (
        "Initiation à la gestion de projet pour les assistantes et assistants",
        NeedKind.UPSKILLING,
        12,
        2,
        3000,
        ("gestion_projet", "outils_gestion_projet"),
    ),
    (
        "Réorganiser la fonction assistanat du siège",
        NeedKind.STRATEGIC_SUPPORT,
        15,
        20,
        18000,
        ("conduite_changement", "amelioration_processus"),
    ),
    (
        "Déployer Microsoft Copilot auprès des équipes support",
        NeedKind.STRATEGIC_SUPPORT,
        25,
        15,
        None,
        ("deploiement_outil_numerique", "ia_generative"),
    ),
    (
        "Intégrer les assistant·es au projet de certification qualité",
        NeedKind.STRATEGIC_SUPPORT,
        6,
        12,
        9000,
        ("demarche_qualite", "redaction_procedures"),
    ),
    (
        "Mettre en place une GED et des règles d'archivage",
        NeedKind.STRATEGIC_SUPPORT,
        9,
        10,
        None,
        ("ged", "classement_archivage"),
    ),
    (
        "Tableaux de bord de direction : cadrage et mise en place",
        NeedKind.STRATEGIC_SUPPORT,
        4,
        8,
        7000,
        ("tableaux_bord", "reporting_activite"),
    ),
    (
        "Renfort secrétariat pour un déménagement de site",
        NeedKind.MISSION,
        3,
        15,
        None,
        ("organisation_evenements", "services_generaux"),
    ),
    (
        "Organisation d'un séminaire de 120 personnes",
        NeedKind.MISSION,
        2,
        10,
        None,
        ("organisation_evenements", "relation_prestataires"),
    ),
    (
        "Reprise d'un retard de facturation (3 mois)",
        NeedKind.MISSION,
        2,
        20,
        None,
        ("facturation", "relance_impayes"),
    ),
    (
        "Remplacement d'une assistante de direction pendant un congé",
        NeedKind.MISSION,
        1,
        60,
        None,
        ("gestion_agenda", "interface_direction"),
    ),
    (
        "Numérisation et classement des dossiers du personnel",
        NeedKind.MISSION,
        1,
        25,
        None,
        ("dematerialisation", "confidentialite"),
    ),
    (
        "Mentorat d'une assistante nouvellement promue office manager",
        NeedKind.MENTORING,
        1,
        6,
        1500,
        ("mentorat", "coordination_equipe"),
    ),
    (
        "Mentorat pour deux alternant·es en assistanat RH",
        NeedKind.MENTORING,
        2,
        10,
        2000,
        ("tutorat", "administration_personnel"),
    ),
    (
        "Accompagner une assistante vers un rôle de chargée de mission",
        NeedKind.MENTORING,
        1,
        8,
        None,
        ("mentorat", "notes_aide_decision"),
    ),
    (
        "Appui méthodologique à la démarche RSE des services généraux",
        NeedKind.STRATEGIC_SUPPORT,
        5,
        6,
        5000,
        ("demarche_rse", "fresque_climat"),
    ),
    (
        "Former les assistant·es médicales au nouveau logiciel patient",
        NeedKind.UPSKILLING,
        7,
        2,
        2800,
        ("logiciels_medicaux", "formation_outils_numeriques"),
    ),
)
LANGUAGES = ("en", "de", "es", "it")
ROLE_PITCHES = (
    "vous organisez l'agenda et les déplacements de la direction et préparez les instances.",
    "vous assurez l'accueil, le suivi administratif des dossiers et la coordination de l'équipe.",
    "vous prenez en charge la facturation, les relances et le classement des pièces.",
    "vous rédigez courriers et comptes rendus et faites le lien avec les clients.",
    "vous pilotez les outils collaboratifs de l'équipe et participez aux projets de digitalisation.",
)


def _demo_actor(partner: Partner) -> Actor:
    return Actor(
        user_id=None,
        role=UserRole.PARTNER_ADMIN,
        partner_id=partner.id,
        label=f"données de démonstration ({partner.name})",
    )


def _place(partner: Partner, rng: random.Random, fields: PostingFields) -> None:
    """Most postings are at the company's address; some partly or fully remote."""
    draw = rng.random()
    if draw < 0.12:
        fields.remote_policy = RemotePolicy.FULL
        return
    fields.postal_code, fields.commune = partner.postal_code, partner.commune
    if partner.postal_code is None:
        fields.departement = partner.departement
    if draw < 0.55:
        fields.remote_policy, fields.remote_days = RemotePolicy.PARTIAL, rng.choice((1, 2, 2, 3))
    else:
        fields.remote_policy = RemotePolicy.NONE


def _role_fields(
    spec: tuple[str, ContractType, int, int], rng: random.Random, today: date, partner: Partner
) -> PostingFields:
    title, contract, pay, experience = spec
    start = today + timedelta(days=rng.randint(7, 60))
    fields = PostingFields(
        title=title,
        contract_type=contract,
        min_experience_years=experience,
        description=f"{partner.name} ({partner.sector or 'entreprise'}) : "
        f"{rng.choice(ROLE_PITCHES)} Poste ouvert à toutes et à tous.",
        start_date=start,
        expiry_date=start + timedelta(days=rng.randint(7, 45)),
    )
    if contract is FREELANCE:
        fields.daily_rate = pay
    else:
        fields.salary_min, fields.salary_max = pay * 1000 - 1000, pay * 1000 + 2000
    if contract is CDD:
        fields.contract_months = rng.choice((3, 6, 8, 12, 18))
    elif contract in (INTERIM, STAGE, ALTERNANCE):
        fields.contract_months = {INTERIM: 2, STAGE: 6, ALTERNANCE: 24}[contract]
    part_time = "temps partiel" in title.lower() or "24h" in title
    fields.working_time = WorkingTime.PART_TIME if part_time else WorkingTime.FULL_TIME
    if part_time:
        fields.weekly_hours = 24
    if any(word in title.lower() for word in ("anglais", "english", "bilingue", "executive")):
        fields.languages = [LanguageRequirement("en", rng.choice((CefrLevel.B2, CefrLevel.C1)))]
    elif rng.random() < 0.3:
        fields.languages = [
            LanguageRequirement(rng.choice(LANGUAGES), rng.choice((CefrLevel.B1, CefrLevel.B2)))
        ]
    _place(partner, rng, fields)
    return fields


def _need_fields(
    spec: tuple[str, NeedKind, int, int, int | None, tuple[str, ...]],
    rng: random.Random,
    today: date,
    partner: Partner,
) -> PostingFields:
    title, kind, team, days, budget, competencies = spec
    start = today + timedelta(days=rng.randint(14, 75))
    fields = PostingFields(
        title=title,
        need_kind=kind,
        team_size=team,
        duration_days=days,
        budget=budget,
        daily_rate=None if budget is not None else rng.choice((350, 400, 450, 500)),
        description=f"{partner.name} cherche l'appui d'un·e professionnel·le de l'assistanat : "
        f"{title[0].lower()}{title[1:]}.",
        start_date=start,
        expiry_date=start + timedelta(days=rng.randint(7, 30)),
        competencies=[CompetencyRequirement(cid, rng.choice((3, 4)), True) for cid in competencies],
    )
    _place(partner, rng, fields)
    return fields


async def load_demo_postings(session: AsyncSession, partners: Sequence[Partner]) -> int:
    """About 60 roles and 20 needs spread over the active partners, published; 0 if already there."""
    active = [partner for partner in partners if partner.status is PartnerStatus.ACTIVE]
    if not active or await repository.count_for_partners(session, [p.id for p in active]):
        return 0
    rng = random.Random(2026)  # noqa: S311 — demo data, reproducible on purpose
    today = utcnow().date()
    room: dict[uuid.UUID, float] = {}
    for partner in active:
        tier = await get_tier(session, partner.tier_code)
        quota = None if tier is None else tier.max_open_postings
        room[partner.id] = float("inf") if quota is None else quota
    builders: Sequence[tuple[PostingKind, Callable[[Partner], PostingFields]]] = [
        (PostingKind.ROLE, partial(_role_fields, spec, rng, today)) for spec in DEMO_ROLES
    ] + [(PostingKind.NEED, partial(_need_fields, spec, rng, today)) for spec in DEMO_NEEDS]
    created = 0
    for index, (kind, build) in enumerate(builders):
        candidates = [p for p in active if room[p.id] > 0]
        if not candidates:
            break
        partner = candidates[index % len(candidates)]
        fields = build(partner)
        actor = _demo_actor(partner)
        posting = await service.create_posting(session, actor, kind, fields, today=today)
        await service.move(session, actor, posting.id, service.PUBLISH, today=today)
        room[partner.id] -= 1
        created += 1
    return created
