/**
 * Account lockout after repeated failed sign-ins. Keyed by council and email, whether or not
 * the account exists, so the response never tells an attacker which emails are real.
 *
 * Kept in the memory of each API process (docs/decisions/0303-staff-authentication.md): with
 * several processes an attacker gets at most `maxFailures` tries per process per window, on
 * top of the per-IP rate limit. A shared table is the planned follow-up.
 */
import type { Clock } from "@complaints/core";
import type { LockoutPolicy } from "../config.js";

export interface LockoutState {
  locked: boolean;
  /** When the lock ends, if locked. */
  until: Date | null;
}

export class LoginLockout {
  private readonly failures = new Map<string, number[]>();
  private readonly locks = new Map<string, number>();

  constructor(
    private readonly policy: LockoutPolicy,
    private readonly clock: Clock,
  ) {}

  static key(councilId: string | null, email: string): string {
    return `${councilId ?? "*"}|${email.trim().toLowerCase()}`;
  }

  state(key: string): LockoutState {
    const until = this.locks.get(key);
    const now = this.clock.now().getTime();
    if (until !== undefined && until > now) return { locked: true, until: new Date(until) };
    if (until !== undefined) this.locks.delete(key);
    return { locked: false, until: null };
  }

  /** Records a failure; returns the lock if this failure caused one. */
  fail(key: string): LockoutState {
    const now = this.clock.now().getTime();
    const windowStart = now - this.policy.windowMinutes * 60_000;
    const recent = (this.failures.get(key) ?? []).filter((t) => t > windowStart);
    recent.push(now);
    if (recent.length >= this.policy.maxFailures) {
      this.failures.delete(key);
      const until = now + this.policy.lockMinutes * 60_000;
      this.locks.set(key, until);
      return { locked: true, until: new Date(until) };
    }
    this.failures.set(key, recent);
    this.prune(windowStart);
    return { locked: false, until: null };
  }

  succeed(key: string): void {
    this.failures.delete(key);
  }

  /** An administrator unlocks an account. */
  unlock(key: string): void {
    this.failures.delete(key);
    this.locks.delete(key);
  }

  private prune(windowStart: number): void {
    if (this.failures.size < 10_000) return;
    for (const [key, times] of this.failures) if (!times.some((t) => t > windowStart)) this.failures.delete(key);
  }
}
