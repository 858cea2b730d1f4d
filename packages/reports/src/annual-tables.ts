/**
 * The annual report as tables: for CSV downloads and for the portal's pages. The first is
 * Lewisham's table (5.2) with its bracketed previous figures; each figure also has its own
 * column in the CSV-friendly version so a spreadsheet can use the numbers.
 */
import type { AnnualReport, TableCell } from "./annual-report.js";
import { tablesToCsv } from "./csv.js";
import { formatPounds, withPrevious, periodWords, stageWords } from "./numbers.js";
import type { CellValue, ReportColumn, ReportTable } from "./table.js";

const cellCount = (cell: TableCell) =>
  withPrevious(cell.count, cell.previous ? cell.previous.count : undefined);
const cellPercent = (cell: TableCell) =>
  withPrevious(cell.percent, cell.previous ? cell.previous.percent : undefined);

/**
 * Lewisham's table exactly as published: "66 (54)" and "52 (31)" per column, totals row with
 * counts only ("All percentages are rounded").
 */
export function directorateTable(report: AnnualReport): ReportTable {
  const columns = [{ key: "directorate", label: "Directorate" }];
  for (const c of report.columns) {
    columns.push({ key: c.key, label: c.label }, { key: `${c.key}%`, label: "%" });
  }
  columns.push({ key: "total", label: "Total" });
  const rows = report.directorates.map((d) => {
    const row: Record<string, CellValue> = { directorate: d.name };
    for (const c of report.columns) {
      row[c.key] = cellCount(d.cells[c.key]!);
      row[`${c.key}%`] = cellPercent(d.cells[c.key]!);
    }
    row.total = withPrevious(d.total.count, d.total.previous ?? undefined);
    return row;
  });
  const totals: Record<string, CellValue> = { directorate: "Total" };
  for (const c of report.columns) {
    totals[c.key] = cellCount(report.totals.cells[c.key]!);
    totals[`${c.key}%`] = null;
  }
  totals.total = withPrevious(report.totals.total.count, report.totals.total.previous ?? undefined);
  return {
    id: "complaints-by-directorate",
    title: `Complaints by directorate and stage, ${periodWords(report.period)}`,
    caption: `The number received and the percentage answered within the standard response time.${report.previousPeriod ? ` Figures in brackets are for ${periodWords(report.previousPeriod)}.` : ""} All percentages are rounded.`,
    columns,
    rows,
    totals,
  };
}

/** The same figures one number per column, for spreadsheets. */
export function directorateFiguresTable(report: AnnualReport): ReportTable {
  const columns: ReportColumn[] = [{ key: "directorate", label: "Directorate" }];
  for (const c of report.columns) {
    columns.push(
      { key: `${c.key}:count`, label: `${c.label} received`, numeric: true },
      { key: `${c.key}:inTime`, label: `${c.label} answered in time`, numeric: true },
      { key: `${c.key}:measured`, label: `${c.label} answered or overdue`, numeric: true },
      { key: `${c.key}:percent`, label: `${c.label} % in time`, numeric: true },
    );
    if (report.previousPeriod) {
      columns.push(
        {
          key: `${c.key}:previousCount`,
          label: `${c.label} received (previous period)`,
          numeric: true,
        },
        {
          key: `${c.key}:previousPercent`,
          label: `${c.label} % in time (previous period)`,
          numeric: true,
        },
      );
    }
  }
  columns.push({ key: "total", label: "Total received", numeric: true });
  if (report.previousPeriod)
    columns.push({
      key: "previousTotal",
      label: "Total received (previous period)",
      numeric: true,
    });
  const rowOf = (
    name: string,
    cells: Record<string, TableCell>,
    total: { count: number; previous: number | null },
  ) => {
    const row: Record<string, CellValue> = { directorate: name };
    for (const c of report.columns) {
      const cell = cells[c.key]!;
      row[`${c.key}:count`] = cell.count;
      row[`${c.key}:inTime`] = cell.inTime;
      row[`${c.key}:measured`] = cell.measured;
      row[`${c.key}:percent`] = cell.percent;
      if (report.previousPeriod) {
        row[`${c.key}:previousCount`] = cell.previous?.count ?? null;
        row[`${c.key}:previousPercent`] = cell.previous?.percent ?? null;
      }
    }
    row.total = total.count;
    if (report.previousPeriod) row.previousTotal = total.previous;
    return row;
  };
  return {
    id: "complaints-by-directorate-figures",
    title: `Complaints by directorate and stage, ${periodWords(report.period)} (figures)`,
    columns,
    rows: report.directorates.map((d) => rowOf(d.name, d.cells, d.total)),
    totals: rowOf("Total", report.totals.cells, report.totals.total),
  };
}

