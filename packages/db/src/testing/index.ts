/**
 * @complaints/db/testing — databases for other packages' tests (API, portal, workers).
 *
 * ```ts
 * const database = await createTestDatabase();               // PGlite, migrated, ~0.5 s
 * const database = await createTestDatabase({ postgresUrl }); // a private schema on PostgreSQL
 * afterAll(() => database.close());
 * ```
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { createDb, quoteIdent, type Database } from "../client.js";
import type { Executor } from "../executor.js";
import { migrateToLatest } from "../migrate.js";
import { organisationRepository, type CouncilRecord, type OrganisationIds, type ProfileStructure } from "../organisation.js";

let snapshot: Promise<Blob> | undefined;

/** The audit key of test runs (packages/db/test/audit-key.ts): never a real council's. */
export const TEST_AUDIT_KEY = "test-audit-key-not-for-production-0123456789";

/**
 * A tarball of a freshly migrated PGlite data folder, made once per process: booting from it
 * skips initdb and the migrations (docs/toolchain.md §3: 0.4 s instead of 3 s).
 */
export function migratedPgliteSnapshot(): Promise<Blob> {
  snapshot ??= (async () => {
    const database = await createDb({ memory: true });
    try {
      await migrateToLatest(database.db);
      return await database.dumpDataDir!();
    } finally {
      await database.close();
    }
  })();
  return snapshot;
}

export interface TestDatabase extends Database {
  /** Set on PostgreSQL: the URL and the private schema the tables live in. */
  readonly postgres?: { readonly url: string; readonly schema: string };
}

/**
 * A migrated database of its own for a test file.
 * - Default: an in-memory PGlite booted from {@link migratedPgliteSnapshot} (or from `snapshot`).
 * - `postgresUrl`: a new schema in that PostgreSQL database (its user must be allowed to create
 *   schemas), migrated; `close()` drops it.
 * - `migrated: false`: an empty database (migration tests).
 */
export async function createTestDatabase(
  options: {
    postgresUrl?: string | null;
    migrated?: boolean;
    maxConnections?: number;
    snapshot?: Blob;
  } = {},
): Promise<TestDatabase> {
  const migrated = options.migrated ?? true;
  if (options.postgresUrl) {
    const url = options.postgresUrl;
    const schema = `test_${randomBytes(6).toString("hex")}`;
    await adminQuery(url, `CREATE SCHEMA ${quoteIdent(schema)}`);
    const database = await createDb({ url, schema, maxConnections: options.maxConnections ?? 20 });
    try {
      if (migrated) await migrateToLatest(database.db);
    } catch (error) {
      await database.close();
      await adminQuery(url, `DROP SCHEMA ${quoteIdent(schema)} CASCADE`);
      throw error;
    }
    return {
      ...database,
      postgres: { url, schema },
      close: async () => {
        await database.close();
        await adminQuery(url, `DROP SCHEMA ${quoteIdent(schema)} CASCADE`);
      },
    };
  }
  if (!migrated) return createDb({ memory: true });
  return createDb({
    memory: true,
    loadDataDir: options.snapshot ?? (await migratedPgliteSnapshot()),
  });
}

async function adminQuery(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/** The instant test councils and staff are made at, unless a test says otherwise. */
export const TEST_SEEDED_AT = new Date("2026-01-01T00:00:00Z");

/**
 * A council with its directorates, services and teams, made the way the API makes one
 * (`organisationRepository.insertCouncil`, then `saveProfile`): `profile` is stored as the
 * council's profile, with `name`.
 */
export async function createTestCouncil(
  db: Executor,
  council: { slug: string; name: string; referencePrefix?: string; profile: ProfileStructure & Record<string, unknown>; now?: Date },
): Promise<{ council: CouncilRecord; ids: OrganisationIds }> {
  const now = council.now ?? TEST_SEEDED_AT;
  const profile = { ...council.profile, name: council.name };
  const id = await organisationRepository.insertCouncil(db, { slug: council.slug, name: council.name, referencePrefix: council.referencePrefix ?? "CMP", profile, now });
  const ids = await organisationRepository.saveProfile(db, id, profile, now);
  return { council: await organisationRepository.getCouncil(db, id), ids };
}
