"""The CSV export: a ZIP archive holding one CSV file per table (documented in docs/reports.md).

Semicolon-separated, UTF-8 with a byte-order mark (spreadsheets in French locales open it as is),
raw values (decimal point, shares between 0 and 1) so programs read them without guessing.
Text cells that a spreadsheet would run as a formula (OWASP CSV injection: a partner named
`=HYPERLINK(…)`) are written with a leading apostrophe, which spreadsheets show as plain text.
"""

from __future__ import annotations

import csv
import io
import zipfile

from server.reports.document import ReportDocument, Table

FIXED_TIME = (2020, 1, 1, 0, 0, 0)  # same bytes for the same content
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def neutralised(cell: object) -> object:
    """Text that would start a formula gets an apostrophe; numbers stay raw (-3 is data, not code)."""
    if isinstance(cell, str) and cell.startswith(FORMULA_STARTS):
        return "'" + cell
    return "" if cell is None else cell


def table_csv(table: Table) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([column.key for column in table.columns])
    writer.writerows([neutralised(cell) for cell in row] for row in table.rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def render_csv_archive(document: ReportDocument) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for table in document.tables:
            info = zipfile.ZipInfo(f"{table.name}.csv", date_time=FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, table_csv(table))
    return buffer.getvalue()
