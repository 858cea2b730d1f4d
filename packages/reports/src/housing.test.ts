import { RuleBook, calendarFor, createServicePlugin, defaultProfile } from "@complaints/core";
import { conformanceProfile } from "@complaints/core/testing";
import { pluginReports } from "./plugin-reports.js";
import {
  insertBulkCases,
  syncReportCalendars,
  type BulkCase,
  type BulkStage,
} from "@complaints/db";
import { createTestCouncil, TEST_SEEDED_AT } from "@complaints/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDb, type TestDb } from "../test/db.js";
import {
  codeSelfAssessmentData,
  tenantSatisfactionMeasures,
  tsmTable,
  type TenantSatisfactionMeasures,
} from "./housing.js";
import { SENT_DATE_NOTE } from "./labels.js";
import { regimeTimescales } from "./regime-scope.js";

/**
 * The housing regime's cases, judged by the Code's own timescales as the resolved rules give
 * them (5 working days to acknowledge; 10 to answer at Stage 1 and 20 at Stage 2, extendable by
 * as many): core's default regime carries the 2024 codes' values, which the housing plugin keeps.
 */
const CODE_SCOPE = {
  regimeIds: ["housing-ombudsman-code-2024"],
  caseKinds: ["complaint"],
  timescales: regimeTimescales(new RuleBook(defaultProfile, []).rulesFor("waste", "complaint")),
};

// docs/rules.md §6, Tenant Satisfaction Measures: CH01 = Stage 1 (and Stage 2) complaints received in
// the year ÷ homes × 1,000; CH02 = % of Stage 1 (Stage 2) responses sent in the year within the
// Complaint Handling Code's timescales: 10 working days from the acknowledgement (Stage 2: 20),
// or within an extension the Code allows (at most +10 / +20 with the Ombudsman's details).
// Every date below was counted by hand on the England and Wales calendar (docs/rules.md §7 table).
const HOUSING = "housing-ombudsman-code-2024";
const YEAR = { from: "2025-04-01", to: "2026-03-31" };

function stage(s: Partial<BulkStage> & { requestedOn: string }): BulkStage {
  return { stageId: "stage-1", respondDue: s.requestedOn, ...s };
}
const complaint = (tenure: string, stages: BulkStage[], regimeId = HOUSING): BulkCase => ({
  serviceCode: "repairs",
  regimeId,
  receivedOn: stages[0]!.requestedOn,
  intake: { tenure },
  stages,
});

