/**
 * What plugins asked of core (plugins/*\/src/core-gaps.test.ts): regime checks at start-up,
 * maxima across units, stage milestones, statutory calendars without closure days, and
 * add-ons kept to their kinds.
 */
import { describe, expect, it } from "vitest";
import { accept, council, due, runCase } from "../../test/scenario.js";
import { createServicePlugin, type ServicePlugin } from "./types.js";
import { explainRules } from "./explain.js";
import type { StageRules } from "../regime/types.js";

const plugin = (id: string, register: ServicePlugin["register"]) => createServicePlugin({ id, name: id, version: "1.0.0", register });

const stage3: StageRules = {
  id: "stage-3",
  label: "Review panel",
  acknowledge: null,
  respond: { period: { workingDays: 15 }, from: "milestone:panel-report", rule: "SI 2006/1738 reg 20: response within 15 working days of the report" },
  responsePeriodAgreeable: false,
  target: null,
  extension: null,
  holdingInterval: null,
  escalation: null,
  referBackTo: null,
  handler: null,
  signedByResponsiblePerson: false,
  acknowledgementLetter: "escalation-acknowledgement",
  responseLetter: "stage-3-response",
};

const panel = plugin("panel", (r) => {
  r.addStage(stage3, { after: "stage-2" });
  r.setEscalation("stage-2", { to: "stage-3", window: null, lateAllowedWithDiscretion: true, rule: "SI 2006/1738 reg 18" });
  r.addMilestone("stage-3", { id: "panel-meeting", label: "Panel meeting", period: { workingDays: 30 }, from: "panel-request", rule: "SI 2006/1738 reg 19: panel meets within 30 working days" });
  r.addMilestone("stage-3", { id: "panel-report", label: "Panel report", period: { workingDays: 5 }, from: "milestone:panel-meeting", rule: "SI 2006/1738 reg 20: report within 5 working days" });
});

describe("regime checks at start-up", () => {
  it("a plugin's check of the resolved regime stops start-up, naming the plugin", () => {
    const twoStages = plugin("two-stages", (r) => {
      r.claimService();
      r.checkRegime("Housing Ombudsman code 5.1: two stages, never three", (regime) => (regime.stages.length > 2 ? `${regime.stages.length} stages configured` : null));
    });
    expect(() => council({ plugins: [twoStages, panel], enable: ["two-stages", "panel"] })).toThrow(
      'service "waste", complaint: plugin "two-stages": 3 stages configured (Housing Ombudsman code 5.1: two stages, never three)',
    );
  });
});

describe("statutory maxima across units", () => {
  const asc = plugin("asc", (r) => {
    r.claimService();
    r.setStatutoryMaximum("stage-1", "respond", { calendarMonths: 6 }, "SI 2009/309 reg 14: six months");
  });
  it("65 working days is always within six calendar months", () => {
    expect(() => council({ plugins: [asc], enable: ["asc"], serviceSettings: { stages: { "stage-1": { respond: { period: { workingDays: 65 }, from: "receipt", rule: "Council standard" } } } } })).not.toThrow();
  });
  it("140 working days can end after six months, and is refused", () => {
    expect(() => council({ plugins: [asc], enable: ["asc"], serviceSettings: { stages: { "stage-1": { respond: { period: { workingDays: 140 }, from: "receipt", rule: "Council standard" } } } } })).toThrow(
      /sets the Stage 1 response to 140 working days, above the statutory maximum of 6 calendar months \(SI 2009\/309 reg 14: six months; declared by plugin "asc"\)/,
    );
  });
});

