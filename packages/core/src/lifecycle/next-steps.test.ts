import { describe, expect, it } from "vitest";
import { accept, council, runCase } from "../../test/scenario.js";
import type { Actor } from "./types.js";
import { nextSteps } from "./next-steps.js";

const rules = council().rulesFor("waste", "complaint");
const received = "2026-03-02";
const coordinator: Actor = { id: "dcro-1", roles: ["dcro"] };
const investigator: Actor = { id: "io-1", roles: ["investigating-officer"] };
const customerServices: Actor = { id: "cso-1", roles: ["customer-services"] };
const steps = (...args: Parameters<typeof nextSteps>) => nextSteps(...args).map((s) => s.command);

describe("the step the rules expect next (issue 16: the case page leads)", () => {
  it("a new case is triaged first: nothing runs on a case before its triage (Leeds policy para 42)", () => {
    expect(steps(runCase(rules, received), rules, coordinator)).toEqual(["triage"]);
  });

  it("an accepted Stage 1 complaint is given a handler, whom its acknowledgement names, and acknowledged (HO/LGSCO code 6.2), with the acknowledgement's due date", () => {
    const accepted = runCase(rules, received, [[received, accept]]);
    expect(nextSteps(accepted, rules, coordinator)).toEqual([
      { command: "assign", dueId: null },
      { command: "acknowledge", dueId: "stage-1#1.acknowledge" },
    ]);
    // Someone who may not assign is led to the acknowledgement alone.
    expect(steps(accepted, rules, investigator)).toEqual(["acknowledge"]);
  });

  it("an acknowledged stage without a handler is assigned; with one, it is answered by its response date (code 6.3)", () => {
    const acknowledged = runCase(rules, received, [
      [received, accept],
      ["2026-03-03", { type: "acknowledge" }],
    ]);
    expect(steps(acknowledged, rules, coordinator)).toEqual(["assign"]);
    // An officer who cannot assign answers it.
    expect(nextSteps(acknowledged, rules, investigator)).toEqual([
      { command: "respond", dueId: "stage-1#1.respond" },
    ]);
    const assigned = runCase(rules, received, [
      [received, accept],
      ["2026-03-03", { type: "acknowledge" }],
      ["2026-03-03", { type: "assign", handlerId: "io-1" }],
    ]);
    expect(steps(assigned, rules, investigator)).toEqual(["respond"]);
    expect(steps(assigned, rules, coordinator)).toEqual(["respond"]);
  });

  it("a paused stage is resumed before anything else is expected of it", () => {
    const paused = runCase(rules, received, [
      [received, accept],
      ["2026-03-03", { type: "acknowledge" }],
      ["2026-03-03", { type: "assign", handlerId: "io-1" }],
      ["2026-03-04", { type: "pause", reason: "Waiting for the customer's photos" }],
    ]);
    expect(steps(paused, rules, investigator)).toEqual(["resume"]);
  });

  it("a responded stage is closed (escalation, when asked for, reopens it), and a closed case expects nothing", () => {
    const responded = runCase(rules, received, [
      [received, accept],
      ["2026-03-03", { type: "acknowledge" }],
      ["2026-03-10", { type: "respond", outcome: "upheld", reasons: "Missed three times" }],
    ]);
    expect(steps(responded, rules, coordinator)).toEqual(["close"]);
    const closed = runCase(rules, received, [
      [received, accept],
      ["2026-03-03", { type: "acknowledge" }],
      ["2026-03-10", { type: "respond", outcome: "upheld", reasons: "x" }],
      ["2026-03-20", { type: "close" }],
    ]);
    expect(steps(closed, rules, coordinator)).toEqual([]);
  });

  it("never leads with a step the actor's role may not take", () => {
    // Customer services acknowledge (the front door), but neither assign nor respond.
    expect(steps(runCase(rules, received, [[received, accept]]), rules, customerServices)).toEqual([
      "acknowledge",
    ]);
    expect(
      steps(
        runCase(rules, received, [
          [received, accept],
          ["2026-03-03", { type: "acknowledge" }],
        ]),
        rules,
        customerServices,
      ),
    ).toEqual([]);
    expect(
      steps(runCase(rules, received), rules, { id: "qa-1", roles: ["quality-assurance"] }),
    ).toEqual([]);
  });

  it("a compliment is acknowledged (the regime's feedback acknowledgement), then closed", () => {
    const feedback = council().rulesFor("waste", "compliment");
    const compliment = runCase(feedback, received, [], { kind: "compliment" });
    expect(nextSteps(compliment, feedback, coordinator)).toEqual([
      { command: "acknowledge-feedback", dueId: "feedback.acknowledge" },
    ]);
    const acknowledged = runCase(
      feedback,
      received,
      [["2026-03-03", { type: "acknowledge-feedback" }]],
      { kind: "compliment" },
    );
    expect(steps(acknowledged, feedback, coordinator)).toEqual(["close"]);
  });
});
