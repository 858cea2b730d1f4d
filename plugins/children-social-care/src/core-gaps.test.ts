import { RuleBook } from "@complaints/core";
import { CaseScenario, conformanceProfile } from "@complaints/core/testing";
import { describe, expect, it } from "vitest";
import { childrenSocialCareServicePlugin } from "./plugin.js";

/**
 * What the children's social care plugin needs from core and cannot have yet. This test fails
 * on purpose until core provides it; see docs/decisions/0401-plugins-service-regimes.md.
 */
describe("core gaps seen from the children-social-care plugin", () => {
  it("SI 2006/1738 regs 19–20: Stage 3 tracks three statutory deadlines: the panel meeting, its report 5 WD after, the council's response 15 WD after the report", () => {
    // Core gap: a stage has one response deadline and one target, and timescales can only count
    // from receipt, a request, the acknowledgement, the agreed statement or the response. There
    // is no command to record the panel meeting or its report and no anchor for them, so the
    // plugin tracks the meeting as a target and the council response as 50 WD from the request
    // (30 + 5 + 15) — later than the law's date whenever the panel meets or reports early.
    // Needed: stage milestones with their own anchors (e.g. `addMilestone("stage-3", { id:
    // "panel-report", period: 5 WD, from: "milestone:panel-meeting" })` and a command to record one).
    const rules = new RuleBook(conformanceProfile(["children-social-care"]), [childrenSocialCareServicePlugin]).rulesFor("conformance-service", "complaint");
    const s = new CaseScenario(rules).log({ channel: "post", customer: { id: "c", name: "C" }, description: "d" }, "2027-01-04");
    s.do({ type: "triage", outcome: "accept" }, "2027-01-04");
    s.do({ type: "respond", outcome: "not-upheld", reasons: "r" }, "2027-01-05");
    s.do({ type: "escalate" }, "2027-01-06");
    s.do({ type: "agree-statement" }, "2027-01-06");
    s.do({ type: "add-participant", role: "investigating-officer", name: "IO" }, "2027-01-06");
    s.do({ type: "add-participant", role: "independent-person", name: "IP", isCouncilOfficerOrMember: false }, "2027-01-06");
    s.do({ type: "respond", outcome: "not-upheld", reasons: "r" }, "2027-01-20");
    s.do({ type: "escalate" }, "2027-01-21");
    const deadlines = s.case.dueDates.filter((d) => d.stageId === "stage-3" && d.nature === "deadline").map((d) => d.rule);
    expect(deadlines).toEqual([expect.stringContaining("reg 19"), expect.stringContaining("5 working days"), expect.stringContaining("15 working days of the report")]);
  });
});
