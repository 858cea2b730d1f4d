import { DomainError } from "@complaints/core";
import type { StoredEvent } from "./events.js";

/**
 * A command was made against an old version of a case (or conduct process): someone else
 * changed it first. Nothing was written. `changes` are the events recorded since the version
 * the caller saw, so the UI can say what changed ("Jo acknowledged it at 10:02").
 */
export class ConflictError extends DomainError {
  override readonly name = "ConflictError";
  constructor(
    readonly streamId: string,
    readonly expectedVersion: number,
    readonly actualVersion: number,
    readonly changes: readonly StoredEvent[],
    /** What the stream is, in the person's words ("case", "plan"). */
    readonly what = "case",
  ) {
    const since = changes.map((e) => e.type.replace(/-/g, " ")).join(", ");
    super(
      "VERSION_CONFLICT",
      `Someone else changed this ${what} while you were working on it (now version ${actualVersion}${since ? `: ${since}` : ""}). Reload it, check what changed, and try again.`,
    );
  }
}

/** The row a command or query names does not exist (or not in the caller's council). */
export class NotFoundError extends DomainError {
  override readonly name = "NotFoundError";
  constructor(
    readonly entity: string,
    readonly key: string,
  ) {
    super("NOT_FOUND", `There is no ${entity} ${key}`);
  }
}

/** An idempotency key was sent again with a different request: refuse rather than guess. */
export class IdempotencyKeyReusedError extends DomainError {
  override readonly name = "IdempotencyKeyReusedError";
  constructor(
    readonly key: string,
    readonly caseId: string | null,
  ) {
    super("IDEMPOTENCY_MISMATCH", "This idempotency key was already used for a different submission; use a new key for a new submission");
  }
}

/** An attachment breaks the configured limits; nothing was stored. */
export class AttachmentRejectedError extends DomainError {
  override readonly name = "AttachmentRejectedError";
  constructor(
    readonly reason: AttachmentRejection,
    message: string,
  ) {
    super("ATTACHMENT_REJECTED", message);
  }
}

/** Why a file was refused; the API answers each with its own status (413, 415, 422). */
export type AttachmentRejection = "too-large" | "empty" | "type-not-allowed" | "content-does-not-match-type" | "bad-file-name";

/** Stored bytes (attachment file, letter) no longer match the SHA-256 recorded for them. */
export class IntegrityError extends Error {
  override readonly name = "IntegrityError";
  readonly code = "INTEGRITY";
}

/** SQLSTATEs raised by this package's triggers. */
export const SQLSTATE = Object.freeze({
  /** UPDATE, DELETE or TRUNCATE on an append-only table (events, letters). */
  appendOnly: "CX001",
  /** An event that does not extend its stream's hash chain. */
  brokenChain: "CX002",
  uniqueViolation: "23505",
  checkViolation: "23514",
  foreignKeyViolation: "23503",
});

/**
 * SQLSTATE classes and socket errors that mean "the database is not there just now" (a
 * restart, a failover, a dropped connection) rather than "this request was wrong": the
 * caller can say so plainly and ask to try again. 08 = connection exception; 57P01–57P03 =
 * the server shutting down or starting up; 53300 = too many connections.
 */
const UNAVAILABLE_STATES = new Set(["57P01", "57P02", "57P03", "53300"]);
const UNAVAILABLE_SOCKET_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT"]);
const UNAVAILABLE_MESSAGES = [
  /Connection terminated/i,
  /not queryable/i,
  /timeout exceeded when trying to connect/i,
  /the database system is (starting up|shutting down|in recovery mode)/i,
];

export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!(error instanceof Error) || depth > 4) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string" && (code.startsWith("08") || UNAVAILABLE_STATES.has(code) || UNAVAILABLE_SOCKET_CODES.has(code))) return true;
  if (UNAVAILABLE_MESSAGES.some((pattern) => pattern.test(error.message))) return true;
  return isDatabaseUnavailable(error.cause, depth + 1);
}
