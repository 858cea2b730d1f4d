/**
 * The council procedures issue 16's audit found missing or broken, each from the council's own
 * document (docs/rules.md §9; ../shared/seeds/README.md indexes them):
 * - Leeds policy para 28: the parties told before a discrimination complaint is acknowledged
 *   are the people the council names in its settings, and a refusal names them;
 * - Southwark procedure, 'Stage two investigations': the Head of Service is told when Stage 2 is
 *   not upheld, and before the response where an Ombudsman referral is likely;
 * - Leeds policy para 46: an anonymous complaint may be recorded as not investigated, with reasons;
 * - Leeds policy paras 20, 22: Stage II is answered by a senior officer, enforced by role;
 * - Leeds policy paras 70–71: a claim for damages or about a physical injury goes to Legal
 *   Services, and the complaint waits or ends as the council's policy says.
 */
import { describe, expect, it } from "vitest";
import { fixedClock } from "../clock.js";
import { accept, council, officer, refusalOf, runCase, type Step } from "../../test/scenario.js";
import { transition } from "./transition.js";
import { availableCommands } from "./available.js";
import type { Actor, CaseCommand, CaseState } from "./types.js";
import type { ResolvedRules } from "../plugin/resolved.js";

const received = "2026-03-02";
const acked: Step[] = [[received, accept], [received, { type: "acknowledge" }]];

function step(rules: ResolvedRules, state: CaseState, at: string, command: Record<string, unknown>, by: Actor = officer) {
  const result = transition(state, { by, ...command } as CaseCommand, rules, fixedClock(`${at}T12:00:00Z`));
  if (!result.ok) throw new Error(result.refusal.message);
  return result;
}

describe("Leeds policy para 28: the parties told before acknowledging come from the council's settings", () => {
  const leeds = {
    notifyBeforeAcknowledging: [{ flag: "discrimination-or-harassment" as const, parties: ["relevant-chief-officer", "chief-officer-legal", "head-of-equality"], rule: "Leeds policy para 28" }],
    contacts: [
      { party: "chief-officer-legal", title: "Chief Officer, Legal, Licensing & Registration", name: "Jo Legal", email: "jo.legal@example.gov.uk" },
      { party: "head-of-equality", title: "Head of Equality", name: "Sam Equal", email: "sam.equal@example.gov.uk" },
    ],
  };

  it("refuses the acknowledgement naming the people still to be told, by title and name, never by party code", () => {
    const r = refusalOf(council(leeds).rulesFor("waste", "complaint"), received, [[received, accept], [received, { type: "notify", party: "relevant-chief-officer", reason: "Para 28" }], [received, { type: "acknowledge" }]], { flags: ["discrimination-or-harassment"] });
    expect(r.code).toBe("NOTIFICATION_REQUIRED");
    expect(r.message).toBe(
      'A complaint flagged "discrimination or harassment" cannot be acknowledged until the Chief Officer, Legal, Licensing & Registration (Jo Legal) and the Head of Equality (Sam Equal) have been notified (Leeds policy para 28)',
    );
  });

  it("a profile names each party once", () => {
    expect(() => council({ contacts: [leeds.contacts[0]!, { ...leeds.contacts[0]!, name: "Other" }] })).toThrow(/"chief-officer-legal" is named twice/);
  });
});

