import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSmtpSink } from "@complaints/vitest-config/smtp";
import { openHarness, type Harness } from "../../test/harness.js";
import { smtpTransport } from "../notifications/smtp.js";
import { sweep } from "./sweep.js";
import { startJobs } from "./runner.js";

const complaint = (description: string, serviceId = "council-tax") => ({
  kind: "complaint" as const,
  channel: "email" as const,
  serviceId,
  description,
  customer: { fullName: "Sam Sweep", email: "sam@example.com" },
});

/** Outbox rows whose dedupe key starts with the prefix, as "kind → recipient key". */
async function queued(h: Harness, caseId: string | null, kind: string) {
  let query = h.db.db.selectFrom("notifications_outbox").select(["kind", "recipient", "dedupe_key"]).where("kind", "=", kind);
  query = caseId ? query.where("case_id", "=", caseId) : query.where("case_id", "is", null);
  const rows = await query.orderBy("id").execute();
  return rows.map((r) => (r.recipient as { staffId?: string }).staffId);
}

describe("the sweep: reminders, overdue notices, chasers, reviews and overdue actions, each once", () => {
  let h: Harness;
  let id: (key: string) => string;

  beforeAll(async () => {
    h = await openHarness({
      start: "2026-03-02T09:00:00Z",
      profile: (p) => ({
        ...p,
        timescales: { stages: { "stage-1": { holdingInterval: { calendarDays: 14, rule: "Exampleton policy: a holding response at least every two weeks" } } } },
      }),
    });
    id = (key) => h.staffIds.get(key)!;
  });
  afterAll(() => h?.close());

  it("reminds the handler two working days before a due date, once however often it runs", async () => {
    h.clock.set("2026-03-02T09:00:00Z");
    const dcro = await h.as("dcro");
    const { caseId } = await (await h.as("customer-services")).cases.log(complaint("Reminder case"));
    await dcro.command.triage({ caseId, expectedVersion: 1, outcome: "accept" });
    await dcro.command.assign({ caseId, expectedVersion: 2, handlerId: id("investigating-officer") });

    h.clock.set("2026-03-04T09:00:00Z"); // ack due Mon 9 Mar: not yet in the window
    await sweep(h.deps);
    expect(await queued(h, caseId, "reminder")).toEqual([]);

    h.clock.set("2026-03-05T09:00:00Z"); // Thu: due within two working days
    const first = await sweep(h.deps);
    expect(await queued(h, caseId, "reminder")).toEqual([id("investigating-officer")]);
    expect(first.byKind.reminder).toBeGreaterThanOrEqual(1);
    await Promise.all([sweep(h.deps), sweep(h.deps), sweep(h.deps)]);
    expect(await queued(h, caseId, "reminder")).toEqual([id("investigating-officer")]);

    h.clock.set("2026-03-10T09:00:00Z"); // the day after: overdue to the handler and the DCRO
    await sweep(h.deps);
    expect((await queued(h, caseId, "overdue")).sort()).toEqual([id("investigating-officer"), id("dcro")].sort());

    h.clock.set("2026-03-17T09:00:00Z"); // five more working days: the Head of Service too
    await sweep(h.deps);
    await sweep(h.deps);
    expect((await queued(h, caseId, "overdue")).sort()).toEqual([id("investigating-officer"), id("dcro"), id("head-of-service")].sort());
  });

  it("chases a service for information after 3 working days, and its Head of Service after 2 more (Southwark)", async () => {
    h.clock.set("2026-03-02T10:00:00Z");
    const io = await h.as("investigating-officer");
    const dcro = await h.as("dcro");
    const { caseId } = await (await h.as("customer-services")).cases.log(complaint("Chaser case"));
    let v = (await dcro.command.triage({ caseId, expectedVersion: 1, outcome: "accept" })).version;
    v = (await dcro.command.assign({ caseId, expectedVersion: v, handlerId: id("investigating-officer") })).version;
    v = (await io.command.acknowledge({ caseId, expectedVersion: v })).version;
    v = (await io.command.requestInformation({ caseId, expectedVersion: v, id: "svc-1", from: "service", what: "The billing history for the account" })).version;

    h.clock.set("2026-03-04T09:00:00Z");
    await sweep(h.deps);
    expect(await queued(h, caseId, "chase-service")).toEqual([]);
    h.clock.set("2026-03-05T09:00:00Z");
    await sweep(h.deps);
    expect(await queued(h, caseId, "chase-service")).toEqual([id("dcro")]);
    h.clock.set("2026-03-09T09:00:00Z");
    await sweep(h.deps);
    expect(await queued(h, caseId, "chase-service")).toEqual([id("dcro"), id("head-of-service")]);

    await io.command.receiveInformation({ caseId, expectedVersion: v, id: "svc-1" });
    h.clock.set("2026-03-12T09:00:00Z");
    await sweep(h.deps);
    expect(await queued(h, caseId, "chase-service")).toEqual([id("dcro"), id("head-of-service")]);
  });

  it("reminds the handler that a holding response is due", async () => {
    h.clock.set("2026-03-02T11:00:00Z");
    const io = await h.as("investigating-officer");
    const dcro = await h.as("dcro");
    const { caseId } = await (await h.as("customer-services")).cases.log(complaint("Holding case"));
    let v = (await dcro.command.triage({ caseId, expectedVersion: 1, outcome: "accept" })).version;
    v = (await dcro.command.assign({ caseId, expectedVersion: v, handlerId: id("investigating-officer") })).version;
    await io.command.acknowledge({ caseId, expectedVersion: v });
    const holding = (await io.cases.get({ caseId })).dueDates.find((d) => d.kind === "holding-response")!;
    expect(holding.explanation).toMatch(/every two weeks/);
    h.clock.set(`${holding.date}T08:00:00Z`);
    await sweep(h.deps);
    expect(await queued(h, caseId, "holding-response-due")).toEqual([id("investigating-officer")]);
  });

  it("tells the owner and the Head of Service when an improvement action is overdue", async () => {
    h.clock.set("2026-03-02T12:00:00Z");
    const io = await h.as("investigating-officer");
    const dcro = await h.as("dcro");
    const { caseId } = await (await h.as("customer-services")).cases.log(complaint("Learning case"));
    let v = (await dcro.command.triage({ caseId, expectedVersion: 1, outcome: "accept" })).version;
    v = (await dcro.command.assign({ caseId, expectedVersion: v, handlerId: id("investigating-officer") })).version;
    v = (await io.command.acknowledge({ caseId, expectedVersion: v })).version;
    await io.command.respond({
      caseId,
      expectedVersion: v,
      outcome: "upheld",
      reasons: "We got it wrong",
      learning: { rootCause: "No check", lessons: "Check", improvementActions: [{ id: "a1", description: "Add a second check to billing runs", ownerId: id("dcro"), dueOn: "2026-03-20" }] },
    });
    h.clock.set("2026-03-20T09:00:00Z");
    await sweep(h.deps);
    expect(await queued(h, caseId, "improvement-action-overdue")).toEqual([]);
    h.clock.set("2026-03-23T09:00:00Z");
    await sweep(h.deps);
    expect((await queued(h, caseId, "improvement-action-overdue")).sort()).toEqual([id("dcro"), id("head-of-service")].sort());
  });

  it("goes to the Head of Service when a milestone is missed, and stops once the action is recorded done (Southwark: escalate plans not meeting their milestones)", async () => {
    h.clock.set("2026-03-02T14:00:00Z");
    const io = await h.as("investigating-officer");
    const dcro = await h.as("dcro");
    const { caseId } = await (await h.as("customer-services")).cases.log(complaint("Milestone case"));
    let v = (await dcro.command.triage({ caseId, expectedVersion: 1, outcome: "accept" })).version;
    v = (await dcro.command.assign({ caseId, expectedVersion: v, handlerId: id("investigating-officer") })).version;
    v = (await io.command.acknowledge({ caseId, expectedVersion: v })).version;
    await io.command.respond({ caseId, expectedVersion: v, outcome: "upheld", reasons: "We got it wrong", learning: { rootCause: "No checklist" } });
    const created = await dcro.improvement.create({ caseId, description: "Write a billing checklist", ownerId: id("investigating-officer"), dueOn: "2026-06-30", milestones: [{ description: "Draft agreed", dueOn: "2026-03-31" }] });
    const key = { caseId, stageSequence: created.stageSequence, actionId: created.actionId };

    h.clock.set("2026-04-01T09:00:00Z");
    await sweep(h.deps);
    expect((await queued(h, caseId, "improvement-action-overdue")).sort()).toEqual([id("investigating-officer"), id("head-of-service")].sort());
    const action = await dcro.improvement.get(key);
    expect(action).toMatchObject({ status: "overdue", overdueSince: "2026-03-31", escalatedOn: "2026-04-01", escalatedForDue: "2026-03-31" });
    await sweep(h.deps);
    expect(await queued(h, caseId, "improvement-action-overdue")).toHaveLength(2);

    await io.improvement.complete({ ...key, note: "Checklist in use from April" });
    h.clock.set("2026-07-01T09:00:00Z");
    await sweep(h.deps);
    expect(await queued(h, caseId, "improvement-action-overdue")).toHaveLength(2);
  });

  it("reminds the complaints manager that a persistent-complainant designation is due for review", async () => {
    h.clock.set("2026-03-02T13:00:00Z");
    const manager = await h.as("complaints-manager");
    const { caseId } = await (await h.as("customer-services")).cases.log({ ...complaint("Conduct case"), customer: { fullName: "Pat Persistent", email: "pat@example.com" } });
    const customerId = (await manager.cases.get({ caseId })).customer!.id;
    // Referred and warned earlier: a designation waits for the warning's time span (Leeds paras 54–55).
    let v = (await manager.customers.conductCommand({ customerId, expectedVersion: 0, command: { type: "refer", on: "2026-01-30", evidence: "Thirty calls in a week, several abusive" } })).version;
    v = (await manager.customers.conductCommand({ customerId, expectedVersion: v, command: { type: "warn", on: "2026-02-02", behaviourExpected: "Email only", until: "2026-02-27" } })).version;
    await manager.customers.conductCommand({ customerId, expectedVersion: v, command: { type: "designate", restrictions: [{ kind: "written-contact-only", adjustments: null }], reason: "Continued", reviewBy: "2026-05-01" } });
    h.clock.set("2026-04-20T09:00:00Z");
    await sweep(h.deps);
    expect(await queued(h, null, "conduct-review-due")).toEqual([]);
    h.clock.set("2026-04-24T09:00:00Z");
    await sweep(h.deps);
    expect(await queued(h, null, "conduct-review-due")).toEqual([id("complaints-manager")]);
    // The restriction shows on the customer's cases.
    expect((await manager.cases.get({ caseId })).restrictions).toEqual([{ kind: "written-contact-only", adjustments: null }]);
  });

  it("without SMTP, leaves notifications in the outbox, where staff read their own", async () => {
    const mine = await (await h.as("investigating-officer")).notifications.mine({});
    expect(mine.map((n) => n.kind)).toEqual(expect.arrayContaining(["reminder", "overdue", "holding-response-due"]));
    expect(mine.every((n) => n.status === "waiting")).toBe(true);
    const outbox = await (await h.as("dcro")).notifications.outbox({ kinds: ["letter"] });
    expect(outbox.map((n) => (n.payload as { letter?: string }).letter)).toEqual(expect.arrayContaining(["acknowledgement", "stage-1-response"]));
    const runner = await startJobs(h.deps, { schedule: false });
    await runner.runNow("deliver");
    await runner.stop();
    expect((await (await h.as("investigating-officer")).notifications.mine({})).every((n) => n.status === "waiting")).toBe(true);
  });
});

