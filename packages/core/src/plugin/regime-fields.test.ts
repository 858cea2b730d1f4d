/**
 * Every regime field a plugin may set (issue 17, docs/decisions/0107-every-regime-field-settable.md
 * and 0108-day-one-counting-and-direct-stages.md), and explanations that name every non-working
 * day that moved a date. Dates use the shipped 2027 bank holidays (England and Wales: Good Friday
 * Fri 26 Mar, Easter Monday Mon 29 Mar, Early May Mon 3 May, Spring Mon 31 May), counted by hand.
 */
import { describe, expect, it } from "vitest";
import { council, due, refusalOf, runCase, type Step } from "../../test/scenario.js";
import { conformanceProblems } from "../testing/conformance.js";
import { explainRules } from "./explain.js";
import { createServicePlugin, type PluginRegistrar, type ServicePlugin } from "./types.js";
import type { StageRules } from "../regime/types.js";

const plugin = (id: string, register: (r: PluginRegistrar) => void): ServicePlugin =>
  createServicePlugin({ id, name: id, version: "1.0.0", register });
const rulesWith = (p: ServicePlugin) => council({ plugins: [p], enable: [p.id] }).rulesFor("waste", "complaint");

const CODE_ACK = "Complaint handling code 2024 6.2";
const SPSO_DAY_ONE = "SPSO model complaints handling procedure, Part 3 (timelines): the date of receipt is day 1";
const respondStep = (on: string): Step => [on, { type: "respond", outcome: "not-upheld", reasons: "The collection was made on the scheduled day." }];

describe("day-0 or day-1 counting (docs/rules.md §7; SPSO model CHP)", () => {
  const dayOne = plugin("day-one", (r) => {
    r.claimService();
    r.setDayCounting({ firstDay: 1, rule: SPSO_DAY_ONE });
  });

  it("English default: the day of receipt is day 0, so Thu 27 May 2027 + 5 working days is Fri 4 Jun (Spring bank holiday skipped)", () => {
    const state = runCase(council().rulesFor("waste", "complaint"), "2027-05-27");
    expect(due(state, "stage-1#1.acknowledge").date).toBe("2027-06-04");
  });

  it("day 1: the day of receipt is day 1, so the 5th working day is Thu 3 Jun, and the explanation says which day was day 1", () => {
    const state = runCase(rulesWith(dayOne), "2027-05-27");
    const ack = due(state, "stage-1#1.acknowledge");
    expect(ack.date).toBe("2027-06-03");
    expect(ack.explanation).toBe(
      `received Thu 27 May 2027; +5 working days counting Thu 27 May 2027 as day 1 (${SPSO_DAY_ONE}), skipping Mon 31 May (bank holiday) → acknowledge by Thu 3 Jun 2027 (${CODE_ACK}); waiting for triage, which does not stop the clock`,
    );
  });

  it("day 1 on a rolled receipt: received Sun 2 May 2027, day 1 is Tue 4 May (after the Early May bank holiday), due Mon 10 May", () => {
    const state = runCase(rulesWith(dayOne), "2027-05-02T10:00:00Z", [["2027-05-04", { type: "triage", outcome: "accept" }]]);
    expect(due(state, "stage-1#1.acknowledge").date).toBe("2027-05-10");
    expect(due(state, "stage-1#1.acknowledge").explanation).toContain("counting Tue 4 May 2027 as day 1");
  });

  it("the rules page names the counting and who set it", () => {
    expect(explainRules(rulesWith(dayOne))).toContain(`dayCounting: the day counted from is day 1 — plugin "day-one" (${SPSO_DAY_ONE}) [overrides core default: the day counted from is day 0]`);
  });
});

