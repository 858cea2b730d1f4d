/**
 * The stage-level figure families of the annual report, each one set-based query over
 * `report_stage_facts` (stages requested in the period and, when asked, the previous one):
 *
 * - {@link directorateTableFigures}: Lewisham 5.2, counts and answered within the standard per
 *   directorate and column;
 * - {@link stageDetailFigures}: outcomes, escalations, extensions, acknowledgements, internal
 *   targets and compensation bands (Lewisham 6.3) per directorate and column;
 * - {@link responseTimeFigures}: working days from request to response, counted on the
 *   working-day calendar table;
 * - {@link monthlyFigures}: the month-by-month trend.
 *
 * Every figure is a count or a sum, so any roll-up (a directorate's total, a stage across
 * directorates, the year) is a sum of rows.
 */
import { sql, type RawBuilder } from "kysely";
import type { Executor } from "../executor.js";
import {
  calendarKeyExpression,
  checkDate,
  directorateFilter,
  inList,
  periodScope,
  type PeriodName,
  type ReportPeriod,
} from "./periods.js";

/** Stage phases in which a stage is still waiting for its response. */
export const OPEN_PHASES = ["awaiting-acknowledgement", "investigating", "paused"] as const;

/** Compensation bands in pence, as Lewisham's report 6.3: up to £100, £101–£500, over £500. */
export const COMPENSATION_BANDS = Object.freeze({ upTo: 10_000, middleUpTo: 50_000 });

export const DEFAULT_REPORT_KINDS = Object.freeze(["complaint", "member-enquiry"]);

export interface StageFiguresInput {
  councilId: string;
  current: ReportPeriod;
  previous?: ReportPeriod | null;
  /** Unanswered stages past due on this date count as not in time. */
  asOf: string;
  /** Case kinds in scope (default: complaints and member enquiries). */
  kinds?: readonly string[];
  /** Only these regimes (default: all). */
  regimeIds?: readonly string[] | null;
  /** Only cases of these directorates (default: every directorate, and cases with none). */
  directorateIds?: readonly string[] | null;
}

/** Where a stage goes in Lewisham's table. */
export interface StageKey {
  period: PeriodName;
  directorateId: string | null;
  /**
   * The report column: the stage id ("stage-1", "stage-2", "stage-3"…), or for the first stage
   * of a member enquiry "member:<role>" ("member:mp", "member:mayor", "member:councillor").
   */
  column: string;
}

const COLUMN = sql.raw("f.report_column");

/** The period each stage falls in (by the date it was requested). */
function period(input: StageFiguresInput) {
  return periodScope("f.requested_on", input.current, input.previous).period;
}

/** Stages (`f`) of the council requested in the period or the previous one, of the kinds and regimes asked for. */
function conditions(input: StageFiguresInput) {
  checkDate(input.asOf, "asOf");
  const kinds = input.kinds ?? DEFAULT_REPORT_KINDS;
  const regimes = input.regimeIds?.length
    ? sql`AND f.regime_id IN ${inList(input.regimeIds)}`
    : sql``;
  return sql`f.council_id = ${input.councilId}
      AND ${periodScope("f.requested_on", input.current, input.previous).where}
      AND f.case_kind IN ${inList(kinds)} ${regimes} ${directorateFilter("f", input.directorateIds)}`;
}

/**
 * Answered (the response sent), or past due at `asOf` with no response sent (still open, or
 * answered but not sent): the stages the in-time share is out of. "In time" counts the date
 * the response was sent, where it is recorded (decision 0322; HO/LGSCO code 6.3).
 */
function measured(asOf: string) {
  return sql`(f.respond_met_on IS NOT NULL AND f.respond_due IS NOT NULL)
    OR (f.respond_met_on IS NULL AND f.respond_due < ${asOf}::date AND (f.responded_on IS NOT NULL
        OR (f.ended_on IS NULL AND f.case_status <> 'closed' AND f.phase IN ${inList(OPEN_PHASES)})))`;
}

export interface TableFigureRow extends StageKey {
  /** Stage instances requested in the period. */
  received: number;
  responded: number;
  /** Responded with a known due date, plus unanswered and past due at `asOf`: the denominator. */
  measured: number;
  /** Responded on or before the due date its rules gave it (extensions and pauses included). */
  inTime: number;
  /** Not answered, still open and past due at `asOf`: counted as not in time. */
  overdueUnanswered: number;
}

