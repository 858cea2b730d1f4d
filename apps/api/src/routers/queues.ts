import { z } from "zod";
import { router, staffProcedure } from "../trpc.js";
import { workQueue, type QueueKind } from "../services/case-views.js";
import { id, slug } from "./schemas.js";
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
  /** Requests for approval the signed-in person may decide (decision 0324). */
  approvals: staffProcedure.query(({ ctx }) => approvalsWaiting(ctx, ctx.staff)),
});
