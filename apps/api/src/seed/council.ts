/**
 * Installing a council: its row, its profile (checked by core against the installed
 * plugins first) and the directorates, services and teams that mirror it; then staff.
 */
import { authRepository, inTransaction, organisationRepository, type Executor, type OrganisationIds } from "@complaints/db";
import type { CouncilProfile, CouncilProfileInput, ServicePlugin } from "@complaints/core";
import { RuleBook, parseCouncilProfile } from "@complaints/core";
import type { StaffRole } from "../access/policy.js";
import { hashPassword } from "../auth/passwords.js";

export interface InstalledCouncil {
  councilId: string;
  profile: CouncilProfile;
  ids: OrganisationIds;
}

export async function installCouncil(
  db: Executor,
  /** `hosts`: the host names its pages answer to, when one server holds several councils (docs/decisions/0316-council-by-host.md). */
  council: { slug: string; profile: CouncilProfileInput; hosts?: readonly string[] },
  plugins: readonly ServicePlugin[],
  now: Date,
): Promise<InstalledCouncil> {
  const profile = parseCouncilProfile(council.profile);
  new RuleBook(profile, plugins); // throws, naming the problem, before anything is written
  return inTransaction(db, async (trx) => {
    const councilId = await organisationRepository.insertCouncil(trx, {
      slug: council.slug,
      name: profile.name,
      referencePrefix: profile.referencePrefix,
      profile: profile as unknown as Record<string, unknown>,
      now,
    });
    const ids = await organisationRepository.saveProfile(trx, councilId, profile, now);
    if (council.hosts?.length) await organisationRepository.setCouncilHosts(trx, councilId, council.hosts, now);
    return { councilId, profile, ids };
  });
}

export interface StaffSpec {
  /** A short handle for the seed and tests ("cso-corporate"). */
  key: string;
  name: string;
  email: string;
  jobTitle?: string;
  /** Plain password, hashed here; null for an SSO-only account. */
  password: string | null;
  /** "<service code>/<team code>". */
  team?: string;
  /** Directorate by profile code; null grants council-wide (central roles only). */
  roles: Array<{ role: StaffRole; directorate: string | null }>;
}

/** Adds staff; returns their ids by key. Passwords are hashed with argon2id. */
export async function addStaff(db: Executor, installed: InstalledCouncil, specs: readonly StaffSpec[], now: Date): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  const hashes = new Map<string, string>();
  for (const password of new Set(specs.map((s) => s.password).filter((p): p is string => p !== null))) {
    hashes.set(password, await hashPassword(password));
  }
  for (const spec of specs) {
    const teamId = spec.team ? installed.ids.teams.get(spec.team) : null;
    if (spec.team && !teamId) throw new Error(`Staff ${spec.key}: no team ${spec.team} in the profile`);
    const id = await authRepository.insertStaff(
      db,
      {
        councilId: installed.councilId,
        email: spec.email,
        displayName: spec.name,
        jobTitle: spec.jobTitle ?? null,
        teamId: teamId ?? null,
        passwordHash: spec.password === null ? null : hashes.get(spec.password)!,
        grants: spec.roles.map((r) => {
          if (r.directorate === null) return { role: r.role, directorateId: null };
          const directorateId = installed.ids.directorates.get(r.directorate);
          if (!directorateId) throw new Error(`Staff ${spec.key}: no directorate ${r.directorate} in the profile`);
          return { role: r.role, directorateId };
        }),
      },
      now,
    );
    ids.set(spec.key, id);
  }
  return ids;
}
