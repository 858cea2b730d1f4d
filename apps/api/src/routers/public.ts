/**
 * The public's procedures (issue 6, "For the public"): anyone may call them, signed in or not.
 * They reveal a case only to a caller who gives its reference and tracking code, and every
 * call counts towards its client address's limit (429 with when to try again). Reading a case
 * is a mutation, so the tracking code travels in the request body, never in a URL that
 * proxies and browsers keep. The flow is in services/public.ts.
 */
import { z } from "zod";
import { EQUALITY_CHARACTERISTICS } from "@complaints/db";
import { escalateInput, proof, RESIDENT_LANGUAGES, satisfactionInput, submitInput, surveyToken, trackInput } from "@complaints/core";
import { publicProcedure, router } from "../trpc.js";
import { noAccess, tooManyRequests } from "../errors.js";
import { PublicLimits } from "../public/limits.js";
import { equalityQuestions, escalate, letterForResident, londonTime, publicServices, recordEquality, secondsUntil, submit, track } from "../services/public.js";
import { answerSurvey, openSurvey } from "../services/satisfaction.js";
import { readDraft, saveDraft } from "../services/public-drafts.js";
import { accessibilityStatement, howWeHandleComplaints, privacyNotice } from "../services/public-information.js";
import { id } from "./schemas.js";

/**
 * Every public procedure: one more call from this address, refused past the limit; then the
 * council the request is for (hosting.ts), so a server with none answers every form alike
 * (NOT_SET_UP, 503), even the ones that do not read the council.
 */
const limited = publicProcedure.use(async ({ ctx, next }) => {
  const verdict = await ctx.deps.publicLimits.requests.hit(PublicLimits.clientKey(ctx.request.ip));
  if (!verdict.ok) {
    throw tooManyRequests("RATE_LIMITED", `There have been too many requests from your network. Try again after ${londonTime(verdict.retryAt)}.`, secondsUntil(ctx, verdict.retryAt));
  }
  await ctx.council();
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

/** A draft's token: 32 random bytes in base64url (services/public-drafts.ts). */
const draftToken = z.string().regex(/^[A-Za-z0-9_-]{43}$/, "The form's answers could not be found: start again");
/**
 * The form's answers as typed, checked only for size and for what PostgreSQL cannot store (a
 * NUL, half a surrogate pair: as core's input/public.ts refuses them): the form checks each
 * page, submit checks them all.
 */
const draftAnswers = z
  .record(
    z.string().regex(/^[A-Za-z][A-Za-z0-9]{0,39}$/),
    z
      .string()
      .max(20_000)
      .refine((v) => !/\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(v), "An answer has a hidden character that cannot be saved (often from pasting): retype the last thing you pasted"),
  )
  .refine((answers) => Object.keys(answers).length <= 40, "The form has too many answers");

const equalityAnswers = z
  .object(Object.fromEntries(EQUALITY_CHARACTERISTICS.map((c) => [c, z.string().max(60).nullish()])) as Record<(typeof EQUALITY_CHARACTERISTICS)[number], z.ZodOptional<z.ZodNullable<z.ZodString>>>)
  .strict();

export const publicRouter = router({
  /** The council, the kinds of case and the services the public may choose from. */
  services: limited.query(({ ctx }) => publicServices(ctx)),

  /** The pages every public-sector site must have, made from the council's profile and rules (decision 0515). */
  accessibilityStatement: limited.query(({ ctx }) => accessibilityStatement(ctx)),
  privacyNotice: limited.query(({ ctx }) => privacyNotice(ctx)),
  howWeHandleComplaints: limited.query(({ ctx }) => howWeHandleComplaints(ctx)),

  /** The optional equality monitoring questions (the nine protected characteristics). */
  equalityQuestions: limited.query(() => equalityQuestions()),

  /**
   * Makes a complaint, compliment or comment. Send one idempotency key per submission: sent
   * again, it returns the first case. Answers the reference, the tracking code and what
   * happens next (the dates core set for the case).
   */
  submit: residentOnly.input(submitInput).mutation(({ ctx, input }) => submit(ctx, input)),

  /** The case's progress, for the person with its reference and tracking code. */
  track: limited.input(trackInput).mutation(({ ctx, input }) => track(ctx, input)),

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
    .input(escalateInput)
    .mutation(({ ctx, input }) => escalate(ctx, input)),

  /** The optional equality monitoring form: consent first, any question may be declined. */
  equality: residentOnly
    .input(
      z
        .object({
          ...proof,
          consent: z.literal(true, "Select yes if you agree to us keeping your answers"),
          answers: equalityAnswers,
          /** The language of the form: kept on the customer (decision 0517). */
          language: z.enum(RESIDENT_LANGUAGES).optional(),
        })
        .strict(),
    )
    .mutation(({ ctx, input }) => recordEquality(ctx, input)),

  /**
   * The satisfaction survey from the link in the resident's email (decision 0516): whether the
   * link still opens it (a mutation: the token travels in the body, like the tracking code),
   * and its answers, stored once and apart from the case.
   */
  survey: limited.input(z.object({ token: surveyToken }).strict()).mutation(({ ctx, input }) => openSurvey(ctx, input.token)),
  answerSurvey: residentOnly.input(satisfactionInput).mutation(({ ctx, input }) => answerSurvey(ctx, input)),

  /**
   * The complaint form's answers between its pages (decision 0520), by the token in the
   * resident's cookie: read (a mutation, so the token never sits in a URL), and kept (as the
   * resident only, like submit: a signed-in member of staff is told at the first answer).
   */
  draft: limited.input(z.object({ token: draftToken }).strict()).mutation(({ ctx, input }) => readDraft(ctx, input.token)),
  saveDraft: residentOnly
    .input(z.object({ token: draftToken.nullable(), answers: draftAnswers, sent: z.boolean() }).strict())
    .mutation(({ ctx, input }) => saveDraft(ctx, input)),
});
