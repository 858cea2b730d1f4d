// A throwaway PostgreSQL cluster for the benchmark, as packages/db/test/postgres.ts makes one for
// the tests (that file is TypeScript and not built, so the few lines are repeated here): initdb
// into the repository's .cache/, started on a free port, removed afterwards. As root the server
// runs as the `postgres` user. Durability is off (a benchmark cluster holds nothing worth keeping);
// memory settings are stated in the benchmark's output.
import { execFile } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { chown, mkdir, mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const run = promisify(execFile);
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

export const SERVER_SETTINGS = {
  fsync: "off",
  synchronous_commit: "off",
  full_page_writes: "off",
  shared_buffers: "1GB",
  work_mem: "64MB",
  maintenance_work_mem: "512MB",
  max_wal_size: "4GB",
  max_parallel_workers_per_gather: "2",
};

function findBin() {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const debian = "/usr/lib/postgresql";
  if (!existsSync(debian)) return undefined;
  const majors = readdirSync(debian)
    .filter((n) => /^\d+$/.test(n))
    .sort((a, b) => Number(b) - Number(a));
  majors.sort((a, b) => (a === "15" ? -1 : b === "15" ? 1 : 0));
  return majors
    .map((m) => path.join(debian, m, "bin"))
    .find((d) => existsSync(path.join(d, "initdb")));
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

export async function startThrowawayPostgres() {
  const bin = findBin();
  if (!bin)
    throw new Error(
      "PostgreSQL server binaries not found: apt-get install -y postgresql, set PG_BIN, or set DATABASE_URL",
    );
  const asRoot = process.getuid?.() === 0;
  const exec = (file, args) =>
    asRoot
      ? run("runuser", ["-u", "postgres", "--", path.join(bin, file), ...args])
      : run(path.join(bin, file), args);
  const cache = path.join(repoRoot, ".cache");
  await mkdir(cache, { recursive: true });
  const dir = await mkdtemp(path.join(cache, "pg-bench-"));
  if (asRoot) {
    const uid = Number((await run("id", ["-u", "postgres"])).stdout.trim());
    const gid = Number((await run("id", ["-g", "postgres"])).stdout.trim());
    await chown(dir, uid, gid);
  }
  const data = path.join(dir, "data");
  try {
    await exec("initdb", [
      "-D",
      data,
      "-U",
      "postgres",
      "--auth=trust",
      "-E",
      "UTF8",
      "--locale=C.UTF-8",
      "--no-sync",
    ]);
    const port = await freePort();
    const options = [
      `-p ${port}`,
      `-k ${dir}`,
      "-c listen_addresses=127.0.0.1",
      ...Object.entries(SERVER_SETTINGS).map(([k, v]) => `-c ${k}=${v}`),
    ].join(" ");
    await exec("pg_ctl", [
      "-D",
      data,
      "-l",
      path.join(dir, "server.log"),
      "-w",
      "-t",
      "60",
      "-o",
      options,
      "start",
    ]);
    const { stdout: version } = await exec("postgres", ["--version"]);
    return {
      url: `postgres://postgres@127.0.0.1:${port}/postgres`,
      version: version.trim(),
      async stop() {
        try {
          await exec("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]);
        } finally {
          await rm(dir, { recursive: true, force: true });
        }
      },
    };
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}
