import type { RefusalCode } from "./lifecycle/types.js";

/**
 * Every code a domain error may carry: the lifecycle's refusals and the failures of the layers
 * around it (a row that is not there, a stale version, a letter or file that cannot be made).
 * The API gives each one its HTTP status in a single table (apps/api/src/errors.ts), so a code
 * added here fails its typecheck until it has one.
 */
export type DomainErrorCode =
  | RefusalCode
  | "NOT_FOUND"
  | "VERSION_CONFLICT"
  | "IDEMPOTENCY_MISMATCH"
  | "ATTACHMENT_REJECTED"
  | "LETTER_INCOMPLETE"
  | "LETTER_NOT_POSSIBLE"
  | "LETTER_STALE";

/**
 * A failure the person can act on: a stable code, a plain message and the rule behind it where
 * there is one. Anything else thrown (a TypeError, a RangeError…) is a fault of the program,
 * reported as a logged 500 and never as the person's mistake.
 */
export class DomainError extends Error {
  override readonly name: string = "DomainError";
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly rule: string | null = null,
  ) {
    // Read as a sentence, however the layer that threw it phrased it ("a month is…").
    super(message.replace(/^./, (c) => c.toUpperCase()));
  }
}
