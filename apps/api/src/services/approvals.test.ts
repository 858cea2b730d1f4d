/**
 * Approval of a payment above the officer's delegated limit, through the API (decision 0324):
 * the people who may decide are told and see it in their list; the officer is told of the
 * decision and sends the response as proposed, with the approver recorded. Source: the
 * council's scheme of delegation in its profile (Leeds policy para 70(4); the default profile:
 * investigating officer £100, complaints manager £500).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openHarness, type Harness } from "../../test/harness.js";
import { refusal } from "../../test/refusal.js";

describe("a payment above the officer's limit waits for approval", () => {
  let h: Harness;

  beforeAll(async () => {
    h = await openHarness({ start: "2026-03-02T09:00:00Z" });
  });
  afterAll(async () => h?.close());

  const alertsTo = async (caseId: string) =>
    (await h.db.db.selectFrom("notifications_outbox").selectAll().where("case_id", "=", caseId).where("kind", "=", "case-notification").orderBy("id").execute()).map((n) => ({
      staffId: (n.recipient as { staffId?: string }).staffId,
      subject: (n.payload as { subject: string }).subject,
      text: (n.payload as { text: string }).text,
    }));

  it("is asked for, listed for the approver, approved, then sent without retyping", async () => {
    const manager = await h.as("complaints-manager");
    const officer = await h.as("investigating-officer");
    const officerId = h.staffIds.get("investigating-officer")!;
    const managerId = h.staffIds.get("complaints-manager")!;
    const logged = await manager.cases.log({ kind: "complaint", channel: "email", serviceId: "council-tax", description: "Taken twice", customer: { fullName: "Rita Remedy", email: "rita@example.com" } });
    const caseId = logged.caseId;
    let v = (await manager.command.triage({ caseId, expectedVersion: logged.version, outcome: "accept" })).version;
    v = (await manager.command.assign({ caseId, expectedVersion: v, handlerId: officerId })).version;
    v = (await officer.command.acknowledge({ caseId, expectedVersion: v })).version;
    const response = {
      outcome: "upheld" as const,
      reasons: "We took the payment twice.",
      remedies: [{ id: "pay", type: "financial" as const, description: "The bank charges", ownerId: null, dueOn: null, amountPence: 25_000, financialKind: "compensation" as const, approverId: officerId }],
    };

    v = (await officer.command.requestApproval({ caseId, expectedVersion: v, approvalId: "ap-1", response })).version;
    // The complaints manager (limit £500) is the least senior who may approve £250, and is told.
    const asked = await alertsTo(caseId);
    expect(asked.filter((a) => a.staffId === managerId)).toEqual([
      { staffId: managerId, subject: `${logged.reference}: your approval is asked for`, text: expect.stringContaining("asks you to approve £250.00 compensation (The bank charges) in the response to Stage 1") },
    ]);
    expect((await manager.queues.approvals()).items).toEqual([
      expect.objectContaining({ caseId, reference: logged.reference, approvalId: "ap-1", amountPence: 25_000, requestedBy: { id: officerId, name: expect.any(String) }, requestedOn: "2026-03-02" }),
    ]);
    // Not the officer's to decide, and not offered to them.
    expect((await officer.queues.approvals()).items).toEqual([]);
    expect((await officer.cases.get({ caseId })).available).not.toContain("decide-approval");
    expect((await manager.cases.get({ caseId })).available).toContain("decide-approval");

    const waiting = await refusal(officer.command.respond({ caseId, expectedVersion: v, ...response, approvalId: "ap-1" }));
    expect(waiting.client.message).toContain("has not been decided yet");

    v = (await manager.command.decideApproval({ caseId, expectedVersion: v, approvalId: "ap-1", decision: "approve" })).version;
    expect((await alertsTo(caseId)).at(-1)).toMatchObject({ staffId: officerId, subject: `${logged.reference}: approved` });
    expect((await manager.queues.approvals()).items).toEqual([]);

    await officer.command.respond({ caseId, expectedVersion: v, ...response, approvalId: "ap-1" });
    const detail = await officer.cases.get({ caseId });
    expect(detail.stages[0]!.response!.remedies).toMatchObject([{ amountPence: 25_000, approverId: managerId }]);
    expect(detail.approvals).toEqual([expect.objectContaining({ id: "ap-1", requestedByName: expect.any(String), decision: expect.objectContaining({ approved: true, by: managerId }), decidedByName: expect.any(String), usedOn: "2026-03-02" })]);
    expect(detail.timeline.map((e) => e.type)).toEqual(expect.arrayContaining(["request-approval", "decide-approval", "respond"]));
  });
});
