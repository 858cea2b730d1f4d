/**
 * The public's procedures (issue 6, "For the public"): anyone may call them, signed in or not.
 * They reveal a case only to a caller who gives its reference and tracking code, and every
 * call counts towards its client address's limit (429 with when to try again). Reading a case
 * is a mutation, so the tracking code travels in the request body, never in a URL that
 * proxies and browsers keep. The flow is in services/public.ts.
 */
import { z } from "zod";
import { EQUALITY_CHARACTERISTICS } from "@complaints/db";
import { isVisibleName } from "@complaints/core";
import { publicProcedure, router } from "../trpc.js";
import { noAccess, tooManyRequests } from "../errors.js";
import { PublicLimits } from "../public/limits.js";
import { normaliseTrackingCode } from "../public/tracking-codes.js";
import { equalityQuestions, escalate, letterForResident, londonTime, publicServices, PUBLIC_KINDS, recordEquality, secondsUntil, submit, track } from "../services/public.js";
import { id, slug } from "./schemas.js";

/** Every public procedure: one more call from this address, refused past the limit. */
const limited = publicProcedure.use(async ({ ctx, next }) => {
  const verdict = await ctx.deps.publicLimits.requests.hit(PublicLimits.clientKey(ctx.request.ip));
  if (!verdict.ok) {
    throw tooManyRequests("RATE_LIMITED", `There have been too many requests from your network. Try again after ${londonTime(verdict.retryAt)}.`, secondsUntil(ctx, verdict.retryAt));
  }
  return next();
});

/**
 * What changes a case or makes one as the resident: never a signed-in member of staff (issue
 * 20, finding 7). Staff act on cases under their own name, through the case page, where what
 * they do is recorded as theirs and their role decides what they may do.
 */
const residentOnly = limited.use(({ ctx, next }) => {
  if (ctx.principal?.kind === "staff") {
    throw noAccess(
      "You are signed in as a member of staff, so you cannot use the public forms as a resident: staff act on cases from the case page, under their own name. Sign out first to see the form as a resident does.",
    );
  }
  return next();
});

/** Free text from the public: trimmed, required, and never longer than `max` characters. */
const said = (what: string, max: number) => z.string().trim().min(1, `Enter ${what}`).max(max, `${what.charAt(0).toUpperCase()}${what.slice(1)} must be ${max.toLocaleString("en-GB")} characters or fewer`);
const optionalSaid = (what: string, max: number) => z.string().trim().max(max, `${what.charAt(0).toUpperCase()}${what.slice(1)} must be ${max.toLocaleString("en-GB")} characters or fewer`).nullish();

/** The limits of what the public may write, in characters (a page of A4 is about 3,000). */
export const PUBLIC_TEXT_LIMITS = { description: 10_000, desiredOutcome: 3_000, name: 200, address: 500, reason: 4_000 } as const;

export const proof = {
  reference: z
    .string()
    .trim()
    .min(1, "Enter your reference")
    .max(40, "Enter the reference as it is on your confirmation or letter")
    .regex(/^[A-Za-z]{2,6}-\d{4}-\d{1,10}$/, "Enter the reference as it is on your confirmation or letter, like EXB-2026-000123"),
  trackingCode: z
    .string()
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
    fullName: said("your full name", PUBLIC_TEXT_LIMITS.name).refine(isVisibleName, "Enter your full name with at least one letter: it has only invisible characters"),
    email: z.email("Enter an email address in the correct format, like name@example.com").max(320, "Email address must be 320 characters or fewer").nullish(),
    phone: z
      .string()
      .trim()
      .regex(/^[+0-9 ()-]{6,20}$/, "Enter a telephone number, like 01632 960 001 or +44 808 157 0192")
      .nullish(),
    address: optionalSaid("your address", PUBLIC_TEXT_LIMITS.address),
    postcode: z
      .string()
      .trim()
      .regex(/^[A-Za-z]{1,2}\d[A-Za-z\d]?\s*\d[A-Za-z]{2}$/, "Enter a full UK postcode, like AA3 1AB")
      .nullish(),
    preferredContact: z.enum(["email", "phone", "post"], "Select how you would like us to contact you"),
  })
  .strict()
  .superRefine((c, issues) => {
    if (c.preferredContact === "email" && !c.email) issues.addIssue({ code: "custom", path: ["email"], message: "Enter your email address" });
    if (c.preferredContact === "phone" && !c.phone) issues.addIssue({ code: "custom", path: ["phone"], message: "Enter your telephone number" });
    if (c.preferredContact === "post" && !c.address) issues.addIssue({ code: "custom", path: ["address"], message: "Enter your address" });
    if (c.preferredContact === "post" && !c.postcode) issues.addIssue({ code: "custom", path: ["postcode"], message: "Enter your postcode" });
  });

