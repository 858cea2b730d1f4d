/**
 * Installing and keeping a real council (issue 14), for the `council` command
 * (apps/api/src/cli/council.ts): the councils of a database, a council installed from a
 * profile with its first administrator in one transaction, its stored profile, and which
 * council a command is about. Run by the operator on the server, not through the API: there is
 * no administrator yet to call it.
 */
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { DomainError, parseCouncilProfile, slug as slugField, type CouncilProfile } from "@complaints/core";
import { adminLog, authRepository, inTransaction, organisationRepository, type CouncilRecord, type Executor } from "@complaints/db";
import type { AppDeps } from "../context.js";
import { hashPassword, passwordProblem } from "../auth/passwords.js";
import { installCouncil } from "../seed/council.js";

/** The command line as the actor of what it writes: the system, naming the OS user who ran it. */
export interface SystemActor {
  /** "cli:alice": kept as the events' actor id. */
  id: string;
  /** "council command (OS user alice)": kept in the events' payload. */
  name: string;
}

/** The councils of the database, each with the host names its pages answer to. */
export async function listCouncils(db: Executor): Promise<Array<CouncilRecord & { hosts: string[] }>> {
  const councils = await organisationRepository.listCouncils(db);
  return Promise.all(councils.map(async (c) => ({ ...c, hosts: await organisationRepository.councilHosts(db, c.id) })));
}

const refuse = (message: string) => new DomainError("NOT_ALLOWED_NOW", message);

/**
 * The council a command is about: the one named with `--council`, or else the only one.
 * Refuses when there is none, when the slug names none, or when there are several to choose from.
 */
export async function chooseCouncil(db: Executor, slug: string | undefined): Promise<CouncilRecord & { hosts: string[] }> {
  const councils = await listCouncils(db);
  const names = councils.map((c) => `${c.slug} (${c.name})`).join(", ");
  if (!councils.length) throw refuse("No council is installed in this database yet: install one first (npm run council -- install --profile <id|file> --admin-email <email>)");
  if (slug) {
    const found = councils.find((c) => c.slug === slug);
    if (!found) throw refuse(`There is no council "${slug}" in this database. Installed: ${names}`);
    return found;
  }
  if (councils.length > 1) throw refuse(`This database has ${councils.length} councils: name one with --council <slug> (${names})`);
  return councils[0]!;
}

/**
 * A temporary password for the first administrator: 120 random bits in five groups of four
 * characters, easy to read out and type. It must be changed at first sign-in (decision 0312).
 */
function temporaryPassword(about: readonly string[]): string {
  for (;;) {
    const raw = randomBytes(15).toString("base64url").replace(/[-_]/g, "x");
    const password = raw.match(/.{1,4}/g)!.join("-");
    if (!passwordProblem(password, about)) return password;
  }
}

export interface InstallRequest {
  /** Checked already (packages/profiles: resolveProfile); checked again here with the server's plugins. */
  profile: CouncilProfile;
  /** The council's slug; by default the profile's id. */
  slug?: string | undefined;
  admin: { email: string; name: string };
  /** The host names its pages answer to (docs/decisions/0316-council-by-host.md); none by default. */
  hosts?: readonly string[] | undefined;
  actor: SystemActor;
}

export interface InstallResult {
  council: { id: string; slug: string; name: string; referencePrefix: string; hosts: string[] };
  administrator: { id: string; email: string; name: string; temporaryPassword: string };
}

/**
 * Installs a council from its profile, with its directorates, services and teams, and its
 * first administrator (council-wide) holding a temporary password that must be changed at first
 * sign-in, stored only as an argon2id hash: all in one transaction, so nothing is half-installed.
 *
 * Refuses (writing nothing): a council with the same slug; any council already in the database
 * unless `slug` is given on purpose (a second council on a shared server); a slug or email that
 * is not valid; a host name that is not one, or that another council answers to.
 */
export async function installNewCouncil(deps: AppDeps, request: InstallRequest): Promise<InstallResult> {
  const db = deps.database.db;
  const slug = request.slug ?? request.profile.id;
  if (!slugField.safeParse(slug).success) throw new DomainError("INVALID_INPUT", `The council's slug "${slug}" is not valid: use lower-case letters, digits and hyphens`);
  const email = z.email().safeParse(request.admin.email.trim());
  if (!email.success) throw new DomainError("INVALID_INPUT", `The administrator's email "${request.admin.email}" is not an email address`);
  const adminName = request.admin.name.trim();
  if (!adminName) throw new DomainError("INVALID_INPUT", "Give the administrator's name");

  const councils = await listCouncils(db);
  const same = councils.find((c) => c.slug === slug);
  if (same) {
    throw refuse(`The council "${slug}" (${same.name}) is already installed in this database. To change its profile: npm run council -- update --council ${slug} --profile <file>`);
  }
  if (councils.length && request.slug === undefined) {
    throw refuse(
      `This database already has a council: ${councils.map((c) => `${c.slug} (${c.name})`).join(", ")}. A second council is installed only on purpose: name it with --slug <slug> (several councils on one server), or change the existing one with update`,
    );
  }

  const password = temporaryPassword([email.data, adminName]);
  const passwordHash = await hashPassword(password);
  const now = deps.clock.now();
  return inTransaction(db, async (trx) => {
    const installed = await installCouncil(trx, { slug, profile: request.profile, hosts: request.hosts ?? [] }, deps.councils.plugins, now);
    const hosts = await organisationRepository.councilHosts(trx, installed.councilId);
    const adminId = await authRepository.insertStaff(
      trx,
      {
        councilId: installed.councilId,
        email: email.data,
        displayName: adminName,
        jobTitle: "Administrator",
        teamId: null,
        passwordHash,
        passwordMustChange: true,
        grants: [{ role: "administrator", directorateId: null }],
      },
      now,
    );
    await adminLog.record(trx, {
      councilId: installed.councilId,
      actor: { type: "system", id: request.actor.id },
      type: "council-installed",
      at: now,
      payload: { slug, by: request.actor.name, profileId: installed.profile.id, hosts, administrator: { staffId: adminId, email: email.data, name: adminName } },
    });
    return {
      council: { id: installed.councilId, slug, name: installed.profile.name, referencePrefix: installed.profile.referencePrefix, hosts },
      administrator: { id: adminId, email: email.data, name: adminName, temporaryPassword: password },
    };
  });
}

/**
 * Makes `hosts` the council's host names (none: it answers only on the server's own address and
 * under /c/<slug>/), with an event in the council's administration log saying who and what was
 * there before; one transaction. Refuses, writing nothing, a name that is not a host name or
 * that another council answers to (organisationRepository.setCouncilHosts names it).
 */
export async function setHostNames(deps: AppDeps, council: CouncilRecord, hosts: readonly string[], actor: SystemActor): Promise<{ before: string[]; after: string[] }> {
  return inTransaction(deps.database.db, async (trx) => {
    const before = await organisationRepository.councilHosts(trx, council.id);
    const now = deps.clock.now();
    const after = await organisationRepository.setCouncilHosts(trx, council.id, hosts, now);
    if (before.join() !== after.join()) {
      await adminLog.record(trx, { councilId: council.id, actor: { type: "system", id: actor.id }, type: "council-hosts-set", at: now, payload: { by: actor.name, before, after } });
    }
    return { before, after };
  });
}

/** The council's stored profile, as core reads it (what `export` writes and `update` reads back). */
export function storedProfile(council: CouncilRecord): CouncilProfile {
  return parseCouncilProfile(council.profile);
}
