import { RuleBook, defaultProfile, fixedClock, type Actor, type CaseState } from "@complaints/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDb, type TestDb } from "../test/db.js";
import { caseRepository } from "./cases.js";
import { conductRepository } from "./conduct.js";
import { ConflictError } from "./errors.js";
import { listEvents, verifyEventChain } from "./events.js";
import {
  applyCaseCommand,
  applyCustomerConductCommand,
  logCase,
  projectCaseState,
} from "./lifecycle.js";
import { authRepository } from "./auth.js";
import { createTestCouncil, TEST_SEEDED_AT } from "./testing/index.js";

// The real lifecycle from @complaints/core, through the storage layer, on the default profile.
const rules = new RuleBook(defaultProfile, []).rulesFor("waste", "complaint");
const on = (date: string, time = "10:00") => fixedClock(`${date}T${time}:00Z`);

let t: TestDb;
let councilId: string;
let officer: Actor;
let manager: Actor;
let intake: Actor;

beforeAll(async () => {
  t = await openTestDb();
  const { council } = await createTestCouncil(t.db, { slug: "example", name: defaultProfile.name, profile: defaultProfile });
  councilId = council.id;
  const staff = async (
    email: string,
    role: "investigating-officer" | "complaints-manager" | "customer-services",
  ) => {
    return { id: await authRepository.insertStaff(t.db, { councilId, email, displayName: email, grants: [{ role, directorateId: null }] }, TEST_SEEDED_AT), roles: [role] } satisfies Actor;
  };
  officer = await staff("officer@example.gov.uk", "investigating-officer");
  manager = await staff("manager@example.gov.uk", "complaints-manager");
  intake = await staff("intake@example.gov.uk", "customer-services");
});
afterAll(() => t?.close());

async function logged(options: { flags?: CaseState["flags"]; description?: string } = {}) {
  const result = await logCase(t.db, {
    councilId,
    command: {
      by: intake,
      kind: "complaint",
      channel: "web",
      receivedAt: "2026-03-02T09:30:00Z",
      description: options.description ?? "My green bin has not been emptied for three weeks",
      serviceId: "waste",
      ...(options.flags ? { flags: options.flags } : {}),
    },
    customer: { fullName: "Nina Simone", email: "nina@example.org", postcode: "EX1 2BB" },
    rules,
    clock: on("2026-03-02"),
  });
  if (!result.ok) throw new Error(result.refusal.message);
  return result;
}

describe("logCase with @complaints/core", () => {
  it("stores core's snapshot with the reference and ids the database assigned", async () => {
    const result = await logged();
    expect(result.state).toMatchObject({
      id: result.caseId,
      reference: result.reference,
      version: 1,
      status: "new",
    });
    expect(result.reference).toMatch(/^CMP-2026-\d{6}$/);
    const stored = await caseRepository.getCase<CaseState>(t.db, result.caseId);
    expect(stored.state).toEqual(result.state);
    expect(stored.row).toMatchObject({
      kind: "complaint",
      channel: "web",
      status: "new",
      receipt_date: result.state.receipt.countsFrom,
    });
    expect(stored.row.customer_id).toBe(result.state.customer?.id);
    expect(result.state.customer?.name).toBe("Nina Simone");
  });

  it("mirrors core's due dates, with their explanations, into due_dates", async () => {
    const result = await logged();
    const rows = await caseRepository.listDueDates(t.db, result.caseId);
    const expected = [...result.state.dueDates].sort(
      (a, b) => a.date.localeCompare(b.date) || a.id.localeCompare(b.id),
    );
    expect(
      rows.map((r) => [r.due_id, r.kind, r.nature, r.due_date, r.met_on, r.explanation, r.rule]),
    ).toEqual(
      expected.map((d) => [d.id, d.kind, d.nature, d.date, d.metOn, d.explanation, d.rule]),
    );
  });

  it("marks cases about named staff as restricted", async () => {
    const result = await logged({ flags: ["named-staff"] });
    expect((await caseRepository.getCase(t.db, result.caseId)).row.restricted).toBe(true);
  });
});

