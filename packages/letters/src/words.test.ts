import { describe, expect, it } from "vitest";
import { LetterDateError, asClause, formatLetterDate, joinSentences, tidyParagraph } from "./words.js";

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

describe("dates with the day of the week, in English and Welsh", () => {
  it("names the weekday the date falls on, whatever the server's time zone", () => {
    expect(formatLetterDate("2026-11-23", "en", { weekday: true })).toBe("Monday 23 November 2026");
    expect(formatLetterDate("2026-11-23", "cy", { weekday: true })).toBe("Dydd Llun 23 Tachwedd 2026");
    expect(formatLetterDate("2027-01-03", "cy", { weekday: true })).toBe("Dydd Sul 3 Ionawr 2027");
  });

  it("refuses a day the month does not have", () => {
    expect(() => formatLetterDate("2026-02-30", "en")).toThrow(LetterDateError);
  });
});

describe("sentences joined once, tidied where they meet (issue 15: 'bedroom., by', 'delay..')", () => {
  it("officer text set inside our sentence loses the stop it was typed with", () => {
    expect(asClause("We will treat the mould.  ")).toBe("We will treat the mould");
    expect(asClause("Call 0300 123 4567;")).toBe("Call 0300 123 4567");
  });

  it("a paragraph's doubled stops, stray spaces and stop-comma pairs are tidied; an ellipsis stays", () => {
    expect(tidyParagraph("We will treat the mould in the bedroom., by 22 January 2026.")).toBe("We will treat the mould in the bedroom, by 22 January 2026.");
    expect(tidyParagraph("We are sorry for the delay..")).toBe("We are sorry for the delay.");
    expect(tidyParagraph("We waited … and then waited...")).toBe("We waited … and then waited...");
    expect(tidyParagraph("Really?.  Yes ,")).toBe("Really? Yes,");
  });

  it("joins only the sentences that have words", () => {
    expect(joinSentences("One.", undefined, "", false, "Two..")).toBe("One. Two.");
  });
});
