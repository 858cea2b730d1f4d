import { RuleBook } from "@complaints/core";
import { CaseScenario, conformanceProfile, type LogFields } from "@complaints/core/testing";
import { describe, expect, it } from "vitest";
import { nipsoServicePlugin } from "./plugin.js";
import { NIPSO_RULES } from "./rules.js";

/**
 * Whole complaints under the NIPSO MCHP on Northern Ireland working days. Core counts the day of
 * receipt (or the next working day, for a complaint received out of hours: Mid and East Antrim
 * para 6.2) as day 0 (docs/rules.md §7); whether the MCHP counts the day of registration as day
 * 1 is unconfirmed (README), so each date is the MCHP period on core's counting.
 */
const SERVICE = "leisure";
const rules = new RuleBook(conformanceProfile(["nipso"], SERVICE), [nipsoServicePlugin]).rulesFor(
  SERVICE,
  "complaint",
);

const pool: LogFields = {
  channel: "phone",
  customer: { id: "resident-1", name: "Siobhan Kelly" },
  description: "The leisure centre pool was closed without notice twice this week",
};

function opened(receivedAt: string): CaseScenario {
  const s = new CaseScenario(rules).log(pool, receivedAt);
  s.do({ type: "triage", outcome: "accept" }, receivedAt.slice(0, 10));
  return s;
}

describe("nipso: Stage 1, frontline response", () => {
  it("NIPSO MCHP (Mid and East Antrim para 6.2): decided within 5 working days, St Patrick's Day not counted", () => {
    const s = opened("2026-03-13T10:00:00Z");
    expect(s.due("respond", "stage-1")).toMatchObject({
      date: "2026-03-23",
      rule: expect.stringContaining("5 working days"),
      explanation: expect.stringContaining("skipping Tue 17 Mar (bank holiday)"),
    });
  });

  it("Northern Ireland bank holidays: the Battle of the Boyne is not a working day", () => {
    const s = opened("2026-07-10T10:00:00Z");
    expect(s.due("respond", "stage-1")).toMatchObject({
      date: "2026-07-20",
      explanation: expect.stringContaining("skipping Mon 13 Jul (bank holiday)"),
    });
  });

  it("Mid and East Antrim para 6.2: a Saturday complaint counts from the next working day", () => {
    const s = opened("2026-03-07T10:00:00Z");
    expect(s.due("respond", "stage-1").date).toBe("2026-03-16");
  });

  it("Mid and East Antrim para 6.2: a revised date no more than 10 working days in all", () => {
    const s = opened("2026-03-02T10:00:00Z");
    const tooLong = s.try(
      {
        type: "extend",
        workingDays: 6,
        reason: "The duty manager is on leave",
        ombudsmanDetailsGiven: false,
      },
      "2026-03-05",
    );
    expect(tooLong.ok ? null : tooLong.refusal).toMatchObject({
      code: "EXTENSION_TOO_LONG",
      rule: expect.stringContaining("10 working days in all"),
    });
    s.do(
      {
        type: "extend",
        workingDays: 5,
        reason: "The duty manager is on leave",
        ombudsmanDetailsGiven: false,
      },
      "2026-03-05",
    );
    // Due Mon 9 Mar; five more working days, St Patrick's Day (Tue 17) not among them.
    expect(s.due("respond", "stage-1").date).toBe("2026-03-16");
  });
});

