/**
 * Plain words for the codes the API returns. Client-safe: type imports only, so nothing of
 * core (or zod) reaches the browser bundle.
 */
import type { CaseKind, Channel, CommandType, DueKind, Flag, Outcome, RepresentativeRole, StagePhase } from "@complaints/core";

export const KIND_LABELS: Record<CaseKind, string> = {
  complaint: "Complaint",
  compliment: "Compliment",
  comment: "Comment",
  "member-enquiry": "Member enquiry",
  "foi-eir-review": "FOI/EIR review",
  "service-request": "Service request",
};

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

export const OUTCOME_LABELS: Record<Outcome, string> = {
  upheld: "Upheld",
  "partly-upheld": "Partly upheld",
  "not-upheld": "Not upheld",
};

export const REPRESENTATIVE_LABELS: Record<RepresentativeRole, string> = {
  mp: "MP",
  councillor: "Councillor",
  mayor: "Mayor",
  advocate: "Advocate",
  relative: "Relative or friend",
  solicitor: "Solicitor",
  other: "Someone else",
};

export const PHASE_LABELS: Record<StagePhase, string> = {
  "awaiting-acknowledgement": "Waiting to be acknowledged",
  investigating: "Being investigated",
  paused: "Paused",
  responded: "Responded",
  "referred-back": "Referred back",
  withdrawn: "Withdrawn",
};

export const STATUS_LABELS: Record<"new" | "open" | "closed", string> = {
  new: "New: waiting for triage",
  open: "Open",
  closed: "Closed",
};

export const DUE_LABELS: Record<DueKind, string> = {
  acknowledge: "Acknowledge",
  respond: "Respond",
  target: "Internal target",
  "holding-response": "Holding response",
  "escalation-window": "Customer may escalate until",
  "next-body-window": "Customer may go to the Ombudsman until",
  "feedback-acknowledge": "Acknowledge the feedback",
  "wrongly-addressed-return": "Return to the right body",
  remedy: "Remedy",
  "ombudsman-response": "Reply to the Ombudsman",
};

/** What each command is called on its button and in the timeline. */
export const COMMAND_LABELS: Record<CommandType, string> = {
  log: "Logged",
  triage: "Triage",
  assign: "Assign",
  notify: "Notify someone",
  acknowledge: "Acknowledge",
  "record-contact": "Record a contact",
  "request-information": "Request information",
  "receive-information": "Record information received",
  pause: "Pause",
  resume: "Resume",
  extend: "Extend the deadline",
  "agree-statement": "Record the agreed statement of complaint",
  "agree-response-date": "Agree a response date",
  "add-participant": "Add a participant",
  "holding-response": "Send a holding response",
  respond: "Respond with outcome",
  "complete-remedy": "Complete a remedy",
  escalate: "Escalate to the next stage",
  "refer-back": "Refer back",
  withdraw: "Withdraw",
  close: "Close",
  reopen: "Reopen",
  "acknowledge-feedback": "Acknowledge the feedback",
  "convert-to-complaint": "Convert to a complaint",
  "ombudsman-enquiry": "Record an Ombudsman enquiry",
  "ombudsman-response": "Record the reply to the Ombudsman",
  "ombudsman-decision": "Record the Ombudsman's decision",
  "ombudsman-remedy-complied": "Record an Ombudsman remedy as done",
  "ombudsman-satisfied": "Record the Ombudsman's letter of satisfaction",
  "recalculate-deadlines": "Recalculate deadlines",
};

/** Past tense for the timeline. */
export const EVENT_LABELS: Partial<Record<CommandType, string>> = {
  log: "Case logged",
  triage: "Triaged",
  assign: "Assigned",
  notify: "Notified",
  acknowledge: "Acknowledged",
  "record-contact": "Contact recorded",
  "request-information": "Information requested",
  "receive-information": "Information received",
  pause: "Paused",
  resume: "Resumed",
  extend: "Deadline extended",
  "agree-statement": "Statement of complaint agreed",
  "agree-response-date": "Response date agreed",
  "add-participant": "Participant added",
  "holding-response": "Holding response sent",
  respond: "Response sent",
  "complete-remedy": "Remedy completed",
  escalate: "Escalated",
  "refer-back": "Referred back",
  withdraw: "Withdrawn",
  close: "Closed",
  reopen: "Reopened",
  "acknowledge-feedback": "Feedback acknowledged",
  "convert-to-complaint": "Converted to a complaint",
  "ombudsman-enquiry": "Ombudsman enquiry received",
  "ombudsman-response": "Reply sent to the Ombudsman",
  "ombudsman-decision": "Ombudsman decision recorded",
  "ombudsman-remedy-complied": "Ombudsman remedy done",
  "ombudsman-satisfied": "Ombudsman satisfied",
  "recalculate-deadlines": "Deadlines recalculated (calendar changed)",
};

export function labelOr<T extends string>(labels: Partial<Record<T, string>>, value: T | string | null | undefined, fallback = "Not given"): string {
  if (!value) return fallback;
  return labels[value as T] ?? value.replace(/-/g, " ").replace(/^./, (c) => c.toUpperCase());
}

const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/** "2026-11-23" → "Mon 23 November 2026" (the GOV.UK date style), without time-zone drift. */
export function formatDate(iso: string | null | undefined, withDay = false): string {
  if (!iso) return "";
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const day = DAYS[new Date(Date.UTC(y, mo - 1, d)).getUTCDay()];
  return `${withDay ? `${day} ` : ""}${d} ${MONTHS[mo - 1]} ${y}`;
}

/** An instant, in London time: "23 November 2026 at 2:05pm". */
export function formatDateTime(value: string | Date | null | undefined): string {
  if (!value) return "";
  const date = typeof value === "string" ? new Date(value) : value;
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone: "Europe/London",
    day: "numeric",
    month: "long",
    year: "numeric",
    hour: "numeric",
    minute: "2-digit",
    hour12: true,
  }).formatToParts(date);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return `${get("day")} ${get("month")} ${get("year")} at ${get("hour")}:${get("minute")}${get("dayPeriod").toLowerCase().replace(/\s/g, "")}`;
}

export function formatPence(pence: number | null | undefined): string {
  if (pence === null || pence === undefined) return "";
  return `£${(pence / 100).toLocaleString("en-GB", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}
