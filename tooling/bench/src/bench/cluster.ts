/**
 * The throwaway PostgreSQL cluster, from packages/db's test harness (packages/db/test/postgres.ts:
 * Debian's binaries, initdb into the repository's .cache/, durability off, removed at the end),
 * loaded through Vite's module runner because the harness is TypeScript that is not built.
 * For benchmarks it is then given memory settings a small production server would have.
 */
import { execFile } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import pg from "pg";

const run = promisify(execFile);
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../..");

interface Harness {
  startThrowawayPostgres(): Promise<{ url: string; version: string; stop(): Promise<void> }>;
  findPostgresBin(): string | undefined;
  INSTALL_HINT: string;
}

export async function loadHarness(): Promise<Harness> {
  const { runnerImport } = await import("vite");
  const { module } = await runnerImport<Harness>(path.join(repoRoot, "packages/db/test/postgres.ts"));
  return module;
}

export interface Cluster {
  url: string;
  version: string;
  dataDir: string;
  /** Restarts the server (fast shutdown), keeping its data and settings. */
  restart(mode?: "fast" | "immediate"): Promise<void>;
  stop(): Promise<void>;
}

/** Runs a PostgreSQL binary, as the `postgres` user when we are root (the server refuses root). */
export async function pgBinary(bin: string, file: string, args: string[]): Promise<string> {
  const asRoot = process.getuid?.() === 0;
  const { stdout } = asRoot ? await run("runuser", ["-u", "postgres", "--", path.join(bin, file), ...args]) : await run(path.join(bin, file), args);
  return stdout;
}

export async function startCluster(settings: Record<string, string> = {}): Promise<Cluster> {
  const harness = await loadHarness();
  const bin = harness.findPostgresBin();
  if (!bin) throw new Error(harness.INSTALL_HINT);
  const server = await harness.startThrowawayPostgres();
  const client = new pg.Client({ connectionString: server.url });
  await client.connect();
  const dataDir = (await client.query<{ data_directory: string }>("SHOW data_directory")).rows[0]!.data_directory;
  for (const [name, value] of Object.entries(settings)) await client.query(`ALTER SYSTEM SET ${name} = '${value.replace(/'/g, "''")}'`);
  await client.end();
  const cluster: Cluster = {
    url: server.url,
    version: server.version,
    dataDir,
    async restart(mode = "fast") {
      // -l as at the first start: without it the server would write to our pipe and never let go.
      await pgBinary(bin, "pg_ctl", ["-D", dataDir, "-l", path.join(dataDir, "..", "server.log"), "-m", mode, "-w", "-t", "120", "restart"]);
    },
    stop: () => server.stop(),
  };
  if (Object.keys(settings).length) await cluster.restart();
  return cluster;
}
