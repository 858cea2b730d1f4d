import { calendarFor } from "@complaints/core";
import {
  organisationRepository,
  insertBulkCases,
  learningRepository,
  syncReportCalendars,
  type BulkCase,
  type BulkStage,
} from "@complaints/db";
import { createTestCouncil, TEST_SEEDED_AT } from "@complaints/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDb, type TestDb } from "../test/db.js";
import { annualReport, type AnnualReport } from "./annual-report.js";
import { annualReportTables, toCsv } from "./annual-tables.js";
import { csvField } from "./csv.js";
import {
  chartTable,
  inTimeByDirectorateChart,
  monthlyTrendChart,
  renderChartSvg,
} from "./charts.js";
import { lessonsLearnedReport, socialCareAnnualReport } from "./learning.js";

// The figure families around Lewisham's table (issue 7): escalation rate and reasons (Southwark's
// key measures), outcomes and working days to respond per stage, extensions, refused complaints
// by reason (docs/rules.md §8: "Refused complaints with reasons, for the annual report"), Ombudsman and
// ICO figures (Lewisham §7), learning (Lewisham 5.5–5.10) and the statutory social care figures
// (SI 2009/309 reg 18). Working days are counted by hand on the England and Wales calendar.
const PERIOD = { from: "2025-04-01", to: "2026-03-31" };
const CODE = "complaint-handling-code-2024";

const s1 = (requestedOn: string, respondDue: string, more: Partial<BulkStage> = {}): BulkStage => ({
  stageId: "stage-1",
  requestedOn,
  respondDue,
  ...more,
});
const housing = (stages: BulkStage[], more: Partial<BulkCase> = {}): BulkCase => ({
  serviceCode: "repairs",
  regimeId: CODE,
  receivedOn: stages[0]?.requestedOn ?? "2025-05-01",
  stages,
  ...more,
});

let t: TestDb;
let councilId: string;
let report: AnnualReport;
let caseIds: string[];

