import type { StoredEvent } from "./events.js";

/**
 * A command was made against an old version of a case (or conduct process): someone else
 * changed it first. Nothing was written. `changes` are the events recorded since the version
 * the caller saw, so the UI can say what changed ("Jo acknowledged it at 10:02").
 */
export class ConflictError extends Error {
  override readonly name = "ConflictError";
  readonly code = "CONFLICT";
  constructor(
    readonly streamId: string,
    readonly expectedVersion: number,
    readonly actualVersion: number,
    readonly changes: readonly StoredEvent[],
  ) {
    super(
      `Version ${expectedVersion} is out of date: it is now version ${actualVersion}` +
        (changes.length ? ` after ${changes.map((e) => e.type).join(", ")}` : ""),
    );
  }
}

/** The row a command or query names does not exist (or not in the caller's council). */
export class NotFoundError extends Error {
  override readonly name = "NotFoundError";
  readonly code = "NOT_FOUND";
  constructor(
    readonly entity: string,
    readonly key: string,
  ) {
    super(`No ${entity} ${key}`);
  }
}

/** An idempotency key was sent again with a different request: refuse rather than guess. */
export class IdempotencyKeyReusedError extends Error {
  override readonly name = "IdempotencyKeyReusedError";
  readonly code = "IDEMPOTENCY_KEY_REUSED";
  constructor(
    readonly key: string,
    readonly caseId: string | null,
  ) {
    super(`Idempotency key "${key}" was already used for a different request`);
  }
}

/** An attachment breaks the configured limits; nothing was stored. */
export class AttachmentRejectedError extends Error {
  override readonly name = "AttachmentRejectedError";
  readonly code = "ATTACHMENT_REJECTED";
  constructor(
    readonly reason:
      "too-large" | "empty" | "type-not-allowed" | "content-does-not-match-type" | "bad-file-name",
    message: string,
  ) {
    super(message);
  }
}

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