describe("Southwark procedure, 'Stage two investigations': the Head of Service is told", () => {
  const southwark = {
    timescales: { stages: {} },
    procedures: { headOfServiceTold: { stages: ["stage-2"], notUpheld: true, ombudsmanLikely: true, rule: "Southwark procedure, 'Stage two investigations'" } },
  };
  const rules = council(southwark).rulesFor("waste", "complaint");
  const atStage2 = (): CaseState =>
    runCase(rules, received, [...acked, ["2026-03-10", { type: "respond", outcome: "not-upheld", reasons: "Collected on time" }], ["2026-03-12", { type: "escalate" }], ["2026-03-12", { type: "acknowledge" }]]);

  it("when Stage 2 is not upheld, with the reasons, in the response's step and before its letter", () => {
    const r = step(rules, atStage2(), "2026-03-20", { type: "respond", outcome: "not-upheld", reasons: "The crew's log shows the collection" });
    expect(r.effects.map((e) => e.type)).toEqual(["notify", "send-letter"]);
    expect(r.effects[0]).toEqual({
      type: "notify",
      party: "head-of-service",
      reason: "Stage 2 is not upheld (Southwark procedure, 'Stage two investigations'). The reasons: The crew's log shows the collection",
    });
    expect(r.state.notified.at(-1)).toMatchObject({ party: "head-of-service", on: "2026-03-20" });
  });

  it("when an Ombudsman referral is likely, whatever the outcome; not at Stage 1, nor for an upheld Stage 2 with no referral likely", () => {
    const likely = step(rules, atStage2(), "2026-03-20", { type: "respond", outcome: "partly-upheld", reasons: "Missed twice", ombudsmanLikely: true });
    expect(likely.effects[0]).toMatchObject({ type: "notify", party: "head-of-service", reason: expect.stringMatching(/^the complainant is likely to go to the Ombudsman/) });
    const upheld = step(rules, atStage2(), "2026-03-20", { type: "respond", outcome: "upheld", reasons: "Missed" });
    expect(upheld.effects.map((e) => e.type)).toEqual(["send-letter"]);
    const stage1 = step(rules, runCase(rules, received, acked), "2026-03-10", { type: "respond", outcome: "not-upheld", reasons: "On time" });
    expect(stage1.effects.map((e) => e.type)).toEqual(["send-letter"]);
  });

  it("nobody is told where the council's profile does not ask for it (the default)", () => {
    const plain = council().rulesFor("waste", "complaint");
    const state = runCase(plain, received, [...acked, ["2026-03-10", { type: "respond", outcome: "not-upheld", reasons: "r" }], ["2026-03-12", { type: "escalate" }], ["2026-03-12", { type: "acknowledge" }]]);
    expect(step(plain, state, "2026-03-20", { type: "respond", outcome: "not-upheld", reasons: "r" }).effects.map((e) => e.type)).toEqual(["send-letter"]);
  });
});

describe("Leeds policy para 46: an anonymous complaint recorded as not investigated, with reasons", () => {
  const leeds = council({ procedures: { anonymousNotInvestigated: { rule: "Leeds policy para 46" } } }).rulesFor("waste", "complaint");
  const anonymous = { customer: null };

  it("closes the complaint as not investigated, keeping it on record with the reasons, and is offered only for anonymous complaints", () => {
    const state = runCase(leeds, received, [[received, accept]], anonymous);
    expect(availableCommands(state, leeds, officer)).toContain("record-not-investigated");
    const r = step(leeds, state, "2026-03-04", { type: "record-not-investigated", reason: "The same allegation sent from 30 addresses; the DCRO agreed it is malicious" });
    expect(r.state.status).toBe("closed");
    expect(r.state.closure).toEqual({ on: "2026-03-04", reason: "not-investigated", note: "The same allegation sent from 30 addresses; the DCRO agreed it is malicious" });
    expect(r.effects).toEqual([]);
    const named = runCase(leeds, received, [[received, accept]]);
    expect(availableCommands(named, leeds, officer)).not.toContain("record-not-investigated");
  });

  it("refuses a complaint with a complainant, naming them, and a council whose procedure investigates everything", () => {
    const r = refusalOf(leeds, received, [[received, accept], ["2026-03-04", { type: "record-not-investigated", reason: "Malicious" }]]);
    expect(r.message).toBe("Only an anonymous complaint may be left uninvestigated; this one is from Ann Example (Leeds policy para 46)");
    const plain = council().rulesFor("waste", "complaint");
    const r2 = refusalOf(plain, received, [[received, accept], ["2026-03-04", { type: "record-not-investigated", reason: "Malicious" }]], anonymous);
    expect(r2.message).toBe("This council's procedure has every complaint investigated; respond to it, or record that it was withdrawn");
  });
});

