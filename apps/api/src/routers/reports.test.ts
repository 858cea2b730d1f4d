/**
 * The council's figures through the API (issue 7): the annual report in Lewisham's shape (seed
 * 002 §5.2) with the previous year in brackets, every figure family beside it, the housing
 * measures, social care and lessons learned; who may read which directorate's figures; the
 * working-day calendar the reports count on kept in step with the rules; and the CSV downloads.
 * The figures themselves are proved in @complaints/reports (Lewisham 2009/10, CH01/CH02 by hand,
 * against core); here the cases are made through the real lifecycle and read back.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createServicePlugin } from "@complaints/core";
import { defaultPlugins } from "@complaints/profiles";
import { insertBulkCases, reportCalendarAssignments } from "@complaints/db";
import { sendCorrespondence } from "../../test/correspondence.js";
import { openHarness, PASSWORD, type Harness } from "../../test/harness.js";
import { refusal } from "../../test/refusal.js";
import { Browser, listen } from "../../test/browser.js";
import { createApp } from "../server.js";

const YEAR = { from: "2025-04-01", to: "2026-03-31" };

/** A plugin's measures (addReport with `compute`), enabled on Council Tax only (decision 0711). */
const councilTaxMeasures = createServicePlugin({
  id: "council-tax-measures",
  name: "Council tax measures",
  version: "1.0.0",
  register(r) {
    r.addReport({
      id: "council-tax-measures.stages",
      title: "Council Tax complaints by stage",
      source: "Test: the service's own measures",
      measures: [
        { id: "stage-1", label: "Stage 1 complaints received", definition: "Stage 1 complaints received in the period", compute: { kind: "count", dated: "requested", where: { stageIds: ["stage-1"] } } },
        { id: "in-time", label: "Stage 1 answered within the code's timescale (%)", definition: "Of the Stage 1 responses sent, the share in time", compute: { kind: "share", dated: "responded", of: { stageIds: ["stage-1"] }, where: { answeredInTime: true } } },
      ],
    });
  },
});

