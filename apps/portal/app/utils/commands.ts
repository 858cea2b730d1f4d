/**
 * The form of each lifecycle command: its questions, in GOV.UK question style. One definition
 * per command drives the action page (`/cases/:ref/:command`); core's payload schema for the
 * command parses what it sends (commands.server.ts), so a form says only where it differs
 * from the payload (`payload`). Client-safe: no zod; of core, only its zod-free vocabulary.
 */
import type { CommandType } from "@complaints/core";
import { CLAIM_BASES, CLAIM_BASIS_LABELS, FINANCIAL_KINDS, FINANCIAL_KIND_LABELS, OUTCOMES, OUTCOME_LABELS, REMEDY_TYPES, REMEDY_TYPE_LABELS, REPRESENTATIVE_ROLES, REPRESENTATIVE_ROLE_LABELS } from "@complaints/core/vocabulary";

export type OptionSource =
  | "staff"
  | "channels"
  | "open-information-requests"
  | "open-remedies"
  | "ombudsman-enquiries"
  | "ombudsman-remedies"
  | "next-bodies"
  | "exclusion-reasons"
  | "ombudsman-findings"
  | "approvals-to-decide"
  | "services"
  | "flags"
  | "case-flags"
  /** Everyone who may take the case, with their caseload (the API's cases.assignees). */
  | "assignees"
  /** Later stages the regime lets triage open directly (decision 0108). */
  | "triage-stages";

export type FieldDef =
  | { kind: "text"; name: string; label: string; hint?: string; width?: "10" | "20" | "30" | "one-half" | "two-thirds" }
  | { kind: "number"; name: string; label: string; hint?: string; suffix?: string }
  | { kind: "money"; name: string; label: string; hint?: string }
  | { kind: "textarea"; name: string; label: string; hint?: string; rows?: number }
  | { kind: "checkbox"; name: string; label: string; hint?: string }
  /** `what` it asks for, in messages: "Enter the date the customer was told". */
  | { kind: "date"; name: string; legend: string; what: string; hint?: string }
  | { kind: "select"; name: string; label: string; hint?: string; source: OptionSource; placeholder?: string; hideWhenEmpty?: boolean }
  | {
      kind: "radios";
      name: string;
      legend: string;
      hint?: string;
      inline?: boolean;
      options: Array<{ value: string; text: string; hint?: string; fields?: FieldDef[] }>;
    }
  | { kind: "heading"; text: string; hint?: string };

/** What the action fills in itself: the signed-in officer, and new ids for what a command adds. */
export interface FormActor {
  staffId: string;
  newId: () => string;
}

/** Where a form's answers are not its command's payload as they stand. */
export interface PayloadMapping {
  /** Form field → its path in the payload ("remedy1Type" → "remedies[0].type"). */
  fields?: Record<string, string>;
  /** What the action puts in rather than the user types, by path. */
  values?: Record<string, unknown>;
  /** Answers this form insists on though the payload may go without, with the message when blank. */
  required?: Record<string, string>;
}

export interface CommandForm {
  title: string;
  /** Plain words on what happens. */
  intro?: string;
  fields: FieldDef[];
  button: string;
  /** A warning shown above the button (irreversible or customer-facing steps). */
  warning?: string;
  /** A second way to send the same answers (asking for approval first; decision 0324): a secondary button. */
  alternative?: { intent: string; button: string; hint: string };
  /** The form's own mapping to the payload, from its answers (a date input's answer is its parts). */
  payload?: (answer: (name: string) => string, me: FormActor) => PayloadMapping;
}

const REMEDY_PARTS = { Type: "type", Description: "description", Owner: "ownerId", Due: "dueOn", Amount: "amountPence", FinancialKind: "financialKind" };

/**
 * A response's remedies are rows of the form (remedy1…, remedy2…): a row with a type is a
 * remedy, with a new id, no owner or date when left blank, and the officer as the approver of
 * a payment, whose amount and kind this form asks for. The improvement action likewise.
 */