describe("the wrongly addressed return (Leeds policy: 3 working days; settable by a plugin)", () => {
  const wrongly: Step = ["2027-05-27", { type: "triage", outcome: "wrongly-addressed", body: "Yorkshire Water", bodyContact: "0345 124 2424" }];
  const RULE = "Fictional Borough procedure para 9: a wrongly addressed complaint is sent on within 2 working days";

  it("core's default is Leeds' 3 working days from receipt", () => {
    const d = due(runCase(council().rulesFor("waste", "complaint"), "2027-05-27", [wrongly]), "triage.wrongly-addressed");
    expect(d).toMatchObject({ date: "2027-06-02", rule: "Leeds policy: wrongly addressed complaints returned within 3 working days" });
  });

  it("a plugin sets its own period and rule, and the explanation names the body and the skipped holiday", () => {
    const sendsOn = plugin("sends-on", (r) => {
      r.claimService();
      r.setWronglyAddressedReturn({ period: { workingDays: 2 }, from: "receipt", rule: RULE });
    });
    const d = due(runCase(rulesWith(sendsOn), "2027-05-27", [wrongly]), "triage.wrongly-addressed");
    expect(d.date).toBe("2027-06-01");
    expect(d.explanation).toBe(`received Thu 27 May 2027; +2 working days, skipping Mon 31 May (bank holiday) → return to Yorkshire Water by Tue 1 Jun 2027 (${RULE})`);
  });

  it("a plugin may say there is no such deadline", () => {
    const none = plugin("none", (r) => {
      r.claimService();
      r.setWronglyAddressedReturn(null);
    });
    expect(runCase(rulesWith(none), "2027-05-27", [wrongly]).dueDates.some((d) => d.kind === "wrongly-addressed-return")).toBe(false);
  });
});

