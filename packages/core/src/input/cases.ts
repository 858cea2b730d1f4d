/**
 * What a case is logged with, as staff send it: the API's `cases.log` procedure and the
 * portal's log-a-case form parse with these same schemas (issue 13: one definition), so the
 * messages are written for the form's error summary (GOV.UK style: say what to enter).
 */
import { z } from "zod";
import { representativeSchema } from "../lifecycle/intake.js";
import { CASE_KINDS, CHANNELS, FLAGS } from "../vocabulary/index.js";
import { id, isoDate, isoDateTime, name, slug, text } from "./fields.js";

const POSTCODE = /^[A-Za-z]{1,2}\d[A-Za-z\d]?\s*\d[A-Za-z]{2}$/;
const PHONE = /^[+0-9 ()-]{6,20}$/;

/** A customer already on file (by id), or a new one with their contact details. */
export const customerInput = z.union([
  z.object({ id }).strict(),
  z
    .object({
      fullName: name("the customer's full name", 200),
      title: z.string().trim().max(40, "Keep the title under 40 characters").nullish(),
      email: z.email("Enter an email address in the correct format, like name@example.com").max(320).nullish(),
      phone: z.string().trim().regex(PHONE, "Enter a telephone number, like 01632 960 001 or +44 808 157 0192").nullish(),
      address: z.string().trim().max(500, "Keep the address under 500 characters").nullish(),
      postcode: z.string().trim().regex(POSTCODE, "Enter a full UK postcode, like LS1 1UR").nullish(),
      preferredContact: z.enum(["email", "phone", "post", "text"]).nullish(),
      reasonableAdjustments: z.string().trim().max(2000, "Keep the reasonable adjustments under 2,000 characters").nullish(),
      largePrint: z.boolean().optional(),
    })
    .strict(),
]);

export const logCaseInput = z.object({
  kind: z.enum(CASE_KINDS, "Choose what kind of case it is"),
  channel: z.enum(CHANNELS, "Choose how it came in"),
  /** When it arrived (ISO 8601 with offset); now when omitted. */
  receivedAt: isoDateTime("a date and time like 2026-03-02T09:30:00Z").optional(),
  serviceId: z.string("Choose the service it is about").pipe(slug),
  otherServiceIds: z.array(slug).max(10).optional(),
  description: text("what the complaint is about", 20_000),
  desiredOutcome: z.string().trim().max(5_000, "Keep what the customer wants under 5,000 characters").nullish(),
  category: z.string().trim().max(200).nullish(),
  subCategory: z.string().trim().max(200).nullish(),
  matterArose: isoDate.nullish(),
  priority: z
    .object({ level: z.enum(["high", "normal"]), reason: z.string().trim().max(1000).nullable() })
    .refine((p) => p.level === "normal" || (p.reason !== null && p.reason.length > 0), { message: "Say why the case is high priority", path: ["reason"] })
    .optional(),
  flags: z.array(z.enum(FLAGS)).max(FLAGS.length).optional(),
  aboutStaffIds: z.array(id).max(20).optional(),
  representative: representativeSchema.nullish(),
  /**
   * Fields a service plugin adds (tenancy reference…), checked by the plugin's schema. Never
   * equality monitoring: that is kept apart from the case (`equality.record`, Leeds policy 31).
   */
  intake: z
    .record(z.string(), z.unknown())
    .refine((intake) => !Object.keys(intake).some((k) => /equality/i.test(k)), {
      message: "Equality monitoring is not part of the case: record it with the equality monitoring form (equality.record), which keeps it apart",
    })
    .optional(),
  customer: customerInput.nullable(),
  /** Send the same key when retrying: the first case is returned, no second one is made. */
  idempotencyKey: z.string().min(8, "at least 8 characters").max(200).optional(),
});
