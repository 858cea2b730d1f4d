/**
 * Report downloads as CSV (issue 7): the same tables the report procedures answer, one file per
 * report, for spreadsheets. Staff sessions only, with the procedures' own access rules and input
 * checks; errors are JSON like the rest of the API.
 *
 *   GET /reports/annual.csv?from=2025-04-01&to=2026-03-31[&previous=auto|none][&directorate=<id>…][&asOf=]
 *   GET /reports/housing.csv[?from=&to=][&directorate=<id>…]
 *   GET /reports/social-care.csv?from=&to=[&directorate=<id>…]
 *   GET /reports/lessons.csv?from=&to=[&directorate=<id>…]
 *   GET /reports/quality.csv?from=&to=
 *   GET /reports/equality.csv?from=&to=[&by=directorate|category]
 *   GET /reports/satisfaction.csv?from=&to=
 *   GET /queues/export.csv?queue=mine|team|directorate|central[&stage=&kind=&service=&priority=&due=&status=]
 *   GET /search/export.csv?quick=…[&reference=&customerName=&email=&phone=&postcode=&text=&status=&kind=]
 */
import { Router, type Request, type Response } from "express";
import type { z } from "zod";
import type { AppDeps, Context } from "../context.js";
import type { StaffPrincipal } from "../access/principal.js";
import { fieldMessages, PASSWORD_CHANGE_MESSAGE } from "../errors.js";
import { annualReportInput, housingReportInput, periodReportInput } from "../routers/reports.js";
import { equalityReportInput } from "../routers/equality.js";
import { satisfactionReportInput } from "../routers/satisfaction.js";
import { annualCsv, housingCsv, lessonsCsv, socialCareCsv } from "../services/reports.js";
import { scoresCsv } from "../services/quality.js";
import { reportCsv as equalityCsv } from "../services/equality.js";
import { reportCsv as satisfactionCsv } from "../services/satisfaction.js";
import { queueCsv, queueViewFilters, searchCsv } from "../services/queue-views.js";
import { searchExportInput } from "../routers/search.js";
import { asyncHandler, fileHeaders, jsonError, locals, requestContext } from "./middleware.js";

type Query = Request["query"];

/** The query string as the procedure's input: `directorate` may repeat; empty values are left out. */
function inputOf(query: Query): Record<string, unknown> {
  const one = (name: string) => {
    const value = query[name];
    return typeof value === "string" && value !== "" ? value : undefined;
  };
  const many = (name: string) => {
    const value = query[name];
    const list = (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === "string" && v !== "");
    return list.length ? list : undefined;
  };
  const input: Record<string, unknown> = {};
  for (const key of ["from", "to", "asOf", "previous", "by"]) if (one(key) !== undefined) input[key] = one(key);
  const directorates = many("directorate");
  if (directorates) input.directorateIds = directorates;
  return input;
}

/** The query string's single values as they are (a queue's filters, a search's fields). */
function plainInputOf(query: Query): Record<string, unknown> {
  return Object.fromEntries(Object.entries(query).filter((e): e is [string, string] => typeof e[1] === "string" && e[1] !== ""));
}

function csvRoute<S extends z.ZodType>(
  deps: AppDeps,
  schema: S,
  produce: (ctx: Context, staff: StaffPrincipal, input: z.output<S>) => Promise<{ csv: string; fileName: string }>,
  read: (query: Query) => Record<string, unknown> = inputOf,
) {
  return asyncHandler(async (req: Request, res: Response) => {
    const principal = locals(res).principal;
    if (principal?.kind !== "staff") return jsonError(res, 401, "NOT_SIGNED_IN", "Sign in to download this");
    if (principal.passwordMustChange) return jsonError(res, 403, "PASSWORD_CHANGE_REQUIRED", PASSWORD_CHANGE_MESSAGE);
    const parsed = schema.safeParse(read(req.query));
    if (!parsed.success) {
      const fields = fieldMessages(parsed.error);
      return jsonError(res, 400, "INVALID_INPUT", `The request is not valid. ${Object.entries(fields).map(([path, messages]) => `${path || "input"}: ${messages.join("; ")}`).join(". ")}`);
    }
    const ctx = requestContext(deps, req, res);
    // A refusal goes on to the server's error handler (server.ts), which answers it as JSON.
    const { csv, fileName } = await produce(ctx, principal, parsed.data);
    fileHeaders(res, "text/csv; charset=utf-8", `attachment; filename="${fileName}"`);
    // A byte-order mark, so spreadsheet programs read "£" and other characters as UTF-8.
    res.send(`\ufeff${csv}`);
  });
}

export function reportRoutes(deps: AppDeps): Router {
  const routes = Router();
  routes.get("/reports/annual.csv", csvRoute(deps, annualReportInput, annualCsv));
  routes.get("/reports/housing.csv", csvRoute(deps, housingReportInput, housingCsv));
  routes.get("/reports/social-care.csv", csvRoute(deps, periodReportInput, socialCareCsv));
  routes.get("/reports/lessons.csv", csvRoute(deps, periodReportInput, lessonsCsv));
  routes.get("/reports/quality.csv", csvRoute(deps, periodReportInput.pick({ from: true, to: true }), scoresCsv));
  routes.get("/reports/equality.csv", csvRoute(deps, equalityReportInput, equalityCsv));
  routes.get("/reports/satisfaction.csv", csvRoute(deps, satisfactionReportInput, satisfactionCsv));
  // A work queue or a search as the screen shows it (issue 16), each exported case recorded as read.
  routes.get("/queues/export.csv", csvRoute(deps, queueViewFilters, queueCsv, plainInputOf));
  routes.get("/search/export.csv", csvRoute(deps, searchExportInput, searchCsv, plainInputOf));
  return routes;
}
