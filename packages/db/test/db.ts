/**
 * Opens the database a test file works in, on the engine chosen for this run
 * (test/global-setup.ts):
 * - PGlite: a private in-memory copy of the migrated snapshot;
 * - PostgreSQL: a private schema (dropped on close) in the run's database, migrated.
 * Either way the test file owns its data and test files may run in parallel.
 */
import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import { sql } from "kysely";
import pg from "pg";
import { inject } from "vitest";
import { createDb, quoteIdent, type Database } from "../src/client.js";
import { migrateToLatest } from "../src/migrate.js";

export interface TestDb extends Database {
  /** How to reach the same database outside kysely (raw clients in tests). */
  readonly postgres?: { url: string; schema: string };
}

export const engine: "postgres" | "pglite" = inject("postgresUrl") ? "postgres" : "pglite";

/**
 * @param options.migrated false gives an empty database (migration tests).
 * @param options.maxConnections PostgreSQL pool size (concurrency tests).
 */
export async function openTestDb(options: { migrated?: boolean; maxConnections?: number } = {}): Promise<TestDb> {
  const migrated = options.migrated ?? true;
  const url = inject("postgresUrl");
  if (url) {
    const schema = `test_${randomBytes(6).toString("hex")}`;
    await adminQuery(url, `CREATE SCHEMA ${quoteIdent(schema)}`);
    const database = await createDb({ url, schema, maxConnections: options.maxConnections ?? 20 });
    if (migrated) await migrateToLatest(database.db);
    return {
      ...database,
      postgres: { url, schema },
      close: async () => {
        await database.close();
        await adminQuery(url, `DROP SCHEMA ${quoteIdent(schema)} CASCADE`);
      },
    };
  }
  const snapshot = inject("pgliteSnapshot");
  if (migrated && snapshot) {
    return createDb({ memory: true, loadDataDir: new Blob([await readFile(snapshot)]) });
  }
  const database = await createDb({ memory: true });
  if (migrated) await migrateToLatest(database.db);
  return database;
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

/** The SQLSTATE of a database error from either driver, or undefined. */
export function sqlState(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : undefined;
}

/** Names of the tables in the schema the connection works in. */
export async function tableNames(database: Database): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`
    SELECT table_name AS name FROM information_schema.tables
    WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`.execute(database.db);
  return rows.map((r) => r.name).sort();
}
