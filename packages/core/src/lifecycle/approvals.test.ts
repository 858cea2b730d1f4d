/**
 * Approval of payments above an officer's delegated limit, and of the council's reply to the
 * Ombudsman (decision 0324). The rules come from the council's scheme of delegation, held in its
 * profile (Leeds policy para 70(4): goodwill gestures "may only be approved in accordance with
 * each service's written scheme of delegation" with limits that "correspond to the seniority of
 * the officer", and "audit trail arrangements"), and from Southwark's procedure (Ombudsman
 * enquiries: the response "must be shared with the HoS for a final review" before submission).
 */
import { describe, expect, it } from "vitest";
import { accept, council, refusalOf, runCase, type Step } from "../../test/scenario.js";
import { transition } from "./transition.js";
import type { Actor } from "./types.js";

const rules = council({
  delegatedLimits: [
    { role: "investigating-officer", maxPounds: 100 },
    { role: "complaints-manager", maxPounds: 500 },
    { role: "head-of-service", maxPounds: 1000 },
  ],
}).rulesFor("waste", "complaint");
const received = "2026-03-02";
const io: Actor = { id: "io-1", roles: ["investigating-officer"] };
const manager: Actor = { id: "cm-1", roles: ["complaints-manager"] };
const hos: Actor = { id: "hos-1", roles: ["head-of-service"] };

const payment = (pounds: number) => ({ id: "r1", type: "financial" as const, description: "Time and trouble", ownerId: null, dueOn: null, amountPence: pounds * 100, financialKind: "compensation" as const, approverId: "io-1" });
const proposal = (pounds: number) => ({ outcome: "upheld" as const, reasons: "Missed collections.", remedies: [payment(pounds)] });
const acked: Step[] = [[received, accept], ["2026-03-03", { type: "acknowledge" }]];
const asked = (pounds: number): Step[] => [...acked, ["2026-03-09", { type: "request-approval", approvalId: "a1", response: proposal(pounds), by: io }]];
const approvedBy = (by: Actor, pounds = 250): Step[] => [...asked(pounds), ["2026-03-10", { type: "decide-approval", approvalId: "a1", decision: "approve", by }]];

describe("approval of a payment above the officer's delegated limit (Leeds policy para 70(4))", () => {
  it("the proposed response is kept with its remedies and waits for a decision", () => {
    const state = runCase(rules, received, asked(250));
    expect(state.approvals).toEqual([
      expect.objectContaining({ kind: "remedies", stageSequence: 1, amountPence: 25000, requestedBy: "io-1", requestedOn: "2026-03-09", decision: null, usedOn: null }),
    ]);
    expect(state.approvals![0]!.proposal).toMatchObject({ outcome: "upheld", reasons: "Missed collections.", remedies: [{ amountPence: 25000, financialKind: "compensation" }] });
    expect(state.stages[0]!.phase).toBe("investigating");
  });

  it("a response cannot be sent while its approval is waiting", () => {
    const r = refusalOf(rules, received, [...asked(250), ["2026-03-10", { type: "respond", ...proposal(250), by: io }]]);
    expect(r.code).toBe("NOT_ALLOWED_NOW");
    expect(r.message).toContain("The response waits for the approval asked for on Mon 9 Mar 2026");
    expect(r.message).toContain("Leeds policy para 70(4)");
  });

  it("a payment within the officer's own limit needs no approval", () => {
    const r = refusalOf(rules, received, asked(80));
    expect(r.code).toBe("NOT_ALLOWED_NOW");
    expect(r.message).toContain("£80.00 is within your delegated limit of £100.00: record the response yourself");
  });

  it("a payment above every limit in the scheme cannot be approved by anyone", () => {
    const r = refusalOf(rules, received, asked(1500));
    expect(r.code).toBe("REMEDY_OVER_LIMIT");
    expect(r.message).toContain("£1500.00 is above every delegated limit (the highest is £1000.00)");
  });

  it("the requester never approves their own request", () => {
    const r = refusalOf(rules, received, [...asked(250), ["2026-03-10", { type: "decide-approval", approvalId: "a1", decision: "approve", by: { id: "io-1", roles: ["investigating-officer", "head-of-service"] } }]]);
    expect(r.code).toBe("CONFLICT_OF_INTEREST");
    expect(r.message).toContain("You asked for this approval: someone else must decide it");
  });

  it("only someone whose delegated limit covers the payment may decide it", () => {
    const r = refusalOf(rules, received, [...asked(700), ["2026-03-10", { type: "decide-approval", approvalId: "a1", decision: "approve", by: manager }]]);
    expect(r.code).toBe("REMEDY_OVER_LIMIT");
    expect(r.message).toContain("£700.00 is above your delegated limit of £500.00; a head of service may decide it");
  });

  it("a refusal gives its reason, and the officer may propose again", () => {
    const refused = refusalOf(rules, received, [...asked(250), ["2026-03-10", { type: "decide-approval", approvalId: "a1", decision: "refuse", reason: "  ", by: manager }]]);
    expect(refused.code).toBe("INVALID_INPUT");
    expect(refused.message).toContain("Give the reason for refusing");
    const state = runCase(rules, received, [
      ...asked(250),
      ["2026-03-10", { type: "decide-approval", approvalId: "a1", decision: "refuse", reason: "£150 is the policy's figure for this delay", by: manager }],
      ["2026-03-11", { type: "request-approval", approvalId: "a2", response: proposal(150), by: io }],
    ]);
    expect(state.approvals!.map((a) => [a.id, a.decision?.approved ?? null, a.decision?.reason ?? null])).toEqual([
      ["a1", false, "£150 is the policy's figure for this delay"],
      ["a2", null, null],
    ]);
  });

  it("a refused request cannot be used to send the response", () => {
    const r = refusalOf(rules, received, [
      ...asked(250),
      ["2026-03-10", { type: "decide-approval", approvalId: "a1", decision: "refuse", reason: "Too much", by: manager }],
      ["2026-03-11", { type: "respond", ...proposal(250), approvalId: "a1", by: io }],
    ]);
    expect(r.message).toContain("The request for approval was refused on Tue 10 Mar 2026: Too much");
  });

  it("once approved, the officer sends the response as proposed, with the approver recorded", () => {
    const state = runCase(rules, received, [...approvedBy(manager), ["2026-03-11", { type: "respond", ...proposal(250), approvalId: "a1", by: io }]]);
    expect(state.stages[0]!.response).toMatchObject({ on: "2026-03-11", remedies: [{ amountPence: 25000, approverId: "cm-1" }] });
    expect(state.approvals![0]).toMatchObject({ decision: { approved: true, by: "cm-1", on: "2026-03-10" }, usedOn: "2026-03-11" });
  });

  it("a response whose payment differs from the approved one is refused", () => {
    const r = refusalOf(rules, received, [...approvedBy(manager), ["2026-03-11", { type: "respond", ...proposal(400), approvalId: "a1", by: io }]]);
    expect(r.code).toBe("REMEDY_OVER_LIMIT");
    expect(r.message).toContain("The payments differ from those approved on Tue 10 Mar 2026");
  });

  it("without approval, a payment above the officer's limit is still refused", () => {
    const r = refusalOf(rules, received, [...acked, ["2026-03-10", { type: "respond", ...proposal(250), by: io }]]);
    expect(r.code).toBe("REMEDY_OVER_LIMIT");
  });
});

