/**
 * Issue 16, "new cases show their clock": the resident's receipt says "we will acknowledge your
 * complaint by …" the moment the complaint is logged (Complaint handling code 2024 6.2: within
 * 5 working days of receipt), so the case owes that date before anyone has triaged it.
 */
import { describe, expect, it } from "vitest";
import { accept, council, runCase } from "../../test/scenario.js";
import { nextDue } from "./due-dates.js";

const rules = council().rulesFor("waste", "complaint");

describe("a complaint waiting for triage (Complaint handling code 2024 6.2)", () => {
  it("owes its acknowledgement from the day it is logged, and that is its next due date", () => {
    const state = runCase(rules, "2025-03-03");
    expect(state.status).toBe("new");
    expect(nextDue(state.dueDates)).toMatchObject({ id: "stage-1#1.acknowledge", kind: "acknowledge", date: "2025-03-10", nature: "deadline", metOn: null });
  });

  it("keeps the same date, under the same id, once triage accepts it", () => {
    const before = runCase(rules, "2025-03-03");
    const after = runCase(rules, "2025-03-03", [["2025-03-05", accept]]);
    const ack = (s: typeof before) => s.dueDates.find((d) => d.id === "stage-1#1.acknowledge");
    expect(ack(after)?.date).toBe(ack(before)?.date);
    expect(ack(after)?.explanation).not.toContain("waiting for triage");
  });

  it("owes nothing once triage ends the case (excluded: the exclusion letter answers it)", () => {
    const state = runCase(rules, "2025-03-03", [["2025-03-04", { type: "triage", outcome: "excluded", reason: "legal-proceedings", route: "The court" }]]);
    expect(state.dueDates.filter((d) => d.kind === "acknowledge")).toEqual([]);
  });

  it("a compliment is not a complaint: it has its own acknowledgement, not Stage 1's", () => {
    const state = runCase(council().rulesFor("waste", "compliment"), "2025-03-03", [], { kind: "compliment" });
    expect(state.dueDates.map((d) => d.kind)).not.toContain("acknowledge");
  });
});
