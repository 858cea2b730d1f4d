import { z } from "zod";
import { router, staffProcedure } from "../trpc.js";
import { logNewCase } from "../services/cases.js";
import { caseAccessLog, caseDetail, possibleDuplicates } from "../services/case-views.js";
import { caseContacts, updateCaseContact } from "../services/contact-details.js";
import { assignees } from "../services/assignees.js";
import { previewExtension } from "../services/extend-preview.js";
import { COMMANDS } from "@complaints/core";
import { caseRef, contactDetailsInput, id, logCaseInput } from "./schemas.js";
import { BULK_ACTION_NAMES, BULK_LIMIT, runBulk } from "../services/bulk.js";

export const casesRouter = router({
  /** Logs a new case (complaint, compliment, comment, member enquiry, FOI/EIR review, service request). */
  log: staffProcedure.input(logCaseInput).mutation(({ ctx, input }) => logNewCase(ctx, ctx.staff, input)),

  /** The case with its timeline, every due date with its explanation and RAG, and what you may do next. Recorded in the access log. */
  get: staffProcedure.input(z.object({ caseId: id })).query(({ ctx, input }) => caseDetail(ctx, ctx.staff, input.caseId)),

  /** Who has read the case. */
  accessLog: staffProcedure.input(z.object({ caseId: id })).query(({ ctx, input }) => caseAccessLog(ctx, ctx.staff, input.caseId)),

  /** How the customer and any representative are written to: their details, the channels chosen and why (issue 15). */
  contacts: staffProcedure.input(z.object({ caseId: id })).query(({ ctx, input }) => caseContacts(ctx, ctx.staff, input.caseId)),

  /** Changes the customer's or representative's channel and contact details, recorded on the timeline with the previous values. */
  updateContact: staffProcedure
    .input(z.object({ caseId: id, party: z.enum(["customer", "representative"], "Choose whose details these are"), details: contactDetailsInput }).strict())
    .mutation(({ ctx, input }) => updateCaseContact(ctx, ctx.staff, { caseId: input.caseId, party: input.party, ...input.details })),

  /** Everyone who may take the case's working stage, with their open caseload; those core would refuse say why (issue 16). */
  assignees: staffProcedure.input(z.object({ caseId: id })).query(({ ctx, input }) => assignees(ctx, ctx.staff, input.caseId)),

  /** What extending the deadline would do (the new date, the days left), checked as the step would be; nothing is written (issue 16). */
  previewExtension: staffProcedure
    .input(z.object({ caseId: id }).and(COMMANDS.extend.payload))
    .query(({ ctx, input }) => previewExtension(ctx, ctx.staff, input)),

  /** Open cases that may be the same complaint (at intake, before logging). */
  possibleDuplicates: staffProcedure
    .input(
      z.object({
        customerId: id.optional(),
        email: z.string().max(320).optional(),
        phone: z.string().max(40).optional(),
        postcode: z.string().max(10).optional(),
        description: z.string().max(20_000).optional(),
      }),
    )
    .query(({ ctx, input }) => possibleDuplicates(ctx, ctx.staff, input)),

  /**
   * One action on many cases (issue 16): each case as if done on its own (access, core's
   * guards, its own transaction), each with its own result: done, or refused with the reason.
   * `payload` is the action's fields (assign: `{ handlerId }`), the same for every case.
   */
  bulk: staffProcedure
    .input(
      z
        .object({
          action: z.enum(BULK_ACTION_NAMES, "Choose what to do"),
          cases: z.array(caseRef).min(1, "Choose at least one case").max(BULK_LIMIT, `Choose at most ${BULK_LIMIT} cases at a time`),
          payload: z.record(z.string(), z.unknown()).optional(),
          idempotencyKey: z.string().min(8, "at least 8 characters").max(160).optional(),
        })
        .strict(),
    )
    .mutation(({ ctx, input }) => runBulk(ctx, ctx.staff, input)),
});
