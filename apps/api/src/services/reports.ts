/**
 * The council's complaint figures (issue 7): the annual or any period's report in Lewisham's
 * shape with the previous period in brackets, the housing measures (TSM CH01/CH02) and the data
 * for the Code self-assessment, the statutory social care figures and lessons learned. Counting
 * is @complaints/db's SQL over the fact and calendar tables, shaping is @complaints/reports';
 * this module decides whose figures the reader may see and hands back the data, its tables
 * (the same ones the CSV downloads hold) and the charts as accessible SVG.
 *
 * Who: REPORT_READERS. Council-wide roles may report on any directorate or all of them; a DCRO,
 * Head of Service or Director only on the directorates their roles cover, and without a filter
 * they get exactly those.
 */
import { todayIn } from "@complaints/core";
import type { ReportPeriod } from "@complaints/db";
import {
  annualReport,
  annualReportTables,
  chartTable,
  codeSelfAssessmentData,
  pluginReportTables,
  pluginReports,
  regimeTimescales,
  reportScope as pluginReportScope,
  type RegimeReportScope,
  inTimeByDirectorateChart,
  lessonsLearnedReport,
  lessonsLearnedTables,
  monthlyTrendChart,
  renderChartSvg,
  socialCareAnnualReport,
  tablesToCsv,
  tsmTable,
  type ChartSpec,
  type ReportTable,
  type SocialCareAnnualReport,
} from "@complaints/reports";
import type { Context } from "../context.js";
import { badInput, noAccess } from "../errors.js";
import { directoratesWith, hasRole, type StaffPrincipal } from "../access/principal.js";
import { REPORT_READERS } from "../access/policy.js";
import { ensureReportCalendars } from "./report-calendars.js";

/** Longest period one report covers: three years, so one request cannot ask for decades. */
export const MAX_REPORT_DAYS = 3 * 366;

export interface PeriodInput {
  from: string;
  to: string;
}

export interface Chart {
  id: string;
  title: string;
  /** Self-contained, accessible SVG (role="img", title and description). */
  svg: string;
  /** The chart's figures as a table, to show beside it. */
  table: ReportTable;
}

function chartOf(spec: ChartSpec): Chart {
  return { id: spec.id, title: spec.title, svg: renderChartSvg(spec), table: chartTable(spec) };
}

const dayNumber = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;

export function checkReportPeriod(period: PeriodInput, what = "The report period"): ReportPeriod {
  if (period.to < period.from) throw badInput(`${what} ends (${period.to}) before it starts (${period.from})`);
  if (dayNumber(period.to) - dayNumber(period.from) + 1 > MAX_REPORT_DAYS) throw badInput(`${what} is longer than three years: choose a shorter one`);
  return { from: period.from, to: period.to };
}

/** The financial year (1 April to 31 March) a date falls in, as councils and the TSMs report. */
export function financialYearOf(date: string): ReportPeriod {
  const year = Number(date.slice(0, 4));
  const start = date.slice(5) >= "04-01" ? year : year - 1;
  return { from: `${start}-04-01`, to: `${start + 1}-03-31` };
}

export interface ReportScope {
  /** The directorates the figures cover, or null for the whole council. */
  directorateIds: string[] | null;
  /** What the reader may choose from. */
  choices: Array<{ id: string; name: string }>;
  councilWide: boolean;
}

/** Whose figures this reader sees, with the filter they asked for checked against their roles. */
export async function reportScope(ctx: Context, staff: StaffPrincipal, requested: readonly string[] | undefined): Promise<ReportScope> {
  if (!hasRole(staff, REPORT_READERS)) throw noAccess("Your role cannot read the council's complaint reports");
  const runtime = await ctx.deps.councils.get(staff.councilId);
  const allowed = directoratesWith(staff, REPORT_READERS);
  const all = [...runtime.directorateIdByCode.values()];
  const choices = (allowed === "all" ? all : all.filter((id) => allowed.includes(id)))
    .map((id) => ({ id, name: runtime.names.directorates.get(id) ?? id }))
    .sort((a, b) => a.name.localeCompare(b.name, "en-GB"));
  if (requested && requested.length) {
    for (const id of requested) {
      if (!all.includes(id)) throw badInput("There is no such directorate");
      if (allowed !== "all" && !allowed.includes(id)) throw noAccess("You can read the figures of your own directorates only");
    }
    return { directorateIds: [...new Set(requested)], choices, councilWide: allowed === "all" };
  }
  return { directorateIds: allowed === "all" ? null : choices.map((c) => c.id), choices, councilWide: allowed === "all" };
}

