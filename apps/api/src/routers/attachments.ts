/**
 * Files on a case (issue 6): `attachments.list`. Adding a file is the multipart HTTP route
 * `POST /cases/:caseId/attachments` and reading one `GET /attachments/:attachmentId`
 * (http/attachment-routes.ts): files are not JSON.
 */
import { z } from "zod";
import { router, staffProcedure } from "../trpc.js";
import { listAttachments } from "../services/attachments.js";
import { id } from "./schemas.js";

export const attachmentsRouter = router({
  /** A case's files, oldest first, whether you may add more, where to send them and what is accepted. */
  list: staffProcedure.input(z.object({ caseId: id })).query(({ ctx, input }) => listAttachments(ctx, ctx.staff, input.caseId)),
});
