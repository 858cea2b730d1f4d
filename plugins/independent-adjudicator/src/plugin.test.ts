import { RuleBook, createServicePlugin, parseCouncilProfile, recordPlugin } from "@complaints/core";
import {
  CaseScenario,
  conformanceProfile,
  runPluginConformance,
  type LogFields,
} from "@complaints/core/testing";
import { describe, expect, it } from "vitest";
import pkg from "../package.json" with { type: "json" };
import { aboutTheAdjudicator, independentAdjudicatorServicePlugin } from "./plugin.js";

runPluginConformance(
  independentAdjudicatorServicePlugin,
  { describe, it, expect },
  { packageJson: pkg },
);

const SERVICE = "planning";
const LEWISHAM = "Lewisham annual complaints report 2009/10 para 5.1";

/** A council like Lewisham: Stage 1 in 10 days, Stage 2 in 20, then the Independent Adjudicator. */
const book = (() => {
  const base = conformanceProfile(["independent-adjudicator"], SERVICE);
  return new RuleBook(
    parseCouncilProfile({
      ...base,
      timescales: {
        stages: {
          "stage-1": {
            respond: {
              period: { workingDays: 10 },
              from: "receipt",
              rule: `${LEWISHAM}: Stage 1 – 10 days`,
            },
          },
          "stage-2": {
            respond: {
              period: { workingDays: 20 },
              from: "escalation-request",
              rule: `${LEWISHAM}: Stage 2 – 20 days`,
            },
          },
        },
      },
    }),
    [independentAdjudicatorServicePlugin],
  );
})();
const rules = book.rulesFor(SERVICE, "complaint");

const complaint: LogFields = {
  channel: "web",
  customer: { id: "c-1", name: "Lee Chen" },
  description: "Enforcement action was not taken against the extension next door",
};

/** Received Mon 1 Jun 2026, through Stages 1 and 2 to the Independent Adjudicator on Mon 13 Jul. */
function atStage3(): CaseScenario {
  const s = new CaseScenario(rules).log(complaint, "2026-06-01T09:00:00Z");
  s.do({ type: "triage", outcome: "accept" }, "2026-06-01");
  s.do({ type: "assign", handlerId: "service-manager-1" }, "2026-06-01");
  s.do({ type: "acknowledge" }, "2026-06-02");
  s.do({ type: "respond", outcome: "not-upheld", reasons: "No breach found" }, "2026-06-12");
  s.do({ type: "escalate", reason: "Neighbour is still building" }, "2026-06-15");
  s.do({ type: "assign", handlerId: "head-of-planning" }, "2026-06-15");
  s.do({ type: "acknowledge" }, "2026-06-16");
  s.do({ type: "respond", outcome: "not-upheld", reasons: "Stage 1 was right" }, "2026-07-10");
  s.do({ type: "escalate", reason: "Wants an independent view" }, "2026-07-13");
  return s;
}