describe("nipso: Stage 2, investigation, then NIPSO", () => {
  function atStage2(): CaseScenario {
    const s = opened("2026-03-02T10:00:00Z");
    s.do(
      { type: "respond", outcome: "not-upheld", reasons: "Closed for a safety inspection" },
      "2026-03-06",
    );
    s.do({ type: "escalate", reason: "No notice was given" }, "2026-03-16");
    return s;
  }

  it("Ards and North Down guide, Stage 2: acknowledged within 3 working days, St Patrick's Day not counted", () => {
    expect(atStage2().due("acknowledge", "stage-2")).toMatchObject({
      date: "2026-03-20",
      rule: expect.stringContaining("3 working days"),
    });
  });

  it("NIPSO MCHP: decided within 20 working days of the request, Easter Monday not counted in Northern Ireland", () => {
    const s = atStage2();
    s.do({ type: "acknowledge" }, "2026-03-18");
    expect(s.due("respond", "stage-2")).toMatchObject({
      date: "2026-04-16",
      explanation: expect.stringContaining(
        "skipping Tue 17 Mar, Fri 3 and Mon 6 Apr (bank holidays)",
      ),
    });
  });

  it("Ards and North Down guide, Stage 2: longer only for clearly good reason, as a later date set with the customer", () => {
    const s = atStage2();
    s.do({ type: "acknowledge" }, "2026-03-18");
    expect(
      s.try(
        { type: "extend", workingDays: 10, reason: "Complex", ombudsmanDetailsGiven: true },
        "2026-04-01",
      ).ok,
    ).toBe(false);
    s.do({ type: "agree-response-date", date: "2026-05-01" }, "2026-04-01");
    expect(s.due("respond", "stage-2").date).toBe("2026-05-01");
  });

  it("NIPSO MCHP: after the Stage 2 decision the next step is NIPSO", () => {
    const s = atStage2();
    s.do({ type: "acknowledge" }, "2026-03-18");
    s.do(
      { type: "respond", outcome: "partly-upheld", reasons: "Notice should have been posted" },
      "2026-04-08",
    );
    const further = s.try({ type: "escalate", reason: "Still unhappy" }, "2026-04-20");
    expect(further.ok ? null : further.refusal).toMatchObject({
      code: "NO_NEXT_STAGE",
      message: expect.stringContaining("Northern Ireland Public Services Ombudsman"),
    });
  });
});

describe("nipso: a complaint needing in-depth investigation opened straight at Stage 2 by triage", () => {
  function direct(): CaseScenario {
    const s = new CaseScenario(rules).log(pool, "2026-03-02T10:00:00Z");
    s.do({ type: "triage", outcome: "accept", stageId: "stage-2" }, "2026-03-02");
    return s;
  }

  it("Ards and North Down guide, Stage 2: with the customer's agreement it goes straight to Stage 2", () => {
    const s = direct();
    expect(s.case.stages.map((stage) => stage.stageId)).toEqual(["stage-2"]);
    expect(s.stage.label).toBe("Stage 2: Investigation");
  });

  it("Ards and North Down guide and NIPSO MCHP, Stage 2: 3 and 20 working days counted from receipt, St Patrick's Day not counted", () => {
    const s = direct();
    expect(s.due("acknowledge", "stage-2")).toMatchObject({
      date: "2026-03-05",
      rule: NIPSO_RULES.stage2Acknowledge,
      explanation: expect.stringContaining("Mon 2 Mar 2026"),
    });
    expect(s.due("respond", "stage-2")).toMatchObject({
      date: "2026-03-31",
      rule: NIPSO_RULES.stage2Respond,
      explanation: expect.stringContaining("skipping Tue 17 Mar (bank holiday)"),
    });
  });
});

describe("nipso: asking for Stage 2, within 6 months of the event or 2 months of the Stage 1 response, whichever is later", () => {
  function answered(matterArose: string): CaseScenario {
    const s = new CaseScenario(rules).log({ ...pool, matterArose }, "2026-03-02T10:00:00Z");
    s.do({ type: "triage", outcome: "accept" }, "2026-03-02");
    s.do(
      { type: "respond", outcome: "not-upheld", reasons: "The closures were for urgent repairs" },
      "2026-03-06",
    );
    return s;
  }

  it("Ards and North Down guide, Stage 1: a recent event: six months from it (Thu 20 Aug) is later than two months from the response, and applies", () => {
    const w = answered("2026-02-20").due("escalation-window", "stage-1");
    expect(w).toMatchObject({ date: "2026-08-20", rule: NIPSO_RULES.escalationFromEvent });
    expect(w.explanation).toContain("the later is Thu 20 Aug 2026");
  });

  it("Ards and North Down guide, Stage 1: an older event: two months from the response (Wed 6 May) is later, and applies; after it only with discretion", () => {
    const s = answered("2025-10-01");
    expect(s.due("escalation-window", "stage-1")).toMatchObject({
      date: "2026-05-06",
      rule: NIPSO_RULES.escalationFromResponse,
    });
    const late = s.try({ type: "escalate", reason: "Closed again" }, "2026-05-07");
    expect(late.ok ? null : late.refusal).toMatchObject({
      code: "ESCALATION_WINDOW_CLOSED",
      rule: NIPSO_RULES.escalationFromResponse,
    });
  });
});