const CASES: Record<string, BulkCase> = {
  // Received Mon 2 Jun 2025, acknowledged Wed 4 Jun: 10 WD → Wed 18 Jun. Answered that day: in time.
  onTheDay: complaint("low-cost-rental", [
    stage({ requestedOn: "2025-06-02", acknowledgedOn: "2025-06-04", respondedOn: "2025-06-18" }),
  ]),
  // The same, answered Thu 19 Jun: one working day late.
  late: complaint("low-cost-rental", [
    stage({ requestedOn: "2025-06-02", acknowledgedOn: "2025-06-04", respondedOn: "2025-06-19" }),
  ]),
  // Acknowledged Tue 20 May: 10 WD skipping Mon 26 May (bank holiday) → Wed 4 Jun; extended by 10
  // with the Ombudsman's details → Wed 18 Jun. Answered Mon 16 Jun: in time, thanks to the extension.
  extended: complaint("low-cost-home-ownership", [
    stage({
      requestedOn: "2025-05-19",
      acknowledgedOn: "2025-05-20",
      respondedOn: "2025-06-16",
      extensions: [{ workingDays: 10, ombudsmanDetailsGiven: true, customerToldOn: "2025-06-02" }],
    }),
  ]),
  // The same extension without the Ombudsman's details is not a proper one: judged against Wed 4 Jun, late.
  extendedNoDetails: complaint("low-cost-rental", [
    stage({
      requestedOn: "2025-05-19",
      acknowledgedOn: "2025-05-20",
      respondedOn: "2025-06-16",
      extensions: [{ workingDays: 10, ombudsmanDetailsGiven: false, customerToldOn: "2025-06-02" }],
    }),
  ]),
  // 15 working days added (more than the Code allows): counted up to +10 → Wed 18 Jun; answered Fri 20 Jun, late.
  extendedTooLong: complaint("low-cost-rental", [
    stage({
      requestedOn: "2025-05-19",
      acknowledgedOn: "2025-05-20",
      respondedOn: "2025-06-20",
      extensions: [{ workingDays: 15, ombudsmanDetailsGiven: true, customerToldOn: "2025-06-02" }],
    }),
  ]),
  // Never acknowledged: the clock starts when the acknowledgement was due, 5 WD after Mon 2 Jun =
  // Mon 9 Jun; +10 → Mon 23 Jun. Answered that day: in time.
  notAcknowledged: complaint("low-cost-rental", [
    stage({ requestedOn: "2025-06-02", respondedOn: "2025-06-23" }),
  ]),
  // Stage 1 in November (received Mon 3 Nov, acknowledged Wed 5 Nov → due Wed 19 Nov, answered
  // Thu 13 Nov); escalated Mon 1 Dec, acknowledged Wed 3 Dec: 20 WD skipping 25, 26 Dec and 1 Jan
  // → Mon 5 Jan 2026. Stage 2 answered Mon 5 Jan: in time.
  stageTwoInTime: complaint("low-cost-rental", [
    stage({ requestedOn: "2025-11-03", acknowledgedOn: "2025-11-05", respondedOn: "2025-11-13" }),
    stage({
      stageId: "stage-2",
      requestedOn: "2025-12-01",
      acknowledgedOn: "2025-12-03",
      respondedOn: "2026-01-05",
    }),
  ]),
  // The same, Stage 2 answered Tue 6 Jan 2026: late.
  stageTwoLate: complaint("low-cost-rental", [
    stage({ requestedOn: "2025-11-03", acknowledgedOn: "2025-11-05", respondedOn: "2025-11-13" }),
    stage({
      stageId: "stage-2",
      requestedOn: "2025-12-01",
      acknowledgedOn: "2025-12-03",
      respondedOn: "2026-01-06",
    }),
  ]),
  // Received Mon 16 Mar 2026 and not answered by 31 March: counts for CH01, not for CH02.
  open: complaint("low-cost-rental", [stage({ requestedOn: "2026-03-16" })]),
  // Not counted at all: a complaint under another regime, and one from the year before.
  otherRegime: complaint(
    "low-cost-rental",
    [stage({ requestedOn: "2025-06-02", acknowledgedOn: "2025-06-03", respondedOn: "2025-06-10" })],
    "complaint-handling-code-2024",
  ),
  lastYear: complaint("low-cost-rental", [
    stage({ requestedOn: "2025-03-10", acknowledgedOn: "2025-03-11", respondedOn: "2025-03-31" }),
  ]),
};

let t: TestDb;
let councilId: string;
let tsm: TenantSatisfactionMeasures;

beforeAll(async () => {
  t = await openTestDb();
  const { council } = await createTestCouncil(t.db, { slug: "tsm",
    name: "Landlord Council", profile: { homes: 2500, directorates: [
      { id: "housing", name: "Housing", services: [{ id: "repairs", name: "Repairs" }] },
    ],
  } });
  councilId = council.id;
  await syncReportCalendars(t.db, councilId, {
    default: calendarFor({ nations: ["england-and-wales"] }),
  }, TEST_SEEDED_AT);
  await insertBulkCases(t.db, councilId, Object.values(CASES));
  tsm = await tenantSatisfactionMeasures(t.db, { ...CODE_SCOPE, councilId, year: YEAR });
});
afterAll(() => t?.close());

