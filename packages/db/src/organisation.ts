import { sql } from "kysely";
import { NotFoundError } from "./errors.js";
import { inTransaction, toJson, type Executor } from "./executor.js";
import type { Council, Directorate, Service, Staff, Team } from "./schema.js";

export interface NewCouncil {
  /** kebab-case, unique: "leeds". */
  slug: string;
  name: string;
  /** Letters before case references: "CMP" gives CMP-2026-000123. */
  referencePrefix?: string;
  timeZone?: string;
  /** The council profile (validated by @complaints/core before it gets here). */
  profile?: Record<string, unknown>;
}

/**
 * The structure part of a council profile. `@complaints/core`'s `CouncilProfile["directorates"]`
 * fits as it is: the slugs (`id`) become the `code` of the rows.
 */
export interface OrganisationStructure {
  directorates: ReadonlyArray<{
    id: string;
    name: string;
    services: ReadonlyArray<{
      id: string;
      name: string;
      plugins?: readonly string[];
      settings?: unknown;
      teams?: ReadonlyArray<{ id: string; name: string }>;
    }>;
  }>;
}

export interface OrganisationIds {
  directorates: ReadonlyMap<string, string>;
  services: ReadonlyMap<string, string>;
  /** Keyed "<service code>/<team code>". */
  teams: ReadonlyMap<string, string>;
}

