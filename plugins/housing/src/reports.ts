import type { ReportContribution } from "@complaints/core";
import { RULES } from "./rules.js";

/**
 * Tenant Satisfaction Measures CH01 and CH02 (docs/rules.md §6), as definitions the reports
 * package computes from stored stages. The reporting year runs 1 April–31 March; low-cost
 * rental and low-cost home ownership are reported separately (intake field `tenure`).
 */
export const tsmComplaints: ReportContribution = {
  id: "housing.tsm-ch01-ch02",
  title: "Tenant Satisfaction Measures: complaints (CH01, CH02)",
  source: RULES.tsm,
  measures: [
    {
      id: "CH01-1",
      label: "Stage 1 complaints received per 1,000 homes",
      definition:
        "Stage 1 complaints received in the reporting year, divided by the relevant homes (council profile `homes`), times 1,000. Every complaint under the Code counts, whatever its outcome; reported separately for low-cost rental and low-cost home ownership (`tenure`).",
      compute: { kind: "count", dated: "requested", where: { stageIds: ["stage-1"] }, per: { profileField: "homes", multiplier: 1000 } },
    },
    {
      id: "CH01-2",
      label: "Stage 2 complaints received per 1,000 homes",
      definition:
        "Stage 2 complaints received in the reporting year, divided by the relevant homes, times 1,000. A complaint escalated in the year counts at Stage 1 and at Stage 2.",
      compute: { kind: "count", dated: "requested", where: { stageIds: ["stage-2"] }, per: { profileField: "homes", multiplier: 1000 } },
    },
    {
      id: "CH02-1",
      label: "Stage 1 complaints responded to within the Code's timescales (%)",
      definition:
        "Of the Stage 1 responses sent in the reporting year, the share sent within 10 working days of the acknowledgement, or within an extension the Code allows (at most 10 more working days, the resident told the reasons and the Housing Ombudsman's details).",
      compute: { kind: "share", dated: "responded", of: { stageIds: ["stage-1"] }, where: { answeredInTime: true } },
    },
    {
      id: "CH02-2",
      label: "Stage 2 complaints responded to within the Code's timescales (%)",
      definition:
        "Of the Stage 2 responses sent in the reporting year, the share sent within 20 working days of the escalation acknowledgement, or within an extension the Code allows (at most 20 more working days, with the reasons and the Housing Ombudsman's details).",
      compute: { kind: "share", dated: "responded", of: { stageIds: ["stage-2"] }, where: { answeredInTime: true } },
    },
  ],
};

/** The figures the annual self-assessment and performance report need (Code section 8). */
export const selfAssessment: ReportContribution = {
  id: "housing.code-self-assessment",
  title: "Housing Ombudsman Code: annual self-assessment and complaints performance",
  source: RULES.selfAssessment,
  measures: [
    {
      id: "acknowledged-in-time",
      label: "Complaints acknowledged within 5 working days (%)",
      definition:
        "Stage 1 and Stage 2 acknowledgements sent within 5 working days of receipt or of the escalation request (Code 6.2, 6.11).",
    },
    {
      id: "extensions",
      label: "Extensions and their length",
      definition:
        "Stage responses extended, by stage, with the working days added and whether the Housing Ombudsman's details were given (Code 6.4–6.5).",
      compute: { kind: "count", dated: "responded", where: { extended: true } },
    },
    {
      id: "stage-1-median",
      label: "Median working days from receipt to the Stage 1 response",
      definition: "Of the Stage 1 responses sent in the year, the median number of working days from receipt to the response being sent.",
      compute: { kind: "median", dated: "responded", of: { stageIds: ["stage-1"] }, workingDays: { from: "requested", to: "responded" } },
    },
    {
      id: "refused",
      label: "Complaints refused, by reason",
      definition:
        "Complaints not accepted (out of time, excluded, not a complaint), with the reasons given, for the annual report (Code section 2).",
    },
    {
      id: "target-met",
      label: "Internal targets met (%)",
      definition:
        "Where the council keeps an internal target under the Code's deadline (Housing Leeds: 10 working days), the share of responses within the target beside the share within the deadline.",
    },
    {
      id: "ombudsman-findings",
      label: "Housing Ombudsman determinations",
      definition:
        "Cases the Housing Ombudsman decided in the year, by finding (no maladministration, service failure, maladministration, severe maladministration) and orders complied with.",
    },
    {
      id: "contractor-cases",
      label: "Complaints involving a contractor",
      definition:
        "Complaints with a contractor recorded at intake, and whether the contractor's account was received before the response.",
    },
  ],
};

export const housingReports: ReportContribution[] = [tsmComplaints, selfAssessment];
