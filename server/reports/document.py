"""The content of a report: headline figures and named tables, the one shape every format reads.

GraphQL exposes the tables, the CSV archive holds one file per table, the HTML and PDF lay them out:
a figure added here reaches every format at once. Stored as JSON in `reports.data`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

Cell = str | int | float | None


@dataclass(frozen=True)
class Column:
    key: str  # the CSV header, stable for programs
    label: str  # French, for people
    code: bool = False  # a machine code (status, identifier): in the CSV and GraphQL, not in print


@dataclass(frozen=True)
class Table:
    name: str  # the CSV file name without extension, stable
    title: str
    columns: tuple[Column, ...]
    rows: list[tuple[Cell, ...]] = field(default_factory=list)

    def column(self, key: str) -> list[Cell]:
        index = [column.key for column in self.columns].index(key)
        return [row[index] for row in self.rows]

    def printed(self) -> tuple[list[Column], list[list[tuple[Column, Cell]]]]:
        """The columns people read, and each row as (column, value) pairs, codes left out."""
        shown = [index for index, column in enumerate(self.columns) if not column.code]
        return (
            [self.columns[index] for index in shown],
            [[(self.columns[index], row[index]) for index in shown] for row in self.rows],
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "title": self.title,
            "columns": [[column.key, column.label, column.code] for column in self.columns],
            "rows": [list(row) for row in self.rows],
        }

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> Table:
        return cls(
            name=raw["name"],
            title=raw["title"],
            columns=tuple(Column(*column) for column in raw["columns"]),
            rows=[tuple(row) for row in raw["rows"]],
        )


def code(key: str, label: str = "Code") -> tuple[str, str, bool]:
    """A code column: kept for programs (CSV, GraphQL), left out of the printed report."""
    return key, label, True


def table(
    name: str,
    title: str,
    columns: Sequence[tuple[str, str] | tuple[str, str, bool]],
    rows: Sequence[Sequence[Cell]],
) -> Table:
    return Table(name, title, tuple(Column(*column) for column in columns), [tuple(r) for r in rows])


@dataclass(frozen=True)
class ReportDocument:
    kind: str  # "partner" | "federation"
    title: str
    subject: str  # the partner's name, or the federation's
    period_key: str
    period_label: str
    generated_at: str  # ISO timestamp
    tables: tuple[Table, ...]

    def table(self, name: str) -> Table:
        return next(table for table in self.tables if table.name == name)

    def figure(self, key: str) -> Cell:
        """A headline figure of the `indicateurs` table, by its key."""
        for code, _label, value in self.table("indicateurs").rows:
            if code == key:
                return value
        raise KeyError(key)

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "title": self.title,
            "subject": self.subject,
            "period_key": self.period_key,
            "period_label": self.period_label,
            "generated_at": self.generated_at,
            "tables": [table.to_json() for table in self.tables],
        }

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> ReportDocument:
        return cls(
            kind=raw["kind"],
            title=raw["title"],
            subject=raw["subject"],
            period_key=raw["period_key"],
            period_label=raw["period_label"],
            generated_at=raw["generated_at"],
            tables=tuple(Table.from_json(item) for item in raw["tables"]),
        )
