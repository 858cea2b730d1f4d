/**
 * Merge, link and split (issue 16; docs/decisions/0106-merge-link-split.md): each command's
 * refusals and what it does to the case and its dates. The API runs them in pairs
 * (apps/api/src/services/case-links.ts); here each side is run on its own.
 */
import { describe, expect, it } from "vitest";
import { accept, council, officer, runCase } from "../../../test/scenario.js";
import { fixedClock } from "../../clock.js";
import { transition } from "../transition.js";
import type { CaseCommand, CaseState, OtherCase, TransitionResult } from "../types.js";

const rules = council().rulesFor("waste", "complaint");
const received = "2026-03-02";

const otherOf = (state: CaseState): OtherCase => ({
  id: state.id,
  reference: state.reference,
  status: state.status,
  kind: state.kind,
  customer: state.customer,
  stage: state.stages.at(-1) ? { sequence: state.stages.at(-1)!.sequence, label: state.stages.at(-1)!.label } : null,
});

function run(state: CaseState, command: Record<string, unknown>, at = "2026-03-05"): TransitionResult {
  return transition(state, { by: officer, ...command } as CaseCommand, rules, fixedClock(`${at}T10:00:00Z`));
}

const triaged = (id: string, reference: string, log: Parameters<typeof runCase>[3] = {}, steps: Parameters<typeof runCase>[2] = []) =>
  runCase(rules, received, [[received, accept], ...steps], { id, reference, ...log });

const duplicate = triaged("dup", "CMP-2026-000002");
const kept = triaged("kept", "CMP-2026-000001");

describe("merging a duplicate found after triage", () => {
  it("closes the duplicate as merged into the case kept, ending its stage and its clock", () => {
    const result = run(duplicate, { type: "merge-into", reference: kept.reference, other: otherOf(kept) });
    if (!result.ok) throw new Error(result.refusal.message);
    expect(result.state.status).toBe("closed");
    expect(result.state.closure).toEqual({ on: "2026-03-05", reason: "merged", note: "Merged into CMP-2026-000001" });
    expect(result.state.links).toEqual([{ caseId: "kept", reference: "CMP-2026-000001", kind: "merged-into", on: "2026-03-05" }]);
    expect(result.state.stages[0]!.endedOn).toBe("2026-03-05");
    expect(result.events[0]!.type).toBe("merge-into");
  });

  it("records the duplicate on the case kept, whose dates stay as they were", () => {
    const result = run(kept, { type: "merge-in", reference: duplicate.reference, other: otherOf(duplicate) });
    if (!result.ok) throw new Error(result.refusal.message);
    expect(result.state.links).toEqual([{ caseId: "dup", reference: "CMP-2026-000002", kind: "merged-in", on: "2026-03-05" }]);
    expect(result.state.dueDates).toEqual(kept.dueDates);
  });

  it("refuses a case merged into itself", () => {
    const result = run(kept, { type: "merge-into", reference: kept.reference, other: otherOf(kept) });
    expect(result.ok || result.refusal).toMatchObject({ code: "INVALID_INPUT", message: "Case CMP-2026-000001 cannot be merged into itself" });
  });

  it("refuses to merge into a closed case, naming it, and suggests linking", () => {
    const closed = triaged("kept", "CMP-2026-000001", {}, [["2026-03-03", { type: "withdraw", reason: "Resolved on the phone" }]]);
    const result = run(duplicate, { type: "merge-into", reference: closed.reference, other: otherOf(closed) });
    expect(result.ok || result.refusal.message).toBe("Case CMP-2026-000001 is closed: reopen it first, or link the two cases instead");
  });

  it("refuses a case not yet triaged: triage's duplicate outcome is the path before triage", () => {
    const fresh = runCase(rules, received, [], { id: "new", reference: "CMP-2026-000003" });
    const result = run(fresh, { type: "merge-into", reference: kept.reference, other: otherOf(kept) });
    expect(result.ok || result.refusal.message).toBe("Case CMP-2026-000003 has not been triaged: triage it as a duplicate of CMP-2026-000001 instead");
  });

  it("refuses a case escalated past the case kept (complaint handling code 6: the resident keeps the later stage)", () => {
    const atStage2 = triaged("dup", "CMP-2026-000002", {}, [
      ["2026-03-03", { type: "acknowledge" }],
      ["2026-03-10", { type: "respond", outcome: "not-upheld", reasons: "Collected on time" }],
      ["2026-03-11", { type: "escalate", reason: "Not happy" }],
    ]);
    const result = run(atStage2, { type: "merge-into", reference: kept.reference, other: otherOf(kept) }, "2026-03-12");
    expect(result.ok || result.refusal).toMatchObject({ code: "NOT_ALLOWED_NOW", rule: "complaint handling code 6 (the stages a complaint has reached)" });
    expect(result.ok || result.refusal.message).toContain("merge CMP-2026-000001 into CMP-2026-000002 instead");
  });

  it("refuses another resident's complaint, naming both, and suggests linking (UK GDPR Art 5(1)(f))", () => {
    const bobs = triaged("kept", "CMP-2026-000001", { customer: { id: "cust-2", name: "Bob Other" } });
    const result = run(duplicate, { type: "merge-into", reference: bobs.reference, other: otherOf(bobs) });
    expect(result.ok || result.refusal.message).toBe(
      "CMP-2026-000002 is Ann Example's complaint and CMP-2026-000001 is Bob Other's: link the cases instead of merging them (UK GDPR Art 5(1)(f) (one resident's details are not disclosed to another))",
    );
  });

  it("lets an anonymous duplicate go into a named resident's case", () => {
    const anonymous = triaged("dup", "CMP-2026-000002", { customer: null });
    expect(run(anonymous, { type: "merge-into", reference: kept.reference, other: otherOf(kept) }).ok).toBe(true);
  });

  it("refuses a merge run without the case kept (a command sent on its own)", () => {
    const result = run(duplicate, { type: "merge-into", reference: kept.reference });
    expect(result.ok || result.refusal).toMatchObject({ code: "INVALID_INPUT", message: "Say which case to merge it into" });
  });
});

