/**
 * Runs once per vitest run, before any test file:
 * - PGlite (default): boots one PGlite, migrates it and dumps its data folder to a tarball in
 *   .cache/, so each test file boots a migrated database in a fraction of a second.
 * - PostgreSQL (`testEngine()`: TEST_ENGINE=postgres from `test-engines`, or TEST_POSTGRES /
 *   TEST_DATABASE_URL for one file by hand): uses TEST_DATABASE_URL, or starts the project's
 *   throwaway cluster (@complaints/vitest-config/postgres) and stops it at the end. Each test
 *   file then works in its own schema (test/db.ts).
 */
import { mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { TestProject } from "vitest/node";
import { migratedPgliteSnapshot } from "../src/testing/index.js";
import { testEngine } from "@complaints/vitest-config";
import { startThrowawayPostgres } from "@complaints/vitest-config/postgres";

declare module "vitest" {
  export interface ProvidedContext {
    /** Set when the suite runs on PostgreSQL: a URL whose user may create schemas. */
    postgresUrl: string | null;
    /** Set when the suite runs on PGlite: a tarball of a migrated data folder. */
    pgliteSnapshot: string | null;
  }
}

const cacheDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../.cache");

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const wantPostgres = testEngine() === "postgres";
  if (wantPostgres) {
    if (process.env.TEST_DATABASE_URL) {
      project.provide("postgresUrl", process.env.TEST_DATABASE_URL);
      project.provide("pgliteSnapshot", null);
      console.info("[db tests] engine: PostgreSQL at TEST_DATABASE_URL");
      return async () => {};
    }
    const server = await startThrowawayPostgres();
    console.info(`[db tests] engine: throwaway ${server.version}`);
    project.provide("postgresUrl", server.url);
    project.provide("pgliteSnapshot", null);
    return () => server.stop();
  }

  const snapshot = Buffer.from(await (await migratedPgliteSnapshot()).arrayBuffer());
  await mkdir(cacheDir, { recursive: true });
  const file = path.join(cacheDir, `pglite-migrated-${process.pid}.tar`);
  await writeFile(file, snapshot);
  console.info("[db tests] engine: PGlite (migrated snapshot)");
  project.provide("postgresUrl", null);
  project.provide("pgliteSnapshot", file);
  return () => rm(file, { force: true });
}