/** What the report pages offer: the directorates the reader may choose, and sensible periods. */
export async function reportOptions(ctx: Context, staff: StaffPrincipal) {
  const scope = await reportScope(ctx, staff, undefined);
  const today = todayIn(ctx.clock);
  const current = financialYearOf(today);
  const years = [0, 1, 2].map((back) => {
    const start = Number(current.from.slice(0, 4)) - back;
    return { from: `${start}-04-01`, to: `${start + 1}-03-31`, label: `${start}/${String(start + 1).slice(2)}` };
  });
  return { today, directorates: scope.choices, councilWide: scope.councilWide, financialYears: years };
}

export interface AnnualInput extends PeriodInput {
  previous?: "auto" | "none" | PeriodInput | undefined;
  directorateIds?: string[] | undefined;
  asOf?: string | undefined;
}

/**
 * The annual (or any period's) report with every figure family: Lewisham's table (counts and %
 * in time per directorate and stage, member enquiries, the previous period in brackets, totals),
 * top categories, escalation rate and reasons, outcomes, working days to respond and extensions
 * per stage, refused complaints by reason, Ombudsman/ICO figures and compensation bands, and the
 * month-by-month trend; with the tables and charts the page and the CSV show.
 */
export async function annual(ctx: Context, staff: StaffPrincipal, input: AnnualInput) {
  const period = checkReportPeriod(input);
  const previous = input.previous === undefined || input.previous === "auto" ? "auto" : input.previous === "none" ? null : checkReportPeriod(input.previous, "The previous period");
  const scope = await reportScope(ctx, staff, input.directorateIds);
  await ensureReportCalendars(ctx.deps, staff.councilId);
  const report = await annualReport(ctx.db, {
    councilId: staff.councilId,
    from: period.from,
    to: period.to,
    previous,
    ...(input.asOf ? { asOf: input.asOf } : {}),
    ...(scope.directorateIds ? { directorateIds: scope.directorateIds } : {}),
  });
  const charts = [chartOf(inTimeByDirectorateChart(report)), chartOf(monthlyTrendChart(report))];
  // The measures the council's plugins register (addReport), computed for the same period and scope (decision 0711).
  const { book } = await ctx.deps.councils.get(staff.councilId);
  const plugins = await pluginReports(ctx.db, { councilId: staff.councilId, period, book, directorateIds: scope.directorateIds ?? null });
  return { scope: { directorateIds: scope.directorateIds, choices: scope.choices }, report, tables: [...annualReportTables(report), ...pluginReportTables(plugins)], charts, plugins };
}

export async function annualCsv(ctx: Context, staff: StaffPrincipal, input: AnnualInput): Promise<{ csv: string; fileName: string }> {
  const { report, tables } = await annual(ctx, staff, input);
  return { csv: tablesToCsv(tables), fileName: `complaints-report-${report.period.from}-to-${report.period.to}.csv` };
}

export interface HousingInput {
  from?: string | undefined;
  to?: string | undefined;
  directorateIds?: string[] | undefined;
}

/**
 * Housing: Tenant Satisfaction Measures CH01 (Stage 1 and Stage 2 complaints per 1,000 homes, the
 * number of homes from the council profile) and CH02 (responses within the Code's timescales, a
 * response inside a proper extension in time), and the data for the annual self-assessment
 * against the Housing Ombudsman's Code. Default: the financial year to date.
 */
export async function housing(ctx: Context, staff: StaffPrincipal, input: HousingInput) {
  const year = input.from && input.to ? checkReportPeriod({ from: input.from, to: input.to }, "The reporting year") : financialYearOf(todayIn(ctx.clock));
  const scope = await reportScope(ctx, staff, input.directorateIds);
  await ensureReportCalendars(ctx.deps, staff.councilId);
  const data = await codeSelfAssessmentData(ctx.db, { councilId: staff.councilId, year, ...(await housingScope(ctx, staff)), ...(scope.directorateIds ? { directorateIds: scope.directorateIds } : {}) });
  return { scope: { directorateIds: scope.directorateIds, choices: scope.choices }, ...data, tables: housingTables(data) };
}

