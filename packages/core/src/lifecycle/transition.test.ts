import { describe, expect, it } from "vitest";
import { accept, council, officer, runCase } from "../../test/scenario.js";
import { fixedClock } from "../clock.js";
import { availableCommands } from "./available.js";
import { transition } from "./transition.js";

const rules = council().rulesFor("waste", "complaint");
const received = "2026-03-02";

describe("a complaint through the 2024 code's two stages", () => {
  it("records events and asks for the letters the process needs", () => {
    let state = runCase(rules, received, [[received, accept]]);
    const ack = transition(state, { type: "acknowledge", by: officer }, rules, fixedClock("2026-03-03T09:00:00Z"));
    expect(ack.ok).toBe(true);
    if (!ack.ok) return;
    expect(ack.events).toEqual([{ type: "acknowledge", at: "2026-03-03T09:00:00.000Z", by: "officer-1", on: "2026-03-03", stageId: "stage-1", data: { type: "acknowledge" } }]);
    expect(ack.effects).toEqual([{ type: "send-letter", letter: "acknowledgement", stageId: "stage-1", to: "customer", dueOn: null }]);
    state = ack.state;
    const respond = transition(state, { type: "respond", by: officer, outcome: "partly-upheld", reasons: "One collection missed", outstandingActions: ["Crew briefing"] }, rules, fixedClock("2026-03-10T09:00:00Z"));
    expect(respond.ok && respond.effects[0]).toMatchObject({ letter: "stage-1-response" });
  });

  it("letters to a representative go to the representative", () => {
    const state = runCase(rules, received, [[received, accept]], { representative: { name: "Cllr Jones", role: "councillor", consent: { basis: "elected-member", recordedOn: received }, replyTo: "representative" } });
    const ack = transition(state, { type: "acknowledge", by: officer }, rules, fixedClock("2026-03-03T09:00:00Z"));
    expect(ack.ok && ack.effects[0]).toMatchObject({ to: "representative" });
  });

  it("an anonymous complaint is handled but gets no letters", () => {
    const state = runCase(rules, received, [[received, accept]], { customer: null });
    const ack = transition(state, { type: "acknowledge", by: officer }, rules, fixedClock("2026-03-03T09:00:00Z"));
    expect(ack.ok && ack.effects).toEqual([]);
  });

  it("offers only the actions that make sense now", () => {
    const fresh = runCase(rules, received);
    expect(availableCommands(fresh, rules)).toEqual(expect.arrayContaining(["triage", "withdraw"]));
    expect(availableCommands(fresh, rules)).not.toContain("respond");
    const inStage = runCase(rules, received, [[received, accept]]);
    expect(availableCommands(inStage, rules)).toEqual(expect.arrayContaining(["acknowledge", "assign", "extend", "pause", "withdraw"]));
    expect(availableCommands(inStage, rules)).not.toContain("respond");
    const responded = runCase(rules, received, [[received, accept], ["2026-03-03", { type: "acknowledge" }], ["2026-03-10", { type: "respond", outcome: "upheld", reasons: "x" }]]);
    expect(availableCommands(responded, rules)).toEqual(expect.arrayContaining(["escalate", "close"]));
  });

  it("a closed complaint can be escalated later when it closed for not escalating", () => {
    const closed = runCase(rules, received, [[received, accept], ["2026-03-03", { type: "acknowledge" }], ["2026-03-10", { type: "respond", outcome: "upheld", reasons: "x" }], ["2026-03-20", { type: "close" }]]);
    expect(closed.closure?.reason).toBe("not-escalated");
    const escalated = transition(closed, { type: "escalate", by: officer }, rules, fixedClock("2026-04-01T09:00:00Z"));
    expect(escalated.ok && escalated.state.status).toBe("open");
    expect(escalated.ok && escalated.state.stages.at(-1)!.stageId).toBe("stage-2");
  });

  it("reopening a closed case puts the last stage back into investigation", () => {
    const closed = runCase(rules, received, [[received, accept], ["2026-03-03", { type: "acknowledge" }], ["2026-03-04", { type: "withdraw", reason: "Resolved by phone" }]]);
    const reopened = transition(closed, { type: "reopen", by: officer, reason: "Customer says it is not resolved" }, rules, fixedClock("2026-03-06T09:00:00Z"));
    expect(reopened.ok && reopened.state.stages[0]!.phase).toBe("investigating");
  });

  it("an information request to the customer can pause the clock until the answer comes", () => {
    const state = runCase(rules, received, [
      [received, accept],
      ["2026-03-03", { type: "acknowledge" }],
      ["2026-03-04", { type: "request-information", id: "ir-1", from: "customer", what: "photos of the bins", pause: true }],
      ["2026-03-09", { type: "receive-information", id: "ir-1" }],
    ]);
    expect(state.stages[0]!.phase).toBe("investigating");
    expect(state.stages[0]!.pauses).toEqual([{ from: "2026-03-04", to: "2026-03-09", reason: "waiting for the customer: photos of the bins" }]);
  });

  it("the Ombudsman's remedies are tracked to the letter of satisfaction", () => {
    let state = runCase(rules, received, [
      [received, accept],
      ["2026-03-03", { type: "acknowledge" }],
      ["2026-03-10", { type: "respond", outcome: "not-upheld", reasons: "x" }],
      ["2026-06-01", { type: "ombudsman-enquiry", enquiryId: "ob-1", body: "lgsco", reference: "26 001 002", responseDueOn: "2026-06-29" }],
      ["2026-06-19", { type: "request-approval", approvalId: "ap-1", enquiryId: "ob-1" }],
      ["2026-06-19", { type: "decide-approval", approvalId: "ap-1", decision: "approve", by: { id: "hos-1", roles: ["head-of-service"] } }],
      ["2026-06-20", { type: "ombudsman-response", enquiryId: "ob-1", approvalId: "ap-1" }],
      ["2026-08-01", { type: "ombudsman-decision", enquiryId: "ob-1", finding: "fault-injustice", injustice: true, summary: "Delay", remedies: [{ id: "or-1", description: "Pay £150", dueOn: "2026-09-01", amountPence: 15000 }] }],
    ]);
    const early = transition(state, { type: "ombudsman-satisfied", by: officer, enquiryId: "ob-1" }, rules, fixedClock("2026-08-02T09:00:00Z"));
    expect(early.ok ? null : early.refusal.message).toBe("1 of the Ombudsman's remedies are not complete yet");
    const complied = transition(state, { type: "ombudsman-remedy-complied", by: officer, enquiryId: "ob-1", remedyId: "or-1" }, rules, fixedClock("2026-08-20T09:00:00Z"));
    if (!complied.ok) throw new Error(complied.refusal.message);
    state = complied.state;
    const satisfied = transition(state, { type: "ombudsman-satisfied", by: officer, enquiryId: "ob-1" }, rules, fixedClock("2026-08-21T09:00:00Z"));
    expect(satisfied.ok && satisfied.state.ombudsman[0]!.satisfactionLetterOn).toBe("2026-08-21");
  });
});

