import { createServicePlugin } from "@complaints/core";
import { PSOW_RULES } from "./rules.js";

/**
 * The Public Services Ombudsman for Wales' model complaints policy for Welsh councils: Stage 1
 * informal resolution in 10 working days, Stage 2 formal investigation acknowledged in 5 and
 * answered in 20, then the PSOW, on England and Wales bank holidays. The Welsh-language duties
 * (Welsh or bilingual letters) are the council profile's `correspondence.languages`: a plugin
 * cannot see the profile, and a plugin paragraph would print in one language (docs/plugins.md
 * §7), so this plugin adds none (README).
 */
export const psowServicePlugin = createServicePlugin({
  id: "psow",
  name: "PSOW model complaints policy (Welsh councils)",
  version: "0.1.0",
  register(r) {
    r.claimService();
    // Unknown to the letters package yet: letters are refused by name, not checked against the
    // LGSCO's content rules (README, letter requirements).
    r.setRegimeIdentity({
      id: "psow-model-complaints-policy",
      label: "PSOW model complaints policy (Welsh councils)",
      family: "psow-model",
    });
    r.setCalendar(["england-and-wales"], PSOW_RULES.calendar);

    r.setStageOption("stage-1", { label: "Stage 1: Informal resolution" }, PSOW_RULES.stage1Label);
    r.setTimescale("stage-1", "acknowledge", null);
    r.setTimescale("stage-1", "respond", {
      period: { workingDays: 10 },
      from: "receipt",
      rule: PSOW_RULES.stage1Respond,
    });
    // No extension of the informal stage was found in the model (README): an unresolved concern
    // goes on to the formal investigation instead.
    r.setExtension("stage-1", null);
    r.setEscalation("stage-1", {
      to: "stage-2",
      window: null,
      lateAllowedWithDiscretion: true,
      rule: PSOW_RULES.escalation,
    });

    r.setStageOption(
      "stage-2",
      { label: "Stage 2: Formal investigation", responsePeriodAgreeable: true },
      PSOW_RULES.stage2Revised,
    );
    r.setTimescale("stage-2", "acknowledge", {
      period: { workingDays: 5 },
      from: "stage-request",
      rule: PSOW_RULES.stage2Acknowledge,
    });
    r.setTimescale("stage-2", "respond", {
      period: { workingDays: 20 },
      from: "stage-request",
      rule: PSOW_RULES.stage2Respond,
    });
    r.setExtension("stage-2", null);
    r.setHandlerRule("stage-2", null);

    r.setNextBody({
      id: "psow",
      name: "Public Services Ombudsman for Wales",
      // The PSOW's time limit runs from when the complainant knew of the matter, not from the
      // final response, which is all a window can count from today (README).
      window: null,
      rule: PSOW_RULES.nextBody,
    });
    r.setTimeLimit({ calendarMonths: 6, rule: PSOW_RULES.timeLimit });
    r.setFeedbackAcknowledge(null);
  },
});
