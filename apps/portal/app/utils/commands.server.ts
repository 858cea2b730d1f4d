/**
 * Turns a command's form into the payload the API expects, with GOV.UK error messages for
 * what is missing or malformed. The API and core check everything again; these checks only
 * catch the obvious on the page, next to the field.
 */
import { randomUUID } from "node:crypto";
import type { CommandType } from "@complaints/core";
import { FINANCIAL_KINDS, OUTCOMES } from "@complaints/core/vocabulary";
import { all, text } from "./forms.server";
import { readDate, readMoney } from "./form-schema.server";

// The routes that still build their input by hand read dates and money here (form-schema.server.ts has them).
export { readDate, readMoney };

export type Payload = Record<string, unknown>;
export type ParseResult = { ok: true; payload: Payload } | { ok: false; errors: Record<string, string> };

function need(form: FormData, name: string, message: string, errors: Record<string, string>, max = 10_000): string {
  const value = text(form, name);
  if (!value) errors[name] = message;
  else if (value.length > max) errors[name] = `Must be ${max.toLocaleString("en-GB")} characters or fewer`;
  return value;
}

function optional(form: FormData, name: string, errors: Record<string, string>, max = 10_000): string | null {
  const value = text(form, name);
  if (value.length > max) errors[name] = `Must be ${max.toLocaleString("en-GB")} characters or fewer`;
  return value || null;
}

const checked = (form: FormData, name: string) => all(form, name).length > 0;

export interface ParseContext {
  /** Today in London, "YYYY-MM-DD". */
  today: string;
  /** The signed-in staff member's id. */
  staffId: string;
}

