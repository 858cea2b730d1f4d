/**
 * Quality assurance of complaint handling (issue 7): samples (`quality.samples.list/draw/get`),
 * the rubric and reviews (`quality.rubric`, `quality.review`, `quality.reviews.get`), findings
 * (`quality.findings.add`, sent to the handler and Head of Service), remedial actions
 * (`quality.remedialActions.list/add/complete/checkImprovement`) and scores over time
 * (`quality.scores`; CSV at /reports/quality.csv). The flow is in services/quality.ts.
 */
import { z } from "zod";
import { roleProcedure, router } from "../trpc.js";
import { QA_READERS } from "../access/policy.js";
import * as quality from "../services/quality.js";
import { id, isoDate, slug, text } from "./schemas.js";

const qaProcedure = roleProcedure(QA_READERS, "read quality checks");
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "a month as YYYY-MM");
const sampled = { sampleId: id, caseId: id, stageSequence: z.number().int().min(1).max(100) };
const answer = z.object({ answer: z.enum(["met", "not-met", "not-applicable"]), note: z.string().trim().max(2000).optional() });
const finding = z.object({
  /** The checklist item it is about, if one. */
  criterion: z.string().trim().max(200).nullish(),
  finding: text("the finding", 4000),
  risk: z.enum(["high", "medium", "low"]),
});

export const qualityRouter = router({
  samples: router({
    /** Samples drawn, newest month first, with how far their review has got. */
    list: qaProcedure.input(z.object({ limit: z.number().int().min(1).max(500).default(100) }).default({ limit: 100 })).query(({ ctx, input }) => quality.listSamples(ctx, ctx.staff, input)),
    /** Draws a month's sample of a service's written responses (a seeded, repeatable draw). */
    draw: qaProcedure
      .input(
        z.object({
          serviceCode: slug,
          month,
          /**
           * The share checked, from one in ten thousand to 1 (Lewisham Homes: 0.5). It is stored
           * to four decimal places (qa_samples.share), so a smaller one would be stored as 0.
           */
          share: z.number().min(0.0001, "at least 0.0001 (one in ten thousand)").max(1, "at most 1 (all of them)").default(0.5),
          seed: z.string().trim().min(1).max(100).optional(),
        }),
      )
      .mutation(({ ctx, input }) => quality.drawSample(ctx, ctx.staff, input)),
    get: qaProcedure.input(z.object({ sampleId: id })).query(({ ctx, input }) => quality.getSample(ctx, ctx.staff, input.sampleId)),
  }),
  /** The checklist for a sampled response, with the items the record already answers. */
  rubric: qaProcedure.input(z.object(sampled)).query(({ ctx, input }) => quality.rubric(ctx, ctx.staff, input)),
  /** Scores a sampled response against its checklist; findings go to the handler and Head of Service. */
  review: qaProcedure
    .input(z.object({ ...sampled, answers: z.record(z.string().max(200), answer).default({}), findings: z.array(finding).max(20).optional() }))
    .mutation(({ ctx, input }) => quality.review(ctx, ctx.staff, input)),
  reviews: router({
    get: qaProcedure.input(z.object({ reviewId: id })).query(({ ctx, input }) => quality.getReview(ctx, ctx.staff, input.reviewId)),
  }),
  findings: router({
    add: qaProcedure.input(finding.extend({ reviewId: id })).mutation(({ ctx, input }) => quality.addFinding(ctx, ctx.staff, input)),
  }),
  remedialActions: router({
    /** Remedial actions, overdue first. */
    list: qaProcedure
      .input(z.object({ openOnly: z.boolean().optional(), limit: z.number().int().min(1).max(1000).default(200) }).default({ limit: 200 }))
      .query(({ ctx, input }) => quality.listRemedialActions(ctx, ctx.staff, input)),
    add: qaProcedure
      .input(z.object({ findingId: id, description: text("what will be done", 2000), ownerId: id, dueOn: isoDate }))
      .mutation(({ ctx, input }) => quality.addRemedialAction(ctx, ctx.staff, input)),
    complete: qaProcedure.input(z.object({ remedialActionId: id, on: isoDate.optional() })).mutation(({ ctx, input }) => quality.completeRemedialAction(ctx, ctx.staff, input)),
    /** A month on: did the risk area improve? */
    checkImprovement: qaProcedure.input(z.object({ remedialActionId: id, improved: z.boolean() })).mutation(({ ctx, input }) => quality.checkImprovement(ctx, ctx.staff, input)),
  }),
  /** Scores over time per service and month, with a chart. */
  scores: qaProcedure.input(z.object({ from: isoDate, to: isoDate })).query(({ ctx, input }) => quality.scores(ctx, ctx.staff, input)),
});
