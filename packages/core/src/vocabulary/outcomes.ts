/**
 * The closed lists of what a case comes to: triage outcomes, exclusion reasons, stage
 * outcomes, remedies, closure reasons and the Ombudsman's findings, each with its labels
 * (sentence case; typed by the list, so a missing label fails the typecheck).
 */

export const TRIAGE_OUTCOMES = ["accept", "not-a-complaint", "excluded", "out-of-time", "wrongly-addressed", "duplicate"] as const;
export type TriageOutcomeCode = (typeof TRIAGE_OUTCOMES)[number];
export const TRIAGE_OUTCOME_LABELS: Record<TriageOutcomeCode, string> = {
  accept: "Accepted",
  "not-a-complaint": "Not a complaint",
  excluded: "Excluded",
  "out-of-time": "Out of time",
  "wrongly-addressed": "Wrongly addressed",
  duplicate: "Duplicate",
};

/** Why a complaint is outside the procedure (code 2024 §2; the council's own exclusions). */
export const EXCLUSION_REASONS = [
  "legal-proceedings",
  "employment",
  "elected-member-conduct",
  "right-of-appeal",
  "already-considered",
  "insurance-claim",
  "other",
] as const;
export type ExclusionReason = (typeof EXCLUSION_REASONS)[number];
export const EXCLUSION_REASON_LABELS: Record<ExclusionReason, string> = {
  "legal-proceedings": "Legal proceedings",
  employment: "Employment matter",
  "elected-member-conduct": "Conduct of an elected member",
  "right-of-appeal": "There is a right of appeal",
  "already-considered": "Already considered",
  "insurance-claim": "Insurance claim",
  other: "Other",
};

/** What a late complaint's triage decided (the time limit, code 2024 §4). */
export const OUT_OF_TIME_DECISIONS = ["refuse", "accept-with-discretion"] as const;
export type OutOfTimeDecision = (typeof OUT_OF_TIME_DECISIONS)[number];
export const OUT_OF_TIME_DECISION_LABELS: Record<OutOfTimeDecision, string> = {
  refuse: "Refused",
  "accept-with-discretion": "Accepted with discretion",
};

export const OUTCOMES = ["upheld", "partly-upheld", "not-upheld"] as const;
export type Outcome = (typeof OUTCOMES)[number];
export const OUTCOME_LABELS: Record<Outcome, string> = {
  upheld: "Upheld",
  "partly-upheld": "Partly upheld",
  "not-upheld": "Not upheld",
};

export const REMEDY_TYPES = ["apology", "explanation", "action", "record-corrected", "decision-reconsidered", "financial", "service-improvement"] as const;
export type RemedyType = (typeof REMEDY_TYPES)[number];
export const REMEDY_TYPE_LABELS: Record<RemedyType, string> = {
  apology: "Apology",
  explanation: "Explanation",
  action: "Action to put things right",
  "record-corrected": "Record corrected",
  "decision-reconsidered": "Decision reconsidered",
  financial: "Financial remedy",
  "service-improvement": "Service improvement",
};

export const FINANCIAL_KINDS = ["goodwill-gesture", "compensation"] as const;
export type FinancialKind = (typeof FINANCIAL_KINDS)[number];
export const FINANCIAL_KIND_LABELS: Record<FinancialKind, string> = {
  "goodwill-gesture": "Goodwill gesture",
  compensation: "Compensation",
};

export const CLOSURE_REASONS = [
  "final-response",
  "not-escalated",
  "withdrawn",
  "not-a-complaint",
  "excluded",
  "out-of-time",
  "wrongly-addressed",
  "duplicate",
  "feedback-acknowledged",
  "service-request-completed",
  "referred-to-legal",
  "merged",
  "not-investigated",
] as const;
export type ClosureReason = (typeof CLOSURE_REASONS)[number];
export const CLOSURE_REASON_LABELS: Record<ClosureReason, string> = {
  "final-response": "Final response sent",
  "not-escalated": "Not escalated",
  withdrawn: "Withdrawn",
  "not-a-complaint": "Not a complaint",
  excluded: "Excluded",
  "out-of-time": "Out of time",
  "wrongly-addressed": "Wrongly addressed",
  duplicate: "Duplicate",
  "feedback-acknowledged": "Feedback acknowledged",
  "service-request-completed": "Service request completed",
  "referred-to-legal": "Referred to legal services",
  merged: "Merged into another case",
  "not-investigated": "Not investigated",
};

