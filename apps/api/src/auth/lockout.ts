/**
 * Limits on signing in, kept in the database so every API process shares them (issue 20,
 * finding 5; decision 0303 as amended by 0311):
 *
 * - **Per account**: `maxFailures` failures within `windowMinutes` lock the account for
 *   `lockMinutes`. The account is the lower-cased email alone, whichever council was named
 *   (or none), and whether or not it exists, so the answer never tells an attacker which
 *   emails are real and naming a council never starts a second count.
 * - **Per client address**: at most LOGIN_ATTEMPTS_PER_IP failed or refused attempts in 15
 *   minutes, whatever the accounts. Applied inside sign-in itself (not by sniffing the URL),
 *   so `/trpc/auth%2Elogin`, a batch, the HTML form and the portal's in-process call are all
 *   the same procedure and all counted. A successful sign-in is not counted: a council office
 *   behind one address is not locked out by its own staff signing in at 9am. IPv6 addresses
 *   are grouped by /56, as for the public forms. Callers with no address (in-process tools and
 *   tests) are limited per account only.
 *
 * Every failure is one row of `login_failures` (account key, address key, when). The lock is
 * worked out from the account's recent failures by `lockedUntil`, a pure function: attempts
 * refused during a lock are recorded (they count against the address) but do not extend it.
 */
import { loginFailureRepository, type Database } from "@complaints/db";
import type { Clock } from "@complaints/core";
import { ipKeyGenerator } from "express-rate-limit";
import type { LockoutPolicy } from "../config.js";
import { tooManyRequests } from "../errors.js";

export interface LockoutState {
  locked: boolean;
  /** When the lock ends, if locked. */
  until: Date | null;
}

/** The window of the per-address limit. */
export const ADDRESS_WINDOW_MINUTES = 15;
const MINUTE = 60_000;

/**
 * When the account's lock ends, given the times of its failures (oldest first), or null when
 * it is not locked at `now`. Failures during a lock do not count towards another.
 */
export function lockedUntil(failures: readonly Date[], policy: LockoutPolicy, now: Date): Date | null {
  let recent: number[] = [];
  let until = Number.NEGATIVE_INFINITY;
  for (const at of failures.map((d) => d.getTime())) {
    if (at < until) continue;
    recent = recent.filter((t) => t > at - policy.windowMinutes * MINUTE);
    recent.push(at);
    if (recent.length >= policy.maxFailures) {
      until = at + policy.lockMinutes * MINUTE;
      recent = [];
    }
  }
  return until > now.getTime() ? new Date(until) : null;
}

function lockedMessage(until: Date): string {
  const time = until.toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit", timeZone: "Europe/London" });
  return `Too many failed sign-in attempts. Try again after ${time}, or ask an administrator to unlock your account`;
}

export const ADDRESS_LIMIT_MESSAGE = `Too many sign-in attempts from this network. Wait ${ADDRESS_WINDOW_MINUTES} minutes and try again`;

export interface Attempt {
  email: string;
  /** The council named, if any: recorded as a note; the count is the same without it. */
  councilId?: string | null | undefined;
  /** The client's address (express's req.ip, which honours TRUST_PROXY). */
  ip: string | null;
}

export class LoginLockout {
  constructor(
    private readonly database: Database,
    private readonly settings: { lockout: LockoutPolicy; loginAttemptsPerIp: number },
    private readonly clock: Clock,
  ) {}

  /** The key of a client address: IPv6 grouped by /56. */
  static addressKey(ip: string | null): string | null {
    return ip ? ipKeyGenerator(ip) : null;
  }

  /** The account's lock, if any, worked out from the failures every process recorded. */
  async state(email: string): Promise<LockoutState> {
    const now = this.clock.now();
    const policy = this.settings.lockout;
    // Far enough back to see a lock that started a whole window before it still held.
    const since = new Date(now.getTime() - 2 * (policy.windowMinutes + policy.lockMinutes) * MINUTE);
    const times = await loginFailureRepository.loginFailureTimes(this.database.db, { key: email, since });
    const until = lockedUntil(times, policy, now);
    return { locked: until !== null, until };
  }

  /**
   * Refuses an attempt before the password is checked: 429 when the address has used its
   * attempts, or the account is locked (that refusal is itself recorded as a failure).
   */
  async admit(attempt: Attempt): Promise<void> {
    const now = this.clock.now();
    const address = LoginLockout.addressKey(attempt.ip);
    if (address) {
      const since = new Date(now.getTime() - ADDRESS_WINDOW_MINUTES * MINUTE);
      const used = await loginFailureRepository.countLoginFailuresFromAddress(this.database.db, { ip: address, since });
      if (used >= this.settings.loginAttemptsPerIp) throw tooManyRequests("RATE_LIMITED", ADDRESS_LIMIT_MESSAGE, ADDRESS_WINDOW_MINUTES * 60);
    }
    const lock = await this.state(attempt.email);
    if (lock.locked) {
      await this.record(attempt);
      throw tooManyRequests("LOCKED_OUT", lockedMessage(lock.until!), Math.ceil((lock.until!.getTime() - now.getTime()) / 1000));
    }
  }

  /** Records a failed attempt; returns the lock if this failure caused one. */
  async fail(attempt: Attempt): Promise<LockoutState> {
    await this.record(attempt);
    return this.state(attempt.email);
  }

  /** The refusal for an attempt that has just locked the account. */
  static lockedError(state: LockoutState, now: Date) {
    return tooManyRequests("LOCKED_OUT", lockedMessage(state.until!), Math.ceil((state.until!.getTime() - now.getTime()) / 1000));
  }

  /** A successful sign-in clears the account's failures (in every council). */
  async succeed(email: string): Promise<void> {
    await loginFailureRepository.clearLoginFailures(this.database.db, { key: email });
  }

  /** An administrator unlocks an account. */
  async unlock(email: string): Promise<void> {
    await loginFailureRepository.clearLoginFailures(this.database.db, { key: email });
  }

  /** Removes failures too old to count for anything (called by the sweep). */
  async prune(): Promise<number> {
    const policy = this.settings.lockout;
    const keep = Math.max(2 * (policy.windowMinutes + policy.lockMinutes), ADDRESS_WINDOW_MINUTES);
    return loginFailureRepository.pruneLoginFailures(this.database.db, new Date(this.clock.now().getTime() - keep * MINUTE));
  }

  private async record(attempt: Attempt): Promise<void> {
    await loginFailureRepository.recordLoginFailure(this.database.db, {
      key: attempt.email,
      councilId: attempt.councilId ?? null,
      ip: LoginLockout.addressKey(attempt.ip),
      at: this.clock.now(),
    });
  }
}