describe("Tenant Satisfaction Measures (docs/rules.md §6)", () => {
  it("CH01: complaints received per 1,000 homes, an escalated complaint counting at both stages", () => {
    expect(tsm.homes).toBe(2500);
    // Stage 1: nine received in the year (the open one included); 9 / 2,500 × 1,000 = 3.6.
    expect(tsm.ch01.stage1).toMatchObject({ received: 9, perThousandHomes: 3.6 });
    // Stage 2: two; 2 / 2,500 × 1,000 = 0.8.
    expect(tsm.ch01.stage2).toMatchObject({ received: 2, perThousandHomes: 0.8 });
    expect(tsm.ch01.stage1.byTenure).toEqual([
      { tenure: "low-cost-home-ownership", received: 1 },
      { tenure: "low-cost-rental", received: 8 },
    ]);
  });

  it("CH02 Stage 1: in time on the last day, with a proper extension and without an acknowledgement; late by a day, with an improper or over-long extension", () => {
    // Responses in the year: onTheDay, late, extended, extendedNoDetails, extendedTooLong,
    // notAcknowledged and the two Stage 1 responses of the escalated complaints = 8; in time 5.
    expect(tsm.ch02.stage1).toMatchObject({
      responses: 8,
      inTime: 5,
      inTimeByExtension: 1,
      extended: 3,
      improperExtensions: 2,
      unmeasured: 0,
      percent: 62.5,
    });
  });

  it("CH02 Stage 2: 20 working days from the escalation acknowledgement, over Christmas and New Year", () => {
    expect(tsm.ch02.stage2).toMatchObject({ responses: 2, inTime: 1, percent: 50 });
  });

  it("a plugin's declared CH01 and CH02 (its `addReport` measures), computed by the reports package, give the same figures (decision 0711)", async () => {
    // The housing plugin's definitions (plugins/housing/src/reports.ts), on a regime with its id.
    const landlord = createServicePlugin({
      id: "landlord",
      name: "Landlord",
      version: "1.0.0",
      register(r) {
        r.claimService();
        r.setRegimeIdentity({ id: "housing-ombudsman-code-2024", label: "Housing Ombudsman Code", family: "housing" });
        r.addReport({
          id: "landlord.tsm",
          title: "TSM",
          source: "Regulator of Social Housing, TSM technical requirements",
          measures: [
            { id: "CH01-1", label: "Stage 1 per 1,000 homes", definition: "…", compute: { kind: "count", dated: "requested", where: { stageIds: ["stage-1"] }, per: { profileField: "homes", multiplier: 1000 } } },
            { id: "CH02-1", label: "Stage 1 in time (%)", definition: "…", compute: { kind: "share", dated: "responded", of: { stageIds: ["stage-1"] }, where: { answeredInTime: true } } },
            { id: "CH02-2", label: "Stage 2 in time (%)", definition: "…", compute: { kind: "share", dated: "responded", of: { stageIds: ["stage-2"] }, where: { answeredInTime: true } } },
            { id: "described", label: "Described only", definition: "no compute: listed by the plugin, not worked out" },
          ],
        });
      },
    });
    const book = new RuleBook({ ...conformanceProfile(["landlord"], "repairs"), homes: 2500 }, [landlord]);
    const [report] = await pluginReports(t.db, { councilId, period: YEAR, book });
    expect(report!.measures.map((m) => [m.id, m.value, m.basis])).toEqual([
      ["CH01-1", tsm.ch01.stage1.perThousandHomes, "9 per 2,500 homes"],
      ["CH02-1", tsm.ch02.stage1.percent, "5 of 8"],
      ["CH02-2", tsm.ch02.stage2.percent, "1 of 2"],
    ]);
  });

  it("the table states each measure with its numerator and denominator", () => {
    const table = tsmTable(tsm);
    expect(table.rows.map((r) => [r.measure, r.value, r.numerator, r.denominator])).toEqual([
      ["CH01 (1)", 3.6, 9, 2500],
      ["CH01 (2)", 0.8, 2, 2500],
      ["CH02 (1)", 62.5, 5, 8],
      ["CH02 (2)", 50, 1, 2],
    ]);
  });

  it("without a calendar for the council, responses cannot be judged and the report says so", async () => {
    const { council: other } = await createTestCouncil(t.db, { slug: "tsm-no-calendar",
      name: "No calendar", profile: { directorates: [
        { id: "housing", name: "Housing", services: [{ id: "repairs", name: "Repairs" }] },
      ],
    } });
    await insertBulkCases(t.db, other.id, [CASES.onTheDay!]);
    const unjudged = await tenantSatisfactionMeasures(t.db, { ...CODE_SCOPE, councilId: other.id, year: YEAR });
    expect(unjudged.ch02.stage1).toMatchObject({
      responses: 1,
      inTime: 0,
      unmeasured: 1,
      percent: null,
    });
    expect(unjudged.ch01.stage1.perThousandHomes).toBeNull();
    expect(unjudged.notes.join(" ")).toMatch(/could not be judged/);
    expect(unjudged.notes.join(" ")).toMatch(/number of homes/);
  });
});

