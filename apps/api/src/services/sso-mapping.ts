/**
 * The council's single sign-on groups and the roles they give (issue 14; decision 0317), for
 * its administrators to read and change. The mapping is part of the council profile
 * (`singleSignOn`), so it is checked with the rest of it, saved with an administration event,
 * and exported with the profile; sign-in applies it (auth/oidc.ts, auth/sso-groups.ts).
 */
import type { Context } from "../context.js";
import { badInput } from "../errors.js";
import { ROLE_LABELS, type StaffRole } from "../access/policy.js";
import type { StaffPrincipal } from "../access/principal.js";
import { getProfile, saveProfile } from "./admin.js";

export interface GroupRoleInput {
  group: string;
  role: StaffRole;
  /** A directorate's code; null for a council-wide role. */
  directorate: string | null;
}

export async function groupMapping(ctx: Context, admin: StaffPrincipal) {
  const runtime = await ctx.deps.councils.get(admin.councilId);
  const sso = runtime.profile.singleSignOn;
  const names = new Map(runtime.profile.directorates.map((d) => [d.id, d.name]));
  return {
    /** Whether this server signs people in through an identity provider, and the claim it reads groups from. */
    signOn: ctx.deps.oidc ? { label: ctx.deps.oidc.settings.label, groupsClaim: ctx.deps.oidc.settings.groupsClaim } : null,
    groupRoles: (sso?.groupRoles ?? []).map((g) => ({
      group: g.group,
      role: g.role,
      directorate: g.directorate ?? null,
      /** "Investigating officer (Environment)". */
      label: `${ROLE_LABELS[g.role]} (${g.directorate ? (names.get(g.directorate) ?? g.directorate) : "council-wide"})`,
    })),
    contact: sso?.contact ?? null,
    directorates: runtime.profile.directorates.map((d) => ({ code: d.id, name: d.name })),
  };
}

/**
 * Replaces the mapping and who to contact. The profile's check refuses an unknown directorate
 * and a role outside the central ones given council-wide; nothing else in the profile changes,
 * so no case's deadlines are recalculated.
 */
export async function setGroupMapping(ctx: Context, admin: StaffPrincipal, input: { groupRoles: GroupRoleInput[]; contact: string | null; reason: string }) {
  const seen = new Set<string>();
  for (const g of input.groupRoles) {
    const key = `${g.group}|${g.role}|${g.directorate ?? ""}`;
    if (seen.has(key)) throw badInput(`The group "${g.group}" already gives ${ROLE_LABELS[g.role]} there`);
    seen.add(key);
  }
  const { profile } = await getProfile(ctx, admin);
  const { singleSignOn: _previous, ...rest } = profile;
  const singleSignOn =
    input.groupRoles.length || input.contact
      ? {
          groupRoles: input.groupRoles.map((g) => ({ group: g.group, role: g.role, ...(g.directorate ? { directorate: g.directorate } : {}) })),
          ...(input.contact ? { contact: input.contact } : {}),
        }
      : undefined;
  await saveProfile(ctx, admin, singleSignOn ? { ...rest, singleSignOn } : rest, { reason: input.reason, recalculate: false });
  return groupMapping(ctx, admin);
}