beforeAll(async () => {
  t = await openTestDb();
  const { council } = await createTestCouncil(t.db, { slug: "families",
    name: "Families Council", profile: {
    directorates: [
      { id: "housing", name: "Housing", services: [{ id: "repairs", name: "Repairs" }] },
      {
        id: "adults",
        name: "Adults",
        services: [{ id: "adult-social-care", name: "Adult social care" }],
      },
    ],
  } });
  councilId = council.id;
  await syncReportCalendars(t.db, councilId, {
    default: calendarFor({ nations: ["england-and-wales"] }),
  }, TEST_SEEDED_AT);
  const cases: BulkCase[] = [
    // Mon 2 Jun 2025 → Mon 16 Jun: 10 working days; upheld with £80 paid; escalated, reason as typed.
    housing([
      s1("2025-06-02", "2025-06-16", {
        respondedOn: "2025-06-16",
        outcome: "upheld",
        remedies: [{ id: "p", type: "financial", amountPence: 8000, completedOn: "2025-06-30" }],
      }),
      {
        stageId: "stage-2",
        requestedOn: "2025-06-23",
        respondDue: "2025-07-21",
        respondedOn: "2025-07-18",
        outcome: "not-upheld",
        requestReason: "Still waiting for the repair",
      },
    ]),
    // Tue 1 Jul → Fri 11 Jul: 8 working days; escalated with the same reason in other words' case.
    housing([
      s1("2025-07-01", "2025-07-15", {
        respondedOn: "2025-07-11",
        outcome: "partly-upheld",
        extensions: [{ workingDays: 5 }],
      }),
      {
        stageId: "stage-2",
        requestedOn: "2025-07-20",
        respondDue: "2025-08-18",
        requestReason: "  still waiting for the REPAIR ",
      },
    ]),
    // Thu 21 Aug → Fri 29 Aug, skipping Mon 25 Aug (bank holiday): 5 working days; late against 27 Aug.
    housing([
      s1("2025-08-21", "2025-08-27", { respondedOn: "2025-08-29", outcome: "not-upheld" }),
      {
        stageId: "stage-2",
        requestedOn: "2025-09-10",
        respondDue: "2025-10-08",
        requestReason: "Unhappy with the outcome",
      },
    ]),
    // Not taken on: two excluded (legal proceedings), one refused as out of time, one accepted out of time.
    housing([], {
      receivedOn: "2025-05-01",
      triage: { outcome: "excluded", reason: "legal-proceedings", route: "County court" },
      closure: { on: "2025-05-02", reason: "excluded" },
    }),
    housing([], {
      receivedOn: "2025-05-02",
      triage: { outcome: "excluded", reason: "legal-proceedings", route: "County court" },
      closure: { on: "2025-05-03", reason: "excluded" },
    }),
    housing([], {
      receivedOn: "2025-05-03",
      triage: { outcome: "out-of-time", decision: "refuse", reasons: "Events of 2022" },
      closure: { on: "2025-05-04", reason: "out-of-time" },
    }),
    housing([s1("2025-05-05", "2025-05-19")], {
      triage: {
        outcome: "out-of-time",
        decision: "accept-with-discretion",
        reasons: "Health reasons",
      },
    }),
    housing([], {
      receivedOn: "2024-06-01",
      triage: { outcome: "not-a-complaint", agreedWithCustomer: true, note: "Repair request" },
      closure: { on: "2024-06-01", reason: "not-a-complaint" },
    }),
    // Ombudsman: LGSCO enquiry answered in time, fault causing injustice, two remedies (one late), satisfied.
    housing(
      [s1("2024-11-01", "2024-11-15", { respondedOn: "2024-11-14", outcome: "not-upheld" })],
      {
        ombudsman: [
          {
            id: "lgo-1",
            body: "lgsco",
            reference: "24 001 234",
            receivedOn: "2025-09-01",
            responseDueOn: "2025-09-29",
            respondedOn: "2025-09-20",
            decision: { on: "2025-12-01", finding: "fault-injustice", injustice: true },
            remedies: [
              {
                id: "pay",
                description: "Pay £250",
                dueOn: "2026-01-15",
                amountPence: 25_000,
                completedOn: "2026-01-10",
              },
              {
                id: "apologise",
                description: "Apologise",
                dueOn: "2026-01-05",
                completedOn: "2026-01-20",
              },
            ],
            satisfactionLetterOn: "2026-02-01",
          },
          {
            id: "ico-1",
            body: "ico",
            reference: "IC-1",
            receivedOn: "2025-07-01",
            responseDueOn: "2025-07-29",
          },
        ],
      },
    ),
    // Adult social care (one statutory stage): two answered (one upheld), one referred to the LGSCO.
    {
      serviceCode: "adult-social-care",
      regimeId: "adult-social-care-2009",
      receivedOn: "2025-06-10",
      stages: [
        {
          stageId: "stage-1",
          requestedOn: "2025-06-10",
          respondDue: "2025-12-10",
          respondedOn: "2025-07-30",
          outcome: "upheld",
          rootCause: "Care plan not updated",
          lessons: "Review care plans after every hospital stay",
          improvementActions: [
            { id: "audit", description: "Audit care plans", ownerId: "hos", dueOn: "2025-10-01" },
          ],
        },
      ],
      ombudsman: [
        {
          id: "lgo-2",
          body: "lgsco",
          reference: "25 000 999",
          receivedOn: "2025-11-01",
          responseDueOn: "2025-12-01",
        },
      ],
    },
    {
      serviceCode: "adult-social-care",
      regimeId: "adult-social-care-2009",
      receivedOn: "2025-08-01",
      stages: [
        {
          stageId: "stage-1",
          requestedOn: "2025-08-01",
          respondDue: "2026-02-01",
          respondedOn: "2025-09-01",
          outcome: "not-upheld",
        },
      ],
    },
  ];
  caseIds = (await insertBulkCases(t.db, councilId, cases)).ids;
  report = await annualReport(t.db, { councilId, from: PERIOD.from, to: PERIOD.to });
});
afterAll(() => t?.close());

