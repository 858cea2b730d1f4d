/**
 * The satisfaction survey's aggregate report (issue 15; decision 0516): `satisfaction.report`,
 * by service and stage with the TSM percentage, suppressed like equality monitoring (CSV at
 * /reports/satisfaction.csv). The resident's survey is in the public router. Flow:
 * services/satisfaction.ts.
 */
import { z } from "zod";
import { router, staffProcedure } from "../trpc.js";
import * as satisfaction from "../services/satisfaction.js";
import { isoDate } from "./schemas.js";

export const satisfactionReportInput = z.object({ from: isoDate, to: isoDate }).strict();

export const satisfactionRouter = router({
  report: staffProcedure.input(satisfactionReportInput).query(({ ctx, input }) => satisfaction.report(ctx, ctx.staff, input)),
});