describe("reports through the API", () => {
  let h: Harness;
  let server: { base: string; close: () => Promise<void> };
  let corporate: string;
  let environment: string;

  beforeAll(async () => {
    h = await openHarness({
      start: "2026-03-30T09:00:00Z",
      // The housing plugin carries the TSM report: the housing report counts the regimes whose rules carry it (decision 0711).
      plugins: [councilTaxMeasures, ...(await defaultPlugins()).filter((p) => p.id === "housing")],
      profile: (p) => ({
        ...p,
        homes: 2000,
        directorates: p.directorates.map((d) => ({ ...d, services: d.services.map((s) => (s.id === "council-tax" ? { ...s, plugins: [...(s.plugins ?? []), "council-tax-measures"] } : s)) })),
      }),
      extraStaff: [{ key: "env-hos", name: "Environment Head", email: "env-hos@example.gov.uk", password: PASSWORD, roles: [{ role: "head-of-service", directorate: "environment" }] }],
    });
    corporate = h.council.ids.directorates.get("corporate")!;
    environment = h.council.ids.directorates.get("environment")!;
    const manager = await h.as("complaints-manager");
    const cm = h.staffIds.get("complaints-manager")!;
    // Each acknowledgement and response is sent on the day it was made: the reports count the
    // date it was sent (decision 0322).
    const sent = (caseId: string, purpose: "acknowledgement" | "response", stageId: string, on: string) => sendCorrespondence(h, { caseId, purpose, stageId, at: `${on}T16:00:00Z` });
    const version = async (caseId: string) => (await manager.cases.get({ caseId })).version;
    const log = async (serviceId: string, receivedAt: string) => (await manager.cases.log({ kind: "complaint", channel: "email", serviceId, receivedAt, description: `A complaint received ${receivedAt}`, category: "Billing", customer: { fullName: "Rita Report" } })).caseId;

    // Corporate, this year: answered in time at Stage 1 (6 working days), escalated, answered at Stage 2.
    const a = await log("council-tax", "2025-06-02T10:00:00Z");
    let v = (await manager.command.triage({ caseId: a, expectedVersion: 1, outcome: "accept", on: "2025-06-02" })).version;
    await manager.command.acknowledge({ caseId: a, expectedVersion: v, on: "2025-06-03" });
    await sent(a, "acknowledgement", "stage-1", "2025-06-03");
    await manager.command.respond({ caseId: a, expectedVersion: await version(a), outcome: "partly-upheld", reasons: "Charged twice", on: "2025-06-10", learning: { rootCause: "Direct debit run twice", lessons: "Check the run log" } });
    await sent(a, "response", "stage-1", "2025-06-10");
    v = (await manager.command.escalate({ caseId: a, expectedVersion: await version(a), reason: "Still charged", requestedAt: "2025-06-20T10:00:00Z", on: "2025-06-20" })).version;
    await manager.command.acknowledge({ caseId: a, expectedVersion: v, on: "2025-06-23" });
    await sent(a, "acknowledgement", "stage-2", "2025-06-23");
    await manager.command.respond({ caseId: a, expectedVersion: await version(a), outcome: "not-upheld", reasons: "Refunded already", on: "2025-07-01" });
    await sent(a, "response", "stage-2", "2025-07-01");
    // Corporate, this year: not taken on (legal proceedings).
    const b = await log("council-tax", "2025-09-01T10:00:00Z");
    await manager.command.triage({ caseId: b, expectedVersion: 1, outcome: "excluded", reason: "legal-proceedings", route: "The county court", on: "2025-09-01" });
    // Environment, this year: answered late, with £150 compensation.
    const c = await log("waste", "2025-10-01T10:00:00Z");
    v = (await manager.command.triage({ caseId: c, expectedVersion: 1, outcome: "accept", on: "2025-10-01" })).version;
    await manager.command.acknowledge({ caseId: c, expectedVersion: v, on: "2025-10-02" });
    await sent(c, "acknowledgement", "stage-1", "2025-10-02");
    await manager.command.respond({
      caseId: c,
      expectedVersion: await version(c),
      outcome: "upheld",
      reasons: "Missed four times",
      on: "2025-11-28",
      remedies: [{ id: "pay", type: "financial", description: "£150 for the time and trouble", ownerId: cm, dueOn: "2025-12-12", amountPence: 15_000, financialKind: "compensation", approverId: cm }],
    });
    await sent(c, "response", "stage-1", "2025-11-28");
    // Corporate, last year: answered in time.
    const d = await log("council-tax", "2024-06-03T10:00:00Z");
    v = (await manager.command.triage({ caseId: d, expectedVersion: 1, outcome: "accept", on: "2024-06-03" })).version;
    await manager.command.acknowledge({ caseId: d, expectedVersion: v, on: "2024-06-04" });
    await sent(d, "acknowledgement", "stage-1", "2024-06-04");
    await manager.command.respond({ caseId: d, expectedVersion: await version(d), outcome: "not-upheld", reasons: "Bill was right", on: "2024-06-10" });
    await sent(d, "response", "stage-1", "2024-06-10");

    server = await listen(createApp(h.deps), (url) => (h.deps.config.publicUrl = url));
  });
  afterAll(async () => {
    await server?.close();
    await h?.close();
  });

  describe("reports.annual (seed 002 §5.2, §5.4, §6.3)", () => {
    it("shows the measures a plugin registers, computed over its services' cases only (issue 17; decision 0711)", async () => {
      const { tables, plugins } = await (await h.as("complaints-manager")).reports.annual(YEAR);
      // Council Tax this year: one complaint at Stage 1 (the other was not taken on), answered in 5 working days; Waste's is not counted.
      // The housing plugin's reports are listed too (the demo profile enables it on the housing service), over no housing cases.
      expect(plugins.map((p) => p.id)).toEqual(["council-tax-measures.stages", "housing.tsm-ch01-ch02", "housing.code-self-assessment"]);
      expect(plugins.find((p) => p.id === "council-tax-measures.stages")).toEqual(
        expect.objectContaining({
          measures: [expect.objectContaining({ id: "stage-1", value: 1, unit: "count" }), expect.objectContaining({ id: "in-time", value: 100, basis: "1 of 1" })],
        }),
      );
      expect(tables.find((t) => t.id === "plugin:council-tax-measures.stages")?.rows.map((r) => [r.measure, r.value])).toEqual([
        ["Stage 1 complaints received", 1],
        ["Stage 1 answered within the code's timescale (%)", 100],
      ]);
    });

    it("per directorate and stage: the count, the % answered in time and last year in brackets, with totals", async () => {
      const { report, tables } = await (await h.as("complaints-manager")).reports.annual(YEAR);
      const row = (name: string) => report.directorates.find((d) => d.name === name)!;
      expect(row("Corporate Services").cells["stage-1"]).toMatchObject({ count: 1, percent: 100, previous: { count: 1, percent: 100 } });
      expect(row("Corporate Services").cells["stage-2"]).toMatchObject({ count: 1, percent: 100, previous: { count: 0, percent: null } });
      expect(row("Environment").cells["stage-1"]).toMatchObject({ count: 1, inTime: 0, percent: 0, previous: { count: 0 } });
      expect(report.totals.total).toEqual({ count: 3, previous: 1 });
      const lewisham = tables.find((t) => t.id === "complaints-by-directorate")!;
      expect(lewisham.rows.find((r) => r.directorate === "Corporate Services")).toMatchObject({ "stage-1": "1 (1)", "stage-1%": "100 (100)", "stage-2": "1 (0)" });
    });

    it("the figure families beside it: categories, escalation and its reasons, outcomes, working days, refused, compensation bands", async () => {
      const { report } = await (await h.as("complaints-manager")).reports.annual(YEAR);
      expect(report.topCategories.find((d) => d.name === "Corporate Services")!.categories[0]).toMatchObject({ rank: 1, category: "Billing", count: 1 });
      expect(report.escalation.overall).toMatchObject({ stageOne: 2, escalated: 1, rate: 50 });
      expect(report.escalation.reasons.map((r) => [r.reason, r.count])).toEqual([["Still charged", 1]]);
      const stage1 = report.stages.find((s) => s.column === "stage-1")!;
      expect(stage1.outcomeRates).toEqual({ upheld: 50, partlyUpheld: 50, notUpheld: 0 });
      // Mon 2 Jun → Tue 10 Jun 2025 is 6 working days; 1 Oct → 28 Nov 2025 is 42: counted on the calendar table.
      expect(stage1.tally).toMatchObject({ workingDaysMeasured: 2, workingDaysTotal: 48 });
      expect(stage1.averageWorkingDays).toBe(24);
      expect(report.refused.map((r) => [r.label, r.reasonLabel, r.count, r.previous])).toEqual([["Excluded", "Legal proceedings", 1, 0]]);
      expect(report.compensation.bands.map((b) => b.count)).toEqual([0, 1, 0]);
      expect(report.compensation).toMatchObject({ cases: 1, pence: 15_000 });
      expect(report.notes.join(" ")).not.toMatch(/could not be counted/);
    });

    it("charts are accessible SVG with the same figures as a table", async () => {
      const { charts } = await (await h.as("quality-assurance")).reports.annual(YEAR);
      expect(charts.map((c) => c.id)).toEqual(["in-time-stage-1", "trend-received"]);
      for (const chart of charts) {
        expect(chart.svg).toMatch(/^<svg [^>]*role="img"[^>]*aria-labelledby="[^"]+"/);
        expect(chart.svg).toContain(`<title id="${chart.id}-title">`);
        expect(chart.table.rows.length).toBeGreaterThan(0);
      }
    });

    it("a Head of Service sees their directorate only, and is refused another's (docs/design.md §7: staff see only what their directorate allows)", async () => {
      const hos = await h.as("head-of-service");
      const { report, scope } = await hos.reports.annual(YEAR);
      expect(report.directorates.map((d) => d.name)).toEqual(["Corporate Services"]);
      expect(scope.directorateIds).toEqual([corporate]);
      expect(report.compensation.cases).toBe(0);
      expect((await refusal(hos.reports.annual({ ...YEAR, directorateIds: [environment] }))).code).toBe("FORBIDDEN");
      const envHead = await h.as("env-hos");
      expect((await envHead.reports.annual(YEAR)).report.directorates.map((d) => d.name)).toEqual(["Environment"]);
      expect((await envHead.reports.options()).directorates).toEqual([{ id: environment, name: "Environment" }]);
    });

    it("anyone council-wide may filter by directorate; investigators, legal and administrators read no reports", async () => {
      const { report } = await (await h.as("auditor")).reports.annual({ ...YEAR, directorateIds: [environment], previous: "none" });
      expect(report.directorates.map((d) => d.name)).toEqual(["Environment"]);
      expect(report.previousPeriod).toBeNull();
      for (const role of ["investigating-officer", "legal", "administrator", "customer-services"]) {
        expect((await refusal((await h.as(role)).reports.annual(YEAR))).code).toBe("FORBIDDEN");
      }
    });

    it("refuses a period the wrong way round or longer than three years, with the reason", async () => {
      const manager = await h.as("complaints-manager");
      expect((await refusal(manager.reports.annual({ from: "2026-03-31", to: "2025-04-01" }))).client.message).toMatch(/ends .* before it starts/);
      expect((await refusal(manager.reports.annual({ from: "2020-01-01", to: "2025-12-31" }))).client.message).toMatch(/longer than three years/);
      expect((await refusal(manager.reports.annual({ ...YEAR, previous: { from: "2025-06-01", to: "2025-12-31" } }))).code).toBe("BAD_REQUEST");
    });
  });

  describe("the working-day calendar the reports count on", () => {
    it("follows the council's closure days when an administrator changes them", async () => {
      await (await h.as("complaints-manager")).reports.options();
      await (await h.as("complaints-manager")).reports.annual(YEAR);
      const before = await reportCalendarAssignments(h.db.db, h.council.councilId);
      await (await h.as("administrator")).admin.calendar.setClosureDays({ closures: [{ date: "2026-12-24", label: "Christmas Eve closure" }], reason: "New closure day" });
      const after = await reportCalendarAssignments(h.db.db, h.council.councilId);
      expect(after["*"]).not.toEqual(before["*"]);
      const day = await h.db.db.selectFrom("working_days" as never).select(["is_working" as never]).where("calendar_key" as never, "=", after["*"] as never).where("day" as never, "=", "2026-12-24" as never).executeTakeFirst();
      expect(day).toEqual({ is_working: false });
    });
  });

  describe("reports.housing: Tenant Satisfaction Measures CH01/CH02 and the self-assessment data (docs/rules.md §6)", () => {
    it("counts per 1,000 homes from the profile's number of homes", async () => {
      const code = "housing-ombudsman-code-2024";
      const stage = (requestedOn: string, respondedOn: string) => ({ stageId: "stage-1", requestedOn, acknowledgedOn: requestedOn, respondDue: "2025-12-31", respondedOn, outcome: "upheld" as const });
      await insertBulkCases(h.db.db, h.council.councilId, [
        { serviceCode: "repairs", regimeId: code, receivedOn: "2025-05-01", stages: [stage("2025-05-01", "2025-05-09")] },
        { serviceCode: "repairs", regimeId: code, receivedOn: "2025-05-06", stages: [stage("2025-05-06", "2025-06-30")] },
        { serviceCode: "repairs", regimeId: code, receivedOn: "2025-07-01" },
      ]);
      const manager = await h.as("complaints-manager");
      const housing = await manager.reports.housing(YEAR);
      expect(housing.tsm.homes).toBe(2000);
      // 2 Stage 1 complaints with stages (the third has none yet) per 2,000 homes: 1 per 1,000.
      expect(housing.tsm.ch01.stage1).toMatchObject({ received: 2, perThousandHomes: 1 });
      // One answered within 10 working days of its acknowledgement, one not.
      expect(housing.tsm.ch02.stage1).toMatchObject({ responses: 2, inTime: 1, percent: 50 });
      expect(housing.tables.map((t) => t.id)).toEqual(["tsm-complaints", "code-acknowledgements", "code-extensions", "code-targets", "code-refused", "code-determinations"]);
      // Corporate's Head of Service has no housing figures.
      expect((await (await h.as("head-of-service")).reports.housing(YEAR)).tsm.ch01.stage1.received).toBe(0);
    });
  });

  describe("reports.socialCare and reports.lessons", () => {
    it("social care: the statutory figures per procedure, for the period", async () => {
      const { report, tables } = await (await h.as("complaints-manager")).reports.socialCare(YEAR);
      expect(report.regimes.map((r) => r.regimeId)).toEqual(["adult-social-care-2009", "children-social-care-2006"]);
      expect(tables[0]!.id).toBe("social-care");
    });

    it("lessons learned per directorate: responses, upheld, root causes and lessons", async () => {
      const { report } = await (await h.as("director")).reports.lessons(YEAR);
      expect(report.directorates.map((d) => [d.name, d.responses, d.rootCauses.map((c) => c.rootCause), d.lessons.map((l) => l.lesson)])).toEqual([
        ["Corporate Services", 2, ["Direct debit run twice"], ["Check the run log"]],
      ]);
    });
  });

  describe("CSV downloads", () => {
    it("GET /reports/annual.csv: the report's tables as a file, with a name and the CSV content type", async () => {
      const browser = await new Browser(server.base).signIn("complaints-manager@example.gov.uk", PASSWORD);
      const res = await browser.fetch(`/reports/annual.csv?from=${YEAR.from}&to=${YEAR.to}`);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
      expect(res.headers.get("content-disposition")).toBe('attachment; filename="complaints-report-2025-04-01-to-2026-03-31.csv"');
      expect(res.headers.get("cache-control")).toBe("private, no-store");
      const bytes = new Uint8Array(await res.arrayBuffer());
      // A UTF-8 byte-order mark first, so spreadsheet programs read "£" correctly.
      expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const body = new TextDecoder().decode(bytes);
      expect(body).toContain("Complaints by directorate and stage, 1 April 2025 to 31 March 2026");
      expect(body).toContain("Corporate Services,1 (1),100 (100),1 (0),100 (–),2 (1)");
      expect(body).toContain("\r\n");
    });

    it("GET /reports/housing.csv, /social-care.csv, /lessons.csv, /quality.csv and /equality.csv", async () => {
      const browser = await new Browser(server.base).signIn("complaints-manager@example.gov.uk", PASSWORD);
      const expectations: Array<[string, string, string]> = [
        [`/reports/housing.csv?from=${YEAR.from}&to=${YEAR.to}`, "housing-complaints-2025-04-01-to-2026-03-31.csv", "Tenant Satisfaction Measures"],
        [`/reports/social-care.csv?from=${YEAR.from}&to=${YEAR.to}`, "social-care-complaints-2025-04-01-to-2026-03-31.csv", "Statutory social care complaints"],
        [`/reports/lessons.csv?from=${YEAR.from}&to=${YEAR.to}`, "lessons-learned-2025-04-01-to-2026-03-31.csv", "Learning from complaints"],
        [`/reports/quality.csv?from=${YEAR.from}&to=${YEAR.to}`, "quality-checks-2025-04-01-to-2026-03-31.csv", "Service,Month"],
        [`/reports/equality.csv?from=${YEAR.from}&to=${YEAR.to}&by=directorate`, "equality-monitoring-2025-04-01-to-2026-03-31.csv", "Fewer than 10 people returned the equality monitoring form"],
      ];
      for (const [path, file, text] of expectations) {
        const res = await browser.fetch(path);
        expect(res.status, path).toBe(200);
        expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
        expect(res.headers.get("content-disposition")).toBe(`attachment; filename="${file}"`);
        expect(await res.text()).toContain(text);
      }
    });

    it("needs a session, the reader's role and scope, and a valid period", async () => {
      const path = `/reports/annual.csv?from=${YEAR.from}&to=${YEAR.to}`;
      expect((await fetch(server.base + path)).status).toBe(401);
      const io = await new Browser(server.base).signIn("investigating-officer@example.gov.uk", PASSWORD);
      expect((await io.fetch(path)).status).toBe(403);
      const hos = await new Browser(server.base).signIn("head-of-service@example.gov.uk", PASSWORD);
      expect((await hos.fetch(`${path}&directorate=${environment}`)).status).toBe(403);
      const mine = await hos.fetch(`${path}&directorate=${corporate}`);
      expect(mine.status).toBe(200);
      expect(await mine.text()).not.toContain("Environment");
      const bad = await hos.fetch(`/reports/annual.csv?from=${YEAR.to}&to=${YEAR.from}`);
      expect(bad.status).toBe(400);
      expect(((await bad.json()) as { error: { message: string } }).error.message).toMatch(/before it starts/);
      const malformed = await hos.fetch("/reports/annual.csv?from=yesterday&to=2026-03-31");
      expect(malformed.status).toBe(400);
      expect((await (await new Browser(server.base).signIn("customer-services@example.gov.uk", PASSWORD)).fetch(`/reports/equality.csv?from=${YEAR.from}&to=${YEAR.to}`)).status).toBe(403);
    });
  });
});
