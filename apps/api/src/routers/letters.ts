/**
 * Letters (issue 5): `letters.pending`, `letters.list`, `letters.preview`, `letters.issue`,
 * and the print room's `letters.printBatch.{build,list,confirm,cancel}`. The PDFs themselves
 * are HTTP downloads (http/letter-routes.ts): `GET /letters/:letterId.pdf`,
 * `GET /letters/print-batches/:batchId.pdf` and `.csv`. The flow is in services/letters.ts and
 * services/print-batches.ts.
 */
import { z } from "zod";
import { COMMAND_TYPES, CORRESPONDENCE_LANGUAGES, LETTER_KINDS } from "@complaints/core";
import { router, staffProcedure } from "../trpc.js";
import { previewLetter, issueLetter, previewLetterPdf, listLetters, pendingLetters, stepLetterPlan } from "../services/letters.js";
import { MAX_BATCH, buildPrintBatch, cancelPrintBatch, confirmPrintBatch, lettersAwaitingPost, listPrintBatches } from "../services/print-batches.js";
import { id, isoDateTime, letterSection, slug } from "./schemas.js";

const postcode = z
  .string()
  .trim()
  .regex(/^[A-Za-z]{1,2}\d[A-Za-z\d]?\s*\d[A-Za-z]{2}$/, "a UK postcode like LS1 1UR")
  .transform((p) => p.toUpperCase().replace(/\s*(\d[A-Z]{2})$/, " $1"));

/** A postal address as printed in the envelope window: up to six lines, then the postcode. */
export const postalAddress = z.object({
  lines: z.array(z.string().trim().min(1, "Leave out empty lines").max(100, "Keep each line under 100 characters")).min(1, "Give at least one line of the address").max(6, "At most six lines fit the envelope window"),
  postcode,
});


export const letterRequest = z
  .object({
    caseId: id,
    kind: z.enum(LETTER_KINDS).optional(),
    outboxId: z.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
    stageId: slug.optional(),
    sections: z.array(letterSection).max(40).optional(),
    signatoryId: id.optional(),
    customerAddress: postalAddress.optional(),
    representativeAddress: postalAddress.optional(),
    largePrint: z.boolean().optional(),
    /** English, Welsh, or both in one PDF, Welsh first; when not given, the resident's (decision 0104). */
    language: z.enum(CORRESPONDENCE_LANGUAGES).optional(),
  })
  .refine((v) => v.kind !== undefined || v.outboxId !== undefined, { message: "Say which letter to write (kind), or which pending letter (outboxId)", path: ["kind"] });

const batchRef = z.object({ batchId: id });

export const lettersRouter = router({
  /** Letters the lifecycle asked for and nobody has issued yet: for one case, or every case you may read. */
  pending: staffProcedure
    .input(z.object({ caseId: id.optional(), limit: z.number().int().min(1).max(500).default(100) }).default({ limit: 100 }))
    .query(({ ctx, input }) => pendingLetters(ctx, ctx.staff, input)),

  /**
   * What a step's form will send (decision 0321): the letters the command asks for on this
   * case, to whom and on which channel, and the officer's words each needs.
   */
  forStep: staffProcedure
    .input(z.object({ caseId: id, command: z.enum(COMMAND_TYPES) }))
    .query(({ ctx, input }) => stepLetterPlan(ctx, ctx.staff, input)),

  /** A case's issued letters, with where each has got to in the post and where to download it. */
  list: staffProcedure.input(z.object({ caseId: id })).query(({ ctx, input }) => listLetters(ctx, ctx.staff, input.caseId)),

  /**
   * A draft: the letter model built from the case with your sections merged in, what it still
   * lacks (`missing`, empty when it may be issued) and plain English advice (`warnings`).
   * A mutation only so that long drafts travel in a POST body: it changes nothing.
   */
  preview: staffProcedure.input(letterRequest).mutation(({ ctx, input }) => previewLetter(ctx, ctx.staff, input)),

  /**
   * The draft as a PDF (base64), exactly as it would print, to read before issuing. Changes
   * nothing; an incomplete draft is rendered too, with what it lacks beside it.
   */
  previewPdf: staffProcedure.input(letterRequest).mutation(({ ctx, input }) => previewLetterPdf(ctx, ctx.staff, input)),

  /**
   * Issues the letter: 422 LETTER_INCOMPLETE with `data.refusal.missing` when it lacks
   * anything; otherwise the PDF is stored unchanged with its SHA-256 and recorded on the case.
   * It is sent on the resident's channels as `correspondence` (decision 0321): `byPost` true
   * adds a paper copy, false sends none by post.
   */
  issue: staffProcedure
    .input(letterRequest.and(z.object({ byPost: z.boolean().optional() })))
    .mutation(({ ctx, input }) => issueLetter(ctx, ctx.staff, input)),

  printBatch: router({
    /** Issued letters waiting for the post that you may print, oldest first (`total` counts them all). */
    waiting: staffProcedure
      .input(z.object({ limit: z.number().int().min(1).max(MAX_BATCH).default(200) }).default({ limit: 200 }))
      .query(({ ctx, input }) => lettersAwaitingPost(ctx, ctx.staff, input)),
    /** Every letter waiting for the post that you may print (one directorate, or all of yours) as one batch. */
    build: staffProcedure
      .input(z.object({ directorateId: id.optional(), limit: z.number().int().min(1).max(MAX_BATCH).default(500) }).default({ limit: 500 }))
      .mutation(({ ctx, input }) => buildPrintBatch(ctx, ctx.staff, input)),
    /** Print batches, newest first. */
    list: staffProcedure
      .input(z.object({ limit: z.number().int().min(1).max(200).default(50), builtBefore: isoDateTime("a date and time like 2026-03-02T09:30:00Z").optional() }).default({ limit: 50 }))
      .query(({ ctx, input }) => listPrintBatches(ctx, ctx.staff, input)),
    /** The batch was posted: its letters are marked posted. Safe to send twice. */
    confirm: staffProcedure.input(batchRef).mutation(({ ctx, input }) => confirmPrintBatch(ctx, ctx.staff, input.batchId)),
    /** The batch will not be posted: its letters wait for the next batch. Safe to send twice. */
    cancel: staffProcedure.input(batchRef).mutation(({ ctx, input }) => cancelPrintBatch(ctx, ctx.staff, input.batchId)),
  }),
});
