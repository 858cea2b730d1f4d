import { describeSkippedDays, type WorkingDayCalendar } from "../calendar/calendar.js";
import { formatShort, type IsoDate } from "../calendar/dates.js";
import type { DayCounting, Period } from "../regime/types.js";

export interface PeriodResult {
  date: IsoDate;
  /** "+5 working days, skipping Thu 25 and Fri 26 Dec (bank holidays)". */
  text: string;
}

/**
 * Adds a period the way its rule words it: working days, calendar days or calendar months.
 * `counting` is the regime's day numbering (regime/types.ts `DayCounting`): by default the day
 * counted from is day 0; with `firstDay: 1` it is day 1 (for working days, the first working
 * day on or after it), so the period ends a day sooner. Months are months either way.
 */
export function applyPeriod(calendar: WorkingDayCalendar, from: IsoDate, period: Period, counting?: DayCounting): PeriodResult {
  const dayOne = counting?.firstDay === 1;
  if ("workingDays" in period) {
    const first = dayOne ? calendar.rollForward(from) : null;
    const date = first ? calendar.addWorkingDays(first, period.workingDays - 1) : calendar.addWorkingDays(from, period.workingDays);
    const skipped = describeSkippedDays(calendar.nonWorkingDaysBetween(from, date));
    const unit = period.workingDays === 1 ? "working day" : "working days";
    const asDayOne = first ? ` counting ${formatShort(first)} as day 1 (${counting!.rule})` : "";
    return { date, text: `+${period.workingDays} ${unit}${asDayOne}${skipped ? `, skipping ${skipped}` : ""}` };
  }
  const raw =
    "calendarDays" in period
      ? calendar.addCalendarDays(from, dayOne ? period.calendarDays - 1 : period.calendarDays)
      : calendar.addCalendarMonths(from, period.calendarMonths);
  const amount =
    "calendarDays" in period
      ? `+${period.calendarDays} ${period.calendarDays === 1 ? "day" : "days"}${dayOne ? ` counting ${formatShort(from)} as day 1 (${counting!.rule})` : ""}`
      : `+${period.calendarMonths} ${period.calendarMonths === 1 ? "month" : "months"}`;
  if (period.roll === "forward" && !calendar.isWorkingDay(raw)) {
    const date = calendar.rollForward(raw);
    return { date, text: `${amount} → ${formatShort(raw)}, not a working day, so the next working day` };
  }
  return { date: raw, text: amount };
}

export function describePeriod(period: Period): string {
  if ("workingDays" in period) return `${period.workingDays} working day${period.workingDays === 1 ? "" : "s"}`;
  if ("calendarDays" in period) return `${period.calendarDays} day${period.calendarDays === 1 ? "" : "s"}`;
  return `${period.calendarMonths} month${period.calendarMonths === 1 ? "" : "s"}`;
}
