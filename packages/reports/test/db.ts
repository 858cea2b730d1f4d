/** A database of its own for a test file, on the engine chosen for the run (test/global-setup.ts). */
import { readFile } from "node:fs/promises";
import { createTestDatabase, type TestDatabase } from "@complaints/db/testing";
import { inject } from "vitest";

// Provided by packages/db/test/global-setup.ts, which this package's suite runs.
declare module "vitest" {
  export interface ProvidedContext {
    postgresUrl: string | null;
    pgliteSnapshot: string | null;
  }
}

export type TestDb = TestDatabase;

export async function openTestDb(): Promise<TestDb> {
  const postgresUrl = inject("postgresUrl");
  const snapshotFile = inject("pgliteSnapshot");
  return createTestDatabase({
    postgresUrl,
    ...(snapshotFile && !postgresUrl ? { snapshot: new Blob([await readFile(snapshotFile)]) } : {}),
  });
}