describe("stage milestones (SI 2006/1738 regs 19–20)", () => {
  const rules = council({ plugins: [panel], enable: ["panel"] }).rulesFor("waste", "complaint");
  const toPanel = [
    ["2026-03-02", accept],
    ["2026-03-03", { type: "acknowledge" }],
    ["2026-03-10", { type: "respond", outcome: "not-upheld", reasons: "x" }],
    ["2026-03-11", { type: "escalate" }],
    ["2026-03-12", { type: "acknowledge" }],
    ["2026-05-20", { type: "respond", outcome: "not-upheld", reasons: "x" }],
    ["2026-06-01", { type: "escalate" }],
  ] as const;

  it("the meeting, the report and the response each have a deadline, counted one from the other", () => {
    const state = runCase(rules, "2026-03-02", [...toPanel]);
    expect(due(state, "stage-3#3.milestone:panel-meeting").date).toBe("2026-07-13");
    expect(due(state, "stage-3#3.milestone:panel-report").date).toBe("2026-07-20");
    expect(due(state, "stage-3#3.respond").date).toBe("2026-08-10");
    expect(due(state, "stage-3#3.respond").explanation).toContain("counts from panel report, not yet recorded (due Mon 20 Jul 2026)");
  });

  it("recording an early meeting brings the later deadlines forward", () => {
    const state = runCase(rules, "2026-03-02", [...toPanel, ["2026-06-15", { type: "record-milestone", milestoneId: "panel-meeting" }]]);
    expect(due(state, "stage-3#3.milestone:panel-meeting").metOn).toBe("2026-06-15");
    expect(due(state, "stage-3#3.milestone:panel-report").date).toBe("2026-06-22");
  });

  it("the report cannot be recorded before the meeting", () => {
    expect(() => runCase(rules, "2026-03-02", [...toPanel, ["2026-06-15", { type: "record-milestone", milestoneId: "panel-report" }]])).toThrow(/Record "panel meeting" before panel report/);
  });

  it("explains the milestones in the resolved rules", () => {
    expect(explainRules(rules)).toContain('stage-3.milestone:panel-report: 5 working days from the panel meeting — plugin "panel" (SI 2006/1738 reg 20: report within 5 working days)');
  });

  it("a milestone counting from one that does not come before it is a start-up error", () => {
    const backwards = plugin("backwards", (r) => {
      r.addMilestone("stage-1", { id: "b", label: "B", period: { workingDays: 1 }, from: "milestone:c", rule: "test" });
      r.addMilestone("stage-1", { id: "c", label: "C", period: { workingDays: 1 }, from: "receipt", rule: "test" });
    });
    expect(() => council({ plugins: [backwards], enable: ["backwards"] })).toThrow(/milestone "b" of stage "stage-1" counts from a milestone that does not come before it/);
  });
});

describe("statutory calendars (FOIA s10(6))", () => {
  const closures = [{ everyYear: "12-29", label: "Christmas shutdown" }, { everyYear: "12-30", label: "Christmas shutdown" }];
  const statutory = plugin("statutory", (r) => {
    r.claimService();
    r.setCalendar(["england-and-wales", "scotland", "northern-ireland"], "FOIA s10(6): bank holidays anywhere in the UK", { councilClosures: false });
  });
  it("a statute's working days ignore the council's Christmas shutdown", () => {
    const rules = council({ closures, plugins: [statutory], enable: ["statutory"] }).rulesFor("waste", "complaint");
    expect(rules.calendar.isWorkingDay("2026-12-29")).toBe(true);
    const policy = council({ closures }).rulesFor("waste", "complaint");
    expect(policy.calendar.isWorkingDay("2026-12-29")).toBe(false);
  });
});

describe("add-ons keep to their kinds", () => {
  const foi = plugin("foi", (r) => {
    r.claimKinds("foi-eir-review");
    r.skipStage("stage-1", "Leeds policy para 58");
  });
  it("an add-on does not reach a kind another plugin has taken over", () => {
    const book = council({ plugins: [foi, panel], enable: ["foi", "panel"] });
    expect(book.rulesFor("waste", "foi-eir-review").regime.stages.map((s) => s.id)).toEqual(["stage-2"]);
    expect(book.rulesFor("waste", "complaint").regime.stages.map((s) => s.id)).toEqual(["stage-1", "stage-2", "stage-3"]);
  });
  it("an add-on can name its kinds", () => {
    const forComplaintsOnly = plugin("complaints-only", (r) => {
      r.appliesToKinds("complaint");
      r.setTarget("stage-1", { period: { workingDays: 5 }, from: "receipt", rule: "test", label: "Quick target" });
    });
    const book = council({ plugins: [forComplaintsOnly], enable: ["complaints-only"] });
    expect(book.rulesFor("waste", "complaint").plugins).toEqual(["complaints-only"]);
    expect(book.rulesFor("waste", "member-enquiry").plugins).toEqual([]);
  });
});

