/**
 * Housing: the figures for Tenant Satisfaction Measures CH01 and CH02 (docs/rules.md §6; the housing
 * plugin's `housing.tsm-ch01-ch02` definitions) and the data for the annual self-assessment
 * against the Housing Ombudsman's Complaint Handling Code.
 *
 * CH02 is judged against the Code's own timescales, counted in SQL on the calendar table, not
 * against the council's (possibly quicker) due dates: a Stage 1 response is in time when it is
 * sent within 10 working days of the acknowledgement (Stage 2: 20), or within a proper extension
 * (told to the resident with the Ombudsman's details, counted up to the Code's maximum of 10 or
 * 20 more working days). Where no acknowledgement was sent, the clock starts when it was due
 * (5 working days after receipt or the escalation request).
 */
import { sql } from "kysely";
import type { Executor } from "../executor.js";
import {
  calendarKeyExpression,
  checkDate,
  checkPeriod,
  directorateFilter,
  inList,
  type ReportPeriod,
} from "./periods.js";

/**
 * A regime's own timescales per stage, in working days: what CH02 judges by. Read from the
 * resolved rules of the services whose report asks for it (packages/reports
 * `regimeTimescales`; the housing plugin's Code values), never restated here.
 */
export interface CodeTimescale {
  stageId: string;
  acknowledgeDays: number;
  respondDays: number;
  maxExtensionDays: number;
}

export interface HousingInput {
  councilId: string;
  /** The reporting year (TSMs: 1 April to 31 March). */
  period: ReportPeriod;
  /** Acknowledgements not sent and past due on this date count as late. */
  asOf: string;
  /** The regimes whose cases count (the resolved rules' regime ids). */
  regimeIds: readonly string[];
  timescales: readonly CodeTimescale[];
  /** Only cases of these directorates (default: all). */
  directorateIds?: readonly string[] | null;
}

export interface Ch01Row {
  stageId: string;
  tenure: string | null;
  received: number;
}

export interface Ch02Row {
  stageId: string;
  tenure: string | null;
  /**
   * Responses sent in the year (S22: "responses sent"), judged from the date each was sent to
   * the resident, not the date it was written (decision 0322; code 6.3, 6.13).
   */
  responses: number;
  /** Within the Code's timescale, extension included. */
  inTime: number;
  /** Of those in time, the ones that needed their (proper) extension. */
  inTimeByExtension: number;
  extended: number;
  /** Extended, but without the Ombudsman's details or for longer than the Code allows. */
  improperExtensions: number;
  /** Responses whose dates fall outside the calendar table (or with no calendar): not judged. */
  unmeasured: number;
}

export interface HousingAckRow {
  stageId: string;
  /** Stages requested in the period whose acknowledgement was sent or is overdue. */
  measured: number;
  /** Acknowledged within the Code's 5 working days. */
  inTime: number;
  unmeasured: number;
  targetMeasured: number;
  targetMet: number;
}

export interface HousingFigures {
  homes: number | null;
  ch01: Ch01Row[];
  ch02: Ch02Row[];
  acknowledgements: HousingAckRow[];
}

function timescalesCte(timescales: readonly CodeTimescale[]) {
  const rows = timescales.map(
    (t) =>
      sql`(${t.stageId}, ${t.acknowledgeDays}::integer, ${t.respondDays}::integer, ${t.maxExtensionDays}::integer)`,
  );
  return sql`code (stage_id, ack_days, respond_days, max_extension_days) AS (VALUES ${sql.join(rows)})`;
}

