import { joinDayMonths, type NonWorkingReason, type WorkingDayCalendar } from "./calendar.js";
import { addCalendarDays, formatDayMonth, formatShort, type IsoDate } from "./dates.js";
import { londonWallClock } from "./london-time.js";

export interface ReceiptRules {
  /**
   * Things received at or after this local time ("17:00") count as received on the next
   * working day. Null when the council has no cut-off.
   */
  cutOffTime: string | null;
}

export interface Receipt {
  /** The London calendar date the complaint actually arrived. */
  receivedOn: IsoDate;
  /** The London wall-clock time it arrived, "HH:MM". */
  receivedTime: string;
  /** Day 0 of every deadline that counts from receipt. */
  countsFrom: IsoDate;
  why: "working-day" | "non-working-day" | "after-cut-off";
  /** "received Sat 20 Dec 2025, counts from Mon 22 Dec 2025 (not a working day)". */
  explanation: string;
}

/**
 * The receipt rule (Southwark procedure, "Receipt Date"; docs/rules.md §7): the day of receipt is
 * day 0; a complaint received on a non-working day, or after the council's cut-off time,
 * counts as received on the next working day.
 */
export function receiptOf(receivedAt: Date, calendar: WorkingDayCalendar, rules: ReceiptRules): Receipt {
  const { date, time } = londonWallClock(receivedAt);
  let countsFrom = date;
  let why: Receipt["why"] = "working-day";
  if (!calendar.isWorkingDay(date)) {
    countsFrom = calendar.nextWorkingDay(date);
    why = "non-working-day";
  } else if (rules.cutOffTime !== null && time >= rules.cutOffTime) {
    countsFrom = calendar.nextWorkingDay(date);
    why = "after-cut-off";
  }
  const received = `received ${formatShort(date)}`;
  const explanation =
    why === "working-day"
      ? received
      : why === "non-working-day"
        ? `${received}, counts from ${formatShort(countsFrom)} (${describeRoll(calendar, date, countsFrom)})`
        : `${received} at ${time}, after the ${rules.cutOffTime} cut-off, so counts from ${formatShort(countsFrom)}${afterCutOff(calendar, date, countsFrom)}`;
  return { receivedOn: date, receivedTime: time, countsFrom, why, explanation };
}

/** " (after Sat 8 and Sun 9 Mar: a weekend)": the days between a cut-off and the day counted from. */
function afterCutOff(calendar: WorkingDayCalendar, date: IsoDate, countsFrom: IsoDate): string {
  const next = addCalendarDays(date, 1);
  return next < countsFrom ? ` (after ${describeRoll(calendar, next, countsFrom, true)})` : "";
}

function describeReason(reason: NonWorkingReason | null): string {
  if (!reason || reason.kind === "weekend") return "a weekend";
  if (reason.kind === "bank-holiday") return `${reason.title}, a bank holiday`;
  return `council closure: ${reason.title}`;
}

/**
 * Every non-working day from `from` up to (not including) `to`, the day a request counts from,
 * each named: "a weekend" alone for a Saturday receipt, and for Sun 2 May 2027 "Sun 2 May: a
 * weekend; Mon 3 May: Early May bank holiday, a bank holiday" (issue 17: a rolled date names
 * every day that moved it). Consecutive weekend days are one weekend. `dated` names the first
 * run's dates too (it is not the day received).
 */
export function describeRoll(calendar: WorkingDayCalendar, from: IsoDate, to: IsoDate, dated = false): string {
  const runs: Array<{ dates: IsoDate[]; reason: NonWorkingReason | null }> = [];
  for (let day = from; day < to; day = addCalendarDays(day, 1)) {
    const reason = calendar.reasonFor(day);
    if (!reason) continue;
    const last = runs.at(-1);
    if (last && reason.kind === "weekend" && last.reason?.kind === "weekend" && addCalendarDays(last.dates.at(-1)!, 1) === day) last.dates.push(day);
    else runs.push({ dates: [day], reason });
  }
  if (runs.length === 1 && !dated) return describeReason(runs[0]!.reason);
  return runs.map((r) => `${joinDayMonths(r.dates.map(formatDayMonth))}: ${describeReason(r.reason)}`).join("; ");
}
