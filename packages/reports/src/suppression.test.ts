import { describe, expect, it } from "vitest";
import {
  EQUALITY_DISCLOSURE,
  monthsOnFrom,
  suppressGroup,
  suppressTable,
} from "./suppression.js";

// Issue 20 finding 3 and decision 0710 (after the ONS statistical disclosure control policy):
// a "<5" beside a known total must never give a count away, in a column, in a row of a
// breakdown, or by the tables together.

/** Whether any line (row or column) of the hidden pattern holds exactly one hidden cell. */
function loneHidden(hidden: boolean[][]): string[] {
  const found: string[] = [];
  hidden.forEach((row, r) => {
    if (row.filter(Boolean).length === 1) found.push(`row ${r}`);
  });
  const width = Math.max(...hidden.map((row) => row.length));
  for (let k = 0; k < width; k++)
    if (hidden.filter((row) => row[k]).length === 1) found.push(`column ${k}`);
  return found;
}

describe("complementary suppression (decision 0710)", () => {
  it("hides the next smallest count when one hidden count could be worked out from the total", () => {
    expect(suppressGroup([20, 7, 3, 0])).toEqual([20, "<5", "<5", 0]);
    expect(suppressGroup([26, 2, 2])).toEqual([26, "<5", "<5"]);
    expect(suppressGroup([26, 9, 8])).toEqual([26, 9, 8]);
  });

  it("hides a zero beside a lone '<5' when no other count is left: the total would give it away", () => {
    // One form: "<5" and zeros would be that person's answer, whatever the label says.
    expect(suppressGroup([1, 0, 0])).toEqual(["<5", "<5", 0]);
  });

  it("protects the rows of a breakdown too: the whole-council count is a row total", () => {
    // Answers (rows) by directorate (columns). Housing's 3 is hidden; the council-wide row total
    // (3 + 17 = 20) is shown on the report without the breakdown, so 17 must go as well, and so
    // on until no row or column holds a lone hidden cell.
    const counts = [
      [3, 17],
      [12, 9],
      [10, 6],
    ];
    const hidden = suppressTable(counts);
    // Row 0: 3 hidden, so its partner 17; column 0 then needs the smaller of 12 and 10, and
    // column 1 the smaller of 9 and 6: the 2×2 pattern that no total can undo.
    expect(hidden).toEqual([
      [true, true],
      [false, false],
      [true, true],
    ]);
    expect(loneHidden(hidden)).toEqual([]);
  });

  it("never leaves a lone hidden cell in any line, whatever the counts", () => {
    let seed = 7;
    const next = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    for (let t = 0; t < 300; t++) {
      const rows = 2 + Math.floor(next() * 8);
      const cols = 1 + Math.floor(next() * 4);
      const counts = Array.from({ length: rows }, () =>
        Array.from({ length: cols }, () => (next() < 0.3 ? 0 : Math.floor(next() * 15))),
      );
      const hidden = suppressTable(counts);
      // Every small count is hidden.
      counts.forEach((row, r) =>
        row.forEach((c, k) => {
          if (c > 0 && c < 5) expect(hidden[r]![k], JSON.stringify(counts)).toBe(true);
        }),
      );
      // A line has a lone hidden cell only when it is a single cell (nothing to hide beside it).
      const lone = loneHidden(hidden).filter((line) =>
        line.startsWith("row") ? cols > 1 : rows > 1,
      );
      expect(lone, JSON.stringify(counts)).toEqual([]);
    }
  });

  it("hides what the caller must hide as well (a measure of complaints that are hidden)", () => {
    const hidden = suppressTable([[6], [9], [12]], { alsoHide: [[false], [true], [false]] });
    expect(hidden.map((r) => r[0])).toEqual([true, true, false]);
  });
});

describe("the minimum period and number of forms (decision 0710)", () => {
  it("is 10 forms, counts under 5 hidden, and three whole months", () => {
    expect(EQUALITY_DISCLOSURE).toEqual({ threshold: 5, minimumForms: 10, minimumMonths: 3 });
  });

  it("ends three months on the day before the same date", () => {
    expect(monthsOnFrom("2025-04-01", 3)).toBe("2025-06-30");
    expect(monthsOnFrom("2025-01-01", 3)).toBe("2025-03-31");
    expect(monthsOnFrom("2025-11-15", 3)).toBe("2026-02-14");
    expect(monthsOnFrom("2025-04-01", 12)).toBe("2026-03-31");
  });
});