describe("approval of the reply to the Ombudsman (Southwark procedure: Ombudsman enquiries)", () => {
  const enquiry: Step[] = [
    ...acked,
    ["2026-03-10", { type: "respond", outcome: "not-upheld", reasons: "Collected as scheduled." }],
    ["2026-06-01", { type: "ombudsman-enquiry", enquiryId: "ob-1", body: "lgsco", reference: "26 001 002", responseDueOn: "2026-06-29" }],
    ["2026-06-10", { type: "request-approval", approvalId: "a9", enquiryId: "ob-1", by: manager }],
  ];

  it("only a Head of Service approves it", () => {
    const r = refusalOf(rules, received, [...enquiry, ["2026-06-11", { type: "decide-approval", approvalId: "a9", decision: "approve", by: { id: "dir-1", roles: ["director"] } }]]);
    expect(r.code).toBe("FORBIDDEN_ROLE");
    expect(r.message).toContain("Only a Head of Service may approve the reply to the Ombudsman");
  });

  it("the reply cannot be recorded before it is approved, and records who approved it", () => {
    const early = refusalOf(rules, received, [...enquiry, ["2026-06-11", { type: "ombudsman-response", enquiryId: "ob-1", approvalId: "a9", by: manager }]]);
    expect(early.message).toContain("has not been decided yet");
    const state = runCase(rules, received, [
      ...enquiry,
      ["2026-06-11", { type: "decide-approval", approvalId: "a9", decision: "approve", by: hos }],
      ["2026-06-12", { type: "ombudsman-response", enquiryId: "ob-1", approvalId: "a9", by: manager }],
    ]);
    expect(state.ombudsman[0]).toMatchObject({ respondedOn: "2026-06-12", approvedBy: "hos-1" });
    expect(state.approvals![0]!.usedOn).toBe("2026-06-12");
  });

  it("the reply goes with a covering letter addressed to the Ombudsman, issued with the step", () => {
    const approved = runCase(rules, received, [...enquiry, ["2026-06-11", { type: "decide-approval", approvalId: "a9", decision: "approve", by: hos }]]);
    const replied = transition(approved, { type: "ombudsman-response", enquiryId: "ob-1", approvalId: "a9", by: manager }, rules, { now: () => new Date("2026-06-12T10:00:00Z") });
    expect(replied.ok && replied.effects).toContainEqual({ type: "send-letter", letter: "ombudsman-reply", stageId: null, to: "ombudsman", dueOn: null });
  });
});
