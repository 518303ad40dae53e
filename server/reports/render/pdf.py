"""The PDF report, laid out with reportlab (pure Python, installs from PyPI alone).

Fonts: DejaVu Sans as shipped inside matplotlib, so "·", "→" and "€" print as they should (the
PDF base fonts stop at Latin-1). Charts are PNG from the same matplotlib code as the HTML.
"""

from __future__ import annotations

import io
from functools import cache
from pathlib import Path

import matplotlib
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Flowable, Image, Paragraph, SimpleDocTemplate, Spacer, TableStyle
from reportlab.platypus import Table as PdfTable

from server.reports.content import FEDERATION_NAME
from server.reports.document import ReportDocument, Table
from server.reports.render.charts import all_charts
from server.reports.render.text import display, is_share, subject_line

FONT, BOLD = "DejaVuSans", "DejaVuSans-Bold"
BLUE = colors.HexColor("#1f4e79")
WIDTH = A4[0] - 4 * cm


@cache
def _register_fonts() -> None:
    folder = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
    pdfmetrics.registerFont(TTFont(FONT, str(folder / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont(BOLD, str(folder / "DejaVuSans-Bold.ttf")))


def _styles() -> dict[str, ParagraphStyle]:
    return {
        "federation": ParagraphStyle("federation", fontName=BOLD, fontSize=11, textColor=BLUE, leading=14),
        "title": ParagraphStyle("title", fontName=BOLD, fontSize=18, leading=23, spaceAfter=6),
        "body": ParagraphStyle("body", fontName=FONT, fontSize=10, leading=13),
        "note": ParagraphStyle("note", fontName=FONT, fontSize=8, leading=10, textColor=colors.grey),
        "h2": ParagraphStyle(
            "h2", fontName=BOLD, fontSize=12, leading=15, textColor=BLUE, spaceBefore=12, spaceAfter=4
        ),
        "cell": ParagraphStyle("cell", fontName=FONT, fontSize=7.5, leading=9),
        "head": ParagraphStyle("head", fontName=BOLD, fontSize=7.5, leading=9),
    }


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _table(table: Table, styles: dict[str, ParagraphStyle]) -> list[Flowable]:
    columns, rows = table.printed()
    if not rows:
        return [Paragraph(_escape(table.title), styles["h2"]), Paragraph("Aucune donnée.", styles["note"])]
    head = [Paragraph(_escape(column.label), styles["head"]) for column in columns]
    body = [
        [
            Paragraph(_escape(display(value, share=is_share(column.key, raw[0]))), styles["cell"])
            for column, value in row
        ]
        for row, raw in zip(rows, table.rows, strict=True)
    ]
    grid = PdfTable([head, *body], colWidths=[WIDTH / len(columns)] * len(columns), repeatRows=1)
    grid.setStyle(
        TableStyle(
            [
                ("LINEBELOW", (0, 0), (-1, 0), 0.8, BLUE),
                ("LINEBELOW", (0, 1), (-1, -1), 0.25, colors.lightgrey),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    return [Paragraph(_escape(table.title), styles["h2"]), grid]


def _image(content: bytes) -> Image:
    picture = Image(io.BytesIO(content))
    ratio = WIDTH / picture.imageWidth
    picture.drawWidth, picture.drawHeight = WIDTH, picture.imageHeight * ratio
    return picture


def render_pdf(document: ReportDocument) -> bytes:
    _register_fonts()
    styles = _styles()
    story: list[Flowable] = [
        Paragraph(_escape(FEDERATION_NAME), styles["federation"]),
        Paragraph(_escape(document.title), styles["title"]),
        Paragraph(
            f"Période : <b>{_escape(document.period_label)}</b>{_escape(subject_line(document))}",
            styles["body"],
        ),
        Paragraph(
            f"Généré le {document.generated_at[:10]}. "
            "Chiffres anonymes : aucun·e membre n'y figure nommément.",
            styles["note"],
        ),
        Spacer(1, 0.4 * cm),
    ]
    story += [_image(chart.content) for chart in all_charts(document, "png")]
    for table in document.tables:
        story += _table(table, styles)
    buffer = io.BytesIO()
    SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=2 * cm,
        rightMargin=2 * cm,
        topMargin=1.8 * cm,
        bottomMargin=1.8 * cm,
        title=document.title,
        author=FEDERATION_NAME,
        invariant=True,
    ).build(story)
    return buffer.getvalue()
