/**
 * Which working-day calendars a council's reports count on, from its resolved rules: one per
 * regime (FOI/EIR count every UK nation's bank holidays, children's social care its statutory
 * days), the most common as the default. Pass the result to @complaints/db's
 * `syncReportCalendars(db, councilId, calendars)` at start-up and after a calendar changes.
 */
import { calendarKeyOf } from "@complaints/db";
import type { ResolvedRules, WorkingDayCalendar } from "@complaints/core";

export class CalendarConflictError extends Error {
  override readonly name = "CalendarConflictError";
}

export function reportCalendarsOf(rules: Iterable<ResolvedRules>): {
  default: WorkingDayCalendar;
  byRegime: Record<string, WorkingDayCalendar>;
} {
  const byRegime = new Map<string, WorkingDayCalendar>();
  const uses = new Map<string, { calendar: WorkingDayCalendar; count: number }>();
  for (const r of rules) {
    const key = calendarKeyOf(r.calendar);
    const seen = byRegime.get(r.regime.id);
    if (seen && calendarKeyOf(seen) !== key) {
      throw new CalendarConflictError(
        `regime "${r.regime.id}" counts working days on two calendars (${calendarKeyOf(seen)} and ${key}); reports need one per regime`,
      );
    }
    byRegime.set(r.regime.id, r.calendar);
    const use = uses.get(key) ?? { calendar: r.calendar, count: 0 };
    use.count += 1;
    uses.set(key, use);
  }
  if (uses.size === 0) throw new RangeError("no rules given: nothing to take calendars from");
  const main = [...uses.entries()].sort(
    (a, b) => b[1].count - a[1].count || a[0].localeCompare(b[0]),
  )[0]![1].calendar;
  const mainKey = calendarKeyOf(main);
  return {
    default: main,
    byRegime: Object.fromEntries(
      [...byRegime.entries()].filter(([, c]) => calendarKeyOf(c) !== mainKey),
    ),
  };
}