/** Every table of the annual report, in reading order. */
export function annualReportTables(report: AnnualReport): ReportTable[] {
  const prev = report.previousPeriod !== null;
  const tables: ReportTable[] = [directorateTable(report), directorateFiguresTable(report)];

  tables.push({
    id: "stage-summary",
    title: "Outcomes, response times and extensions by stage",
    caption: "Shares of responses; average working days from the request to the response.",
    columns: [
      { key: "stage", label: "Stage" },
      { key: "received", label: "Received", numeric: true },
      { key: "responded", label: "Responded", numeric: true },
      { key: "upheld", label: "Upheld %", numeric: true },
      { key: "partly", label: "Partly upheld %", numeric: true },
      { key: "notUpheld", label: "Not upheld %", numeric: true },
      { key: "days", label: "Average working days to respond", numeric: true },
      ...(prev
        ? [{ key: "previousDays", label: "Average working days (previous period)", numeric: true }]
        : []),
      { key: "extended", label: "Extended", numeric: true },
      { key: "extendedRate", label: "Extended %", numeric: true },
      { key: "extensionDays", label: "Working days added", numeric: true },
      { key: "ack", label: "Acknowledged in time %", numeric: true },
      { key: "target", label: "Internal target met %", numeric: true },
    ],
    rows: report.stages.map((s) => ({
      stage: s.label,
      received: s.tally.received,
      responded: s.tally.responded,
      upheld: s.outcomeRates.upheld,
      partly: s.outcomeRates.partlyUpheld,
      notUpheld: s.outcomeRates.notUpheld,
      days: s.averageWorkingDays,
      ...(prev ? { previousDays: s.previousAverageWorkingDays } : {}),
      extended: s.tally.extended,
      extendedRate: s.extendedRate,
      extensionDays: s.tally.extensionDays,
      ack: s.acknowledgedInTimeRate,
      target: s.targetMetRate,
    })),
  });

  tables.push({
    id: "top-categories",
    title: "The most common complaints in each directorate",
    columns: [
      { key: "directorate", label: "Directorate" },
      { key: "rank", label: "Rank", numeric: true },
      { key: "category", label: "Category" },
      { key: "count", label: "Complaints", numeric: true },
      { key: "subCategories", label: "Most common sub-categories" },
    ],
    rows: report.topCategories.flatMap((d) =>
      d.categories.map((c) => ({
        directorate: d.name,
        rank: c.rank,
        category: c.category ?? "Not categorised",
        count: c.count,
        subCategories: c.subCategories.map((s) => `${s.subCategory} (${s.count})`).join("; "),
      })),
    ),
  });

  tables.push({
    id: "escalation",
    title: "Stage 1 complaints escalated to Stage 2",
    columns: [
      { key: "directorate", label: "Directorate" },
      { key: "stageOne", label: "Stage 1 complaints", numeric: true },
      { key: "escalated", label: "Escalated", numeric: true },
      { key: "rate", label: "Escalation rate %", numeric: true },
    ],
    rows: report.escalation.byDirectorate.map((d) => ({
      directorate: d.name,
      stageOne: d.stageOne,
      escalated: d.escalated,
      rate: d.rate,
    })),
    totals: {
      directorate: "Total",
      stageOne: report.escalation.overall.stageOne,
      escalated: report.escalation.overall.escalated,
      rate: report.escalation.overall.rate,
    },
  });

  tables.push({
    id: "escalation-reasons",
    title: "Reasons given for escalation",
    columns: [
      { key: "reason", label: "Reason" },
      { key: "stage", label: "Escalated to" },
      { key: "count", label: "Requests", numeric: true },
      ...(prev ? [{ key: "previous", label: "Previous period", numeric: true }] : []),
    ],
    rows: report.escalation.reasons.map((r) => ({
      reason: r.reason,
      stage: stageWords(r.stageId),
      count: r.count,
      ...(prev ? { previous: r.previous } : {}),
    })),
  });

  tables.push({
    id: "refused",
    title: "Complaints not taken on, by reason",
    columns: [
      { key: "outcome", label: "Outcome" },
      { key: "reason", label: "Reason" },
      { key: "count", label: "Cases", numeric: true },
      ...(prev ? [{ key: "previous", label: "Previous period", numeric: true }] : []),
    ],
    rows: report.refused.map((r) => ({
      outcome: r.label,
      reason: r.reasonLabel,
      count: r.count,
      ...(prev ? { previous: r.previous } : {}),
    })),
  });

  tables.push({
    id: "ombudsman",
    title: "Ombudsman and Information Commissioner",
    columns: [
      { key: "body", label: "Body" },
      { key: "enquiries", label: "Enquiries received", numeric: true },
      { key: "responsesInTime", label: "Responses by their date", numeric: true },
      { key: "responses", label: "Responses", numeric: true },
      { key: "decisions", label: "Decisions", numeric: true },
      { key: "fault", label: "Fault found", numeric: true },
      { key: "findings", label: "Findings" },
      { key: "remedies", label: "Remedies asked for", numeric: true },
      { key: "remedyAmount", label: "Amount" },
      { key: "compliance", label: "Remedies done by their date %", numeric: true },
      { key: "satisfaction", label: "Letters of satisfaction", numeric: true },
    ],
    rows: report.ombudsman.map((o) => ({
      body: o.label,
      enquiries: o.enquiries,
      responsesInTime: o.responsesInTime,
      responses: o.responses,
      decisions: o.decisions,
      fault: o.faultFound,
      findings: o.findings.map((f) => `${f.label} (${f.count})`).join("; "),
      remedies: o.remedies,
      remedyAmount: formatPounds(o.remedyPence),
      compliance: o.complianceRate,
      satisfaction: o.satisfactionLetters,
    })),
  });

  tables.push({
    id: "compensation",
    title: "Compensation awarded, by band",
    columns: [
      { key: "band", label: "Band" },
      { key: "count", label: "Cases", numeric: true },
      { key: "amount", label: "Amount" },
      ...(prev ? [{ key: "previousCount", label: "Cases (previous period)", numeric: true }] : []),
    ],
    rows: report.compensation.bands.map((b) => ({
      band: b.label,
      count: b.count,
      amount: formatPounds(b.pence),
      ...(prev ? { previousCount: b.previousCount } : {}),
    })),
    totals: {
      band: "Total",
      count: report.compensation.cases,
      amount: formatPounds(report.compensation.pence),
      ...(prev ? { previousCount: report.compensation.previous?.cases ?? null } : {}),
    },
  });

  tables.push(monthlyTrendTable(report));
  return tables;
}

