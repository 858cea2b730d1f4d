/**
 * Resolution plans on a case (issue 7; Southwark procedure "Resolution Plan"):
 * `resolutionPlans.list`, `create`, `addTask`, `addCheckpoint`, `completeTask`,
 * `recordCheckpoint`, `recordSatisfaction`, `abandon`. Changes carry the plan's version (a
 * stale one is a 409). The flow is in services/resolution-plans.ts.
 */
import { z } from "zod";
import { roleProcedure, router } from "../trpc.js";
import { CASE_READERS } from "../access/policy.js";
import * as plans from "../services/resolution-plans.js";
import { id, isoDate, text } from "./schemas.js";

const planProcedure = roleProcedure(CASE_READERS, "work with resolution plans");
const planRef = { planId: id, expectedVersion: z.number().int("a whole number").min(1, "the plan's version (from the plan)").max(2_147_483_647) };
const task = z.object({ description: text("the task", 2000), ownerId: id, dueOn: isoDate });

export const resolutionPlansRouter = router({
  /** The case's plans with their tasks, checkpoints and satisfaction check. */
  list: planProcedure.input(z.object({ caseId: id })).query(({ ctx, input }) => plans.listPlans(ctx, ctx.staff, input.caseId)),
  create: planProcedure
    .input(
      z.object({
        caseId: id,
        /** The stage the plan resolves (default: the current one). */
        stageSequence: z.number().int().min(1).max(100).optional(),
        summary: text("what the plan will put right", 2000),
        ownerId: id,
        tasks: z.array(task).min(1, "A resolution plan needs at least one task").max(20, "at most 20 tasks"),
        checkpoints: z.array(z.object({ dueOn: isoDate })).max(20, "at most 20 checkpoints").optional(),
      }),
    )
    .mutation(({ ctx, input }) => plans.createPlan(ctx, ctx.staff, input)),
  addTask: planProcedure.input(z.object({ ...planRef, ...task.shape })).mutation(({ ctx, input }) => plans.addTask(ctx, ctx.staff, input)),
  addCheckpoint: planProcedure.input(z.object({ ...planRef, dueOn: isoDate })).mutation(({ ctx, input }) => plans.addCheckpoint(ctx, ctx.staff, input)),
  completeTask: planProcedure.input(z.object({ ...planRef, taskId: z.string().min(1).max(60), on: isoDate.optional() })).mutation(({ ctx, input }) => plans.completeTask(ctx, ctx.staff, input)),
  /** A checkpoint held: is the plan on track? */
  recordCheckpoint: planProcedure
    .input(z.object({ ...planRef, checkpointId: z.string().min(1).max(60), heldOn: isoDate.optional(), onTrack: z.boolean(), note: z.string().trim().max(2000).nullish() }))
    .mutation(({ ctx, input }) => plans.recordCheckpoint(ctx, ctx.staff, input)),
  /** The customer's answer once every task is done; it completes the plan. */
  recordSatisfaction: planProcedure
    .input(z.object({ ...planRef, satisfaction: z.enum(["satisfied", "partly-satisfied", "dissatisfied", "no-reply"]), note: z.string().trim().max(2000).nullish(), on: isoDate.optional() }))
    .mutation(({ ctx, input }) => plans.recordSatisfaction(ctx, ctx.staff, input)),
  abandon: planProcedure.input(z.object({ ...planRef, reason: text("why the plan stops", 2000) })).mutation(({ ctx, input }) => plans.abandonPlan(ctx, ctx.staff, input)),
});