function responsePayload(answer: (name: string) => string, me: FormActor): PayloadMapping {
  const fields: Record<string, string> = { rootCause: "learning.rootCause", lessons: "learning.lessons" };
  const values: Record<string, unknown> = { signedBy: answer("signedBy") || me.staffId };
  const required: Record<string, string> = {};
  [1, 2]
    .filter((n) => answer(`remedy${n}Type`) && answer(`remedy${n}Type`) !== NO_REMEDY)
    .forEach((n, i) => {
      const at = `remedies[${i}]`;
      for (const [part, key] of Object.entries(REMEDY_PARTS)) fields[`remedy${n}${part}`] = `${at}.${key}`;
      values[`${at}.id`] = me.newId();
      if (!answer(`remedy${n}Owner`)) values[`${at}.ownerId`] = null;
      if (!answer(`remedy${n}Due`)) values[`${at}.dueOn`] = null;
      if (answer(`remedy${n}Type`) === "financial") {
        values[`${at}.approverId`] = me.staffId;
        required[`remedy${n}Amount`] = `Enter the amount of remedy ${n}`;
        required[`remedy${n}FinancialKind`] = `Choose whether remedy ${n} is a goodwill gesture or compensation`;
      }
    });
  if (answer("actionDescription")) {
    const at = "learning.improvementActions[0]";
    Object.assign(fields, { actionDescription: `${at}.description`, actionOwner: `${at}.ownerId`, actionDue: `${at}.dueOn` });
    values[`${at}.id`] = me.newId();
  }
  return { fields, values, required };
}

const outcomeOptions = OUTCOMES.map((value) => ({ value, text: OUTCOME_LABELS[value] }));

/** The "no remedy" answer of a remedy's type (a radio cannot be unticked). */
const NO_REMEDY = "none";

/**
 * A remedy's questions. The payment's amount and kind show only when the remedy is financial
 * (GOV.UK radios with conditional questions, revealed under their option when it is chosen, by
 * CSS with or without JavaScript: app/styles/govuk.scss).
 */
function remedyFields(n: number): FieldDef[] {
  const payment: FieldDef[] = [
    { kind: "money", name: `remedy${n}Amount`, label: "Amount", hint: "In pounds, for example 75.00. Above your delegated limit, ask for approval: the response waits until it is approved." },
    {
      kind: "radios",
      name: `remedy${n}FinancialKind`,
      legend: "Kind of payment",
      inline: true,
      options: FINANCIAL_KINDS.map((value) => ({ value, text: FINANCIAL_KIND_LABELS[value] })),
    },
  ];
  return [
    { kind: "heading", text: `Remedy ${n}`, hint: n === 1 ? "Leave it as no remedy if there is none." : "Optional." },
    {
      kind: "radios",
      name: `remedy${n}Type`,
      legend: "Type of remedy",
      options: [{ value: NO_REMEDY, text: "No remedy" }, ...REMEDY_TYPES.map((value) => ({ value, text: REMEDY_TYPE_LABELS[value], ...(value === "financial" ? { fields: payment } : {}) }))],
    },
    { kind: "textarea", name: `remedy${n}Description`, label: "What will be done", rows: 2 },
    { kind: "select", name: `remedy${n}Owner`, label: "Who will do it", source: "staff", placeholder: "Choose a person" },
    { kind: "date", name: `remedy${n}Due`, legend: "By when", what: `the date remedy ${n} is due` },
  ];
}

