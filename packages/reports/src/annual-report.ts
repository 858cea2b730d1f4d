/**
 * The annual (or any period's) complaints report in the shape of Lewisham's (seed 002 §5.2):
 * per directorate, the number at each stage and of member enquiries (MP, Mayor, councillors) and
 * the share answered within the standard, last period's figure in brackets beside each, and
 * totals; then the figure families around it (top categories §5.4, escalation and its reasons,
 * outcomes, working days to respond, extensions, acknowledgements, refused complaints,
 * Ombudsman/ICO figures, compensation bands §6.3, and the month-by-month trend).
 *
 * All counting is SQL in @complaints/db (one query per figure family over the fact tables and
 * the working-day calendar table); this module only adds rows up, rounds as published and labels.
 */
import {
  organisationRepository,
  directorateTableFigures,
  escalationReasons,
  monthlyFigures,
  ombudsmanFigures,
  refusedComplaints,
  responseTimeFigures,
  stageDetailFigures,
  topCategories,
  checkDate,
  checkPeriod,
  type Executor,
  type ReportPeriod,
} from "@complaints/db";
import { NEXT_BODY_LABELS, OMBUDSMAN_FINDING_LABELS, TRIAGE_OUTCOME_LABELS, isFaultFinding } from "@complaints/core";
import { REFUSAL_REASON_LABELS, SENT_DATE_NOTE, columnLabel, compareColumns, label } from "./labels.js";
import { percent, roundTo } from "./numbers.js";

export interface AnnualReportInput {
  councilId: string;
  /** First and last day of the period, both included. */
  from: string;
  to: string;
  /**
   * The period shown in brackets: "auto" (the default) is the same length immediately before
   * (the previous year for a year); null shows none.
   */
  previous?: ReportPeriod | "auto" | null;
  /** Unanswered stages past due on this date count as not answered in time. Default: `to`. */
  asOf?: string;
  /** The table's columns, in order (default: every stage and member type with figures). */
  columns?: readonly string[];
  /** Case kinds counted (default complaints and member enquiries). */
  kinds?: readonly string[];
  /** How many categories per directorate (Lewisham 5.4: three). */
  topCategories?: number;
  /**
   * Only these directorates (a reader's filter, or the directorates a Head of Service may see);
   * default every directorate. An empty list reports nothing.
   */
  directorateIds?: readonly string[] | null;
}

/** Counts that add up across directorates, columns and months. */
export interface Tally {
  received: number;
  responded: number;
  measured: number;
  inTime: number;
  overdueUnanswered: number;
  endedWithoutResponse: number;
  upheld: number;
  partlyUpheld: number;
  notUpheld: number;
  escalated: number;
  extended: number;
  extensionDays: number;
  extendedWithOmbudsmanDetails: number;
  ackMeasured: number;
  ackInTime: number;
  targetMeasured: number;
  targetMet: number;
  workingDaysMeasured: number;
  workingDaysTotal: number;
  workingDaysUnmeasured: number;
  compensated: number;
  compensationPence: number;
  compensationPaidPence: number;
  bandLowCount: number;
  bandLowPence: number;
  bandMiddleCount: number;
  bandMiddlePence: number;
  bandHighCount: number;
  bandHighPence: number;
}

const TALLY_KEYS = [
  "received",
  "responded",
  "measured",
  "inTime",
  "overdueUnanswered",
  "endedWithoutResponse",
  "upheld",
  "partlyUpheld",
  "notUpheld",
  "escalated",
  "extended",
  "extensionDays",
  "extendedWithOmbudsmanDetails",
  "ackMeasured",
  "ackInTime",
  "targetMeasured",
  "targetMet",
  "workingDaysMeasured",
  "workingDaysTotal",
  "workingDaysUnmeasured",
  "compensated",
  "compensationPence",
  "compensationPaidPence",
  "bandLowCount",
  "bandLowPence",
  "bandMiddleCount",
  "bandMiddlePence",
  "bandHighCount",
  "bandHighPence",
] as const satisfies ReadonlyArray<keyof Tally>;

export const emptyTally = (): Tally =>
  Object.fromEntries(TALLY_KEYS.map((k) => [k, 0])) as unknown as Tally;

