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

// Partial: core may add kinds; labelOr() words any it does not know yet.
export const DUE_LABELS: Partial<Record<DueKind, string>> = {
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
  milestone: "Improvement milestone",
};

/** What each command is called on its button and in the timeline. */
export const COMMAND_LABELS: Partial<Record<CommandType, string>> = {
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
  "agree-improvement-action": "Agree an improvement action",
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
  "record-milestone": "Record a milestone",
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
  "agree-improvement-action": "Improvement action agreed",
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

export function labelOr(labels: Readonly<Record<string, string | undefined>>, value: string | null | undefined, fallback = "Not given"): string {
  if (!value) return fallback;
  return labels[value] ?? value.replace(/-/g, " ").replace(/^./, (c) => c.toUpperCase());
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

/** The last Sunday of a month, as a UTC day number. */
function lastSunday(year: number, month: number): number {
  const last = new Date(Date.UTC(year, month + 1, 0));
  return last.getUTCDate() - last.getUTCDay();
}

/**
 * The wall-clock time in London (GMT, or BST from 01:00 UTC on the last Sunday of March to
 * 01:00 UTC on the last Sunday of October). Computed, not left to Intl, so the server and
 * every browser render the same text (no hydration mismatch).
 */
export function londonParts(instant: Date): { year: number; month: number; day: number; hour: number; minute: number } {
  const y = instant.getUTCFullYear();
  const bstStart = Date.UTC(y, 2, lastSunday(y, 2), 1);
  const bstEnd = Date.UTC(y, 9, lastSunday(y, 9), 1);
  const t = instant.getTime();
  const local = new Date(t + (t >= bstStart && t < bstEnd ? 3_600_000 : 0));
  return { year: local.getUTCFullYear(), month: local.getUTCMonth() + 1, day: local.getUTCDate(), hour: local.getUTCHours(), minute: local.getUTCMinutes() };
}

/** An instant, in London time: "23 November 2026 at 2:05pm". */
export function formatDateTime(value: string | Date | null | undefined): string {
  if (!value) return "";
  const date = typeof value === "string" ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) return String(value);
  const p = londonParts(date);
  const h12 = p.hour % 12 === 0 ? 12 : p.hour % 12;
  return `${p.day} ${MONTHS[p.month - 1]} ${p.year} at ${h12}:${String(p.minute).padStart(2, "0")}${p.hour < 12 ? "am" : "pm"}`;
}

export function formatPence(pence: number | null | undefined): string {
  if (pence === null || pence === undefined) return "";
  const pounds = Math.floor(Math.abs(pence) / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${pence < 0 ? "-" : ""}£${pounds}.${String(Math.abs(pence) % 100).padStart(2, "0")}`;
}

export function commandLabel(type: string): string {
  return labelOr(COMMAND_LABELS, type);
}