async function createCouncil(db: Executor, input: NewCouncil): Promise<Council> {
  return db
    .insertInto("councils")
    .values({
      slug: input.slug,
      name: input.name,
      ...(input.referencePrefix ? { reference_prefix: input.referencePrefix } : {}),
      ...(input.timeZone ? { time_zone: input.timeZone } : {}),
      ...(input.profile ? { profile: toJson(input.profile) } : {}),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

async function getCouncil(db: Executor, id: string): Promise<Council> {
  const council = await db
    .selectFrom("councils")
    .selectAll()
    .where("id", "=", id)
    .executeTakeFirst();
  if (!council) throw new NotFoundError("council", id);
  return council;
}

async function findCouncilBySlug(db: Executor, slug: string): Promise<Council | undefined> {
  return db.selectFrom("councils").selectAll().where("slug", "=", slug).executeTakeFirst();
}

/**
 * Makes the directorates, services and teams match the profile: inserts new ones, updates
 * names, plugins and settings, archives those the profile no longer lists (never deletes:
 * cases point at them) and un-archives any that come back. One transaction.
 */
async function syncOrganisation(
  db: Executor,
  councilId: string,
  structure: OrganisationStructure,
): Promise<OrganisationIds> {
  return inTransaction(db, async (trx) => {
    const now = new Date();
    const directorates = new Map<string, string>();
    const services = new Map<string, string>();
    const teams = new Map<string, string>();
    for (const d of structure.directorates) {
      const row = await trx
        .insertInto("directorates")
        .values({ council_id: councilId, code: d.id, name: d.name })
        .onConflict((oc) =>
          oc.columns(["council_id", "code"]).doUpdateSet({ name: d.name, archived_at: null }),
        )
        .returning("id")
        .executeTakeFirstOrThrow();
      directorates.set(d.id, row.id);
      for (const s of d.services) {
        const values = {
          directorate_id: row.id,
          name: s.name,
          plugins: [...(s.plugins ?? [])],
          settings: toJson(s.settings ?? {}),
        };
        const service = await trx
          .insertInto("services")
          .values({ council_id: councilId, code: s.id, ...values })
          .onConflict((oc) =>
            oc.columns(["council_id", "code"]).doUpdateSet({ ...values, archived_at: null }),
          )
          .returning("id")
          .executeTakeFirstOrThrow();
        services.set(s.id, service.id);
        for (const t of s.teams ?? []) {
          const team = await trx
            .insertInto("teams")
            .values({ council_id: councilId, service_id: service.id, code: t.id, name: t.name })
            .onConflict((oc) =>
              oc.columns(["service_id", "code"]).doUpdateSet({ name: t.name, archived_at: null }),
            )
            .returning("id")
            .executeTakeFirstOrThrow();
          teams.set(`${s.id}/${t.id}`, team.id);
        }
      }
    }
    const keep = <T>(ids: Iterable<T>) => [...ids];
    let archiveTeams = trx
      .updateTable("teams")
      .set({ archived_at: now })
      .where("council_id", "=", councilId)
      .where("archived_at", "is", null);
    if (teams.size) archiveTeams = archiveTeams.where("id", "not in", keep(teams.values()));
    await archiveTeams.execute();
    let archiveServices = trx
      .updateTable("services")
      .set({ archived_at: now })
      .where("council_id", "=", councilId)
      .where("archived_at", "is", null);
    if (services.size)
      archiveServices = archiveServices.where("id", "not in", keep(services.values()));
    await archiveServices.execute();
    let archiveDirectorates = trx
      .updateTable("directorates")
      .set({ archived_at: now })
      .where("council_id", "=", councilId)
      .where("archived_at", "is", null);
    if (directorates.size)
      archiveDirectorates = archiveDirectorates.where("id", "not in", keep(directorates.values()));
    await archiveDirectorates.execute();
    return { directorates, services, teams };
  });
}

async function listDirectorates(
  db: Executor,
  councilId: string,
  options: { includeArchived?: boolean } = {},
): Promise<Directorate[]> {
  let query = db.selectFrom("directorates").selectAll().where("council_id", "=", councilId);
  if (!options.includeArchived) query = query.where("archived_at", "is", null);
  return query.orderBy("name").execute();
}

async function listServices(
  db: Executor,
  councilId: string,
  options: { includeArchived?: boolean } = {},
): Promise<Service[]> {
  let query = db.selectFrom("services").selectAll().where("council_id", "=", councilId);
  if (!options.includeArchived) query = query.where("archived_at", "is", null);
  return query.orderBy("name").execute();
}

async function listTeams(db: Executor, councilId: string): Promise<Team[]> {
  return db
    .selectFrom("teams")
    .selectAll()
    .where("council_id", "=", councilId)
    .where("archived_at", "is", null)
    .orderBy("name")
    .execute();
}

export interface RoleGrant {
  role: string;
  /** null: the role applies in every directorate of the council. */
  directorateId: string | null;
}

export interface NewStaff {
  councilId: string;
  email: string;
  displayName: string;
  jobTitle?: string | null;
  teamId?: string | null;
  /** An encoded password hash (scrypt/argon2 string): the plain password never reaches this package. */
  passwordHash?: string | null;
  oidc?: { issuer: string; subject: string } | null;
  roles?: readonly RoleGrant[];
}

export type StaffWithRoles = Staff & { roles: RoleGrant[] };

async function createStaff(db: Executor, input: NewStaff): Promise<StaffWithRoles> {
  return inTransaction(db, async (trx) => {
    const staff = await trx
      .insertInto("staff")
      .values({
        council_id: input.councilId,
        email: input.email,
        display_name: input.displayName,
        job_title: input.jobTitle ?? null,
        team_id: input.teamId ?? null,
        password_hash: input.passwordHash ?? null,
        oidc_issuer: input.oidc?.issuer ?? null,
        oidc_subject: input.oidc?.subject ?? null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    for (const grant of input.roles ?? []) await grantRole(trx, staff.id, grant);
    return { ...staff, roles: await rolesOf(trx, staff.id) };
  });
}

async function withRoles(
  db: Executor,
  staff: Staff | undefined,
): Promise<StaffWithRoles | undefined> {
  return staff ? { ...staff, roles: await rolesOf(db, staff.id) } : undefined;
}

/** Case-insensitive, within one council. */
async function findStaffByEmail(
  db: Executor,
  councilId: string,
  email: string,
): Promise<StaffWithRoles | undefined> {
  const staff = await db
    .selectFrom("staff")
    .selectAll()
    .where("council_id", "=", councilId)
    .where(sql<string>`lower(email)`, "=", email.trim().toLowerCase())
    .executeTakeFirst();
  return withRoles(db, staff);
}

async function findStaffByOidcSubject(
  db: Executor,
  issuer: string,
  subject: string,
): Promise<StaffWithRoles | undefined> {
  const staff = await db
    .selectFrom("staff")
    .selectAll()
    .where("oidc_issuer", "=", issuer)
    .where("oidc_subject", "=", subject)
    .executeTakeFirst();
  return withRoles(db, staff);
}

async function grantRole(db: Executor, staffId: string, grant: RoleGrant): Promise<void> {
  await db
    .insertInto("staff_roles")
    .columns(["staff_id", "council_id", "role", "directorate_id"])
    .expression((eb) =>
      eb
        .selectFrom("staff")
        .select([
          "id",
          "council_id",
          eb.val(grant.role).as("role"),
          eb.cast<string | null>(eb.val(grant.directorateId), "uuid").as("directorate_id"),
        ])
        .where("id", "=", staffId),
    )
    .onConflict((oc) => oc.doNothing())
    .execute();
}

async function revokeRole(db: Executor, staffId: string, grant: RoleGrant): Promise<void> {
  await db
    .deleteFrom("staff_roles")
    .where("staff_id", "=", staffId)
    .where("role", "=", grant.role)
    .where((eb) =>
      grant.directorateId === null
        ? eb("directorate_id", "is", null)
        : eb("directorate_id", "=", grant.directorateId),
    )
    .execute();
}

async function rolesOf(db: Executor, staffId: string): Promise<RoleGrant[]> {
  const rows = await db
    .selectFrom("staff_roles")
    .select(["role", "directorate_id"])
    .where("staff_id", "=", staffId)
    .orderBy("role")
    .orderBy("directorate_id")
    .execute();
  return rows.map((r) => ({ role: r.role, directorateId: r.directorate_id }));
}

export const councilRepository = Object.freeze({
  createCouncil,
  getCouncil,
  findCouncilBySlug,
  syncOrganisation,
  listDirectorates,
  listServices,
  listTeams,
});

export const staffRepository = Object.freeze({
  createStaff,
  findStaffByEmail,
  findStaffByOidcSubject,
  grantRole,
  revokeRole,
  rolesOf,
});
