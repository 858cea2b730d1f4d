/**
 * Calendar dates as the law counts them: a complaint deadline is a date in the council's
 * time zone (Europe/London), never an instant. We carry dates as ISO strings at the edges
 * ("2025-12-22") and as integer day numbers (days since 1970-01-01) inside the arithmetic,
 * which keeps the hot path free of Date objects and time-zone drift.
 */

/** A calendar date in Europe/London, formatted YYYY-MM-DD. */
export type IsoDate = string;

export class InvalidDateError extends Error {
  override readonly name = "InvalidDateError";
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days from the civil date, after Howard Hinnant's `days_from_civil` (proleptic Gregorian). */
export function dayNumberFromParts(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The inverse of {@link dayNumberFromParts}. */
export function partsFromDayNumber(dayNumber: number): { year: number; month: number; day: number } {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Parses and validates "YYYY-MM-DD" (rejects 2025-02-30). */
export function toDayNumber(date: IsoDate): number {
  // Fast path for well-formed input: read digits by char code, no regex, no allocation.
  if (date.length === 10 && date.charCodeAt(4) === 45 && date.charCodeAt(7) === 45) {
    const year = digits(date, 0, 4);
    const month = digits(date, 5, 2);
    const day = digits(date, 8, 2);
    if (year >= 0 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month)) {
      return dayNumberFromParts(year, month, day);
    }
  }
  throw new InvalidDateError(`"${date}" is not a calendar date in the form YYYY-MM-DD`);
}

function digits(text: string, start: number, length: number): number {
  let value = 0;
  for (let i = start; i < start + length; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    value = value * 10 + d;
  }
  return value;
}

export function isIsoDate(value: unknown): value is IsoDate {
  if (typeof value !== "string" || !ISO_DATE.test(value)) return false;
  try {
    toDayNumber(value);
    return true;
  } catch {
    return false;
  }
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : `${n}`);

export function fromDayNumber(dayNumber: number): IsoDate {
  const { year, month, day } = partsFromDayNumber(dayNumber);
  return `${year}-${pad2(month)}-${pad2(day)}`;
}

/** 0 = Sunday … 6 = Saturday. 1970-01-01 was a Thursday. */
export function weekdayOf(dayNumber: number): number {
  return (((dayNumber + 4) % 7) + 7) % 7;
}

export function isWeekend(dayNumber: number): boolean {
  const w = weekdayOf(dayNumber);
  return w === 0 || w === 6;
}

export function addCalendarDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(toDayNumber(date) + days);
}

/**
 * Same day of the month, n months on; a day that the target month lacks clamps to its last
 * day (31 Jan + 1 month = 28 or 29 Feb), the usual reading of "within one month".
 */
export function addCalendarMonths(date: IsoDate, months: number): IsoDate {
  const { year, month, day } = partsFromDayNumber(toDayNumber(date));
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = index - y * 12 + 1;
  return `${y}-${pad2(m)}-${pad2(Math.min(day, daysInMonth(y, m)))}`;
}

export function compareDates(a: IsoDate, b: IsoDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"] as const;
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"] as const;
const MONTHS_LONG = [
  "January", "February", "March", "April", "May", "June",
  "July", "August", "September", "October", "November", "December",
] as const;

/** "Sat 20 Dec 2025": how caseworkers read a date in an explanation. */
export function formatShort(date: IsoDate): string {
  const n = toDayNumber(date);
  const { year, month, day } = partsFromDayNumber(n);
  return `${WEEKDAYS[weekdayOf(n)]} ${day} ${MONTHS[month - 1]} ${year}`;
}

/** "20 December 2025": how a letter writes a date. */
export function formatLong(date: IsoDate): string {
  const { year, month, day } = partsFromDayNumber(toDayNumber(date));
  return `${day} ${MONTHS_LONG[month - 1]} ${year}`;
}

/** "Thu 25 Dec" (the year is implied by the sentence around it). */
export function formatDayMonth(date: IsoDate): string {
  const n = toDayNumber(date);
  const { month, day } = partsFromDayNumber(n);
  return `${WEEKDAYS[weekdayOf(n)]} ${day} ${MONTHS[month - 1]}`;
}

export function yearOf(date: IsoDate): number {
  return digits(date, 0, 4);
}
