"""The report's three charts, drawn server-side with matplotlib (Agg, no display, no pyplot state).

Bars for demand by occupation, a line for the monthly trend, a funnel from postings to filled roles;
French labels. SVG for the HTML page, PNG for the PDF.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Literal

import matplotlib

matplotlib.use("Agg")  # before any drawing: no display on servers and workers

from matplotlib import rc_context
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from server.reports.document import ReportDocument

ChartFormat = Literal["svg", "png"]
BLUE, TEAL, ORANGE, GREEN = "#1f4e79", "#2a9d8f", "#e76f51", "#6a994e"
OCCUPATION_TABLES = ("demande_par_metier", "metiers_demandes")
MAX_BARS = 10
SHORT_MONTHS = (
    "janv.",
    "févr.",
    "mars",
    "avr.",
    "mai",
    "juin",
    "juil.",
    "août",
    "sept.",
    "oct.",
    "nov.",
    "déc.",
)


@dataclass(frozen=True)
class Chart:
    name: str
    title: str
    content: bytes


def _save(figure: Figure, fmt: ChartFormat) -> bytes:
    buffer = io.BytesIO()
    # text stays text in SVG (small, searchable); no date, so the same figures give the same bytes
    metadata = {"Date": None} if fmt == "svg" else {"Software": None}
    with rc_context({"svg.fonttype": "none", "svg.hashsalt": "passerelle"}):
        figure.savefig(buffer, format=fmt, dpi=150, bbox_inches="tight", metadata=metadata)
    return buffer.getvalue()


def _shorten(text: str, size: int = 38) -> str:
    return text if len(text) <= size else text[: size - 1] + "…"


def _short_month(key: str) -> str:
    """ "2026-10" → "oct. 2026" (French abbreviations)."""
    year, month = key.split("-")
    return f"{SHORT_MONTHS[int(month) - 1]} {year}"


def occupation_bars(document: ReportDocument, fmt: ChartFormat) -> Chart:
    name = next(n for n in OCCUPATION_TABLES if any(t.name == n for t in document.tables))
    table = document.table(name)
    labels = [_shorten(str(label)) for label in table.column("libelle")][:MAX_BARS]
    values = [int(value or 0) for value in table.column("annonces")][:MAX_BARS]
    figure = Figure(figsize=(7, 0.45 * max(len(values), 2) + 1))
    axes = figure.add_subplot()
    positions = list(range(len(values)))[::-1]
    axes.barh(positions, values, color=BLUE)
    axes.set_yticks(positions, labels)
    axes.set_xlabel("Annonces publiées")
    axes.xaxis.set_major_locator(MaxNLocator(integer=True))
    axes.set_title("Demande par métier")
    if not values:
        axes.text(0.5, 0.5, "Aucune annonce publiée sur la période", ha="center", transform=axes.transAxes)
    for spine in ("top", "right"):
        axes.spines[spine].set_visible(False)
    return Chart("demande_par_metier", "Demande par métier", _save(figure, fmt))


def trend_line(document: ReportDocument, fmt: ChartFormat) -> Chart:
    table = document.table("tendance_mensuelle")
    months = [_short_month(str(key)) for key in table.column("mois")]
    positions = list(range(len(months)))  # numeric x: month labels are ticks, not parsed as dates
    figure = Figure(figsize=(7, 3.2))
    axes = figure.add_subplot()
    for key, label, color in (
        ("annonces_publiees", "Annonces publiées", BLUE),
        ("mises_en_relation", "Mises en relation", TEAL),
        ("interets", "Intérêts", ORANGE),
        ("postes_pourvus", "Postes pourvus", GREEN),
    ):
        axes.plot(positions, [int(v or 0) for v in table.column(key)], marker="o", label=label, color=color)
    axes.set_title("Évolution mois par mois")
    axes.set_ylabel("Nombre")
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    axes.legend(loc="upper left", fontsize="small", frameon=False)
    axes.set_xticks(positions, months)
    axes.tick_params(axis="x", labelrotation=45 if len(months) > 6 else 0)
    for spine in ("top", "right"):
        axes.spines[spine].set_visible(False)
    return Chart("tendance", "Évolution mois par mois", _save(figure, fmt))


def funnel(document: ReportDocument, fmt: ChartFormat) -> Chart:
    table = document.table("entonnoir")
    labels = [str(label) for label in table.column("libelle")]
    values = [int(value or 0) for value in table.column("nombre")]
    widest = max([*values, 1])
    figure = Figure(figsize=(7, 3))
    axes = figure.add_subplot()
    positions = list(range(len(values)))[::-1]
    lefts = [(widest - value) / 2 for value in values]
    axes.barh(positions, values, left=lefts, color=[BLUE, TEAL, ORANGE, GREEN][: len(values)])
    for position, value, label in zip(positions, values, labels, strict=True):
        on_bar = value > 0.45 * widest  # white text inside a wide bar, dark text beside a narrow one
        axes.text(
            widest / 2,
            position,
            f"{label} : {value:,}".replace(",", "\u202f"),
            ha="center",
            va="center",
            color="white" if on_bar else "#1b1b1b",
            fontsize="small",
        )
    axes.set_axis_off()
    axes.set_title("De l'annonce au poste pourvu")
    return Chart("entonnoir", "De l'annonce au poste pourvu", _save(figure, fmt))


def all_charts(document: ReportDocument, fmt: ChartFormat) -> list[Chart]:
    return [occupation_bars(document, fmt), trend_line(document, fmt), funnel(document, fmt)]