/** Builds the command's payload from its form. */
export function parseCommand(type: CommandType, form: FormData, ctx: ParseContext): ParseResult {
  const errors: Record<string, string> = {};
  let payload: Payload = {};
  switch (type) {
    case "triage": {
      const outcome = text(form, "outcome");
      if (!outcome) errors.outcome = "Choose the outcome of triage";
      else if (outcome === "accept") payload = { outcome };
      else if (outcome === "not-a-complaint") payload = { outcome, agreedWithCustomer: checked(form, "agreedWithCustomer"), note: need(form, "note", "Enter a note on what was agreed", errors) };
      else if (outcome === "excluded") payload = { outcome, reason: need(form, "reason", "Choose why it is excluded", errors), route: need(form, "route", "Enter the right route for the customer", errors) };
      else if (outcome === "out-of-time") payload = { outcome, decision: need(form, "decision", "Choose the decision", errors), reasons: need(form, "reasons", "Enter the reasons", errors) };
      else if (outcome === "wrongly-addressed") payload = { outcome, body: need(form, "body", "Enter the right body", errors), bodyContact: need(form, "bodyContact", "Enter their contact details", errors) };
      else if (outcome === "duplicate") payload = { outcome, ofReference: need(form, "ofReference", "Enter the reference of the other case", errors) };
      else errors.outcome = "Choose the outcome of triage";
      break;
    }
    case "assign":
      payload = { handlerId: need(form, "handlerId", "Choose the investigating officer", errors), ...(text(form, "reason") ? { reason: text(form, "reason") } : {}) };
      break;
    case "notify":
      payload = { party: need(form, "party", "Enter who to notify", errors, 100), reason: need(form, "reason", "Enter why", errors) };
      break;
    case "acknowledge":
      payload = { offerToDiscuss: checked(form, "offerToDiscuss") };
      break;
    case "record-contact": {
      const direction = text(form, "direction");
      if (direction !== "in" && direction !== "out") errors.direction = "Choose who contacted whom";
      payload = { direction, channel: need(form, "channel", "Choose how the contact was made", errors), summary: need(form, "summary", "Enter what was said", errors) };
      break;
    }
    case "request-information": {
      const from = text(form, "from");
      if (from !== "customer" && from !== "service") errors.from = "Choose who the information is from";
      payload = { id: randomUUID(), from, what: need(form, "what", "Enter what information you need", errors), pause: checked(form, "pause") };
      break;
    }
    case "receive-information":
      payload = { id: need(form, "requestId", "Choose the request", errors) };
      break;
    case "pause":
      payload = { reason: need(form, "reason", "Enter why the case is paused", errors) };
      break;
    case "resume":
    case "agree-statement":
    case "acknowledge-feedback":
      payload = {};
      break;
    case "extend": {
      const raw = text(form, "workingDays");
      const workingDays = Number(raw);
      if (!raw) errors.workingDays = "Enter how many working days";
      else if (!/^\d+$/.test(raw) || workingDays < 1 || workingDays > 130) errors.workingDays = "Enter a whole number of working days between 1 and 130";
      const customerToldOn = readDate(form, "customerToldOn", "the date the customer was told", errors, true);
      payload = { workingDays, reason: need(form, "reason", "Enter the reason for the extension", errors), customerToldOn, ombudsmanDetailsGiven: checked(form, "ombudsmanDetailsGiven") };
      break;
    }
    case "agree-response-date":
      payload = { date: readDate(form, "date", "the agreed response date", errors, true) };
      break;
    case "add-participant":
      payload = { role: need(form, "role", "Enter their role", errors, 100), name: need(form, "name", "Enter their name", errors, 200), isCouncilOfficerOrMember: checked(form, "isCouncilOfficerOrMember") };
      break;
    case "holding-response":
      payload = { summary: need(form, "summary", "Enter what you told the customer", errors) };
      break;
    case "respond": {
      const outcome = text(form, "outcome");
      if (!(OUTCOMES as readonly string[]).includes(outcome)) errors.outcome = "Choose the outcome";
      const remedies: Payload[] = [];
      for (const n of [1, 2]) {
        const type = text(form, `remedy${n}Type`);
        if (!type) continue;
        const description = need(form, `remedy${n}Description`, `Enter what remedy ${n} is`, errors);
        const dueOn = readDate(form, `remedy${n}Due`, `the date remedy ${n} is due`, errors, false);
        const owner = text(form, `remedy${n}Owner`) || null;
        const remedy: Payload = { id: randomUUID(), type, description, ownerId: owner, dueOn };
        if (type === "financial") {
          const amount = readMoney(form, `remedy${n}Amount`, errors);
          if (amount === null && !errors[`remedy${n}Amount`]) errors[`remedy${n}Amount`] = `Enter the amount of remedy ${n}`;
          const kind = text(form, `remedy${n}FinancialKind`);
          if (!(FINANCIAL_KINDS as readonly string[]).includes(kind)) errors[`remedy${n}FinancialKind`] = `Choose whether remedy ${n} is a goodwill gesture or compensation`;
          Object.assign(remedy, { amountPence: amount, financialKind: kind, approverId: ctx.staffId });
        }
        remedies.push(remedy);
      }
      const improvement = optional(form, "actionDescription", errors);
      const improvementActions: Payload[] = [];
      if (improvement) {
        const ownerId = need(form, "actionOwner", "Choose the owner of the improvement action", errors);
        const dueOn = readDate(form, "actionDue", "the date the improvement action is due", errors, true);
        improvementActions.push({ id: randomUUID(), description: improvement, ownerId, dueOn });
      }
      payload = {
        outcome,
        reasons: need(form, "reasons", "Enter the reasons for the decision", errors),
        remedies,
        learning: { rootCause: optional(form, "rootCause", errors), lessons: optional(form, "lessons", errors), improvementActions },
        signedBy: text(form, "signedBy") || ctx.staffId,
      };
      break;
    }
    case "complete-remedy":
      payload = { remedyId: need(form, "remedyId", "Choose the remedy", errors) };
      break;
    case "agree-improvement-action":
      payload = {
        actionId: randomUUID(),
        description: need(form, "description", "Enter what will be improved", errors, 2000),
        ownerId: need(form, "ownerId", "Choose the owner of the improvement action", errors),
        dueOn: readDate(form, "dueOn", "the date it is due", errors, true),
      };
      break;
    case "escalate":
      payload = { reason: optional(form, "reason", errors), lateDiscretion: optional(form, "lateDiscretion", errors) };
      break;
    case "refer-back":
      payload = { reason: need(form, "reason", "Enter why it is referred back", errors) };
      break;
    case "withdraw":
      payload = { reason: need(form, "reason", "Enter what the customer said", errors) };
      break;
    case "close":
      payload = { note: optional(form, "note", errors) };
      break;
    case "reopen":
      payload = { reason: need(form, "reason", "Enter why the case is reopened", errors) };
      break;
    case "convert-to-complaint":
      payload = { reason: need(form, "reason", "Enter why it becomes a complaint", errors) };
      break;
    case "ombudsman-enquiry":
      payload = {
        enquiryId: randomUUID(),
        body: need(form, "body", "Choose the body", errors),
        reference: need(form, "reference", "Enter their reference", errors, 100),
        responseDueOn: readDate(form, "responseDueOn", "the date our reply is due", errors, true),
      };
      break;
    case "ombudsman-response":
      payload = { enquiryId: need(form, "enquiryId", "Choose the enquiry", errors), approvedBy: need(form, "approvedBy", "Choose who approved the reply", errors) };
      break;
    case "ombudsman-decision": {
      const remedyDescription = optional(form, "remedyDescription", errors);
      const remedies: Payload[] = [];
      if (remedyDescription) {
        const dueOn = readDate(form, "remedyDue", "the date the remedy is due", errors, true);
        remedies.push({ id: randomUUID(), description: remedyDescription, dueOn, amountPence: readMoney(form, "remedyAmount", errors) });
      }
      payload = {
        enquiryId: need(form, "enquiryId", "Choose the enquiry", errors),
        finding: need(form, "finding", "Choose the finding", errors),
        injustice: checked(form, "injustice"),
        summary: need(form, "summary", "Enter a summary of the decision", errors),
        remedies,
      };
      break;
    }
    case "ombudsman-remedy-complied": {
      const [enquiryId, remedyId] = need(form, "remedy", "Choose the remedy", errors).split("|");
      payload = { enquiryId, remedyId };
      break;
    }
    case "ombudsman-satisfied":
      payload = { enquiryId: need(form, "enquiryId", "Choose the enquiry", errors) };
      break;
    default:
      errors._form = "This action cannot be taken from the portal";
  }
  if (Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, payload };
}