describe("email through SMTP", () => {
  it("sends what the sweep queued to a real SMTP server, once, and records it as sent", async () => {
    const smtp = await startSmtpSink();
    const { received } = smtp;
    const h = await openHarness({ start: "2026-03-02T09:00:00Z", transport: smtpTransport(smtp.url) });
    try {
      const dcro = await h.as("dcro");
      const { caseId, reference } = await (await h.as("customer-services")).cases.log(complaint("Email case"));
      await dcro.command.triage({ caseId, expectedVersion: 1, outcome: "accept" });
      await dcro.command.assign({ caseId, expectedVersion: 2, handlerId: h.staffIds.get("investigating-officer")! });
      h.clock.set("2026-03-05T09:00:00Z");
      const runner = await startJobs(h.deps, { schedule: false });
      await runner.runNow("sweep");
      await Promise.all([runner.runNow("deliver"), runner.runNow("deliver")]);
      await runner.stop();
      const reminders = received.filter((m) => m.data.includes(`${reference}: acknowledgement due 2026-03-09`));
      expect(reminders.map((m) => m.to)).toEqual(["investigating-officer@example.gov.uk"]);
      const rows = await h.db.db.selectFrom("notifications_outbox").select(["kind", "sent_at"]).where("case_id", "=", caseId).where("kind", "=", "reminder").execute();
      expect(rows).toHaveLength(1);
      expect(rows[0]!.sent_at).toBeInstanceOf(Date);
      // Letters are work for the letters service, not emails.
      expect(received.some((m) => /letter/i.test(m.data.split("\r\n\r\n")[0] ?? ""))).toBe(false);
    } finally {
      h.deps.notifier.close();
      await h.close();
      await smtp.close();
    }
  });
});
