/**
 * Charts for people who would rather look than read (issue 7), as self-contained SVG text that
 * the portal can put straight into a page (no JavaScript; WCAG 2.2 AA):
 * - `role="img"` with `aria-labelledby` pointing at a `<title>` and a `<desc>` that states the
 *   figures that matter in words (highest, lowest, the series compared);
 * - every bar and point carries its value as text, so nothing depends on colour; the previous
 *   period is told apart by pattern and line style as well as colour, with a legend;
 * - colours have at least 3:1 contrast with the white background (GOV.UK blue #1d70b8, dark grey
 *   #505a5f), text is #0b0c0c at 14px or larger;
 * - the same figures are always available as a table: `chartTable(spec)` / `renderTableHtml`.
 */
import type { AnnualReport } from "./annual-report.js";
import type { ReportTable } from "./table.js";
import { periodWords } from "./numbers.js";

export interface ChartSeries {
  name: string;
  values: ReadonlyArray<number | null>;
}

export interface ChartSpec {
  /** Used for element ids: letters, digits and hyphens. */
  id: string;
  kind: "bar" | "line";
  title: string;
  /** One or two sentences in words; a summary of the figures is added after it. */
  description: string;
  /** Category labels: directorates for a bar chart, months for a line chart. */
  categories: readonly string[];
  series: readonly ChartSeries[];
  /** "%" for percentages (axis 0–100). */
  unit?: "%" | "";
  /** What the categories are, for the table's first column. */
  categoryLabel?: string;
}

const INK = "#0b0c0c";
const GRID = "#b1b4b6";
const SERIES = [
  { fill: "#1d70b8", stroke: "#1d70b8", dash: "", marker: "circle" },
  { fill: "url(#PATTERN)", stroke: "#505a5f", dash: "6 4", marker: "square" },
  { fill: "#00703c", stroke: "#00703c", dash: "2 3", marker: "diamond" },
] as const;

const esc = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

const format = (value: number | null, unit: string) =>
  value === null ? "no figure" : `${Number.isInteger(value) ? value : value.toFixed(1)}${unit}`;

function niceMax(max: number): { top: number; step: number } {
  if (max <= 0) return { top: 1, step: 1 };
  const rough = max / 4;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= rough)!;
  return { top: Math.ceil(max / step) * step, step };
}

function summary(spec: ChartSpec): string {
  const unit = spec.unit ?? "";
  const parts: string[] = [];
  for (const series of spec.series) {
    const known = series.values
      .map((v, i) => ({ v, c: spec.categories[i]! }))
      .filter((x): x is { v: number; c: string } => x.v !== null);
    if (known.length === 0) {
      parts.push(`${series.name}: no figures.`);
      continue;
    }
    const high = known.reduce((a, b) => (b.v > a.v ? b : a));
    const low = known.reduce((a, b) => (b.v < a.v ? b : a));
    parts.push(
      `${series.name}: highest ${high.c} ${format(high.v, unit)}, lowest ${low.c} ${format(low.v, unit)}.`,
    );
  }
  return parts.join(" ");
}

function checkSpec(spec: ChartSpec): void {
  if (!/^[a-z][a-z0-9-]*$/i.test(spec.id))
    throw new Error(`chart id "${spec.id}" must be letters, digits and hyphens`);
  for (const s of spec.series) {
    if (s.values.length !== spec.categories.length)
      throw new Error(
        `series "${s.name}" has ${s.values.length} values for ${spec.categories.length} categories`,
      );
  }
}

function markerShape(kind: string, x: number, y: number, colour: string): string {
  if (kind === "square")
    return `<rect x="${x - 4}" y="${y - 4}" width="8" height="8" fill="${colour}"/>`;
  if (kind === "diamond")
    return `<path d="M${x} ${y - 5}L${x + 5} ${y}L${x} ${y + 5}L${x - 5} ${y}Z" fill="${colour}"/>`;
  return `<circle cx="${x}" cy="${y}" r="4" fill="${colour}"/>`;
}

function legend(spec: ChartSpec, x: number, y: number): string {
  return spec.series
    .map((s, i) => {
      const style = SERIES[i % SERIES.length]!;
      const at = x + i * 200;
      const key =
        spec.kind === "bar"
          ? `<rect x="${at}" y="${y - 11}" width="14" height="14" fill="${style.fill.replace("PATTERN", `${spec.id}-hatch`)}" stroke="${style.stroke}"/>`
          : `<line x1="${at}" y1="${y - 4}" x2="${at + 24}" y2="${y - 4}" stroke="${style.stroke}" stroke-width="3"${style.dash ? ` stroke-dasharray="${style.dash}"` : ""}/>${markerShape(style.marker, at + 12, y - 4, style.stroke)}`;
      return `${key}<text x="${at + (spec.kind === "bar" ? 20 : 30)}" y="${y}" font-size="14" fill="${INK}">${esc(s.name)}</text>`;
    })
    .join("");
}

