import { z } from "zod";
import { id, text } from "@complaints/core";
import { router, staffProcedure } from "../trpc.js";
import { listCorrespondence, resendCorrespondence, resolveCorrespondence } from "../services/correspondence.js";

const message = { caseId: id, outboxId: z.number().int().positive() };

/** What a case's resident was written to, and the failures staff must act on (decision 0318). */
export const correspondenceRouter = router({
  /** The case's messages to its resident with their delivery status, oldest first. */
  list: staffProcedure.input(z.object({ caseId: id })).query(({ ctx, input }) => listCorrespondence(ctx, ctx.staff, input.caseId)),
  /** Sends a message that was not delivered, or may not have been sent, again. */
  resend: staffProcedure.input(z.object(message)).mutation(({ ctx, input }) => resendCorrespondence(ctx, ctx.staff, input)),
  /** Marks such a message resolved without resending it ("sent by post", "the resident confirmed it arrived"). */
  resolve: staffProcedure
    .input(z.object({ ...message, resolution: text("what was done instead (sent by post, the resident confirmed it arrived)", 500) }))
    .mutation(({ ctx, input }) => resolveCorrespondence(ctx, ctx.staff, input)),
});