/** The report the housing plugin registers for its Tenant Satisfaction Measures (plugins/housing/src/reports.ts). */
const HOUSING_TSM_REPORT = "housing.tsm-ch01-ch02";

/**
 * The housing regime's cases and the Code's timescales, from the council's resolved rules
 * (decision 0711): where no service enables the housing plugin, no regime counts and the
 * timescales shown are core's (the 2024 codes').
 */
async function housingScope(ctx: Context, staff: StaffPrincipal): Promise<RegimeReportScope> {
  const { book } = await ctx.deps.councils.get(staff.councilId);
  const anyService = book.serviceIds()[0];
  // No regime carries the report: an id no case has, so every figure is zero (as before plugins said which regimes count).
  return pluginReportScope(book, HOUSING_TSM_REPORT) ?? { regimeIds: ["(no housing regime)"], caseKinds: ["complaint"], timescales: anyService ? regimeTimescales(book.rulesFor(anyService, "complaint")) : [] };
}

function housingTables(data: Awaited<ReturnType<typeof codeSelfAssessmentData>>): ReportTable[] {
  const stage = (id: string) => (id === "stage-1" ? "Stage 1" : id === "stage-2" ? "Stage 2" : id);
  return [
    tsmTable(data.tsm),
    {
      id: "code-acknowledgements",
      title: "Acknowledged within 5 working days (Code 6.2 and 6.11)",
      columns: [
        { key: "stage", label: "Stage" },
        { key: "measured", label: "Acknowledged or overdue", numeric: true },
        { key: "inTime", label: "Within 5 working days", numeric: true },
        { key: "percent", label: "%", numeric: true },
      ],
      rows: data.acknowledgements.map((a) => ({ stage: stage(a.stageId), measured: a.measured, inTime: a.inTime, percent: a.percent })),
    },
    {
      id: "code-extensions",
      title: "Extensions (Code 6.4 to 6.5 and 6.15 to 6.16)",
      columns: [
        { key: "stage", label: "Stage" },
        { key: "responses", label: "Responses", numeric: true },
        { key: "extended", label: "Extended", numeric: true },
        { key: "days", label: "Working days added", numeric: true },
        { key: "details", label: "Told with the Ombudsman's details", numeric: true },
      ],
      rows: data.extensions.map((e) => ({ stage: stage(e.stageId), responses: e.responses, extended: e.extended, days: e.workingDaysAdded, details: e.withOmbudsmanDetails })),
    },
    {
      id: "code-targets",
      title: "Internal targets under the Code's deadlines",
      columns: [
        { key: "stage", label: "Stage" },
        { key: "measured", label: "Responses", numeric: true },
        { key: "met", label: "Within the target", numeric: true },
        { key: "percent", label: "%", numeric: true },
      ],
      rows: data.targets.map((t) => ({ stage: stage(t.stageId), measured: t.measured, met: t.met, percent: t.percent })),
    },
    {
      id: "code-refused",
      title: "Complaints not accepted, with reasons (Code section 2)",
      columns: [
        { key: "reason", label: "Reason" },
        { key: "count", label: "Cases", numeric: true },
      ],
      rows: data.refused.map((r) => ({ reason: r.label, count: r.count })),
    },
    {
      id: "code-determinations",
      title: "Housing Ombudsman determinations and orders",
      caption: `Orders due in the year: ${data.ordersDue}; complied with by their date: ${data.ordersCompliedInTime}.`,
      columns: [
        { key: "finding", label: "Finding" },
        { key: "count", label: "Determinations", numeric: true },
      ],
      rows: data.determinations.map((d) => ({ finding: d.label, count: d.count })),
    },
  ];
}

export async function housingCsv(ctx: Context, staff: StaffPrincipal, input: HousingInput): Promise<{ csv: string; fileName: string }> {
  const data = await housing(ctx, staff, input);
  return { csv: tablesToCsv(data.tables), fileName: `housing-complaints-${data.year.from}-to-${data.year.to}.csv` };
}

export interface DirectoratePeriodInput extends PeriodInput {
  directorateIds?: string[] | undefined;
}

/**
 * The statutory social care annual figures (SI 2009/309 reg 18 for adults; SI 2006/1738 for
 * children): complaints received, well-founded, referred to the Ombudsman, and what was learnt.
 */
