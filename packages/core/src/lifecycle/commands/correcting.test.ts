/**
 * Correcting the record (issue 16): transfer to another service, recategorise, edit the
 * details. Leeds policy para 42 redirects a complaint addressed to the wrong service to that
 * service's DCRO; Southwark's procedure asks that one logged incorrectly be re-assigned
 * promptly. Each correction is a command, refused in plain words, recorded with what changed.
 */
import { describe, expect, it } from "vitest";
import { accept, due, logCommand, officer, type StepCommand } from "../../../test/scenario.js";
import { fixedClock } from "../../clock.js";
import { parseCouncilProfile } from "../../profile/schema.js";
import { RuleBook } from "../../plugin/rule-book.js";
import { transition } from "../transition.js";
import type { CaseCommand, CaseState, LogCase, Refusal, TransitionResult } from "../types.js";

/** Two directorates; waste answers Stage 1 in 15 working days from receipt (Leeds), repairs by the code's 10 from the acknowledgement. */
const book = new RuleBook(
  parseCouncilProfile({
    id: "test-council",
    name: "Test Council",
    calendar: { closures: [], cutOffTime: "17:00" },
    directorates: [
      {
        id: "place",
        name: "Place",
        services: [
          {
            id: "waste",
            name: "Waste and recycling",
            settings: { stages: { "stage-1": { respond: { period: { workingDays: 15 }, from: "receipt", rule: "Leeds policy: Stage 1 in 15 working days" } } } },
          },
          { id: "parks", name: "Parks" },
        ],
      },
      { id: "homes", name: "Homes", services: [{ id: "repairs", name: "Housing repairs" }] },
    ],
    letterhead: { addressLines: ["Town Hall"], postcode: "TC1 1AA", phone: "0300 000 0000", email: "c@test.gov.uk", website: "test.gov.uk" },
  }),
  [],
);

const at = (day: string) => fixedClock(`${day}T12:00:00Z`);
type Step = StepCommand;

function run(steps: Array<[string, Step]>, log: Partial<LogCase> = {}): CaseState {
  const logged = transition(null, logCommand("2026-03-02", log), book.rulesFor(log.serviceId ?? "waste", "complaint"), at("2026-03-02"), book);
  if (!logged.ok) throw new Error(logged.refusal.message);
  let state = logged.state;
  for (const [day, step] of steps) {
    const result = apply(state, day, step);
    if (!result.ok) throw new Error(`${step.type}: ${result.refusal.message}`);
    state = result.state;
  }
  return state;
}

/** Applies a command under the rules of the service the case is with now, as the API does. */
function apply(state: CaseState, day: string, step: Step): TransitionResult {
  return transition(state, { by: officer, ...step } as CaseCommand, book.rulesFor(state.serviceId, state.kind), at(day), book);
}

function refusal(state: CaseState, day: string, step: Step): Refusal {
  const result = apply(state, day, step);
  if (result.ok) throw new Error(`${step.type} was expected to be refused`);
  return result.refusal;
}

const triaged: Array<[string, Step]> = [
  ["2026-03-02", accept],
  ["2026-03-03", { type: "acknowledge" }],
  ["2026-03-04", { type: "assign", handlerId: "11111111-1111-4111-8111-111111111111" }],
];