describe("independent-adjudicator: the third stage", () => {
  it("Lewisham 5.1: Stage 1 (10 days) and Stage 2 (20 days) are followed by Stage 3 before the Ombudsman", () => {
    expect(rules.regime.stages.map((s) => s.label)).toEqual([
      "Stage 1",
      "Stage 2",
      "Stage 3: Independent Adjudicator",
    ]);
    expect(rules.regime.stages[1]!.escalation).toMatchObject({
      to: "stage-3",
      rule: expect.stringContaining("Lewisham para 5.1"),
    });
    expect(recordPlugin(independentAdjudicatorServicePlugin)).toMatchObject({
      claimsService: false,
      claimsKinds: [],
      appliesToKinds: ["complaint", "member-enquiry"],
    });
    expect(book.rulesFor(SERVICE, "member-enquiry").regime.stages).toHaveLength(3);
    expect(book.rulesFor(SERVICE, "compliment").plugins).toEqual([]);
    expect(book.rulesFor(SERVICE, "foi-eir-review").plugins).toEqual([]);
  });

  it("Lewisham 5.1, 6.2: the Independent Adjudicator's response is due 30 working days from the Stage 3 request", () => {
    const s = atStage3();
    expect(s.stage.label).toBe("Stage 3: Independent Adjudicator");
    const due = s.due("respond", "stage-3");
    expect(due.date).toBe("2026-08-24");
    expect(due.explanation).toContain(
      "escalation requested Mon 13 Jul 2026; +30 working days → respond by Mon 24 Aug 2026 (Lewisham annual complaints report 2009/10 paras 1.2, 5.1 and 6.2",
    );
    expect(aboutTheAdjudicator.render({ state: s.case, stageId: "stage-3", rules })).toContain(
      "within 30 working days",
    );
    expect(aboutTheAdjudicator.render({ state: s.case, stageId: "stage-2", rules })).toBeNull();
  });

  it("Lewisham 6.1: the adjudicator is not the officer who handled Stage 1 or Stage 2", () => {
    const s = atStage3();
    for (const handler of ["service-manager-1", "head-of-planning"]) {
      const result = s.try({ type: "assign", handlerId: handler }, "2026-07-13");
      expect(result.ok ? null : result.refusal?.code).toBe("HANDLER_NOT_INDEPENDENT");
    }
    s.do({ type: "assign", handlerId: "independent-adjudicator" }, "2026-07-13");
  });

  it("Lewisham 6.3, 6.6–6.7: its own outcome and compensation, each recommendation with an owner and a due date, followed through", () => {
    const s = atStage3();
    const loose = s.try(
      {
        type: "respond",
        outcome: "partly-upheld",
        reasons: "Enforcement was slow",
        remedies: [
          {
            id: "rec-1",
            type: "action",
            description: "Visit the site",
            ownerId: null,
            dueOn: null,
          },
        ],
      },
      "2026-08-20",
    );
    expect(loose.ok ? null : loose.refusal).toMatchObject({
      code: "PLUGIN_GUARD",
      message: expect.stringContaining('"Visit the site"'),
      rule: expect.stringContaining("6.6–6.7"),
    });

    const effects = s.do(
      {
        type: "respond",
        outcome: "partly-upheld",
        reasons: "Enforcement was slow and the complainant was not kept informed",
        remedies: [
          {
            id: "comp-1",
            type: "financial",
            financialKind: "compensation",
            description: "£250 for time and trouble",
            amountPence: 25000,
            ownerId: "finance-officer",
            dueOn: "2026-09-07",
          },
          {
            id: "rec-1",
            type: "service-improvement",
            description: "Reissue the enforcement procedure to officers",
            ownerId: "head-of-planning",
            dueOn: "2026-10-30",
          },
        ],
      },
      "2026-08-20",
    );
    expect(s.stage.response).toMatchObject({ outcome: "partly-upheld" });
    expect(effects).toContainEqual(expect.objectContaining({ letter: "stage-3-response" }));
    expect(effects).toContainEqual({
      type: "notify",
      party: "officer:head-of-planning",
      reason:
        "Carry out the Independent Adjudicator's recommendation on CMP-0001 by 2026-10-30: Reissue the enforcement procedure to officers",
    });
    expect(
      s.case.dueDates.filter((d) => d.kind === "remedy").map((d) => [d.id, d.date, d.metOn]),
    ).toEqual([
      ["stage-3#3.remedy:comp-1", "2026-09-07", null],
      ["stage-3#3.remedy:rec-1", "2026-10-30", null],
    ]);
    s.do({ type: "complete-remedy", remedyId: "comp-1" }, "2026-09-01");
    expect(s.case.dueDates.find((d) => d.id === "stage-3#3.remedy:comp-1")?.metOn).toBe(
      "2026-09-01",
    );
  });

  it("after Stage 3 the next body is the regime's own (LGSCO here), within 12 months; there is no Stage 4", () => {
    const s = atStage3();
    s.do(
      { type: "respond", outcome: "not-upheld", reasons: "The council acted properly" },
      "2026-08-20",
    );
    expect(s.due("next-body-window", "stage-3").explanation).toContain(
      "Local Government and Social Care Ombudsman until Fri 20 Aug 2027",
    );
    const more = s.try({ type: "escalate" }, "2026-08-21");
    expect(more.ok ? null : more.refusal?.code).toBe("NO_NEXT_STAGE");
    expect(
      rules.letterParagraphs
        .find((p) => p.id === "independent-adjudicator.next-body")!
        .render({ state: s.case, stageId: "stage-3", rules }),
    ).toContain("Local Government and Social Care Ombudsman");
  });
});

describe("independent-adjudicator: start-up checks", () => {
  it("enabled on a one-stage regime (no Stage 2 to follow), start-up stops naming the plugin", () => {
    const oneStage = createServicePlugin({
      id: "one-stage",
      name: "One stage",
      version: "1.0.0",
      register: (r) => (r.claimService(), r.skipStage("stage-2", "Test: one statutory stage")),
    });
    expect(
      () =>
        new RuleBook(conformanceProfile(["one-stage", "independent-adjudicator"]), [
          oneStage,
          independentAdjudicatorServicePlugin,
        ]),
    ).toThrow(
      'plugin "independent-adjudicator" adds stage "stage-3" after "stage-2", which the regime does not have',
    );
  });
});
