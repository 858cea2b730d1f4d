/**
 * Single sign-on groups that give roles (issue 14; docs/decisions/0317-staff-import-and-sso-groups.md).
 * A council's profile maps identity-provider groups to roles (`singleSignOn.groupRoles`); at
 * every SSO sign-in the person's mapped roles are put in step with their groups, and someone
 * with a mapped group but no account gets one.
 *
 * The roles the mapping can give are the identity provider's to decide: at each sign-in a
 * person holds exactly those of them their groups give. Roles the mapping cannot give are an
 * administrator's, granted in the platform, and a sign-in never touches them.
 */
import type { CouncilProfile, ProfileProblem } from "@complaints/core";
import { CENTRAL_ROLES, ROLE_LABELS, type StaffRole } from "../access/policy.js";

export interface MappedGrant {
  role: StaffRole;
  directorateId: string | null;
}

export type GroupMapping = NonNullable<CouncilProfile["singleSignOn"]>["groupRoles"];

/** What is wrong with a mapping that core's schema cannot know: only the central roles are council-wide (policy.ts). */
export function groupMappingProblems(profile: CouncilProfile): ProfileProblem[] {
  return (profile.singleSignOn?.groupRoles ?? []).flatMap((g, i) =>
    g.directorate === undefined && !CENTRAL_ROLES.has(g.role)
      ? [{ path: `singleSignOn.groupRoles.${i}.directorate`, value: "missing", rule: `${ROLE_LABELS[g.role]} is granted within a directorate: give the directorate of the group "${g.group}"` }]
      : [],
  );
}

export const grantKey = (g: { role: string; directorateId: string | null }) => `${g.role}|${g.directorateId ?? ""}`;

function toGrant(entry: GroupMapping[number], directorateIdByCode: ReadonlyMap<string, string>): MappedGrant | null {
  if (entry.directorate === undefined) return CENTRAL_ROLES.has(entry.role) ? { role: entry.role, directorateId: null } : null;
  const id = directorateIdByCode.get(entry.directorate);
  return id ? { role: entry.role, directorateId: id } : null;
}

/** Every grant the mapping can give: the ones a sign-in keeps in step with the person's groups. */
export function managedGrants(mapping: GroupMapping, directorateIdByCode: ReadonlyMap<string, string>): Set<string> {
  return new Set(mapping.map((e) => toGrant(e, directorateIdByCode)).filter((g): g is MappedGrant => g !== null).map(grantKey));
}

/** The grants the person's groups give (each once). Group names compare exactly, as the provider sends them. */
export function grantsForGroups(mapping: GroupMapping, groups: readonly string[], directorateIdByCode: ReadonlyMap<string, string>): MappedGrant[] {
  const member = new Set(groups);
  const out = new Map<string, MappedGrant>();
  for (const entry of mapping) {
    if (!member.has(entry.group)) continue;
    const grant = toGrant(entry, directorateIdByCode);
    if (grant) out.set(grantKey(grant), grant);
  }
  return [...out.values()];
}

/**
 * The person's grants after a sign-in: the ones the mapping cannot give as they were, the
 * ones it can give as their groups say.
 */
export function grantsInStep(current: readonly MappedGrant[], mapping: GroupMapping, groups: readonly string[], directorateIdByCode: ReadonlyMap<string, string>): MappedGrant[] {
  const managed = managedGrants(mapping, directorateIdByCode);
  const own = current.filter((g) => !managed.has(grantKey(g)));
  const mapped = grantsForGroups(mapping, groups, directorateIdByCode);
  const seen = new Set(own.map(grantKey));
  return [...own, ...mapped.filter((g) => !seen.has(grantKey(g)))];
}
