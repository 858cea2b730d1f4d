/**
 * The working-day calendar table: core's `WorkingDayCalendar` written out day by day, so report
 * queries count working days with a join and a subtraction instead of a loop per case.
 *
 * `wd_index` of a day is the number of working days from the calendar's first day up to and
 * including it. For any two covered dates, `wd_index(to) - wd_index(from)` is the number of
 * working days in (from, to], the same as `calendar.countWorkingDays(from, to)`; and the due date
 * "N working days after D" is the working day whose `wd_index` is `wd_index(D) + N`.
 */
import {
  fromDayNumber,
  toDayNumber,
  type CalendarSpec,
  type ClosureDay,
  type WorkingDayCalendar,
} from "@complaints/core";
import { sql } from "kysely";
import { canonicalJson, sha256Hex, toJsonValue } from "../canonical.js";
import { inTransaction, toJson, type Executor } from "../executor.js";

/** The regime id under which a council's default calendar is assigned. */
export const DEFAULT_REGIME = "*";

/**
 * A stable key for a calendar's definition: its nations in order, plus a digest of its closure
 * days when it has any ("england-and-wales", "england-and-wales:3f2a9c01b7d4").
 */
export function calendarKeyOf(spec: {
  nations: readonly string[];
  closures?: readonly ClosureDay[];
}): string {
  const nations = [...new Set(spec.nations)].sort().join("+");
  const closures = spec.closures ?? [];
  if (closures.length === 0) return nations;
  return `${nations}:${sha256Hex(canonicalJson(toJsonValue(closures))).slice(0, 12)}`;
}

export interface SyncedCalendar {
  key: string;
  firstDay: string;
  lastDay: string;
  days: number;
  workingDays: number;
}

/**
 * Writes every day of a core calendar into `working_days` under its key (replacing what the key
 * held before), in one transaction. Call it at start-up for each calendar the council's rules
 * use, and again after the bank-holiday data is refreshed.
 */
export async function syncWorkingDayCalendar(
  db: Executor,
  calendar: WorkingDayCalendar,
  options: { key?: string; now: Date },
): Promise<SyncedCalendar> {
  const spec: CalendarSpec = { nations: calendar.nations, closures: calendar.closures };
  const key = options.key ?? calendarKeyOf(spec);
  const first = toDayNumber(calendar.firstDate);
  const last = toDayNumber(calendar.lastDate);
  const rows: Array<{ d: string; i: number; w: boolean }> = [];
  let index = 0;
  for (let n = first; n <= last; n++) {
    const day = fromDayNumber(n);
    const working = calendar.isWorkingDay(day);
    if (working) index++;
    rows.push({ d: day, i: index, w: working });
  }
  await inTransaction(db, async (trx) => {
    await trx
      .insertInto("working_day_calendars")
      .values({
        key,
        label: calendar.label,
        nations: [...calendar.nations],
        closures: toJson(calendar.closures),
        first_day: calendar.firstDate,
        last_day: calendar.lastDate,
        synced_at: options.now,
      })
      .onConflict((oc) =>
        oc.column("key").doUpdateSet((eb) => ({
          label: eb.ref("excluded.label"),
          nations: eb.ref("excluded.nations"),
          closures: eb.ref("excluded.closures"),
          first_day: eb.ref("excluded.first_day"),
          last_day: eb.ref("excluded.last_day"),
          synced_at: eb.ref("excluded.synced_at"),
        })),
      )
      .execute();
    await trx.deleteFrom("working_days").where("calendar_key", "=", key).execute();
    // One statement: the days travel as one JSON document (both drivers agree on text).
    await sql`
      INSERT INTO working_days (calendar_key, day, wd_index, is_working)
      SELECT ${key}, x.d, x.i, x.w FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS x(d date, i integer, w boolean)`.execute(
      trx,
    );
  });
  return {
    key,
    firstDay: calendar.firstDate,
    lastDay: calendar.lastDate,
    days: rows.length,
    workingDays: index,
  };
}

/**
 * Says which calendar a council's cases count working days on: per regime id, with
 * {@link DEFAULT_REGIME} for every regime not named. The calendar must have been synced.
 */
async function assignReportCalendar(
  db: Executor,
  councilId: string,
  regimeId: string,
  calendarKey: string,
): Promise<void> {
  await db
    .insertInto("report_calendars")
    .values({ council_id: councilId, regime_id: regimeId, calendar_key: calendarKey })
    .onConflict((oc) =>
      oc.columns(["council_id", "regime_id"]).doUpdateSet({ calendar_key: calendarKey }),
    )
    .execute();
}

/**
 * Syncs a council's calendars and assigns them in one go: the default calendar (its profile's
 * nations and closure days) and any regime that counts on another (FOI/EIR: every UK nation;
 * children's social care: its statutory calendar). Regimes no longer listed fall back to the
 * default.
 */
export async function syncReportCalendars(
  db: Executor,
  councilId: string,
  calendars: {
    default: WorkingDayCalendar;
    byRegime?: Readonly<Record<string, WorkingDayCalendar>>;
  },
  now: Date,
): Promise<SyncedCalendar[]> {
  return inTransaction(db, async (trx) => {
    const synced = new Map<string, SyncedCalendar>();
    const syncOnce = async (calendar: WorkingDayCalendar) => {
      const key = calendarKeyOf({ nations: calendar.nations, closures: calendar.closures });
      if (!synced.has(key)) synced.set(key, await syncWorkingDayCalendar(trx, calendar, { key, now }));
      return key;
    };
    const assignments: Array<[string, string]> = [
      [DEFAULT_REGIME, await syncOnce(calendars.default)],
    ];
    for (const [regimeId, calendar] of Object.entries(calendars.byRegime ?? {})) {
      assignments.push([regimeId, await syncOnce(calendar)]);
    }
    await trx
      .deleteFrom("report_calendars")
      .where("council_id", "=", councilId)
      .execute();
    for (const [regimeId, key] of assignments)
      await assignReportCalendar(trx, councilId, regimeId, key);
    return [...synced.values()];
  });
}

/** The calendars a council's reports count on now: regime id ({@link DEFAULT_REGIME} for the rest) → calendar key. */
export async function reportCalendarAssignments(
  db: Executor,
  councilId: string,
): Promise<Record<string, string>> {
  const rows = await db
    .selectFrom("report_calendars")
    .select(["regime_id", "calendar_key"])
    .where("council_id", "=", councilId)
    .orderBy("regime_id")
    .execute();
  return Object.fromEntries(rows.map((r) => [r.regime_id, r.calendar_key]));
}