export const submitInput = z
  .object({
    kind: z.enum(PUBLIC_KINDS, "Select whether you want to make a complaint, pay a compliment or make a comment"),
    serviceId: slug,
    description: said("what happened", PUBLIC_TEXT_LIMITS.description),
    desiredOutcome: optionalSaid("what you would like us to do", PUBLIC_TEXT_LIMITS.desiredOutcome),
    customer: publicCustomer.nullable(),
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

const equalityAnswers = z
  .object(Object.fromEntries(EQUALITY_CHARACTERISTICS.map((c) => [c, z.string().max(60).nullish()])) as Record<(typeof EQUALITY_CHARACTERISTICS)[number], z.ZodOptional<z.ZodNullable<z.ZodString>>>)
  .strict();

export const publicRouter = router({
  /** The council, the kinds of case and the services the public may choose from. */
  services: limited.query(({ ctx }) => publicServices(ctx)),

  /** The optional equality monitoring questions (the nine protected characteristics). */
  equalityQuestions: limited.query(() => equalityQuestions()),

  /**
   * Makes a complaint, compliment or comment. Send one idempotency key per submission: sent
   * again, it returns the first case. Answers the reference, the tracking code and what
   * happens next (the dates core set for the case).
   */
  submit: residentOnly.input(submitInput).mutation(({ ctx, input }) => submit(ctx, input)),

  /** The case's progress, for the person with its reference and tracking code. */
  track: limited.input(z.object(proof).strict()).mutation(({ ctx, input }) => track(ctx, input)),

  /** An issued letter that was sent to the resident, as a PDF (base64), with the same proof. */
  letter: limited
    .input(z.object({ ...proof, letterId: id }).strict())
    .mutation(async ({ ctx, input }) => {
      const letter = await letterForResident(ctx, input);
      return { fileName: letter.fileName, sha256: letter.sha256, pdfBase64: Buffer.from(letter.pdf).toString("base64") };
    }),

  /**
   * Asks for the next stage (core's escalate command, as the public). No reason is needed
   * (Housing Ombudsman code 6.12). After the window, where the rules allow discretion, a late
   * request with its reason is recorded for the complaints team instead.
   */
  escalate: residentOnly
    .input(
      z
        .object({
          ...proof,
          expectedVersion: z.number().int("a whole number").min(1).max(2_147_483_647),
          reason: optionalSaid("your reason", PUBLIC_TEXT_LIMITS.reason),
          lateRequest: z.boolean().optional(),
          idempotencyKey,
        })
        .strict(),
    )
    .mutation(({ ctx, input }) => escalate(ctx, input)),

  /** The optional equality monitoring form: consent first, any question may be declined. */
  equality: residentOnly
    .input(
      z
        .object({
          ...proof,
          consent: z.literal(true, "Select yes if you agree to us keeping your answers"),
          answers: equalityAnswers,
        })
        .strict(),
    )
    .mutation(({ ctx, input }) => recordEquality(ctx, input)),
});
