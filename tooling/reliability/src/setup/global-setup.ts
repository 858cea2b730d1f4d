/**
 * One throwaway PostgreSQL cluster for the whole suite, from packages/db's harness (reused,
 * not copied): Debian's binaries, a temporary folder under .cache/, durability off, removed at
 * the end. Each test file makes its own database in it (src/setup/world.ts). The suite needs
 * the binaries: without them it fails and says how to install them (CI installs them).
 */
import type { TestProject } from "vitest/node";
import { INSTALL_HINT, findPostgresBin, startThrowawayPostgres } from "../../../../packages/db/test/postgres.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** Superuser URL of the suite's cluster. */
    postgresUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (!findPostgresBin()) throw new Error(`The reliability suite needs PostgreSQL. ${INSTALL_HINT}`);
  const server = await startThrowawayPostgres();
  console.info(`[reliability] ${server.version} at ${server.url}`);
  project.provide("postgresUrl", server.url);
  return () => server.stop();
}
