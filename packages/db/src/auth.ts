/**
 * The repository behind staff sign-in: staff identities with their role grants, sessions (stored as
 * the SHA-256 of the cookie token, never the token) and API keys (stored as the SHA-256 of
 * the key). Used by `@complaints/api`; every function takes the connection or transaction
 * first, like the repositories of this package.
 */
import { sql } from "kysely";
import type { Executor } from "./executor.js";

export interface RoleGrantRow {
  role: string;
  /** null: granted council-wide. */
  directorateId: string | null;
}

export interface StaffIdentity {
  id: string;
  councilId: string;
  email: string;
  displayName: string;
  jobTitle: string | null;
  teamId: string | null;
  /** The directorate of the staff member's team, when they are in one. */
  teamDirectorateId: string | null;
  active: boolean;
  passwordHash: string | null;
  /** The password was set by an administrator: the person must choose their own before anything else. */
  passwordMustChange: boolean;
  oidcIssuer: string | null;
  oidcSubject: string | null;
  grants: RoleGrantRow[];
}

function staffBase(db: Executor) {
  return db
    .selectFrom("staff as s")
    .leftJoin("teams as t", "t.id", "s.team_id")
    .leftJoin("services as sv", "sv.id", "t.service_id")
    .select([
      "s.id",
      "s.council_id",
      "s.email",
      "s.display_name",
      "s.job_title",
      "s.team_id",
      "sv.directorate_id as team_directorate_id",
      "s.active",
      "s.password_hash",
      "s.password_must_change",
      "s.oidc_issuer",
      "s.oidc_subject",
    ]);
}

type StaffBaseRow = {
  id: string;
  council_id: string;
  email: string;
  display_name: string;
  job_title: string | null;
  team_id: string | null;
  team_directorate_id: string | null;
  active: boolean;
  password_hash: string | null;
  password_must_change: boolean;
  oidc_issuer: string | null;
  oidc_subject: string | null;
};

async function withGrants(db: Executor, rows: StaffBaseRow[]): Promise<StaffIdentity[]> {
  if (rows.length === 0) return [];
  const grants = await db
    .selectFrom("staff_roles")
    .select(["staff_id", "role", "directorate_id"])
    .where(
      "staff_id",
      "in",
      rows.map((r) => r.id),
    )
    .orderBy("role")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    councilId: r.council_id,
    email: r.email,
    displayName: r.display_name,
    jobTitle: r.job_title,
    teamId: r.team_id,
    teamDirectorateId: r.team_directorate_id,
    active: r.active,
    passwordHash: r.password_hash,
    passwordMustChange: r.password_must_change,
    oidcIssuer: r.oidc_issuer,
    oidcSubject: r.oidc_subject,
    grants: grants.filter((g) => g.staff_id === r.id).map((g) => ({ role: g.role, directorateId: g.directorate_id })),
  }));
}

/** Staff with this email (case-insensitive), in every council or in one. */
async function findStaffByEmail(db: Executor, email: string, councilId?: string): Promise<StaffIdentity[]> {
  let query = staffBase(db).where((eb) => eb(eb.fn("lower", ["s.email"]), "=", email.trim().toLowerCase()));
  if (councilId) query = query.where("s.council_id", "=", councilId);
  return withGrants(db, await query.execute());
}

async function findStaffById(db: Executor, id: string): Promise<StaffIdentity | undefined> {
  const rows = await staffBase(db).where("s.id", "=", id).execute();
  return (await withGrants(db, rows))[0];
}

async function findStaffByOidc(db: Executor, issuer: string, subject: string): Promise<StaffIdentity | undefined> {
  const rows = await staffBase(db).where("s.oidc_issuer", "=", issuer).where("s.oidc_subject", "=", subject).execute();
  return (await withGrants(db, rows))[0];
}

async function listStaff(db: Executor, councilId: string): Promise<StaffIdentity[]> {
  const rows = await staffBase(db).where("s.council_id", "=", councilId).orderBy("s.display_name").orderBy("s.id").execute();
  return withGrants(db, rows);
}

async function linkOidcIdentity(db: Executor, staffId: string, issuer: string, subject: string, now: Date): Promise<void> {
  await db.updateTable("staff").set({ oidc_issuer: issuer, oidc_subject: subject, updated_at: now }).where("id", "=", staffId).execute();
}

async function recordLogin(db: Executor, staffId: string, now: Date): Promise<void> {
  await db.updateTable("staff").set({ last_login_at: now }).where("id", "=", staffId).execute();
}

export interface NewStaff {
  councilId: string;
  email: string;
  displayName: string;
  jobTitle?: string | null;
  teamId?: string | null;
  passwordHash?: string | null;
  /** With a password: true when an administrator set it for someone else (temporary). */
  passwordMustChange?: boolean;
  grants: RoleGrantRow[];
}

