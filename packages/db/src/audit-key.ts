/**
 * The audit key: the HMAC key of the event log (layout 2) and of the stream heads. It is never
 * stored in the database, so whoever can write the database (its owner, a superuser, a restored
 * copy) cannot make a rewritten log verify. The process sets it once at start-up (AUDIT_KEY, or
 * the embedded demo's key file); appending an event without it is refused, not done unkeyed.
 */
import { createHmac } from "node:crypto";

export class AuditKeyMissingError extends Error {
  override readonly name = "AuditKeyMissingError";
  constructor() {
    super("No audit key: set AUDIT_KEY (at least 32 characters, e.g. `openssl rand -base64 32`) before writing or verifying the event log");
  }
}

/** The shortest key accepted: 32 characters (256 bits of base64 carry more than enough). */
export const AUDIT_KEY_MIN_LENGTH = 32;

let current: Buffer | null = null;

/** Sets the key this process signs and verifies the log with. */
export function setAuditKey(key: string): void {
  if (key.trim().length < AUDIT_KEY_MIN_LENGTH) throw new RangeError(`The audit key must have at least ${AUDIT_KEY_MIN_LENGTH} characters`);
  current = Buffer.from(key.trim(), "utf8");
}

/** Whether a key has been set. */
export function hasAuditKey(): boolean {
  return current !== null;
}

/** Lower-case hex HMAC-SHA-256 of the text with the audit key (throws without one). */
export function auditMac(text: string): string {
  if (!current) throw new AuditKeyMissingError();
  return createHmac("sha256", current).update(text, "utf8").digest("hex");
}
