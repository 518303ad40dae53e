"""Cell values as people read them in French: 1 234, 12,5, 53 %, "—" for nothing."""

from __future__ import annotations

from server.reports.document import Cell, ReportDocument


def is_share(column_key: str, row_key: Cell = None) -> bool:
    """Shares (0–1) are named part… everywhere, as a column or as an indicator code."""
    return column_key.startswith("part") or (isinstance(row_key, str) and row_key.startswith("part"))


def display(value: Cell, *, share: bool = False) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, int):
        return f"{value:,}".replace(",", "\u202f")
    if isinstance(value, float):
        if share:
            return f"{value * 100:.1f}".replace(".", ",").replace(",0", "") + "\u202f%"
        text = f"{value:,.1f}".replace(",", "\u202f").replace(".", ",")
        return text[:-2] if text.endswith(",0") else text
    return str(value)


def subject_line(document: ReportDocument) -> str:
    """The partner's name after the period; the federation's is already the page's first line."""
    return f" · {document.subject}" if document.kind == "partner" else ""
