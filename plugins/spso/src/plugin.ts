import { createServicePlugin } from "@complaints/core";
import { spsoLetters } from "./letter-content.js";
import { SPSO_RULES } from "./rules.js";

/**
 * The SPSO Model Complaints Handling Procedure for Scottish local authorities: Stage 1
 * frontline response in 5 working days (exceptionally extended), Stage 2 investigation
 * acknowledged in 3 and decided in 20 (or a longer time agreed with the customer), then the
 * Scottish Public Services Ombudsman, on Scottish bank holidays. It declares Scotland's
 * jurisdiction and sets every field the English default would otherwise lend it, or keeps one
 * with the reason (acceptInherited), so no Complaint Handling Code citation reaches a Scottish
 * case unexplained (README: what still needs core features).
 */
export const spsoServicePlugin = createServicePlugin({
  id: "spso",
  name: "SPSO Model Complaints Handling Procedure (local authorities)",
  version: "0.1.0",
  register(r) {
    r.claimService();
    r.setJurisdiction("scotland", SPSO_RULES.jurisdiction);
    // The family only groups regimes; what each letter must say is this plugin's own checklist
    // (src/letter-content.ts, decision 0407).
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
      window: {
        period: { calendarMonths: 2 },
        from: "response",
        rule: SPSO_RULES.escalationFromResponse,
      },
      orLaterOf: [
        {
          period: { calendarMonths: 6 },
          from: "matter-arose",
          rule: SPSO_RULES.escalationFromEvent,
        },
      ],
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
    // A complex complaint opens at Stage 2; its 3 and 20 working days then count from receipt.
    r.setOpenedByTriage("stage-2", { rule: SPSO_RULES.stage2Direct });

    r.setNextBody({
      id: "spso",
      name: "Scottish Public Services Ombudsman",
      // The SPSO's own time limit runs from when the customer knew of the matter, but core counts
      // a next-body window from the final response only (deadlines/due-dates.ts): no date
      // rather than a wrong one (README).
      window: null,
      rule: SPSO_RULES.nextBody,
    });
    r.setTimeLimit({ calendarMonths: 6, rule: SPSO_RULES.timeLimit });
    // The MCHP covers complaints only; compliments and comments keep no English deadline.
    r.setFeedbackAcknowledge(null);
    // No deadline for sending a wrongly addressed complaint on was found in the MCHP: none,
    // rather than Leeds' 3 working days.
    r.setWronglyAddressedReturn(null);
    r.setLetters(spsoLetters, SPSO_RULES.letters);
    r.acceptInherited("dayCounting", SPSO_RULES.dayCountingKept);
  },
});