describe("triage opening a later stage directly (SPSO model CHP: complex complaints go straight to Stage 2)", () => {
  const RULE = "SPSO model complaints handling procedure: a complex complaint may go straight to Stage 2 investigation";
  const direct = plugin("direct", (r) => {
    r.claimService();
    r.setOpenedByTriage("stage-2", { rule: RULE });
  });
  const toStage2: Step = ["2027-06-07", { type: "triage", outcome: "accept", stageId: "stage-2" }];

  it("opens Stage 2 as the first stage, its acknowledgement counted from receipt and its response from the acknowledgement", () => {
    const state = runCase(rulesWith(direct), "2027-06-07", [toStage2]);
    expect(state.stages.map((s) => s.stageId)).toEqual(["stage-2"]);
    expect(due(state, "stage-2#1.acknowledge")).toMatchObject({ date: "2027-06-14", rule: "Complaint handling code 2024 6.11" });
    expect(due(state, "stage-2#1.acknowledge").explanation).toMatch(/^received Mon 7 Jun 2027; \+5 working days → acknowledge by Mon 14 Jun 2027/);
    expect(due(state, "stage-2#1.respond").date).toBe("2027-07-12");
  });

  it("accepting without a stage still opens Stage 1", () => {
    expect(runCase(rulesWith(direct), "2027-06-07", [["2027-06-07", { type: "triage", outcome: "accept" }]]).stages[0]!.stageId).toBe("stage-1");
  });

  it("is refused where the regime does not allow it, naming the rule that opens the stage", () => {
    const refusal = refusalOf(council().rulesFor("waste", "complaint"), "2027-06-07", [toStage2]);
    expect(refusal.code).toBe("NOT_ALLOWED_NOW");
    expect(refusal.message).toMatch(/^Stage 2 is opened by escalation from an earlier stage, not by triage: accept the complaint at Stage 1 \(Complaint handling code 2024 6\.12/);
  });

  it("an unknown stage is refused with the stages there are", () => {
    const refusal = refusalOf(rulesWith(direct), "2027-06-07", [["2027-06-07", { type: "triage", outcome: "accept", stageId: "stage-9" }]]);
    expect(refusal.message).toBe('These rules have no stage "stage-9" (stages: Stage 1, Stage 2)');
  });

  it("the first stage cannot be marked opened by triage: start-up says so", () => {
    const first = plugin("first", (r) => {
      r.claimService();
      r.setOpenedByTriage("stage-1", { rule: RULE });
    });
    expect(() => rulesWith(first)).toThrow(/stage "stage-1" is opened by triage directly, but it is the first stage/);
  });
});

describe('escalation windows: "6 months from the event or 2 months from the Stage 1 decision, whichever is later" (issue 17)', () => {
  const FROM_DECISION = "Example procedure: 2 months from the Stage 1 decision";
  const FROM_EVENT = "Example procedure: 6 months from the event complained about";
  const later = plugin("later", (r) => {
    r.claimService();
    r.setEscalation("stage-1", {
      to: "stage-2",
      window: { period: { calendarMonths: 2 }, from: "response", rule: FROM_DECISION },
      orLaterOf: [{ period: { calendarMonths: 6 }, from: "matter-arose", rule: FROM_EVENT }],
      lateAllowedWithDiscretion: false,
      rule: "Example procedure: escalation within the later of two windows",
    });
  });
  const stage1: Step[] = [["2027-06-07", { type: "triage", outcome: "accept" }], ["2027-06-08", { type: "acknowledge" }], respondStep("2027-06-14")];

  it("a recent event: 6 months from it (Wed 10 Nov 2027) is later than 2 months from the decision (Sat 14 Aug), and applies", () => {
    const state = runCase(rulesWith(later), "2027-06-07", stage1, { matterArose: "2027-05-10" });
    const w = due(state, "stage-1#1.escalation-window");
    expect(w).toMatchObject({ date: "2027-11-10", rule: FROM_EVENT });
    expect(w.explanation).toBe(
      `responded Mon 14 Jun 2027; whichever is later of: +2 months → Sat 14 Aug 2027 (${FROM_DECISION}); the matter arose Mon 10 May 2027, +6 months → Wed 10 Nov 2027 (${FROM_EVENT}); the later is Wed 10 Nov 2027 (${FROM_EVENT}) → the customer may ask to escalate until Wed 10 Nov 2027 (${FROM_EVENT})`,
    );
  });

  it("an old event: 2 months from the decision is later, and applies", () => {
    const state = runCase(rulesWith(later), "2027-06-07", stage1, { matterArose: "2026-11-01" });
    expect(due(state, "stage-1#1.escalation-window")).toMatchObject({ date: "2027-08-14", rule: FROM_DECISION });
  });

  it("without the event's date, the decision's window applies and the explanation says the other was left out", () => {
    const w = due(runCase(rulesWith(later), "2027-06-07", stage1), "stage-1#1.escalation-window");
    expect(w.date).toBe("2027-08-14");
    expect(w.explanation).toContain(`left out: ${FROM_EVENT} (counts from the date the matter arose, not recorded)`);
  });

  it("the escalate command uses the same window: accepted in September, refused after 10 November naming the rule that applied", () => {
    const rules = rulesWith(later);
    expect(runCase(rules, "2027-06-07", [...stage1, ["2027-09-01", { type: "escalate" }]], { matterArose: "2027-05-10" }).stages).toHaveLength(2);
    const refusal = refusalOf(rules, "2027-06-07", [...stage1, ["2027-11-11", { type: "escalate" }]], { matterArose: "2027-05-10" });
    expect(refusal.code).toBe("ESCALATION_WINDOW_CLOSED");
    expect(refusal.message).toBe(`The customer had until Wed 10 Nov 2027 to ask for Stage 2; a late request cannot be accepted (${FROM_EVENT})`);
  });
});

describe("explanations name every non-working day that moved a date (issue 17)", () => {
  const english = () => council().rulesFor("waste", "complaint");

  it("an escalation asked for on the Early May bank holiday is stated as made that day and counted from the next working day", () => {
    const state = runCase(english(), "2027-04-12", [
      ["2027-04-12", { type: "triage", outcome: "accept" }],
      ["2027-04-13", { type: "acknowledge" }],
      respondStep("2027-04-20"),
      ["2027-05-04", { type: "escalate", requestedAt: "2027-05-03T10:00:00Z" }],
    ]);
    const ack = due(state, "stage-2#2.acknowledge");
    expect(ack.date).toBe("2027-05-11");
    expect(ack.explanation).toMatch(
      /^escalation requested Mon 3 May 2027, counts from Tue 4 May 2027 \(Early May bank holiday, a bank holiday\); \+5 working days → acknowledge by Tue 11 May 2027 \(Complaint handling code 2024 6\.11\)/,
    );
  });

  it("an escalation asked for on Sunday 2 May 2027 names the weekend and the bank holiday", () => {
    const state = runCase(english(), "2027-04-12", [
      ["2027-04-12", { type: "triage", outcome: "accept" }],
      ["2027-04-13", { type: "acknowledge" }],
      respondStep("2027-04-20"),
      ["2027-05-04", { type: "escalate", requestedAt: "2027-05-02T10:00:00Z" }],
    ]);
    expect(due(state, "stage-2#2.acknowledge").explanation).toContain(
      "escalation requested Sun 2 May 2027, counts from Tue 4 May 2027 (Sun 2 May: a weekend; Mon 3 May: Early May bank holiday, a bank holiday)",
    );
  });

  it("a review panel requested on the Spring bank holiday is stated as requested that day (SI 2006/1738 reg 19)", () => {
    const panelStage: StageRules = {
      id: "stage-3",
      label: "Review panel",
      acknowledge: null,
      respond: { period: { workingDays: 15 }, from: "milestone:panel-meeting", rule: "SI 2006/1738 reg 20" },
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
      r.addStage(panelStage, { after: "stage-2" });
      r.setEscalation("stage-2", { to: "stage-3", window: null, lateAllowedWithDiscretion: true, rule: "SI 2006/1738 reg 18" });
      r.addMilestone("stage-3", { id: "panel-meeting", label: "Panel meeting", period: { workingDays: 30 }, from: "panel-request", rule: "SI 2006/1738 reg 19: panel meets within 30 working days" });
    });
    const state = runCase(rulesWith(panel), "2027-03-01", [
      ["2027-03-01", { type: "triage", outcome: "accept" }],
      ["2027-03-02", { type: "acknowledge" }],
      respondStep("2027-03-09"),
      ["2027-03-10", { type: "escalate" }],
      ["2027-03-11", { type: "acknowledge" }],
      respondStep("2027-04-05"),
      ["2027-06-01", { type: "escalate", requestedAt: "2027-05-31T10:00:00Z" }],
    ]);
    expect(due(state, "stage-3#3.milestone:panel-meeting").explanation).toMatch(
      /^panel requested Mon 31 May 2027, counts from Tue 1 Jun 2027 \(Spring bank holiday, a bank holiday\); \+30 working days/,
    );
  });

  it("an extension names the bank holiday inside it (Complaint handling code 2024 6.4–6.5)", () => {
    const state = runCase(english(), "2027-05-10", [
      ["2027-05-10", { type: "triage", outcome: "accept" }],
      ["2027-05-11", { type: "acknowledge" }],
      ["2027-05-20", { type: "extend", workingDays: 5, reason: "Waiting for the crew's records", ombudsmanDetailsGiven: true }],
    ]);
    const respond = due(state, "stage-1#1.respond");
    expect(respond.date).toBe("2027-06-02");
    expect(respond.explanation).toContain(
      "; extended by 5 working days (Waiting for the crew's records), skipping Mon 31 May (bank holiday) under Complaint handling code 2024 6.4–6.5 → respond by Wed 2 Jun 2027",
    );
  });

  it("a pause names the bank holiday inside it, which it does not count", () => {
    const state = runCase(english(), "2027-04-19", [
      ["2027-04-19", { type: "triage", outcome: "accept" }],
      ["2027-04-20", { type: "acknowledge" }],
      ["2027-04-30", { type: "pause", reason: "Waiting for the customer's photos" }],
      ["2027-05-05", { type: "resume" }],
    ]);
    const respond = due(state, "stage-1#1.respond");
    expect(respond.explanation).toContain(
      "2 working days paused (Waiting for the customer's photos, Fri 30 Apr 2027 to Wed 5 May 2027, not counting Mon 3 May (bank holiday)), so +2",
    );
    expect(respond.date).toBe("2027-05-07");
  });
});