function barChart(spec: ChartSpec): { width: number; height: number; body: string } {
  const unit = spec.unit ?? "";
  const values = spec.series.flatMap((s) => s.values).filter((v): v is number => v !== null);
  const { top, step } = unit === "%" ? { top: 100, step: 25 } : niceMax(Math.max(0, ...values));
  // Arial at 14px averages about 8px a character; the margin keeps capitals and wide letters in.
  const labelWidth = Math.min(280, Math.max(...spec.categories.map((c) => c.length), 8) * 8 + 20);
  const width = 720;
  const plot = width - labelWidth - 70;
  const barHeight = 18;
  const group = spec.series.length * barHeight + 14;
  const top0 = 40;
  const height = top0 + spec.categories.length * group + 50;
  const x = (v: number) => labelWidth + (v / top) * plot;
  let body = "";
  for (let t = 0; t <= top + 1e-9; t += step) {
    body += `<line x1="${x(t)}" y1="${top0 - 6}" x2="${x(t)}" y2="${top0 + spec.categories.length * group}" stroke="${GRID}" stroke-width="1"/>`;
    body += `<text x="${x(t)}" y="${top0 - 10}" font-size="14" fill="${INK}" text-anchor="middle">${esc(format(t, unit))}</text>`;
  }
  spec.categories.forEach((category, i) => {
    const y0 = top0 + i * group;
    body += `<text x="${labelWidth - 8}" y="${y0 + (spec.series.length * barHeight) / 2 + 5}" font-size="14" fill="${INK}" text-anchor="end">${esc(category)}</text>`;
    spec.series.forEach((s, j) => {
      const style = SERIES[j % SERIES.length]!;
      const v = s.values[i] ?? null;
      const y = y0 + j * barHeight;
      if (v === null) {
        body += `<text x="${x(0) + 4}" y="${y + 14}" font-size="14" fill="${INK}">${esc(`${s.name}: no figure`)}</text>`;
        return;
      }
      const w = Math.max(1, x(v) - x(0));
      body += `<rect x="${x(0)}" y="${y + 1}" width="${w.toFixed(1)}" height="${barHeight - 2}" fill="${style.fill.replace("PATTERN", `${spec.id}-hatch`)}" stroke="${style.stroke}"><title>${esc(`${category}, ${s.name}: ${format(v, unit)}`)}</title></rect>`;
      body += `<text x="${(x(0) + w + 4).toFixed(1)}" y="${y + 14}" font-size="14" fill="${INK}">${esc(format(v, unit))}</text>`;
    });
  });
  body += legend(spec, labelWidth, height - 16);
  return { width, height, body };
}

function lineChart(spec: ChartSpec): { width: number; height: number; body: string } {
  const unit = spec.unit ?? "";
  const values = spec.series.flatMap((s) => s.values).filter((v): v is number => v !== null);
  const { top, step } = unit === "%" ? { top: 100, step: 25 } : niceMax(Math.max(0, ...values));
  const width = 720;
  const height = 380;
  const left = 60;
  const right = 20;
  const plotTop = 30;
  const plotBottom = height - 90;
  const n = Math.max(1, spec.categories.length - 1);
  const x = (i: number) => left + (i / n) * (width - left - right);
  const y = (v: number) => plotBottom - (v / top) * (plotBottom - plotTop);
  let body = "";
  for (let t = 0; t <= top + 1e-9; t += step) {
    body += `<line x1="${left}" y1="${y(t)}" x2="${width - right}" y2="${y(t)}" stroke="${GRID}" stroke-width="1"/>`;
    body += `<text x="${left - 8}" y="${y(t) + 5}" font-size="14" fill="${INK}" text-anchor="end">${esc(format(t, unit))}</text>`;
  }
  spec.categories.forEach((c, i) => {
    body += `<text x="${x(i)}" y="${plotBottom + 22}" font-size="14" fill="${INK}" text-anchor="middle">${esc(c)}</text>`;
  });
  spec.series.forEach((s, j) => {
    const style = SERIES[j % SERIES.length]!;
    let path = "";
    let pen = false;
    s.values.forEach((v, i) => {
      if (v === null) {
        pen = false;
        return;
      }
      path += `${pen ? "L" : "M"}${x(i).toFixed(1)} ${y(v).toFixed(1)}`;
      pen = true;
    });
    if (path) {
      body += `<path d="${path}" fill="none" stroke="${style.stroke}" stroke-width="3"${style.dash ? ` stroke-dasharray="${style.dash}"` : ""}/>`;
    }
    s.values.forEach((v, i) => {
      if (v === null) return;
      body += `<g>${markerShape(style.marker, x(i), y(v), style.stroke)}<title>${esc(`${spec.categories[i]}, ${s.name}: ${format(v, unit)}`)}</title></g>`;
      body += `<text x="${x(i)}" y="${y(v) - 10 - j * 16}" font-size="14" fill="${INK}" text-anchor="middle">${esc(format(v, unit))}</text>`;
    });
  });
  body += legend(spec, left, height - 20);
  return { width, height, body };
}

