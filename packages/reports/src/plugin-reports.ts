/**
 * The measures plugins register (`addReport`; core's `ReportMeasure.compute`), computed over the
 * report facts of the cases each report covers (decision 0711): the regimes of the services and
 * kinds whose resolved rules carry it, judged by their own timescales. The portal's reports
 * page shows them beside the council's own figures.
 */
import { measureFigure, type Executor, type ReportPeriod } from "@complaints/db";
import { CASE_KINDS, type ReportContribution, type ReportMeasure, type RuleBook } from "@complaints/core";
import { roundTo } from "./numbers.js";
import { reportScope } from "./regime-scope.js";
import type { ReportTable } from "./table.js";

export interface PluginMeasureFigure {
  id: string;
  label: string;
  definition: string;
  /** The figure; null where it cannot be worked out (no homes given, nothing to take a share of). */
  value: number | null;
  unit: "count" | "percent" | "working days" | "rate";
  /** What it was worked out from, in plain words ("42 of 50 responses"). */
  basis: string;
}

export interface PluginReportFigures {
  id: string;
  title: string;
  source: string;
  measures: PluginMeasureFigure[];
}

/** Every report the plugins of this council register, once each, in the order the services list them. */
export function pluginContributions(book: RuleBook): ReportContribution[] {
  const seen = new Map<string, ReportContribution>();
  for (const serviceId of book.serviceIds()) {
    for (const kind of CASE_KINDS) {
      for (const report of book.rulesFor(serviceId, kind).reports) if (!seen.has(report.id)) seen.set(report.id, report);
    }
  }
  return [...seen.values()];
}

async function computeMeasure(
  db: Executor,
  measure: ReportMeasure & { compute: NonNullable<ReportMeasure["compute"]> },
  scope: { councilId: string; period: ReportPeriod; regimeIds: readonly string[]; caseKinds: readonly string[]; serviceIds: readonly string[] | undefined; timescales: Parameters<typeof measureFigure>[1]["timescales"]; directorateIds?: readonly string[] | null; homes: number | null },
): Promise<PluginMeasureFigure> {
  const { compute } = measure;
  const base = { id: measure.id, label: measure.label, definition: measure.definition };
  const figure = await measureFigure(db, {
    councilId: scope.councilId,
    period: scope.period,
    regimeIds: scope.regimeIds,
    caseKinds: scope.caseKinds,
    serviceIds: scope.serviceIds,
    timescales: scope.timescales,
    dated: compute.dated,
    of: compute.kind === "count" ? undefined : compute.of,
    where: compute.kind === "median" ? undefined : compute.where,
    workingDays: compute.kind === "median" ? compute.workingDays : undefined,
    directorateIds: scope.directorateIds,
  });
  switch (compute.kind) {
    case "count": {
      if (!compute.per) return { ...base, value: figure.matching, unit: "count", basis: `${figure.matching} cases` };
      const per = scope.homes;
      return {
        ...base,
        value: per ? roundTo((figure.matching / per) * compute.per.multiplier, 2) : null,
        unit: "rate",
        basis: per ? `${figure.matching} per ${per.toLocaleString("en-GB")} ${compute.per.profileField}` : `${figure.matching}; no ${compute.per.profileField} in the council profile`,
      };
    }
    case "share":
      return { ...base, value: figure.total ? roundTo((figure.matching / figure.total) * 100, 1) : null, unit: "percent", basis: `${figure.matching} of ${figure.total}` };
    case "median":
      return { ...base, value: figure.median, unit: "working days", basis: `the median over ${figure.total}` };
  }
}

/**
 * The plugins' reports for a period, each measure with `compute` worked out. Measures without
 * one are listed with no value: the plugin describes them, a report of the council's computes them.
 */
export async function pluginReports(
  db: Executor,
  input: { councilId: string; period: ReportPeriod; book: RuleBook; directorateIds?: readonly string[] | null },
): Promise<PluginReportFigures[]> {
  const out: PluginReportFigures[] = [];
  for (const report of pluginContributions(input.book)) {
    const scope = reportScope(input.book, report.id);
    if (!scope) continue;
    const measures: PluginMeasureFigure[] = [];
    for (const measure of report.measures) {
      if (!measure.compute) continue;
      measures.push(
        await computeMeasure(db, { ...measure, compute: measure.compute }, {
          councilId: input.councilId,
          period: input.period,
          regimeIds: scope.regimeIds,
          caseKinds: scope.caseKinds,
          serviceIds: scope.serviceIds,
          timescales: scope.timescales,
          directorateIds: input.directorateIds ?? null,
          homes: input.book.profile.homes ?? null,
        }),
      );
    }
    if (measures.length) out.push({ id: report.id, title: report.title, source: report.source, measures });
  }
  return out;
}

const UNIT_WORDS: Record<PluginMeasureFigure["unit"], string> = { count: "cases", percent: "%", "working days": "working days", rate: "rate" };

/** One table per plugin report, each measure a row with its value and what it was worked out from. */
export function pluginReportTables(reports: readonly PluginReportFigures[]): ReportTable[] {
  return reports.map((report) => ({
    id: `plugin:${report.id}`,
    title: report.title,
    caption: `Registered by a plugin; ${report.source}.`,
    columns: [
      { key: "measure", label: "Measure" },
      { key: "value", label: "Value", numeric: true },
      { key: "unit", label: "Unit" },
      { key: "basis", label: "Worked out from" },
    ],
    rows: report.measures.map((m) => ({ measure: m.label, value: m.value, unit: UNIT_WORDS[m.unit], basis: m.basis })),
  }));
}