describe("applyCaseCommand with @complaints/core", () => {
  it("takes a complaint through triage, assignment and acknowledgement, mirroring each step", async () => {
    const result = await logged();
    const triaged = await applyCaseCommand(t.db, {
      caseId: result.caseId,
      expectedVersion: 1,
      command: { type: "triage", by: manager, outcome: "accept" },
      rules,
      clock: on("2026-03-02", "11:00"),
    });
    if (!triaged.ok) throw new Error(triaged.refusal.message);
    const assigned = await applyCaseCommand(t.db, {
      caseId: result.caseId,
      expectedVersion: triaged.version,
      command: { type: "assign", by: manager, handlerId: officer.id },
      rules,
      clock: on("2026-03-02", "12:00"),
    });
    if (!assigned.ok) throw new Error(assigned.refusal.message);
    const acknowledged = await applyCaseCommand(t.db, {
      caseId: result.caseId,
      expectedVersion: assigned.version,
      command: { type: "acknowledge", by: officer },
      rules,
      clock: on("2026-03-03"),
    });
    if (!acknowledged.ok) throw new Error(acknowledged.refusal.message);

    expect(acknowledged.version).toBe(4);
    expect(acknowledged.state.version).toBe(4);
    expect(acknowledged.effects).toEqual([
      expect.objectContaining({ type: "send-letter", letter: "acknowledgement" }),
    ]);
    const stored = await caseRepository.getCase<CaseState>(t.db, result.caseId);
    expect(stored.row).toMatchObject({
      status: "open",
      assigned_staff_id: officer.id,
      current_stage_id: "stage-1",
      version: 4,
    });
    const [stage] = await caseRepository.listStageInstances(t.db, result.caseId);
    expect(stage).toMatchObject({
      sequence: 1,
      stage_id: "stage-1",
      acknowledged_on: "2026-03-03",
      handler_staff_id: officer.id,
    });
    const projection = projectCaseState(stored.state);
    const due = await caseRepository.listDueDates(t.db, result.caseId);
    expect(due.map((d) => [d.due_id, d.met_on]).sort()).toEqual(
      projection.dueDates.map((d) => [d.id, d.metOn]).sort(),
    );
    // Acknowledged but not sent yet: met when the acknowledgement is sent (decision 0322).
    expect(due.find((d) => d.kind === "acknowledge")?.met_on).toBeNull();

    const events = await listEvents(t.db, { caseId: result.caseId });
    expect(events.map((e) => [e.streamVersion, e.type, e.actor])).toEqual([
      [1, "log", { type: "staff", id: intake.id }],
      [2, "triage", { type: "staff", id: manager.id }],
      [3, "assign", { type: "staff", id: manager.id }],
      [4, "acknowledge", { type: "staff", id: officer.id }],
    ]);
    expect(events[3]!.occurredAt.toISOString()).toBe("2026-03-03T10:00:00.000Z");
    expect(await verifyEventChain(t.db, result.caseId)).toMatchObject({ ok: true, events: 4 });
  });

  it("passes core's refusals back without writing", async () => {
    const result = await logged();
    const refused = await applyCaseCommand(t.db, {
      caseId: result.caseId,
      expectedVersion: 1,
      command: { type: "respond", by: officer, outcome: "upheld", reasons: "Too early" },
      rules,
      clock: on("2026-03-03"),
    });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.refusal.code).toBe("NOT_ALLOWED_NOW");
    expect((await caseRepository.getCase(t.db, result.caseId)).version).toBe(1);
  });

  it("tells the second of two officers acting on the same version what the first did", async () => {
    const result = await logged();
    const first = await applyCaseCommand(t.db, {
      caseId: result.caseId,
      expectedVersion: 1,
      command: { type: "triage", by: manager, outcome: "accept" },
      rules,
      clock: on("2026-03-02", "11:00"),
    });
    expect(first.ok).toBe(true);
    const second = applyCaseCommand(t.db, {
      caseId: result.caseId,
      expectedVersion: 1,
      command: {
        type: "triage",
        by: officer,
        outcome: "not-a-complaint",
        agreedWithCustomer: true,
        note: "A service request",
      },
      rules,
      clock: on("2026-03-02", "11:01"),
    });
    await expect(second).rejects.toBeInstanceOf(ConflictError);
    await second.catch((error: ConflictError) => {
      expect(error.changes.map((e) => [e.type, e.actor.id])).toEqual([["triage", manager.id]]);
    });
  });
});

