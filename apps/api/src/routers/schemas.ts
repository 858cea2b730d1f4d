/**
 * Input schemas shared by the case routers: field-level messages in plain English, so a bad
 * input comes back as a 400 that says which field is wrong and why.
 */
import { z } from "zod";
import { CHANNELS, id, isoDate, isoDateTime, name, slug, text } from "@complaints/core";

export { FIRST_DATE, LAST_DATE, id, isoDate, isoDateTime, name, slug, text } from "@complaints/core";

export const caseRef = z.object({
  caseId: id,
  /** The version the client last saw; a newer one on the server is a 409 conflict. */
  expectedVersion: z.number().int("a whole number").min(1, "the case version (from the case detail)").max(2_147_483_647),
});

/**
 * A lifecycle command's reference: the case and version, and the form's own idempotency key
 * (one per form shown), so that the same form sent twice is done once (issue 20).
 */
export const commandRef = caseRef.extend({
  idempotencyKey: z.string().min(8, "at least 8 characters").max(200).optional(),
});

/** What a case is logged with: core's, shared with the portal's form (issue 13). */
export { customerInput, logCaseInput } from "@complaints/core";

const on = { on: isoDate.optional() };
const remedyInput = z.object({
  id: z.string().min(1).max(60),
  type: z.enum(["apology", "explanation", "action", "record-corrected", "decision-reconsidered", "financial", "service-improvement"]),
  description: text("the remedy", 2000),
  ownerId: id.nullable(),
  dueOn: isoDate.nullable(),
  amountPence: z.number().int().positive().max(100_000_000, "at most £1,000,000").optional(),
  financialKind: z.enum(["goodwill-gesture", "compensation"]).optional(),
  approverId: id.optional(),
  physicalInjury: z.boolean().optional(),
});

const triageOutcome = z.discriminatedUnion("outcome", [
  z.object({ outcome: z.literal("accept") }),
  z.object({ outcome: z.literal("not-a-complaint"), agreedWithCustomer: z.boolean(), note: text("a note", 2000) }),
  z.object({
    outcome: z.literal("excluded"),
    reason: z.enum(["legal-proceedings", "employment", "elected-member-conduct", "right-of-appeal", "already-considered", "insurance-claim", "other"]),
    route: text("the right route for the customer", 2000),
  }),
  z.object({ outcome: z.literal("out-of-time"), decision: z.enum(["refuse", "accept-with-discretion"]), reasons: text("the reasons", 4000) }),
  z.object({ outcome: z.literal("wrongly-addressed"), body: text("the organisation", 300), bodyContact: z.string().trim().max(1000) }),
  z.object({ outcome: z.literal("duplicate"), ofCaseId: id, ofReference: text("the reference", 40) }),
]);

