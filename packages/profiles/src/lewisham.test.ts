import { CaseScenario, type LogFields } from "@complaints/core/testing";
import { describe, expect, it } from "vitest";
import { startCouncil } from "./index.js";
import { defaultPlugins } from "./install.js";

const plugins = await defaultPlugins();

const resident: LogFields = {
  channel: "web",
  customer: { id: "c-1", name: "Lee Chen" },
  description: "No enforcement action on the extension next door",
};
const director = { id: "director-1", roles: ["director" as const] };

describe("Lewisham: a case reaches the Independent Adjudicator", () => {
  const rules = startCouncil("lewisham", plugins).rulesFor("planning", "complaint");

  /** Received Mon 1 Jun 2026. */
  function toStage3(): CaseScenario {
    const s = new CaseScenario(rules).log(resident, "2026-06-01T09:00:00Z");
    s.do({ type: "triage", outcome: "accept" }, "2026-06-01");
    s.do({ type: "assign", handlerId: "service-manager" }, "2026-06-01");
    s.do({ type: "acknowledge" }, "2026-06-02");
    s.do(
      { type: "respond", outcome: "not-upheld", reasons: "No breach of planning control" },
      "2026-06-12",
    );
    s.do({ type: "escalate", reason: "Still building" }, "2026-06-15");
    s.do({ type: "assign", handlerId: "head-of-planning" }, "2026-06-15");
    s.do({ type: "acknowledge" }, "2026-06-16");
    return s;
  }

  it("Lewisham report 5.1: Stage 1 in 10 days and Stage 2 in 20 days from the request", () => {
    const s = new CaseScenario(rules).log(resident, "2026-06-01T09:00:00Z");
    s.do({ type: "triage", outcome: "accept" }, "2026-06-01");
    expect(s.due("respond", "stage-1")).toMatchObject({
      date: "2026-06-15",
      rule: "Lewisham report para 5.1: Stage 1 – 10 days by the Service Manager",
    });
    expect(toStage3().due("respond", "stage-2")).toMatchObject({
      date: "2026-07-13",
      rule: expect.stringContaining("Stage 2 – 20 days"),
    });
  });

  it("Lewisham report 5.1, 6.1–6.3: Stage 3 is the Independent Adjudicator's, in 30 days, with compensation and followed-up recommendations, then the LGSCO", () => {
    const s = toStage3();
    s.do({ type: "respond", outcome: "not-upheld", reasons: "Stage 1 was right" }, "2026-07-10");
    s.do({ type: "escalate", reason: "Wants an independent view" }, "2026-07-13");
    expect(s.stage.label).toBe("Stage 3: Independent Adjudicator");
    expect(s.due("respond", "stage-3")).toMatchObject({
      date: "2026-08-24",
      rule: expect.stringContaining("Stage 3 – 30 days by the Independent Adjudicator"),
    });
    s.do({ type: "assign", handlerId: "independent-adjudicator" }, "2026-07-13");
    const overLimit = s.try(
      {
        type: "respond",
        outcome: "upheld",
        reasons: "Enforcement was delayed for a year",
        remedies: [
          {
            id: "comp",
            type: "financial",
            financialKind: "compensation",
            description: "Time and trouble",
            amountPence: 150000,
            ownerId: "finance",
            dueOn: "2026-09-07",
          },
        ],
      },
      "2026-08-20",
      { id: "hos-1", roles: ["head-of-service"] },
    );
    expect(overLimit.ok ? null : overLimit.refusal).toMatchObject({
      code: "REMEDY_OVER_LIMIT",
      message: expect.stringContaining("£1000.00"),
    });
    s.do(
      {
        type: "respond",
        outcome: "upheld",
        reasons: "Enforcement was delayed for a year",
        remedies: [
          {
            id: "comp",
            type: "financial",
            financialKind: "compensation",
            description: "Time and trouble",
            amountPence: 150000,
            ownerId: "finance",
            dueOn: "2026-09-07",
          },
          {
            id: "rec",
            type: "action",
            description: "Serve the enforcement notice",
            ownerId: "planning-enforcement-manager",
            dueOn: "2026-09-30",
          },
        ],
      },
      "2026-08-20",
      director,
    );
    expect(s.case.dueDates.filter((d) => d.kind === "remedy").map((d) => d.date)).toEqual([
      "2026-09-07",
      "2026-09-30",
    ]);
    expect(s.due("next-body-window", "stage-3").explanation).toContain(
      "Local Government and Social Care Ombudsman until Fri 20 Aug 2027",
    );
  });
});

