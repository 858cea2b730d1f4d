/**
 * Housing: Tenant Satisfaction Measures CH01 and CH02 (docs/rules.md §6; the housing plugin's
 * definitions) and the figures for the annual self-assessment against the Housing Ombudsman's
 * Complaint Handling Code (Code section 8), from @complaints/db's `housingFigures`.
 */
import {
  housingFigures,
  ombudsmanFigures,
  refusedComplaints,
  stageDetailFigures,
  directorateTableFigures,
  type CodeTimescale,
  type Executor,
  type ReportPeriod,
} from "@complaints/db";
import { OMBUDSMAN_FINDING_LABELS, TRIAGE_OUTCOME_LABELS } from "@complaints/core";
import { REFUSAL_REASON_LABELS, SENT_DATE_NOTE, label } from "./labels.js";
import { percentTo, roundTo, periodWords } from "./numbers.js";
import type { ReportTable } from "./table.js";

export interface TsmInput {
  councilId: string;
  /** The reporting year: 1 April to 31 March. */
  year: ReportPeriod;
  /** Relevant homes (CH01's denominator); default: the council profile's `homes`. */
  homes?: number;
  asOf?: string;
  /** The regimes whose cases count, and their own timescales: from the resolved rules (`regimeTimescales`). */
  regimeIds: readonly string[];
  timescales: readonly CodeTimescale[];
  /** Only cases of these directorates (default: all). */
  directorateIds?: readonly string[] | null;
}

export interface Ch01Figure {
  received: number;
  /** Per 1,000 homes, to two decimal places; null without a number of homes. */
  perThousandHomes: number | null;
  byTenure: Array<{ tenure: string; received: number }>;
}

export interface Ch02Figure {
  responses: number;
  inTime: number;
  inTimeByExtension: number;
  extended: number;
  improperExtensions: number;
  unmeasured: number;
  /** Of the responses judged, the share in time, to one decimal place. */
  percent: number | null;
  byTenure: Array<{ tenure: string; responses: number; inTime: number; percent: number | null }>;
}

export interface TenantSatisfactionMeasures {
  year: ReportPeriod;
  homes: number | null;
  ch01: { stage1: Ch01Figure; stage2: Ch01Figure };
  ch02: { stage1: Ch02Figure; stage2: Ch02Figure };
  notes: string[];
}

const TENURE_NOT_RECORDED = "not-recorded";

function ch01Of(
  rows: Array<{ stageId: string; tenure: string | null; received: number }>,
  stageId: string,
  homes: number | null,
): Ch01Figure {
  const mine = rows.filter((r) => r.stageId === stageId);
  const received = mine.reduce((sum, r) => sum + r.received, 0);
  return {
    received,
    perThousandHomes: homes ? roundTo((received / homes) * 1000, 2) : null,
    byTenure: mine.map((r) => ({ tenure: r.tenure ?? TENURE_NOT_RECORDED, received: r.received })),
  };
}

function ch02Of(
  rows: Array<{
    stageId: string;
    tenure: string | null;
    responses: number;
    inTime: number;
    inTimeByExtension: number;
    extended: number;
    improperExtensions: number;
    unmeasured: number;
  }>,
  stageId: string,
): Ch02Figure {
  const mine = rows.filter((r) => r.stageId === stageId);
  const sum = (
    k:
      | "responses"
      | "inTime"
      | "inTimeByExtension"
      | "extended"
      | "improperExtensions"
      | "unmeasured",
  ) => mine.reduce((total, r) => total + r[k], 0);
  const responses = sum("responses");
  const unmeasured = sum("unmeasured");
  return {
    responses,
    inTime: sum("inTime"),
    inTimeByExtension: sum("inTimeByExtension"),
    extended: sum("extended"),
    improperExtensions: sum("improperExtensions"),
    unmeasured,
    percent: percentTo(sum("inTime"), responses - unmeasured, 1),
    byTenure: mine.map((r) => ({
      tenure: r.tenure ?? TENURE_NOT_RECORDED,
      responses: r.responses,
      inTime: r.inTime,
      percent: percentTo(r.inTime, r.responses - r.unmeasured, 1),
    })),
  };
}

/**
 * CH01: Stage 1 and Stage 2 complaints received in the year per 1,000 homes (an escalated
 * complaint counts at both). CH02: the share of Stage 1 and Stage 2 responses sent in the year
 * within the Code's timescales, a response inside a proper extension counting as in time.
 */
