/**
 * Form posts: the CSRF check, reading fields, and turning the API's refusals into the GOV.UK
 * error summary. Every action answers a failed post with the page again, with the messages and
 * what the user typed: status 200, and the 400 (or the refusal's own 4xx) in X-Form-Status
 * (docs/decisions/0501-portal-forms.md, which supersedes 0500's 400).
 */
import type { AppLoadContext } from "@remix-run/node";
import { data } from "@remix-run/node";

export type FormErrors = Record<string, string>;

export interface FormFailure {
  ok: false;
  errors: FormErrors;
  values: Record<string, string>;
}

/** Reads the form after checking its CSRF token (the double-submit cookie set by the API). */
export async function readForm(request: Request, context: AppLoadContext): Promise<FormData> {
  const form = await request.formData();
  const sent = form.get("_csrf");
  if (typeof sent !== "string" || !context.csrfToken || sent !== context.csrfToken) {
    throw data("The form has expired or did not come from this site. Go back, reload the page and try again.", { status: 403 });
  }
  return form;
}

export function text(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === "string" ? value.trim() : "";
}

export function all(form: FormData, name: string): string[] {
  return form.getAll(name).filter((v): v is string => typeof v === "string" && v !== "");
}

/** Everything the user typed, to put back in the form (never the CSRF token or any password field). */
export function valuesOf(form: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of form) {
    if (typeof value !== "string" || key === "_csrf" || /password/i.test(key)) continue;
    out[key] = out[key] !== undefined ? `${out[key]}\n${value}` : value;
  }
  return out;
}

/**
 * The page again with its error summary. Answered 200 with the real status in X-Form-Status:
 * browsers log every 4xx document or fetch as a console error, and the page, not the status
 * line, is what tells the user what to correct (docs/decisions/0501-portal-forms.md).
 */
export function failure(errors: FormErrors, form: FormData | null, status = 400) {
  return data<FormFailure>({ ok: false, errors, values: form ? valuesOf(form) : {} }, { status: 200, headers: { "X-Form-Status": String(status) } });
}

interface ZodLikeIssue {
  path: ReadonlyArray<PropertyKey>;
  message: string;
}

interface ErrorLike {
  code?: string;
  message?: string;
  cause?: unknown;
}

/** HTTP status for a tRPC error code, as the API's HTTP adapter would answer. */
const STATUS: Record<string, number> = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNPROCESSABLE_CONTENT: 422,
  TOO_MANY_REQUESTS: 429,
};

export interface DescribedApiError {
  status: number;
  /** The refusal's code from core or the API ("NOT_ALLOWED_NOW", "VERSION_CONFLICT"…), if any. */
  code: string | null;
  message: string;
  /** Field messages keyed by the input's dotted path. */
  fields: FormErrors;
}

export const INTERNAL_MESSAGE = "Sorry, something went wrong on our side. Try again; if it keeps happening, tell the service desk.";

/**
 * What a tRPC error from the in-process caller means for the user. Field problems (zod) keep
 * their paths; a refusal from core keeps its plain-English message; anything else is internal.
 */
export function describeApiError(error: unknown): DescribedApiError {
  const e = (error ?? {}) as ErrorLike;
  const status = STATUS[e.code ?? ""] ?? 500;
  const cause = e.cause as { issues?: ZodLikeIssue[]; refusal?: { code: string; message: string } } | undefined;
  if (cause && Array.isArray(cause.issues)) {
    const fields: FormErrors = {};
    for (const issue of cause.issues) {
      const key = issue.path.map(String).join(".") || "_form";
      fields[key] ??= issue.message;
    }
    return { status: 400, code: "INVALID_INPUT", message: Object.values(fields)[0] ?? "Check the form", fields };
  }
  if (cause?.refusal) return { status, code: cause.refusal.code, message: cause.refusal.message, fields: {} };
  if (status >= 500) return { status: 500, code: null, message: INTERNAL_MESSAGE, fields: {} };
  return { status, code: null, message: e.message ?? INTERNAL_MESSAGE, fields: {} };
}

/** True for errors the API raised on purpose (a 4xx); false for bugs and outages. */
export function isApiRefusal(error: unknown): boolean {
  return describeApiError(error).status < 500;
}

/**
 * Runs an API call from an action. A 4xx becomes the error summary (fields mapped through
 * `fieldMap`, the rest under "_form"); anything else is rethrown for the error page.
 */
export async function attempt<T>(
  form: FormData | null,
  call: () => Promise<T>,
  fieldMap: Record<string, string> = {},
): Promise<{ ok: true; value: T } | { ok: false; response: ReturnType<typeof failure> }> {
  try {
    return { ok: true, value: await call() };
  } catch (error) {
    const described = describeApiError(error);
    if (described.status >= 500) throw error;
    const errors: FormErrors = {};
    for (const [path, message] of Object.entries(described.fields)) errors[fieldMap[path] ?? path] = message;
    if (Object.keys(errors).length === 0) errors._form = described.message;
    return { ok: false, response: failure(errors, form, described.status) };
  }
}

/** A path on this site to go back to after signing in; anything else becomes the home page. */
export function safeReturnTo(value: string | null | undefined, fallback = "/cases"): string {
  if (!value || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return fallback;
  return value;
}
