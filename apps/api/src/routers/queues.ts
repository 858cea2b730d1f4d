import { z } from "zod";
import { router, staffProcedure } from "../trpc.js";
import { workQueue, type QueueKind } from "../services/case-views.js";
import { id, slug } from "./schemas.js";
import { deleteView, handlers, queueViewFilters, savedViews, saveView } from "../services/queue-views.js";
import { approvalsWaiting } from "../services/approvals.js";

const filters = z
  .object({
    directorateId: id.optional(),
    statuses: z.array(z.enum(["new", "open"])).max(2).optional(),
    kinds: z.array(slug).max(10).optional(),
    /** Lead services by profile slug. */
    serviceIds: z.array(slug).max(50).optional(),
    stageIds: z.array(slug).max(20).optional(),
    priority: z.enum(["high", "normal"]).optional(),
    /** red: overdue; amber: due within two working days; green: later; none: no date yet. */
    rag: z.array(z.enum(["red", "amber", "green", "none"])).max(4).optional(),
    unassignedOnly: z.boolean().optional(),
    limit: z.number().int().min(1).max(500).default(50),
    offset: z.number().int().min(0).max(100_000).default(0),
  })
  .default({ limit: 50, offset: 0 });

const queue = (kind: QueueKind) => staffProcedure.input(filters).query(({ ctx, input }) => workQueue(ctx, ctx.staff, kind, input));

/** Work queues, nearest due date first, each case red, amber or green. */
export const queuesRouter = router({
  /** Cases you handle. */
  mine: queue("mine"),
  /** Cases handled by your team. */
  team: queue("team"),
  /** Your directorate's cases (or one you choose, if you work in several). */
  directorate: queue("directorate"),
  /** Every directorate: the central resolution team's view. */
  central: queue("central"),
  /** Active staff who may handle your directorates' cases, by name: whom a case may be given to (bulk assign). */
  handlers: staffProcedure.query(({ ctx }) => handlers(ctx, ctx.staff)),
  /** Saved views: a queue and its filters, kept by name for yourself or shared with your team or directorate. */
  views: router({
    /** Your views and those shared with your team or directorate, by name. */
    list: staffProcedure.query(({ ctx }) => savedViews(ctx, ctx.staff)),
    save: staffProcedure
      .input(
        z
          .object({
            name: z.string().trim().min(1, "Enter a name for the view").max(80, "Keep the name under 80 characters"),
            filters: queueViewFilters,
            share: z.enum(["nobody", "team", "directorate"], "Choose who may use the view").default("nobody"),
          })
          .strict(),
      )
      .mutation(({ ctx, input }) => saveView(ctx, ctx.staff, input)),
    /** Deletes one of your own views. */
    delete: staffProcedure.input(z.object({ viewId: id }).strict()).mutation(({ ctx, input }) => deleteView(ctx, ctx.staff, input.viewId)),
  }),
  /** Requests for approval the signed-in person may decide (decision 0324). */
  approvals: staffProcedure.query(({ ctx }) => approvalsWaiting(ctx, ctx.staff)),
});
