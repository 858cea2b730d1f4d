/**
 * Signing in and out with a local account. The same wording for an unknown email and a
 * wrong password, the same time spent on both, and a lockout after repeated failures.
 */
import { authRepository, organisationRepository, type StaffIdentity } from "@complaints/db";
import type { AppDeps, CookieJar, RequestInfo } from "../context.js";
import { LoginLockout } from "../auth/lockout.js";
import { hashPassword, passwordProblem, verifyPassword } from "../auth/passwords.js";
import { endSession, sessionCookieName, startSession, toPrincipal } from "../auth/sessions.js";
import { badInput, notSetUp, notSignedIn } from "../errors.js";
import { chooseCouncil, councilOfHost, INSTALL_HINT } from "../hosting.js";
import type { StaffPrincipal } from "../access/principal.js";

export const WRONG_CREDENTIALS = "The email address or password is not right";

export interface LoginInput {
  email: string;
  password: string;
  /** The council's slug; needed only when the same email has accounts in two councils. */
  council?: string | undefined;
}

export async function loginWithPassword(deps: AppDeps, input: LoginInput, request: RequestInfo): Promise<{ staff: StaffIdentity; token: string; expiresAt: Date }> {
  const db = deps.database.db;
  if (!input.email.trim() || input.email.length > 320) throw badInput("Enter your email address (at most 320 characters)");
  // Limits first, per address and per account across councils (auth/lockout.ts), before
  // the council is even looked up: naming one, or a wrong one, counts the same.
  const attempt = { email: input.email, ip: request.ip };
  await deps.lockout.admit(attempt);
  if ((await organisationRepository.listCouncils(db)).length === 0) throw notSetUp(INSTALL_HINT, "nothing-installed");
  // A council's own address signs in its own staff only (docs/decisions/0316-council-by-host.md).
  const byHost = await councilOfHost(deps, request.host);
  let councilId = byHost?.id;
  if (input.council) {
    const council = await organisationRepository.findCouncilBySlug(db, input.council);
    if (!council || (byHost && council.id !== byHost.id)) {
      await deps.lockout.fail(attempt);
      throw badInput(council ? `This is ${byHost!.name}'s address: sign in to ${council.name} at its own address` : `There is no council "${input.council}"`);
    }
    councilId = council.id;
  }

  let candidates = await authRepository.findStaffByEmail(db, input.email, councilId);
  if (candidates.length > 1) {
    // Accounts in several councils: the council this address is for (its /c/<slug>/ prefix,
    // PUBLIC_COUNCIL) settles which, when it is one of them.
    const chosen = await chooseCouncil(deps, request).catch(() => null);
    const mine = chosen ? candidates.filter((c) => c.councilId === chosen.runtime.council.id) : [];
    if (mine.length !== 1) throw badInput("This email has accounts in more than one council: choose the council");
    candidates = mine;
  }
  const staff = candidates[0];
  const ok = await verifyPassword(staff?.passwordHash ?? null, input.password);
  if (!staff || !ok) {
    const after = await deps.lockout.fail({ ...attempt, councilId: councilId ?? null });
    deps.log.warn("sign-in failed", { email: input.email.toLowerCase(), ip: request.ip, locked: after.locked });
    if (after.locked) throw LoginLockout.lockedError(after, deps.clock.now());
    throw notSignedIn(WRONG_CREDENTIALS);
  }
  if (!staff.active) throw notSignedIn("This account is switched off; ask an administrator");
  await deps.lockout.succeed(input.email);
  const session = await startSession(deps, staff, request);
  deps.log.info("signed in", { staffId: staff.id, method: "password" });
  return { staff, token: session.token, expiresAt: session.expiresAt };
}

/** Puts the session token in the cookie jar (HttpOnly; SameSite=Lax is set by the adapter). */
export function setSessionCookie(deps: AppDeps, cookies: CookieJar, token: string, expiresAt: Date): void {
  const maxAgeSeconds = Math.max(1, Math.floor((expiresAt.getTime() - deps.clock.now().getTime()) / 1000));
  cookies.set(sessionCookieName(deps.config.secureCookies), token, { httpOnly: true, maxAgeSeconds });
}

export async function logout(deps: AppDeps, staff: StaffPrincipal, cookies: CookieJar): Promise<void> {
  if (staff.sessionId) await endSession(deps, staff.sessionId);
  cookies.clear(sessionCookieName(deps.config.secureCookies));
}

/**
 * Changes one's own password, which must pass the same rule as any other (auth/passwords.ts).
 * This is how a temporary password (set by an administrator) is replaced: the new one is the
 * person's own, so the account may do everything again. Every session of the account ends,
 * this one included: sign in again.
 */
export async function changePassword(deps: AppDeps, staff: StaffPrincipal, current: string, next: string): Promise<void> {
  const db = deps.database.db;
  const identity = await authRepository.findStaffById(db, staff.id);
  if (!identity || !(await verifyPassword(identity.passwordHash, current))) throw badInput("The current password is not right");
  if (next === current) throw badInput("Choose a new password that is different from the current one");
  const problem = passwordProblem(next, [identity.email, identity.displayName]);
  if (problem) throw badInput(problem);
  const now = deps.clock.now();
  await db.transaction().execute(async (trx) => {
    await authRepository.updateStaff(trx, staff.id, { passwordHash: await hashPassword(next), passwordMustChange: false }, now);
    await authRepository.revokeStaffSessions(trx, staff.id, now);
  });
}

export async function currentStaff(deps: AppDeps, staff: StaffPrincipal): Promise<StaffPrincipal> {
  const identity = await authRepository.findStaffById(deps.database.db, staff.id);
  if (!identity || !identity.active) throw notSignedIn();
  return toPrincipal(identity, staff.sessionId);
}
