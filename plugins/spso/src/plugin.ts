import { createServicePlugin } from "@complaints/core";
import { SPSO_RULES } from "./rules.js";

/**
 * The SPSO Model Complaints Handling Procedure for Scottish local authorities: Stage 1
 * frontline response in 5 working days (exceptionally extended), Stage 2 investigation
 * acknowledged in 3 and decided in 20 (or a longer time agreed with the customer), then the
 * Scottish Public Services Ombudsman, on Scottish bank holidays. Every field the English
 * default would otherwise lend it is set here, so no Complaint Handling Code citation reaches a
 * Scottish case (README: what still needs core features).
 */
export const spsoServicePlugin = createServicePlugin({
  id: "spso",
  name: "SPSO Model Complaints Handling Procedure (local authorities)",
  version: "0.1.0",
  register(r) {
    r.claimService();
    // The letters package does not know this family yet: a letter for a case under it is refused
    // by name rather than checked against the LGSCO's content rules (README, letter requirements).
    r.setRegimeIdentity({
      id: "spso-mchp-local-authority",
      label: "SPSO Model Complaints Handling Procedure (local authorities)",
      family: "spso-mchp",
    });
    r.setCalendar(["scotland"], SPSO_RULES.calendar);

    r.setStageOption("stage-1", { label: "Stage 1: Frontline response" }, SPSO_RULES.stage1Label);
    r.setTimescale("stage-1", "acknowledge", null);
    r.setTimescale("stage-1", "respond", {
      period: { workingDays: 5 },
      from: "receipt",
      rule: SPSO_RULES.stage1Respond,
    });
    r.setExtension("stage-1", {
      maxWorkingDays: 5,
      ombudsmanDetailsRequired: false,
      rule: SPSO_RULES.stage1Extension,
    });
    r.setEscalation("stage-1", {
      to: "stage-2",
      window: null,
      lateAllowedWithDiscretion: true,
      rule: SPSO_RULES.escalation,
    });

    r.setStageOption(
      "stage-2",
      { label: "Stage 2: Investigation", responsePeriodAgreeable: true },
      SPSO_RULES.stage2Agreed,
    );
    r.setTimescale("stage-2", "acknowledge", {
      period: { workingDays: 3 },
      from: "stage-request",
      rule: SPSO_RULES.stage2Acknowledge,
    });
    r.setTimescale("stage-2", "respond", {
      period: { workingDays: 20 },
      from: "stage-request",
      rule: SPSO_RULES.stage2Respond,
    });
    // A longer time is agreed with the customer (agree-response-date), not added as an extension.
    r.setExtension("stage-2", null);
    r.setHandlerRule("stage-2", null);

    r.setNextBody({
      id: "spso",
      name: "Scottish Public Services Ombudsman",
      // The SPSO's own time limit runs from when the customer knew of the matter, not from the
      // final response, which is all a window can count from today (README).
      window: null,
      rule: SPSO_RULES.nextBody,
    });
    r.setTimeLimit({ calendarMonths: 6, rule: SPSO_RULES.timeLimit });
    // The MCHP covers complaints only; compliments and comments keep no English deadline.
    r.setFeedbackAcknowledge(null);
  },
});