export function directorateTableQuery(input: StageFiguresInput): RawBuilder<TableFigureRow> {
  return sql<TableFigureRow>`
    SELECT ${period(input)} AS period, f.directorate_id AS "directorateId", ${COLUMN} AS "column",
      count(*)::integer AS received,
      count(f.responded_on)::integer AS responded,
      count(*) FILTER (WHERE ${measured(input.asOf)})::integer AS measured,
      count(*) FILTER (WHERE f.respond_met_on <= f.respond_due)::integer AS "inTime",
      count(*) FILTER (WHERE f.responded_on IS NULL AND f.ended_on IS NULL AND f.case_status <> 'closed'
        AND f.phase IN ${inList(OPEN_PHASES)} AND f.respond_due < ${input.asOf}::date)::integer AS "overdueUnanswered"
    FROM report_stage_facts f WHERE ${conditions(input)}
    GROUP BY 1, 2, 3`;
}

/** Lewisham 5.2: per directorate and column, the number received and answered within the standard. */
export async function directorateTableFigures(
  db: Executor,
  input: StageFiguresInput,
): Promise<TableFigureRow[]> {
  return (await directorateTableQuery(input).execute(db)).rows;
}

export interface DetailFigureRow extends StageKey {
  stageId: string;
  /** Ended without a response (withdrawn, referred back, resolved). */
  endedWithoutResponse: number;
  upheld: number;
  partlyUpheld: number;
  notUpheld: number;
  /** Followed by another stage (Stage 1 → Stage 2). */
  escalated: number;
  extended: number;
  extensionDays: number;
  /** Extended, and every extension told the customer with the Ombudsman's details. */
  extendedWithOmbudsmanDetails: number;
  ackMeasured: number;
  ackInTime: number;
  targetMeasured: number;
  targetMet: number;
  /** Stages whose response awarded financial remedies, their total and what has been paid. */
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

export function stageDetailQuery(input: StageFiguresInput): RawBuilder<DetailFigureRow> {
  const low = COMPENSATION_BANDS.upTo;
  const mid = COMPENSATION_BANDS.middleUpTo;
  const pence = sql.raw("f.financial_remedy_pence");
  return sql<DetailFigureRow>`
    SELECT ${period(input)} AS period, f.directorate_id AS "directorateId", ${COLUMN} AS "column", f.stage_id AS "stageId",
      count(*) FILTER (WHERE f.responded_on IS NULL AND (f.ended_on IS NOT NULL OR f.case_status = 'closed'
        OR f.phase NOT IN ${inList(OPEN_PHASES)}))::integer AS "endedWithoutResponse",
      count(*) FILTER (WHERE f.outcome = 'upheld')::integer AS upheld,
      count(*) FILTER (WHERE f.outcome = 'partly-upheld')::integer AS "partlyUpheld",
      count(*) FILTER (WHERE f.outcome = 'not-upheld')::integer AS "notUpheld",
      count(f.next_stage_id)::integer AS escalated,
      count(*) FILTER (WHERE f.extensions > 0)::integer AS extended,
      coalesce(sum(f.extension_days), 0)::integer AS "extensionDays",
      count(*) FILTER (WHERE f.extensions > 0 AND f.extensions_with_ombudsman_details)::integer AS "extendedWithOmbudsmanDetails",
      count(*) FILTER (WHERE f.ack_due IS NOT NULL AND (f.ack_met_on IS NOT NULL OR f.ack_due < ${input.asOf}::date))::integer AS "ackMeasured",
      count(*) FILTER (WHERE f.ack_met_on <= f.ack_due)::integer AS "ackInTime",
      count(*) FILTER (WHERE f.target_due IS NOT NULL AND f.respond_met_on IS NOT NULL)::integer AS "targetMeasured",
      count(*) FILTER (WHERE f.respond_met_on <= f.target_due)::integer AS "targetMet",
      count(${pence})::integer AS compensated,
      coalesce(sum(${pence}), 0)::bigint AS "compensationPence",
      coalesce(sum(f.financial_remedy_paid_pence), 0)::bigint AS "compensationPaidPence",
      count(*) FILTER (WHERE ${pence} <= ${low})::integer AS "bandLowCount",
      coalesce(sum(${pence}) FILTER (WHERE ${pence} <= ${low}), 0)::bigint AS "bandLowPence",
      count(*) FILTER (WHERE ${pence} > ${low} AND ${pence} <= ${mid})::integer AS "bandMiddleCount",
      coalesce(sum(${pence}) FILTER (WHERE ${pence} > ${low} AND ${pence} <= ${mid}), 0)::bigint AS "bandMiddlePence",
      count(*) FILTER (WHERE ${pence} > ${mid})::integer AS "bandHighCount",
      coalesce(sum(${pence}) FILTER (WHERE ${pence} > ${mid}), 0)::bigint AS "bandHighPence"
    FROM report_stage_facts f WHERE ${conditions(input)}
    GROUP BY 1, 2, 3, 4`;
}

/** Outcomes, escalations, extensions, acknowledgements, targets and compensation bands. */
export async function stageDetailFigures(
  db: Executor,
  input: StageFiguresInput,
): Promise<DetailFigureRow[]> {
  return (await stageDetailQuery(input).execute(db)).rows;
}

export interface ResponseTimeRow {
  period: PeriodName;
  column: string;
  /** Responses whose request and response dates are both in the calendar table. */
  workingDaysMeasured: number;
  /** Sum over those of the working days from request to response. */
  workingDaysTotal: number;
  /** Responses whose working days could not be counted (no calendar, or dates outside it). */
  workingDaysUnmeasured: number;
}

/** `calendarKey`: the calendar expression from `calendarKeyExpression(db, councilId, "f.regime_id")`. */
export function responseTimeQuery(
  input: StageFiguresInput,
  calendarKey: RawBuilder<string | null>,
): RawBuilder<ResponseTimeRow> {
  return sql<ResponseTimeRow>`
    SELECT ${period(input)} AS period, ${COLUMN} AS "column",
      count(wr.wd_index - wq.wd_index)::integer AS "workingDaysMeasured",
      coalesce(sum(wr.wd_index - wq.wd_index), 0)::bigint AS "workingDaysTotal",
      count(*) FILTER (WHERE wr.wd_index IS NULL OR wq.wd_index IS NULL)::integer AS "workingDaysUnmeasured"
    FROM report_stage_facts f
    LEFT JOIN working_days wq ON wq.calendar_key = ${calendarKey} AND wq.day = f.requested_on
    LEFT JOIN working_days wr ON wr.calendar_key = ${calendarKey} AND wr.day = f.responded_on
    WHERE ${conditions(input)} AND f.responded_on IS NOT NULL
    GROUP BY 1, 2`;
}

/**
 * Working days from the stage's request to its response (Southwark: "the average number of
 * working days to complete"), on the calendar each case's regime counts on.
 */
export async function responseTimeFigures(
  db: Executor,
  input: StageFiguresInput,
): Promise<ResponseTimeRow[]> {
  const calendarKey = await calendarKeyExpression(db, input.councilId, "f.regime_id");
  return (await responseTimeQuery(input, calendarKey).execute(db)).rows;
}

export interface MonthlyRow {
  period: PeriodName;
  column: string;
  /** "YYYY-MM" of the date the stage was requested (received). */
  month: string;
  received: number;
  measured: number;
  inTime: number;
}

export function monthlyQuery(input: StageFiguresInput): RawBuilder<MonthlyRow> {
  return sql<MonthlyRow>`
    SELECT period, "column", to_char(month, 'YYYY-MM') AS month, received, measured, "inTime"
    FROM (
      SELECT ${period(input)} AS period, ${COLUMN} AS "column", date_trunc('month', f.requested_on) AS month,
        count(*)::integer AS received,
        count(*) FILTER (WHERE ${measured(input.asOf)})::integer AS measured,
        count(*) FILTER (WHERE f.respond_met_on <= f.respond_due)::integer AS "inTime"
      FROM report_stage_facts f WHERE ${conditions(input)}
      GROUP BY 1, 2, 3
    ) m`;
}

/** The month-by-month trend: received and answered within the standard, by the month received. */
export async function monthlyFigures(
  db: Executor,
  input: StageFiguresInput,
): Promise<MonthlyRow[]> {
  return (await monthlyQuery(input).execute(db)).rows;
}
