// One table of the report, as the reader sees it (labels instead of codes, French numbers).
import { Table, type Column } from "../../ui/Table";
import { messages } from "./messages";
import { formatCell, isNumericColumn, rowsOf, visibleColumns, type ReportTableData, type Row } from "./tables";

export function ReportTable({ table }: { table: ReportTableData }) {
  const columns: Column<Row & { __index: string }>[] = visibleColumns(table).map((column) => ({
    header: column.label,
    cell: (row) => formatCell(row, column.key),
    numeric: isNumericColumn(table, column.key),
  }));
  const rows = rowsOf(table).map((row, index) => ({ ...row, __index: String(index) }));
  return <Table caption={table.title} columns={columns} rows={rows} rowKey={(row) => row.__index} empty={messages.emptyTable} />;
}