describe("Leeds policy paras 20, 22: Stage II is answered by a senior officer, by role where the profile says so", () => {
  const rules = council({ procedures: { stageResponders: [{ stage: "stage-2", roles: ["head-of-service", "director", "complaints-manager"], rule: "Leeds policy paras 20, 22" }] } }).rulesFor("waste", "complaint");
  const io: Actor = { id: "io-1", roles: ["investigating-officer"] };
  const hos: Actor = { id: "hos-1", roles: ["head-of-service"] };
  const atStage2 = () => runCase(rules, received, [...acked, ["2026-03-10", { type: "respond", outcome: "not-upheld", reasons: "r" }], ["2026-03-12", { type: "escalate" }], ["2026-03-12", { type: "acknowledge" }]]);

  it("an investigating officer may answer Stage 1 but not Stage 2; a Head of Service may; the refusal names the roles in words", () => {
    expect(availableCommands(atStage2(), rules, io)).not.toContain("respond");
    const refused = transition(atStage2(), { type: "respond", by: io, outcome: "upheld", reasons: "r" } as CaseCommand, rules, fixedClock("2026-03-20T12:00:00Z"));
    expect(refused.ok ? null : refused.refusal).toMatchObject({
      code: "FORBIDDEN_ROLE",
      message: "Only head of service or director or central resolution team / complaints manager may respond here (Leeds policy paras 20, 22)",
    });
    expect(step(rules, atStage2(), "2026-03-20", { type: "respond", outcome: "upheld", reasons: "r" }, hos).state.stages[1]!.phase).toBe("responded");
    expect(step(rules, runCase(rules, received, acked), "2026-03-10", { type: "respond", outcome: "upheld", reasons: "r" }, io).state.stages[0]!.phase).toBe("responded");
  });
});

describe("Leeds policy paras 70–71: a claim for damages or a physical injury is referred to Legal Services", () => {
  it("records the referral, tells Legal, writes to the resident, and pauses the complaint by default", () => {
    const rules = council().rulesFor("waste", "complaint");
    const r = step(rules, runCase(rules, received, acked), "2026-03-05", { type: "refer-claim", basis: "physical-injury", details: "Tripped on a bin left on the pavement; a broken wrist" });
    expect(r.state.claim).toEqual({ on: "2026-03-05", basis: "physical-injury", details: "Tripped on a bin left on the pavement; a broken wrist", then: "pause" });
    expect(r.effects).toEqual([
      { type: "legal-referral", reason: expect.stringMatching(/^A claim for physical injury: Tripped on a bin left on the pavement; a broken wrist \(Leeds policy paras 70–71; /) },
      { type: "send-letter", letter: "claim-referral", stageId: "stage-1", to: "customer", dueOn: null },
    ]);
    expect(r.state.status).toBe("open");
    expect(r.state.stages[0]).toMatchObject({ phase: "paused", pauses: [{ from: "2026-03-05", to: null, reason: "Referred to Legal Services as a claim" }] });
    // Paused, the response date moves on while Legal decide; no second referral.
    const again = transition(r.state, { type: "refer-claim", by: officer, basis: "damages", details: "x" } as CaseCommand, rules, fixedClock("2026-03-06T12:00:00Z"));
    expect(again.ok ? null : again.refusal.message).toBe("This complaint was already referred to Legal Services as a claim on Thu 5 Mar 2026");
  });

  it("ends the complaint where the council's policy says the claim concludes it (Leeds para 71)", () => {
    const rules = council({ procedures: { claims: { onReferral: "close", rule: "Leeds policy para 71: this is the conclusion of the complaints policy" } } }).rulesFor("waste", "complaint");
    const r = step(rules, runCase(rules, received, acked), "2026-03-05", { type: "refer-claim", basis: "damages", details: "Claims £2,400 for a car damaged by the bin lorry" });
    expect(r.state.status).toBe("closed");
    expect(r.state.closure).toEqual({ on: "2026-03-05", reason: "referred-to-legal", note: "Claims £2,400 for a car damaged by the bin lorry" });
    expect(r.effects.map((e) => e.type)).toEqual(["legal-referral", "send-letter"]);
    expect(r.effects[0]).toMatchObject({ reason: expect.stringContaining("Leeds policy para 71") });
  });

  it("needs a complaint being worked on and what is claimed", () => {
    const rules = council().rulesFor("waste", "complaint");
    const r = refusalOf(rules, received, [["2026-03-03", { type: "refer-claim", basis: "damages", details: "A car" }]]);
    expect(r.message).toBe("Triage the case before you refer it to Legal as a claim");
  });
});