describe("linking related cases", () => {
  it("links both ways, then unlinks", () => {
    const linked = run(kept, { type: "link-case", reference: duplicate.reference, other: otherOf(duplicate) });
    if (!linked.ok) throw new Error(linked.refusal.message);
    expect(linked.state.links).toEqual([{ caseId: "dup", reference: "CMP-2026-000002", kind: "related", on: "2026-03-05" }]);
    const again = run(linked.state, { type: "link-case", reference: duplicate.reference, other: otherOf(duplicate) });
    expect(again.ok || again.refusal.message).toBe("Case CMP-2026-000001 is already linked to CMP-2026-000002");
    const unlinked = run(linked.state, { type: "unlink-case", reference: duplicate.reference, other: otherOf(duplicate) });
    expect(unlinked.ok && unlinked.state.links).toEqual([]);
  });

  it("keeps a merge on the record: it cannot be unlinked", () => {
    const merged = run(kept, { type: "merge-in", reference: duplicate.reference, other: otherOf(duplicate) });
    if (!merged.ok) throw new Error(merged.refusal.message);
    const result = run(merged.state, { type: "unlink-case", reference: duplicate.reference, other: otherOf(duplicate) });
    expect(result.ok || result.refusal.message).toBe("CMP-2026-000001 and CMP-2026-000002 were merged: that stays on the record and cannot be unlinked");
  });
});

describe("splitting a complaint about two services (Leeds policy paras 36-37: one service leads)", () => {
  const twoServices = triaged("orig", "CMP-2026-000001", { otherServiceIds: ["highways", "parks"] });
  const created: OtherCase = { id: "new", reference: "CMP-2026-000009", status: "new", kind: "complaint", customer: twoServices.customer, stage: null };

  it("takes the service off the original and links the new case, leaving the original's dates as they were", () => {
    const result = run(twoServices, { type: "split", serviceId: "highways", description: "The pothole outside", other: created });
    if (!result.ok) throw new Error(result.refusal.message);
    expect(result.state.otherServiceIds).toEqual(["parks"]);
    expect(result.state.links).toEqual([{ caseId: "new", reference: "CMP-2026-000009", kind: "split-into", on: "2026-03-05" }]);
    expect(result.state.dueDates).toEqual(twoServices.dueDates);
  });

  it("refuses the lead service (para 36) and a service the complaint does not cover", () => {
    const lead = run(twoServices, { type: "split", serviceId: "waste", description: "x", other: created });
    expect(lead.ok || lead.refusal).toMatchObject({ code: "INVALID_INPUT", rule: "Leeds policy para 36" });
    const other = run(twoServices, { type: "split", serviceId: "libraries", description: "x", other: created });
    expect(other.ok || other.refusal.message).toBe("Choose one of the other services this complaint covers");
  });

  it("the part split off counts from the original receipt: logged with the original's arrival, its acknowledgement falls due as the original's did", () => {
    const part = runCase(rules, received, [], { id: "new", reference: "CMP-2026-000009", serviceId: "waste", receivedAt: twoServices.receivedAt });
    const original = runCase(rules, received, [], { id: "orig", reference: "CMP-2026-000001" });
    expect(part.receipt.receivedOn).toBe(original.receipt.receivedOn);
    expect(part.dueDates.map((d) => [d.kind, d.date])).toEqual(original.dueDates.map((d) => [d.kind, d.date]));
  });
});
