/**
 * Input schemas shared by the case routers: field-level messages in plain English, so a bad
 * input comes back as a 400 that says which field is wrong and why.
 */
import { z } from "zod";
import { id } from "@complaints/core";
import { LETTER_ELEMENTS } from "@complaints/letters";

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
/** One section of a letter in the officer's words: replaces the draft's for that element, or is added. */
export const letterSection = z.object({
  element: z.enum(LETTER_ELEMENTS),
  heading: z.string().trim().max(120).optional(),
  paragraphs: z.array(z.string().max(5_000, "Keep each paragraph under 5,000 characters")).max(30, "Write at most 30 paragraphs: leave a blank line only between paragraphs"),
});

/** The officer's words for the letter a step sends (decision 0321): the respond form's findings, a warning's behaviour… */
export const stepLetterWords = z.object({ sections: z.array(letterSection).max(40).optional() }).optional();

export const commandRef = caseRef.extend({
  idempotencyKey: z.string().min(8, "at least 8 characters").max(200).optional(),
  letter: stepLetterWords,
});

/** What a case is logged with: core's, shared with the portal's form (issue 13). */
export { customerInput, logCaseInput } from "@complaints/core";

/** A customer's or representative's channel and contact details (issue 15), shared with the portal's forms. */
export { contactDetailsInput } from "@complaints/core";