describe("settings and the kinds they reach", () => {
  const foi = plugin("foi", (r) => {
    r.claimKinds("foi-eir-review");
    r.skipStage("stage-1", "Leeds policy para 58");
  });
  const stage1Settings = { stages: { "stage-1": { acknowledge: { period: { workingDays: 3 }, from: "receipt" as const, rule: "Leeds policy para 13" } } } };

  it("a service's Stage 1 settings do not apply to a kind whose regime skipped Stage 1, and the trace says so", () => {
    const book = council({ plugins: [foi], enable: ["foi"], serviceSettings: stage1Settings });
    expect(book.rulesFor("waste", "complaint").regime.stages[0]!.acknowledge?.period).toEqual({ workingDays: 3 });
    const review = book.rulesFor("waste", "foi-eir-review");
    expect(review.regime.stages.map((s) => s.id)).toEqual(["stage-2"]);
    expect(review.trace["stage-1.acknowledge"]!.at(-1)!.rule).toBe('not applied: plugin "foi" skipped this stage');
  });

  it("a setting for a stage nobody has is still a start-up error", () => {
    expect(() => council({ serviceSettings: { stages: { "stage-9": { label: "Nine" } } } })).toThrow(/no such stage/);
  });

  it("settings can name the kinds they apply to", () => {
    const book = council({ serviceSettings: { kinds: ["complaint"], ...stage1Settings } });
    expect(book.rulesFor("waste", "complaint").regime.stages[0]!.acknowledge?.period).toEqual({ workingDays: 3 });
    expect(book.rulesFor("waste", "member-enquiry").regime.stages[0]!.acknowledge?.period).toEqual({ workingDays: 5 });
  });
});

describe("a Stage 1 reopened by referral back (Lancaster task group 8(2))", () => {
  it("counts its acknowledgement from the referral, not the original receipt", () => {
    const rules = council({ timescales: { stages: { "stage-2": { referBackTo: "stage-1" } } } }).rulesFor("waste", "complaint");
    const state = runCase(rules, "2026-06-01", [
      ["2026-06-01", accept],
      ["2026-06-02", { type: "acknowledge" }],
      ["2026-06-12", { type: "respond", outcome: "not-upheld", reasons: "r" }],
      ["2026-06-15", { type: "escalate" }],
      ["2026-06-16", { type: "acknowledge" }],
      ["2026-06-18", { type: "refer-back", reason: "More to do at Stage 1" }],
    ]);
    const ack = due(state, "stage-1#3.acknowledge");
    expect(ack.date).toBe("2026-06-25");
    expect(ack.explanation).toContain("Stage 1 reopened Thu 18 Jun 2026 (Referred back from Stage 2: More to do at Stage 1)");
  });

  it("leaves nothing of the Stage 2 it ended due: its response, target and milestones close on the referral and say so, and its pause ends (issue 16 audit: overdue notices would follow)", () => {
    const rules = council({
      timescales: {
        stages: {
          "stage-2": {
            referBackTo: "stage-1",
            target: { period: { workingDays: 5 }, from: "stage-request", rule: "Lancaster task group 5", label: "Service target" },
            milestones: [{ id: "plan", label: "Agree the review plan", period: { workingDays: 3 }, from: "stage-request", rule: "Lancaster task group 8(2)" }],
          },
        },
      },
    }).rulesFor("waste", "complaint");
    const state = runCase(rules, "2026-06-01", [
      ["2026-06-01", accept],
      ["2026-06-02", { type: "acknowledge" }],
      ["2026-06-12", { type: "respond", outcome: "not-upheld", reasons: "r" }],
      ["2026-06-15", { type: "escalate" }],
      ["2026-06-16", { type: "acknowledge" }],
      ["2026-06-17", { type: "pause", reason: "Waiting for the contractor's report" }],
      ["2026-06-18", { type: "refer-back", reason: "More to do at Stage 1" }],
    ]);
    const stage2 = state.dueDates.filter((d) => d.id.startsWith("stage-2#2."));
    expect(stage2.map((d) => d.kind).sort()).toEqual(["acknowledge", "milestone", "respond", "target"]);
    expect(stage2.filter((d) => d.metOn === null)).toEqual([]);
    for (const kind of ["respond", "target", "milestone"]) {
      expect(stage2.find((d) => d.kind === kind)!.explanation).toMatch(/; no longer due: referred back to Stage 1 Thu 18 Jun 2026$/);
    }
    expect(state.stages[1]!.pauses).toEqual([{ from: "2026-06-17", to: "2026-06-18", reason: "Waiting for the contractor's report" }]);
    // The reopened Stage 1 carries the dates now.
    expect(state.dueDates.filter((d) => d.metOn === null && d.nature !== "window").map((d) => d.id)).toEqual(["stage-1#1.acknowledge", "stage-1#1.respond", "stage-1#3.acknowledge", "stage-1#3.respond"]);
  });
});
