/**
 * Equality monitoring (issue 7), apart from the case: `equality.questions`, `equality.record`
 * (on the customer's behalf, with consent: EQUALITY_RECORDERS only), `equality.hasForm`,
 * `equality.withdraw`, and the aggregate `equality.report` ("<5" for small numbers; CSV at
 * /reports/equality.csv). No procedure returns a person's answers. Flow: services/equality.ts.
 */
import { z } from "zod";
import { EQUALITY_CHARACTERISTICS } from "@complaints/db";
import { router, staffProcedure } from "../trpc.js";
import * as equality from "../services/equality.js";
import { id, isoDate, slug } from "./schemas.js";

const answers = z.object(Object.fromEntries(EQUALITY_CHARACTERISTICS.map((k) => [k, slug.max(60).nullish()])) as Record<(typeof EQUALITY_CHARACTERISTICS)[number], z.ZodOptional<z.ZodNullable<z.ZodString>>>).strict();

export const equalityReportInput = z.object({ from: isoDate, to: isoDate, by: z.enum(["directorate", "category"]).optional() });

export const equalityRouter = router({
  questions: staffProcedure.query(({ ctx }) => equality.questions(ctx.staff)),
  /** Stores the customer's form for a case; answers only `{ recorded: true }`. */
  record: staffProcedure
    .input(z.object({ caseId: id, consentGivenOn: isoDate, answers }))
    .mutation(({ ctx, input }) => equality.record(ctx, ctx.staff, input)),
  hasForm: staffProcedure.input(z.object({ caseId: id })).query(({ ctx, input }) => equality.hasForm(ctx, ctx.staff, input.caseId)),
  /** Consent withdrawn: the answers are deleted. */
  withdraw: staffProcedure.input(z.object({ caseId: id })).mutation(({ ctx, input }) => equality.withdraw(ctx, ctx.staff, input.caseId)),
  report: staffProcedure.input(equalityReportInput).query(({ ctx, input }) => equality.report(ctx, ctx.staff, input)),
});
