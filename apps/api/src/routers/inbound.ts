import { z } from "zod";
import { router, staffProcedure } from "../trpc.js";
import { inboundStatus, listInbound } from "../services/inbound-mail.js";

export const inboundRouter = router({
  /** The council's inbound email, newest first: what became of each message and its case (complaints managers). */
  list: staffProcedure
    .input(z.object({ limit: z.number().int().min(1).max(200).default(50) }).default({ limit: 50 }))
    .query(({ ctx, input }) => listInbound(ctx, ctx.staff, input)),

  /** Whether this server reads a mailbox (IMAP_URL), and which folder on which host. */
  status: staffProcedure.query(({ ctx }) => inboundStatus(ctx, ctx.staff)),
});
