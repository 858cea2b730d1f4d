/**
 * Plugin report measures (decision 0711): a count, share or median over the stages of the
 * cases a plugin's report covers, as the plugin declares it (core's `MeasureComputation`), one
 * query on the report facts. "Answered in time" is judged as CH02 is (./housing.ts): by the
 * regime's own timescales, given by the caller from the resolved rules, on the calendar table.
 */
import { sql, type RawBuilder } from "kysely";
import type { StageFactDate, StageFactFilter } from "@complaints/core";
import type { Executor } from "../executor.js";
import type { CodeTimescale } from "./housing.js";
import { calendarKeyExpression, checkPeriod, directorateFilter, inList, type ReportPeriod } from "./periods.js";

export interface MeasureInput {
  councilId: string;
  period: ReportPeriod;
  regimeIds: readonly string[];
  caseKinds: readonly string[];
  /** Only cases of these services, by the profile's service id (`services.code`; default: every service of those regimes). */
  serviceIds?: readonly string[] | undefined;
  timescales: readonly CodeTimescale[];
  /** The date that puts a stage in the period. */
  dated: StageFactDate;
  /** The stages counted (the denominator of a share). */
  of?: StageFactFilter | undefined;
  /** Of those, the ones that match (the numerator of a share; a count's own filter). */
  where?: StageFactFilter | undefined;
  /** For a median: working days from one date of the stage to another. */
  workingDays?: { from: StageFactDate; to: StageFactDate } | undefined;
  directorateIds?: readonly string[] | null | undefined;
}

export interface MeasureFigure {
  /** Stages matching `of`. */
  total: number;
  /** Of those, the ones matching `where`. */
  matching: number;
  /** The median working days, for a median; null otherwise or with none measured. */
  median: number | null;
}

const DATE_COLUMN: Record<StageFactDate, string> = { requested: "requested_on", acknowledged: "ack_met_on", responded: "respond_met_on" };
const INDEX_ALIAS: Record<StageFactDate, string> = { requested: "wq", acknowledged: "wa", responded: "wr" };

const IN_TIME = sql`(r_idx < base_idx + extra OR (r_idx = base_idx + extra AND r_working))`;

function filterSql(filter: StageFactFilter | undefined): RawBuilder<unknown> {
  const parts: RawBuilder<unknown>[] = [sql`TRUE`];
  if (!filter) return parts[0]!;
  if (filter.stageIds?.length) parts.push(sql`stage_id IN ${inList(filter.stageIds)}`);
  if (filter.outcomes?.length) parts.push(sql`outcome IN ${inList(filter.outcomes)}`);
  if (filter.responded !== undefined) parts.push(filter.responded ? sql`respond_met_on IS NOT NULL` : sql`respond_met_on IS NULL`);
  if (filter.extended !== undefined) parts.push(filter.extended ? sql`extensions > 0` : sql`extensions = 0`);
  if (filter.answeredInTime !== undefined) parts.push(filter.answeredInTime ? sql`coalesce(${IN_TIME}, FALSE)` : sql`NOT coalesce(${IN_TIME}, TRUE)`);
  return sql.join(parts, sql` AND `);
}

export async function measureFigure(db: Executor, input: MeasureInput): Promise<MeasureFigure> {
  const period = checkPeriod(input.period, "the reporting period");
  const calendarKey = await calendarKeyExpression(db, input.councilId, "f.regime_id");
  const only = directorateFilter("f", input.directorateIds);
  const dated = sql.ref(`f.${DATE_COLUMN[input.dated]}`);
  const code = input.timescales.length
    ? sql.join(input.timescales.map((t) => sql`(${t.stageId}, ${t.acknowledgeDays}::integer, ${t.respondDays}::integer, ${t.maxExtensionDays}::integer)`))
    : sql`(NULL::text, 0, 0, 0)`;
  const median = input.workingDays
    ? sql`percentile_cont(0.5) WITHIN GROUP (ORDER BY ${sql.ref(`${INDEX_ALIAS[input.workingDays.to]}_idx`)} - ${sql.ref(`${INDEX_ALIAS[input.workingDays.from]}_idx`)}) FILTER (WHERE ${filterSql(input.of)} AND ${sql.ref(`${INDEX_ALIAS[input.workingDays.to]}_idx`)} IS NOT NULL AND ${sql.ref(`${INDEX_ALIAS[input.workingDays.from]}_idx`)} IS NOT NULL)`
    : sql`NULL::double precision`;
  const result = await sql<{ total: number; matching: number; median: number | null }>`
    WITH code (stage_id, ack_days, respond_days, max_extension_days) AS (VALUES ${code}),
    facts AS (
      SELECT f.stage_id, f.outcome, f.respond_met_on, f.extensions,
        wq.wd_index AS wq_idx, wa.wd_index AS wa_idx, wr.wd_index AS wr_idx,
        wr.wd_index AS r_idx, wr.is_working AS r_working,
        CASE WHEN f.acknowledged_on IS NOT NULL THEN wack.wd_index ELSE wq.wd_index + code.ack_days END + code.respond_days AS base_idx,
        CASE WHEN f.extensions > 0 AND f.extensions_with_ombudsman_details
          THEN least(f.extension_days, code.max_extension_days) ELSE 0 END AS extra
      FROM report_stage_facts f
      LEFT JOIN code ON code.stage_id = f.stage_id
      LEFT JOIN working_days wr ON wr.calendar_key = ${calendarKey} AND wr.day = f.respond_met_on
      LEFT JOIN working_days wa ON wa.calendar_key = ${calendarKey} AND wa.day = f.ack_met_on
      LEFT JOIN working_days wack ON wack.calendar_key = ${calendarKey} AND wack.day = f.acknowledged_on
      LEFT JOIN working_days wq ON wq.calendar_key = ${calendarKey} AND wq.day = f.requested_on
      WHERE f.council_id = ${input.councilId} AND ${dated} BETWEEN ${period.from}::date AND ${period.to}::date
        AND f.case_kind IN ${inList(input.caseKinds)} AND f.regime_id IN ${inList(input.regimeIds)} ${only}
        ${input.serviceIds?.length ? sql`AND f.service_id IN (SELECT id FROM services WHERE council_id = ${input.councilId} AND code IN ${inList(input.serviceIds)})` : sql``}
    )
    SELECT count(*) FILTER (WHERE ${filterSql(input.of)})::integer AS total,
      count(*) FILTER (WHERE ${filterSql(input.of)} AND ${filterSql(input.where)})::integer AS matching,
      ${median} AS median
    FROM facts`.execute(db);
  const row = result.rows[0]!;
  return { total: row.total, matching: row.matching, median: row.median === null ? null : Number(row.median) };
}
