/**
 * Financial remedies and delegated limits through the API (decision 0324): the one who sends
 * the response approves its payments within their own delegated limit; a payment above it is
 * approved by someone with a higher limit through request-approval / decide-approval, never by
 * naming them on the response. Source: the council's scheme of delegation in its profile (Leeds
 * policy para 70(4); the default profile: complaints manager £500, head of service £1,000,
 * director £5,000).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openHarness, type Harness } from "../../test/harness.js";
import { refusal } from "../../test/refusal.js";

describe("financial remedies are approved within the sender's own limit, or through an approval", () => {
  let h: Harness;
  let manager: Awaited<ReturnType<Harness["as"]>>;

  beforeAll(async () => {
    h = await openHarness({ start: "2026-03-02T09:00:00Z" });
    manager = await h.as("complaints-manager");
  });
  afterAll(async () => h?.close());

  async function acknowledgedCase(): Promise<{ caseId: string; version: number }> {
    const logged = await manager.cases.log({
      kind: "complaint",
      channel: "email",
      serviceId: "council-tax",
      description: "My council tax was taken twice and the bank charged me for it.",
      customer: { fullName: "Rita Remedy", email: "rita.remedy@example.com" },
    });
    let version = (await manager.command.triage({ caseId: logged.caseId, expectedVersion: logged.version, outcome: "accept" })).version;
    version = (await manager.command.acknowledge({ caseId: logged.caseId, expectedVersion: version })).version;
    return { caseId: logged.caseId, version };
  }

  const payment = (amountPence: number, approverId?: string) => ({
    id: "pay",
    type: "financial" as const,
    description: "A payment for the bank charges",
    ownerId: null,
    dueOn: "2026-03-31",
    amountPence,
    financialKind: "compensation" as const,
    ...(approverId ? { approverId } : {}),
  });
  const answer = { outcome: "upheld" as const, reasons: "We took it twice." };

  it("records the sender as the approver of £400 within their £500 limit", async () => {
    const { caseId, version } = await acknowledgedCase();
    await manager.command.respond({ caseId, expectedVersion: version, ...answer, remedies: [payment(40_000)] });
    expect((await manager.cases.get({ caseId })).stages[0]!.response!.remedies).toMatchObject([{ amountPence: 40_000, approverId: h.staffIds.get("complaints-manager") }]);
  });

  it("refuses £900 above the sender's £500 limit, naming it, and changes nothing", async () => {
    const { caseId, version } = await acknowledgedCase();
    const error = await refusal(manager.command.respond({ caseId, expectedVersion: version, ...answer, remedies: [payment(90_000)] }));
    expect(error.client.refusal).toMatchObject({ code: "REMEDY_OVER_LIMIT" });
    expect(error.client.message).toContain("£900.00 is above your delegated limit of £500.00");
    expect((await manager.cases.get({ caseId })).version).toBe(version);
  });

  it("refuses a response naming a head of service as the approver without their approval on the case", async () => {
    const { caseId, version } = await acknowledgedCase();
    const error = await refusal(manager.command.respond({ caseId, expectedVersion: version, ...answer, remedies: [payment(90_000, h.staffIds.get("head-of-service")!)] }));
    expect(error.client.refusal).toMatchObject({ code: "NOT_ALLOWED_NOW" });
    expect(error.client.message).toContain("needs their approval on the case");
    expect((await manager.cases.get({ caseId })).version).toBe(version);
  });

  it("sends £4,000 once a director (limit £5,000) approved it; a head of service (limit £1,000) may not", async () => {
    const { caseId, version } = await acknowledgedCase();
    let v = (await manager.command.requestApproval({ caseId, expectedVersion: version, approvalId: "ap-4000", response: { ...answer, remedies: [payment(400_000)] } })).version;
    const hos = await h.as("head-of-service");
    const tooLow = await refusal(hos.command.decideApproval({ caseId, expectedVersion: v, approvalId: "ap-4000", decision: "approve" }));
    expect(tooLow.client.message).toContain("£4000.00 is above your delegated limit of £1000.00");
    v = (await (await h.as("director")).command.decideApproval({ caseId, expectedVersion: v, approvalId: "ap-4000", decision: "approve" })).version;
    await manager.command.respond({ caseId, expectedVersion: v, ...answer, remedies: [payment(400_000)], approvalId: "ap-4000" });
    expect((await manager.cases.get({ caseId })).stages[0]!.response!.remedies).toMatchObject([{ amountPence: 400_000, approverId: h.staffIds.get("director") }]);
  });
});
