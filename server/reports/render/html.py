"""A self-contained HTML report: the federation's name and the period first, charts as inline SVG."""

from __future__ import annotations

from html import escape

from server.reports.content import FEDERATION_NAME
from server.reports.document import ReportDocument, Table
from server.reports.render.charts import all_charts
from server.reports.render.text import display, is_share, subject_line

STYLE = """
body { font-family: "DejaVu Sans", Arial, sans-serif; color: #1b1b1b; margin: 2rem auto; max-width: 60rem; }
header { border-bottom: 3px solid #1f4e79; margin-bottom: 1.5rem; }
header .federation { color: #1f4e79; font-weight: bold; text-transform: uppercase; letter-spacing: .05em; }
h1 { margin: .3rem 0; } h2 { color: #1f4e79; margin-top: 2rem; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; }
th, td { border-bottom: 1px solid #d0d7de; padding: .3rem .5rem; text-align: left; }
td.number { text-align: right; font-variant-numeric: tabular-nums; }
figure { margin: 1rem 0; } figure svg { max-width: 100%; height: auto; }
.note { color: #57606a; font-size: .85rem; }
"""


def _svg(content: bytes) -> str:
    """matplotlib's SVG without its XML prologue, ready to inline."""
    text = content.decode("utf-8")
    return text[text.index("<svg") :]


def _table(table: Table) -> str:
    columns, rows = table.printed()
    head = "".join(f"<th>{escape(column.label)}</th>" for column in columns)
    lines = []
    for row, raw in zip(rows, table.rows, strict=True):
        cells = []
        for column, value in row:
            number = isinstance(value, int | float) and not isinstance(value, bool)
            shown = display(value, share=is_share(column.key, raw[0]))
            css = ' class="number"' if number else ""
            cells.append(f"<td{css}>{escape(shown)}</td>")
        lines.append("<tr>" + "".join(cells) + "</tr>")
    body = "".join(lines) or f'<tr><td colspan="{len(columns)}" class="note">Aucune donnée.</td></tr>'
    return (
        f'<h2 id="{escape(table.name)}">{escape(table.title)}</h2><table><thead><tr>{head}</tr></thead>'
        f"<tbody>{body}</tbody></table>"
    )


def render_html(document: ReportDocument) -> bytes:
    charts = "".join(
        f'<figure aria-label="{escape(chart.title)}">{_svg(chart.content)}</figure>'
        for chart in all_charts(document, "svg")
    )
    tables = "".join(_table(table) for table in document.tables)
    page = f"""<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8"><title>{escape(document.title)}</title>
<style>{STYLE}</style></head><body>
<header><div class="federation">{escape(FEDERATION_NAME)}</div>
<h1>{escape(document.title)}</h1>
<p>Période : <strong>{escape(document.period_label)}</strong>{escape(subject_line(document))}</p>
<p class="note">Généré le {escape(document.generated_at[:10])}. Chiffres anonymes : aucun·e membre
n'y figure nommément.</p></header>
<section class="charts">{charts}</section>
{tables}
</body></html>
"""
    return page.encode("utf-8")
