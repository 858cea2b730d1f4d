import { RuleBook } from "@complaints/core";
import { CaseScenario, conformanceProfile, type LogFields } from "@complaints/core/testing";
import { describe, expect, it } from "vitest";
import { psowServicePlugin } from "./plugin.js";

/**
 * Whole complaints under the PSOW model policy. Core counts the day of receipt as day 0
 * (docs/rules.md §7); the model's own counting is unconfirmed (README), so each date is the
 * model's period on core's counting.
 */
const SERVICE = "planning";
const rules = new RuleBook(conformanceProfile(["psow"], SERVICE), [psowServicePlugin]).rulesFor(
  SERVICE,
  "complaint",
);

const hedge: LogFields = {
  channel: "web",
  customer: { id: "resident-1", name: "Rhys Griffiths" },
  description: "Nobody replied about the enforcement notice on the hedge next door",
};

function opened(receivedAt: string): CaseScenario {
  const s = new CaseScenario(rules).log(hedge, receivedAt);
  s.do({ type: "triage", outcome: "accept" }, receivedAt.slice(0, 10));
  return s;
}

describe("psow: Stage 1, informal resolution", () => {
  it("PSOW model policy, Stage 1: resolved within 10 working days of receipt, Easter skipped", () => {
    const s = opened("2026-04-01T10:00:00Z");
    expect(s.due("respond", "stage-1")).toMatchObject({
      date: "2026-04-17",
      rule: expect.stringContaining("10 working days"),
      explanation: expect.stringContaining("skipping Fri 3 and Mon 6 Apr (bank holidays)"),
    });
  });

  it("PSOW model policy: the informal stage is not extended; an unresolved concern goes to the formal investigation", () => {
    const s = opened("2026-03-02T10:00:00Z");
    const extended = s.try(
      {
        type: "extend",
        workingDays: 5,
        reason: "Waiting for the planning officer",
        ombudsmanDetailsGiven: true,
      },
      "2026-03-10",
    );
    expect(extended.ok).toBe(false);
  });
});

describe("psow: Stage 2, formal investigation, then the PSOW", () => {
  function atStage2(): CaseScenario {
    const s = opened("2026-03-02T10:00:00Z");
    s.do(
      { type: "respond", outcome: "not-upheld", reasons: "The notice was replied to by post" },
      "2026-03-12",
    );
    s.do({ type: "escalate", reason: "No letter arrived" }, "2026-03-16");
    return s;
  }

  it("Neath Port Talbot, Stage 2: acknowledged within 5 working days of the request", () => {
    expect(atStage2().due("acknowledge", "stage-2")).toMatchObject({
      date: "2026-03-23",
      rule: expect.stringContaining("5 working days"),
    });
  });

  it("PSOW model policy, Stage 2: answered within 20 working days of the request, Easter skipped", () => {
    const s = atStage2();
    s.do({ type: "acknowledge" }, "2026-03-18");
    expect(s.due("respond", "stage-2")).toMatchObject({
      date: "2026-04-15",
      explanation: expect.stringContaining("skipping Fri 3 and Mon 6 Apr (bank holidays)"),
    });
  });

  it("Neath Port Talbot, Stage 2: a later date is given before the deadline runs out, not after", () => {
    const s = atStage2();
    s.do({ type: "acknowledge" }, "2026-03-18");
    const late = s.try({ type: "agree-response-date", date: "2026-05-15" }, "2026-04-16");
    expect(late.ok ? null : late.refusal).toMatchObject({
      message: expect.stringContaining("before the current one runs out"),
    });
    const s2 = atStage2();
    s2.do({ type: "acknowledge" }, "2026-03-18");
    s2.do({ type: "agree-response-date", date: "2026-05-15" }, "2026-04-14");
    expect(s2.due("respond", "stage-2").date).toBe("2026-05-15");
  });

  it("PSOW model policy: after the formal investigation the next step is the Public Services Ombudsman for Wales", () => {
    const s = atStage2();
    s.do({ type: "acknowledge" }, "2026-03-18");
    s.do(
      { type: "respond", outcome: "upheld", reasons: "The letter was never sent" },
      "2026-04-08",
    );
    const further = s.try({ type: "escalate", reason: "Still unhappy" }, "2026-04-20");
    expect(further.ok ? null : further.refusal).toMatchObject({
      code: "NO_NEXT_STAGE",
      message: expect.stringContaining("Public Services Ombudsman for Wales"),
    });
  });
});

describe("psow: only Stage 1 is opened by triage", () => {
  it("PSOW model policy: whether a complaint may start at the formal investigation is unconfirmed (README), so triage cannot open Stage 2", () => {
    const s = new CaseScenario(rules).log(hedge, "2026-03-02T10:00:00Z");
    const direct = s.try({ type: "triage", outcome: "accept", stageId: "stage-2" }, "2026-03-02");
    expect(direct.ok ? null : direct.refusal).toMatchObject({
      code: "NOT_ALLOWED_NOW",
      message: expect.stringContaining("accept the complaint at Stage 1: Informal resolution"),
    });
  });
});
