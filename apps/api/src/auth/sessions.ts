/**
 * Staff sessions: a random token in an HttpOnly, SameSite=Lax cookie; the database keeps
 * only its SHA-256, so a leaked table cannot be replayed. Sessions slide with use up to an
 * absolute limit, and end on sign-out, password change or deactivation.
 */
import { createHash, randomBytes } from "node:crypto";
import { authRepository, type StaffIdentity } from "@complaints/db";
import type { AppDeps, RequestInfo } from "../context.js";
import type { RoleGrant, StaffPrincipal } from "../access/principal.js";
import { isStaffRole } from "../access/policy.js";

export const sha256hex = (value: string) => createHash("sha256").update(value).digest("hex");

export function sessionCookieName(secure: boolean): string {
  return secure ? "__Host-cm_session" : "cm_session";
}

export function toPrincipal(identity: StaffIdentity, sessionId: string | null): StaffPrincipal {
  const grants: RoleGrant[] = [];
  for (const g of identity.grants) if (isStaffRole(g.role)) grants.push({ role: g.role, directorateId: g.directorateId });
  return {
    kind: "staff",
    id: identity.id,
    councilId: identity.councilId,
    name: identity.displayName,
    email: identity.email,
    teamId: identity.teamId,
    teamDirectorateId: identity.teamDirectorateId,
    grants,
    sessionId,
    passwordMustChange: identity.passwordMustChange,
  };
}

export interface StartedSession {
  token: string;
  id: string;
  expiresAt: Date;
}

export async function startSession(deps: AppDeps, staff: StaffIdentity, request: RequestInfo): Promise<StartedSession> {
  const now = deps.clock.now();
  const token = randomBytes(32).toString("base64url");
  const id = sha256hex(token);
  const expiresAt = new Date(Math.min(now.getTime() + deps.config.sessionIdleMinutes * 60_000, now.getTime() + deps.config.sessionAbsoluteHours * 3_600_000));
  await authRepository.insertSession(deps.database.db, {
    id,
    councilId: staff.councilId,
    staffId: staff.id,
    createdAt: now,
    lastSeenAt: now,
    expiresAt,
    ip: request.ip,
    userAgent: request.userAgent,
  });
  await authRepository.recordLogin(deps.database.db, staff.id, now);
  return { token, id, expiresAt };
}

/** The staff member a session token belongs to, or null (unknown, expired, revoked, deactivated). */
export async function principalFromSession(deps: AppDeps, token: string): Promise<StaffPrincipal | null> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
  const now = deps.clock.now();
  const id = sha256hex(token);
  const found = await authRepository.findLiveSessionWithStaff(deps.database.db, id, now);
  if (!found || !found.staff.active) return null;
  const { session, staff } = found;
  // Slide the idle limit at most once a minute, never past the absolute limit.
  if (now.getTime() - session.lastSeenAt.getTime() > 60_000) {
    const absolute = session.createdAt.getTime() + deps.config.sessionAbsoluteHours * 3_600_000;
    const expiresAt = new Date(Math.min(now.getTime() + deps.config.sessionIdleMinutes * 60_000, absolute));
    await authRepository.touchSession(deps.database.db, id, now, expiresAt);
  }
  return toPrincipal(staff, id);
}

export async function endSession(deps: AppDeps, sessionId: string): Promise<void> {
  await authRepository.revokeSession(deps.database.db, sessionId, deps.clock.now());
}