export async function tenantSatisfactionMeasures(
  db: Executor,
  input: TsmInput,
): Promise<TenantSatisfactionMeasures> {
  const figures = await housingFigures(db, {
    councilId: input.councilId,
    period: input.year,
    asOf: input.asOf ?? input.year.to,
    regimeIds: input.regimeIds,
    timescales: input.timescales,
    ...(input.directorateIds ? { directorateIds: input.directorateIds } : {}),
  });
  const homes = input.homes ?? figures.homes;
  // The timescales are the regime's own, from the resolved rules: the note says what was used.
  const t1 = input.timescales.find((t) => t.stageId === "stage-1");
  const t2 = input.timescales.find((t) => t.stageId === "stage-2");
  const notes = [
    "CH01 counts every Stage 1 and Stage 2 complaint received in the year under the Housing Ombudsman's Code, whatever its outcome; an escalated complaint counts at both stages.",
    `CH02 counts responses sent in the year. In time: within ${t1?.respondDays} working days of the acknowledgement at Stage 1 (${t2?.respondDays} at Stage 2), or within an extension the resident was told about with the Ombudsman's details, counted up to the Code's ${t1?.maxExtensionDays} (Stage 1) or ${t2?.maxExtensionDays} (Stage 2) more working days. Without an acknowledgement the clock starts when it was due, ${t1?.acknowledgeDays} working days after receipt.`,
    // Decision 0322: CH02 and the Code count the date the response is sent (code 6.3, 6.13).
    SENT_DATE_NOTE,
  ];
  if (homes === null)
    notes.push(
      "CH01 per 1,000 homes needs the number of homes: set `homes` in the council profile.",
    );
  const unmeasured = figures.ch02.reduce((sum, r) => sum + r.unmeasured, 0);
  if (unmeasured > 0)
    notes.push(
      `${unmeasured} response(s) could not be judged: their dates fall outside the working-day calendar held for the council.`,
    );
  return {
    year: input.year,
    homes,
    ch01: {
      stage1: ch01Of(figures.ch01, "stage-1", homes),
      stage2: ch01Of(figures.ch01, "stage-2", homes),
    },
    ch02: { stage1: ch02Of(figures.ch02, "stage-1"), stage2: ch02Of(figures.ch02, "stage-2") },
    notes,
  };
}

export function tsmTable(tsm: TenantSatisfactionMeasures): ReportTable {
  return {
    id: "tsm-complaints",
    title: `Tenant Satisfaction Measures: complaints, ${periodWords(tsm.year)}`,
    caption: tsm.notes.join(" "),
    columns: [
      { key: "measure", label: "Measure" },
      { key: "description", label: "What it measures" },
      { key: "value", label: "Result", numeric: true },
      { key: "numerator", label: "Complaints or responses", numeric: true },
      { key: "denominator", label: "Out of", numeric: true },
    ],
    rows: [
      {
        measure: "CH01 (1)",
        description: "Stage 1 complaints per 1,000 homes",
        value: tsm.ch01.stage1.perThousandHomes,
        numerator: tsm.ch01.stage1.received,
        denominator: tsm.homes,
      },
      {
        measure: "CH01 (2)",
        description: "Stage 2 complaints per 1,000 homes",
        value: tsm.ch01.stage2.perThousandHomes,
        numerator: tsm.ch01.stage2.received,
        denominator: tsm.homes,
      },
      {
        measure: "CH02 (1)",
        description: "Stage 1 responses within the Code's timescales (%)",
        value: tsm.ch02.stage1.percent,
        numerator: tsm.ch02.stage1.inTime,
        denominator: tsm.ch02.stage1.responses - tsm.ch02.stage1.unmeasured,
      },
      {
        measure: "CH02 (2)",
        description: "Stage 2 responses within the Code's timescales (%)",
        value: tsm.ch02.stage2.percent,
        numerator: tsm.ch02.stage2.inTime,
        denominator: tsm.ch02.stage2.responses - tsm.ch02.stage2.unmeasured,
      },
    ],
  };
}

