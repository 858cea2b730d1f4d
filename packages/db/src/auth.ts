import { randomBytes } from "node:crypto";
import { sha256Hex } from "./canonical.js";
import type { Executor } from "./executor.js";
import type { Selectable } from "kysely";
import type { ApiKeysTable, SessionsTable, Staff } from "./schema.js";

/**
 * Staff sessions and API keys. Only the SHA-256 of a secret is stored: a copy of the database
 * gives no one a working session or key. Secrets have 256 bits of randomness, so a plain hash
 * (not a slow password hash) is the right tool.
 */
export type Session = Selectable<SessionsTable>;
export type ApiKey = Omit<Selectable<ApiKeysTable>, "key_hash">;

const secret = () => randomBytes(32).toString("base64url");

/** Starts a session for a staff member; the token goes in the cookie and is never stored. */
async function createSession(
  db: Executor,
  input: {
    staffId: string;
    ttlMs: number;
    now?: Date;
    ip?: string | null;
    userAgent?: string | null;
  },
): Promise<{ token: string; session: Session }> {
  const now = input.now ?? new Date();
  const token = secret();
  const staff = await db
    .selectFrom("staff")
    .select("council_id")
    .where("id", "=", input.staffId)
    .executeTakeFirstOrThrow();
  const session = await db
    .insertInto("sessions")
    .values({
      id: sha256Hex(token),
      council_id: staff.council_id,
      staff_id: input.staffId,
      created_at: now,
      last_seen_at: now,
      expires_at: new Date(now.getTime() + input.ttlMs),
      ip: input.ip ?? null,
      user_agent: input.userAgent?.slice(0, 500) ?? null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return { token, session };
}

/**
 * The live session for a token with its staff member, or undefined when the token is unknown,
 * expired, revoked, or the staff member was deactivated. With `slideMs`, using the session
 * moves its expiry to now + slideMs.
 */
async function findSession(
  db: Executor,
  token: string,
  options: { now?: Date; slideMs?: number } = {},
): Promise<{ session: Session; staff: Staff } | undefined> {
  const now = options.now ?? new Date();
  const session = await db
    .selectFrom("sessions")
    .selectAll()
    .where("id", "=", sha256Hex(token))
    .where("revoked_at", "is", null)
    .where("expires_at", ">", now)
    .executeTakeFirst();
  if (!session) return undefined;
  const staff = await db
    .selectFrom("staff")
    .selectAll()
    .where("id", "=", session.staff_id)
    .where("active", "=", true)
    .executeTakeFirst();
  if (!staff) return undefined;
  const expires = options.slideMs
    ? new Date(Math.max(session.expires_at.getTime(), now.getTime() + options.slideMs))
    : session.expires_at;
  await db
    .updateTable("sessions")
    .set({ last_seen_at: now, expires_at: expires })
    .where("id", "=", session.id)
    .execute();
  return { session: { ...session, last_seen_at: now, expires_at: expires }, staff };
}

async function revokeSession(db: Executor, token: string, at: Date = new Date()): Promise<void> {
  await db
    .updateTable("sessions")
    .set({ revoked_at: at })
    .where("id", "=", sha256Hex(token))
    .where("revoked_at", "is", null)
    .execute();
}

/** Signs a staff member out everywhere (password change, deactivation). */
async function revokeStaffSessions(
  db: Executor,
  staffId: string,
  at: Date = new Date(),
): Promise<number> {
  const result = await db
    .updateTable("sessions")
    .set({ revoked_at: at })
    .where("staff_id", "=", staffId)
    .where("revoked_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

const KEY_PATTERN = /^cmpk_([A-Za-z0-9]{12})_([A-Za-z0-9_-]{43})$/;

/**
 * Creates an API key for an integration. The key (`cmpk_<prefix>_<secret>`) is returned once;
 * the prefix identifies it in lists and logs.
 */
async function createApiKey(
  db: Executor,
  input: {
    councilId: string;
    name: string;
    scopes: readonly string[];
    createdBy?: string | null;
    expiresAt?: Date | null;
    now?: Date;
  },
): Promise<{ key: string; apiKey: ApiKey }> {
  const prefix = randomBytes(9).toString("base64url").replace(/[-_]/g, "x").slice(0, 12);
  const key = `cmpk_${prefix}_${secret()}`;
  const { key_hash: _hash, ...apiKey } = await db
    .insertInto("api_keys")
    .values({
      council_id: input.councilId,
      name: input.name,
      prefix,
      key_hash: sha256Hex(key),
      scopes: [...input.scopes],
      created_by: input.createdBy ?? null,
      created_at: input.now ?? new Date(),
      expires_at: input.expiresAt ?? null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return { key, apiKey };
}

/** The live key for a presented key string (and records its use), or undefined. */
async function verifyApiKey(
  db: Executor,
  key: string,
  now: Date = new Date(),
): Promise<ApiKey | undefined> {
  if (!KEY_PATTERN.test(key)) return undefined;
  const row = await db
    .updateTable("api_keys")
    .set({ last_used_at: now })
    .where("key_hash", "=", sha256Hex(key))
    .where("revoked_at", "is", null)
    .where((eb) => eb.or([eb("expires_at", "is", null), eb("expires_at", ">", now)]))
    .returningAll()
    .executeTakeFirst();
  if (!row) return undefined;
  const { key_hash: _hash, ...apiKey } = row;
  return apiKey;
}

async function revokeApiKey(db: Executor, apiKeyId: string, at: Date = new Date()): Promise<void> {
  await db
    .updateTable("api_keys")
    .set({ revoked_at: at })
    .where("id", "=", apiKeyId)
    .where("revoked_at", "is", null)
    .execute();
}

async function listApiKeys(db: Executor, councilId: string): Promise<ApiKey[]> {
  return db
    .selectFrom("api_keys")
    .select([
      "id",
      "council_id",
      "name",
      "prefix",
      "scopes",
      "created_by",
      "created_at",
      "expires_at",
      "last_used_at",
      "revoked_at",
    ])
    .where("council_id", "=", councilId)
    .orderBy("created_at")
    .execute();
}

export const sessionRepository = Object.freeze({
  createSession,
  findSession,
  revokeSession,
  revokeStaffSessions,
});
export const apiKeyRepository = Object.freeze({
  createApiKey,
  verifyApiKey,
  revokeApiKey,
  listApiKeys,
});

/**
 * Failed and refused sign-ins, counted across every API process (decision 0303's lockout and
 * per-address limit; issue 20). The account key is the lower-cased email alone, whichever
 * council was named, so naming a council does not start a second count; `ip` is the client's
 * address key, counted on its own for the per-address limit.
 */
const accountKey = (key: string) => key.trim().toLowerCase();

async function recordLoginFailure(
  db: Executor,
  input: { key: string; councilId?: string | null; at?: Date; ip?: string | null },
): Promise<void> {
  await db
    .insertInto("login_failures")
    .values({
      council_id: input.councilId ?? null,
      key: accountKey(input.key),
      at: input.at ?? new Date(),
      ip: input.ip ?? null,
    })
    .execute();
}

async function countLoginFailures(
  db: Executor,
  input: { key: string; since: Date },
): Promise<number> {
  const row = await db
    .selectFrom("login_failures")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("key", "=", accountKey(input.key))
    .where("at", ">", input.since)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** When the account's failures since `since` happened, oldest first (at most `limit`, the newest). */
async function loginFailureTimes(
  db: Executor,
  input: { key: string; since: Date; limit?: number },
): Promise<Date[]> {
  const rows = await db
    .selectFrom("login_failures")
    .select("at")
    .where("key", "=", accountKey(input.key))
    .where("at", ">", input.since)
    .orderBy("at", "desc")
    .limit(input.limit ?? 200)
    .execute();
  return rows.map((r) => r.at).reverse();
}

/** Failed and refused sign-ins from one client address since `since`, whatever the account. */
async function countLoginFailuresFromAddress(
  db: Executor,
  input: { ip: string; since: Date },
): Promise<number> {
  const row = await db
    .selectFrom("login_failures")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("ip", "=", input.ip)
    .where("at", ">", input.since)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Clears an account's failures (a successful sign-in, an administrator's unlock), in every council. */
async function clearLoginFailures(db: Executor, input: { key: string }): Promise<void> {
  await db.deleteFrom("login_failures").where("key", "=", accountKey(input.key)).execute();
}

/** Removes failures older than the lockout window (run from a periodic job). */
async function pruneLoginFailures(db: Executor, before: Date): Promise<number> {
  const result = await db.deleteFrom("login_failures").where("at", "<", before).executeTakeFirst();
  return Number(result.numDeletedRows);
}

export const loginFailureRepository = Object.freeze({
  recordLoginFailure,
  countLoginFailures,
  loginFailureTimes,
  countLoginFailuresFromAddress,
  clearLoginFailures,
  pruneLoginFailures,
});
