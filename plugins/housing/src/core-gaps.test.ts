import { RuleBook, createServicePlugin } from "@complaints/core";
import { conformanceProfile } from "@complaints/core/testing";
import { describe, expect, it } from "vitest";
import { housingServicePlugin } from "./plugin.js";

/**
 * What the housing plugin needs from core and cannot have yet. These tests fail on purpose
 * until core provides it; see docs/decisions/0401-plugins-service-regimes.md ("Gaps in core").
 */
describe("core gaps seen from the housing plugin", () => {
  it("HOS Code: a council that enables a third-stage add-on on a housing service is stopped at start-up, not at the first escalation", () => {
    // Core gap: a plugin cannot check the resolved stage graph at start-up (no
    // `registrar.validate(regime)` or maximum number of stages), so the housing plugin can only
    // refuse the escalation at run time (see plugin.test.ts, "two stages, never three").
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
            respond: { period: { workingDays: 30 }, from: "escalation-request", rule: "Test third stage" },
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
        r.setEscalation("stage-2", { to: "stage-3", window: null, lateAllowedWithDiscretion: false, rule: "Test third stage" });
      },
    });
    expect(() => new RuleBook(conformanceProfile(["housing", "third-stage"], "council-housing"), [housingServicePlugin, thirdStage])).toThrow(
      /plugin "housing"/,
    );
  });
});