/** What a complaint referred to Legal Services as a claim is for (Leeds policy paras 70–71). */
export const CLAIM_BASES = ["damages", "physical-injury"] as const;
export type ClaimBasis = (typeof CLAIM_BASES)[number];
export const CLAIM_BASIS_LABELS: Record<ClaimBasis, string> = {
  damages: "Damages or compensation for a loss",
  "physical-injury": "Physical injury",
};

/**
 * The bodies a complainant may go to next that core knows by name. A plugin may register
 * another (NextBodyId is open); its regime then names it.
 */
export const NEXT_BODIES = ["lgsco", "housing-ombudsman", "ico", "first-tier-tribunal"] as const;
export type KnownNextBody = (typeof NEXT_BODIES)[number];
export const NEXT_BODY_LABELS: Record<KnownNextBody, string> = {
  lgsco: "Local Government and Social Care Ombudsman",
  "housing-ombudsman": "Housing Ombudsman",
  ico: "Information Commissioner's Office",
  "first-tier-tribunal": "First-tier Tribunal",
};

/** The bodies that open an enquiry into a case (the First-tier Tribunal hears appeals from the ICO instead). */
export const OMBUDSMAN_BODIES = ["lgsco", "housing-ombudsman", "ico"] as const satisfies readonly KnownNextBody[];

/**
 * Where an Ombudsman's enquiry stands, in the order the process runs:
 * - `response-due`: the body has asked; our reply has not gone;
 * - `awaiting-decision`: we replied; the body has not decided;
 * - `remedy-due`: the body decided and asked for remedies not all done yet;
 * - `decision-received`: decided with nothing for us to do, and the body not yet told it is closed;
 * - `complied`: every remedy done (or none asked), or the body said it is satisfied.
 */
export const OMBUDSMAN_ENQUIRY_STATES = ["response-due", "awaiting-decision", "remedy-due", "decision-received", "complied"] as const;
export type OmbudsmanEnquiryState = (typeof OMBUDSMAN_ENQUIRY_STATES)[number];
export const OMBUDSMAN_ENQUIRY_STATE_LABELS: Record<OmbudsmanEnquiryState, string> = {
  "response-due": "Response due",
  "awaiting-decision": "Waiting for the decision",
  "remedy-due": "Remedy due",
  "decision-received": "Decision received",
  complied: "Complied",
};

/** The findings of the LGSCO (fault), the Housing Ombudsman (maladministration) and the ICO (upheld). */
export const OMBUDSMAN_FINDINGS = [
  "no-fault",
  "fault-no-injustice",
  "fault-injustice",
  "no-maladministration",
  "service-failure",
  "maladministration",
  "severe-maladministration",
  "not-investigated",
  "premature",
  "complaint-upheld",
  "complaint-not-upheld",
] as const;
export type OmbudsmanFinding = (typeof OMBUDSMAN_FINDINGS)[number];
export const OMBUDSMAN_FINDING_LABELS: Record<OmbudsmanFinding, string> = {
  "no-fault": "No fault",
  "fault-no-injustice": "Fault, no injustice",
  "fault-injustice": "Fault causing injustice",
  "no-maladministration": "No maladministration",
  "service-failure": "Service failure",
  maladministration: "Maladministration",
  "severe-maladministration": "Severe maladministration",
  "not-investigated": "Not investigated",
  premature: "Premature",
  "complaint-upheld": "Complaint upheld",
  "complaint-not-upheld": "Complaint not upheld",
};

/** Findings that say the council got something wrong (LGSCO fault, HOS failure or maladministration, ICO upheld). */
export const FAULT_FINDINGS = [
  "fault-no-injustice",
  "fault-injustice",
  "service-failure",
  "maladministration",
  "severe-maladministration",
  "complaint-upheld",
] as const satisfies readonly OmbudsmanFinding[];

export function isFaultFinding(finding: string): boolean {
  return (FAULT_FINDINGS as readonly string[]).includes(finding);
}