describe("annual report figure families", () => {
  it("Stage 1 → Stage 2 escalation rate, and reasons grouped whatever their case or spacing", () => {
    expect(report.escalation.overall).toMatchObject({ stageOne: 6, escalated: 3, rate: 50 });
    expect(report.escalation.reasons.map((r) => [r.reason, r.count])).toEqual([
      ["Still waiting for the repair", 2],
      ["Unhappy with the outcome", 1],
    ]);
  });

  it("outcomes, working days to respond and extensions per stage", () => {
    const stage1 = report.stages.find((s) => s.column === "stage-1")!;
    // Housing Stage 1 answered: upheld, partly upheld, not upheld; adults: upheld, not upheld.
    expect(stage1.tally).toMatchObject({
      upheld: 2,
      partlyUpheld: 1,
      notUpheld: 2,
      extended: 1,
      extensionDays: 5,
      inTime: 4,
      measured: 6,
    });
    expect(stage1.outcomeRates).toEqual({ upheld: 40, partlyUpheld: 20, notUpheld: 40 });
    // 10 + 8 + 5 (housing) + 36 (10 Jun → 30 Jul) + 20 (1 Aug → 1 Sep, skipping 25 Aug) = 79 over 5.
    expect(stage1.tally.workingDaysTotal).toBe(79);
    expect(stage1.averageWorkingDays).toBe(15.8);
    expect(stage1.extendedRate).toBe(20);
  });

  it("refused complaints by reason, the year before in brackets; an out-of-time complaint accepted with discretion is not refused", () => {
    expect(report.refused.map((r) => [r.label, r.reasonLabel, r.count, r.previous])).toEqual([
      ["Excluded", "Legal proceedings", 2, 0],
      ["Not a complaint", null, 0, 1],
      ["Out of time", "Refused", 1, 0],
    ]);
  });

  it("Ombudsman and ICO: enquiries, responses by their date, decisions, fault, remedies and compliance", () => {
    const lgsco = report.ombudsman.find((o) => o.body === "lgsco")!;
    expect(lgsco).toMatchObject({
      enquiries: 2,
      responses: 1,
      responsesInTime: 1,
      decisions: 1,
      faultFound: 1,
      decisionsWithInjustice: 1,
      findings: [{ finding: "fault-injustice", label: "Fault causing injustice", count: 1 }],
      remedies: 2,
      remedyPence: 25_000,
      remediesDue: 2,
      remediesCompliedInTime: 1,
      complianceRate: 50,
      satisfactionLetters: 1,
    });
    expect(report.ombudsman.find((o) => o.body === "ico")).toMatchObject({
      label: "Information Commissioner's Office",
      enquiries: 1,
      decisions: 0,
    });
  });

  it("for one directorate: only its row, and every figure family counts its cases only", async () => {
    const directorates = await organisationRepository.listDirectorates(t.db, councilId);
    const adults = directorates.find((d) => d.code === "adults")!.id;
    const one = await annualReport(t.db, {
      councilId,
      from: PERIOD.from,
      to: PERIOD.to,
      directorateIds: [adults],
    });
    expect(one.directorates.map((d) => d.name)).toEqual(["Adults"]);
    expect(one.totals.total.count).toBe(
      report.directorates.find((d) => d.name === "Adults")!.total.count,
    );
    // The escalations, refusals, the ICO enquiry and the LGSCO decision all belong to Housing.
    expect(one.escalation.overall.escalated).toBe(0);
    expect(one.refused.every((r) => r.count === 0)).toBe(true);
    expect(one.ombudsman.map((o) => [o.body, o.enquiries, o.decisions])).toEqual([["lgsco", 1, 0]]);
  });

  it("compensation bands and the month-by-month trend", () => {
    expect(report.compensation).toMatchObject({ cases: 1, pence: 8000, paidPence: 8000 });
    expect(report.compensation.bands[0]).toMatchObject({ count: 1, pence: 8000 });
    const june = report.monthlyTrend.find((m) => m.month === "2025-06")!;
    expect(june).toMatchObject({ received: 3, inTime: 3, measured: 3, percent: 100 });
    expect(report.monthlyTrend).toHaveLength(12);
  });

  it("charts show the table's own figures, and every table goes into the CSV", () => {
    const chart = inTimeByDirectorateChart(report);
    expect(chartTable(chart).rows.map((r) => [r.category, r.s0])).toEqual(
      report.directorates.map((d) => [d.name, d.cells["stage-1"]!.percent]),
    );
    expect(renderChartSvg(monthlyTrendChart(report))).toContain(
      "Complaints received, month by month",
    );
    const csv = toCsv(report);
    for (const table of annualReportTables(report))
      expect(csv).toContain(`${csvField(table.title)}\r\n`);
  });
});

describe("learning reports", () => {
  it("statutory social care: received, well-founded, referred to the Ombudsman, and what was learnt (SI 2009/309 reg 18)", async () => {
    const social = await socialCareAnnualReport(t.db, {
      councilId,
      period: PERIOD,
      regimeIds: ["adult-social-care-2009"],
    });
    expect(social.regimes).toEqual([
      expect.objectContaining({
        regimeId: "adult-social-care-2009",
        received: 2,
        responded: 2,
        wellFounded: 1,
        wellFoundedRate: 50,
        referredToOmbudsman: [
          { body: "lgsco", label: "Local Government and Social Care Ombudsman", count: 1 },
        ],
        learning: [
          {
            rootCause: "Care plan not updated",
            lessons: "Review care plans after every hospital stay",
            count: 1,
          },
        ],
        improvementActions: { agreed: 1, done: 0 },
      }),
    ]);
  });

  it("lessons learned per directorate, with each improvement action's progress", async () => {
    const adultsCase = caseIds[caseIds.length - 2]!;
    await learningRepository.completeAction(
      t.db,
      { caseId: adultsCase, stageSequence: 1, actionId: "audit" },
      { at: new Date(), on: "2025-09-20", by: "hos" },
    );
    const lessons = await lessonsLearnedReport(t.db, { councilId, period: PERIOD });
    const adults = lessons.directorates.find((d) => d.name === "Adults")!;
    expect(adults).toMatchObject({
      responses: 2,
      upheld: 1,
      upheldRate: 50,
      actionsDone: 1,
      actionsOverdue: 0,
    });
    expect(adults.lessons).toEqual([
      { lesson: "Review care plans after every hospital stay", count: 1 },
    ]);
  });
});
