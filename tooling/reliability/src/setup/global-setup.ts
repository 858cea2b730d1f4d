/**
 * One throwaway PostgreSQL cluster for the whole suite, the project's one harness
 * (@complaints/vitest-config/postgres): Debian's binaries, a folder under the system temp
 * folder, durability off, removed at the end. Each test file makes its own database in it (src/setup/world.ts). The suite needs
 * the binaries: without them it fails and says how to install them (CI installs them).
 */
import type { TestProject } from "vitest/node";
import { INSTALL_HINT, findPostgresBin, startThrowawayPostgres } from "@complaints/vitest-config/postgres";

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