describe("Housing Ombudsman Code self-assessment data (Code section 8)", () => {
  it("acknowledgements within 5 working days, extensions used, and the CH measures", async () => {
    const data = await codeSelfAssessmentData(t.db, { ...CODE_SCOPE, councilId, year: YEAR });
    // Stage 1 requested in the year: 9. Acknowledged within 5 WD: 7; notAcknowledged and the open
    // complaint are past their acknowledgement date without one.
    expect(data.acknowledgements).toEqual([
      { stageId: "stage-1", measured: 9, inTime: 7, percent: 77.8 },
      { stageId: "stage-2", measured: 2, inTime: 2, percent: 100 },
    ]);
    expect(data.extensions.find((e) => e.stageId === "stage-1")).toEqual({
      stageId: "stage-1",
      responses: 8,
      extended: 3,
      workingDaysAdded: 35,
      withOmbudsmanDetails: 2,
    });
    expect(data.tsm.ch02.stage1.percent).toBe(62.5);
  });
});

// Decision 0322: the Code asks for a response to be issued within 10 WD of the acknowledgement
// (6.3) and an acknowledgement within 5 WD of receipt (6.2); CH02 counts responses sent (S22).
// A step recorded in time but sent late is late; one not sent yet is not a response sent.
describe("CH02 and the acknowledgements count the date the resident was sent the letter (decision 0322)", () => {
  let sentTsm: TenantSatisfactionMeasures;
  let sentCouncilId: string;
  beforeAll(async () => {
    const { council } = await createTestCouncil(t.db, { slug: "tsm-sent", name: "Sending Council", profile: { homes: 1000, directorates: [{ id: "housing", name: "Housing", services: [{ id: "repairs", name: "Repairs" }] }] } });
    sentCouncilId = council.id;
    await syncReportCalendars(t.db, sentCouncilId, { default: calendarFor({ nations: ["england-and-wales"] }) }, TEST_SEEDED_AT);
    await insertBulkCases(t.db, sentCouncilId, [
      // Received Mon 2 Jun 2025, acknowledged and sent Wed 4 Jun: due Wed 18 Jun. Written on the
      // 18th, emailed on the 18th: in time.
      complaint("low-cost-rental", [stage({ requestedOn: "2025-06-02", acknowledgedOn: "2025-06-04", acknowledgementSentOn: "2025-06-04", respondedOn: "2025-06-18", responseSentOn: "2025-06-18" })]),
      // Written on the 18th, posted on Thu 19 Jun: late.
      complaint("low-cost-rental", [stage({ requestedOn: "2025-06-02", acknowledgedOn: "2025-06-04", acknowledgementSentOn: "2025-06-04", respondedOn: "2025-06-18", responseSentOn: "2025-06-19" })]),
      // Written on the 18th and never sent: not a response sent in the year. Its acknowledgement,
      // made Wed 4 Jun (due Mon 9 Jun), was posted Tue 10 Jun: late.
      complaint("low-cost-rental", [stage({ requestedOn: "2025-06-02", acknowledgedOn: "2025-06-04", acknowledgementSentOn: "2025-06-10", respondedOn: "2025-06-18", responseSentOn: null })]),
    ]);
    sentTsm = await tenantSatisfactionMeasures(t.db, { ...CODE_SCOPE, councilId: sentCouncilId, year: YEAR });
  });

  it("a response written in time but sent late is late, and one not sent is not counted", () => {
    expect(sentTsm.ch02.stage1).toMatchObject({ responses: 2, inTime: 1, percent: 50 });
    expect(sentTsm.notes).toContain(SENT_DATE_NOTE);
    expect(SENT_DATE_NOTE).toMatch(/^Measured from the date the response was sent to the resident/);
  });

  it("an acknowledgement made in time but sent after its 5 working days is late", async () => {
    const data = await codeSelfAssessmentData(t.db, { ...CODE_SCOPE, councilId: sentCouncilId, year: YEAR });
    expect(data.acknowledgements.find((a) => a.stageId === "stage-1")).toEqual({ stageId: "stage-1", measured: 3, inTime: 2, percent: 66.7 });
  });
});
