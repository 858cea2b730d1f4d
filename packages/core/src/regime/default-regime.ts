import type { Regime, StageRules } from "./types.js";

/**
 * The core default: the 2024 complaint handling code shared by the Local Government and
 * Social Care Ombudsman and the Housing Ombudsman (docs/rules.md §1–2). Exactly two stages.
 */
const CODE = "Complaint handling code 2024";

const stage1: StageRules = {
  id: "stage-1",
  label: "Stage 1",
  acknowledge: { period: { workingDays: 5 }, from: "receipt", rule: `${CODE} 6.2` },
  respond: { period: { workingDays: 10 }, from: "acknowledgement", rule: `${CODE} 6.3` },
  responsePeriodAgreeable: false,
  target: null,
  extension: { maxWorkingDays: 10, ombudsmanDetailsRequired: true, rule: `${CODE} 6.4–6.5` },
  holdingInterval: null,
  escalation: { to: "stage-2", window: null, lateAllowedWithDiscretion: true, rule: `${CODE} 6.12: escalation at the resident's request, no reason needed` },
  referBackTo: null,
  handler: null,
  signedByResponsiblePerson: false,
  acknowledgementLetter: "acknowledgement",
  responseLetter: "stage-1-response",
};

const stage2: StageRules = {
  id: "stage-2",
  label: "Stage 2",
  acknowledge: { period: { workingDays: 5 }, from: "escalation-request", rule: `${CODE} 6.11` },
  respond: { period: { workingDays: 20 }, from: "acknowledgement", rule: `${CODE}: Stage 2 response within 20 working days of the escalation acknowledgement` },
  responsePeriodAgreeable: false,
  target: null,
  extension: { maxWorkingDays: 20, ombudsmanDetailsRequired: true, rule: `${CODE}: Stage 2 extension at most 20 working days, with the Ombudsman's details` },
  holdingInterval: null,
  escalation: null,
  referBackTo: null,
  handler: { independentOf: ["stage-1"], rule: `${CODE} 6.13: the Stage 2 handler is not the Stage 1 handler` },
  signedByResponsiblePerson: false,
  acknowledgementLetter: "escalation-acknowledgement",
  responseLetter: "stage-2-response",
};

export const defaultRegime: Regime = {
  id: "complaint-handling-code-2024",
  label: "Complaint handling code 2024 (LGSCO)",
  family: "code-2024",
  nations: ["england-and-wales"],
  nationsRule: "The codes do not define working days: Mon–Fri less England and Wales bank holidays (docs/rules.md §7)",
  councilClosures: true,
  stages: [stage1, stage2],
  nextBody: {
    id: "lgsco",
    name: "Local Government and Social Care Ombudsman",
    window: { period: { calendarMonths: 12 }, from: "response", rule: "Local Government Act 1974 s26B: within 12 months" },
    rule: "LGSCO complaint handling code: the final response gives the Ombudsman's details",
  },
  timeLimit: { calendarMonths: 12, rule: `${CODE} section 2: complaints over 12 months old may be refused, with discretion` },
  feedbackAcknowledge: { period: { workingDays: 10 }, from: "receipt", rule: "Core default: compliments and comments acknowledged in 10 working days (Leeds policy)" },
  wronglyAddressedReturn: { period: { workingDays: 3 }, from: "receipt", rule: "Leeds policy: wrongly addressed complaints returned within 3 working days" },
  jurisdiction: "england",
  dayCounting: { firstDay: 0, rule: "Southwark procedure, Receipt Date (docs/rules.md §7): the day of receipt is day 0" },
};