export async function housingFigures(db: Executor, input: HousingInput): Promise<HousingFigures> {
  const period = checkPeriod(input.period, "the reporting year");
  checkDate(input.asOf, "asOf");
  const regimes = input.regimeIds;
  const timescales = input.timescales;
  const stageIds = timescales.map((t) => t.stageId);

  const council = await db
    .selectFrom("councils")
    .select(sql<string | null>`profile ->> 'homes'`.as("homes"))
    .where("id", "=", input.councilId)
    .executeTakeFirst();
  const homes =
    council?.homes != null && /^\d+$/.test(council.homes) ? Number(council.homes) : null;

  const calendarKey = await calendarKeyExpression(db, input.councilId, "f.regime_id");
  const only = directorateFilter("f", input.directorateIds);
  const ch01 = await sql<Ch01Row>`
    SELECT f.stage_id AS "stageId", f.tenure, count(*)::integer AS received
    FROM report_stage_facts f
    WHERE f.council_id = ${input.councilId} AND f.requested_on BETWEEN ${period.from}::date AND ${period.to}::date
      AND f.case_kind = 'complaint' AND f.regime_id IN ${inList(regimes)} ${only} AND f.stage_id IN ${inList(stageIds)}
    GROUP BY 1, 2
    ORDER BY 1, 2`.execute(db);

  const ch02 = await sql<Ch02Row>`
    WITH ${timescalesCte(timescales)},
    judged AS (
      SELECT f.stage_id, f.tenure, f.extensions,
        f.extensions > 0 AND f.extensions_with_ombudsman_details AND f.extension_days <= code.max_extension_days AS proper,
        wr.wd_index AS r_idx, wr.is_working AS r_working,
        CASE WHEN f.acknowledged_on IS NOT NULL THEN wa.wd_index ELSE wq.wd_index + code.ack_days END
          + code.respond_days AS base_idx,
        CASE WHEN f.extensions > 0 AND f.extensions_with_ombudsman_details
          THEN least(f.extension_days, code.max_extension_days) ELSE 0 END AS extra
      FROM report_stage_facts f
      JOIN code ON code.stage_id = f.stage_id
      LEFT JOIN working_days wr ON wr.calendar_key = ${calendarKey} AND wr.day = f.respond_met_on
      LEFT JOIN working_days wa ON wa.calendar_key = ${calendarKey} AND wa.day = f.acknowledged_on
      LEFT JOIN working_days wq ON wq.calendar_key = ${calendarKey} AND wq.day = f.requested_on
      WHERE f.council_id = ${input.councilId} AND f.respond_met_on BETWEEN ${period.from}::date AND ${period.to}::date
        AND f.case_kind = 'complaint' AND f.regime_id IN ${inList(regimes)} ${only}
    )
    SELECT stage_id AS "stageId", tenure, count(*)::integer AS responses,
      count(*) FILTER (WHERE r_idx < base_idx + extra OR (r_idx = base_idx + extra AND r_working))::integer AS "inTime",
      count(*) FILTER (WHERE extra > 0 AND (r_idx < base_idx + extra OR (r_idx = base_idx + extra AND r_working))
        AND NOT (r_idx < base_idx OR (r_idx = base_idx AND r_working)))::integer AS "inTimeByExtension",
      count(*) FILTER (WHERE extensions > 0)::integer AS extended,
      count(*) FILTER (WHERE extensions > 0 AND NOT proper)::integer AS "improperExtensions",
      count(*) FILTER (WHERE r_idx IS NULL OR base_idx IS NULL)::integer AS unmeasured
    FROM judged
    GROUP BY 1, 2
    ORDER BY 1, 2`.execute(db);

  const acknowledgements = await sql<HousingAckRow>`
    WITH ${timescalesCte(timescales)},
    judged AS (
      SELECT f.stage_id, f.ack_met_on AS acknowledged_on, f.target_due, f.respond_met_on AS responded_on,
        wa.wd_index AS a_idx, wa.is_working AS a_working, wq.wd_index + code.ack_days AS due_idx,
        wd.wd_index AS today_idx
      FROM report_stage_facts f
      JOIN code ON code.stage_id = f.stage_id
      LEFT JOIN working_days wa ON wa.calendar_key = ${calendarKey} AND wa.day = f.ack_met_on
      LEFT JOIN working_days wq ON wq.calendar_key = ${calendarKey} AND wq.day = f.requested_on
      LEFT JOIN working_days wd ON wd.calendar_key = ${calendarKey} AND wd.day = ${input.asOf}::date
      WHERE f.council_id = ${input.councilId} AND f.requested_on BETWEEN ${period.from}::date AND ${period.to}::date
        AND f.case_kind = 'complaint' AND f.regime_id IN ${inList(regimes)} ${only}
    )
    SELECT stage_id AS "stageId",
      count(*) FILTER (WHERE acknowledged_on IS NOT NULL OR today_idx > due_idx)::integer AS measured,
      count(*) FILTER (WHERE acknowledged_on IS NOT NULL AND (a_idx < due_idx OR (a_idx = due_idx AND a_working)))::integer AS "inTime",
      count(*) FILTER (WHERE due_idx IS NULL OR (acknowledged_on IS NOT NULL AND a_idx IS NULL))::integer AS unmeasured,
      count(*) FILTER (WHERE target_due IS NOT NULL AND responded_on IS NOT NULL)::integer AS "targetMeasured",
      count(*) FILTER (WHERE responded_on <= target_due)::integer AS "targetMet"
    FROM judged
    GROUP BY 1
    ORDER BY 1`.execute(db);

  return { homes, ch01: ch01.rows, ch02: ch02.rows, acknowledgements: acknowledgements.rows };
}
