/**
 * The errors a client can see. Every failure reaches the client as a tRPC error with a 4xx
 * status, a plain-English message and, where it helps, field messages or the refusal code of
 * the rule that stopped it. Anything unexpected becomes a 500 whose message says nothing
 * about the internals (the details go to the log).
 *
 * Services throw domain errors (`DomainError` from @complaints/core and the packages' errors
 * built on it, or this module's helpers) and translate nothing: `apiErrorOf` is the one
 * translation, used by the tRPC middleware (trpc.ts) and the HTTP routes' error handler
 * (server.ts), and `refusalStatus` the one table of statuses.
 */
import { TRPCError } from "@trpc/server";
import type { TRPC_ERROR_CODE_KEY } from "@trpc/server/rpc";
import { DomainError, RefusalError, type DomainErrorCode } from "@complaints/core";
import type { AttachmentRejection } from "@complaints/db";
import { z } from "zod";

/** Codes the API adds to the domain's: who may see what, limits, and two people acting at once. */
export type ApiRefusalCode =
  | DomainErrorCode
  | "NOT_SIGNED_IN"
  | "NO_ACCESS"
  | "LOCKED_OUT"
  | "RATE_LIMITED"
  /** The pending letter was issued by someone else meanwhile. */
  | "LETTER_ALREADY_ISSUED"
  /** A print batch was cancelled, or already posted, so this cannot be done to it. */
  | "PRINT_BATCH_CLOSED"
  /** A message to a resident that did not fail (it was sent, or is on its way) cannot be resent or resolved. */
  | "CORRESPONDENCE_NOT_FAILED"
  | "NO_CONTACT_DETAILS"
  /** The database did not answer (a restart, a failover): try again shortly. */
  | "UNAVAILABLE"
  /** No council is installed, or the server cannot tell which of its councils the address is for (hosting.ts). */
  | "NOT_SET_UP"
  /** The password was set by an administrator: choose a new one (auth.changePassword) before anything else. */
  | "PASSWORD_CHANGE_REQUIRED";

/** The HTTP meaning of every code a client can see: refusals from `@complaints/core`, the other domain errors, the API's own. */
export const refusalStatus: Record<ApiRefusalCode, TRPC_ERROR_CODE_KEY> = {
  FORBIDDEN_ROLE: "FORBIDDEN",
  CONFLICT_OF_INTEREST: "FORBIDDEN",
  INVALID_INPUT: "BAD_REQUEST",
  DATE_INVALID: "BAD_REQUEST",
  NOT_ALLOWED_NOW: "UNPROCESSABLE_CONTENT",
  HANDLER_NOT_INDEPENDENT: "UNPROCESSABLE_CONTENT",
  NOTIFICATION_REQUIRED: "UNPROCESSABLE_CONTENT",
  EXTENSION_TOO_LONG: "UNPROCESSABLE_CONTENT",
  OMBUDSMAN_DETAILS_REQUIRED: "UNPROCESSABLE_CONTENT",
  ESCALATION_WINDOW_CLOSED: "UNPROCESSABLE_CONTENT",
  NO_NEXT_STAGE: "UNPROCESSABLE_CONTENT",
  REMEDY_OVER_LIMIT: "UNPROCESSABLE_CONTENT",
  REMEDY_PHYSICAL_INJURY: "UNPROCESSABLE_CONTENT",
  INDEPENDENT_PERSON_INVALID: "UNPROCESSABLE_CONTENT",
  SIGNATORY_REQUIRED: "UNPROCESSABLE_CONTENT",
  PLUGIN_GUARD: "UNPROCESSABLE_CONTENT",
  NOT_FOUND: "NOT_FOUND",
  VERSION_CONFLICT: "CONFLICT",
  IDEMPOTENCY_MISMATCH: "UNPROCESSABLE_CONTENT",
  /** The reason decides (`rejectionStatus`); this is the status of a reason not listed there. */
  ATTACHMENT_REJECTED: "UNPROCESSABLE_CONTENT",
  LETTER_INCOMPLETE: "UNPROCESSABLE_CONTENT",
  LETTER_NOT_POSSIBLE: "UNPROCESSABLE_CONTENT",
  /** The letter's facts no longer hold (decision 0321): the pending letter is withdrawn. */
  LETTER_STALE: "CONFLICT",
  NOT_SIGNED_IN: "UNAUTHORIZED",
  NO_ACCESS: "FORBIDDEN",
  PASSWORD_CHANGE_REQUIRED: "FORBIDDEN",
  LOCKED_OUT: "TOO_MANY_REQUESTS",
  RATE_LIMITED: "TOO_MANY_REQUESTS",
  LETTER_ALREADY_ISSUED: "CONFLICT",
  PRINT_BATCH_CLOSED: "UNPROCESSABLE_CONTENT",
  CORRESPONDENCE_NOT_FAILED: "UNPROCESSABLE_CONTENT",
  NO_CONTACT_DETAILS: "UNPROCESSABLE_CONTENT",
  UNAVAILABLE: "SERVICE_UNAVAILABLE",
  NOT_SET_UP: "SERVICE_UNAVAILABLE",
};