export function addTally(into: Tally, from: Partial<Tally>): Tally {
  for (const k of TALLY_KEYS) into[k] += Number(from[k] ?? 0);
  return into;
}

/** One cell of the Lewisham table: the count and the share in time, now and in the brackets. */
export interface TableCell {
  count: number;
  /** Answered within the standard, of `measured` (answered, or unanswered and overdue). */
  inTime: number;
  measured: number;
  /** Rounded as published (whole numbers, halves up); null when nothing could be measured. */
  percent: number | null;
  previous: { count: number; inTime: number; measured: number; percent: number | null } | null;
}

export interface DirectorateRow {
  directorateId: string | null;
  name: string;
  cells: Record<string, TableCell>;
  total: { count: number; previous: number | null };
}

export interface StageSummary {
  column: string;
  label: string;
  tally: Tally;
  previous: Tally | null;
  /** Rounded shares of responses: upheld, partly upheld, not upheld. */
  outcomeRates: { upheld: number | null; partlyUpheld: number | null; notUpheld: number | null };
  /** Mean working days from the request to the response, one decimal place; null when none measured. */
  averageWorkingDays: number | null;
  previousAverageWorkingDays: number | null;
  /** Rounded share of responses that were extended. */
  extendedRate: number | null;
  acknowledgedInTimeRate: number | null;
  targetMetRate: number | null;
}

export interface AnnualReport {
  council: { id: string; name: string };
  period: ReportPeriod;
  previousPeriod: ReportPeriod | null;
  asOf: string;
  columns: Array<{ key: string; label: string }>;
  /** Lewisham 5.2: one row per directorate (alphabetical), then `totals`. */
  directorates: DirectorateRow[];
  totals: Omit<DirectorateRow, "directorateId" | "name">;
  stages: StageSummary[];
  topCategories: Array<{
    directorateId: string | null;
    name: string;
    categories: Array<{
      rank: number;
      category: string | null;
      count: number;
      subCategories: Array<{ subCategory: string; count: number }>;
    }>;
  }>;
  escalation: {
    /** Stage 1 → Stage 2: first-stage complaints received and how many went on. */
    overall: {
      stageOne: number;
      escalated: number;
      rate: number | null;
      previousRate: number | null;
    };
    byDirectorate: Array<{
      directorateId: string | null;
      name: string;
      stageOne: number;
      escalated: number;
      rate: number | null;
    }>;
    reasons: Array<{ reason: string; stageId: string; count: number; previous: number | null }>;
  };
  refused: Array<{
    outcome: string;
    label: string;
    reason: string | null;
    reasonLabel: string | null;
    count: number;
    previous: number | null;
  }>;
  ombudsman: Array<{
    body: string;
    label: string;
    enquiries: number;
    responses: number;
    responsesInTime: number;
    decisions: number;
    faultFound: number;
    decisionsWithInjustice: number;
    findings: Array<{ finding: string; label: string; count: number }>;
    remedies: number;
    remedyPence: number;
    remediesDue: number;
    remediesCompliedInTime: number;
    complianceRate: number | null;
    satisfactionLetters: number;
    previous: { enquiries: number; decisions: number; faultFound: number } | null;
  }>;
  /** Lewisham 6.3: cases where compensation was awarded, by band, with totals. */
  compensation: {
    bands: Array<{
      label: string;
      count: number;
      pence: number;
      previousCount: number | null;
      previousPence: number | null;
    }>;
    cases: number;
    pence: number;
    paidPence: number;
    previous: { cases: number; pence: number } | null;
    byColumn: Array<{ column: string; label: string; cases: number; pence: number }>;
  };
  /** Month by month (by the month received), the previous period's same month beside it. */
  monthlyTrend: Array<{
    month: string;
    received: number;
    inTime: number;
    measured: number;
    percent: number | null;
    previous: { month: string; received: number; percent: number | null } | null;
  }>;
  notes: string[];
}

function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  let [y, m] = [Number(from.slice(0, 4)), Number(from.slice(5, 7))];
  const end = to.slice(0, 7);
  for (;;) {
    const key = `${y}-${String(m).padStart(2, "0")}`;
    months.push(key);
    if (key >= end) break;
    m += 1;
    if (m > 12) [y, m] = [y + 1, 1];
  }
  return months;
}

