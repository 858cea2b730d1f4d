/**
 * Who is asking, and the decisions that follow from their role grants. Pure functions over
 * the principal and a few facts about the case, so the authorisation matrix test can drive
 * them through the real procedures and read them here.
 */
import { isRestrictingFlag } from "@complaints/core";
import {
  CASE_LOGGERS,
  CASE_READERS,
  CENTRAL_ROLES,
  COMMAND_ROLES,
  LETTER_ISSUERS,
  ATTACHMENT_ADDERS,
  RESTRICTED_READERS,
  isStaffRole,
  type StaffRole,
} from "./policy.js";

export interface RoleGrant {
  role: StaffRole;
  /** null: council-wide (central roles only; for other roles it means the team's directorate). */
  directorateId: string | null;
}

export interface StaffPrincipal {
  kind: "staff";
  id: string;
  councilId: string;
  name: string;
  email: string;
  teamId: string | null;
  teamDirectorateId: string | null;
  grants: RoleGrant[];
  /** The session's id (hash of the cookie token); null when the caller was built in-process. */
  sessionId: string | null;
  /** An administrator set the password: nothing but changing it, reading oneself and signing out (trpc.ts). */
  passwordMustChange: boolean;
}

export const API_KEY_SCOPES = ["cases:create", "cases:read"] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

export interface ApiKeyPrincipal {
  kind: "api-key";
  id: string;
  councilId: string;
  name: string;
  /** The directorates the key may create and read cases in. */
  directorateIds: string[];
  scopes: ApiKeyScope[];
}

export type Principal = StaffPrincipal | ApiKeyPrincipal;

/** The directorate a grant covers: its own, the team's for a non-central role, or every one. */
function grantScope(staff: StaffPrincipal, grant: RoleGrant): string | "all" | null {
  if (grant.directorateId) return grant.directorateId;
  if (CENTRAL_ROLES.has(grant.role)) return "all";
  return staff.teamDirectorateId;
}

/** The roles the staff member holds for cases of this directorate. */
export function rolesIn(staff: StaffPrincipal, directorateId: string | null): StaffRole[] {
  const roles = new Set<StaffRole>();
  for (const grant of staff.grants) {
    const scope = grantScope(staff, grant);
    if (scope === "all" || (scope !== null && scope === directorateId)) roles.add(grant.role);
  }
  return [...roles];
}

export function allRoles(staff: StaffPrincipal): StaffRole[] {
  return [...new Set(staff.grants.map((g) => g.role))];
}

export function hasRole(staff: StaffPrincipal, roles: ReadonlySet<StaffRole>): boolean {
  return staff.grants.some((g) => roles.has(g.role));
}

/** The directorates in which the staff member holds one of these roles ("all" for council-wide). */
export function directoratesWith(staff: StaffPrincipal, roles: ReadonlySet<StaffRole>): "all" | string[] {
  const ids = new Set<string>();
  for (const grant of staff.grants) {
    if (!roles.has(grant.role)) continue;
    const scope = grantScope(staff, grant);
    if (scope === "all") return "all";
    if (scope) ids.add(scope);
  }
  return [...ids];
}

/** What the access decisions need to know about a case. */
export interface CaseFacts {
  councilId: string;
  directorateId: string | null;
  /** About named staff, or flagged discrimination, harassment or safeguarding (see `isRestricted`). */
  restricted: boolean;
  /** Staff the complaint is about. */
  aboutStaffIds: readonly string[];
  /** The handler of the current stage, if any. */
  handlerId: string | null;
}

/** The rule the database mirrors into `cases.restricted`, stated here for the API's own checks. */
export function isRestricted(state: { flags: readonly string[]; aboutStaffIds: readonly string[] }): boolean {
  return state.aboutStaffIds.length > 0 || state.flags.some(isRestrictingFlag);
}

export type Decision = { ok: true; roles: StaffRole[] } | { ok: false; reason: string };

/** May this staff member read the case, and with which roles do they act on it? */
export function readDecision(staff: StaffPrincipal, facts: CaseFacts): Decision {
  if (staff.councilId !== facts.councilId) return { ok: false, reason: "The case belongs to another council" };
  if (facts.aboutStaffIds.includes(staff.id)) {
    return { ok: false, reason: "The complaint is about you, so you cannot see it; the complaints manager can help" };
  }
  const isHandler = facts.handlerId === staff.id;
  const scoped = rolesIn(staff, facts.directorateId).filter((r) => CASE_READERS.has(r));
  const roles = isHandler ? [...new Set([...scoped, ...allRoles(staff).filter((r) => CASE_READERS.has(r))])] : scoped;
  if (roles.length === 0) return { ok: false, reason: "This case belongs to a directorate you do not work in" };
  if (facts.restricted && !isHandler) {
    const allowed = roles.filter((r) => RESTRICTED_READERS.has(r));
    if (allowed.length === 0) {
      return { ok: false, reason: "This case is restricted (it concerns named staff, discrimination, harassment or safeguarding); only the DCRO, the complaints manager, the head of service, the director, legal services and the case handler can see it" };
    }
  }
  return { ok: true, roles };
}

/**
 * May this staff member issue the command on the case? `roles` are passed to core as the actor's.
 * `granted`: the roles the case's plugins add for this command (core's `grantedRolesFor`; a
 * plugin's `allowRoles`, as the council's profile lets it), beside the command's own roles.
 */
export function commandDecision(staff: StaffPrincipal, type: keyof typeof COMMAND_ROLES, facts: CaseFacts, granted: readonly string[] = []): Decision {
  const read = readDecision(staff, facts);
  if (!read.ok) return read;
  const allowed = [...new Set([...COMMAND_ROLES[type], ...granted.filter(isStaffRole)])];
  if (!read.roles.some((r) => allowed.includes(r))) {
    return { ok: false, reason: `Your role cannot ${type.replace(/-/g, " ")} a case (needs ${allowed.join(", ")})` };
  }
  return read;
}

/** May this staff member log a case into this directorate? */
export function logDecision(staff: StaffPrincipal, directorateId: string | null): Decision {
  const roles = rolesIn(staff, directorateId).filter((r) => CASE_LOGGERS.has(r));
  if (roles.length === 0) return { ok: false, reason: "Your role cannot log cases for this directorate" };
  return { ok: true, roles };
}

/** May this staff member draft and issue letters on the case? Its handler may, and LETTER_ISSUERS. */
export function letterDecision(staff: StaffPrincipal, facts: CaseFacts): Decision {
  const read = readDecision(staff, facts);
  if (!read.ok) return read;
  if (facts.handlerId === staff.id || read.roles.some((r) => LETTER_ISSUERS.has(r))) return read;
  return { ok: false, reason: `Only the case's handler, a DCRO, the complaints manager, the head of service or the director can write letters on this case` };
}

/** May this staff member act on this case's letters with one of these roles (printing, reading batches)? */
export function caseRoleDecision(staff: StaffPrincipal, facts: CaseFacts, roles: ReadonlySet<StaffRole>): Decision {
  const read = readDecision(staff, facts);
  if (!read.ok) return read;
  return read.roles.some((r) => roles.has(r)) ? read : { ok: false, reason: "Your role cannot do this for this case" };
}

/** May this staff member add files to the case? Its handler may, and ATTACHMENT_ADDERS. */
export function attachmentDecision(staff: StaffPrincipal, facts: CaseFacts): Decision {
  const read = readDecision(staff, facts);
  if (!read.ok) return read;
  if (facts.handlerId === staff.id || read.roles.some((r) => ATTACHMENT_ADDERS.has(r))) return read;
  return { ok: false, reason: "Your role cannot add files to this case" };
}