/** A refused file says why in its status: 413 too large, 415 a type not accepted, 422 the rest. */
export const rejectionStatus: Record<AttachmentRejection, TRPC_ERROR_CODE_KEY> = {
  "too-large": "PAYLOAD_TOO_LARGE",
  "type-not-allowed": "UNSUPPORTED_MEDIA_TYPE",
  "content-does-not-match-type": "UNPROCESSABLE_CONTENT",
  empty: "UNPROCESSABLE_CONTENT",
  "bad-file-name": "UNPROCESSABLE_CONTENT",
};

/** One thing a letter still needs before it may be issued. */
export interface MissingItem {
  element: string;
  description: string;
  source: string;
}

export interface ApiRefusal {
  code: ApiRefusalCode;
  message: string;
  rule: string | null;
  /** For LETTER_INCOMPLETE: every element still missing. */
  missing?: MissingItem[];
  /** For ATTACHMENT_REJECTED: why ("too-large", "type-not-allowed", "content-does-not-match-type", "empty", "bad-file-name"); "password-change-required" for PASSWORD_CHANGE_REQUIRED; a `NotSetUpReason` for NOT_SET_UP. */
  reason?: string;
  /** For RATE_LIMITED and UNAVAILABLE: seconds until the client may try again (also sent as Retry-After). */
  retryAfterSeconds?: number;
}

/** The cause carried by every deliberate API error; the error formatter shows it to clients. */
export class ApiProblem extends Error {
  override readonly name = "ApiProblem";
  constructor(readonly refusal: ApiRefusal) {
    super(refusal.message);
  }
}

function problem(refusal: ApiRefusal): TRPCError {
  const status = refusal.code === "ATTACHMENT_REJECTED" ? (rejectionStatus[refusal.reason as AttachmentRejection] ?? refusalStatus.ATTACHMENT_REJECTED) : refusalStatus[refusal.code];
  return new TRPCError({ code: status, message: refusal.message, cause: new ApiProblem(refusal) });
}

/** What a domain error tells the client: its code, message and rule, and what a letter lacks or why a file was refused. */
function refusalOf(error: DomainError): ApiRefusal {
  if (error instanceof RefusalError) return error.refusal;
  const detail = error as DomainError & { reason?: string; missing?: readonly MissingItem[] };
  return {
    code: error.code,
    message: error.message,
    rule: error.rule,
    ...(error.code === "ATTACHMENT_REJECTED" && detail.reason ? { reason: detail.reason } : {}),
    ...(error.code === "LETTER_INCOMPLETE" && detail.missing ? { missing: detail.missing.map(({ element, description, source }) => ({ element, description, source })) } : {}),
  };
}

/**
 * The one translation of a thrown error into what the client is told: an API error as it is, a
 * domain error (or a tRPC error carrying one) with its code's status from `refusalStatus`.
 * Anything else is null: a fault of the program (a TypeError, a RangeError…), which the caller
 * logs and answers with a 500, never as the person's mistake.
 */
export function apiErrorOf(error: unknown): TRPCError | null {
  if (error instanceof DomainError) return problem(refusalOf(error));
  if (error instanceof TRPCError) return error.cause instanceof DomainError ? problem(refusalOf(error.cause)) : error;
  return null;
}

/** A refusal from the lifecycle (`transition` returned `{ ok: false }`). */
export function refused(refusal: ApiRefusal): TRPCError {
  return problem(refusal);
}

