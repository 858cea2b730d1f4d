/**
 * Residents' tracking codes: proof, without an account, that someone is the person who made
 * the complaint (docs/decisions/0503-public-tracking-codes.md).
 *
 * A code is the first 60 bits of HMAC-SHA256(key, "tracking-code/v1/" + case id), written in
 * Douglas Crockford's base 32 as three groups of four ("7KQ2-M9XD-4RTA"): no I, L, O or U, so
 * it survives being read out on the phone and typed back in any case, with or without the
 * hyphens. Nothing per case is stored: the code is worked out again whenever it is needed
 * (the confirmation page, the acknowledgement letter, staff reading it to a caller) and
 * checked in constant time. Sixty bits, with the per-address limit on wrong answers, put
 * guessing out of reach.
 */
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { base32crockford } from "@scure/base";
import { serverSecretRepository, type Executor } from "@complaints/db";
// Reading a typed-in code is pure, so it is core's (input/public.ts): the forms check it too.
import { normaliseTrackingCode } from "@complaints/core";

const LENGTH = 12;
const SECRET_NAME = "tracking-code";
/** Checked when no case matched, so a wrong reference takes as long as a wrong code. */
const NO_CASE = "00000000-0000-4000-8000-000000000000";

/** "7KQ2M9XD4RTA" → "7KQ2-M9XD-4RTA" */
export function formatTrackingCode(canonical: string): string {
  return canonical.match(/.{1,4}/g)!.join("-");
}

export class TrackingCodes {
  private key: Promise<Buffer> | null = null;

  /**
   * @param configured TRACKING_SECRET, or null to use (and on first use make) the key kept in
   *   the database's server_secrets.
   */
  constructor(
    private readonly db: Executor,
    private readonly configured: string | null,
  ) {}

  private secret(): Promise<Buffer> {
    if (!this.key) {
      this.key = (this.configured !== null
        ? Promise.resolve(this.configured)
        : serverSecretRepository.getOrCreate(this.db, SECRET_NAME, () => randomBytes(32).toString("base64url"))
      ).then((value) => Buffer.from(value, "utf8"));
      // A failed read (the database restarting) is tried again next time, not remembered.
      this.key.catch(() => (this.key = null));
    }
    return this.key;
  }

  private async canonical(caseId: string): Promise<string> {
    const mac = createHmac("sha256", await this.secret())
      .update(`tracking-code/v1/${caseId}`)
      .digest();
    // 8 bytes encode to 13 characters; the first 12 carry the first 60 bits.
    return base32crockford.encode(mac.subarray(0, 8)).slice(0, LENGTH);
  }

  /**
   * Reads the key now, so `codeFor` inside a transaction needs no other connection (PGlite has
   * one: docs/toolchain.md gotcha 4). A receipt is written in the submission's transaction.
   */
  async prepare(): Promise<void> {
    await this.secret();
  }

  /** The case's code as people read it ("7KQ2-M9XD-4RTA"). */
  async codeFor(caseId: string): Promise<string> {
    return formatTrackingCode(await this.canonical(caseId));
  }

  /**
   * Whether `given` is the code of the case (null: no case had the reference given). The work
   * and the comparison are the same whichever is wrong.
   */
  async matches(caseId: string | null, given: string): Promise<boolean> {
    const expected = Buffer.from(await this.canonical(caseId ?? NO_CASE));
    const typed = Buffer.from(normaliseTrackingCode(given) ?? "-".repeat(LENGTH));
    return timingSafeEqual(expected, typed) && caseId !== null;
  }
}