describe("applyCustomerConductCommand with @complaints/core", () => {
  it("keeps a customer's persistent-complainant process with its own versions and chained events", async () => {
    const result = await logged();
    const customerId = result.state.customer!.id;
    const referred = await applyCustomerConductCommand(t.db, {
      customerId,
      expectedVersion: 0,
      command: {
        type: "refer",
        by: officer,
        evidence: "Forty calls in two weeks, abusive voicemails on 3 and 5 March",
      },
      clock: on("2026-03-06"),
    });
    if (!referred.ok) throw new Error(referred.refusal.message);
    const warned = await applyCustomerConductCommand(t.db, {
      customerId,
      expectedVersion: 1,
      command: {
        type: "warn",
        by: manager,
        behaviourExpected: "No more than one call a day",
        until: "2026-04-06",
      },
      clock: on("2026-03-09"),
    });
    if (!warned.ok) throw new Error(warned.refusal.message);
    const designated = await applyCustomerConductCommand(t.db, {
      customerId,
      expectedVersion: 2,
      command: {
        type: "designate",
        by: manager,
        restrictions: [{ kind: "single-point-of-contact", contact: "Mo Manager" }],
        reason: "Calls continued after the warning",
        reviewBy: "2026-09-01",
      },
      clock: on("2026-04-10"),
    });
    if (!designated.ok) throw new Error(designated.refusal.message);

    expect(await conductRepository.getConduct(t.db, customerId)).toMatchObject({
      version: 3,
      status: "designated",
      reviewBy: "2026-09-01",
    });
    expect(
      await conductRepository.listDesignationsDueForReview(t.db, councilId, "2026-09-30"),
    ).toEqual([{ customerId, reviewBy: "2026-09-01" }]);
    expect(
      await conductRepository.listDesignationsDueForReview(t.db, councilId, "2026-08-31"),
    ).toEqual([]);
    expect(
      (await listEvents(t.db, { conductCustomerId: customerId })).map((e) => [e.seq, e.type]),
    ).toEqual([
      [1, "refer"],
      [2, "warn"],
      [3, "designate"],
    ]);
    expect(await verifyEventChain(t.db, { conductCustomerId: customerId })).toMatchObject({
      ok: true,
      events: 3,
    });

    const stale = applyCustomerConductCommand(t.db, {
      customerId,
      expectedVersion: 2,
      command: { type: "record-comment", by: officer, comment: "Customer disputes the warning" },
      clock: on("2026-04-11"),
    });
    await expect(stale).rejects.toBeInstanceOf(ConflictError);
  });

  it("lets only one of two first referrals of the same customer through", async () => {
    const result = await logged();
    const customerId = result.state.customer!.id;
    const refer = () =>
      applyCustomerConductCommand(t.db, {
        customerId,
        expectedVersion: 0,
        command: { type: "refer", by: officer, evidence: "Repeated calls with abusive language" },
        clock: on("2026-03-06"),
      });
    const outcomes = await Promise.allSettled([refer(), refer(), refer()]);
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
    expect(
      outcomes.filter((o) => o.status === "rejected" && o.reason instanceof ConflictError),
    ).toHaveLength(2);
    expect((await conductRepository.getConduct(t.db, customerId))?.version).toBe(1);
  });
});
