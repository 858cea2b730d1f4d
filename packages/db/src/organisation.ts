/**
 * Councils and their structure. `councils.profile` holds the council profile (validated by
 * `@complaints/core` before it is saved); directorates, services and teams mirror it, keyed
 * by the profile's slugs (`code`), so cases and staff can point at them with foreign keys.
 * Saving a profile brings the mirror in step: new codes are inserted, names and plugins
 * updated, codes no longer in the profile archived (never deleted: old cases still point at them).
 */
import { sql } from "kysely";
import { DomainError } from "@complaints/core";
import { NotFoundError } from "./errors.js";
import { inTransaction } from "./executor.js";
import type { Executor } from "./executor.js";
import type { Directorate, Service } from "./schema.js";

export interface CouncilRecord {
  id: string;
  slug: string;
  name: string;
  referencePrefix: string;
  timeZone: string;
  profile: Record<string, unknown>;
  updatedAt: Date;
}

/** The parts of a profile the mirror needs (a `CouncilProfile` from core fits). */
export interface ProfileStructure {
  directorates: ReadonlyArray<{
    id: string;
    name: string;
    plugins?: readonly string[];
    services: ReadonlyArray<{ id: string; name: string; plugins?: readonly string[]; teams?: ReadonlyArray<{ id: string; name: string }> }>;
  }>;
}

export interface OrganisationIds {
  directorates: Map<string, string>;
  services: Map<string, string>;
  /** Keyed "<service code>/<team code>". */
  teams: Map<string, string>;
}

const councilColumns = ["id", "slug", "name", "reference_prefix", "time_zone", "profile", "updated_at"] as const;

function toCouncil(row: {
  id: string;
  slug: string;
  name: string;
  reference_prefix: string;
  time_zone: string;
  profile: Record<string, unknown>;
  updated_at: Date;
}): CouncilRecord {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    referencePrefix: row.reference_prefix,
    timeZone: row.time_zone,
    profile: row.profile,
    updatedAt: row.updated_at,
  };
}

async function listCouncils(db: Executor): Promise<CouncilRecord[]> {
  return (await db.selectFrom("councils").select(councilColumns).orderBy("slug").execute()).map(toCouncil);
}

async function findCouncil(db: Executor, id: string): Promise<CouncilRecord | undefined> {
  const row = await db.selectFrom("councils").select(councilColumns).where("id", "=", id).executeTakeFirst();
  return row && toCouncil(row);
}

async function findCouncilBySlug(db: Executor, slug: string): Promise<CouncilRecord | undefined> {
  const row = await db.selectFrom("councils").select(councilColumns).where("slug", "=", slug).executeTakeFirst();
  return row && toCouncil(row);
}

/** The council, or NotFoundError. */
async function getCouncil(db: Executor, id: string): Promise<CouncilRecord> {
  const council = await findCouncil(db, id);
  if (!council) throw new NotFoundError("council", id);
  return council;
}

