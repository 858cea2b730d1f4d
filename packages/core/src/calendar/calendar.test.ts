import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CalendarRangeError, WorkingDayCalendar, calendarFor, describeSkippedDays } from "./calendar.js";
import { addCalendarMonths, fromDayNumber, toDayNumber, InvalidDateError, formatShort } from "./dates.js";

const ew = calendarFor({ nations: ["england-and-wales"] });
const uk = calendarFor({ nations: ["england-and-wales", "scotland", "northern-ireland"] });
const first = toDayNumber("2018-01-01");
const last = toDayNumber("2030-06-30");
/** Dates well inside the data range, so a 60-working-day span never runs off the end. */
const dateArb = fc.integer({ min: first, max: last }).map(fromDayNumber);
const spanArb = fc.integer({ min: 0, max: 60 });

/** The obvious algorithm, for comparison: walk one day at a time. */
function naiveAdd(calendar: WorkingDayCalendar, date: string, n: number): string {
  let day = toDayNumber(date);
  let left = n;
  while (left > 0) {
    day++;
    if (calendar.isWorkingDay(fromDayNumber(day))) left--;
  }
  return fromDayNumber(day);
}

describe("working-day arithmetic (property-based, fast-check)", () => {
  it("adding N working days then counting back gives N", () => {
    fc.assert(fc.property(dateArb, spanArb, (date, n) => ew.countWorkingDays(date, ew.addWorkingDays(date, n)) === n));
  });

  it("a due date N ≥ 1 working days on is never a weekend, bank holiday or closure day", () => {
    const withClosures = new WorkingDayCalendar({ nations: ["england-and-wales"], closures: [{ everyYear: "12-29", label: "closure" }] });
    fc.assert(fc.property(dateArb, fc.integer({ min: 1, max: 60 }), (date, n) => withClosures.isWorkingDay(withClosures.addWorkingDays(date, n))));
  });

  it("due dates never move earlier when N grows", () => {
    fc.assert(fc.property(dateArb, spanArb, (date, n) => ew.addWorkingDays(date, n + 1) > ew.addWorkingDays(date, n)));
  });

  it("agrees with a day-by-day walk for every nation set", () => {
    for (const calendar of [ew, uk, calendarFor({ nations: ["scotland"] }), calendarFor({ nations: ["northern-ireland"] })]) {
      fc.assert(fc.property(dateArb, spanArb, (date, n) => calendar.addWorkingDays(date, n) === naiveAdd(calendar, date, n)), { numRuns: 300 });
    }
  });

  it("counting back with a negative N is the inverse of counting forward from a working day", () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: 1, max: 60 }), (date, n) => {
        const start = ew.rollForward(date);
        return ew.addWorkingDays(ew.addWorkingDays(start, n), -n) === start;
      }),
    );
  });

  it("the UK union is never more generous than any one nation", () => {
    fc.assert(fc.property(dateArb, spanArb, (date, n) => uk.addWorkingDays(date, n) >= ew.addWorkingDays(date, n)));
  });
});

describe("the working-day calendar", () => {
  it("the day of receipt is day 0: 0 working days from a date is the date itself", () => {
    expect(ew.addWorkingDays("2025-12-20", 0)).toBe("2025-12-20");
  });

  it("counts working days in (from, to]: Mon 22 to Wed 31 Dec 2025 is 5", () => {
    expect(ew.countWorkingDays("2025-12-22", "2025-12-31")).toBe(5);
    expect(ew.countWorkingDays("2025-12-31", "2025-12-22")).toBe(-5);
  });

  it("knows why a day is not a working day", () => {
    expect(ew.reasonFor("2025-12-25")).toMatchObject({ kind: "bank-holiday", title: "Christmas Day" });
    expect(ew.reasonFor("2025-12-27")).toEqual({ kind: "weekend" });
    expect(ew.reasonFor("2025-12-24")).toBeNull();
  });

  it("FOIA s10(6): the union lists which nations a holiday belongs to", () => {
    expect(uk.reasonFor("2025-12-25")).toMatchObject({ nations: ["england-and-wales", "scotland", "northern-ireland"] });
    expect(uk.reasonFor("2025-03-17")).toMatchObject({ title: "St Patrick’s Day", nations: ["northern-ireland"] });
  });

  it("describes skipped days the way a caseworker reads them", () => {
    expect(describeSkippedDays(ew.nonWorkingDaysBetween("2025-12-22", "2025-12-31"))).toBe("Thu 25 and Fri 26 Dec (bank holidays)");
    const closures = new WorkingDayCalendar({ nations: ["england-and-wales"], closures: [{ everyYear: "12-29", label: "Christmas closure" }] });
    expect(describeSkippedDays(closures.nonWorkingDaysBetween("2026-12-23", "2026-12-31"))).toBe(
      "Fri 25 and Mon 28 Dec (bank holidays); Tue 29 Dec (council closure: Christmas closure)",
    );
  });

  it("a closure day on a weekend or bank holiday does not double count", () => {
    const c = new WorkingDayCalendar({ nations: ["england-and-wales"], closures: [{ date: "2025-12-25", label: "x" }, { date: "2025-12-27", label: "y" }] });
    expect(c.addWorkingDays("2025-12-22", 5)).toBe(ew.addWorkingDays("2025-12-22", 5));
  });

  it("refuses to guess outside the bank-holiday data, naming how to refresh it", () => {
    expect(() => ew.addWorkingDays("2031-01-02", 5)).toThrow(CalendarRangeError);
    expect(() => ew.addWorkingDays("2031-01-02", 5)).toThrow(/holidays:refresh/);
    expect(() => ew.addWorkingDays("2030-12-30", 5)).toThrow(/falls outside the calendar/);
  });

  it("rejects an unknown nation and impossible dates with a clear message", () => {
    expect(() => new WorkingDayCalendar({ nations: ["wales" as never] })).toThrow(/Unknown nation "wales"/);
    expect(() => ew.addWorkingDays("2025-02-30", 1)).toThrow(InvalidDateError);
    expect(() => ew.addWorkingDays("20/12/2025", 1)).toThrow(/YYYY-MM-DD/);
  });

  it("calendar months clamp to the end of a shorter month", () => {
    expect(addCalendarMonths("2026-01-31", 1)).toBe("2026-02-28");
    expect(addCalendarMonths("2028-01-31", 1)).toBe("2028-02-29");
    expect(addCalendarMonths("2026-08-31", 6)).toBe("2027-02-28");
    expect(addCalendarMonths("2026-11-15", 2)).toBe("2027-01-15");
  });

  it("calendar days can roll forward onto a working day", () => {
    expect(ew.addCalendarDays("2026-03-06", 28, "forward")).toBe("2026-04-07");
    expect(ew.addCalendarDays("2026-03-06", 28)).toBe("2026-04-03");
  });

  it("formats dates as staff read them", () => {
    expect(formatShort("2025-12-20")).toBe("Sat 20 Dec 2025");
  });
});
