// Reading the report's tables (the same as its CSV files: raw values as text, null = not applicable).
import { formatNumber, formatPercent } from "../../app/format";
import { messages } from "./messages";

export interface ReportTableData {
  name: string;
  title: string;
  columns: readonly { key: string; label: string }[];
  rows: readonly (readonly (string | null)[])[];
}

/** A row as a record by column key. */
export type Row = Record<string, string | null>;

export function rowsOf(table: ReportTableData | undefined): Row[] {
  if (!table) return [];
  return table.rows.map((cells) => Object.fromEntries(table.columns.map((column, index) => [column.key, cells[index] ?? null])));
}

export function findTable(tables: readonly ReportTableData[], name: string): ReportTableData | undefined {
  return tables.find((table) => table.name === name);
}

export function numberOf(value: string | null | undefined): number {
  const parsed = value === null || value === undefined || value === "" ? NaN : Number(value);
  return Number.isFinite(parsed) ? parsed : 0;
}

// Codes shown through their French label in the page (as in the HTML and PDF formats).
const CODE_COLUMNS = new Set(["indicateur", "etape", "type", "statut", "metier", "competence", "mois"]);

/** The columns a reader sees: codes are dropped when the table also has their label. */
export function visibleColumns(table: ReportTableData): ReportTableData["columns"] {
  const keys = new Set(table.columns.map((column) => column.key));
  const labelled = keys.has("libelle") || [...keys].some((key) => key.startsWith("libelle_"));
  return table.columns.filter((column) => !(labelled && CODE_COLUMNS.has(column.key)));
}

const NUMERIC = /^-?\d+(\.\d+)?$/;

/** A cell as a French reader expects it: shares as percentages, delays in days, numbers with fr-FR. */
export function formatCell(row: Row, key: string): string {
  const value = row[key];
  if (value === null || value === undefined || value === "") return messages.notApplicable;
  if (!NUMERIC.test(value)) return value;
  const indicator = row["indicateur"] ?? "";
  const number = Number(value);
  if (key === "part" || (key === "valeur" && indicator.startsWith("part_"))) return formatPercent(number);
  if (key === "valeur" && indicator.startsWith("jours_")) return messages.days(formatNumber(number));
  if (/^\d{4}-\d{2}/.test(value)) return value;
  return formatNumber(number);
}

export function isNumericColumn(table: ReportTableData, key: string): boolean {
  const index = table.columns.findIndex((column) => column.key === key);
  return table.rows.length > 0 && table.rows.every((row) => row[index] === null || NUMERIC.test(row[index] ?? ""));
}
