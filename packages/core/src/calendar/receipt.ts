import type { WorkingDayCalendar } from "./calendar.js";
import { formatShort, type IsoDate } from "./dates.js";
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
        ? `${received}, counts from ${formatShort(countsFrom)} (${describeReason(calendar, date)})`
        : `${received} at ${time}, after the ${rules.cutOffTime} cut-off, so counts from ${formatShort(countsFrom)}`;
  return { receivedOn: date, receivedTime: time, countsFrom, why, explanation };
}

function describeReason(calendar: WorkingDayCalendar, date: IsoDate): string {
  const reason = calendar.reasonFor(date);
  if (!reason || reason.kind === "weekend") return "a weekend";
  if (reason.kind === "bank-holiday") return `${reason.title}, a bank holiday`;
  return `council closure: ${reason.title}`;
}