/** The chart as an SVG document fragment (a single `<svg>` element). */
export function renderChartSvg(spec: ChartSpec): string {
  checkSpec(spec);
  const { width, height, body } = spec.kind === "bar" ? barChart(spec) : lineChart(spec);
  const titleId = `${spec.id}-title`;
  const descId = `${spec.id}-desc`;
  const description = `${spec.description} ${summary(spec)}`.trim();
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="${titleId} ${descId}" ` +
    `viewBox="0 0 ${width} ${height}" width="100%" style="max-width:${width}px" font-family="Arial, sans-serif">` +
    `<title id="${titleId}">${esc(spec.title)}</title>` +
    `<desc id="${descId}">${esc(description)}</desc>` +
    `<defs><pattern id="${spec.id}-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">` +
    `<rect width="6" height="6" fill="#ffffff"/><line x1="0" y1="0" x2="0" y2="6" stroke="#505a5f" stroke-width="3"/></pattern></defs>` +
    `<rect width="${width}" height="${height}" fill="#ffffff"/>` +
    body +
    `</svg>`
  );
}

/** The chart's figures as a table, to show with (or instead of) the chart. */
export function chartTable(spec: ChartSpec): ReportTable {
  checkSpec(spec);
  return {
    id: `${spec.id}-table`,
    title: spec.title,
    caption: spec.description,
    columns: [
      {
        key: "category",
        label: spec.categoryLabel ?? (spec.kind === "line" ? "Month" : "Directorate"),
      },
      ...spec.series.map((s, i) => ({
        key: `s${i}`,
        label: `${s.name}${spec.unit === "%" ? " (%)" : ""}`,
        numeric: true,
      })),
    ],
    rows: spec.categories.map((c, i) => ({
      category: c,
      ...Object.fromEntries(spec.series.map((s, j) => [`s${j}`, s.values[i] ?? null])),
    })),
  };
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const monthName = (ym: string) => `${MONTHS[Number(ym.slice(5, 7)) - 1]} ${ym.slice(2, 4)}`;

/** Share answered within the standard per directorate, for one column of the table (default Stage 1). */
export function inTimeByDirectorateChart(report: AnnualReport, column = "stage-1"): ChartSpec {
  const label = report.columns.find((c) => c.key === column)?.label ?? column;
  return {
    id: `in-time-${column.replace(/[^a-z0-9]+/gi, "-")}`,
    kind: "bar",
    title: `${label}: share answered within the standard, by directorate`,
    description: `Percentage of ${label} complaints answered within the standard response time, ${periodWords(report.period)}${report.previousPeriod ? `, beside ${periodWords(report.previousPeriod)}` : ""}.`,
    categories: report.directorates.map((d) => d.name),
    series: [
      {
        name: `${report.period.from.slice(0, 4)} to ${report.period.to.slice(0, 4)}`,
        values: report.directorates.map((d) => d.cells[column]?.percent ?? null),
      },
      ...(report.previousPeriod
        ? [
            {
              name: `${report.previousPeriod.from.slice(0, 4)} to ${report.previousPeriod.to.slice(0, 4)}`,
              values: report.directorates.map((d) => d.cells[column]?.previous?.percent ?? null),
            },
          ]
        : []),
    ],
    unit: "%",
    categoryLabel: "Directorate",
  };
}

/** Complaints received month by month, with the previous period's same months as a second line. */
export function monthlyTrendChart(
  report: AnnualReport,
  metric: "received" | "percent" = "received",
): ChartSpec {
  const percent = metric === "percent";
  return {
    id: `trend-${metric}`,
    kind: "line",
    title: percent
      ? "Share answered within the standard, month by month"
      : "Complaints received, month by month",
    description: `${percent ? "Percentage answered within the standard" : "Number received"} in each month of ${periodWords(report.period)}${report.previousPeriod ? `, with the same months of the previous period` : ""}.`,
    categories: report.monthlyTrend.map((m) => monthName(m.month)),
    series: [
      {
        name: "This period",
        values: report.monthlyTrend.map((m) => (percent ? m.percent : m.received)),
      },
      ...(report.previousPeriod
        ? [
            {
              name: "Previous period",
              values: report.monthlyTrend.map((m) =>
                m.previous ? (percent ? m.previous.percent : m.previous.received) : null,
              ),
            },
          ]
        : []),
    ],
    unit: percent ? "%" : "",
    categoryLabel: "Month",
  };
}
