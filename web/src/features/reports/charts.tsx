// Small charts drawn by the page itself (HTML bars and one SVG chart: no chart library in the bundle).
// Each one is a <figure> whose visual part is hidden from screen readers, followed by its table.
import type { ReactNode } from "react";
import { formatNumber } from "../../app/format";
import { messages } from "./messages";

export interface Bar {
  label: string;
  value: number;
  /** A second value drawn under the first (e.g. the median of the tier), or null when there is none. */
  compare?: number | null;
}

export function ChartFigure({ title, children, table }: { title: string; children: ReactNode; table: ReactNode }) {
  return (
    <figure className="chart">
      <figcaption className="chart__title">{title}</figcaption>
      <div aria-hidden="true">{children}</div>
      <details className="chart__data">
        <summary>{messages.showTable}</summary>
        {table}
      </details>
    </figure>
  );
}

/** Horizontal bars, one per item; `compare` adds a thinner bar (with its legend) under each. */
export function BarChart({ bars, legend }: { bars: readonly Bar[]; legend?: [string, string] }) {
  const max = Math.max(1, ...bars.flatMap((bar) => [bar.value, bar.compare ?? 0]));
  return (
    <>
      {legend ? (
        <ul className="chart__legend">
          <li><span className="swatch swatch--0" />{legend[0]}</li>
          <li><span className="swatch swatch--1" />{legend[1]}</li>
        </ul>
      ) : null}
      <ul className="bars">
        {bars.map((bar) => (
          <li key={bar.label} className="bars__item">
            <span className="bars__label">{bar.label}</span>
            <span className="bars__row">
              <span className="bars__fill" style={{ width: `${(bar.value / max) * 100}%` }} />
              <span className="bars__value">{formatNumber(bar.value)}</span>
            </span>
            {bar.compare !== undefined ? (
              <span className="bars__row">
                {bar.compare === null ? (
                  <span className="bars__value bars__value--muted">{messages.charts.noMedian}</span>
                ) : (
                  <>
                    <span className="bars__fill bars__fill--compare" style={{ width: `${(bar.compare / max) * 100}%` }} />
                    <span className="bars__value">{formatNumber(bar.compare)}</span>
                  </>
                )}
              </span>
            ) : null}
          </li>
        ))}
      </ul>
    </>
  );
}

export interface Series {
  label: string;
  values: readonly number[];
}

const WIDTH = 640;
const HEIGHT = 240;
const PAD = { top: 12, right: 12, bottom: 36, left: 40 };

/** Lines over the months of the period (a single month draws points). */
export function LineChart({ categories, series }: { categories: readonly string[]; series: readonly Series[] }) {
  const max = Math.max(1, ...series.flatMap((line) => line.values));
  const plotWidth = WIDTH - PAD.left - PAD.right;
  const plotHeight = HEIGHT - PAD.top - PAD.bottom;
  const x = (index: number) => PAD.left + (categories.length === 1 ? plotWidth / 2 : (index * plotWidth) / (categories.length - 1));
  const y = (value: number) => PAD.top + plotHeight - (value / max) * plotHeight;
  const ticks = [0, Math.round(max / 2), max];
  const every = Math.max(1, Math.ceil(categories.length / 6));
  return (
    <>
      <ul className="chart__legend">
        {series.map((line, index) => (
          <li key={line.label}>
            <span className={`swatch swatch--${index}`} />
            {line.label}
          </li>
        ))}
      </ul>
      <svg className="line-chart" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} focusable="false">
        {ticks.map((tick) => (
          <g key={tick}>
            <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(tick)} y2={y(tick)} className="line-chart__grid" />
            <text x={PAD.left - 6} y={y(tick) + 4} textAnchor="end">{formatNumber(tick)}</text>
          </g>
        ))}
        {categories.map((category, index) =>
          index % every === 0 ? (
            <text key={category} x={x(index)} y={HEIGHT - 12} textAnchor="middle">{category}</text>
          ) : null,
        )}
        {series.map((line, index) => (
          <g key={line.label} className={`line-chart__series line-chart__series--${index}`}>
            <polyline points={line.values.map((value, at) => `${x(at)},${y(value)}`).join(" ")} />
            {line.values.map((value, at) => (
              <circle key={categories[at]} cx={x(at)} cy={y(value)} r={4} />
            ))}
          </g>
        ))}
      </svg>
    </>
  );
}
