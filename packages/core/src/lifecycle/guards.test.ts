/**
 * Refusals are specific: each guard the rules demand refuses with a message that names its
 * rule, so a caseworker sees why and where it comes from.
 */
import { describe, expect, it } from "vitest";
import { accept, council, officer, otherOfficer, refusalOf, runCase, type Step } from "../../test/scenario.js";
import { createServicePlugin } from "../plugin/types.js";
import type { CouncilOptions } from "../../test/scenario.js";

const rulesOf = (options: CouncilOptions = {}) => council(options).rulesFor("waste", "complaint");
const received = "2026-03-02";
const acked: Step[] = [[received, accept], ["2026-03-03", { type: "acknowledge" }]];
const responded: Step[] = [...acked, ["2026-03-10", { type: "respond", outcome: "not-upheld", reasons: "Collected as scheduled." }]];

describe("guards name their rule", () => {
  it("Stage 2 is not handled by the Stage 1 officer (code 6.13)", () => {
    const r = refusalOf(rulesOf(), received, [
      [received, accept],
      [received, { type: "assign", handlerId: "officer-9" }],
      ["2026-03-03", { type: "acknowledge" }],
      ["2026-03-10", { type: "respond", outcome: "not-upheld", reasons: "No fault." }],
      ["2026-03-11", { type: "escalate" }],
      ["2026-03-11", { type: "assign", handlerId: "officer-9" }],
    ]);
    expect(r.code).toBe("HANDLER_NOT_INDEPENDENT");
    // Refusals name people, not ids (issue 16): the caller fills in the name from its records.
    expect(r.message).toContain("The person chosen handled Stage 1, so cannot handle Stage 2");
    expect(r.message).not.toContain("officer-9");
    expect(r.message).toContain("6.13");
  });

  it("a complaint about a member of staff is not investigated by that person (Leeds policy)", () => {
    const r = refusalOf(rulesOf(), received, [[received, accept], [received, { type: "assign", handlerId: "staff-7" }]], { flags: ["named-staff"], aboutStaffIds: ["staff-7"] });
    expect(r.code).toBe("CONFLICT_OF_INTEREST");
    expect(r.message).toMatch(/The person chosen is named in the complaint.*Leeds policy/);
    const named = refusalOf(rulesOf(), received, [[received, accept], [received, { type: "assign", handlerId: "staff-7", handlerName: "Sam Staff" }]], { flags: ["named-staff"], aboutStaffIds: ["staff-7"] });
    expect(named.message).toMatch(/^Sam Staff is named in the complaint/);
  });

  it("Leeds policy para 28: a discrimination complaint is not acknowledged before the required people are told", () => {
    const rules = rulesOf({
      notifyBeforeAcknowledging: [{ flag: "discrimination-or-harassment", parties: ["Chief Officer Legal", "Head of Equality"], rule: "Leeds policy para 28" }],
    });
    const r = refusalOf(rules, received, [[received, accept], [received, { type: "notify", party: "Head of Equality", reason: "discrimination" }], [received, { type: "acknowledge" }]], { flags: ["discrimination-or-harassment"] });
    expect(r.code).toBe("NOTIFICATION_REQUIRED");
    expect(r.message).toBe('A complaint flagged "discrimination or harassment" cannot be acknowledged until Chief Officer Legal has been notified (Leeds policy para 28)');
  });

  it("code 6.4: a Stage 1 extension beyond 10 working days is refused", () => {
    const r = refusalOf(rulesOf(), received, [...acked, ["2026-03-05", { type: "extend", workingDays: 6, reason: "Survey", ombudsmanDetailsGiven: true }], ["2026-03-06", { type: "extend", workingDays: 5, reason: "More", ombudsmanDetailsGiven: true }]]);
    expect(r.code).toBe("EXTENSION_TOO_LONG");
    expect(r.message).toBe("Stage 1 may be extended by at most 10 working days in all; 6 already used, so at most 4 more can be added, not 5 (Complaint handling code 2024 6.4–6.5)");
  });

  it("code 6.5: an extension must give the Ombudsman's details", () => {
    const r = refusalOf(rulesOf(), received, [...acked, ["2026-03-05", { type: "extend", workingDays: 5, reason: "Survey", ombudsmanDetailsGiven: false }]]);
    expect(r.code).toBe("OMBUDSMAN_DETAILS_REQUIRED");
    expect(r.message).toContain("Local Government and Social Care Ombudsman");
    expect(r.message).toContain("6.4–6.5");
  });

  it("an extension is notified before the deadline passes (Housing Ombudsman: within the original deadline)", () => {
    const r = refusalOf(rulesOf(), received, [...acked, ["2026-03-20", { type: "extend", workingDays: 5, reason: "Late", ombudsmanDetailsGiven: true }]]);
    expect(r.code).toBe("NOT_ALLOWED_NOW");
    expect(r.message).toContain("The response was due on Tue 17 Mar 2026");
  });

  it("Leeds policy para 17: an escalation after 28 days needs discretion recorded", () => {
    const rules = rulesOf({
      timescales: { stages: { "stage-1": { escalation: { to: "stage-2", window: { period: { calendarDays: 28 }, from: "response", rule: "Leeds policy para 17" }, lateAllowedWithDiscretion: true, rule: "Leeds policy para 17" } } } },
    });
    const r = refusalOf(rules, received, [...responded, ["2026-04-08", { type: "escalate" }]]);
    expect(r.code).toBe("ESCALATION_WINDOW_CLOSED");
    expect(r.message).toContain("until Tue 7 Apr 2026");
    expect(r.message).toContain("Leeds policy para 17");
  });

  it("only the next stages the regime allows: Stage 2 is final, the next step is the Ombudsman", () => {
    const r = refusalOf(rulesOf(), received, [
      ...responded,
      ["2026-03-11", { type: "escalate" }],
      ["2026-03-12", { type: "acknowledge" }],
      ["2026-03-20", { type: "respond", outcome: "not-upheld", reasons: "No fault." }],
      ["2026-03-21", { type: "escalate" }],
    ]);
    expect(r.code).toBe("NO_NEXT_STAGE");
    expect(r.message).toContain("Stage 2 is the final stage; the next step is the Local Government and Social Care Ombudsman");
  });

  it("financial remedies stay within the sender's delegated limit (Leeds policy para 70(4))", () => {
    const rules = rulesOf({ delegatedLimits: [{ role: "investigating-officer", maxPounds: 100 }, { role: "head-of-service", maxPounds: 1000 }] });
    const r = refusalOf(rules, received, [
      ...acked,
      ["2026-03-10", { type: "respond", outcome: "upheld", reasons: "Missed collections.", by: { id: "io-1", roles: ["investigating-officer"] }, remedies: [{ id: "r1", type: "financial", description: "Time and trouble", ownerId: "io-1", dueOn: null, amountPence: 25000, approverId: "io-1" }] }],
    ]);
    expect(r.code).toBe("REMEDY_OVER_LIMIT");
    expect(r.message).toBe("£250.00 is above your delegated limit of £100.00; ask someone with a higher limit to approve it (Leeds policy para 70(4) and the council's scheme of delegation (profile: delegated financial limits))");
  });

  it("a payment is approved by its sender or through an approval, never by naming someone (decision 0324)", () => {
    const rules = rulesOf({ delegatedLimits: [{ role: "investigating-officer", maxPounds: 100 }, { role: "head-of-service", maxPounds: 1000 }] });
    const r = refusalOf(rules, received, [
      ...acked,
      ["2026-03-10", { type: "respond", outcome: "upheld", reasons: "Missed collections.", by: { id: "io-1", roles: ["investigating-officer"] }, remedies: [{ id: "r1", type: "financial", description: "Time and trouble", ownerId: "io-1", dueOn: null, amountPence: 25000, approverId: "hos-1" }] }],
    ]);
    expect(r.code).toBe("NOT_ALLOWED_NOW");
    expect(r.message).toContain("A payment approved by someone else needs their approval on the case");
  });

  it("a financial remedy is never for physical injury (Leeds policy: remedies)", () => {
    const r = refusalOf(rulesOf(), received, [
      ...acked,
      ["2026-03-10", { type: "respond", outcome: "upheld", reasons: "Fell on the path.", remedies: [{ id: "r1", type: "financial", description: "Injury", ownerId: null, dueOn: null, amountPence: 5000, physicalInjury: true }] }],
    ]);
    expect(r.code).toBe("REMEDY_PHYSICAL_INJURY");
    expect(r.message).toContain("Leeds policy");
  });

  it("SI 2009/309 reg 14: the response is signed by the responsible person where the regime says so", () => {
    const rules = rulesOf({ timescales: { stages: { "stage-1": { signedByResponsiblePerson: true } } } });
    const r = refusalOf(rules, received, [...acked, ["2026-03-10", { type: "respond", outcome: "upheld", reasons: "Care plan not followed." }]]);
    expect(r.code).toBe("SIGNATORY_REQUIRED");
    expect(r.message).toContain("SI 2009/309 reg 14(1)");
  });

  it("code section 2: accepting a complaint more than 12 months old needs an out-of-time decision", () => {
    const r = refusalOf(rulesOf(), received, [[received, accept]], { matterArose: "2025-01-15" });
    expect(r.code).toBe("NOT_ALLOWED_NOW");
    expect(r.message).toContain("more than 12 months before the complaint");
    expect(r.message).toContain("Complaint handling code 2024 section 2");
  });

  it("code 1.2: a complaint becomes a service request only when the customer agrees", () => {
    const r = refusalOf(rulesOf(), received, [[received, { type: "triage", outcome: "not-a-complaint", agreedWithCustomer: false, note: "Looks like a request" }]]);
    expect(r.message).toContain("Complaint handling code 2024 1.2–1.3");
  });

  it("a plugin's role requirement is enforced and named", () => {
    const directorOnly = createServicePlugin({
      id: "director-review",
      name: "Director review",
      version: "1.0.0",
      register(reg) {
        reg.requireRoles("respond", ["director"], { rule: "Leeds policy para 62: reviewed by a Director" });
      },
    });
    const rules = rulesOf({ plugins: [directorOnly], enable: ["director-review"] });
    const r = refusalOf(rules, received, [...acked, ["2026-03-10", { type: "respond", outcome: "upheld", reasons: "x" }]]);
    expect(r.code).toBe("FORBIDDEN_ROLE");
    expect(r.message).toBe("Only director may respond here (Leeds policy para 62: reviewed by a Director)");
  });

  it("a plugin's pre-transition guard refuses with its own rule", () => {
    const legalFirst = createServicePlugin({
      id: "legal-first",
      name: "Legal first",
      version: "1.0.0",
      register(reg) {
        reg.onTransition({
          order: "pre",
          commands: ["respond"],
          handler: ({ state }) => (state?.notified.some((n) => n.party === "legal") ? undefined : { refuse: { message: "Take Legal advice before the review decision", rule: "Leeds policy para 62" } }),
        });
      },
    });
    const rules = rulesOf({ plugins: [legalFirst], enable: ["legal-first"] });
    const r = refusalOf(rules, received, [...acked, ["2026-03-10", { type: "respond", outcome: "upheld", reasons: "x" }]]);
    expect(r).toMatchObject({ code: "PLUGIN_GUARD", message: "Take Legal advice before the review decision (Leeds policy para 62)" });
  });

  it("a representative needs the customer's consent unless an elected member acts (DPA 2018 Sch 1 para 24)", () => {
    const rules = rulesOf();
    expect(() => refusalOf(rules, received, [[received, accept]], { representative: { name: "A Friend", role: "relative", consent: null, replyTo: "representative" } })).toThrow(
      /log refused: .*consent.*Data Protection Act 2018 Sch 1 para 24/,
    );
  });

  it("bad input on logging lists the fields", () => {
    expect(() => refusalOf(rulesOf(), received, [[received, accept]], { description: "   ", priority: { level: "high", reason: null } })).toThrow(
      /description: describe the complaint; priority: say why the case is high priority/,
    );
  });

  it("nothing can be done to a closed case except reopening it (and recording contact)", () => {
    const r = refusalOf(rulesOf(), received, [...responded, ["2026-03-11", { type: "close" }], ["2026-03-12", { type: "acknowledge" }]]);
    expect(r.message).toContain("is closed; reopen it");
  });

  it("a date in the future is refused", () => {
    const r = refusalOf(rulesOf(), received, [[received, accept], [received, { type: "acknowledge", on: "2026-03-09" }]]);
    expect(r).toMatchObject({ code: "DATE_INVALID" });
  });

  it("a response cannot be dated before its stage was acknowledged (issue 16: records corrected or imported with the wrong date)", () => {
    const r = refusalOf(rulesOf(), received, [...acked, ["2026-03-10", { type: "respond", on: "2026-03-02", outcome: "not-upheld", reasons: "Collected as scheduled." }]]);
    expect(r).toMatchObject({ code: "DATE_INVALID", message: "The response cannot be dated Mon 2 Mar 2026, before Stage 1 was acknowledged on Tue 3 Mar 2026" });
  });

  it("an escalation request cannot be dated after today (issue 16)", () => {
    const r = refusalOf(rulesOf(), received, [...responded, ["2026-03-11", { type: "escalate", requestedAt: "2026-03-12T10:00:00Z" }]]);
    expect(r).toMatchObject({ code: "DATE_INVALID", message: "The escalation request cannot be dated Thu 12 Mar 2026: that is after today (Wed 11 Mar 2026)" });
  });

  it("different officers can still be assigned a Stage 2 when they did not handle Stage 1", () => {
    expect(() =>
      refusalOf(rulesOf(), received, [...responded, ["2026-03-11", { type: "escalate" }], ["2026-03-11", { type: "assign", handlerId: otherOfficer.id, by: officer }], ["2026-03-11", { type: "assign", handlerId: otherOfficer.id }]]),
    ).toThrow(/expected to be refused but was applied/);
  });

  describe("a request is answered from the day it arrives, though it counts from the next working day", () => {
    it("code 5.x receipt rules: logged at 6.30pm on Monday (after the 5pm cut-off), it may be acknowledged that evening; Stage 1 still counts from Tuesday", () => {
      const state = runCase(rulesOf(), "2026-03-02T18:30:00Z", [
        ["2026-03-02T18:35:00Z", accept],
        ["2026-03-02T18:40:00Z", { type: "acknowledge" }],
      ]);
      expect(state.stages[0]).toMatchObject({ requestedOn: "2026-03-03", receivedOn: "2026-03-02", acknowledgedOn: "2026-03-02" });
    });

    it("a Stage 2 request made on a Saturday may be acknowledged that Saturday; it counts from Monday", () => {
      const state = runCase(rulesOf(), received, [...responded, ["2026-03-14", { type: "escalate" }], ["2026-03-14", { type: "acknowledge" }]]);
      expect(state.stages[1]).toMatchObject({ requestedOn: "2026-03-16", receivedOn: "2026-03-14", acknowledgedOn: "2026-03-14" });
    });

    it("nothing is acknowledged before the request arrived", () => {
      const r = refusalOf(rulesOf(), received, [...responded, ["2026-03-14", { type: "escalate", requestedAt: "2026-03-13T10:00:00Z" }], ["2026-03-12", { type: "acknowledge" }]]);
      expect(r.code).toBe("DATE_INVALID");
      expect(r.message).toBe("Stage 2 cannot be acknowledged before the request arrived (Fri 13 Mar 2026)");
    });
  });
});