export interface CodeSelfAssessmentData {
  year: ReportPeriod;
  tsm: TenantSatisfactionMeasures;
  /** Code 6.2 / 6.11: acknowledged within 5 working days. */
  acknowledgements: Array<{
    stageId: string;
    measured: number;
    inTime: number;
    percent: number | null;
  }>;
  /** Code 6.4–6.5: extensions used and how many were told with the Ombudsman's details. */
  extensions: Array<{
    stageId: string;
    responses: number;
    extended: number;
    workingDaysAdded: number;
    withOmbudsmanDetails: number;
  }>;
  /** Internal targets under the Code's deadline (Housing Leeds 10 days). */
  targets: Array<{ stageId: string; measured: number; met: number; percent: number | null }>;
  /** Code section 2: complaints not accepted, with reasons. */
  refused: Array<{ outcome: string; reason: string | null; label: string; count: number }>;
  /** Housing Ombudsman determinations in the year and orders complied with. */
  determinations: Array<{ finding: string; label: string; count: number }>;
  ordersDue: number;
  ordersCompliedInTime: number;
}

/** The figures a council's annual self-assessment and complaints performance report need (Code section 8). */
export async function codeSelfAssessmentData(
  db: Executor,
  input: TsmInput,
): Promise<CodeSelfAssessmentData> {
  const asOf = input.asOf ?? input.year.to;
  const regimeIds = input.regimeIds;
  const only = input.directorateIds ? { directorateIds: input.directorateIds } : {};
  const stageInput = {
    councilId: input.councilId,
    current: input.year,
    asOf,
    kinds: ["complaint"],
    regimeIds,
    ...only,
  };
  const [tsm, figures, responses, stages, refused, ombudsman] = await Promise.all([
    tenantSatisfactionMeasures(db, input),
    housingFigures(db, {
      councilId: input.councilId,
      period: input.year,
      asOf,
      regimeIds,
      timescales: input.timescales,
      ...only,
    }),
    directorateTableFigures(db, stageInput),
    stageDetailFigures(db, stageInput),
    refusedComplaints(db, { councilId: input.councilId, current: input.year, regimeIds, ...only }),
    ombudsmanFigures(db, { councilId: input.councilId, current: input.year, ...only }),
  ]);
  const byStage = new Map<
    string,
    { responses: number; extended: number; days: number; details: number }
  >();
  for (const row of responses) {
    const s = byStage.get(row.column) ?? { responses: 0, extended: 0, days: 0, details: 0 };
    s.responses += row.responded;
    byStage.set(row.column, s);
  }
  for (const row of stages) {
    const s = byStage.get(row.stageId) ?? { responses: 0, extended: 0, days: 0, details: 0 };
    s.extended += row.extended;
    s.days += row.extensionDays;
    s.details += row.extendedWithOmbudsmanDetails;
    byStage.set(row.stageId, s);
  }
  const hos = ombudsman.filter((o) => o.body === "housing-ombudsman");
  return {
    year: input.year,
    tsm,
    acknowledgements: figures.acknowledgements.map((a) => ({
      stageId: a.stageId,
      measured: a.measured,
      inTime: a.inTime,
      percent: percentTo(a.inTime, a.measured - a.unmeasured, 1),
    })),
    extensions: [...byStage.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([stageId, s]) => ({
        stageId,
        responses: s.responses,
        extended: s.extended,
        workingDaysAdded: s.days,
        withOmbudsmanDetails: s.details,
      })),
    targets: figures.acknowledgements
      .filter((a) => a.targetMeasured > 0)
      .map((a) => ({
        stageId: a.stageId,
        measured: a.targetMeasured,
        met: a.targetMet,
        percent: percentTo(a.targetMet, a.targetMeasured, 1),
      })),
    refused: refused.map((r) => ({
      outcome: r.outcome,
      reason: r.reason,
      label: `${label(TRIAGE_OUTCOME_LABELS, r.outcome)}${r.reason ? `: ${label(REFUSAL_REASON_LABELS, r.reason)}` : ""}`,
      count: r.count,
    })),
    determinations: hos
      .filter((o) => o.finding !== null && o.decisions > 0)
      .map((o) => ({
        finding: o.finding!,
        label: label(OMBUDSMAN_FINDING_LABELS, o.finding),
        count: o.decisions,
      })),
    ordersDue: hos.reduce((sum, o) => sum + o.remediesDue, 0),
    ordersCompliedInTime: hos.reduce((sum, o) => sum + o.remediesCompliedInTime, 0),
  };
}
