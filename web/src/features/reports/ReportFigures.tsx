// The figures of a generated partnership report: key figures, four charts (each with its table), all tables.
import { BarChart, ChartFigure, LineChart } from "./charts";
import { messages } from "./messages";
import { ReportTable } from "./ReportTable";
import { findTable, formatCell, numberOf, rowsOf, type ReportTableData } from "./tables";

// Tables drawn as a chart above; the others are listed under « Tous les tableaux ».
const CHARTED = ["entonnoir", "tendance_mensuelle", "metiers_demandes", "comparaison_niveau", "indicateurs"];

export function ReportFigures({ tables }: { tables: readonly ReportTableData[] }) {
  const indicators = findTable(tables, "indicateurs");
  const funnel = findTable(tables, "entonnoir");
  const trend = findTable(tables, "tendance_mensuelle");
  const occupations = findTable(tables, "metiers_demandes");
  const comparison = findTable(tables, "comparaison_niveau");
  const trendRows = rowsOf(trend);
  const trendSeries = ["annonces_publiees", "mises_en_relation", "interets", "postes_pourvus"].filter((key) =>
    trend?.columns.some((column) => column.key === key),
  );
  return (
    <>
      {indicators ? (
        <section aria-labelledby="chiffres-cles">
          <h2 id="chiffres-cles">{messages.keyFigures}</h2>
          <dl className="key-figures">
            {rowsOf(indicators).map((row) => (
              <div key={row["indicateur"] ?? row["libelle"]} className="key-figures__item">
                <dt>{row["libelle"]}</dt>
                <dd>{formatCell(row, "valeur")}</dd>
              </div>
            ))}
          </dl>
        </section>
      ) : null}
      <div className="chart-grid">
        {funnel ? (
          <ChartFigure title={messages.charts.funnel} table={<ReportTable table={funnel} />}>
            <BarChart bars={rowsOf(funnel).map((row) => ({ label: row["libelle"] ?? "", value: numberOf(row["nombre"]) }))} />
          </ChartFigure>
        ) : null}
        {comparison ? (
          <ChartFigure title={messages.charts.comparison} table={<ReportTable table={comparison} />}>
            <BarChart
              legend={[messages.charts.company, messages.charts.median]}
              bars={rowsOf(comparison).map((row) => ({
                label: row["libelle"] ?? "",
                value: numberOf(row["valeur"]),
                compare: row["mediane_niveau"] === null || row["mediane_niveau"] === "" ? null : numberOf(row["mediane_niveau"]),
              }))}
            />
          </ChartFigure>
        ) : null}
        {trend && trendRows.length > 0 ? (
          <ChartFigure title={messages.charts.trend} table={<ReportTable table={trend} />}>
            <LineChart
              categories={trendRows.map((row) => row["libelle_mois"] ?? row["mois"] ?? "")}
              series={trendSeries.map((key) => ({
                label: trend.columns.find((column) => column.key === key)?.label ?? key,
                values: trendRows.map((row) => numberOf(row[key])),
              }))}
            />
          </ChartFigure>
        ) : null}
        {occupations && occupations.rows.length > 0 ? (
          <ChartFigure title={messages.charts.occupations} table={<ReportTable table={occupations} />}>
            <BarChart bars={rowsOf(occupations).map((row) => ({ label: row["libelle"] ?? "", value: numberOf(row["annonces"]) }))} />
          </ChartFigure>
        ) : null}
      </div>
      <section aria-labelledby="tous-les-tableaux">
        <h2 id="tous-les-tableaux">{messages.allTables}</h2>
        {tables
          .filter((table) => !CHARTED.includes(table.name))
          .map((table) => (
            <ReportTable key={table.name} table={table} />
          ))}
      </section>
    </>
  );
}
