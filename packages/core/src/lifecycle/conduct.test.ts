import { describe, expect, it } from "vitest";
import { fixedClock } from "../clock.js";
import { activeRestrictions, emptyConduct, transitionConduct, type ConductCommand, type ConductState } from "./conduct.js";
import type { Actor } from "./types.js";

const manager: Actor = { id: "cm-1", roles: ["complaints-manager"] };
const caseworker: Actor = { id: "cw-1", roles: ["investigating-officer"] };
const at = (date: string) => fixedClock(`${date}T12:00:00Z`);

function run(steps: Array<[string, ConductCommand]>): ConductState {
  let state = emptyConduct("cust-1");
  for (const [date, command] of steps) {
    const r = transitionConduct(state, command, at(date));
    if (!r.ok) throw new Error(r.refusal.message);
    state = r.state;
  }
  return state;
}

const referred: Array<[string, ConductCommand]> = [["2026-01-05", { type: "refer", by: caseworker, evidence: "42 calls in 10 days, abusive voicemails on 3 and 4 Jan" }]];
const warned: Array<[string, ConductCommand]> = [...referred, ["2026-01-06", { type: "warn", by: manager, behaviourExpected: "Contact us by email only", until: "2026-02-06" }]];

describe("persistent complainants (Leeds policy; LGSCO guide; Lancaster recommendation)", () => {
  it("referral → warning → comment → designation with restrictions shown on the customer", () => {
    const state = run([
      ...warned,
      ["2026-01-12", { type: "record-comment", by: caseworker, comment: "Customer says they call because nobody answers" }],
      ["2026-02-09", { type: "designate", by: manager, reason: "Behaviour continued after the warning", restrictions: [{ kind: "single-point-of-contact", contact: "Jo Bloggs" }], reviewBy: "2026-08-09" }],
    ]);
    expect(state.status).toBe("designated");
    expect(activeRestrictions(state)).toEqual([{ kind: "single-point-of-contact", contact: "Jo Bloggs" }]);
  });

  it("Lancaster: no designation without a warning first", () => {
    const r = transitionConduct(run(referred), { type: "designate", by: manager, reason: "x", restrictions: [{ kind: "other", detail: "x" }], reviewBy: "2026-03-01" }, at("2026-01-06"));
    expect(r.ok ? null : r.refusal.message).toContain("Lancaster task group");
  });

  it("Leeds policy paras 54–55: no designation until the warning's time span has passed, the refusal naming the first possible day", () => {
    const early = transitionConduct(run(warned), { type: "designate", by: manager, reason: "x", restrictions: [{ kind: "call-limit", callsPerWeek: 1 }], reviewBy: "2026-05-01" }, at("2026-02-06"));
    expect(early.ok ? null : early.refusal).toEqual({
      code: "NOT_ALLOWED_NOW",
      message: "The warning gives the customer until Fri 6 Feb 2026 to change; a designation may be decided from Sat 7 Feb 2026 (Leeds policy paras 54–55: the customer is given a time span to change before restrictions are decided)",
      rule: "Leeds policy paras 54–55: the customer is given a time span to change before restrictions are decided",
    });
    const backdated = transitionConduct(run(warned), { type: "designate", by: manager, on: "2026-02-01", reason: "x", restrictions: [{ kind: "call-limit", callsPerWeek: 1 }], reviewBy: "2026-05-01" }, at("2026-03-01"));
    expect(backdated.ok).toBe(false);
    const onTime = transitionConduct(run(warned), { type: "designate", by: manager, reason: "x", restrictions: [{ kind: "call-limit", callsPerWeek: 1 }], reviewBy: "2026-05-01" }, at("2026-02-07"));
    expect(onTime.ok && onTime.state.status).toBe("designated");
  });

  it("the review is at most 6 months later", () => {
    const r = transitionConduct(run(warned), { type: "designate", by: manager, reason: "x", restrictions: [{ kind: "call-limit", callsPerWeek: 1 }], reviewBy: "2026-08-10" }, at("2026-02-09"));
    expect(r.ok ? null : r.refusal.message).toBe(
      "The designation must be reviewed by Sun 9 Aug 2026 at the latest (6 months) (Leeds policy (persistent complainants): review at least every 6 months; LGSCO guide to managing unreasonable actions)",
    );
  });

  it("restrictions are specific: an empty list is refused", () => {
    const r = transitionConduct(run(warned), { type: "designate", by: manager, reason: "x", restrictions: [], reviewBy: "2026-03-01" }, at("2026-02-09"));
    expect(r.ok ? null : r.refusal.message).toContain("never blanket");
  });

  it("only a complaints manager, Head of Service or Director decides", () => {
    const r = transitionConduct(run(referred), { type: "warn", by: caseworker, behaviourExpected: "x", until: "2026-02-01" }, at("2026-01-06"));
    expect(r.ok ? null : r.refusal.code).toBe("FORBIDDEN_ROLE");
  });

  it("a review lifts or renews; lifted restrictions no longer show", () => {
    const designated = run([...warned, ["2026-02-09", { type: "designate", by: manager, reason: "x", restrictions: [{ kind: "written-contact-only", adjustments: null }], reviewBy: "2026-08-01" }]]);
    const lifted = transitionConduct(designated, { type: "review", by: manager, decision: "lift", reason: "Behaviour improved" }, at("2026-07-01"));
    expect(lifted.ok && activeRestrictions(lifted.state)).toEqual([]);
    const renewed = transitionConduct(designated, { type: "review", by: manager, decision: "renew", reason: "Continued", nextReviewBy: "2027-01-01" }, at("2026-07-01"));
    expect(renewed.ok && renewed.state.designation?.reviewBy).toBe("2027-01-01");
    expect(renewed.ok && renewed.effects).toEqual([{ type: "send-letter", letter: "conduct-review", stageId: null, to: "customer", dueOn: null }]);
  });
});
