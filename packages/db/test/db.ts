/**
 * Opens the database a test file works in, on the engine chosen for this run
 * (test/global-setup.ts), through the same helper other packages use
 * (`@complaints/db/testing`):
 * - PGlite: a private in-memory copy of the migrated snapshot made by the global setup;
 * - PostgreSQL: a private schema (dropped on close) in the run's database, migrated.
 * Either way the test file owns its data and test files may run in parallel.
 */
import { readFile } from "node:fs/promises";
import { sql } from "kysely";
import { inject } from "vitest";
import type { Database } from "../src/client.js";
import { createTestDatabase, type TestDatabase } from "../src/testing/index.js";

export type TestDb = TestDatabase;

export const engine: "postgres" | "pglite" = inject("postgresUrl") ? "postgres" : "pglite";

/**
 * @param options.migrated false gives an empty database (migration tests).
 * @param options.maxConnections PostgreSQL pool size (concurrency tests).
 */
export async function openTestDb(
  options: { migrated?: boolean; maxConnections?: number } = {},
): Promise<TestDb> {
  const postgresUrl = inject("postgresUrl");
  const snapshotFile = inject("pgliteSnapshot");
  return createTestDatabase({
    ...options,
    postgresUrl,
    ...(snapshotFile && !postgresUrl ? { snapshot: new Blob([await readFile(snapshotFile)]) } : {}),
  });
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
