/**
 * The council's complaint figures (issue 7): `reports.options`, `reports.annual`,
 * `reports.housing`, `reports.socialCare`, `reports.lessons`. Each answers the data, the tables
 * (exactly what the CSV download holds) and, where people would rather look than read, charts as
 * accessible SVG. CSV downloads: http/report-routes.ts. The flow is in services/reports.ts.
 */
import { z } from "zod";
import { roleProcedure, router } from "../trpc.js";
import { REPORT_READERS } from "../access/policy.js";
import * as reports from "../services/reports.js";
import { id, isoDate } from "./schemas.js";

const reportProcedure = roleProcedure(REPORT_READERS, "read the council's complaint reports");

const period = { from: isoDate, to: isoDate };
/** Only these directorates (a DCRO, Head of Service or Director: their own at most). */
const directorateIds = z.array(id).max(50, "at most 50 directorates").optional();

export const annualReportInput = z.object({
  ...period,
  /** The period in brackets: "auto" (default) the same length just before; "none"; or one given. */
  previous: z.union([z.enum(["auto", "none"]), z.object(period)]).optional(),
  directorateIds,
  /** Unanswered stages past due on this date count as late (default: the period's end). */
  asOf: isoDate.optional(),
});

export const housingReportInput = z.object({ from: isoDate.optional(), to: isoDate.optional(), directorateIds }).refine((v) => (v.from === undefined) === (v.to === undefined), { message: "Give both the first and last day of the year, or neither", path: ["to"] });

export const periodReportInput = z.object({ ...period, directorateIds });

export const reportsRouter = router({
  /** The directorates you may report on, and the recent financial years. */
  options: reportProcedure.query(({ ctx }) => reports.reportOptions(ctx, ctx.staff)),
  /** The annual (or any period's) report with every figure family, tables and charts. */
  annual: reportProcedure.input(annualReportInput).query(({ ctx, input }) => reports.annual(ctx, ctx.staff, input)),
  /** Tenant Satisfaction Measures CH01/CH02 and the Code self-assessment data (default: this financial year). */
  housing: reportProcedure.input(housingReportInput.default({})).query(({ ctx, input }) => reports.housing(ctx, ctx.staff, input)),
  /** Statutory social care annual figures: received, well-founded, referred to the Ombudsman, learning. */
  socialCare: reportProcedure.input(periodReportInput).query(({ ctx, input }) => reports.socialCare(ctx, ctx.staff, input)),
  /** Lessons learned per directorate, with each improvement action's progress. */
  lessons: reportProcedure.input(periodReportInput).query(({ ctx, input }) => reports.lessons(ctx, ctx.staff, input)),
});
