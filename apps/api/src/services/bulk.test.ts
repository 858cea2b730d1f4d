/**
 * Work in bulk (issue 16): cases chosen in a queue are assigned, or have their waiting letters
 * issued, at once; each case succeeds or is refused on its own, with core's reason, and a case
 * refused is left exactly as it was.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openHarness, type Harness } from "../../test/harness.js";
import { refusal } from "../../test/refusal.js";
import { BULK_LIMIT } from "./bulk.js";

const complaint = (description: string, extra: Record<string, unknown> = {}) => ({
  kind: "complaint" as const,
  channel: "phone" as const,
  serviceId: "council-tax",
  description,
  desiredOutcome: "Put it right",
  customer: { fullName: "Ann Example", phone: "0113 496 0000" },
  ...extra,
});

describe("bulk actions on the work queue", () => {
  let h: Harness;
  let io: string;
  beforeAll(async () => {
    h = await openHarness({ start: "2026-03-02T09:00:00Z" });
    io = h.staffIds.get("investigating-officer")!;
  });
  afterAll(async () => h?.close());

  async function triaged(description: string, extra: Record<string, unknown> = {}) {
    const { caseId } = await (await h.as("customer-services")).cases.log(complaint(description, extra));
    const { version } = await (await h.as("complaints-manager")).command.triage({ caseId, expectedVersion: 1, outcome: "accept" });
    return { caseId, expectedVersion: version };
  }

  it("assigns each case on its own: the one that names the officer is refused with core's reason (Leeds policy), the other is assigned", async () => {
    const plain = await triaged("Charged twice for March");
    const aboutThem = await triaged("The officer was rude to me", { aboutStaffIds: [io] });
    // A case naming staff is restricted: the complaints manager may see and assign it.
    const dcro = await h.as("complaints-manager");
    const { results } = await dcro.cases.bulk({ action: "assign", cases: [plain, aboutThem], payload: { handlerId: io } });
    const reference = async (caseId: string) => (await dcro.cases.get({ caseId })).reference;
    expect(results).toEqual([
      { position: 0, caseId: plain.caseId, reference: await reference(plain.caseId), outcome: "done", message: "Assigned", code: null },
      { position: 1, caseId: aboutThem.caseId, reference: await reference(aboutThem.caseId), outcome: "refused", message: expect.stringContaining("is named in the complaint and may not investigate it"), code: "CONFLICT_OF_INTEREST" },
    ]);
    expect((await dcro.cases.get({ caseId: plain.caseId })).assignedStaff?.id).toBe(io);
    const refused = await dcro.cases.get({ caseId: aboutThem.caseId });
    expect([refused.assignedStaff, refused.version]).toEqual([null, aboutThem.expectedVersion]);
  });

  it("refuses a case changed since the queue was shown, and one the caller cannot see, without leaking it", async () => {
    const stale = await triaged("Bailiff letter sent in error");
    const dcro = await h.as("dcro");
    await dcro.command.assign({ caseId: stale.caseId, expectedVersion: stale.expectedVersion, handlerId: io });
    const { caseId: hidden } = await (await h.as("complaints-manager")).cases.log(complaint("Missed bin collection", { serviceId: "waste" }));
    const { results } = await dcro.cases.bulk({ action: "assign", cases: [stale, { caseId: hidden, expectedVersion: 1 }], payload: { handlerId: io } });
    expect(results.map((r) => [r.outcome, r.code])).toEqual([
      ["refused", "VERSION_CONFLICT"],
      ["refused", "NOT_FOUND"],
    ]);
    expect([results[1]!.caseId, results[1]!.reference]).toEqual([null, null]);
  });

  it("the same bulk form sent twice assigns once (each case's own idempotency key)", async () => {
    const one = await triaged("Direct debit taken on the wrong day");
    const dcro = await h.as("dcro");
    const send = () => dcro.cases.bulk({ action: "assign", cases: [one], payload: { handlerId: io }, idempotencyKey: "bulk-form-0001" });
    expect((await send()).results[0]!.outcome).toBe("done");
    expect((await send()).results[0]!.outcome).toBe("done");
    expect((await dcro.cases.get({ caseId: one.caseId })).version).toBe(one.expectedVersion + 1);
  });

  it("checks the action's own fields before touching any case, and takes at most BULK_LIMIT cases", async () => {
    const one = await triaged("Council tax band wrong");
    const dcro = await h.as("dcro");
    expect((await refusal(dcro.cases.bulk({ action: "assign", cases: [one], payload: {} }))).code).toBe("BAD_REQUEST");
    expect((await dcro.cases.get({ caseId: one.caseId })).version).toBe(one.expectedVersion);
    const many = Array.from({ length: BULK_LIMIT + 1 }, (_, n) => ({ caseId: `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`, expectedVersion: 1 }));
    expect((await refusal(dcro.cases.bulk({ action: "assign", cases: many, payload: { handlerId: io } }))).code).toBe("BAD_REQUEST");
    expect((await refusal(dcro.cases.bulk({ action: "assign", cases: [one, one], payload: { handlerId: io } }))).code).toBe("BAD_REQUEST");
  });

  it("transfers each case to another service (Leeds policy para 42) and adds a flag to each, keeping the flags it had", async () => {
    const manager = await h.as("complaints-manager");
    const one = await triaged("Wrong service: this is about bins");
    const two = await triaged("Also about bins", { flags: ["reasonable-adjustments"] });
    const moved = await manager.cases.bulk({ action: "transfer", cases: [one, two], payload: { serviceId: "waste", reason: "Logged against council tax by mistake" } });
    expect(moved.results.map((r) => [r.outcome, r.message])).toEqual([
      ["done", "Transferred to another service"],
      ["done", "Transferred to another service"],
    ]);
    const versions = await Promise.all([one, two].map(async (c) => ({ caseId: c.caseId, expectedVersion: (await manager.cases.get({ caseId: c.caseId })).version })));
    const flagged = await manager.cases.bulk({ action: "add-flag", cases: versions, payload: { addFlags: ["vulnerability"] } });
    expect(flagged).toMatchObject({ action: "Add a flag", results: [{ outcome: "done", message: "Flag added" }, { outcome: "done" }] });
    const after = await Promise.all([one, two].map((c) => manager.cases.get({ caseId: c.caseId })));
    expect(after.map((c) => [c.service.code, c.flags])).toEqual([
      ["waste", ["vulnerability"]],
      ["waste", ["reasonable-adjustments", "vulnerability"]],
    ]);
  });

  it("issues each case's waiting letters: one still lacking an address is refused saying so, one that can go is issued", async () => {
    const officer = await h.as("investigating-officer");
    const dcro = await h.as("dcro");
    const waiting = async (description: string) => {
      const c = await triaged(description);
      const { version } = await dcro.command.assign({ ...c, handlerId: io });
      const outcome = await officer.command.acknowledge({ caseId: c.caseId, expectedVersion: version });
      expect(outcome.letters[0]).toMatchObject({ status: "waiting" });
      return { caseId: c.caseId, expectedVersion: outcome.version };
    };
    const noAddress = await waiting("Letter never arrived");
    const nowKnown = await waiting("Phone not answered");
    // The address reached the resident's record another way (an import) after the step.
    const customerId = (await dcro.cases.get({ caseId: nowKnown.caseId })).customer!.id;
    await h.db.db.updateTable("customers").set({ address: "3 High Street\nExampleton", postcode: "EX3 4CD" }).where("id", "=", customerId).execute();
    const { results } = await officer.cases.bulk({ action: "issue-letters", cases: [noAddress, nowKnown] });
    expect(results.map((r) => [r.outcome, r.message])).toEqual([
      ["refused", expect.stringMatching(/^acknowledgement: not issued \(.*postal address/)],
      ["done", "acknowledgement: issued"],
    ]);
    const again = await officer.cases.bulk({ action: "issue-letters", cases: [nowKnown] });
    expect(again.results[0]).toMatchObject({ outcome: "refused", message: "No letters are waiting on this case" });
  });
});
