"""Turn the grouped figures of `aggregation` into the tables of a report, with French labels.

Two builders, one per kind; they only read (the job commits the result). `step` is called between
blocks of queries so the job can report its progress.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache

from sqlalchemy.ext.asyncio import AsyncSession

from matching.framework import Framework, load_framework
from matching.regions import region_of
from matching.scoring.geo import departement_name
from matching.scoring.labels import NEED_LABELS
from server.db import utcnow
from server.models.members import Visibility
from server.models.partners import Partner, PartnerStatus
from server.models.postings import NormalisationStatus, PostingKind
from server.partners.service import STATUS_LABELS as PARTNER_STATUS_LABELS
from server.postings.service import STATUS_LABELS as POSTING_STATUS_LABELS
from server.reports import aggregation as agg
from server.reports.document import Cell, ReportDocument, Table, code, table
from server.reports.periods import Period, month_label

FEDERATION_NAME = "Fédération des métiers de l'assistanat et du secrétariat"
TOP = 15  # rows of the "top" tables (occupations, competencies asked)
MISSING_TOP = 20
KIND_LABELS = {PostingKind.ROLE: "offre d'emploi", PostingKind.NEED: "besoin d'appui"}
VISIBILITY_LABELS = {
    Visibility.VISIBLE.value: "visible des partenaires",
    Visibility.ANONYMOUS.value: "anonyme",
    Visibility.HIDDEN.value: "non proposé·e",
}
UNKNOWN_OCCUPATION = "métier non reconnu"
FULL_REMOTE = "télétravail total"
UNKNOWN_PLACE = "non renseigné"

Step = Callable[[int], Awaitable[None]]


@dataclass(frozen=True)
class Labels:
    """Occupation and competency wording from the shipped framework, looked up once."""

    occupations: dict[str, tuple[str, str]]  # id → (label, ROME code)
    competencies: dict[str, tuple[str, str]]  # id → (label, domain label)

    def occupation(self, occupation_id: str | None) -> tuple[str, str]:
        if occupation_id is None:
            return UNKNOWN_OCCUPATION, ""
        return self.occupations.get(occupation_id, (occupation_id, ""))

    def competency(self, competency_id: str) -> tuple[str, str]:
        return self.competencies.get(competency_id, (competency_id, ""))


@cache
def framework_labels() -> Labels:
    framework: Framework = load_framework()
    domains = {domain.id: domain.label for domain in framework.domains}
    return Labels(
        occupations={o.id: (o.label, o.rome_code) for o in framework.occupations},
        competencies={c.id: (c.label, domains.get(c.domain, c.domain)) for c in framework.competencies},
    )


def _departement(code: str | None) -> str:
    if code is None:
        return FULL_REMOTE
    try:
        return departement_name(code)
    except KeyError:
        return code


def _share(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def _days(start: datetime, end: datetime | None) -> float | None:
    return None if end is None else round((end - start).total_seconds() / 86400, 1)


def _indicators(rows: list[tuple[str, str, Cell]]) -> Table:
    columns = (code("indicateur"), ("libelle", "Indicateur"), ("valeur", "Valeur"))
    return table("indicateurs", "Indicateurs clés", columns, rows)


def _funnel(totals: dict[str, int]) -> Table:
    return table(
        "entonnoir",
        "De l'annonce au poste pourvu",
        (code("etape"), ("libelle", "Étape"), ("nombre", "Nombre")),
        [
            ("annonces", "Annonces publiées", totals["postings"]),
            ("mises_en_relation", "Mises en relation proposées", totals["matches"]),
            ("interets", "Membres intéressé·es", totals["interested"]),
            ("pourvus", "Postes pourvus", totals["filled"]),
        ],
    )


def _trend(months: dict[str, dict[str, int]], joined: dict[str, int] | None = None) -> Table:
    columns = [
        ("mois", "Mois"),
        ("libelle_mois", "Libellé"),
        ("annonces_publiees", "Annonces publiées"),
        ("mises_en_relation", "Mises en relation"),
        ("interets", "Intérêts"),
        ("refus", "Refus"),
        ("postes_pourvus", "Postes pourvus"),
    ]
    if joined is not None:
        columns.append(("nouveaux_membres", "Nouveaux membres"))
    rows: list[list[Cell]] = []
    for key, counts in months.items():
        row: list[Cell] = [key, month_label(key)]
        row += [counts[m] for m in ("postings", "matches", "interested", "declined", "filled")]
        if joined is not None:
            row.append(joined.get(key, 0))
        rows.append(row)
    return table("tendance_mensuelle", "Évolution mois par mois", columns, rows)


def _totals(months: dict[str, dict[str, int]]) -> dict[str, int]:
    return {measure: sum(month[measure] for month in months.values()) for measure in agg.MONTHLY_MEASURES}


def _competency_rows(labels: Labels, rows: list[tuple[str, int, int]], limit: int) -> list[list[Cell]]:
    return [[cid, *labels.competency(cid), count, extra] for cid, count, extra in rows[:limit]]


COMPETENCY_ASKED_COLUMNS = (
    code("competence"),
    ("libelle", "Compétence"),
    ("domaine", "Domaine"),
    ("annonces", "Annonces"),
    ("dont_requises", "Dont exigée"),
)


async def partner_report(
    session: AsyncSession, partner: Partner, period: Period, step: Step
) -> ReportDocument:
    labels = framework_labels()
    by_kind = await agg.postings_by_kind_status(session, period, partner.id)
    recognised = await agg.normalisation_counts(session, period, partner.id)
    await step(20)
    months = await agg.monthly_activity(session, period, partner.id)
    times = await agg.posting_times(session, period, partner.id)
    await step(40)
    occupations = await agg.demand_by_occupation(session, period, partner.id)
    competencies = await agg.demand_by_competency(session, period, partner.id)
    needs = await agg.needs_outcome(session, period, partner.id)
    await step(55)
    tier = await agg.tier_metrics(session, period, partner)
    await step(70)

    totals = _totals(months)
    published = sum(recognised.values())
    to_interest = [d for t in times if (d := _days(t.published_at, t.first_interest_at)) is not None]
    to_filled = [d for t in times if (d := _days(t.published_at, t.filled_at)) is not None]
    roles = sum(count for kind, _status, count in by_kind if kind is PostingKind.ROLE)
    indicators: list[tuple[str, str, Cell]] = [
        ("annonces_publiees", "Annonces publiées", published),
        ("offres_publiees", "dont offres d'emploi", roles),
        ("besoins_publies", "dont besoins d'appui", published - roles),
        ("mises_en_relation", "Mises en relation proposées", totals["matches"]),
        ("interets", "Réponses « intéressé·e »", totals["interested"]),
        ("refus", "Réponses « pas intéressé·e »", totals["declined"]),
        ("postes_pourvus", "Postes pourvus", totals["filled"]),
        (
            "jours_jusqu_au_premier_interet",
            "Délai médian publication → premier intérêt (jours)",
            agg.median(to_interest),
        ),
        (
            "jours_jusqu_au_poste_pourvu",
            "Délai médian publication → poste pourvu (jours)",
            agg.median(to_filled),
        ),
        (
            "part_intitules_reconnus",
            "Part des intitulés reconnus par le référentiel",
            _share(recognised.get(NormalisationStatus.MATCHED, 0), published),
        ),
    ]
    others = [metrics for partner_id, metrics in tier.items() if partner_id != partner.id]
    own = tier[partner.id]
    comparison_labels = {
        "postings": ("annonces_publiees", "Annonces publiées"),
        "matches": ("mises_en_relation", "Mises en relation"),
        "interested": ("interets", "Intérêts"),
        "filled": ("postes_pourvus", "Postes pourvus"),
    }
    comparison = [
        [*comparison_labels[m], own[m], agg.median([float(o[m]) for o in others]), len(others)]
        for m in agg.TIER_METRICS
    ]
    tables = (
        _indicators(indicators),
        table(
            "annonces_par_type_et_statut",
            "Annonces publiées par type et statut",
            (
                code("type", "Code du type"),
                ("libelle_type", "Type"),
                code("statut", "Code du statut"),
                ("libelle_statut", "Statut"),
                ("annonces", "Annonces"),
            ),
            [(k.value, KIND_LABELS[k], s.value, POSTING_STATUS_LABELS[s], n) for k, s, n in by_kind],
        ),
        _funnel(totals),
        table(
            "metiers_demandes",
            "Métiers les plus demandés",
            (code("metier"), ("libelle", "Métier"), ("code_rome", "Code ROME"), ("annonces", "Annonces")),
            [
                (o.occupation_id, *labels.occupation(o.occupation_id), o.roles + o.needs)
                for o in occupations[:TOP]
            ],
        ),
        table(
            "competences_demandees",
            "Compétences les plus demandées",
            COMPETENCY_ASKED_COLUMNS,
            _competency_rows(labels, competencies, TOP),
        ),
        table(
            "besoins",
            "Besoins d'appui stratégique et leur issue",
            (
                ("intitule", "Intitulé"),
                ("type_besoin", "Type"),
                ("statut", "Statut"),
                ("publie_le", "Publié le"),
                ("mises_en_relation", "Mises en relation"),
                ("interets", "Intérêts"),
            ),
            [
                (
                    n.title,
                    NEED_LABELS.get(n.need_kind, n.need_kind),
                    POSTING_STATUS_LABELS[n.status],
                    n.published_at.date().isoformat(),
                    n.matches,
                    n.interested,
                )
                for n in needs
            ],
        ),
        _trend(months),
        table(
            "comparaison_niveau",
            "Comparaison avec la médiane des partenaires du même niveau",
            (
                code("indicateur"),
                ("libelle", "Indicateur"),
                ("valeur", "Votre entreprise"),
                ("mediane_niveau", "Médiane du niveau"),
                ("partenaires_compares", "Partenaires comparés"),
            ),
            comparison,
        ),
    )
    await step(80)
    return _document("partner", f"Rapport de partenariat — {partner.name}", partner.name, period, tables)


async def federation_report(session: AsyncSession, period: Period, today: date, step: Step) -> ReportDocument:
    labels = framework_labels()
    tiers = await agg.partners_by_tier_status(session)
    movements = await agg.partnership_movements(session, period, today)
    await step(10)
    months = await agg.monthly_activity(session, period, None)
    joined = await agg.members_joined(session, period)
    await step(30)
    occupations = await agg.demand_by_occupation(session, period, None)
    departements = await agg.demand_by_departement(session, period)
    competencies = await agg.demand_by_competency(session, period, None)
    recognised = await agg.normalisation_counts(session, period, None)
    await step(40)
    missing = await agg.missing_competencies(session, period, MISSING_TOP)
    await step(65)
    member_occupations = await agg.members_by_occupation(session)
    member_places = await agg.members_by_departement(session)
    visibility = await agg.members_by_visibility(session)
    queue = await agg.review_queue(session, period)
    await step(75)

    totals = _totals(months)
    published = sum(recognised.values())
    members = sum(visibility.values())
    regions = agg.group_counts(
        member_places, lambda code: UNKNOWN_PLACE if code is None else region_of(code) or code
    )
    region_rows = sorted(regions.items(), key=lambda item: (-item[1], item[0]))
    indicators: list[tuple[str, str, Cell]] = [
        (
            "partenaires_actifs",
            "Partenaires actifs",
            sum(n for _t, _label, s, n in tiers if s is PartnerStatus.ACTIVE),
        ),
        ("renouvellements_a_echeance", "Renouvellements à échéance dans la période", movements.renewals_due),
        ("renouvellements_en_retard", "Renouvellements en retard", movements.renewals_overdue),
        ("nouveaux_partenariats", "Nouveaux partenariats", movements.started),
        ("partenariats_termines", "Partenariats terminés", movements.ended),
        ("annonces_publiees", "Annonces publiées", published),
        ("mises_en_relation", "Mises en relation proposées", totals["matches"]),
        ("interets", "Réponses « intéressé·e »", totals["interested"]),
        ("postes_pourvus", "Postes pourvus", totals["filled"]),
        (
            "part_intitules_reconnus",
            "Part des intitulés reconnus par le référentiel",
            _share(recognised.get(NormalisationStatus.MATCHED, 0), published),
        ),
        ("membres", "Membres (profils)", members),
        (
            "part_membres_visibles",
            "Part des membres visibles des partenaires",
            _share(visibility.get(Visibility.VISIBLE.value, 0), members),
        ),
        (
            "part_membres_anonymes",
            "Part des membres proposé·es anonymement",
            _share(visibility.get(Visibility.ANONYMOUS.value, 0), members),
        ),
        ("file_de_revue_en_attente", "Intitulés en attente dans la file de revue", queue.pending),
        ("file_de_revue_nouveaux", "Intitulés entrés dans la file pendant la période", queue.new),
        ("file_de_revue_resolus", "Intitulés résolus pendant la période", queue.resolved),
        ("titres_resolus", "Annonces et profils concernés par ces résolutions", queue.titles_resolved),
    ]
    tables = (
        _indicators(indicators),
        table(
            "partenaires_par_niveau_et_statut",
            "Partenaires par niveau et statut",
            (
                code("niveau", "Code du niveau"),
                ("libelle_niveau", "Niveau"),
                code("statut", "Code du statut"),
                ("libelle_statut", "Statut"),
                ("partenaires", "Partenaires"),
            ),
            [(t, label, s.value, PARTNER_STATUS_LABELS[s], n) for t, label, s, n in tiers],
        ),
        _funnel(totals),
        table(
            "demande_par_metier",
            "Demande par métier (ROME)",
            (
                code("metier"),
                ("libelle", "Métier"),
                ("code_rome", "Code ROME"),
                ("offres", "Offres d'emploi"),
                ("besoins", "Besoins d'appui"),
                ("annonces", "Annonces"),
            ),
            [
                (o.occupation_id, *labels.occupation(o.occupation_id), o.roles, o.needs, o.roles + o.needs)
                for o in occupations
            ],
        ),
        table(
            "demande_par_departement",
            "Demande par département",
            (("departement", "N°"), ("nom", "Département"), ("annonces", "Annonces")),
            [(code, _departement(code), n) for code, n in departements],
        ),
        table(
            "demande_par_competence",
            "Demande par compétence",
            COMPETENCY_ASKED_COLUMNS,
            _competency_rows(labels, competencies, len(competencies)),
        ),
        table(
            "competences_manquantes",
            "Compétences les plus souvent manquantes (priorités de montée en compétences)",
            (
                code("competence"),
                ("libelle", "Compétence"),
                ("domaine", "Domaine"),
                ("mises_en_relation", "Mises en relation concernées"),
                ("membres", "Membres concerné·es"),
            ),
            _competency_rows(labels, missing, MISSING_TOP),
        ),
        table(
            "membres_par_metier",
            "Membres par métier",
            (code("metier"), ("libelle", "Métier"), ("code_rome", "Code ROME"), ("membres", "Membres")),
            [(occ, *labels.occupation(occ), n) for occ, n in member_occupations],
        ),
        table(
            "membres_par_region",
            "Membres par région",
            (("region", "Région"), ("membres", "Membres")),
            region_rows,
        ),
        table(
            "membres_par_visibilite",
            "Membres par choix de visibilité",
            (code("visibilite"), ("libelle", "Visibilité"), ("membres", "Membres"), ("part", "Part")),
            [
                (
                    v.value,
                    VISIBILITY_LABELS[v.value],
                    visibility.get(v.value, 0),
                    _share(visibility.get(v.value, 0), members),
                )
                for v in Visibility
            ],
        ),
        _trend(months, joined),
    )
    await step(80)
    return _document(
        "federation", f"Rapport de la fédération — {period.label}", FEDERATION_NAME, period, tables
    )


def _document(
    kind: str, title: str, subject: str, period: Period, tables: tuple[Table, ...]
) -> ReportDocument:
    return ReportDocument(
        kind=kind,
        title=title,
        subject=subject,
        period_key=period.key,
        period_label=period.label,
        generated_at=utcnow().isoformat(timespec="seconds"),
        tables=tables,
    )
