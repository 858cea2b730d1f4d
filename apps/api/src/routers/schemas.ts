/**
 * Input schemas shared by the case routers: field-level messages in plain English, so a bad
 * input comes back as a 400 that says which field is wrong and why.
 */
import { z } from "zod";
import { CASE_KINDS, CHANNELS, FLAGS, id, isoDate, isoDateTime, name, representativeSchema, slug, text } from "@complaints/core";

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

export const customerInput = z.union([
  z.object({ id }).strict(),
  z
    .object({
      fullName: name("the customer's name", 200),
      title: z.string().trim().max(40).nullish(),
      email: z.email("an email address like name@example.com").max(320).nullish(),
      phone: z
        .string()
        .trim()
        .regex(/^[+0-9 ()-]{6,20}$/, "a phone number (digits, spaces, +)")
        .nullish(),
      address: z.string().trim().max(500).nullish(),
      postcode: z
        .string()
        .trim()
        .regex(/^[A-Za-z]{1,2}\d[A-Za-z\d]?\s*\d[A-Za-z]{2}$/, "a UK postcode like LS1 1UR")
        .nullish(),
      preferredContact: z.enum(["email", "phone", "post", "text"]).nullish(),
      reasonableAdjustments: z.string().trim().max(2000).nullish(),
      largePrint: z.boolean().optional(),
    })
    .strict(),
]);

export const logCaseInput = z.object({
  kind: z.enum(CASE_KINDS),
  channel: z.enum(CHANNELS),
  /** When it arrived (ISO 8601 with offset); now when omitted. */
  receivedAt: isoDateTime("a date and time like 2026-03-02T09:30:00Z").optional(),
  serviceId: slug,
  otherServiceIds: z.array(slug).max(10).optional(),
  description: text("what the complaint is about", 20_000),
  desiredOutcome: z.string().trim().max(5_000).nullish(),
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
