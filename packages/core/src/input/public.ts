/**
 * What the public send (issue 6, "For the public"): the API's public procedures and the
 * portal's complaint, tracking and escalation forms parse with these same schemas (issue 13),
 * so the messages are the GOV.UK ones the resident reads next to the question.
 */
import { z } from "zod";
import { isUkMobile } from "../correspondence/channels.js";
import { isVisibleName } from "../lifecycle/names.js";
import { slug } from "./fields.js";
import { RESIDENT_LANGUAGES } from "../vocabulary/satisfaction.js";

/** What the public may send online: complaints, compliments and comments. */
export const PUBLIC_KINDS = ["complaint", "compliment", "comment"] as const;
export type PublicKind = (typeof PUBLIC_KINDS)[number];

/** The limits of what the public may write, in characters (a page of A4 is about 3,000). */
export const PUBLIC_TEXT_LIMITS = { description: 10_000, desiredOutcome: 3_000, name: 200, address: 500, reason: 4_000 } as const;

/** A NUL or half a surrogate pair: PostgreSQL cannot store it, and it is usually a bad paste. */
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Free text from the public, trimmed, at most `max` characters; `label` starts the messages ("What happened"). */
const said = (label: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, `${label} must be ${max.toLocaleString("en-GB")} characters or fewer`)
    .refine((v) => !UNSTORABLE.test(v), `${label} has a hidden character that cannot be saved (often from pasting): retype the last thing you pasted`);
/** An answer the resident must give: "Enter …" when it is missing. */
const required = (missing: string, label: string, max: number) => z.string(missing).trim().min(1, missing).pipe(said(label, max));

/**
 * A typed-in tracking code in canonical form (12 upper-case Crockford characters), or null
 * when it cannot be one (docs/decisions/0503-public-tracking-codes.md). Crockford's decoding
 * rules: any case, O reads as 0, I and L as 1, and spaces and hyphens are ignored.
 */
export function normaliseTrackingCode(input: string): string | null {
  const compact = input
    .toUpperCase()
    .replace(/[\s-]/g, "")
    .replace(/O/g, "0")
    .replace(/[IL]/g, "1");
  return /^[0-9A-HJKMNP-TV-Z]{12}$/.test(compact) ? compact : null;
}

/** The reference and tracking code that prove the resident is the one who made the complaint. */
export const proof = {
  reference: z
    .string("Enter your reference")
    .trim()
    .min(1, "Enter your reference")
    .max(40, "Enter the reference as it is on your confirmation or letter")
    .regex(/^[A-Za-z]{2,6}-\d{4}-\d{1,10}$/, "Enter the reference as it is on your confirmation or letter, like EXB-2026-000123"),
  trackingCode: z
    .string("Enter your tracking code")
    .trim()
    .min(1, "Enter your tracking code")
    .max(40, "Enter the tracking code as it is on your confirmation or letter")
    .refine((code) => normaliseTrackingCode(code) !== null, "Enter the tracking code as it is on your confirmation or letter: 12 letters and numbers, like 7KQ2-M9XD-4RTA"),
};

// Sent by the form, not typed by the resident: the messages are for whoever wrote the client.
const KEY_NEEDED = "Send an idempotency key of 8 to 200 characters, the same one each time this submission is retried";
const idempotencyKey = z.string(KEY_NEEDED).min(8, KEY_NEEDED).max(200, KEY_NEEDED);

export const publicCustomer = z
  .object({
    fullName: required("Enter your full name", "Your name", PUBLIC_TEXT_LIMITS.name).refine(isVisibleName, "Enter your full name with at least one letter: it has only invisible characters"),
    email: z.email("Enter an email address in the correct format, like name@example.com").max(320, "Email address must be 320 characters or fewer").nullish(),
    phone: z
      .string()
      .trim()
      .regex(/^[+0-9 ()-]{6,20}$/, "Enter a telephone number, like 01632 960 001 or +44 808 157 0192")
      .nullish(),
    address: said("Your address", PUBLIC_TEXT_LIMITS.address).nullish(),
    postcode: z
      .string()
      .trim()
      .regex(/^[A-Za-z]{1,2}\d[A-Za-z\d]?\s*\d[A-Za-z]{2}$/, "Enter a full UK postcode, like AA3 1AB")
      .nullish(),
    /** "How should we contact you?": email, post or both (docs/decisions/0320-resident-channels-and-receipts.md). */
    preferredContact: z.enum(["email", "post", "both"], "Select how you would like us to contact you"),
    /** Short text-message updates (receipts, "we have written to you") to `phone`, a UK mobile. */
    textUpdates: z.boolean().optional(),
  })
  .strict()
  .superRefine((c, issues) => {
    const email = c.preferredContact === "email" || c.preferredContact === "both";
    const post = c.preferredContact === "post" || c.preferredContact === "both";
    if (email && !c.email) issues.addIssue({ code: "custom", path: ["email"], message: "Enter your email address" });
    if (post && !c.address) issues.addIssue({ code: "custom", path: ["address"], message: "Enter your address" });
    if (post && !c.postcode) issues.addIssue({ code: "custom", path: ["postcode"], message: "Enter your postcode" });
    if (c.textUpdates && !c.phone) issues.addIssue({ code: "custom", path: ["phone"], message: "Enter your mobile phone number to get text updates" });
    else if (c.textUpdates && !isUkMobile(c.phone)) issues.addIssue({ code: "custom", path: ["phone"], message: "Enter a UK mobile number, like 07700 900 982, to get text updates" });
  });

/** A complaint, compliment or comment from the public form. */
export const submitInput = z
  .object({
    kind: z.enum(PUBLIC_KINDS, "Select whether you want to make a complaint, pay a compliment or make a comment"),
    serviceId: z.string("Select the service it is about").pipe(slug),
    description: required("Enter what happened", "What happened", PUBLIC_TEXT_LIMITS.description),
    desiredOutcome: said("What you would like us to do", PUBLIC_TEXT_LIMITS.desiredOutcome).nullish(),
    customer: publicCustomer.nullable(),
    /** The language the resident used the form in: their correspondence follows it where the council offers Welsh (decision 0517). */
    language: z.enum(RESIDENT_LANGUAGES).optional(),
    idempotencyKey,
  })
  .strict()
  .superRefine((s, issues) => {
    // We need someone to answer: an anonymous complaint could never get its response or
    // go to Stage 2, which only the complainant may ask for (docs/decisions/0502-public-forms.md).
    if (s.kind === "complaint" && s.customer === null) {
      issues.addIssue({ code: "custom", path: ["customer"], message: "Tell us your name and how to contact you: we need them to answer your complaint" });
    }
  });

/** The resident asks for the next stage; no reason is needed (Housing Ombudsman code 6.12). */
export const escalateInput = z
  .object({
    ...proof,
    expectedVersion: z.number().int("a whole number").min(1).max(2_147_483_647),
    reason: said("Your reason", PUBLIC_TEXT_LIMITS.reason).nullish(),
    lateRequest: z.boolean().optional(),
    /** The language of the page the resident asked on: kept on the customer, as the complaint form's is (decision 0517). */
    language: z.enum(RESIDENT_LANGUAGES).optional(),
    idempotencyKey,
  })
  .strict();

export const trackInput = z.object(proof).strict();
