/**
 * Equality monitoring apart from the case (issue 7; Leeds policy 31–32 and 81; docs/rules.md §8:
 * "keep it apart from case handling"): recorded on the customer's behalf with consent by the
 * few who may, never shown by any case, queue, search, customer or letter procedure to any role,
 * and reported only in aggregate, a group of fewer than 5 shown as "<5".
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TRPCError } from "@trpc/server";
import { openHarness, type Harness } from "../../test/harness.js";
import { refusal } from "../../test/refusal.js";
import { STAFF_ROLES } from "../access/policy.js";

/** Answers chosen to be found nowhere else in the product's output. */
const ANSWERS = { age_band: "75-and-over", ethnicity: "mixed-or-multiple", religion_or_belief: "buddhist", sexual_orientation: "bisexual", disability: "yes-a-lot", pregnancy_or_maternity: "no" } as const;
const LEAKS = /equality|75-and-over|75 and over|mixed-or-multiple|buddhist|bisexual|yes-a-lot|limited a lot|protected characteristic/i;

/** The keys of a value, all the way down, with array positions folded: its shape. */
function shape(value: unknown): string[] {
  const out = new Set<string>();
  const walk = (v: unknown, path: string) => {
    if (Array.isArray(v)) v.forEach((x) => walk(x, `${path}[]`));
    else if (v && typeof v === "object") for (const [k, x] of Object.entries(v)) walk(x, `${path}.${k}`);
    else out.add(path);
  };
  walk(value, "");
  return [...out].sort();
}