describe("jurisdiction: no English value inherited silently (issue 17, decision 0107)", () => {
  const scottish = (extra: (r: PluginRegistrar) => void = () => {}) =>
    plugin("scottish", (r) => {
      r.claimService();
      r.setJurisdiction("scotland", "SPSO model complaints handling procedure (local authorities)");
      r.setCalendar(["scotland"], "Scottish bank holidays");
      r.setNextBody({ id: "spso", name: "Scottish Public Services Ombudsman", window: { period: { calendarMonths: 12 }, from: "response", rule: "SPSO Act 2002 s10" }, rule: "SPSO Act 2002" });
      r.setDayCounting({ firstDay: 1, rule: SPSO_DAY_ONE });
      extra(r);
    });

  it("start-up warns of each English value a Scottish regime leaves unset, naming the plugin, the value and its English rule", () => {
    const book = council({ plugins: [scottish()], enable: ["scottish"] });
    expect(book.warnings).toContain(
      'plugin "scottish" (Scotland) leaves "stage-1.extension" unset, so it inherits the English default up to 10 working days (Complaint handling code 2024 6.4–6.5): set it, or keep it with acceptInherited("stage-1.extension", reason)',
    );
    const paths = book.warnings.map((w) => /leaves "([^"]+)"/.exec(w)![1]);
    expect(paths).toEqual(expect.arrayContaining(["stage-1.acknowledge", "stage-1.respond", "stage-2.respond", "stage-2.handler", "timeLimit", "wronglyAddressedReturn", "feedbackAcknowledge"]));
    expect(paths).not.toContain("nations");
    expect(paths).not.toContain("nextBody");
    expect(paths).not.toContain("dayCounting");
  });

  it("an English regime, or none, gives no warning", () => {
    expect(council().warnings).toEqual([]);
    expect(council({ plugins: [plugin("english", (r) => r.claimService())], enable: ["english"] }).warnings).toEqual([]);
  });

  it("acceptInherited keeps a value on purpose: no warning, and the rules page says who kept it and why", () => {
    const reason = "SPSO model CHP: the Stage 2 investigator is not the Stage 1 handler, as in the English code";
    const book = council({ plugins: [scottish((r) => r.acceptInherited("stage-2.handler", reason))], enable: ["scottish"] });
    expect(book.warnings.some((w) => w.includes('"stage-2.handler"'))).toBe(false);
    expect(explainRules(book.rulesFor("waste", "complaint"))).toContain(
      `stage-2.handler: someone independent of stage-1 — plugin "scottish" (Complaint handling code 2024 6.13: the Stage 2 handler is not the Stage 1 handler; kept by plugin "scottish": ${reason}) [overrides core default: someone independent of stage-1]`,
    );
  });

  it("accepting a value the plugin sets, or one the regime does not have, stops start-up", () => {
    const both = scottish((r) => r.acceptInherited("nations", "Scottish holidays"));
    expect(() => council({ plugins: [both], enable: ["scottish"] })).toThrow(/accepts the inherited "nations", but plugin "scottish" sets it/);
    const typo = scottish((r) => r.acceptInherited("stage-1.respnd", "typo"));
    expect(() => council({ plugins: [typo], enable: ["scottish"] })).toThrow(/accepts the inherited "stage-1.respnd", which is not a rule of the regime/);
  });

  it("the conformance kit fails a plugin that inherits another jurisdiction's citation without saying so, and passes it once each is set or kept", () => {
    const inherited = conformanceProblems(scottish()).filter((p) => p.check === "jurisdiction");
    expect(inherited.map((p) => p.message)).toEqual(expect.arrayContaining([expect.stringContaining('leaves "stage-1.respond" unset')]));
    const complete = scottish((r) => {
      for (const path of ["stage-1.acknowledge", "stage-1.respond", "stage-1.extension", "stage-1.escalation", "stage-2.acknowledge", "stage-2.respond", "stage-2.extension", "stage-2.handler", "timeLimit", "feedbackAcknowledge", "wronglyAddressedReturn"]) {
        r.acceptInherited(path, "Checked against the SPSO model CHP for this test");
      }
    });
    expect(conformanceProblems(complete).filter((p) => p.check === "jurisdiction")).toEqual([]);
  });
});

