import { RuleBook, createServicePlugin, parseCouncilProfile } from "@complaints/core";
import { CaseScenario, conformanceProfile, type LogFields } from "@complaints/core/testing";
import { describe, expect, it } from "vitest";
import { foiEirServicePlugin } from "./plugin.js";

const review: LogFields = {
  channel: "email",
  customer: { id: "applicant-1", name: "Sam Jones" },
  description: "You refused my request",
  matterArose: "2026-11-30",
  intake: { informationRegime: "foi", requestReference: "FOI-9" },
};

describe("foi-eir: the statute's calendar and the review's end", () => {
  it("FOIA s10(6): a council's own closure days are working days for an FOI review (only bank holidays are excluded)", () => {
    const base = conformanceProfile(["foi-eir"]);
    const shutdown = parseCouncilProfile({
      ...base,
      calendar: {
        ...base.calendar,
        closures: [
          { everyYear: "12-29", label: "Christmas shutdown" },
          { everyYear: "12-30", label: "Christmas shutdown" },
          { everyYear: "12-31", label: "Christmas shutdown" },
        ],
      },
    });
    const due = (profile: typeof base) => {
      const s = new CaseScenario(
        new RuleBook(profile, [foiEirServicePlugin]).rulesFor(
          "conformance-service",
          "foi-eir-review",
        ),
      ).log(review, "2026-12-07");
      s.do({ type: "triage", outcome: "accept" }, "2026-12-07");
      return s.due("respond", "stage-2").date;
    };
    expect(due(base)).toBe("2027-01-08");
    expect(due(shutdown)).toBe("2027-01-08");
    const book = new RuleBook(shutdown, [foiEirServicePlugin]);
    expect(
      book.rulesFor("conformance-service", "foi-eir-review").calendar.isWorkingDay("2026-12-29"),
    ).toBe(true);
    expect(
      book.rulesFor("conformance-service", "complaint").calendar.isWorkingDay("2026-12-29"),
    ).toBe(false);
  });

  it("ICO after the review: an add-on that adds a third stage to a service's complaints does not reach its FOI reviews, which still end with the ICO", () => {
    const thirdStage = createServicePlugin({
      id: "third-stage",
      name: "A third stage",
      version: "1.0.0",
      register(r) {
        r.addStage(
          {
            id: "stage-3",
            label: "Stage 3",
            acknowledge: null,
            respond: {
              period: { workingDays: 30 },
              from: "escalation-request",
              rule: "Test third stage",
            },
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
          },
          { after: "stage-2" },
        );
        r.setEscalation("stage-2", {
          to: "stage-3",
          window: null,
          lateAllowedWithDiscretion: false,
          rule: "Test third stage",
        });
      },
    });
    const rules = new RuleBook(conformanceProfile(["foi-eir", "third-stage"]), [
      foiEirServicePlugin,
      thirdStage,
    ]).rulesFor("conformance-service", "foi-eir-review");
    expect(rules.regime.stages.map((s) => s.id)).toEqual(["stage-2"]);
    expect(rules.regime.stages[0]!.escalation).toBeNull();
  });
});
