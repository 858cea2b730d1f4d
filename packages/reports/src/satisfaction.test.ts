import { ReportInputError, satisfactionRepository } from "@complaints/db";
import { createTestCouncil } from "@complaints/db/testing";
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDb, type TestDb } from "../test/db.js";
import { satisfactionReport, satisfactionTables } from "./satisfaction.js";

// Issue 15 ("Satisfaction"), decision 0516: survey answers by service and stage with the Tenant
// Satisfaction Measures' percentage (very or fairly satisfied, of those who answered), under the
// equality report's disclosure rules (decision 0710): three months at least, nothing for fewer
// than 10 surveys, small groups pooled, counts of 1 to 4 as "<5" and never a lone hidden cell.

let t: TestDb;
let councilId: string;
let services: Map<string, string>;
const PERIOD = { from: "2026-01-01", to: "2026-03-31" };
let n = 0;

/** One resident's answers, through the invitation they were sent, as the public page stores them. */
async function answered(service: string, stageId: string, closedOn: string, answers: Parameters<typeof satisfactionRepository.answer>[1]["answers"]) {
  const tokenHash = createHash("sha256").update(`token-${++n}`).digest("hex");
  await satisfactionRepository.invite(t.db, { tokenHash, councilId, serviceId: services.get(service)!, directorateId: null, stageId, stageLabel: stageId === "stage-1" ? "Stage 1" : "Stage 2", closedOn, expiresOn: "2026-12-31" });
  expect(await satisfactionRepository.answer(t.db, { councilId, tokenHash, today: "2026-04-01", answers })).toBe(true);
}

beforeAll(async () => {
  t = await openTestDb();
  const created = await createTestCouncil(t.db, {
    slug: "satisfaction-report",
    name: "Satisfaction",
    profile: { directorates: [{ id: "housing", name: "Housing", services: [{ id: "repairs", name: "Repairs" }] }, { id: "environment", name: "Environment", services: [{ id: "waste", name: "Waste" }] }] },
  });
  councilId = created.council.id;
  services = created.ids.services;
});
afterAll(() => t?.close());

describe("the satisfaction report", () => {
  it("refuses a period shorter than three months, saying which end date to choose", async () => {
    await expect(satisfactionReport(t.db, { councilId, period: { from: "2026-01-01", to: "2026-02-28" } })).rejects.toThrow(ReportInputError);
    await expect(satisfactionReport(t.db, { councilId, period: { from: "2026-01-01", to: "2026-02-28" } })).rejects.toThrow(/from 2026-01-01 to 2026-03-31 or later/);
  });

  it("shows nothing, and says why, for fewer than 10 surveys", async () => {
    for (let i = 0; i < 9; i++) await answered("repairs", "stage-1", "2026-01-15", { handling: "very-satisfied" });
    const report = await satisfactionReport(t.db, { councilId, period: PERIOD });
    expect(report.responses).toBeNull();
    expect(report.groups).toEqual([]);
    expect(report.withheld).toMatch(/^Fewer than 10 people answered/);
  });

  it("gives the TSM percentage by service and stage once there are enough, pooling the small groups and hiding small counts", async () => {
    // Repairs Stage 1: 12 surveys (9 above and 3 more): 10 very or fairly satisfied with the handling, 2 very dissatisfied.
    await answered("repairs", "stage-1", "2026-02-03", { handling: "fairly-satisfied", "kept-informed": "neither" });
    await answered("repairs", "stage-1", "2026-03-30", { handling: "very-dissatisfied", "ease-of-complaining": "very-satisfied" });
    await answered("repairs", "stage-1", "2026-03-31", { handling: "very-dissatisfied" });
    // Waste: 10 surveys, 6 at Stage 1 and 4 at Stage 2; 5 of the 10 satisfied.
    for (let i = 0; i < 10; i++) await answered("waste", i < 6 ? "stage-1" : "stage-2", "2026-02-10", { handling: i < 5 ? "fairly-satisfied" : "neither" });
    // Closed in April: outside the period.
    await answered("waste", "stage-1", "2026-04-01", { handling: "very-dissatisfied" });

    const report = await satisfactionReport(t.db, { councilId, period: PERIOD });
    expect(report.withheld).toBeNull();
    expect(report.responses).toBe(22);
    // The two waste groups are short of 10 apart, so they are counted together as "Other".
    expect(report.groups.map((g) => [g.group, g.responses, g.satisfied.handling])).toEqual([
      // Both groups' rows hide a count (a "<5"), so their percentages would give it away.
      ["Repairs: Stage 1", 12, null],
      ["Other services and stages", 10, null],
      ["All services and stages", 22, 68], // 15 of 22: the columns' totals
    ]);
    // 1 fairly satisfied in repairs is hidden; so is what would give it away in its column (Other's 5)
    // and in Other's row (the very dissatisfied 0), and so the repairs 2 very dissatisfied alongside.
    const handling = report.questions.find((q) => q.question === "handling")!;
    expect(handling.rows.map((r) => [r.group, r.counts["very-satisfied"], r.counts["fairly-satisfied"], r.counts["very-dissatisfied"], r.counts.neither])).toEqual([
      ["Repairs: Stage 1", 9, "<5", "<5", 0],
      ["Other services and stages", 0, "<5", "<5", 5],
    ]);
    // No line of any table holds exactly one hidden cell.
    for (const q of report.questions) {
      for (const r of q.rows) expect(Object.values(r.counts).filter((c) => c === "<5").length).not.toBe(1);
    }
    const tables = satisfactionTables(report);
    expect(tables[0]!.columns.map((c) => c.label)).toEqual(["Service and stage", "Surveys answered", "How we handled the complaint (% satisfied)", "Kept informed (% satisfied)", "The response was clear (% satisfied)", "Ease of making the complaint (% satisfied)"]);
    expect(tables).toHaveLength(5);
  });
});
