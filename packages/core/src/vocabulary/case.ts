/**
 * The closed lists that describe a case, each with the plain words staff read for its codes
 * (sentence case, as GOV.UK writes labels). A label record is typed by its list, so a code
 * added without a label fails the typecheck (issue 13: one vocabulary).
 */

export const CASE_KINDS = ["complaint", "compliment", "comment", "member-enquiry", "foi-eir-review", "service-request"] as const;
export type CaseKind = (typeof CASE_KINDS)[number];
export const CASE_KIND_LABELS: Record<CaseKind, string> = {
  complaint: "Complaint",
  compliment: "Compliment",
  comment: "Comment",
  "member-enquiry": "Member enquiry",
  "foi-eir-review": "FOI/EIR review",
  "service-request": "Service request",
};

export const CHANNELS = ["phone", "email", "web", "social-media", "in-person", "survey", "post", "member-portal"] as const;
export type Channel = (typeof CHANNELS)[number];
export const CHANNEL_LABELS: Record<Channel, string> = {
  phone: "Phone",
  email: "Email",
  web: "Web form",
  "social-media": "Social media",
  "in-person": "In person",
  survey: "Survey",
  post: "Post",
  "member-portal": "Member portal",
};

/**
 * How a person asked us to write to them (issue 15): email, post, or both. Short notices by text
 * message are a separate consent. The rule that picks the channels: correspondence/channels.ts.
 */
export const CONTACT_CHANNELS = ["email", "post", "both"] as const;
export type ContactChannel = (typeof CONTACT_CHANNELS)[number];
export const CONTACT_CHANNEL_LABELS: Record<ContactChannel, string> = {
  email: "Email",
  post: "Post",
  both: "Email and post",
};

export const FLAGS = [
  "discrimination-or-harassment",
  "named-staff",
  "sexual-harassment",
  "safeguarding",
  "vulnerability",
  "reasonable-adjustments",
  "chief-executive",
  "persistent-complainant-contact",
] as const;
export type Flag = (typeof FLAGS)[number];
export const FLAG_LABELS: Record<Flag, string> = {
  "discrimination-or-harassment": "Discrimination or harassment",
  "named-staff": "Complaint about named staff",
  "sexual-harassment": "Sexual harassment",
  safeguarding: "Safeguarding concern",
  vulnerability: "Vulnerable customer",
  "reasonable-adjustments": "Needs reasonable adjustments",
  "chief-executive": "Chief Executive complaint",
  "persistent-complainant-contact": "Persistent complainant contact",
};

/**
 * The flags that restrict a case: only the restricted readers and its own handler see it
 * (complaints about staff and similar, docs/design.md §7).
 */
export const RESTRICTING_FLAGS = ["named-staff", "discrimination-or-harassment", "sexual-harassment", "safeguarding"] as const satisfies readonly Flag[];
export type RestrictingFlag = (typeof RESTRICTING_FLAGS)[number];

export function isRestrictingFlag(flag: string): flag is RestrictingFlag {
  return (RESTRICTING_FLAGS as readonly string[]).includes(flag);
}

export const CASE_STATUSES = ["new", "open", "closed"] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];
export const CASE_STATUS_LABELS: Record<CaseStatus, string> = {
  new: "New: waiting for triage",
  open: "Open",
  closed: "Closed",
};

export const REPRESENTATIVE_ROLES = ["mp", "councillor", "mayor", "advocate", "relative", "solicitor", "other"] as const;
export type RepresentativeRole = (typeof REPRESENTATIVE_ROLES)[number];
export const REPRESENTATIVE_ROLE_LABELS: Record<RepresentativeRole, string> = {
  mp: "MP",
  councillor: "Councillor",
  mayor: "Mayor",
  advocate: "Advocate",
  relative: "Relative or friend",
  solicitor: "Solicitor",
  other: "Someone else",
};

export const STAGE_PHASES = ["awaiting-acknowledgement", "investigating", "paused", "responded", "referred-back", "withdrawn"] as const;
export type StagePhase = (typeof STAGE_PHASES)[number];
export const STAGE_PHASE_LABELS: Record<StagePhase, string> = {
  "awaiting-acknowledgement": "Waiting to be acknowledged",
  investigating: "Being investigated",
  paused: "Paused",
  responded: "Responded",
  "referred-back": "Referred back",
  withdrawn: "Withdrawn",
};

export const DUE_KINDS = [
  "acknowledge",
  "respond",
  "target",
  "holding-response",
  "escalation-window",
  "next-body-window",
  "feedback-acknowledge",
  "wrongly-addressed-return",
  "remedy",
  "milestone",
  "ombudsman-response",
] as const;
export type DueKind = (typeof DUE_KINDS)[number];
export const DUE_KIND_LABELS: Record<DueKind, string> = {
  acknowledge: "Acknowledge",
  respond: "Respond",
  target: "Internal target",
  "holding-response": "Holding response",
  "escalation-window": "Customer may escalate until",
  "next-body-window": "Customer may go to the Ombudsman until",
  "feedback-acknowledge": "Acknowledge the feedback",
  "wrongly-addressed-return": "Return to the right body",
  remedy: "Remedy",
  milestone: "Improvement milestone",
  "ombudsman-response": "Reply to the Ombudsman",
};

/**
 * How one case knows another (issue 16, docs/decisions/0106-merge-link-split.md): related
 * cases linked by staff (both ways), a duplicate merged into the case kept, and the cases a
 * multi-service complaint was split into. Each side records its own kind of the pair.
 */
export const CASE_LINK_KINDS = ["related", "merged-into", "merged-in", "split-into", "split-from"] as const;
export type CaseLinkKind = (typeof CASE_LINK_KINDS)[number];
export const CASE_LINK_KIND_LABELS: Record<CaseLinkKind, string> = {
  related: "Related",
  "merged-into": "This case was merged into it",
  "merged-in": "Merged into this case",
  "split-into": "Split from this case",
  "split-from": "This case was split from it",
};
