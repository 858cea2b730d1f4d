/**
 * Issue 2, property-based: no command sequence reaches a state the regime does not allow,
 * and every reachable state can still be closed.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { council, logCommand, officer, otherOfficer } from "../../test/scenario.js";
import { addCalendarDays } from "../calendar/dates.js";
import { fixedClock } from "../clock.js";
import type { ResolvedRules } from "../plugin/resolved.js";
import { availableCommands } from "./available.js";
import { transition } from "./transition.js";
import type { CaseCommand, CaseState } from "./types.js";

type Cmd = Exclude<CaseCommand, { type: "log" }>;
const who = fc.constantFrom(officer, otherOfficer);

const commandArb: fc.Arbitrary<Cmd> = fc.oneof(
  fc.constantFrom<Cmd>(
    { type: "triage", outcome: "accept", by: officer },
    { type: "triage", outcome: "excluded", reason: "legal-proceedings", route: "The court", by: officer },
    { type: "triage", outcome: "not-a-complaint", agreedWithCustomer: true, note: "repair request", by: officer },
    { type: "triage", outcome: "wrongly-addressed", body: "Police", bodyContact: "101", by: officer },
    { type: "acknowledge", by: officer },
    { type: "pause", reason: "waiting for the customer", by: officer },
    { type: "resume", by: officer },
    { type: "holding-response", summary: "Sorry for the delay", by: officer },
    { type: "agree-statement", by: officer },
    { type: "withdraw", reason: "customer withdrew", by: officer },
    { type: "close", by: officer },
    { type: "reopen", reason: "new information", by: officer },
    { type: "refer-back", reason: "not investigated", by: officer },
    { type: "convert-to-complaint", reason: "still unhappy", by: officer },
    { type: "escalate", by: officer },
    { type: "escalate", lateDiscretion: "customer was abroad", by: officer },
    { type: "complete-remedy", remedyId: "r1", by: officer },
    { type: "agree-improvement-action", actionId: "a1", description: "Brief the crews", ownerId: "officer-1", dueOn: "2027-12-31", by: officer },
  ),
  fc.record({ type: fc.constant("assign" as const), handlerId: fc.constantFrom("officer-1", "officer-2", "officer-3"), by: who }),
  fc.record({ type: fc.constant("extend" as const), workingDays: fc.integer({ min: 1, max: 25 }), reason: fc.constant("complex"), ombudsmanDetailsGiven: fc.boolean(), by: who }),
  fc.record({
    type: fc.constant("respond" as const),
    outcome: fc.constantFrom("upheld" as const, "partly-upheld" as const, "not-upheld" as const),
    reasons: fc.constant("Because"),
    remedies: fc.constant([{ id: "r1", type: "apology", description: "Apology", ownerId: "officer-1", dueOn: null }] as Array<{ id: string; type: "apology"; description: string; ownerId: string; dueOn: null }>),
    by: who,
  }),
);

const stepArb = fc.tuple(commandArb, fc.integer({ min: 0, max: 6 }));

function invariants(state: CaseState, rules: ResolvedRules): string | null {
  const ids = rules.regime.stages.map((s) => s.id);
  if (state.status === "new" && state.stages.length) return "a case awaiting triage has stages";
  if ((state.status === "closed") !== (state.closure !== null)) return "closure and status disagree";
  for (const [i, stage] of state.stages.entries()) {
    if (!ids.includes(stage.stageId)) return `unknown stage ${stage.stageId}`;
    const open = stage.phase === "awaiting-acknowledgement" || stage.phase === "investigating" || stage.phase === "paused";
    if (open && i !== state.stages.length - 1) return "an earlier stage is still open";
    const rule = rules.regime.stages.find((s) => s.id === stage.stageId)!;
    const extended = stage.extensions.reduce((s, e) => s + e.workingDays, 0);
    if (extended > (rule.extension?.maxWorkingDays ?? 0)) return `extension ${extended} over the maximum`;
    const next = state.stages[i + 1];
    if (next) {
      const allowed = stage.phase === "referred-back" ? rule.referBackTo : rule.escalation?.to;
      if (next.stageId !== allowed) return `${stage.stageId} → ${next.stageId} is not in the regime's graph`;
    }
    if (i === 0 && stage.stageId !== ids[0]) return "the first stage is not the regime's entry stage";
  }
  const current = state.stages.at(-1);
  if (state.status === "open" && current && current.phase !== "responded" && !state.dueDates.some((d) => d.kind === "respond" && d.stageId === current.stageId)) {
    return "an open stage has no response due date";
  }
  return null;
}

/** The shortest way out of any state, using only commands the lifecycle offers. */
function closeOut(state: CaseState, rules: ResolvedRules, on: string): CaseState {
  let s = state;
  for (let i = 0; i < 4 && s.status !== "closed"; i++) {
    const available = availableCommands(s, rules);
    const command: Cmd = s.status === "new"
      ? { type: "triage", outcome: "excluded", reason: "other", route: "Another route", by: officer }
      : available.includes("withdraw")
        ? { type: "withdraw", reason: "closing out", by: officer }
        : available.includes("acknowledge-feedback")
          ? { type: "acknowledge-feedback", by: officer }
          : { type: "close", by: officer };
    const r = transition(s, command, rules, fixedClock(`${on}T12:00:00Z`));
    if (!r.ok) throw new Error(`cannot close from ${s.status}/${s.stages.at(-1)?.phase}: ${r.refusal.message}`);
    s = r.state;
  }
  return s;
}

describe("lifecycle properties (fast-check)", () => {
  const withReferBack = council({ timescales: { stages: { "stage-2": { referBackTo: "stage-1" } } } }).rulesFor("waste", "complaint");

  it("no command sequence reaches a state the regime does not allow, and every state can still be closed", () => {
    fc.assert(
      fc.property(fc.array(stepArb, { maxLength: 25 }), fc.constantFrom("complaint" as const, "compliment" as const, "service-request" as const), (steps, kind) => {
        const rules = kind === "complaint" ? withReferBack : council().rulesFor("waste", kind);
        let day = "2026-01-05";
        const logged = transition(null, logCommand(day, { kind }), rules, fixedClock(`${day}T12:00:00Z`));
        if (!logged.ok) throw new Error(logged.refusal.message);
        let state = logged.state;
        for (const [command, gap] of steps) {
          day = addCalendarDays(day, gap);
          const result = transition(state, command, rules, fixedClock(`${day}T12:00:00Z`));
          if (!result.ok) continue;
          expect(result.state.version).toBe(state.version + 1);
          expect(result.events).toHaveLength(1);
          state = result.state;
          const broken = invariants(state, rules);
          if (broken) throw new Error(`${broken} after ${command.type}`);
        }
        expect(closeOut(state, rules, addCalendarDays(day, 1)).status).toBe("closed");
      }),
      { numRuns: 400 },
    );
  });

  it("a refused command changes nothing", () => {
    fc.assert(
      fc.property(fc.array(stepArb, { maxLength: 15 }), (steps) => {
        let day = "2026-01-05";
        const logged = transition(null, logCommand(day), withReferBack, fixedClock(`${day}T12:00:00Z`));
        if (!logged.ok) return;
        let state = logged.state;
        for (const [command, gap] of steps) {
          day = addCalendarDays(day, gap);
          const before = JSON.stringify(state);
          const result = transition(state, command, withReferBack, fixedClock(`${day}T12:00:00Z`));
          expect(JSON.stringify(state)).toBe(before);
          if (result.ok) state = result.state;
        }
      }),
      { numRuns: 200 },
    );
  });
});
