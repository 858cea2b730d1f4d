import { describe, expect, it } from "vitest";
import { LetterDateError, formatLetterDate } from "./words.js";

describe("letter dates are written out as UK letters write them", () => {
  it("in English: day, month name, year", () => {
    expect(formatLetterDate("2026-11-23", "en")).toBe("23 November 2026");
    expect(formatLetterDate("2027-01-01", "en")).toBe("1 January 2027");
  });

  it("in Welsh, with the Welsh month names", () => {
    expect(formatLetterDate("2026-12-05", "cy")).toBe("5 Rhagfyr 2026");
  });

  it("refuses anything but an ISO calendar date, instead of printing a wrong date", () => {
    for (const bad of ["23/11/2026", "2026-13-01", "2026-11-00", "2026-11-23T10:00:00Z", ""]) {
      expect(() => formatLetterDate(bad, "en")).toThrow(LetterDateError);
    }
  });
});
