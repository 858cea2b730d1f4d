/**
 * The db package's test harness, reused (packages/db/test/global-setup.ts): PGlite from a
 * migrated snapshot by default; PostgreSQL with TEST_POSTGRES=1 (a throwaway cluster started by
 * packages/db/test/postgres.ts) or TEST_DATABASE_URL, each test file in its own schema.
 */
import { mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { migratedPgliteSnapshot } from "@complaints/db/testing";
import type { TestProject } from "vitest/node";
import { startThrowawayPostgres } from "../../db/test/postgres.js";

declare module "vitest" {
  export interface ProvidedContext {
    postgresUrl: string | null;
    pgliteSnapshot: string | null;
  }
}

const cacheDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../.cache");

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (process.env.TEST_DATABASE_URL) {
    project.provide("postgresUrl", process.env.TEST_DATABASE_URL);
    project.provide("pgliteSnapshot", null);
    console.info("[reports tests] engine: PostgreSQL at TEST_DATABASE_URL");
    return async () => {};
  }
  if (process.env.TEST_POSTGRES) {
    const server = await startThrowawayPostgres();
    console.info(`[reports tests] engine: throwaway ${server.version}`);
    project.provide("postgresUrl", server.url);
    project.provide("pgliteSnapshot", null);
    return () => server.stop();
  }
  const snapshot = Buffer.from(await (await migratedPgliteSnapshot()).arrayBuffer());
  await mkdir(cacheDir, { recursive: true });
  const file = path.join(cacheDir, `pglite-migrated-${process.pid}.tar`);
  await writeFile(file, snapshot);
  console.info("[reports tests] engine: PGlite (migrated snapshot)");
  project.provide("postgresUrl", null);
  project.provide("pgliteSnapshot", file);
  return () => rm(file, { force: true });
}