const dayNumber = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
const isoOf = (n: number) => new Date(n * 86_400_000).toISOString().slice(0, 10);

/** The period of the same length just before: whole months shift by months, anything else by days. */
export function previousPeriodOf(period: ReportPeriod): ReportPeriod {
  const from = dayNumber(period.from);
  const to = dayNumber(period.to);
  const lastOfMonth = isoOf(to + 1).slice(8) === "01";
  if (period.from.slice(8) === "01" && lastOfMonth) {
    const months = monthsBetween(period.from, period.to).length;
    const [y, m] = [Number(period.from.slice(0, 4)), Number(period.from.slice(5, 7))];
    const startIndex = y * 12 + (m - 1) - months;
    const start = `${Math.floor(startIndex / 12)}-${String((startIndex % 12) + 1).padStart(2, "0")}-01`;
    return { from: start, to: isoOf(from - 1) };
  }
  const length = to - from + 1;
  return { from: isoOf(from - length), to: isoOf(from - 1) };
}

/** Lewisham's compensation bands (6.3). */
export const COMPENSATION_BAND_LABELS = [
  "Up to and including £100",
  "£101 - £500",
  "More than £500",
] as const;

export async function annualReport(db: Executor, input: AnnualReportInput): Promise<AnnualReport> {
  const period = checkPeriod({ from: input.from, to: input.to }, "the report period");
  const previousPeriod =
    input.previous === null
      ? null
      : input.previous === undefined || input.previous === "auto"
        ? previousPeriodOf(period)
        : checkPeriod(input.previous, "the previous period");
  const asOf = checkDate(input.asOf ?? period.to, "asOf");
  const only =
    input.directorateIds === undefined || input.directorateIds === null
      ? {}
      : { directorateIds: input.directorateIds };
  const common = { councilId: input.councilId, current: period, previous: previousPeriod, ...only };

  const stageInput = { ...common, asOf, ...(input.kinds ? { kinds: input.kinds } : {}) };
  // One query per figure family, all at once (on PostgreSQL they run side by side on the pool).
  const [
    council,
    directorateRows,
    table,
    details,
    times,
    months,
    categories,
    reasons,
    refused,
    ombudsman,
  ] = await Promise.all([
    organisationRepository.getCouncil(db, input.councilId),
    organisationRepository.listDirectorates(db, input.councilId, { includeArchived: true }),
    directorateTableFigures(db, stageInput),
    stageDetailFigures(db, stageInput),
    responseTimeFigures(db, stageInput),
    monthlyFigures(db, stageInput),
    topCategories(db, {
      councilId: input.councilId,
      current: period,
      top: input.topCategories ?? 3,
      ...only,
    }),
    escalationReasons(db, { ...common, ...(input.kinds ? { kinds: input.kinds } : {}) }),
    refusedComplaints(db, common),
    ombudsmanFigures(db, common),
  ]);

  const names = new Map<string | null, string>(directorateRows.map((d) => [d.id, d.name]));
  const nameOf = (id: string | null) =>
    names.get(id) ?? (id === null ? "No directorate" : "Unknown directorate");

  // Every family adds its counts to the (period, directorate, column) they belong to.
  const cellTally = new Map<string, Tally>();
  const key = (period: string, directorate: string | null, column: string) =>
    `${period}|${directorate ?? ""}|${column}`;
  const seenColumns = new Set<string>();
  const seenDirectorates = new Set<string | null>();
  for (const row of [...table, ...details]) {
    seenColumns.add(row.column);
    seenDirectorates.add(row.directorateId);
    const k = key(row.period, row.directorateId, row.column);
    addTally(cellTally.get(k) ?? cellTally.set(k, emptyTally()).get(k)!, row);
  }
  // Response times are by column only: kept apart and added to the column totals below.
  const timeTally = new Map<string, Tally>();
  for (const row of times) {
    const k = `${row.period}|${row.column}`;
    addTally(timeTally.get(k) ?? timeTally.set(k, emptyTally()).get(k)!, row);
  }
  const columns = (input.columns ?? [...seenColumns].sort(compareColumns)).map((c) => ({
    key: c,
    label: columnLabel(c),
  }));
  const tallyOf = (period: "current" | "previous", directorate: string | null, column: string) =>
    cellTally.get(key(period, directorate, column)) ?? emptyTally();

  const cellOf = (current: Tally, previous: Tally | null): TableCell => ({
    count: current.received,
    inTime: current.inTime,
    measured: current.measured,
    percent: percent(current.inTime, current.measured),
    previous: previous
      ? {
          count: previous.received,
          inTime: previous.inTime,
          measured: previous.measured,
          percent: percent(previous.inTime, previous.measured),
        }
      : null,
  });

  // Every current directorate, and any archived one that still has figures, alphabetically.
  const wanted = input.directorateIds ? new Set<string | null>(input.directorateIds) : null;
  const listed = directorateRows
    .filter((d) => d.archived_at === null || seenDirectorates.has(d.id))
    .filter((d) => wanted === null || wanted.has(d.id))
    .map((d) => d.id as string | null);
  if (seenDirectorates.has(null)) listed.push(null);
  const directorates: DirectorateRow[] = listed
    .map((id) => {
      const cells: Record<string, TableCell> = {};
      let total = 0;
      let previousTotal = 0;
      for (const { key: column } of columns) {
        const now = tallyOf("current", id, column);
        const before = previousPeriod ? tallyOf("previous", id, column) : null;
        cells[column] = cellOf(now, before);
        total += now.received;
        previousTotal += before?.received ?? 0;
      }
      return {
        directorateId: id,
        name: nameOf(id),
        cells,
        total: { count: total, previous: previousPeriod ? previousTotal : null },
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name, "en-GB"));

  const columnTally = (period: "current" | "previous", column: string) => {
    const sum = emptyTally();
    for (const d of listed) addTally(sum, tallyOf(period, d, column));
    addTally(sum, timeTally.get(`${period}|${column}`) ?? {});
    return sum;
  };
  const totalsCells: Record<string, TableCell> = {};
  let grand = 0;
  let previousGrand = 0;
  for (const { key: column } of columns) {
    const now = columnTally("current", column);
    const before = previousPeriod ? columnTally("previous", column) : null;
    totalsCells[column] = cellOf(now, before);
    grand += now.received;
    previousGrand += before?.received ?? 0;
  }

  const average = (t: Tally) =>
    t.workingDaysMeasured ? roundTo(t.workingDaysTotal / t.workingDaysMeasured, 1) : null;
  // Stage figures cover every column with figures, shown in the table or not (a Stage 3 kept out
  // of Lewisham's table still has outcomes, response times and compensation).
  const summaryColumns = [...new Set([...columns.map((c) => c.key), ...seenColumns])].sort(
    compareColumns,
  );
  const stages: StageSummary[] = summaryColumns.map((column) => {
    const columnName = columnLabel(column);
    const tally = columnTally("current", column);
    const previous = previousPeriod ? columnTally("previous", column) : null;
    const answered = tally.upheld + tally.partlyUpheld + tally.notUpheld;
    return {
      column,
      label: columnName,
      tally,
      previous,
      outcomeRates: {
        upheld: percent(tally.upheld, answered),
        partlyUpheld: percent(tally.partlyUpheld, answered),
        notUpheld: percent(tally.notUpheld, answered),
      },
      averageWorkingDays: average(tally),
      previousAverageWorkingDays: previous ? average(previous) : null,
      extendedRate: percent(tally.extended, tally.responded),
      acknowledgedInTimeRate: percent(tally.ackInTime, tally.ackMeasured),
      targetMetRate: percent(tally.targetMet, tally.targetMeasured),
    };
  });

  // Escalation from the first stage: complaints received at Stage 1 and how many went on.
  const stageOne = "stage-1";
  const escalationOf = (period: "current" | "previous", d: string | null) => {
    const t = tallyOf(period, d, stageOne);
    return { stageOne: t.received, escalated: t.escalated };
  };
  const overallNow = columnTally("current", stageOne);
  const overallBefore = previousPeriod ? columnTally("previous", stageOne) : null;
  const previousReasons = new Map<string, number>();
  for (const r of reasons.filter((r) => r.period === "previous")) {
    const k = `${r.stageId}|${(r.reason ?? "").toLowerCase()}`;
    previousReasons.set(k, (previousReasons.get(k) ?? 0) + r.count);
  }
  const currentReasons = new Map<string, { reason: string; stageId: string; count: number }>();
  for (const r of reasons.filter((r) => r.period === "current")) {
    const k = `${r.stageId}|${(r.reason ?? "").toLowerCase()}`;
    const entry = currentReasons.get(k) ?? {
      reason: r.reason ?? "No reason recorded",
      stageId: r.stageId,
      count: 0,
    };
    entry.count += r.count;
    currentReasons.set(k, entry);
  }

  const refusedRows = new Map<string, AnnualReport["refused"][number]>();
  for (const r of refused) {
    const k = `${r.outcome}|${r.reason ?? ""}`;
    const row =
      refusedRows.get(k) ??
      refusedRows
        .set(k, {
          outcome: r.outcome,
          label: label(TRIAGE_OUTCOME_LABELS, r.outcome),
          reason: r.reason,
          reasonLabel: r.reason === null ? null : label(REFUSAL_REASON_LABELS, r.reason),
          count: 0,
          previous: previousPeriod ? 0 : null,
        })
        .get(k)!;
    if (r.period === "current") row.count += r.count;
    else row.previous = (row.previous ?? 0) + r.count;
  }

  const bodies = new Map<string, AnnualReport["ombudsman"][number]>();
  for (const o of ombudsman) {
    const entry =
      bodies.get(o.body) ??
      bodies
        .set(o.body, {
          body: o.body,
          label: label(NEXT_BODY_LABELS, o.body),
          enquiries: 0,
          responses: 0,
          responsesInTime: 0,
          decisions: 0,
          faultFound: 0,
          decisionsWithInjustice: 0,
          findings: [],
          remedies: 0,
          remedyPence: 0,
          remediesDue: 0,
          remediesCompliedInTime: 0,
          complianceRate: null,
          satisfactionLetters: 0,
          previous: previousPeriod ? { enquiries: 0, decisions: 0, faultFound: 0 } : null,
        })
        .get(o.body)!;
    const fault = o.finding !== null && isFaultFinding(o.finding) ? o.decisions : 0;
    if (o.period === "previous") {
      entry.previous!.enquiries += o.enquiries;
      entry.previous!.decisions += o.decisions;
      entry.previous!.faultFound += fault;
      continue;
    }
    entry.enquiries += o.enquiries;
    entry.responses += o.responses;
    entry.responsesInTime += o.responsesInTime;
    entry.decisions += o.decisions;
    entry.faultFound += fault;
    entry.decisionsWithInjustice += o.decisionsWithInjustice;
    entry.remedies += o.remedies;
    entry.remedyPence += o.remedyPence;
    entry.remediesDue += o.remediesDue;
    entry.remediesCompliedInTime += o.remediesCompliedInTime;
    entry.satisfactionLetters += o.satisfactionLetters;
    if (o.finding !== null && o.decisions > 0)
      entry.findings.push({
        finding: o.finding,
        label: label(OMBUDSMAN_FINDING_LABELS, o.finding),
        count: o.decisions,
      });
  }
  for (const entry of bodies.values())
    entry.complianceRate = percent(entry.remediesCompliedInTime, entry.remediesDue);

  const allNow = emptyTally();
  const allBefore = previousPeriod ? emptyTally() : null;
  for (const s of stages) {
    addTally(allNow, s.tally);
    if (allBefore && s.previous) addTally(allBefore, s.previous);
  }

  // Month by month across all columns shown.
  const byMonth = new Map<string, Tally>();
  const shown = new Set(columns.map((c) => c.key));
  for (const row of months) {
    if (!shown.has(row.column)) continue;
    const k = `${row.period}|${row.month}`;
    addTally(byMonth.get(k) ?? byMonth.set(k, emptyTally()).get(k)!, row);
  }
  const currentMonths = monthsBetween(period.from, period.to);
  const previousMonths = previousPeriod
    ? monthsBetween(previousPeriod.from, previousPeriod.to)
    : [];
  const monthlyTrend = currentMonths.map((month, i) => {
    const t = byMonth.get(`current|${month}`) ?? emptyTally();
    const pm = previousMonths[i];
    const p = pm ? (byMonth.get(`previous|${pm}`) ?? emptyTally()) : null;
    return {
      month,
      received: t.received,
      inTime: t.inTime,
      measured: t.measured,
      percent: percent(t.inTime, t.measured),
      previous:
        pm && p
          ? { month: pm, received: p.received, percent: percent(p.inTime, p.measured) }
          : null,
    };
  });

  const notes = [
    "Counts are stages received in the period (complaints logged, escalations requested, member enquiries received), by the directorate of the lead service.",
    "Answered within the standard: responses sent on or before the due date the case's own rules gave the stage (extensions and pauses agreed under those rules included). Stages unanswered and past due on " +
      asOf +
      " count as not in time; stages withdrawn or closed without a response are left out. Percentages are rounded to whole numbers, halves up.",
    // Decision 0322: the codes measure from the day the resident is told (HO/LGSCO code 6.2, 6.3).
    SENT_DATE_NOTE,
  ];
  if (allNow.workingDaysUnmeasured > 0 || (allBefore?.workingDaysUnmeasured ?? 0) > 0) {
    notes.push(
      `Working days to respond could not be counted for ${allNow.workingDaysUnmeasured + (allBefore?.workingDaysUnmeasured ?? 0)} response(s): their dates fall outside the working-day calendar held for the council (sync it with syncReportCalendars).`,
    );
  }

  return {
    council: { id: council.id, name: council.name },
    period,
    previousPeriod,
    asOf,
    columns,
    directorates,
    totals: {
      cells: totalsCells,
      total: { count: grand, previous: previousPeriod ? previousGrand : null },
    },
    stages,
    topCategories: [...new Set(categories.map((c) => c.directorateId))]
      .map((id) => ({
        directorateId: id,
        name: nameOf(id),
        categories: categories
          .filter((c) => c.directorateId === id)
          .map((c) => ({
            rank: c.rank,
            category: c.category,
            count: c.count,
            subCategories: c.subCategories,
          })),
      }))
      .sort((a, b) => a.name.localeCompare(b.name, "en-GB")),
    escalation: {
      overall: {
        stageOne: overallNow.received,
        escalated: overallNow.escalated,
        rate: percent(overallNow.escalated, overallNow.received),
        previousRate: overallBefore
          ? percent(overallBefore.escalated, overallBefore.received)
          : null,
      },
      byDirectorate: directorates.map((d) => {
        const e = escalationOf("current", d.directorateId);
        return {
          directorateId: d.directorateId,
          name: d.name,
          ...e,
          rate: percent(e.escalated, e.stageOne),
        };
      }),
      reasons: [...currentReasons.entries()]
        .map(([k, r]) => ({
          ...r,
          previous: previousPeriod ? (previousReasons.get(k) ?? 0) : null,
        }))
        .sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason)),
    },
    refused: [...refusedRows.values()].sort(
      (a, b) => a.label.localeCompare(b.label) || (a.reason ?? "").localeCompare(b.reason ?? ""),
    ),
    ombudsman: [...bodies.values()].sort((a, b) => a.label.localeCompare(b.label)),
    compensation: {
      bands: [
        [
          allNow.bandLowCount,
          allNow.bandLowPence,
          allBefore?.bandLowCount,
          allBefore?.bandLowPence,
        ],
        [
          allNow.bandMiddleCount,
          allNow.bandMiddlePence,
          allBefore?.bandMiddleCount,
          allBefore?.bandMiddlePence,
        ],
        [
          allNow.bandHighCount,
          allNow.bandHighPence,
          allBefore?.bandHighCount,
          allBefore?.bandHighPence,
        ],
      ].map(([count, pence, pc, pp], i) => ({
        label: COMPENSATION_BAND_LABELS[i]!,
        count: count!,
        pence: pence!,
        previousCount: pc ?? null,
        previousPence: pp ?? null,
      })),
      cases: allNow.compensated,
      pence: allNow.compensationPence,
      paidPence: allNow.compensationPaidPence,
      previous: allBefore
        ? { cases: allBefore.compensated, pence: allBefore.compensationPence }
        : null,
      byColumn: stages.map((s) => ({
        column: s.column,
        label: s.label,
        cases: s.tally.compensated,
        pence: s.tally.compensationPence,
      })),
    },
    monthlyTrend,
    notes,
  };
}
