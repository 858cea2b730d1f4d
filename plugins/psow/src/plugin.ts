import { createServicePlugin } from "@complaints/core";
import { psowLetters } from "./letter-content.js";
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
    // The calendar is England and Wales', so this declaration, not the calendar, is what tells
    // these Welsh rules from English ones.
    r.setJurisdiction("wales", PSOW_RULES.jurisdiction);
    // The family only groups regimes; what each letter must say is this plugin's own checklist
    // (src/letter-content.ts, decision 0407).
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
      // The PSOW's time limit runs from when the complainant knew of the matter, but core counts
      // a next-body window from the final response only (deadlines/due-dates.ts): no date
      // rather than a wrong one (README).
      window: null,
      rule: PSOW_RULES.nextBody,
    });
    r.setTimeLimit({ calendarMonths: 6, rule: PSOW_RULES.timeLimit });
    r.setFeedbackAcknowledge(null);
    // No deadline for sending a wrongly addressed complaint on was found in the model: none,
    // rather than Leeds' 3 working days.
    r.setWronglyAddressedReturn(null);
    r.setLetters(psowLetters, PSOW_RULES.letters);
    r.acceptInherited("dayCounting", PSOW_RULES.dayCountingKept);
  },
});