async function insertCouncil(
  db: Executor,
  council: { slug: string; name: string; referencePrefix: string; profile: Record<string, unknown>; now: Date },
): Promise<string> {
  const { id } = await db
    .insertInto("councils")
    .values({
      slug: council.slug,
      name: council.name,
      reference_prefix: council.referencePrefix,
      profile: JSON.stringify(council.profile),
      created_at: council.now,
      updated_at: council.now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return id;
}

/**
 * Saves the profile and brings directorates, services and teams in step with it, in the
 * caller's transaction: the council's name and reference prefix follow the profile too (new
 * cases get the new prefix; references already given keep theirs). Returns the ids of
 * everything the profile names.
 */
async function saveProfile(
  db: Executor,
  councilId: string,
  profile: ProfileStructure & { name: string; referencePrefix?: string },
  now: Date,
): Promise<OrganisationIds> {
  await db
    .updateTable("councils")
    .set({ profile: JSON.stringify(profile), name: profile.name, ...(profile.referencePrefix ? { reference_prefix: profile.referencePrefix } : {}), updated_at: now })
    .where("id", "=", councilId)
    .execute();
  const ids: OrganisationIds = { directorates: new Map(), services: new Map(), teams: new Map() };

  const directorateCodes = profile.directorates.map((d) => d.id);
  const serviceCodes = profile.directorates.flatMap((d) => d.services.map((s) => s.id));
  for (const directorate of profile.directorates) {
    const { id: directorateId } = await db
      .insertInto("directorates")
      .values({ council_id: councilId, code: directorate.id, name: directorate.name, created_at: now })
      .onConflict((oc) => oc.columns(["council_id", "code"]).doUpdateSet({ name: directorate.name, archived_at: null }))
      .returning("id")
      .executeTakeFirstOrThrow();
    ids.directorates.set(directorate.id, directorateId);
    for (const service of directorate.services) {
      const plugins = [...new Set([...(directorate.plugins ?? []), ...(service.plugins ?? [])])];
      const { id: serviceId } = await db
        .insertInto("services")
        .values({ council_id: councilId, directorate_id: directorateId, code: service.id, name: service.name, plugins, created_at: now })
        .onConflict((oc) =>
          oc.columns(["council_id", "code"]).doUpdateSet({ name: service.name, directorate_id: directorateId, plugins, archived_at: null }),
        )
        .returning("id")
        .executeTakeFirstOrThrow();
      ids.services.set(service.id, serviceId);
      await followService(db, serviceId, directorateId);
      const teamCodes = (service.teams ?? []).map((t) => t.id);
      for (const team of service.teams ?? []) {
        const { id: teamId } = await db
          .insertInto("teams")
          .values({ council_id: councilId, service_id: serviceId, code: team.id, name: team.name, created_at: now })
          .onConflict((oc) => oc.columns(["service_id", "code"]).doUpdateSet({ name: team.name, archived_at: null }))
          .returning("id")
          .executeTakeFirstOrThrow();
        ids.teams.set(`${service.id}/${team.id}`, teamId);
      }
      let archiveTeams = db.updateTable("teams").set({ archived_at: now }).where("service_id", "=", serviceId).where("archived_at", "is", null);
      if (teamCodes.length) archiveTeams = archiveTeams.where("code", "not in", teamCodes);
      await archiveTeams.execute();
    }
  }
  await db
    .updateTable("services")
    .set({ archived_at: now })
    .where("council_id", "=", councilId)
    .where("archived_at", "is", null)
    .where("code", "not in", serviceCodes.length ? serviceCodes : [""])
    .execute();
  await db
    .updateTable("directorates")
    .set({ archived_at: now })
    .where("council_id", "=", councilId)
    .where("archived_at", "is", null)
    .where("code", "not in", directorateCodes.length ? directorateCodes : [""])
    .execute();
  return ids;
}

/**
 * A service moved to another directorate takes its cases with it: directorate scoping reads
 * the cases' own column (and the due-date and learning mirrors'), so they are brought in step
 * here rather than at each case's next write (docs/decisions/0514-configuration-in-the-portal.md).
 */
async function followService(db: Executor, serviceId: string, directorateId: string): Promise<void> {
  const moved = db.selectFrom("cases").select("id").where("service_id", "=", serviceId);
  await db.updateTable("due_dates").set({ directorate_id: directorateId }).where("case_id", "in", moved).where((eb) => eb("directorate_id", "is", null).or("directorate_id", "<>", directorateId)).execute();
  await db.updateTable("learning_actions").set({ directorate_id: directorateId }).where("case_id", "in", moved).where((eb) => eb("directorate_id", "is", null).or("directorate_id", "<>", directorateId)).execute();
  await db.updateTable("cases").set({ directorate_id: directorateId }).where("service_id", "=", serviceId).where((eb) => eb("directorate_id", "is", null).or("directorate_id", "<>", directorateId)).execute();
}

/** How many cases each service (by profile code) has, and how many of them are open. */
async function casesByService(db: Executor, councilId: string): Promise<Map<string, { open: number; all: number }>> {
  const rows = await db
    .selectFrom("cases")
    .innerJoin("services", "services.id", "cases.service_id")
    .select(["services.code as code", sql<number>`count(*)::int`.as("all"), sql<number>`count(*) filter (where cases.status <> 'closed')::int`.as("open")])
    .where("cases.council_id", "=", councilId)
    .groupBy("services.code")
    .execute();
  return new Map(rows.map((r) => [r.code, { open: Number(r.open), all: Number(r.all) }]));
}

export interface OrganisationUnit {
  id: string;
  code: string;
  name: string;
  archived: boolean;
}

export interface OrganisationTree {
  directorates: Array<
    OrganisationUnit & {
      services: Array<OrganisationUnit & { plugins: string[]; teams: OrganisationUnit[] }>;
    }
  >;
}

/** Directorates, services and teams as stored, archived ones included (flagged). */
async function organisation(db: Executor, councilId: string): Promise<OrganisationTree> {
  const [directorates, services, teams] = await Promise.all([
    db.selectFrom("directorates").select(["id", "code", "name", "archived_at"]).where("council_id", "=", councilId).orderBy("name").execute(),
    db
      .selectFrom("services")
      .select(["id", "directorate_id", "code", "name", "plugins", "archived_at"])
      .where("council_id", "=", councilId)
      .orderBy("name")
      .execute(),
    db.selectFrom("teams").select(["id", "service_id", "code", "name", "archived_at"]).where("council_id", "=", councilId).orderBy("name").execute(),
  ]);
  return {
    directorates: directorates.map((d) => ({
      id: d.id,
      code: d.code,
      name: d.name,
      archived: d.archived_at !== null,
      services: services
        .filter((s) => s.directorate_id === d.id)
        .map((s) => ({
          id: s.id,
          code: s.code,
          name: s.name,
          plugins: s.plugins,
          archived: s.archived_at !== null,
          teams: teams.filter((t) => t.service_id === s.id).map((t) => ({ id: t.id, code: t.code, name: t.name, archived: t.archived_at !== null })),
        })),
    })),
  };
}

/** Directorates as stored, by name; archived ones only when asked (reports of past periods name them). */
async function listDirectorates(db: Executor, councilId: string, options: { includeArchived?: boolean } = {}): Promise<Directorate[]> {
  let query = db.selectFrom("directorates").selectAll().where("council_id", "=", councilId);
  if (!options.includeArchived) query = query.where("archived_at", "is", null);
  return query.orderBy("name").execute();
}

async function listServices(db: Executor, councilId: string, options: { includeArchived?: boolean } = {}): Promise<Service[]> {
  let query = db.selectFrom("services").selectAll().where("council_id", "=", councilId);
  if (!options.includeArchived) query = query.where("archived_at", "is", null);
  return query.orderBy("name").execute();
}

// ---------------------------------------------------------------------------------------------
// Host names (docs/decisions/0316-council-by-host.md)
// ---------------------------------------------------------------------------------------------

const HOST_NAME = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/;

/**
 * A host name as it is stored and looked up: lower case, without a trailing dot. Null when it
 * is not a host name at all (a URL, a port, a space): the caller says so.
 */
export function normaliseHostName(raw: string): string | null {
  const host = raw.trim().toLowerCase().replace(/\.$/, "");
  return host.length > 0 && host.length <= 253 && HOST_NAME.test(host) ? host : null;
}

/** The host names the council's pages answer to, in order. */
async function councilHosts(db: Executor, councilId: string): Promise<string[]> {
  const rows = await db.selectFrom("council_hosts").select("host").where("council_id", "=", councilId).orderBy("host").execute();
  return rows.map((r) => r.host);
}

/**
 * Makes `hosts` the council's host names, replacing the ones it had, in one transaction.
 * Refuses, naming it, a name that is not a host name or that another council already answers to.
 */
async function setCouncilHosts(db: Executor, councilId: string, hosts: readonly string[], now: Date): Promise<string[]> {
  const names: string[] = [];
  for (const raw of hosts) {
    const host = normaliseHostName(raw);
    if (!host) throw new DomainError("INVALID_INPUT", `"${raw}" is not a host name: give the name alone, such as complaints.example.gov.uk, without https:// or a port`);
    if (!names.includes(host)) names.push(host);
  }
  return inTransaction(db, async (trx) => {
    await getCouncil(trx, councilId);
    if (names.length > 0) {
      const taken = await trx
        .selectFrom("council_hosts")
        .innerJoin("councils", "councils.id", "council_hosts.council_id")
        .select(["council_hosts.host", "councils.name"])
        .where("council_hosts.host", "in", names)
        .where("council_hosts.council_id", "<>", councilId)
        .execute();
      if (taken.length > 0) {
        throw new DomainError("INVALID_INPUT", taken.map((t) => `${t.host} is already the address of ${t.name}`).join("; "));
      }
    }
    await trx.deleteFrom("council_hosts").where("council_id", "=", councilId).execute();
    if (names.length > 0) await trx.insertInto("council_hosts").values(names.map((host) => ({ host, council_id: councilId, created_at: now }))).execute();
    return [...names].sort();
  });
}

/** The council that answers to this host name, if any. */
async function findCouncilByHost(db: Executor, host: string): Promise<CouncilRecord | undefined> {
  const name = normaliseHostName(host);
  if (!name) return undefined;
  const row = await db
    .selectFrom("council_hosts")
    .innerJoin("councils", "councils.id", "council_hosts.council_id")
    .select(councilColumns.map((c) => `councils.${c}` as const))
    .where("council_hosts.host", "=", name)
    .executeTakeFirst();
  return row && toCouncil(row);
}

/** Whether any council on this server has a host name of its own. */
async function anyCouncilHosts(db: Executor): Promise<boolean> {
  return (await db.selectFrom("council_hosts").select("host").limit(1).executeTakeFirst()) !== undefined;
}

/** Whether the council's data has been seeded (any staff at all). */
async function staffCount(db: Executor, councilId: string): Promise<number> {
  const row = await db
    .selectFrom("staff")
    .select(sql<number>`count(*)::int`.as("n"))
    .where("council_id", "=", councilId)
    .executeTakeFirstOrThrow();
  return row.n;
}

export const organisationRepository = Object.freeze({
  listCouncils,
  findCouncil,
  getCouncil,
  findCouncilBySlug,
  findCouncilByHost,
  councilHosts,
  setCouncilHosts,
  anyCouncilHosts,
  insertCouncil,
  saveProfile,
  organisation,
  casesByService,
  listDirectorates,
  listServices,
  staffCount,
});