export async function socialCare(ctx: Context, staff: StaffPrincipal, input: DirectoratePeriodInput) {
  const period = checkReportPeriod(input);
  const scope = await reportScope(ctx, staff, input.directorateIds);
  await ensureReportCalendars(ctx.deps, staff.councilId);
  const report = await socialCareAnnualReport(ctx.db, { councilId: staff.councilId, period, ...(scope.directorateIds ? { directorateIds: scope.directorateIds } : {}) });
  return { scope: { directorateIds: scope.directorateIds, choices: scope.choices }, report, tables: socialCareTables(report) };
}

const REGIME_NAMES: Record<string, string> = {
  "adult-social-care-2009": "Adult social care (SI 2009/309)",
  "children-social-care-2006": "Children's social care (SI 2006/1738)",
};

function socialCareTables(report: SocialCareAnnualReport): ReportTable[] {
  return [
    {
      id: "social-care",
      title: `Statutory social care complaints, ${report.period.from} to ${report.period.to}`,
      caption: "Received: complaints made in the period. Well-founded: responses upheld in full or in part.",
      columns: [
        { key: "regime", label: "Procedure" },
        { key: "received", label: "Received", numeric: true },
        { key: "responded", label: "Responses", numeric: true },
        { key: "wellFounded", label: "Well-founded", numeric: true },
        { key: "rate", label: "Well-founded %", numeric: true },
        { key: "inTime", label: "Answered in time", numeric: true },
        { key: "ombudsman", label: "Referred to the Ombudsman", numeric: true },
        { key: "actions", label: "Improvement actions agreed", numeric: true },
        { key: "done", label: "Done", numeric: true },
      ],
      rows: report.regimes.map((r) => ({
        regime: REGIME_NAMES[r.regimeId] ?? r.regimeId,
        received: r.received,
        responded: r.responded,
        wellFounded: r.wellFounded,
        rate: r.wellFoundedRate,
        inTime: r.respondedInTime,
        ombudsman: r.referredToOmbudsman.reduce((n, o) => n + o.count, 0),
        actions: r.improvementActions.agreed,
        done: r.improvementActions.done,
      })),
    },
    {
      id: "social-care-learning",
      title: "What was learnt",
      columns: [
        { key: "regime", label: "Procedure" },
        { key: "rootCause", label: "Root cause" },
        { key: "lessons", label: "Lessons learned" },
        { key: "count", label: "Responses", numeric: true },
      ],
      rows: report.regimes.flatMap((r) => r.learning.map((l) => ({ regime: REGIME_NAMES[r.regimeId] ?? r.regimeId, rootCause: l.rootCause, lessons: l.lessons, count: l.count }))),
    },
  ];
}

export async function socialCareCsv(ctx: Context, staff: StaffPrincipal, input: DirectoratePeriodInput): Promise<{ csv: string; fileName: string }> {
  const data = await socialCare(ctx, staff, input);
  return { csv: tablesToCsv(data.tables), fileName: `social-care-complaints-${data.report.period.from}-to-${data.report.period.to}.csv` };
}

/**
 * "Lessons learned" per directorate and period (what councils tell tenants and members, seed
 * 000; Lewisham 5.5–5.10): responses and how many were upheld, the root causes and lessons, and
 * every improvement action agreed with where it stands today.
 */
export async function lessons(ctx: Context, staff: StaffPrincipal, input: DirectoratePeriodInput) {
  const period = checkReportPeriod(input);
  const scope = await reportScope(ctx, staff, input.directorateIds);
  const report = await lessonsLearnedReport(ctx.db, { councilId: staff.councilId, period, asOf: todayIn(ctx.clock), ...(scope.directorateIds ? { directorateIds: scope.directorateIds } : {}) });
  return { scope: { directorateIds: scope.directorateIds, choices: scope.choices }, report, tables: lessonsLearnedTables(report) };
}

export async function lessonsCsv(ctx: Context, staff: StaffPrincipal, input: DirectoratePeriodInput): Promise<{ csv: string; fileName: string }> {
  const data = await lessons(ctx, staff, input);
  return { csv: tablesToCsv(data.tables), fileName: `lessons-learned-${data.report.period.from}-to-${data.report.period.to}.csv` };
}
