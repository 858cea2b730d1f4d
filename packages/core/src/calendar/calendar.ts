import { DomainError } from "../errors.js";
import { NATIONS, ukBankHolidays, type BankHolidayData, type Nation } from "./bank-holidays.js";
import {
  addCalendarMonths as addMonthsRaw,
  dayNumberFromParts,
  formatDayMonth,
  fromDayNumber,
  isWeekend,
  partsFromDayNumber,
  toDayNumber,
  weekdayOf,
  type IsoDate,
} from "./dates.js";

/**
 * A council closure day on top of the nation's bank holidays: one date ("2025-12-29"), or
 * the same day every year ("12-29", e.g. the Christmas shutdown 29–31 December).
 */
export type ClosureDay = { date: IsoDate; label: string } | { everyYear: string; label: string };

export interface CalendarSpec {
  /**
   * Bank holidays of these nations count as non-working. Several nations give the union:
   * FOI/EIR count a bank holiday anywhere in the UK (FOIA s10(6), EIR reg 2).
   */
  nations: readonly Nation[];
  closures?: readonly ClosureDay[];
}

export type NonWorkingReason =
  | { kind: "weekend" }
  | { kind: "bank-holiday"; title: string; nations: Nation[] }
  | { kind: "closure"; title: string };

export interface NonWorkingDay {
  date: IsoDate;
  reason: NonWorkingReason;
}

export type Roll = "none" | "forward";

/** A date the working-day calendar has no data for: the person chose a date out of its range. */
export class CalendarRangeError extends DomainError {
  override readonly name = "CalendarRangeError";
  constructor(detail: string) {
    super("DATE_INVALID", `A date falls outside the working-day calendar: ${detail}`);
  }
}

/**
 * Working-day arithmetic in O(1): for every day of the covered range we keep the count of
 * working days up to and including it, and the list of working days in order. Adding N
 * working days is then two array reads, however large N is (the benchmark holds it to
 * ≥ 20x a day-by-day loop). The range is the years the holiday data covers; a date outside
 * it throws rather than silently treating an unknown year as holiday-free.
 */
export class WorkingDayCalendar {
  readonly nations: readonly Nation[];
  readonly closures: readonly ClosureDay[];
  readonly firstDate: IsoDate;
  readonly lastDate: IsoDate;

  private readonly first: number;
  private readonly last: number;
  /** workingUpTo[i] = number of working days in [first, first + i]. */
  private readonly workingUpTo: Int32Array;
  /** workingDays[k] = day number of the (k+1)-th working day of the range. */
  private readonly workingDays: Int32Array;
  private readonly reasons = new Map<number, NonWorkingReason>();
  /** The ISO string of every day in range: formatting a result is then one array read. */
  private readonly isoOf: string[];

  constructor(spec: CalendarSpec, data: BankHolidayData = ukBankHolidays) {
    if (spec.nations.length === 0) throw new Error("A working-day calendar needs at least one nation");
    for (const nation of spec.nations) {
      if (!NATIONS.includes(nation)) throw new Error(`Unknown nation "${nation}": use one of ${NATIONS.join(", ")}`);
    }
    this.nations = [...new Set(spec.nations)];
    this.closures = spec.closures ?? [];

    let minYear = Infinity;
    let maxYear = -Infinity;
    for (const nation of NATIONS) {
      for (const event of data[nation].events) {
        const year = Number(event.date.slice(0, 4));
        minYear = Math.min(minYear, year);
        maxYear = Math.max(maxYear, year);
      }
    }
    this.first = dayNumberFromParts(minYear, 1, 1);
    this.last = dayNumberFromParts(maxYear, 12, 31);
    this.firstDate = fromDayNumber(this.first);
    this.lastDate = fromDayNumber(this.last);

    for (const nation of this.nations) {
      for (const event of data[nation].events) {
        const n = toDayNumber(event.date);
        const existing = this.reasons.get(n);
        if (existing?.kind === "bank-holiday") existing.nations.push(nation);
        else this.reasons.set(n, { kind: "bank-holiday", title: event.title, nations: [nation] });
      }
    }
    for (const closure of this.closures) {
      const days =
        "date" in closure
          ? [toDayNumber(closure.date)]
          : everyYear(closure.everyYear, minYear, maxYear);
      for (const n of days) {
        if (!this.reasons.has(n) && !isWeekend(n)) this.reasons.set(n, { kind: "closure", title: closure.label });
      }
    }

    const size = this.last - this.first + 1;
    this.workingUpTo = new Int32Array(size);
    const working: number[] = [];
    let count = 0;
    for (let i = 0; i < size; i++) {
      const n = this.first + i;
      if (!isWeekend(n) && !this.reasons.has(n)) {
        count++;
        working.push(n);
      }
      this.workingUpTo[i] = count;
    }
    this.workingDays = Int32Array.from(working);
    this.isoOf = Array.from({ length: size }, (_, i) => fromDayNumber(this.first + i));
  }

  /** A short id for caching and for explanations ("england-and-wales + 3 closure days"). */
  get label(): string {
    const nations = this.nations.join(" + ");
    return this.closures.length ? `${nations} + ${this.closures.length} closure day(s)` : nations;
  }

  private index(n: number, original: IsoDate | number): number {
    if (n < this.first || n > this.last) {
      const date = typeof original === "string" ? original : fromDayNumber(original);
      throw new CalendarRangeError(
        `No bank-holiday data for ${date}: the calendar covers ${this.firstDate} to ${this.lastDate}. ` +
          `Refresh packages/core/src/calendar/data/bank-holidays.json (pnpm --filter @complaints/core holidays:refresh).`,
      );
    }
    return n - this.first;
  }