export function notSignedIn(message = "Sign in to do this"): TRPCError {
  return problem({ code: "NOT_SIGNED_IN", message, rule: null });
}

export function noAccess(message: string, rule: string | null = null): TRPCError {
  return problem({ code: "NO_ACCESS", message, rule });
}

export const PASSWORD_CHANGE_MESSAGE = "Your password was set by an administrator: choose a new password before you do anything else";

/** A session whose password is temporary may only change it, read who it is and sign out. */
export function passwordChangeRequired(): TRPCError {
  return problem({ code: "PASSWORD_CHANGE_REQUIRED", message: PASSWORD_CHANGE_MESSAGE, rule: null, reason: "password-change-required" });
}

export function notFound(message: string): TRPCError {
  return problem({ code: "NOT_FOUND", message, rule: null });
}

export function badInput(message: string): TRPCError {
  return problem({ code: "INVALID_INPUT", message, rule: null });
}

export function unprocessable(code: ApiRefusalCode, message: string, rule: string | null = null, missing?: MissingItem[]): TRPCError {
  return problem({ code, message, rule, ...(missing ? { missing } : {}) });
}

export function versionConflict(message: string, code: ApiRefusalCode = "VERSION_CONFLICT"): TRPCError {
  return problem({ code, message, rule: null });
}

export function tooManyRequests(code: "LOCKED_OUT" | "RATE_LIMITED", message: string, retryAfterSeconds?: number): TRPCError {
  return problem({ code, message, rule: null, ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}) });
}

/**
 * The database dropped out under a request (a restart or failover). A 503 that says so, not
 * a 500: the request may or may not have been saved before the connection went, so the
 * message says how to find out rather than promising either.
 */
export function databaseUnavailable(retryAfterSeconds = 30): TRPCError {
  return problem({
    code: "UNAVAILABLE",
    message:
      "The complaints database is not answering just now. Please try again in a minute. If you were saving something, check whether it was saved before you send it again: sending a form again will not make a second case.",
    rule: null,
    retryAfterSeconds,
  });
}

/**
 * The server has no council for this request (hosting.ts): a 503 in plain words, the GOV.UK
 * "service unavailable" pattern, rather than a 500 or a 404 that blames the address.
 */
export function notSetUp(message: string, reason: NotSetUpReason): TRPCError {
  return problem({ code: "NOT_SET_UP", message, rule: null, reason });
}

/** Why there is no council for the request: the portal tells someone signing in what to do about each. */
export type NotSetUpReason = "nothing-installed" | "unknown-address" | "council-not-chosen" | "public-council-missing";

/** Field messages keyed by dotted path ("customer.name"); "" is the input as a whole. */
export function fieldMessages(error: z.ZodError): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join(".");
    (out[key] ??= []).push(issue.message);
  }
  return out;
}

export interface ErrorData {
  code: TRPC_ERROR_CODE_KEY;
  httpStatus: number;
  path: string | null;
  /** Present when the input failed validation. */
  fieldErrors: Record<string, string[]> | null;
  /** Present when a rule refused the request. */
  refusal: ApiRefusal | null;
}

export const INTERNAL_MESSAGE = "Something went wrong on our side. It has been logged; please try again, and tell the service desk if it keeps happening.";

/** What a client sees of an error: never a stack trace, never a database message. */
export function describeError(error: TRPCError): { message: string; fieldErrors: Record<string, string[]> | null; refusal: ApiRefusal | null } {
  const cause = error.cause;
  if (cause instanceof z.ZodError) {
    const fields = fieldMessages(cause);
    const summary = Object.entries(fields)
      .map(([path, messages]) => `${path || "input"}: ${messages.join("; ")}`)
      .join(". ");
    return { message: `The request is not valid. ${summary}`, fieldErrors: fields, refusal: null };
  }
  if (cause instanceof ApiProblem) return { message: cause.refusal.message, fieldErrors: null, refusal: cause.refusal };
  if (cause instanceof DomainError) return { message: cause.message, fieldErrors: null, refusal: refusalOf(cause) };
  if (error.code === "INTERNAL_SERVER_ERROR") return { message: INTERNAL_MESSAGE, fieldErrors: null, refusal: null };
  return { message: error.message, fieldErrors: null, refusal: null };
}
