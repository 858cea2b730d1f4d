import { z } from "zod";
import { router, staffProcedure } from "../trpc.js";
import { customerHistory } from "../services/case-views.js";
import { conductCommand, conductOf, findCustomers, type ConductPayload } from "../services/customers.js";
import { customerContact, updateCustomerContact } from "../services/contact-details.js";
import { contactDetailsInput, id, isoDate, stepLetterWords, text } from "./schemas.js";

const restriction = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("single-point-of-contact"), contact: text("the contact", 200) }),
  z.object({ kind: z.literal("written-contact-only"), adjustments: z.string().max(1000).nullable() }),
  z.object({ kind: z.literal("call-limit"), callsPerWeek: z.number().int().min(0).max(50) }),
  z.object({ kind: z.literal("premises-limit"), detail: text("the limit", 1000) }),
  z.object({ kind: z.literal("correspondence-filed"), detail: text("the detail", 1000) }),
  z.object({ kind: z.literal("other"), detail: text("the restriction", 1000) }),
]);

const conductPayload = z.discriminatedUnion("type", [
  z.object({ type: z.literal("refer"), evidence: text("the evidence", 10_000), on: isoDate.optional() }),
  z.object({ type: z.literal("warn"), behaviourExpected: text("the behaviour expected", 4000), until: isoDate, on: isoDate.optional() }),
  z.object({ type: z.literal("record-comment"), comment: text("what the customer said", 10_000), on: isoDate.optional() }),
  z.object({ type: z.literal("designate"), restrictions: z.array(restriction).max(10), reason: text("the reasons", 10_000), reviewBy: isoDate, on: isoDate.optional() }),
  z.object({ type: z.literal("review"), decision: z.enum(["lift", "renew"]), reason: text("the reasons", 10_000), nextReviewBy: isoDate.optional(), on: isoDate.optional() }),
]);

export const customersRouter = router({
  /** Customers matching any of the details (at intake). */
  find: staffProcedure
    .input(
      z
        .object({ email: z.string().max(320).optional(), phone: z.string().max(40).optional(), postcode: z.string().max(10).optional(), name: z.string().max(200).optional() })
        .refine((l) => Object.values(l).some((v) => v && v.trim()), { message: "Give at least one detail to look for" }),
    )
    .query(({ ctx, input }) => findCustomers(ctx, ctx.staff, input)),

  /** The customer's cases you may see, and any persistent-complainant restrictions. */
  history: staffProcedure.input(z.object({ customerId: id })).query(({ ctx, input }) => customerHistory(ctx, ctx.staff, input.customerId)),

  /** How the customer is written to, and every change staff made to it (issue 15). */
  contact: staffProcedure.input(z.object({ customerId: id })).query(({ ctx, input }) => customerContact(ctx, ctx.staff, input.customerId)),

  /** Changes the customer's channel and contact details, recorded on each of their cases with the previous values. */
  updateContact: staffProcedure
    .input(z.object({ customerId: id, details: contactDetailsInput }).strict())
    .mutation(({ ctx, input }) => updateCustomerContact(ctx, ctx.staff, { customerId: input.customerId, ...input.details })),

  /** The customer's persistent-complainant process. */
  conduct: staffProcedure.input(z.object({ customerId: id })).query(({ ctx, input }) => conductOf(ctx, ctx.staff, input.customerId)),

  /** One step of the process: refer, warn, record a comment, designate, review. */
  conductCommand: staffProcedure
    .input(
      z.object({
        customerId: id,
        expectedVersion: z.number().int().min(0).max(2_147_483_647),
        command: conductPayload,
        /** The officer's words for the letter the step sends (what the behaviour was), decision 0321. */
        letter: stepLetterWords,
      }),
    )
    .mutation(({ ctx, input }) => conductCommand(ctx, ctx.staff, input.customerId, input.expectedVersion, input.command as ConductPayload, input.letter)),
});