export const COMMAND_FORMS: Partial<Record<CommandType, CommandForm>> = {
  triage: {
    title: "Triage the case",
    intro: "Decide whether this is a complaint we will investigate. Every other outcome sends the customer a letter saying why and what they can do.",
    button: "Record the triage decision",
    fields: [
      {
        kind: "radios",
        name: "outcome",
        legend: "What is the outcome?",
        options: [
          {
            value: "accept",
            text: "Accept it as a complaint",
            hint: "It goes to the first stage.",
            // Only where the rules let triage open a later stage (SPSO: a complex complaint to Stage 2).
            fields: [
              { kind: "select", name: "stageId", label: "Open a later stage instead", hint: "Only for a complaint the procedure sends straight there.", source: "triage-stages", placeholder: "No, the first stage", hideWhenEmpty: true },
            ],
          },
          {
            value: "not-a-complaint",
            text: "Not a complaint (a service request)",
            fields: [
              { kind: "checkbox", name: "agreedWithCustomer", label: "The customer agreed it is a service request" },
              { kind: "textarea", name: "note", label: "Note", rows: 3 },
            ],
          },
          {
            value: "excluded",
            text: "Excluded from the complaints procedure",
            fields: [
              { kind: "select", name: "reason", label: "Why", source: "exclusion-reasons", placeholder: "Choose a reason" },
              { kind: "textarea", name: "route", label: "The right route for the customer", hint: "For example, the appeal and how to make it.", rows: 3 },
            ],
          },
          {
            value: "out-of-time",
            text: "Out of time (more than 12 months after the matter)",
            fields: [
              {
                kind: "radios",
                name: "decision",
                legend: "Decision",
                options: [
                  { value: "refuse", text: "Refuse it as out of time" },
                  { value: "accept-with-discretion", text: "Accept it anyway (discretion)" },
                ],
              },
              { kind: "textarea", name: "reasons", label: "Reasons", rows: 3 },
            ],
          },
          {
            value: "wrongly-addressed",
            text: "Wrongly addressed (another body deals with it)",
            fields: [
              { kind: "text", name: "body", label: "The right body", width: "two-thirds" },
              { kind: "textarea", name: "bodyContact", label: "Their contact details", rows: 3 },
            ],
          },
          {
            value: "duplicate",
            text: "A duplicate of another case",
            fields: [{ kind: "text", name: "ofReference", label: "Reference of the other case", width: "20" }],
          },
        ],
      },
    ],
  },
  assign: {
    title: "Assign the case",
    button: "Assign",
    fields: [
      {
        kind: "select",
        name: "handlerId",
        label: "Who will handle it",
        hint: "Everyone whose role lets them handle cases of this service, with the open cases they handle now.",
        source: "assignees",
        placeholder: "Choose a person",
      },
      { kind: "textarea", name: "reason", label: "Reason (optional)", rows: 2 },
    ],
  },
  notify: {
    title: "Notify someone about the case",
    button: "Notify",
    fields: [
      { kind: "text", name: "party", label: "Who", hint: "For example head-of-service, legal, director, relevant-chief-officer, service:waste, or someone the council names in its settings (chief-officer-legal, head-of-equality). They are told by email.", width: "two-thirds" },
      { kind: "textarea", name: "reason", label: "Why", rows: 3 },
    ],
  },
  acknowledge: {
    title: "Acknowledge the complaint",
    intro: "This records the acknowledgement and sends the acknowledgement letter in the same step (\"What we will send\" below says to whom and how).",
    button: "Acknowledge",
    fields: [{ kind: "checkbox", name: "offerToDiscuss", label: "We offered to discuss the complaint with the customer", hint: "The complaint handling code expects this offer." }],
  },
  "record-contact": {
    title: "Record a contact",
    button: "Record the contact",
    fields: [
      {
        kind: "radios",
        name: "direction",
        legend: "Who contacted whom?",
        inline: true,
        options: [
          { value: "in", text: "The customer contacted us" },
          { value: "out", text: "We contacted the customer" },
        ],
      },
      { kind: "select", name: "channel", label: "How", source: "channels", placeholder: "Choose" },
      { kind: "textarea", name: "summary", label: "What was said", rows: 4 },
    ],
  },
  "request-information": {
    title: "Request information",
    button: "Request the information",
    fields: [
      {
        kind: "radios",
        name: "from",
        legend: "Who from?",
        inline: true,
        options: [
          { value: "customer", text: "The customer" },
          { value: "service", text: "The service" },
        ],
      },
      { kind: "textarea", name: "what", label: "What do you need?", rows: 4 },
      { kind: "checkbox", name: "pause", label: "Pause the deadline until it arrives", hint: "Only when the regime allows waiting for the customer." },
    ],
    payload: (_, me) => ({ values: { id: me.newId() } }),
  },
  "receive-information": {
    title: "Record information received",
    button: "Record as received",
    fields: [{ kind: "select", name: "requestId", label: "Which request", source: "open-information-requests", placeholder: "Choose a request" }],
    payload: () => ({ fields: { requestId: "id" } }),
  },
  pause: {
    title: "Pause the case",
    intro: "While paused, working days do not count towards the deadline.",
    button: "Pause",
    fields: [{ kind: "textarea", name: "reason", label: "Why", rows: 3 }],
  },
  resume: { title: "Resume the case", intro: "Working days count again from today.", button: "Resume", fields: [] },
  extend: {
    title: "Extend the deadline",
    intro: "The customer must be told of the extension, with the reason and the new date. You can check the new date before it is made.",
    button: "Continue",
    fields: [
      { kind: "number", name: "workingDays", label: "How many working days", suffix: "working days" },
      { kind: "textarea", name: "reason", label: "Reason", rows: 3 },
      { kind: "date", name: "customerToldOn", legend: "When was the customer told?", what: "the date the customer was told", hint: "For example, 27 3 2026" },
      { kind: "checkbox", name: "ombudsmanDetailsGiven", label: "We gave the customer the Ombudsman's details" },
    ],
  },
  "agree-statement": { title: "Record the agreed statement of complaint", intro: "The customer has agreed what the complaint is about.", button: "Record", fields: [] },
  "agree-response-date": {
    title: "Agree a response date",
    button: "Record the agreed date",
    fields: [{ kind: "date", name: "date", legend: "Agreed response date", what: "the agreed response date" }],
  },
  "add-participant": {
    title: "Add a participant",
    button: "Add",
    fields: [
      { kind: "text", name: "role", label: "Role", hint: "For example independent-person", width: "two-thirds" },
      { kind: "text", name: "name", label: "Name", width: "two-thirds" },
      { kind: "checkbox", name: "isCouncilOfficerOrMember", label: "They are a council officer or elected member" },
    ],
  },
  "holding-response": {
    title: "Send a holding response",
    button: "Record the holding response",
    fields: [{ kind: "textarea", name: "summary", label: "What we told the customer", rows: 4 }],
  },
  respond: {
    title: "Respond with the outcome",
    intro: "This records the decision and sends the response letter in the same step when it has everything it needs. Explain the decision and its reasons in plain English.",
    button: "Record the response",
    fields: [
      { kind: "radios", name: "outcome", legend: "Outcome", options: outcomeOptions },
      { kind: "textarea", name: "reasons", label: "Reasons for the decision", rows: 6 },
      { kind: "checkbox", name: "ombudsmanLikely", label: "The complainant is likely to go to the Ombudsman", hint: "Where the council's procedure says so, the Head of Service is told, with the reasons, before the response goes." },
      { kind: "select", name: "signedBy", label: "Signed by", hint: "Some regimes require the responsible person to sign.", source: "staff", placeholder: "Me" },
      ...remedyFields(1),
      ...remedyFields(2),
      { kind: "heading", text: "Learning" },
      { kind: "textarea", name: "rootCause", label: "Root cause", rows: 3 },
      { kind: "textarea", name: "lessons", label: "Lessons learned", rows: 3 },
      { kind: "textarea", name: "actionDescription", label: "Improvement action (optional)", rows: 2 },
      { kind: "select", name: "actionOwner", label: "Owner of the improvement action", source: "staff", placeholder: "Choose a person" },
      { kind: "date", name: "actionDue", legend: "Improvement action due by", what: "the date the improvement action is due" },
    ],
    payload: responsePayload,
    alternative: {
      intent: "request-approval",
      button: "Ask for approval",
      hint: "A payment above your delegated limit needs approval by someone with a higher limit. Ask for it: they are told, and the response waits, as you wrote it, until they decide.",
    },
  },
  "agree-improvement-action": {
    title: "Agree an improvement action",
    intro: "A change the service will make so this does not happen again. It joins the lesson of the latest response, goes on the list of improvement actions, and goes to the Head of Service if it falls behind.",
    button: "Agree the action",
    fields: [
      { kind: "textarea", name: "description", label: "What will be improved", rows: 3 },
      { kind: "select", name: "ownerId", label: "Owner", source: "staff", placeholder: "Choose a person" },
      { kind: "date", name: "dueOn", legend: "Due by", what: "the date it is due" },
    ],
    payload: (_, me) => ({ values: { actionId: me.newId() } }),
  },
  "complete-remedy": {
    title: "Record a remedy as done",
    button: "Record as done",
    fields: [{ kind: "select", name: "remedyId", label: "Which remedy", source: "open-remedies", placeholder: "Choose a remedy" }],
  },
  escalate: {
    title: "Escalate to the next stage",
    intro: "The customer does not have to give a reason for escalating.",
    button: "Escalate",
    fields: [
      { kind: "textarea", name: "reason", label: "The customer's reason (optional)", rows: 3 },
      { kind: "textarea", name: "lateDiscretion", label: "If the request is late: why we are accepting it", hint: "Leave blank if it is in time.", rows: 2 },
    ],
  },
  "refer-back": {
    title: "Refer back to the earlier stage",
    button: "Refer back",
    fields: [{ kind: "textarea", name: "reason", label: "Why", rows: 3 }],
  },
  "refer-claim": {
    title: "Refer to Legal Services as a claim",
    intro: "For a complaint that seeks damages or compensation for a loss, or is about a physical injury: Legal Services decide claims, not the complaints procedure. They are told, and the resident gets a letter, in the same step.",
    button: "Refer the claim",
    warning: "The complaint then waits for the claim, or ends, as the council's policy says.",
    fields: [
      { kind: "radios", name: "basis", legend: "What is claimed for", options: CLAIM_BASES.map((value) => ({ value, text: CLAIM_BASIS_LABELS[value] })) },
      { kind: "textarea", name: "details", label: "What is claimed", hint: "The loss or the injury, and any amount, in the resident's words where you can. The letter quotes it.", rows: 3 },
    ],
  },
  "record-not-investigated": {
    title: "Record the complaint as not investigated",
    intro: "Only for an anonymous complaint you judge may be malicious, after consulting the DCRO. The complaint stays on record and in the figures.",
    button: "Record as not investigated",
    warning: "The case will close. It can be reopened by a manager.",
    fields: [{ kind: "textarea", name: "reason", label: "Your reasons", rows: 4 }],
  },
  withdraw: {
    title: "Withdraw the complaint",
    intro: "Only when the customer has asked to withdraw it.",
    button: "Withdraw",
    warning: "The case will close. It can be reopened by a manager.",
    fields: [{ kind: "textarea", name: "reason", label: "What the customer said", rows: 3 }],
  },
  close: {
    title: "Close the case",
    button: "Close the case",
    fields: [{ kind: "textarea", name: "note", label: "Note (optional)", rows: 3 }],
  },
  reopen: {
    title: "Reopen the case",
    button: "Reopen",
    fields: [{ kind: "textarea", name: "reason", label: "Why", rows: 3 }],
  },
  "acknowledge-feedback": { title: "Acknowledge the feedback", intro: "This sends the acknowledgement letter in the same step.", button: "Acknowledge", fields: [] },
  "convert-to-complaint": {
    title: "Convert to a complaint",
    button: "Convert",
    fields: [{ kind: "textarea", name: "reason", label: "Why", rows: 3 }],
  },
  "ombudsman-enquiry": {
    title: "Record an Ombudsman enquiry",
    button: "Record the enquiry",
    fields: [
      { kind: "select", name: "body", label: "Which body", source: "next-bodies", placeholder: "Choose" },
      { kind: "text", name: "reference", label: "Their reference", width: "20" },
      { kind: "date", name: "responseDueOn", legend: "Our reply is due by", what: "the date our reply is due" },
    ],
    payload: (_, me) => ({ values: { enquiryId: me.newId() } }),
  },
  "ombudsman-response": {
    title: "Record the reply to the Ombudsman",
    intro: "The reply is recorded once a Head of Service has approved it.",
    button: "Record the reply",
    fields: [{ kind: "select", name: "enquiryId", label: "Which enquiry", source: "ombudsman-enquiries", placeholder: "Choose" }],
    alternative: {
      intent: "request-approval",
      button: "Ask a Head of Service to approve the reply",
      hint: "The Head of Service reviews the reply before it goes (Southwark procedure: Ombudsman enquiries). They are told, and decide from their approvals list.",
    },
  },
  "ombudsman-decision": {
    title: "Record the Ombudsman's decision",
    button: "Record the decision",
    fields: [
      { kind: "select", name: "enquiryId", label: "Which enquiry", source: "ombudsman-enquiries", placeholder: "Choose" },
      { kind: "select", name: "finding", label: "Finding", source: "ombudsman-findings", placeholder: "Choose" },
      { kind: "checkbox", name: "injustice", label: "The Ombudsman found injustice" },
      { kind: "textarea", name: "summary", label: "Summary of the decision", rows: 4 },
      { kind: "textarea", name: "remedyDescription", label: "Remedy the Ombudsman asked for (optional)", rows: 2 },
      { kind: "date", name: "remedyDue", legend: "Remedy due by", what: "the date the remedy is due" },
      { kind: "money", name: "remedyAmount", label: "Amount (if a payment)" },
    ],
    // The one remedy the form offers, when it is described.
    payload: (answer, me) =>
      answer("remedyDescription")
        ? { fields: { remedyDescription: "remedies[0].description", remedyDue: "remedies[0].dueOn", remedyAmount: "remedies[0].amountPence" }, values: { "remedies[0].id": me.newId() } }
        : {},
  },
  "ombudsman-remedy-complied": {
    title: "Record an Ombudsman remedy as done",
    button: "Record as done",
    fields: [{ kind: "select", name: "remedy", label: "Which remedy", source: "ombudsman-remedies", placeholder: "Choose" }],
    // Each option is "enquiry|remedy" (an Ombudsman remedy is known by both).
    payload: (answer) => {
      const [enquiryId, remedyId] = answer("remedy").split("|");
      return { fields: { remedy: "remedyId" }, values: answer("remedy") ? { enquiryId, remedyId } : {} };
    },
  },
  "decide-approval": {
    title: "Approve or refuse",
    intro: "Approve what was proposed, or refuse it with a reason the officer will see.",
    button: "Record the decision",
    fields: [
      { kind: "select", name: "approvalId", label: "Which request", source: "approvals-to-decide", placeholder: "Choose a request" },
      {
        kind: "radios",
        name: "decision",
        legend: "Your decision",
        options: [
          { value: "approve", text: "Approve it" },
          { value: "refuse", text: "Refuse it", fields: [{ kind: "textarea", name: "reason", label: "Why (the officer will see this)", rows: 3 }] },
        ],
      },
    ],
  },
  "ombudsman-satisfied": {
    title: "Record the Ombudsman's letter of satisfaction",
    button: "Record",
    fields: [{ kind: "select", name: "enquiryId", label: "Which enquiry", source: "ombudsman-enquiries", placeholder: "Choose" }],
  },
  transfer: {
    title: "Transfer to another service",
    intro:
      "For a case logged against the wrong service. The new service's rules set its dates from now on, counted from the same dates as before. If it moves to another directorate, its officer stops handling it and is told, and that directorate's complaints officer assigns it.",
    button: "Transfer the case",
    fields: [
      { kind: "select", name: "serviceId", label: "Service to transfer it to", source: "services", placeholder: "Choose a service" },
      { kind: "textarea", name: "reason", label: "Why it is transferred", hint: "Staff see this beside the new due dates.", rows: 3 },
    ],
  },
  recategorise: {
    title: "Change category, priority or flags",
    intro: "Change only what is wrong; what you leave as it is stays.",
    button: "Save the changes",
    fields: [
      { kind: "text", name: "category", label: "Category", width: "two-thirds" },
      { kind: "text", name: "subCategory", label: "Sub-category", width: "two-thirds" },
      {
        kind: "radios",
        name: "priority",
        legend: "Priority",
        options: [
          { value: "normal", text: "Normal" },
          { value: "high", text: "High", fields: [{ kind: "textarea", name: "priorityReason", label: "Why it is high priority", hint: "For example, a risk to health or safety.", rows: 2 }] },
        ],
      },
      { kind: "select", name: "addFlag", label: "Add a flag", hint: "A flag about staff, discrimination, harassment or safeguarding restricts who can see the case at once.", source: "flags", placeholder: "No flag to add" },
      { kind: "select", name: "removeFlag", label: "Take off a flag", source: "case-flags", placeholder: "No flag to take off" },
      { kind: "textarea", name: "reason", label: "Why (needed when taking off a flag that restricts who can see the case)", rows: 2 },
    ],
    payload: (answer) => ({
      fields: { addFlag: "addFlags[0]", removeFlag: "removeFlags[0]" },
      // A reason left in the box while the priority goes back to normal is not sent.
      values: answer("priority") === "high" ? {} : { priorityReason: undefined },
    }),
  },
  "edit-details": {
    title: "Correct the details",
    intro: "The case's history keeps what was there before. To change an address, email or phone number, use the contact details instead.",
    button: "Save the corrections",
    fields: [
      { kind: "textarea", name: "description", label: "What the complaint is about", rows: 5 },
      { kind: "textarea", name: "desiredOutcome", label: "What the customer wants to happen", rows: 3 },
      { kind: "text", name: "customerName", label: "Customer's full name", width: "two-thirds" },
      { kind: "heading", text: "Representative", hint: "Leave the name blank if nobody acts for the customer." },
      { kind: "text", name: "representativeName", label: "Representative's full name", width: "two-thirds" },
      {
        kind: "radios",
        name: "representativeRole",
        legend: "Who they are",
        options: REPRESENTATIVE_ROLES.map((value) => ({ value, text: REPRESENTATIVE_ROLE_LABELS[value] })),
      },
      {
        kind: "radios",
        name: "consentBasis",
        legend: "The customer's consent for them to act",
        options: [
          { value: "written", text: "Given in writing" },
          { value: "verbal", text: "Given by phone or in person" },
          { value: "elected-member", text: "None needed: an MP, councillor or mayor" },
        ],
      },
      { kind: "date", name: "consentRecordedOn", legend: "Date consent was recorded", what: "the date consent was recorded" },
      {
        kind: "radios",
        name: "replyTo",
        legend: "Who we reply to",
        inline: true,
        options: [
          { value: "representative", text: "The representative" },
          { value: "customer", text: "The customer" },
        ],
      },
    ],
    payload: (answer) =>
      answer("representativeName")
        ? {
            fields: {
              representativeName: "representative.name",
              representativeRole: "representative.role",
              consentBasis: "representative.consent.basis",
              consentRecordedOn: "representative.consent.recordedOn",
              replyTo: "representative.replyTo",
            },
            // The schema names a missing role or consent basis; a consent with no date, this.
            required: { consentRecordedOn: "Enter the date consent was recorded" },
          }
        : {},
  },
};

/** The names of every field a form has (for putting typed values back). */
export function fieldNames(fields: readonly FieldDef[]): string[] {
  const out: string[] = [];
  for (const f of fields) {
    if (f.kind === "heading") continue;
    out.push(f.name);
    if (f.kind === "radios") for (const o of f.options) out.push(...fieldNames(o.fields ?? []));
  }
  return out;
}
