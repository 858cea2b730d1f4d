/**
 * The benchmark's PostgreSQL: the project's one throwaway cluster (@complaints/vitest-config/postgres:
 * Debian's binaries, a folder under the system temp folder, durability off, removed at the end),
 * given memory settings a small production server would have.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { findPostgresBin, INSTALL_HINT, startThrowawayPostgres, type ThrowawayPostgres } from "@complaints/vitest-config/postgres";

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../..");

export type Cluster = ThrowawayPostgres;

export async function startCluster(settings: Record<string, string> = {}): Promise<Cluster> {
  if (!findPostgresBin()) throw new Error(INSTALL_HINT);
  return startThrowawayPostgres({ settings });
}
