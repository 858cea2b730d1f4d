/**
 * Plain words for the commands, and the date and money formats. The codes' own labels are
 * core's vocabulary (`@complaints/core/vocabulary`, zod-free). Client-safe: type imports only
 * from core's main entry, so nothing of core's lifecycle (or zod) reaches the browser bundle.
 */
import type { CommandType } from "@complaints/core";

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