/** The payload of each lifecycle command: core's command without `type` and `by`. */
export const commandPayloads = {
  triage: triageOutcome.and(z.object(on)),
  assign: z.object({ handlerId: id, reason: z.string().trim().max(1000).optional(), ...on }),
  notify: z.object({ party: text("who was told", 200), reason: text("why", 2000), ...on }),
  acknowledge: z.object({ offerToDiscuss: z.boolean().optional(), ...on }),
  "record-contact": z.object({ direction: z.enum(["in", "out"]), channel: z.enum(CHANNELS), summary: text("a summary of the contact", 4000), ...on }),
  "request-information": z.object({ id: z.string().min(1).max(60), from: z.enum(["customer", "service"]), what: text("what is needed", 2000), pause: z.boolean().optional(), ...on }),
  "receive-information": z.object({ id: z.string().min(1).max(60), ...on }),
  pause: z.object({ reason: text("why the clock stops", 1000), ...on }),
  resume: z.object({ ...on }),
  extend: z.object({
    workingDays: z.number().int("a whole number of working days").positive("more than 0").max(100),
    reason: text("the reason for the extension", 2000),
    customerToldOn: isoDate.optional(),
    ombudsmanDetailsGiven: z.boolean(),
    ...on,
  }),
  "agree-statement": z.object({ ...on }),
  "agree-response-date": z.object({ date: isoDate, ...on }),
  "add-participant": z.object({ role: text("the role", 100), name: name("the name", 200), participantId: z.string().max(60).nullish(), isCouncilOfficerOrMember: z.boolean().optional(), ...on }),
  "record-milestone": z.object({ milestoneId: z.string().min(1).max(60), ...on }),
  "holding-response": z.object({ summary: text("what the customer was told", 4000), ...on }),
  respond: z.object({
    outcome: z.enum(["upheld", "partly-upheld", "not-upheld"]),
    reasons: text("the reasons for the decision", 20_000),
    remedies: z.array(remedyInput).max(20).optional(),
    outstandingActions: z.array(z.string().trim().min(1).max(1000)).max(20).optional(),
    learning: z
      .object({
        rootCause: z.string().trim().max(2000).nullable().optional(),
        lessons: z.string().trim().max(4000).nullable().optional(),
        improvementActions: z.array(z.object({ id: z.string().min(1).max(60), description: text("the action", 2000), ownerId: id, dueOn: isoDate })).max(20).optional(),
      })
      .optional(),
    signedBy: z.string().max(200).nullish(),
    ...on,
  }),
  "complete-remedy": z.object({ remedyId: z.string().min(1).max(60), ...on }),
  "agree-improvement-action": z.object({
    stageSequence: z.number().int("a whole number").min(1).max(100).optional(),
    actionId: z.string().regex(/^[a-z0-9][a-z0-9-]{0,59}$/, "lower-case letters, digits and hyphens (at most 60)"),
    description: text("what will be improved", 2000),
    ownerId: id,
    dueOn: isoDate,
    ...on,
  }),
  escalate: z.object({
    requestedAt: isoDateTime("a date and time like 2026-03-02T09:30:00Z").optional(),
    reason: z.string().trim().max(4000).nullish(),
    lateDiscretion: z.string().trim().max(4000).nullish(),
    ...on,
  }),
  "refer-back": z.object({ reason: text("why it goes back", 4000), ...on }),
  withdraw: z.object({ reason: text("why it was withdrawn", 2000), ...on }),
  close: z.object({ note: z.string().trim().max(2000).nullish(), ...on }),
  reopen: z.object({ reason: text("why it is reopened", 2000), ...on }),
  "acknowledge-feedback": z.object({ ...on }),
  "convert-to-complaint": z.object({ reason: text("why the customer is dissatisfied", 2000), ...on }),
  "ombudsman-enquiry": z.object({ enquiryId: z.string().min(1).max(60), body: slug, reference: text("the Ombudsman's reference", 60), responseDueOn: isoDate, ...on }),
  "ombudsman-response": z.object({ enquiryId: z.string().min(1).max(60), approvedBy: text("who approved the response", 200), ...on }),
  "ombudsman-decision": z.object({
    enquiryId: z.string().min(1).max(60),
    finding: z.enum([
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
    ]),
    injustice: z.boolean(),
    summary: text("a summary of the decision", 4000),
    remedies: z.array(z.object({ id: z.string().min(1).max(60), description: text("the remedy", 2000), dueOn: isoDate, amountPence: z.number().int().nonnegative().max(100_000_000, "at most £1,000,000").nullish() })).max(20).optional(),
    ...on,
  }),
  "ombudsman-remedy-complied": z.object({ enquiryId: z.string().min(1).max(60), remedyId: z.string().min(1).max(60), ...on }),
  "ombudsman-satisfied": z.object({ enquiryId: z.string().min(1).max(60), ...on }),
  "recalculate-deadlines": z.object({ reason: text("why the deadlines are recalculated", 1000), ...on }),
} as const;

export type CommandPayloadSchemas = typeof commandPayloads;
