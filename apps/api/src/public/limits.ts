/**
 * Limits per client address on the public procedures, which anyone may call without signing
 * in: every call, cases submitted, and wrong reference-and-code answers. They use
 * express-rate-limit's store, as the sign-in limit does, but are applied inside the
 * procedures, so the portal's forms (which call the API in-process) are limited exactly as
 * HTTP clients are. The address is express's `req.ip`, which honours TRUST_PROXY; IPv6
 * addresses are grouped by /56 as express-rate-limit advises. Kept in each process's memory
 * (like the sign-in limit): with n processes a client gets up to n times the limit.
 */
import { ipKeyGenerator, MemoryStore, type Options } from "express-rate-limit";
import type { PublicFormSettings } from "../config.js";

export interface Verdict {
  ok: boolean;
  /** When the window ends and the client may try again. */
  retryAt: Date;
}

class Bucket {
  private readonly store = new MemoryStore();

  constructor(
    readonly limit: number,
    readonly windowMs: number,
  ) {
    this.store.init({ windowMs } as Options);
  }

  /** Counts one more and says whether it is within the limit. */
  async hit(key: string): Promise<Verdict> {
    const info = await this.store.increment(key);
    return { ok: info.totalHits <= this.limit, retryAt: info.resetTime ?? new Date(Date.now() + this.windowMs) };
  }

  /** Whether one more would be within the limit, without counting it. */
  async check(key: string): Promise<Verdict> {
    const info = await this.store.get(key);
    return { ok: !info || info.totalHits < this.limit, retryAt: info?.resetTime ?? new Date(Date.now() + this.windowMs) };
  }
}

const MINUTES = 60_000;

export class PublicLimits {
  readonly requests: Bucket;
  readonly submissions: Bucket;
  readonly lookupFailures: Bucket;

  constructor(settings: PublicFormSettings) {
    this.requests = new Bucket(settings.requestsPerIp, 15 * MINUTES);
    this.submissions = new Bucket(settings.submissionsPerIp, 60 * MINUTES);
    this.lookupFailures = new Bucket(settings.lookupFailuresPerIp, 15 * MINUTES);
  }

  /** The key of a client address (callers built in-process without one share a key). */
  static clientKey(ip: string | null): string {
    return ip ? ipKeyGenerator(ip) : "no-address";
  }
}
