/**
 * Improvement actions (issue 7): `improvement.list` (overdue first), `improvement.get`,
 * `improvement.create` (agree one on an answered stage, with milestones), `improvement.addMilestone`,
 * `improvement.completeMilestone` (progress), `improvement.complete`, and `improvement.owners`
 * (who can own one). The flow is in services/improvement.ts.
 */
import { z } from "zod";
import { roleProcedure, router } from "../trpc.js";
import { CASE_READERS } from "../access/policy.js";
import * as improvement from "../services/improvement.js";
import { id, isoDate, text } from "./schemas.js";

const readerProcedure = roleProcedure(CASE_READERS, "read improvement actions");

const actionKey = {
  caseId: id,
  stageSequence: z.number().int("a whole number").min(1).max(100),
  actionId: z.string().min(1).max(60),
};
const milestone = z.object({ description: text("what the milestone is", 500), dueOn: isoDate });

export const improvementRouter = router({
  /** Improvement actions on cases you may read, overdue first. */
  list: readerProcedure
    .input(
      z
        .object({
          status: z.enum(["open", "overdue", "done", "not-done"]).optional(),
          directorateId: id.optional(),
          caseId: id.optional(),
          /** Only actions you own. */
          mine: z.boolean().optional(),
          limit: z.number().int().min(1).max(1000).default(200),
        })
        .default({ limit: 200 }),
    )
    .query(({ ctx, input }) => improvement.listImprovementActions(ctx, ctx.staff, input)),
  get: readerProcedure.input(z.object(actionKey)).query(({ ctx, input }) => improvement.getImprovementAction(ctx, ctx.staff, input)),
  /** Agrees an improvement action on an answered stage (the latest, unless given), with its milestones. */
  create: readerProcedure
    .input(
      z.object({
        caseId: id,
        stageSequence: actionKey.stageSequence.optional(),
        description: text("what will be improved", 2000),
        ownerId: id,
        dueOn: isoDate,
        milestones: z.array(milestone).max(10, "at most 10 milestones").optional(),
      }),
    )
    .mutation(({ ctx, input }) => improvement.createImprovementAction(ctx, ctx.staff, input)),
  addMilestone: readerProcedure.input(z.object({ ...actionKey, ...milestone.shape })).mutation(({ ctx, input }) => {
    const { description, dueOn, ...key } = input;
    return improvement.addMilestone(ctx, ctx.staff, key, { description, dueOn });
  }),
  /** Records progress: a milestone reached (today, unless given). */
  completeMilestone: readerProcedure
    .input(z.object({ ...actionKey, milestoneId: z.string().min(1).max(60), on: isoDate.optional() }))
    .mutation(({ ctx, input }) => improvement.completeMilestone(ctx, ctx.staff, input)),
  /** The action is done; say what was done. */
  complete: readerProcedure
    .input(z.object({ ...actionKey, on: isoDate.optional(), note: z.string().trim().max(2000).nullish() }))
    .mutation(({ ctx, input }) => improvement.completeImprovementAction(ctx, ctx.staff, input)),
  /** The council's current staff, to choose an owner from. */
  owners: readerProcedure.query(({ ctx }) => improvement.owners(ctx, ctx.staff)),
});
