import { DomainError } from "@complaints/core";
import { sql, type RawBuilder } from "kysely";
import type { Executor } from "../executor.js";

/** A reporting period: both dates included ("2009-04-01" to "2010-03-31"). */
export interface ReportPeriod {
  from: string;
  to: string;
}

export type PeriodName = "current" | "previous";

const ISO = /^\d{4}-\d{2}-\d{2}$/;

/** A period, month or answer a report cannot be asked for: the person's input, said back to them. */
export class ReportInputError extends DomainError {
  override readonly name = "ReportInputError";
  constructor(message: string) {
    super("INVALID_INPUT", message);
  }
}

export function checkDate(value: string, what: string): string {
  if (!ISO.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) {
    throw new ReportInputError(`${what} must be a date in the form YYYY-MM-DD, not "${value}"`);
  }
  return value;
}

export function checkPeriod(period: ReportPeriod, what: string): ReportPeriod {
  checkDate(period.from, `${what} start`);
  checkDate(period.to, `${what} end`);
  if (period.to < period.from)
    throw new ReportInputError(`${what} ends (${period.to}) before it starts (${period.from})`);
  return period;
}

/**
 * `periods (period, p_from, p_to)`: the report's period and, when asked for, the previous one,
 * so one scan answers both and the previous figures sit beside the current ones.
 */
export function periodsCte(
  current: ReportPeriod,
  previous?: ReportPeriod | null,
): RawBuilder<unknown> {
  checkPeriod(current, "the report period");
  const rows = [sql`('current', ${current.from}::date, ${current.to}::date)`];
  if (previous) {
    checkPeriod(previous, "the previous period");
    rows.push(sql`('previous', ${previous.from}::date, ${previous.to}::date)`);
  }
  return sql`periods (period, p_from, p_to) AS (VALUES ${sql.join(rows)})`;
}

/**
 * The rows of a date column falling in the period or the previous one, and which one each is in,
 * without a join: `where` is one range over both periods (so it is an index range, or one pass
 * of a parallel scan), narrowed only when the two periods are not back to back; `period` is
 * 'current' or 'previous'. Periods must not overlap.
 */
export function periodScope(
  column: string,
  current: ReportPeriod,
  previous?: ReportPeriod | null,
): { where: RawBuilder<unknown>; period: RawBuilder<unknown> } {
  checkPeriod(current, "the report period");
  const col = sql.ref(column);
  if (!previous) {
    return {
      where: sql`${col} BETWEEN ${current.from}::date AND ${current.to}::date`,
      period: sql`'current'::text`,
    };
  }
  checkPeriod(previous, "the previous period");
  if (!(previous.to < current.from || previous.from > current.to)) {
    throw new ReportInputError(
      `the previous period (${previous.from} to ${previous.to}) overlaps the report period (${current.from} to ${current.to})`,
    );
  }
  const from = previous.from < current.from ? previous.from : current.from;
  const to = previous.to > current.to ? previous.to : current.to;
  const dayAfter = (iso: string) =>
    new Date(Date.parse(`${iso}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  const contiguous =
    dayAfter(previous.to) === current.from || dayAfter(current.to) === previous.from;
  const gap = contiguous
    ? sql``
    : sql` AND (${col} BETWEEN ${current.from}::date AND ${current.to}::date OR ${col} BETWEEN ${previous.from}::date AND ${previous.to}::date)`;
  return {
    where: sql`${col} BETWEEN ${from}::date AND ${to}::date${gap}`,
    period: sql`CASE WHEN ${col} BETWEEN ${current.from}::date AND ${current.to}::date THEN 'current' ELSE 'previous' END`,
  };
}

/** `IN (…)` for a non-empty list of text values (both drivers disagree on array parameters). */
export function inList(values: readonly string[]): RawBuilder<unknown> {
  if (values.length === 0) throw new ReportInputError("an empty list of values");
  return sql`(${sql.join(values.map((v) => sql`${v}`))})`;
}

/**
 * `AND <alias>.directorate_id IN (…)` when the figures are for some directorates only (a filter
 * chosen by the reader, or the directorates a Head of Service may see); nothing otherwise. An
 * empty list matches nothing: someone allowed no directorate sees no figures.
 */
export function directorateFilter(
  alias: string,
  directorateIds: readonly string[] | null | undefined,
): RawBuilder<unknown> {
  if (directorateIds === undefined || directorateIds === null) return sql``;
  if (directorateIds.length === 0) return sql`AND false`;
  return sql`AND ${sql.ref(`${alias}.directorate_id`)} IN ${inList(directorateIds)}`;
}

/**
 * The calendar a council's stage facts count working days on, as an SQL expression of the fact's
 * regime: the council's calendar for that regime, else its default ('*'); NULL when it has none.
 * Resolved with one small read first, so the report query itself joins `working_days` on a
 * constant (or a short CASE) and the day, which PostgreSQL hashes once.
 */
export async function calendarKeyExpression(
  db: Executor,
  councilId: string,
  regimeColumn: string,
): Promise<RawBuilder<string | null>> {
  const { rows } = await sql<{ regime_id: string; calendar_key: string }>`
    SELECT regime_id, calendar_key FROM report_calendars WHERE council_id = ${councilId} ORDER BY regime_id`.execute(
    db,
  );
  const fallback = rows.find((r) => r.regime_id === "*")?.calendar_key ?? null;
  const special = rows.filter((r) => r.regime_id !== "*" && r.calendar_key !== fallback);
  const otherwise =
    fallback === null ? sql<string | null>`NULL::text` : sql<string | null>`${fallback}::text`;
  if (special.length === 0) return otherwise;
  return sql<string | null>`CASE ${sql.ref(regimeColumn)} ${sql.join(
    special.map((r) => sql`WHEN ${r.regime_id} THEN ${r.calendar_key}::text`),
    sql` `,
  )} ELSE ${otherwise} END`;
}
