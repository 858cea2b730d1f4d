import { createServicePlugin } from "@complaints/core";
import { nipsoLetters } from "./letter-content.js";
import { NIPSO_RULES } from "./rules.js";

/**
 * The NIPSO Local Government Model Complaints Handling Procedure: Stage 1 frontline response in
 * 5 working days (at most 10 in all), Stage 2 investigation acknowledged in 3 and decided in 20
 * unless there is clearly a good reason, then the Northern Ireland Public Services Ombudsman, on
 * Northern Ireland bank holidays. It declares Northern Ireland's jurisdiction and sets every
 * field the English default would otherwise lend it, or keeps one with the reason
 * (acceptInherited) (README: what still needs core features, and what is unconfirmed).
 */
export const nipsoServicePlugin = createServicePlugin({
  id: "nipso",
  name: "NIPSO Model Complaints Handling Procedure (local government)",
  version: "0.1.0",
  register(r) {
    r.claimService();
    r.setJurisdiction("northern-ireland", NIPSO_RULES.jurisdiction);
    // The family only groups regimes; what each letter must say is this plugin's own checklist
    // (src/letter-content.ts, decision 0407).
    r.setRegimeIdentity({
      id: "nipso-mchp-local-government",
      label: "NIPSO Model Complaints Handling Procedure (local government)",
      family: "nipso-mchp",
    });
    r.setCalendar(["northern-ireland"], NIPSO_RULES.calendar);

    r.setStageOption("stage-1", { label: "Stage 1: Frontline response" }, NIPSO_RULES.stage1Label);
    r.setTimescale("stage-1", "acknowledge", null);
    r.setTimescale("stage-1", "respond", {
      period: { workingDays: 5 },
      from: "receipt",
      rule: NIPSO_RULES.stage1Respond,
    });
    r.setExtension("stage-1", {
      maxWorkingDays: 5,
      ombudsmanDetailsRequired: false,
      rule: NIPSO_RULES.stage1Extension,
    });
    r.setEscalation("stage-1", {
      to: "stage-2",
      window: {
        period: { calendarMonths: 2 },
        from: "response",
        rule: NIPSO_RULES.escalationFromResponse,
      },
      orLaterOf: [
        {
          period: { calendarMonths: 6 },
          from: "matter-arose",
          rule: NIPSO_RULES.escalationFromEvent,
        },
      ],
      lateAllowedWithDiscretion: true,
      rule: NIPSO_RULES.escalation,
    });

    r.setStageOption(
      "stage-2",
      { label: "Stage 2: Investigation", responsePeriodAgreeable: true },
      NIPSO_RULES.stage2Revised,
    );
    r.setTimescale("stage-2", "acknowledge", {
      period: { workingDays: 3 },
      from: "stage-request",
      rule: NIPSO_RULES.stage2Acknowledge,
    });
    r.setTimescale("stage-2", "respond", {
      period: { workingDays: 20 },
      from: "stage-request",
      rule: NIPSO_RULES.stage2Respond,
    });
    r.setExtension("stage-2", null);
    r.setHandlerRule("stage-2", null);
    // With the customer's agreement an in-depth complaint opens at Stage 2; its 3 and 20 working
    // days then count from receipt.
    r.setOpenedByTriage("stage-2", { rule: NIPSO_RULES.stage2Direct });

    r.setNextBody({
      id: "nipso",
      name: "Northern Ireland Public Services Ombudsman",
      // NIPSO's own time limit is unconfirmed here (README): no date rather than a guessed one.
      window: null,
      rule: NIPSO_RULES.nextBody,
    });
    // The model's limit for making a complaint is unconfirmed (README): none rather than the
    // English code's twelve months.
    r.setTimeLimit(null);
    r.setFeedbackAcknowledge(null);
    // No deadline for sending a wrongly addressed complaint on was found in the model: none,
    // rather than Leeds' 3 working days.
    r.setWronglyAddressedReturn(null);
    r.setLetters(nipsoLetters, NIPSO_RULES.letters);
    r.acceptInherited("dayCounting", NIPSO_RULES.dayCountingKept);
  },
});
