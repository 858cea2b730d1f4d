import { z } from "zod";
import { router, staffProcedure } from "../trpc.js";
import { myNotifications, outbox } from "../services/notifications.js";

const page = {
  limit: z.number().int().min(1).max(200).default(50),
  beforeId: z.number().int().positive().optional(),
  unsentOnly: z.boolean().optional(),
};

export const notificationsRouter = router({
  /** Notifications addressed to you (reminders, overdue notices, chasers…), newest first. */
  mine: staffProcedure.input(z.object(page).default({ limit: 50 })).query(({ ctx, input }) => myNotifications(ctx, ctx.staff, input)),
  /** The outbox: what was sent or is waiting, for the cases you may see. */
  outbox: staffProcedure
    .input(z.object({ ...page, kinds: z.array(z.string().max(60)).max(20).optional() }).default({ limit: 50 }))
    .query(({ ctx, input }) => outbox(ctx, ctx.staff, input)),
});