describe("equality monitoring", () => {
  let h: Harness;
  const withForm: string[] = [];
  let twin: string;
  let customerId: string;

  beforeAll(async () => {
    h = await openHarness({ start: "2026-03-02T09:00:00Z" });
    const cso = await h.as("customer-services");
    const log = (name: string) =>
      cso.cases.log({ kind: "complaint", channel: "phone", serviceId: "council-tax", description: "The council tax bill is wrong again", customer: { fullName: name, email: `${name.split(" ")[0]!.toLowerCase()}@example.com` } });
    for (const name of ["Eve Equal", "Ed Equal", "Em Equal"]) withForm.push((await log(name)).caseId);
    twin = (await log("Tom Twin")).caseId;
    for (const caseId of withForm) {
      expect(await cso.equality.record({ caseId, consentGivenOn: "2026-03-02", answers: ANSWERS })).toEqual({ recorded: true });
    }
    const manager = await h.as("complaints-manager");
    customerId = (await manager.cases.get({ caseId: withForm[0]! })).customer!.id;
    // Work on the cases, so queues, letters and notifications have something to show.
    for (const caseId of [...withForm, twin]) {
      await manager.command.triage({ caseId, expectedVersion: 1, outcome: "accept" });
    }
  });
  afterAll(() => h?.close());

  it("never shows in any case, queue, search, customer, letter, plan, action or notification procedure, for any role", async () => {
    const problems: string[] = [];
    const caseId = withForm[0]!;
    for (const role of STAFF_ROLES) {
      const c = await h.as(role);
      const calls: Record<string, () => Promise<unknown>> = {
        "cases.get": () => c.cases.get({ caseId }),
        "cases.accessLog": () => c.cases.accessLog({ caseId }),
        "cases.possibleDuplicates": () => c.cases.possibleDuplicates({ description: "The council tax bill is wrong", email: "eve@example.com" }),
        "queues.mine": () => c.queues.mine({}),
        "queues.team": () => c.queues.team({}),
        "queues.directorate": () => c.queues.directorate({}),
        "queues.central": () => c.queues.central({}),
        "search.cases": () => c.search.cases({ quick: "Equal" }),
        "customers.find": () => c.customers.find({ name: "Eve Equal" }),
        "customers.history": () => c.customers.history({ customerId }),
        "customers.conduct": () => c.customers.conduct({ customerId }),
        "letters.list": () => c.letters.list({ caseId }),
        "letters.pending": () => c.letters.pending({ caseId }),
        "letters.preview": () => c.letters.preview({ caseId, kind: "acknowledgement", customerAddress: { lines: ["1 Equal Street"], postcode: "EX1 1EQ" } }),
        "resolutionPlans.list": () => c.resolutionPlans.list({ caseId }),
        "improvement.list": () => c.improvement.list({ caseId }),
        "notifications.mine": () => c.notifications.mine({}),
        "notifications.outbox": () => c.notifications.outbox({}),
      };
      for (const [name, call] of Object.entries(calls)) {
        let shown: string;
        try {
          shown = JSON.stringify(await call());
        } catch (error) {
          if (!(error instanceof TRPCError)) throw error;
          shown = error.message;
        }
        if (LEAKS.test(shown)) problems.push(`${name} as ${role} shows: ${shown.match(LEAKS)![0]}`);
      }
      // The case with a form and its twin without look the same to everyone who may read them.
      const got = await c.cases.get({ caseId }).catch(() => null);
      if (got) {
        const other = await c.cases.get({ caseId: twin });
        if (JSON.stringify(shape(got)) !== JSON.stringify(shape(other))) problems.push(`cases.get as ${role}: the case with a form has another shape`);
      }
    }
    expect(problems).toEqual([]);
  });

  it("cannot be put into a case's intake, where caseworkers would see it", async () => {
    const refused = await refusal((await h.as("customer-services")).cases.log({ kind: "complaint", channel: "web", serviceId: "council-tax", description: "x", customer: null, intake: { equalityMonitoring: { ethnicity: "white" } } }));
    expect(refused.client.fieldErrors?.intake?.[0]).toMatch(/not part of the case/);
  });

  it("is recorded only by customer services and the complaints manager, with consent, and gives nothing back", async () => {
    const input = { caseId: twin, consentGivenOn: "2026-03-02", answers: { sex: "female" } };
    for (const role of ["investigating-officer", "dcro", "head-of-service", "quality-assurance", "auditor"]) {
      expect((await refusal((await h.as(role)).equality.record(input))).code).toBe("FORBIDDEN");
    }
    const manager = await h.as("complaints-manager");
    expect(await manager.equality.hasForm({ caseId: twin })).toEqual({ held: false });
    expect((await refusal(manager.equality.record({ ...input, consentGivenOn: "2026-02-01" }))).client.message).toMatch(/not before it was received/);
    expect((await refusal(manager.equality.record({ ...input, answers: { sex: "unknown" } }))).client.message).toMatch(/not an answer/);
    expect((await refusal(manager.equality.record({ ...input, answers: { favourite_colour: "blue" } as never }))).code).toBe("BAD_REQUEST");
    expect(await manager.equality.record(input)).toEqual({ recorded: true });
    expect(await manager.equality.hasForm({ caseId: twin })).toEqual({ held: true });
    expect(await manager.equality.withdraw({ caseId: twin })).toEqual({ withdrawn: true });
    expect(await manager.equality.hasForm({ caseId: twin })).toEqual({ held: false });
  });

  it("is reported only in aggregate, and not at all while too few forms would show people's answers (issue 20 finding 3; decision 0710)", async () => {
    const qa = await h.as("quality-assurance");
    // Three forms: every table would be three people's identical answers. Nothing is shown.
    const few = await qa.equality.report({ from: "2026-01-01", to: "2026-12-31" });
    expect(few.report).toMatchObject({ complaints: 4, forms: null, characteristics: [] });
    expect(few.report.withheld).toMatch(/Fewer than 10 people returned the equality monitoring form/);
    expect(few.tables).toEqual([]);
    expect(JSON.stringify(few)).not.toMatch(/75-and-over|buddhist|bisexual/);
    // A period of one day (or anything under three months) is refused, saying what to choose.
    const oneDay = await refusal(qa.equality.report({ from: "2026-03-02", to: "2026-03-02" }));
    expect(oneDay.code).toBe("BAD_REQUEST");
    expect(oneDay.client.message).toMatch(/at least 3 months.*2026-03-02 to 2026-06-01 or later/);
    // Ten more forms from people of other ages: the tables show, with the three 75-and-overs and
    // the three 18-to-24s as "<5".
    const cso = await h.as("customer-services");
    for (let i = 0; i < 10; i++) {
      const { caseId } = await cso.cases.log({ kind: "complaint", channel: "phone", serviceId: "council-tax", description: "The council tax bill is wrong again", customer: { fullName: `Person ${i} Many`, email: `many${i}@example.com` } });
      await cso.equality.record({ caseId, consentGivenOn: "2026-03-02", answers: { age_band: i < 7 ? "35-44" : "18-24" } });
    }
    const { report, tables } = await qa.equality.report({ from: "2026-01-01", to: "2026-12-31" });
    expect(report).toMatchObject({ complaints: 14, forms: 13, withheld: null });
    const age = report.characteristics.find((c) => c.characteristic === "age_band")!;
    expect(Object.fromEntries(age.rows.filter((r) => r.complaints !== 0).map((r) => [r.value, r.complaints]))).toEqual({ "35-44": 7, "75-and-over": "<5", "18-24": "<5" });
    expect(age.rows.find((r) => r.value === "75-and-over")).toMatchObject({ complaints: "<5", wellFounded: "<5", discrimination: "<5" });
    expect(JSON.stringify(tables)).not.toMatch(/"complaints":3\b/);
    expect((await refusal((await h.as("head-of-service")).equality.report({ from: "2026-01-01", to: "2026-12-31" }))).code).toBe("FORBIDDEN");
    expect((await refusal((await h.as("customer-services")).equality.report({ from: "2026-01-01", to: "2026-12-31" }))).code).toBe("FORBIDDEN");
  });
});
