/**
 * Where each housing rule comes from. The Housing Ombudsman's Complaint Handling Code is
 * statutory for council landlords from 1 April 2024 (Social Housing (Regulation) Act 2023);
 * paragraph numbers are the Code's (docs/rules.md §1).
 */
export const HOS_CODE = "Housing Ombudsman Complaint Handling Code 2024";

export const RULES = {
  acknowledge: `${HOS_CODE} 6.2: acknowledge, define and log a complaint within 5 working days of receipt`,
  stage1Respond: `${HOS_CODE} 6.3: Stage 1 response within 10 working days of the acknowledgement`,
  stage1Extension: `${HOS_CODE} 6.4–6.5: Stage 1 may be extended by up to 10 working days, with the reasons and the Housing Ombudsman's details`,
  stage2Acknowledge: `${HOS_CODE} 6.11: acknowledge and log a Stage 2 complaint within 5 working days of the escalation request`,
  stage2Respond: `${HOS_CODE}: Stage 2 response within 20 working days of the escalation acknowledgement`,
  stage2Extension: `${HOS_CODE}: Stage 2 may be extended by up to 20 working days, with the reasons and the Housing Ombudsman's details`,
  stage2Handler: `${HOS_CODE} 6.13: the person considering Stage 2 is not the one who considered Stage 1`,
  escalation: `${HOS_CODE} 6.12: escalation at the resident's request, who need not give reasons`,
  twoStages: `${HOS_CODE}: two stages only, never a third; Stage 2 is the landlord's final response`,
  nextBody:
    "Housing Ombudsman Scheme: landlord services for council tenants and leaseholders go to the Housing Ombudsman, not the LGSCO (Localism Act 2011), once both stages are complete",
  nextBodyWindow:
    "Housing Ombudsman Scheme: refer the complaint within 12 months of the landlord's final (Stage 2) response",
  timeLimit: `${HOS_CODE} section 2: a complaint more than 12 months after the issue (or awareness of it) may be refused, with discretion considered`,
  priority:
    "Southwark Complaint Handling Procedure, criteria for prioritising complaints: health and safety risks and chronic issues such as damp and mould are high priority",
  serviceRequestContinues:
    "Southwark Complaint Handling Procedure, 'Continuous Service Effort'; Housing Ombudsman Code: a service request continues while the complaint about it runs",
  contractor:
    "Leeds housing complaints review 2013/14 (share incidents with Mears/Morrison); Southwark procedure: the investigating officer must contact all relevant parties, including contractors; Housing Ombudsman Code 5.2–5.5: contractors work inside the landlord's two stages",
  tsm: "Regulator of Social Housing, Tenant Satisfaction Measures technical requirements (updated 15 March 2024): CH01 and CH02 follow the Housing Ombudsman Code",
  selfAssessment: `${HOS_CODE} section 8: an annual self-assessment against the Code, published with the annual complaints performance report`,
  refusalSignpost: `${HOS_CODE} section 2: a refusal gives the reasons and the right to go to the Housing Ombudsman`,
} as const;

/** The issues the Southwark criteria make high priority (damp and mould, disrepair, safety). */
export const HIGH_PRIORITY_ISSUES = ["damp-and-mould", "disrepair", "safety"] as const;

export const HOUSING_ISSUES = [
  "damp-and-mould",
  "disrepair",
  "safety",
  "repairs",
  "estate-services",
  "tenancy-management",
  "rents-and-service-charges",
  "anti-social-behaviour",
  "other",
] as const;

/** Information requests whose id starts with this track a contractor's input. */
export const CONTRACTOR_REQUEST_PREFIX = "contractor:";

/** The party notified when a repair or other service request must carry on. */
export const REPAIRS_PARTY = "repairs-service";