describe("every new value names its rule (the conformance kit's provenance check)", () => {
  it("a jurisdiction or a day counting without a rule fails; keeping an inherited value without a reason cannot be registered", () => {
    const ruleless = plugin("ruleless", (r) => {
      r.claimService();
      r.setJurisdiction("england", " ");
      r.setDayCounting({ firstDay: 1, rule: " " });
    });
    expect(conformanceProblems(ruleless).filter((p) => p.check === "provenance").map((p) => p.message)).toEqual([
      "the jurisdiction is set without naming its rule",
      "the day counting is set without naming its rule",
    ]);
    expect(() => rulesWith(plugin("reasonless", (r) => r.acceptInherited("timeLimit", " ")))).toThrow(/acceptInherited\("timeLimit"\) needs the reason/);
  });
});

describe("timescales by intake field (decision 0107)", () => {
  it("a variant naming an intake field the case does not have stops start-up", () => {
    const typo = plugin("typo", (r) => {
      r.claimService();
      r.setTimescale("stage-1", "respond", {
        period: { workingDays: 10 },
        from: "receipt",
        rule: "test",
        byIntake: [{ field: "regime", equals: "eir", period: { workingDays: 40 }, rule: "EIR reg 11(4)" }],
      });
    });
    expect(() => rulesWith(typo)).toThrow(/stage "stage-1" varies by intake field "regime", a field the case does not have/);
  });
});
