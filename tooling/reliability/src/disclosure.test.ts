/**
 * Issue 20, disclosure of personal data through what the product shows, tried against a running
 * API on PostgreSQL as a report reader would:
 * - finding 3: the equality monitoring "aggregate" must not pick a person out. One form in a
 *   period gave one "<5" and zeros in every table: that resident's sex, age, religion and
 *   pregnancy, whose name the same reader can see on the case. Now: no period under three
 *   months, no table for fewer than 10 forms (the page and the CSV say why), and no column or
 *   row with a lone "<5" that a total gives away (decision 0710).
 * - finding 10: letters silently dropped text the font cannot draw (Chinese, Arabic … vanished
 *   from issued, hash-stored letters). Now a letter to a resident named in Chinese and Arabic is
 *   issued with both drawn from embedded Noto fonts, and a character no font has refuses the
 *   letter with a message naming it (decision 0103).
 */
import type { ApiClient, Child } from "@complaints/bench";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signIn, startWorld, type Council } from "./setup/world.js";

let council: Council;
let api: Child;
let cso: ApiClient;
let manager: ApiClient;

beforeAll(async () => {
  ({ council, api } = await startWorld("disclosure", { cases: 0 }));
  cso = await signIn(api.url, council.email("customer-services"));
  manager = await signIn(api.url, council.email("complaints-manager"));
});
afterAll(() => api?.stop());

const today = () => new Date().toISOString().slice(0, 10);
const monthsBefore = (date: string, months: number) => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() - months);
  return d.toISOString().slice(0, 10);
};

async function complaintWithForm(i: number, answers: Record<string, string>): Promise<void> {
  const { caseId } = await cso.mutation<{ caseId: string }>("cases.log", {
    kind: "complaint",
    channel: "phone",
    serviceId: "refuse-collection",
    description: "Missed bin collections for a month",
    customer: { fullName: `Resident ${i} Disclosure` },
  });
  await cso.mutation("equality.record", { caseId, consentGivenOn: today(), answers });
}

interface Report {
  forms: number | null;
  withheld: string | null;
  characteristics: Array<{ characteristic: string; rows: Array<{ value: string; group: string | null; complaints: number | string; wellFounded: number | string; discrimination: number | string }> }>;
}

describe("equality monitoring report: no person picked out (issue 20 finding 3)", () => {
  const ONE = { sex: "female", religion_or_belief: "muslim", pregnancy_or_maternity: "yes", age_band: "25-34", ethnicity: "asian-or-asian-british" };

  it("one resident's form in a period: no table, in the report or the CSV, and a one-day period is refused", async () => {
    await complaintWithForm(0, ONE);
    const oneDay = await manager.queryReply("equality.report", { from: today(), to: today() });
    expect(oneDay.status).toBe(400);
    expect(oneDay.text).toMatch(/at least 3 months/);

    const period = { from: monthsBefore(today(), 3), to: today() };
    const { report, tables } = await manager.query<{ report: Report; tables: unknown[] }>("equality.report", period);
    expect(report.characteristics).toEqual([]);
    expect(tables).toEqual([]);
    expect(report.forms).toBeNull();
    expect(report.withheld).toMatch(/Fewer than 10 people returned the equality monitoring form/);
    expect(JSON.stringify(report)).not.toMatch(/muslim|pregnan|asian/i);

    const csv = await manager.send(`/reports/equality.csv?from=${period.from}&to=${period.to}&by=directorate`);
    expect(csv.status).toBe(200);
    expect(csv.text).toMatch(/Fewer than 10 people returned the equality monitoring form/);
    expect(csv.text).not.toMatch(/<5|Muslim|Pregnan/i);
  });

  it("with enough forms the tables show, and no column or row holds a lone '<5' a total would give away", async () => {
    for (let i = 1; i <= 11; i++) await complaintWithForm(i, { sex: i % 2 ? "male" : "female", religion_or_belief: "no-religion", pregnancy_or_maternity: "no", age_band: i < 8 ? "35-44" : "45-54" });
    const period = { from: monthsBefore(today(), 3), to: today() };
    const { report } = await manager.query<{ report: Report }>("equality.report", period);
    expect(report).toMatchObject({ forms: 12, withheld: null });
    const rowsOf = (c: string) => report.characteristics.find((x) => x.characteristic === c)!.rows;
    // The one Muslim resident: "<5", and the 11 others hidden with her, or 12 − 11 = 1 is hers.
    expect(rowsOf("religion_or_belief").filter((r) => r.complaints !== 0).map((r) => [r.value, r.complaints])).toEqual([
      ["no-religion", "<5"],
      ["muslim", "<5"],
    ]);
    for (const c of report.characteristics)
      for (const measure of ["complaints", "wellFounded", "discrimination"] as const)
        expect(c.rows.filter((r) => r[measure] === "<5").length, `${c.characteristic} ${measure}`).not.toBe(1);
    const csv = await manager.send(`/reports/equality.csv?from=${period.from}&to=${period.to}`);
    expect(csv.text).toContain("What is your religion or belief?");
    expect(csv.text).not.toMatch(/Muslim,1\b/);
  });
});

describe("letters draw every script, or refuse and say which character (issue 20 finding 10)", () => {
  async function acknowledgedCase(fullName: string): Promise<{ caseId: string; officer: ApiClient }> {
    const dcro = await signIn(api.url, council.email("dcro", "customer-services"));
    const logged = await dcro.mutation<{ caseId: string; version: number }>("cases.log", {
      kind: "complaint",
      channel: "phone",
      serviceId: "refuse-collection",
      description: "Missed bin collections for a month",
      desiredOutcome: "The bins collected every week",
      customer: { fullName, email: "resident@example.com", address: "12 Mill Lane\nExampleton", postcode: "EX1 2AB" },
    });
    const triaged = await dcro.mutation<{ version: number }>("command.triage", { caseId: logged.caseId, expectedVersion: logged.version, outcome: "accept" });
    const handlerId = council.council.roster.investigators.get("refuse-collection")![0]!;
    const assigned = await dcro.mutation<{ version: number }>("command.assign", { caseId: logged.caseId, expectedVersion: triaged.version, handlerId });
    const officer = await signIn(api.url, council.council.staff.find((s) => s.id === handlerId)!.email);
    await officer.mutation("command.acknowledge", { caseId: logged.caseId, expectedVersion: assigned.version });
    return { caseId: logged.caseId, officer };
  }

  it("issues a letter to a resident named in Chinese and Arabic with both in the stored PDF", async () => {
    const { caseId, officer } = await acknowledgedCase("王小明 محمد علي");
    const issued = await officer.mutation<{ letterId: string; downloadUrl: string }>("letters.issue", { caseId, kind: "acknowledgement" });
    const pdf = await officer.send(issued.downloadUrl);
    expect(pdf.status).toBe(200);
    expect(pdf.text).toMatch(/NotoSansHans/);
    expect(pdf.text).toMatch(/NotoNaskhArabic/);
  });

  it("refuses a letter with a character no font can draw, naming it, and stores nothing", async () => {
    const { caseId, officer } = await acknowledgedCase("Ms \uE000 Example");
    const refused = await officer.mutationReply("letters.issue", { caseId, kind: "acknowledgement" });
    expect(refused.status).toBe(422);
    expect(refused.text).toMatch(/U\+E000\) in the recipient's name/);
    expect(await officer.query("letters.list", { caseId })).toEqual([]);
  });
});
