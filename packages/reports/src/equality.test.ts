import {
  equalityRepository,
  insertBulkCases,
  ReportInputError,
} from "@complaints/db";
import { createTestCouncil } from "@complaints/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDb, type TestDb } from "../test/db.js";
import {
  EqualityFormError,
  equalityReport,
  equalityTables,
  recordEqualityMonitoring,
  type EqualityReport,
} from "./equality.js";

// Leeds policy para 31 (services analyse the race, disability, gender, sexual orientation,
// religion, belief and age of customers and the nature of their complaints), para 32 (a breakdown
// of discrimination and harassment complaints by those groups) and para 81 (management teams
// monitor number and nature by group); issue 7: optional, consented, apart from the case, and
// reported only in aggregate with fewer than 5 shown as "<5".

let t: TestDb;
let councilId: string;
let report: EqualityReport;
const PERIOD = { from: "2025-04-01", to: "2026-03-31" };

beforeAll(async () => {
  t = await openTestDb();
  const { council } = await createTestCouncil(t.db, { slug: "equality-report",
    name: "Equality", profile: {
    directorates: [
      { id: "housing", name: "Housing", services: [{ id: "repairs", name: "Repairs" }] },
      { id: "environment", name: "Environment", services: [{ id: "waste", name: "Waste" }] },
    ],
  } });
  councilId = council.id;
  // 40 complaints; 30 customers returned the form. Ethnic group: 20 White, 7 Asian, 3 Black.
  const { ids } = await insertBulkCases(
    t.db,
    councilId,
    Array.from({ length: 40 }, (_, i) => ({
      serviceCode: i % 2 ? "repairs" : "waste",
      regimeId: "complaint-handling-code-2024",
      receivedOn: `2025-0${5 + (i % 4)}-1${i % 10}`,
      stages: [
        {
          stageId: "stage-1",
          requestedOn: `2025-0${5 + (i % 4)}-1${i % 10}`,
          respondDue: "2025-10-01",
          respondedOn: "2025-09-30",
          outcome: i % 4 === 0 ? ("upheld" as const) : ("not-upheld" as const),
        },
      ],
    })),
  );
  const ethnicity = (i: number) =>
    i < 20
      ? "white"
      : i < 27
        ? "asian-or-asian-british"
        : "black-black-british-caribbean-or-african";
  const sex = (i: number) => (i < 2 ? "female" : i < 4 ? "prefer-not-to-say" : "male");
  for (let i = 0; i < 30; i++) {
    await recordEqualityMonitoring(t.db, {
      caseId: ids[i]!,
      consentGivenOn: "2025-06-01",
      collectedOn: "2025-06-01",
      collectedBy: "customer",
      answers: { ethnicity: ethnicity(i), sex: sex(i), age_band: i % 2 ? "35-44" : "65-74" },
    });
  }
  report = await equalityReport(t.db, { councilId, period: PERIOD });
});
afterAll(() => t?.close());

const rowsOf = (characteristic: string) =>
  report.characteristics.find((c) => c.characteristic === characteristic)!.rows;