describe("transfer (Leeds policy para 42; Southwark: re-assign an incorrectly logged complaint)", () => {
  it("the new service's rules give the due dates from then on, counted from the same receipt, and say why they changed", () => {
    const before = run(triaged);
    expect(due(before, "stage-1#1.respond").date).toBe("2026-03-23"); // 15 working days from Mon 2 Mar
    const result = apply(before, "2026-03-05", { type: "transfer", serviceId: "repairs", reason: "about a council home's repair, logged under waste" });
    if (!result.ok) throw new Error(result.refusal.message);
    const after = result.state;
    expect(after.serviceId).toBe("repairs");
    const respond = due(after, "stage-1#1.respond");
    expect(respond.date).toBe("2026-03-17"); // 10 working days from the acknowledgement already sent on Tue 3 Mar: time already spent counts
    expect(respond.explanation).toMatch(/^transferred from Waste and recycling to Housing repairs on Thu 5 Mar 2026: about a council home's repair, logged under waste; Housing repairs's rules apply/);
    expect(respond.rule).toMatch(/6\.3$/);
    // The acknowledgement is not sent yet, so it is still open and explained by the move too.
    expect(due(after, "stage-1#1.acknowledge").explanation).toMatch(/^transferred from Waste and recycling/);
    expect(result.events[0]!.data).toMatchObject({
      serviceId: "repairs",
      from: { serviceId: "waste", service: "Waste and recycling", directorateId: "place" },
      to: { serviceId: "repairs", service: "Housing repairs", directorateId: "homes" },
      changes: expect.arrayContaining([{ id: "stage-1#1.respond", from: "2026-03-23", to: "2026-03-17" }]),
    });
  });

  it("a case leaving its directorate releases its handler, who may no longer see it; the new service's DCRO is told (Leeds para 42)", () => {
    const result = apply(run(triaged), "2026-03-05", { type: "transfer", serviceId: "repairs", reason: "wrong service" });
    if (!result.ok) throw new Error(result.refusal.message);
    const stage = result.state.stages.at(-1)!;
    expect(stage.handlerId).toBeNull();
    expect(stage.previousHandlerIds).toEqual(["11111111-1111-4111-8111-111111111111"]);
    expect(result.state.transfers?.at(-1)?.handlerReleased).toBe("11111111-1111-4111-8111-111111111111");
    expect(result.effects).toContainEqual({ type: "notify", party: "service:repairs", reason: "Transferred from Waste and recycling to Housing repairs: wrong service" });
  });

  it("within the same directorate the handler keeps the case", () => {
    const result = apply(run(triaged), "2026-03-05", { type: "transfer", serviceId: "parks", reason: "about a park's bins" });
    if (!result.ok) throw new Error(result.refusal.message);
    expect(result.state.stages.at(-1)!.handlerId).toBe("11111111-1111-4111-8111-111111111111");
    expect(result.state.transfers?.at(-1)?.handlerReleased).toBeNull();
  });

  it("a new case can be transferred before triage, and its first promise follows the new rules", () => {
    const result = apply(run([]), "2026-03-02", { type: "transfer", serviceId: "repairs", reason: "logged against the wrong service" });
    expect(result.ok).toBe(true);
  });

  it("is refused to the service the case is already with, naming it", () => {
    expect(refusal(run(triaged), "2026-03-05", { type: "transfer", serviceId: "waste", reason: "x" })).toMatchObject({
      code: "INVALID_INPUT",
      message: "Case CMP-2026-000001 is already with Waste and recycling; choose another service",
    });
  });

  it("is refused to a service the council does not have, listing the ones it has", () => {
    expect(refusal(run(triaged), "2026-03-05", { type: "transfer", serviceId: "libraries", reason: "x" })).toMatchObject({
      code: "INVALID_INPUT",
      message: 'Test Council has no service "libraries"; choose one of: Waste and recycling, Parks, Housing repairs',
    });
  });

  it("is refused on a closed case (reopen it first)", () => {
    const closed = run([["2026-03-02", { type: "withdraw", reason: "resolved" } as Step]]);
    expect(closed.status).toBe("closed");
    expect(refusal(closed, "2026-03-05", { type: "transfer", serviceId: "repairs", reason: "x" })).toMatchObject({
      code: "NOT_ALLOWED_NOW",
      message: expect.stringMatching(/^Case CMP-2026-000001 is closed; reopen it before you transfer it \(Leeds policy para 42/),
    });
  });
});

describe("recategorise (Southwark procedure: categorisation and prioritisation)", () => {
  it("changes only what is sent, and the event keeps the values before and after", () => {
    const result = apply(run(triaged, { category: "Missed collection" }), "2026-03-05", { type: "recategorise", subCategory: "Assisted collection" });
    if (!result.ok) throw new Error(result.refusal.message);
    expect(result.state).toMatchObject({ category: "Missed collection", subCategory: "Assisted collection", flags: [] });
    expect(result.events[0]!.data).toMatchObject({ before: { subCategory: null }, after: { subCategory: "Assisted collection" } });
  });

  it("raising the priority to high needs a reason (Southwark: priority with its criteria)", () => {
    expect(refusal(run(triaged), "2026-03-05", { type: "recategorise", priority: "high" })).toMatchObject({
      code: "INVALID_INPUT",
      message: expect.stringContaining("Say why the case is high priority"),
      rule: "Southwark complaint handling procedure: categorisation and prioritisation",
    });
    const high = apply(run(triaged), "2026-03-05", { type: "recategorise", priority: "high", priorityReason: "damp and mould in a child's bedroom" });
    expect(high.ok && high.state.priority).toEqual({ level: "high", reason: "damp and mould in a child's bedroom" });
  });

  it("adds a restricting flag at once (the row's restricted mirror follows the flags)", () => {
    const result = apply(run(triaged), "2026-03-05", { type: "recategorise", addFlags: ["safeguarding"] });
    expect(result.ok && result.state.flags).toEqual(["safeguarding"]);
  });

  it("taking a restricting flag off needs a reason, since more people will see the case (docs/design.md §7)", () => {
    const flagged = run(triaged, { flags: ["named-staff"] });
    expect(refusal(flagged, "2026-03-05", { type: "recategorise", removeFlags: ["named-staff"] })).toMatchObject({
      code: "INVALID_INPUT",
      message: expect.stringContaining('Say why "Complaint about named staff" no longer applies'),
    });
    const result = apply(flagged, "2026-03-05", { type: "recategorise", removeFlags: ["named-staff"], reason: "the officer named is not council staff" });
    expect(result.ok && result.state.flags).toEqual([]);
  });

  it("adding a flag the case already has changes nothing and says so (each case of a bulk action answers for itself)", () => {
    expect(refusal(run(triaged, { flags: ["vulnerability"] }), "2026-03-05", { type: "recategorise", addFlags: ["vulnerability"] })).toMatchObject({
      code: "INVALID_INPUT",
      message: 'Nothing would change on case CMP-2026-000001: it already has "Vulnerable customer"',
    });
  });

  it("refuses adding and removing the same flag, and a priority change on a closed case", () => {
    expect(refusal(run(triaged), "2026-03-05", { type: "recategorise", addFlags: ["safeguarding"], removeFlags: ["safeguarding"] }).message).toBe('Either add or remove "Safeguarding concern", not both');
    const closed = run([["2026-03-02", { type: "withdraw", reason: "resolved" } as Step]]);
    expect(refusal(closed, "2026-03-05", { type: "recategorise", priority: "high", priorityReason: "x" }).code).toBe("NOT_ALLOWED_NOW");
    // The category of a closed case may still be corrected: the reports count by it.
    expect(apply(closed, "2026-03-05", { type: "recategorise", category: "Street cleansing" }).ok).toBe(true);
  });
});

describe("edit-details (the record corrected, the first wording kept)", () => {
  it("changes what is sent and records each value before and after", () => {
    const result = apply(run(triaged), "2026-03-05", { type: "edit-details", description: "My bins were not collected for four weeks.", customerName: "Anne Example" });
    if (!result.ok) throw new Error(result.refusal.message);
    expect(result.state.description).toBe("My bins were not collected for four weeks.");
    expect(result.state.customer).toEqual({ id: "cust-1", name: "Anne Example" });
    expect(result.state.desiredOutcome).toBe("Collect the bins and say sorry");
    expect(result.events[0]!.data.changes).toEqual({
      description: { from: "My bins were not collected for three weeks.", to: "My bins were not collected for four weeks." },
      customerName: { from: "Ann Example", to: "Anne Example" },
    });
  });

  it("adds a representative only with the customer's consent, an elected member needing none (DPA 2018 Sch 1 para 24)", () => {
    const rep = { name: "Cllr Jo Bloggs", role: "councillor" as const, replyTo: "representative" as const };
    expect(refusal(run(triaged), "2026-03-05", { type: "edit-details", representative: { ...rep, consent: null } }).message).toMatch(/Record the customer's consent for Cllr Jo Bloggs/);
    expect(refusal(run(triaged), "2026-03-05", { type: "edit-details", representative: { ...rep, role: "relative", consent: { basis: "elected-member", recordedOn: "2026-03-05" } } }).message).toMatch(/Only an elected member/);
    const added = apply(run(triaged), "2026-03-05", { type: "edit-details", representative: { ...rep, consent: { basis: "elected-member", recordedOn: "2026-03-05" } } });
    expect(added.ok && added.state.representative?.name).toBe("Cllr Jo Bloggs");
  });

  it("refuses naming the customer of an anonymous case, and an edit that changes nothing", () => {
    expect(refusal(run(triaged, { customer: null }), "2026-03-05", { type: "edit-details", customerName: "Someone" }).message).toBe("Case CMP-2026-000001 was made anonymously; there is no customer to name");
    expect(refusal(run(triaged), "2026-03-05", { type: "edit-details", desiredOutcome: "Collect the bins and say sorry" }).message).toBe("Nothing would change on case CMP-2026-000001: the details are as recorded");
  });
});
