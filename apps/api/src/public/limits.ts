/**
 * Limits per client address on the public procedures, which anyone may call without signing
 * in: every call, cases submitted, and wrong reference-and-code answers. They use
 * express-rate-limit's store, as the sign-in limit does, but are applied inside the
 * procedures, so the portal's forms (which call the API in-process) are limited exactly as
 * HTTP clients are. The address is express's `req.ip`, which honours TRUST_PROXY; IPv6
 * addresses are grouped by /56 as express-rate-limit advises. Kept in each process's memory
 * (like the sign-in limit): with n processes a client gets up to n times the limit.
 */
import { ipKeyGenerator } from "express-rate-limit";
import type { Clock } from "@complaints/core";
import type { PublicFormSettings } from "../config.js";

export interface Verdict {
  ok: boolean;
  /** When the window ends and the client may try again. */
  retryAt: Date;
}

/** A fixed window per key, opened by its first hit, timed by the injected clock (as MemoryStore's are by the system's). */
class Bucket {
  private readonly windows = new Map<string, { hits: number; endsAt: number }>();
  private hitsSinceSweep = 0;

  constructor(
    readonly limit: number,
    readonly windowMs: number,
    private readonly clock: Clock,
  ) {}

  private open(key: string, now: number) {
    const window = this.windows.get(key);
    return window && window.endsAt > now ? window : null;
  }

  /** Counts one more and says whether it is within the limit. */
  async hit(key: string): Promise<Verdict> {
    const now = this.clock.now().getTime();
    const window = this.open(key, now) ?? { hits: 0, endsAt: now + this.windowMs };
    window.hits += 1;
    this.windows.set(key, window);
    if (++this.hitsSinceSweep >= 1000) this.sweep(now);
    return { ok: window.hits <= this.limit, retryAt: new Date(window.endsAt) };
  }

  /** Whether one more would be within the limit, without counting it. */
  async check(key: string): Promise<Verdict> {
    const now = this.clock.now().getTime();
    const window = this.open(key, now);
    return { ok: !window || window.hits < this.limit, retryAt: new Date(window?.endsAt ?? now + this.windowMs) };
  }

  /** Forgets the windows that have ended, so memory holds only the addresses seen lately. */
  private sweep(now: number) {
    this.hitsSinceSweep = 0;
    for (const [key, window] of this.windows) if (window.endsAt <= now) this.windows.delete(key);
  }
}

const MINUTES = 60_000;

export class PublicLimits {
  readonly requests: Bucket;
  readonly submissions: Bucket;
  readonly lookupFailures: Bucket;

  constructor(settings: PublicFormSettings, clock: Clock) {
    this.requests = new Bucket(settings.requestsPerIp, 15 * MINUTES, clock);
    this.submissions = new Bucket(settings.submissionsPerIp, 60 * MINUTES, clock);
    this.lookupFailures = new Bucket(settings.lookupFailuresPerIp, 15 * MINUTES, clock);
  }

  /** The key of a client address (callers built in-process without one share a key). */
  static clientKey(ip: string | null): string {
    return ip ? ipKeyGenerator(ip) : "no-address";
  }
}