describe("equality monitoring report (Leeds policy 31–32, 81)", () => {
  it("counts the forms returned against the complaints received", () => {
    expect(report).toMatchObject({ complaints: 40, forms: 30, responseRate: 75 });
  });

  it("shows a group of 3 as '<5', and hides the next smallest so it cannot be worked out from the total", () => {
    const rows = rowsOf("ethnicity");
    const shown = Object.fromEntries(rows.map((r) => [r.value, r.complaints]));
    expect(shown).toEqual({
      "asian-or-asian-british": "<5",
      "black-black-british-caribbean-or-african": "<5",
      "mixed-or-multiple": 0,
      white: 20,
      "other-ethnic-group": 0,
      "prefer-not-to-say": 0,
      "not-answered": 0,
    });
    // Upheld and discrimination counts of a hidden group are hidden too.
    const black = rows.find((r) => r.value === "black-black-british-caribbean-or-african")!;
    expect([black.wellFounded, black.discrimination]).toEqual(["<5", "<5"]);
  });

  it("never lets a small count through, in any characteristic or breakdown", async () => {
    const byDirectorate = await equalityReport(t.db, {
      councilId,
      period: PERIOD,
      by: "directorate",
    });
    for (const r of [report, byDirectorate]) {
      for (const c of r.characteristics) {
        for (const row of c.rows) {
          for (const value of [row.complaints, row.wellFounded, row.discrimination]) {
            expect(
              value === "<5" || value === 0 || (typeof value === "number" && value >= 5),
              `${c.characteristic} ${row.value} ${row.group}`,
            ).toBe(true);
          }
        }
      }
    }
    expect(rowsOf("sex").map((r) => [r.value, r.complaints])).toEqual([
      ["female", "<5"],
      ["male", 26],
      ["prefer-not-to-say", "<5"],
      ["not-answered", 0],
    ]);
    expect(new Set(byDirectorate.characteristics[0]!.rows.map((r) => r.group))).toEqual(
      new Set(["Housing", "Environment"]),
    );
  });

  it("tables carry only the suppressed figures", () => {
    const csvish = JSON.stringify(equalityTables(report));
    expect(csvish).toContain('"complaints":"<5"');
    expect(csvish).not.toMatch(/"complaints":[1-4][,}]/);
  });

  it("takes answers only from the form's lists, and only with consent", async () => {
    const { ids } = await insertBulkCases(t.db, councilId, [
      {
        serviceCode: "waste",
        regimeId: "complaint-handling-code-2024",
        receivedOn: "2025-06-02",
        stages: [],
      },
    ]);
    await expect(
      recordEqualityMonitoring(t.db, {
        caseId: ids[0]!,
        consentGivenOn: "2025-06-02",
        collectedOn: "2025-06-02",
        collectedBy: "customer",
        answers: { ethnicity: "martian" },
      }),
    ).rejects.toThrow(EqualityFormError);
    await expect(
      recordEqualityMonitoring(t.db, {
        caseId: ids[0]!,
        consentGivenOn: "",
        collectedOn: "2025-06-02",
        collectedBy: "customer",
        answers: {},
      }),
    ).rejects.toThrow(/consent/);
    expect(await equalityRepository.hasForm(t.db, ids[0]!)).toBe(false);
  });
});

/** A council with `forms[d]` forms in directorate d, every case received in May 2025. */
async function councilWithForms(slug: string, forms: number[]): Promise<string> {
  const { council } = await createTestCouncil(t.db, { slug, name: slug, profile: {
    directorates: forms.map((_, d) => ({
      id: `d${d}`,
      name: `Directorate ${d}`,
      services: [{ id: `s${d}`, name: `Service ${d}` }],
    })),
  } });
  for (const [d, n] of forms.entries()) {
    if (n === 0) continue;
    const { ids } = await insertBulkCases(
      t.db,
      council.id,
      Array.from({ length: n }, (_, i) => ({
        serviceCode: `s${d}`,
        regimeId: "complaint-handling-code-2024",
        receivedOn: `2025-05-${String(1 + (i % 28)).padStart(2, "0")}`,
        stages: [],
      })),
    );
    for (const [i, caseId] of ids.entries())
      await recordEqualityMonitoring(t.db, {
        caseId,
        consentGivenOn: "2025-06-01",
        collectedOn: "2025-06-01",
        collectedBy: "customer",
        answers: {
          sex: i % 3 ? "female" : "male",
          religion_or_belief: i === 0 ? "muslim" : "no-religion",
          pregnancy_or_maternity: i === 0 ? "yes" : "no",
        },
      });
  }
  return council.id;
}