async function insertStaff(db: Executor, staff: NewStaff, now: Date): Promise<string> {
  const { id } = await db
    .insertInto("staff")
    .values({
      council_id: staff.councilId,
      email: staff.email.trim(),
      display_name: staff.displayName.trim(),
      job_title: staff.jobTitle ?? null,
      team_id: staff.teamId ?? null,
      password_hash: staff.passwordHash ?? null,
      password_must_change: Boolean(staff.passwordHash) && staff.passwordMustChange === true,
      created_at: now,
      updated_at: now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await replaceGrants(db, staff.councilId, id, staff.grants, now);
  return id;
}

async function replaceGrants(db: Executor, councilId: string, staffId: string, grants: RoleGrantRow[], now: Date): Promise<void> {
  await db.deleteFrom("staff_roles").where("staff_id", "=", staffId).execute();
  if (grants.length === 0) return;
  await db
    .insertInto("staff_roles")
    .values(grants.map((g) => ({ staff_id: staffId, council_id: councilId, role: g.role, directorate_id: g.directorateId, granted_at: now })))
    .execute();
}

export interface StaffUpdate {
  displayName?: string;
  jobTitle?: string | null;
  teamId?: string | null;
  active?: boolean;
  passwordHash?: string | null;
  /** With a new password: true when an administrator set it for someone else (temporary). */
  passwordMustChange?: boolean;
}

async function updateStaff(db: Executor, staffId: string, update: StaffUpdate, now: Date): Promise<void> {
  await db
    .updateTable("staff")
    .set({
      ...(update.displayName !== undefined ? { display_name: update.displayName.trim() } : {}),
      ...(update.jobTitle !== undefined ? { job_title: update.jobTitle } : {}),
      ...(update.teamId !== undefined ? { team_id: update.teamId } : {}),
      ...(update.active !== undefined ? { active: update.active } : {}),
      ...(update.passwordHash !== undefined ? { password_hash: update.passwordHash } : {}),
      ...(update.passwordMustChange !== undefined ? { password_must_change: update.passwordMustChange } : {}),
      updated_at: now,
    })
    .where("id", "=", staffId)
    .execute();
}

export interface SessionRecord {
  id: string;
  councilId: string;
  staffId: string;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
}

async function insertSession(
  db: Executor,
  session: SessionRecord & { ip: string | null; userAgent: string | null },
): Promise<void> {
  await db
    .insertInto("sessions")
    .values({
      id: session.id,
      council_id: session.councilId,
      staff_id: session.staffId,
      created_at: session.createdAt,
      last_seen_at: session.lastSeenAt,
      expires_at: session.expiresAt,
      ip: session.ip,
      user_agent: session.userAgent ? session.userAgent.slice(0, 500) : null,
    })
    .execute();
}

/** A live session (not revoked, not expired at `now`). */
async function findLiveSession(db: Executor, id: string, now: Date): Promise<SessionRecord | undefined> {
  const row = await db
    .selectFrom("sessions")
    .select(["id", "council_id", "staff_id", "created_at", "last_seen_at", "expires_at"])
    .where("id", "=", id)
    .where("revoked_at", "is", null)
    .where("expires_at", ">", now)
    .executeTakeFirst();
  return row && { id: row.id, councilId: row.council_id, staffId: row.staff_id, createdAt: row.created_at, lastSeenAt: row.last_seen_at, expiresAt: row.expires_at };
}

/**
 * A live session and its staff member, grants included, in one round trip: every signed-in
 * request starts here, so it is one query rather than three (session, staff, roles).
 */
async function findLiveSessionWithStaff(
  db: Executor,
  id: string,
  now: Date,
): Promise<{ session: SessionRecord; staff: StaffIdentity } | undefined> {
  const row = await staffBase(db)
    .innerJoin("sessions as se", "se.staff_id", "s.id")
    .select([
      "se.id as session_id",
      "se.council_id as session_council_id",
      "se.created_at as session_created_at",
      "se.last_seen_at as session_last_seen_at",
      "se.expires_at as session_expires_at",
    ])
    .select((eb) =>
      eb
        .selectFrom("staff_roles as r")
        .select(sql<RoleGrantRow[]>`coalesce(json_agg(json_build_object('role', r.role, 'directorateId', r.directorate_id) ORDER BY r.role), '[]'::json)`.as("grants"))
        .whereRef("r.staff_id", "=", "s.id")
        .as("grants"),
    )
    .where("se.id", "=", id)
    .where("se.revoked_at", "is", null)
    .where("se.expires_at", ">", now)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    session: {
      id: row.session_id,
      councilId: row.session_council_id,
      staffId: row.id,
      createdAt: row.session_created_at,
      lastSeenAt: row.session_last_seen_at,
      expiresAt: row.session_expires_at,
    },
    staff: {
      id: row.id,
      councilId: row.council_id,
      email: row.email,
      displayName: row.display_name,
      jobTitle: row.job_title,
      teamId: row.team_id,
      teamDirectorateId: row.team_directorate_id,
      active: row.active,
      passwordHash: row.password_hash,
      passwordMustChange: row.password_must_change,
      oidcIssuer: row.oidc_issuer,
      oidcSubject: row.oidc_subject,
      // PGlite and pg both parse json; a driver that does not would hand over the text.
      grants: (typeof row.grants === "string" ? JSON.parse(row.grants) : (row.grants ?? [])) as RoleGrantRow[],
    },
  };
}

async function touchSession(db: Executor, id: string, now: Date, expiresAt: Date): Promise<void> {
  await db.updateTable("sessions").set({ last_seen_at: now, expires_at: expiresAt }).where("id", "=", id).where("revoked_at", "is", null).execute();
}

async function revokeSession(db: Executor, id: string, now: Date): Promise<void> {
  await db.updateTable("sessions").set({ revoked_at: now }).where("id", "=", id).where("revoked_at", "is", null).execute();
}

async function revokeStaffSessions(db: Executor, staffId: string, now: Date): Promise<number> {
  const result = await db.updateTable("sessions").set({ revoked_at: now }).where("staff_id", "=", staffId).where("revoked_at", "is", null).executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export interface ApiKeyRecord {
  id: string;
  councilId: string;
  name: string;
  prefix: string;
  scopes: string[];
  createdAt: Date;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

const apiKeyColumns = ["id", "council_id", "name", "prefix", "scopes", "created_at", "expires_at", "last_used_at", "revoked_at"] as const;

function toApiKey(row: {
  id: string;
  council_id: string;
  name: string;
  prefix: string;
  scopes: string[];
  created_at: Date;
  expires_at: Date | null;
  last_used_at: Date | null;
  revoked_at: Date | null;
}): ApiKeyRecord {
  return {
    id: row.id,
    councilId: row.council_id,
    name: row.name,
    prefix: row.prefix,
    scopes: row.scopes,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  };
}

async function insertApiKey(
  db: Executor,
  key: { councilId: string; name: string; prefix: string; keyHash: string; scopes: string[]; createdBy: string | null; createdAt: Date; expiresAt: Date | null },
): Promise<ApiKeyRecord> {
  const row = await db
    .insertInto("api_keys")
    .values({
      council_id: key.councilId,
      name: key.name,
      prefix: key.prefix,
      key_hash: key.keyHash,
      scopes: key.scopes,
      created_by: key.createdBy,
      created_at: key.createdAt,
      expires_at: key.expiresAt,
    })
    .returning(apiKeyColumns)
    .executeTakeFirstOrThrow();
  return toApiKey(row);
}

/** A usable key (not revoked, not expired at `now`) by the SHA-256 of its secret. */
async function findLiveApiKey(db: Executor, keyHash: string, now: Date): Promise<ApiKeyRecord | undefined> {
  const row = await db
    .selectFrom("api_keys")
    .select(apiKeyColumns)
    .where("key_hash", "=", keyHash)
    .where("revoked_at", "is", null)
    .where((eb) => eb.or([eb("expires_at", "is", null), eb("expires_at", ">", now)]))
    .executeTakeFirst();
  return row && toApiKey(row);
}

async function touchApiKey(db: Executor, id: string, now: Date): Promise<void> {
  await db.updateTable("api_keys").set({ last_used_at: now }).where("id", "=", id).execute();
}

async function listApiKeys(db: Executor, councilId: string): Promise<ApiKeyRecord[]> {
  const rows = await db.selectFrom("api_keys").select(apiKeyColumns).where("council_id", "=", councilId).orderBy("created_at").orderBy("id").execute();
  return rows.map(toApiKey);
}

async function revokeApiKey(db: Executor, councilId: string, id: string, now: Date): Promise<boolean> {
  const result = await db
    .updateTable("api_keys")
    .set({ revoked_at: now })
    .where("id", "=", id)
    .where("council_id", "=", councilId)
    .where("revoked_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export const authRepository = Object.freeze({
  findStaffByEmail,
  findStaffById,
  findStaffByOidc,
  listStaff,
  linkOidcIdentity,
  recordLogin,
  insertStaff,
  replaceGrants,
  updateStaff,
  insertSession,
  findLiveSession,
  findLiveSessionWithStaff,
  touchSession,
  revokeSession,
  revokeStaffSessions,
  insertApiKey,
  findLiveApiKey,
  touchApiKey,
  listApiKeys,
  revokeApiKey,
});