export function monthlyTrendTable(report: AnnualReport): ReportTable {
  const prev = report.previousPeriod !== null;
  return {
    id: "monthly-trend",
    title: "Complaints received and answered in time, month by month",
    columns: [
      { key: "month", label: "Month" },
      { key: "received", label: "Received", numeric: true },
      { key: "percent", label: "Answered in time %", numeric: true },
      ...(prev
        ? [
            { key: "previousReceived", label: "Received (previous period)", numeric: true },
            {
              key: "previousPercent",
              label: "Answered in time % (previous period)",
              numeric: true,
            },
          ]
        : []),
    ],
    rows: report.monthlyTrend.map((m) => ({
      month: m.month,
      received: m.received,
      percent: m.percent,
      ...(prev
        ? {
            previousReceived: m.previous?.received ?? null,
            previousPercent: m.previous?.percent ?? null,
          }
        : {}),
    })),
  };
}

function isAnnualReport(value: unknown): value is AnnualReport {
  return (
    typeof value === "object" &&
    value !== null &&
    "directorates" in value &&
    "columns" in value &&
    "period" in value
  );
}

/**
 * CSV for a download: a whole annual report (every table, one section each), a single table,
 * or a list of tables.
 */
export function toCsv(report: AnnualReport | ReportTable | readonly ReportTable[]): string {
  if (isAnnualReport(report)) return tablesToCsv(annualReportTables(report));
  return tablesToCsv(report as ReportTable | readonly ReportTable[]);
}