/** Lines (a column of one group, or an answer's row across groups) holding exactly one "<5". */
function loneHiddenCells(r: EqualityReport): string[] {
  const found: string[] = [];
  // A row is a line only with two groups or more (one group's row is the cell itself).
  const groups = new Set(r.characteristics.flatMap((c) => c.rows.map((row) => row.group)));
  for (const c of r.characteristics)
    for (const measure of ["complaints", "wellFounded", "discrimination"] as const) {
      const lines = new Map<string, number>();
      for (const row of c.rows) {
        const hidden = row[measure] === "<5" ? 1 : 0;
        for (const line of [`column ${row.group}`, `row ${row.value}`])
          lines.set(line, (lines.get(line) ?? 0) + hidden);
      }
      for (const [line, n] of lines)
        if (n === 1 && (line.startsWith("column") || groups.size > 1))
          found.push(`${c.characteristic} ${measure} ${line}`);
    }
  return found;
}

describe("disclosure control: the report cannot pick a person out (issue 20 finding 3; decision 0710)", () => {
  it("shows no table for a period with one form: one '<5' and zeros would be that resident's answers", async () => {
    const one = await councilWithForms("equality-one-form", [1]);
    const r = await equalityReport(t.db, {
      councilId: one,
      period: { from: "2025-05-01", to: "2025-07-31" },
    });
    expect(r.characteristics).toEqual([]);
    expect(r.forms).toBeNull();
    expect(r.withheld).toMatch(/Fewer than 10 people returned the equality monitoring form/);
    expect(equalityTables(r)).toEqual([]);
    expect(JSON.stringify(r)).not.toMatch(/muslim|pregnan/i);
  });

  it("shows no table for 9 forms, and tables from 10", async () => {
    const nine = await councilWithForms("equality-nine-forms", [9]);
    const ten = await councilWithForms("equality-ten-forms", [10]);
    const period = { from: "2025-05-01", to: "2025-07-31" };
    expect((await equalityReport(t.db, { councilId: nine, period })).withheld).not.toBeNull();
    const shown = await equalityReport(t.db, { councilId: ten, period });
    expect(shown).toMatchObject({ forms: 10, withheld: null });
    // The one Muslim and the one pregnant resident are hidden with a partner, not by a lone "<5".
    const religion = shown.characteristics.find((c) => c.characteristic === "religion_or_belief")!;
    expect(religion.rows.find((row) => row.value === "muslim")!.complaints).toBe("<5");
    expect(religion.rows.find((row) => row.value === "no-religion")!.complaints).toBe("<5");
    expect(loneHiddenCells(shown)).toEqual([]);
  });

  it("refuses a period shorter than three months, saying which to choose", async () => {
    const refused = equalityReport(t.db, { councilId, period: { from: "2025-06-10", to: "2025-06-10" } });
    await expect(refused).rejects.toThrow(ReportInputError);
    await expect(refused).rejects.toThrow(/at least 3 months.*from 2025-06-10 to 2025-09-09 or later/);
    await expect(
      equalityReport(t.db, { councilId, period: { from: "2025-06-10", to: "2025-09-09" } }),
    ).resolves.toMatchObject({ period: { from: "2025-06-10", to: "2025-09-09" } });
  });

  it("pools the directorates with fewer than 10 forms, so no group is one or two people", async () => {
    const id = await councilWithForms("equality-pooled", [14, 12, 3]);
    const r = await equalityReport(t.db, {
      councilId: id,
      period: { from: "2025-05-01", to: "2025-07-31" },
      by: "directorate",
    });
    const sex = r.characteristics.find((c) => c.characteristic === "sex")!;
    // Directorate 2's 3 forms are not enough on their own, so the next smallest (12) joins them.
    expect(new Set(sex.rows.map((row) => row.group))).toEqual(
      new Set(["Directorate 0", "Other directorates"]),
    );
    expect(loneHiddenCells(r)).toEqual([]);
  });

  it("leaves no column, and no row of a breakdown, with a lone '<5' in any table or measure", async () => {
    for (const by of [null, "directorate", "category"] as const) {
      const r = await equalityReport(t.db, { councilId, period: PERIOD, by });
      expect(loneHiddenCells(r), `by ${by}`).toEqual([]);
    }
  });
});
