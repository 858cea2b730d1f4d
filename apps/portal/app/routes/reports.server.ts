/**
 * The report pages' choices, read from the query string (every report is a GET: bookmarkable,
 * and works without JavaScript): a financial year or a period of the reader's own dates, and a
 * directorate. The API checks who may see which directorate and says so.
 */
import type { AppLoadContext } from "@remix-run/node";
import { data } from "@remix-run/node";
import { requireStaff } from "../utils/auth.server";
import { describeApiError } from "../utils/forms.server";
import { readDate } from "../utils/form-schema.server";
import { todayIn } from "@complaints/core";

/** Today in London, by the server's clock (the one the API uses). */
export function todayOf(context: AppLoadContext): string {
  return todayIn(context.deps.clock);
}

export interface ReportChoice {
  /** The period reported on. */
  from: string;
  to: string;
  /** "2025" for the financial year 2025/26; "custom" for the reader's own dates. */
  year: string;
  directorateId: string | null;
  /** Field errors in the custom dates (the page then reports on the chosen year). */
  errors: Record<string, string>;
  /** The query string for the CSV download with the same choices. */
  query: string;
  options: Awaited<ReturnType<AppLoadContext["api"]["reports"]["options"]>>;
}

/** The options and the reader's choices; 403 with the API's words for a role without reports. */
export async function reportChoice(context: AppLoadContext, request: Request): Promise<ReportChoice> {
  requireStaff(context, request);
  let options;
  try {
    options = await context.api.reports.options();
  } catch (error) {
    const d = describeApiError(error);
    if (d.status === 403) throw data(d.message, { status: 403 });
    throw error;
  }
  const url = new URL(request.url);
  const form = new FormData();
  for (const [key, value] of url.searchParams) form.append(key, value);
  const errors: Record<string, string> = {};
  const current = options.financialYears[0]!;
  let year = url.searchParams.get("year") ?? current.from.slice(0, 4);
  let chosen = options.financialYears.find((y) => y.from.startsWith(year)) ?? current;
  let from = chosen.from;
  let to = chosen.to;
  if (year === "custom") {
    const f = readDate(form, "from", "the first day", errors, true);
    const t = readDate(form, "to", "the last day", errors, true);
    if (f && t && t < f) errors.to = "The last day must be on or after the first day";
    if (f && t && !errors.to) {
      from = f;
      to = t;
    } else {
      year = current.from.slice(0, 4);
      chosen = current;
    }
  }
  const wanted = url.searchParams.get("directorate");
  const directorateId = wanted && options.directorates.some((d) => d.id === wanted) ? wanted : null;
  const query = new URLSearchParams({ from, to, ...(directorateId ? { directorate: directorateId } : {}) }).toString();
  return { from, to, year, directorateId, errors, query, options };
}

/** Runs a report call; a refusal (the period, the directorate) becomes the page's error. */
export async function reportCall<T>(call: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false; message: string }> {
  try {
    return { ok: true, value: await call() };
  } catch (error) {
    const d = describeApiError(error);
    if (d.status >= 500) throw error;
    if (d.status === 403) throw data(d.message, { status: 403 });
    return { ok: false, message: d.message };
  }
}