describe("Lewisham: member enquiries", () => {
  const rules = startCouncil("lewisham", plugins).rulesFor("refuse-collection", "member-enquiry");
  const mayorEnquiry: LogFields = {
    channel: "member-portal",
    customer: { id: "r-1", name: "Dev Patel" },
    representative: {
      name: "The Mayor",
      role: "mayor",
      consent: { basis: "elected-member", recordedOn: "2026-06-01" },
      replyTo: "representative",
    },
    description: "Missed collections on Brockley Road",
  };

  it("Lewisham report 5.1: an MP, Mayor or councillor enquiry is answered in 10 days, to the member", () => {
    const s = new CaseScenario(rules).log(mayorEnquiry, "2026-06-01");
    s.do({ type: "triage", outcome: "accept" }, "2026-06-01");
    s.do({ type: "acknowledge" }, "2026-06-02");
    expect(s.due("respond")).toMatchObject({
      date: "2026-06-15",
      rule: expect.stringContaining("10 days"),
    });
    expect(
      s.do({ type: "respond", outcome: "upheld", reasons: "Crew missed the road" }, "2026-06-10"),
    ).toEqual([
      {
        type: "send-letter",
        letter: "member-enquiry-response",
        stageId: "stage-1",
        to: "representative",
        dueOn: null,
      },
    ]);
  });

  it("a resident still unhappy goes on to Stage 2 and then the Independent Adjudicator", () => {
    expect(rules.regime.stages.map((s) => s.label)).toEqual([
      "Member enquiry",
      "Stage 2",
      "Stage 3: Independent Adjudicator",
    ]);
  });
});

describe("Lewisham: housing and statutory services keep their own regimes", () => {
  it("HOS Code: a Lewisham Homes complaint has two stages and the Housing Ombudsman, never the adjudicator", () => {
    const rules = startCouncil("lewisham", plugins).rulesFor("lewisham-homes-repairs", "complaint");
    expect(rules.regime.stages.map((s) => s.id)).toEqual(["stage-1", "stage-2"]);
    expect(rules.regime.nextBody.id).toBe("housing-ombudsman");
    const s = new CaseScenario(rules).log(
      {
        ...resident,
        description: "Damp in the bathroom",
        intake: { housingIssue: "damp-and-mould" },
        priority: { level: "high", reason: "Damp and mould" },
      },
      "2026-06-01",
    );
    s.do({ type: "triage", outcome: "accept" }, "2026-06-01");
    s.do({ type: "acknowledge" }, "2026-06-02");
    s.do({ type: "respond", outcome: "upheld", reasons: "r" }, "2026-06-10");
    s.do({ type: "escalate" }, "2026-06-11");
    s.do({ type: "acknowledge" }, "2026-06-12");
    s.do({ type: "respond", outcome: "upheld", reasons: "r" }, "2026-06-25");
    const third = s.try({ type: "escalate" }, "2026-06-26");
    expect(third.ok ? null : third.refusal?.message).toContain("Housing Ombudsman");
  });

  it("SI 2009/309: adult social care has one stage and no adjudicator", () => {
    expect(
      startCouncil("lewisham", plugins)
        .rulesFor("adult-social-care", "complaint")
        .regime.stages.map((s) => s.id),
    ).toEqual(["stage-1"]);
  });
});