describe("improvement actions agreed after the response (Southwark: Learning from Complaints and Escalations)", () => {
  const answered = () =>
    runCase(rules, received, [[received, accept], ["2026-03-03", { type: "acknowledge" }], ["2026-03-10", { type: "respond", outcome: "upheld", reasons: "x", learning: { rootCause: "Rota gap" } }], ["2026-03-20", { type: "close" }]]);
  const agree = (more: Record<string, unknown> = {}) => ({ type: "agree-improvement-action" as const, by: officer, actionId: "rota", description: "Fix the crew rota", ownerId: "owner-1", dueOn: "2026-05-01", ...more });

  it("join the answered stage's learning, even once the case is closed, and are offered only then", () => {
    const state = answered();
    expect(availableCommands(state, rules)).toContain("agree-improvement-action");
    expect(availableCommands(runCase(rules, received, [[received, accept]]), rules)).not.toContain("agree-improvement-action");
    const result = transition(state, agree(), rules, fixedClock("2026-04-01T09:00:00Z"));
    expect(result.ok && result.state.stages[0]!.response!.learning).toEqual({ rootCause: "Rota gap", lessons: null, improvementActions: [{ id: "rota", description: "Fix the crew rota", ownerId: "owner-1", dueOn: "2026-05-01" }] });
    expect(result.ok && result.events[0]!.type).toBe("agree-improvement-action");
    const again = result.ok ? transition(result.state, agree(), rules, fixedClock("2026-04-02T09:00:00Z")) : null;
    expect(again).toMatchObject({ ok: false, refusal: { code: "NOT_ALLOWED_NOW" } });
  });

  it("are refused before any response, for a stage not answered, with no owner, or already late", () => {
    const open = runCase(rules, received, [[received, accept]]);
    expect(transition(open, agree(), rules, fixedClock("2026-03-05T09:00:00Z"))).toMatchObject({ ok: false, refusal: { code: "NOT_ALLOWED_NOW" } });
    expect(transition(answered(), agree({ stageSequence: 2 }), rules, fixedClock("2026-04-01T09:00:00Z"))).toMatchObject({ ok: false, refusal: { code: "INVALID_INPUT" } });
    expect(transition(answered(), agree({ ownerId: " " }), rules, fixedClock("2026-04-01T09:00:00Z"))).toMatchObject({ ok: false, refusal: { code: "INVALID_INPUT" } });
    expect(transition(answered(), agree({ dueOn: "2026-03-31" }), rules, fixedClock("2026-04-01T09:00:00Z"))).toMatchObject({ ok: false, refusal: { code: "DATE_INVALID" } });
  });
});

describe("calendar changes (docs/design.md §4)", () => {
  it("a new bank holiday moves an open case's future deadline, recording what changed", () => {
    // The acknowledgement went the same day, so its deadline is met and stays where it was (decision 0322).
    const before = runCase(rules, received, [[received, accept], ["2026-03-03", { type: "acknowledge" }], ["2026-03-03T15:00:00Z", { type: "record-correspondence-sent", stageId: "stage-1", purpose: "acknowledgement", channel: "email", sentAt: "2026-03-03T15:00:00Z" }]]);
    expect(before.dueDates.find((d) => d.kind === "respond")!.date).toBe("2026-03-17");
    // The same council after closing for a one-off day on Mon 9 Mar 2026.
    const withClosure = council({ closures: [{ date: "2026-03-09", label: "Office move" }] }).rulesFor("waste", "complaint");
    const after = transition(before, { type: "recalculate-deadlines", by: officer, reason: "Office move closure added" }, withClosure, fixedClock("2026-03-04T09:00:00Z"));
    if (!after.ok) throw new Error(after.refusal.message);
    expect(after.state.dueDates.find((d) => d.kind === "respond")!.date).toBe("2026-03-18");
    expect(after.events[0]!.data.changes).toEqual([{ id: "stage-1#1.respond", from: "2026-03-17", to: "2026-03-18" }]);
  });

  it("a closed case's deadlines are never rewritten", () => {
    const closed = runCase(rules, received, [[received, accept], ["2026-03-03", { type: "acknowledge" }], ["2026-03-04", { type: "withdraw", reason: "Sorted" }]]);
    const r = transition(closed, { type: "recalculate-deadlines", by: officer, reason: "New bank holiday" }, rules, fixedClock("2026-03-05T09:00:00Z"));
    expect(r.ok ? null : r.refusal.message).toContain("its deadlines are history");
  });
});