  isWorkingDayNumber(n: number): boolean {
    const i = this.index(n, n);
    return this.workingUpTo[i]! !== (i === 0 ? 0 : this.workingUpTo[i - 1]!);
  }

  isWorkingDay(date: IsoDate): boolean {
    return this.isWorkingDayNumber(toDayNumber(date));
  }

  /**
   * The working day n working days after `date`, with `date` as day 0 whether or not it is a
   * working day itself ("within 5 working days of receipt"). Negative n counts back.
   */
  addWorkingDayNumber(n: number, workingDays: number): number {
    const i = this.index(n, n);
    if (workingDays === 0) return n;
    const upTo = this.workingUpTo[i]!;
    const k =
      workingDays > 0 ? upTo + workingDays - 1 : upTo - (this.isWorkingDayNumber(n) ? 1 : 0) + workingDays;
    const result = this.workingDays[k];
    if (k < 0 || result === undefined) {
      throw new CalendarRangeError(
        `${workingDays} working days from ${fromDayNumber(n)} falls outside the calendar (${this.firstDate} to ${this.lastDate}).`,
      );
    }
    return result;
  }

  addWorkingDays(date: IsoDate, workingDays: number): IsoDate {
    return this.isoOf[this.addWorkingDayNumber(toDayNumber(date), workingDays) - this.first]!;
  }

  /** Working days in (from, to]: the days a clock started on `from` has run by `to`. */
  countWorkingDays(from: IsoDate, to: IsoDate): number {
    const a = toDayNumber(from);
    const b = toDayNumber(to);
    return this.workingUpTo[this.index(b, to)]! - this.workingUpTo[this.index(a, from)]!;
  }

  /** `date` itself when it is a working day, otherwise the next one. */
  rollForward(date: IsoDate): IsoDate {
    const n = toDayNumber(date);
    return this.isWorkingDayNumber(n) ? date : fromDayNumber(this.addWorkingDayNumber(n, 1));
  }

  nextWorkingDay(date: IsoDate): IsoDate {
    return this.addWorkingDays(date, 1);
  }

  addCalendarDays(date: IsoDate, days: number, roll: Roll = "none"): IsoDate {
    const result = fromDayNumber(toDayNumber(date) + days);
    return roll === "forward" ? this.rollForward(result) : result;
  }

  addCalendarMonths(date: IsoDate, months: number, roll: Roll = "none"): IsoDate {
    const result = addMonthsRaw(date, months);
    return roll === "forward" ? this.rollForward(result) : result;
  }

  /** Why a day is not a working day, or null when it is one. */
  reasonFor(date: IsoDate): NonWorkingReason | null {
    const n = toDayNumber(date);
    if (this.isWorkingDayNumber(n)) return null;
    return this.reasons.get(n) ?? { kind: "weekend" };
  }

  /** Non-working days in (from, to], for explanations ("skipping Thu 25 and Fri 26 Dec"). */
  nonWorkingDaysBetween(from: IsoDate, to: IsoDate): NonWorkingDay[] {
    const a = toDayNumber(from);
    const b = toDayNumber(to);
    this.index(a, from);
    this.index(b, to);
    const result: NonWorkingDay[] = [];
    for (let n = a + 1; n <= b; n++) {
      if (isWeekend(n)) continue;
      const reason = this.reasons.get(n);
      if (reason) result.push({ date: fromDayNumber(n), reason });
    }
    return result;
  }
}

function everyYear(monthDay: string, fromYear: number, toYear: number): number[] {
  const match = /^(\d{2})-(\d{2})$/.exec(monthDay);
  if (!match) throw new Error(`Closure day "${monthDay}" must be MM-DD`);
  const month = Number(match[1]);
  const day = Number(match[2]);
  const days: number[] = [];
  for (let year = fromYear; year <= toYear; year++) {
    const n = dayNumberFromParts(year, month, day);
    if (partsFromDayNumber(n).month === month) days.push(n);
  }
  return days;
}

/** "Thu 25 and Fri 26 Dec (bank holidays)", grouped by kind of day, for explanations. */
export function describeSkippedDays(days: readonly NonWorkingDay[]): string {
  if (days.length === 0) return "";
  const groups = new Map<string, string[]>();
  for (const day of days) {
    const key =
      day.reason.kind === "bank-holiday" ? "bank holiday" : day.reason.kind === "closure" ? `council closure: ${day.reason.title}` : "weekend";
    const list = groups.get(key) ?? [];
    list.push(formatDayMonth(day.date));
    groups.set(key, list);
  }
  return [...groups.entries()]
    .map(([kind, dates]) => {
      const plural = dates.length > 1 && kind === "bank holiday" ? "bank holidays" : kind;
      return `${joinDayMonths(dates)} (${plural})`;
    })
    .join("; ");
}

/** ["Thu 25 Dec", "Fri 26 Dec"] -> "Thu 25 and Fri 26 Dec": the month once per run. */
export function joinDayMonths(dates: readonly string[]): string {
  const parts: string[] = [];
  dates.forEach((date, i) => {
    const month = date.slice(date.lastIndexOf(" ") + 1);
    const nextMonth = dates[i + 1]?.slice(dates[i + 1]!.lastIndexOf(" ") + 1);
    parts.push(nextMonth === month ? date.slice(0, date.lastIndexOf(" ")) : date);
  });
  return joinAnd(parts);
}

export function joinAnd(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

const cache = new Map<string, WorkingDayCalendar>();

/** Calendars are immutable and costly to build; share one per spec. */
export function calendarFor(spec: CalendarSpec): WorkingDayCalendar {
  const key = JSON.stringify([[...spec.nations].sort(), spec.closures ?? []]);
  let calendar = cache.get(key);
  if (!calendar) {
    calendar = new WorkingDayCalendar(spec);
    cache.set(key, calendar);
  }
  return calendar;
}

export { weekdayOf };
