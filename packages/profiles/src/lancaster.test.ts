import { CaseScenario, type LogFields } from "@complaints/core/testing";
import { describe, expect, it } from "vitest";
import { startCouncil } from "./index.js";
import { defaultPlugins } from "./install.js";

const plugins = await defaultPlugins();

const resident: LogFields = {
  channel: "email",
  customer: { id: "c-1", name: "Kate Moss" },
  description: "Street light out for six weeks",
};

describe("Lancaster: Stage 2 refers a complaint back to Stage 1", () => {
  const rules = startCouncil("lancaster", plugins).rulesFor("other-services", "complaint");

  function atStage2(): CaseScenario {
    const s = new CaseScenario(rules).log(resident, "2026-06-01T09:00:00Z");
    s.do({ type: "triage", outcome: "accept" }, "2026-06-01");
    s.do({ type: "assign", handlerId: "officer-1" }, "2026-06-01");
    s.do({ type: "acknowledge" }, "2026-06-02");
    s.do(
      { type: "respond", outcome: "not-upheld", reasons: "Reported to the county" },
      "2026-06-12",
    );
    s.do({ type: "escalate" }, "2026-06-15");
    s.do({ type: "assign", handlerId: "officer-2" }, "2026-06-15");
    s.do({ type: "acknowledge" }, "2026-06-16");
    s.sent("escalation-acknowledgement", "2026-06-16");
    return s;
  }

  it("Lancaster task group 3(3)(e), 8(2): the Stage 2 officer sends the complaint back to Stage 1, telling the complainant", () => {
    const s = atStage2();
    const effects = s.do(
      { type: "refer-back", reason: "Stage 1 did not check whether the light is ours" },
      "2026-06-18",
    );
    expect(effects).toEqual([
      {
        type: "send-letter",
        letter: "referral-back",
        stageId: "stage-1",
        to: "customer",
        dueOn: null,
      },
    ]);
    expect(s.case.stages.map((x) => [x.stageId, x.phase])).toEqual([
      ["stage-1", "responded"],
      ["stage-2", "referred-back"],
      ["stage-1", "awaiting-acknowledgement"],
    ]);
    expect(s.stage.requestReason).toBe(
      "Referred back from Stage 2: Stage 1 did not check whether the light is ours",
    );
  });

  it("Lancaster task group 3(3)(e): once referred back, the Stage 2 review owes no response of its own, so it is never overdue", () => {
    const s = atStage2();
    s.do({ type: "refer-back", reason: "More to do" }, "2026-06-18");
    expect(s.case.dueDates.filter((d) => d.stageId === "stage-2" && d.nature === "deadline")).toEqual([
      expect.objectContaining({ kind: "acknowledge", metOn: "2026-06-16" }),
      expect.objectContaining({ kind: "respond", metOn: "2026-06-18" }),
    ]);
  });

  it("the referred-back Stage 1 is answered in 10 working days from its new acknowledgement, then may go to Stage 2 again and close", () => {
    const s = atStage2();
    s.do({ type: "refer-back", reason: "More to do" }, "2026-06-18");
    s.do({ type: "assign", handlerId: "officer-1" }, "2026-06-18");
    s.do({ type: "acknowledge" }, "2026-06-19");
    expect(s.due("respond", "stage-1")).toMatchObject({
      date: "2026-07-03",
      rule: "Complaint handling code 2024 6.3",
    });
    s.do(
      { type: "respond", outcome: "upheld", reasons: "The light is ours: repaired" },
      "2026-06-26",
    );
    s.do({ type: "escalate" }, "2026-06-29");
    s.do({ type: "assign", handlerId: "officer-3" }, "2026-06-29");
    s.do({ type: "acknowledge" }, "2026-06-30");
    s.do({ type: "respond", outcome: "upheld", reasons: "Resolved" }, "2026-07-10");
    s.do({ type: "close" }, "2026-07-13");
    expect(s.case.closure?.reason).toBe("final-response");
  });

  it("where the documents are silent, Lancaster uses the 2024 code, and says so", () => {
    expect(rules.regime.stages[0]!.respond.rule).toBe("Complaint handling code 2024 6.3");
    expect(rules.trace["stage-2.referBackTo"]!.at(-1)).toMatchObject({
      layer: { kind: "profile", id: "lancaster" },
      rule: expect.stringContaining("8(2)"),
    });
  });
});
