import {
  Migrator,
  NO_MIGRATIONS,
  sql,
  type Kysely,
  type MigrationProvider,
  type MigrationResult,
} from "kysely";
import { migrations } from "./migrations/index.js";

/** The migrations compiled into this package, for kysely's `Migrator`. */
export const migrationProvider: MigrationProvider = {
  getMigrations: async () => ({ ...migrations }),
};

export class MigrationError extends Error {
  override readonly name = "MigrationError";
  constructor(
    readonly migrationName: string | undefined,
    readonly results: readonly MigrationResult[],
    options: { cause: unknown },
  ) {
    super(`migration ${migrationName ?? "(unknown)"} failed: ${describe(options.cause)}`, options);
  }
}

export interface MigrationOutcome {
  /** Names of the migrations this call ran, in order; empty when the schema was up to date. */
  readonly applied: readonly string[];
}

/**
 * A migrator whose bookkeeping tables live in the connection's own schema. Without it kysely
 * looks for `kysely_migration` in any schema, so a database whose `public` schema is migrated
 * makes it skip creating the tables in another schema (a test's or a benchmark's) and then
 * fail on `kysely_migration_lock`.
 */
async function newMigrator<T>(db: Kysely<T>): Promise<Migrator> {
  const { rows } = await sql<{ schema: string }>`SELECT current_schema() AS schema`.execute(db);
  return new Migrator({ db, provider: migrationProvider, migrationTableSchema: rows[0]!.schema });
}

function check(results: readonly MigrationResult[] | undefined, error: unknown): MigrationOutcome {
  if (error) {
    const failed = results?.find((r) => r.status === "Error");
    throw new MigrationError(failed?.migrationName, results ?? [], { cause: error });
  }
  return {
    applied: (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName),
  };
}

/**
 * Brings the schema up to date. Safe to call at every start-up and from several processes at
 * once (kysely takes a lock); a second call applies nothing. Throws {@link MigrationError}.
 */
export async function migrateToLatest<T>(db: Kysely<T>): Promise<MigrationOutcome> {
  const { results, error } = await (await newMigrator(db)).migrateToLatest();
  return check(results, error);
}

/** Undoes the most recent migration (development and tests only). */
export async function migrateDown<T>(db: Kysely<T>): Promise<MigrationOutcome> {
  const { results, error } = await (await newMigrator(db)).migrateDown();
  return check(results, error);
}

/** Undoes every migration (development and tests only). */
export async function migrateToEmpty<T>(db: Kysely<T>): Promise<MigrationOutcome> {
  const { results, error } = await (await newMigrator(db)).migrateTo(NO_MIGRATIONS);
  return check(results, error);
}

/**
 * This package's migrations not yet applied to the database, for the readiness check
 * (apps/api/src/services/health.ts). Throws when the schema has never been migrated.
 */
export async function pendingMigrations<T>(db: Kysely<T>): Promise<{ expected: number; pending: string[] }> {
  const expected = Object.keys(migrations);
  const { rows } = await sql<{ name: string }>`SELECT name FROM kysely_migration`.execute(db);
  const applied = new Set(rows.map((r) => r.name));
  return { expected: expected.length, pending: expected.filter((name) => !applied.has(name)) };
}

/** Resolves when the database answers a query, throws when it does not (readiness checks). */
export async function ping<T>(db: Kysely<T>): Promise<void> {
  await sql`SELECT 1`.execute(db);
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
