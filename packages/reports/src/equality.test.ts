import { councilRepository, equalityRepository, insertBulkCases } from "@complaints/db";
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
  const council = await councilRepository.createCouncil(t.db, {
    slug: "equality-report",
    name: "Equality",
  });
  councilId = council.id;
  await councilRepository.syncOrganisation(t.db, councilId, {
    directorates: [
      { id: "housing", name: "Housing", services: [{ id: "repairs", name: "Repairs" }] },
      { id: "environment", name: "Environment", services: [{ id: "waste", name: "Waste" }] },
    ],
  });
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
