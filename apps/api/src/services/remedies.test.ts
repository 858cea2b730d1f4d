/**
 * Financial remedies and delegated limits through the API: the approver's limit comes from the
 * roles the council has given them, never from what the caller claims.
 * Source: council profile delegated financial limits (Leeds policy para 70: each service's
 * scheme of delegation; the default profile: head of service £1,000, director £5,000).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openHarness, type Harness } from "../../test/harness.js";
import { refusal } from "../../test/refusal.js";

describe("financial remedies are approved within the approver's own delegated limit", () => {
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

  const payment = (amountPence: number, approverId: string, extra: Record<string, unknown> = {}) => ({
    id: "pay",
    type: "financial" as const,
    description: "A payment for the bank charges",
    ownerId: null,
    dueOn: "2026-03-31",
    amountPence,
    financialKind: "compensation" as const,
    approverId,
    ...extra,
  });

  it("allows £900 approved by a head of service (limit £1,000)", async () => {
    const { caseId, version } = await acknowledgedCase();
    const answered = await manager.command.respond({ caseId, expectedVersion: version, outcome: "upheld", reasons: "We took it twice.", remedies: [payment(90_000, h.staffIds.get("head-of-service")!)] });
    expect(answered.version).toBeGreaterThan(version);
  });

  it("refuses £4,000 approved by a head of service, even when the caller says the approver is a director", async () => {
    const { caseId, version } = await acknowledgedCase();
    const claimed = payment(400_000, h.staffIds.get("head-of-service")!, { approverRoles: ["director"] });
    const error = await refusal(
      manager.command.respond({ caseId, expectedVersion: version, outcome: "upheld", reasons: "We took it twice.", remedies: [claimed as ReturnType<typeof payment>] }),
    );
    expect(error.client.refusal).toMatchObject({ code: "REMEDY_OVER_LIMIT", rule: "Council profile: delegated financial limits" });
    expect(error.client.message).toContain("£1000.00");
  });

  it("allows £4,000 approved by a director (limit £5,000)", async () => {
    const { caseId, version } = await acknowledgedCase();
    const answered = await manager.command.respond({ caseId, expectedVersion: version, outcome: "upheld", reasons: "We took it twice.", remedies: [payment(400_000, h.staffIds.get("director")!)] });
    expect(answered.version).toBeGreaterThan(version);
  });

  it("refuses an approver who is not a member of this council's staff, and changes nothing", async () => {
    const { caseId, version } = await acknowledgedCase();
    const error = await refusal(
      manager.command.respond({ caseId, expectedVersion: version, outcome: "upheld", reasons: "We took it twice.", remedies: [payment(5_000, "00000000-0000-4000-8000-000000000000")] }),
    );
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.client.message).toBe("The approver of a financial remedy must be an active member of this council's staff");
    expect((await manager.cases.get({ caseId })).version).toBe(version);
  });
});
