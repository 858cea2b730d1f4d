import { z } from "zod";
import { roleProcedure, router } from "../trpc.js";
import { AUDIT_LOG_READERS } from "../access/policy.js";
import * as audit from "../services/audit.js";

const auditProcedure = roleProcedure(AUDIT_LOG_READERS, "read the audit log");

/** For auditors and administrators: what administrators did, and whether the audit log verifies. */
export const auditRouter = router({
  adminEvents: auditProcedure.input(z.object({ limit: z.number().int().min(1).max(500).default(200) }).default({ limit: 200 })).query(({ ctx, input }) => audit.adminEvents(ctx, ctx.staff, input)),
  /** Verifies every chain of the council's log now (it reads every event: seconds on a large council). */
  verify: auditProcedure.query(({ ctx }) => audit.verifyCouncilLog(ctx, ctx.staff)),
});
