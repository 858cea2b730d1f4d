/**
 * A throwaway PostgreSQL cluster for the test suite: initdb into a temp folder under the
 * repository's .cache/, started on a free port with durability off, removed afterwards.
 * Uses Debian's packages (`apt-get install -y postgresql`); as root it runs the server as the
 * `postgres` user, because PostgreSQL refuses to run as root.
 */
import { execFile } from "node:child_process";
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { chown, mkdir, mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const run = promisify(execFile);

export const INSTALL_HINT =
  "PostgreSQL server binaries were not found. Install them with `apt-get install -y postgresql` " +
  "(Debian/Ubuntu), point PG_BIN at a folder holding initdb and pg_ctl, or set TEST_DATABASE_URL " +
  "to a database the tests may create schemas in.";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

/** The folder holding initdb and pg_ctl: PG_BIN, else the newest /usr/lib/postgresql/<major>/bin. */
export function findPostgresBin(): string | undefined {
  const candidates: string[] = [];
  if (process.env.PG_BIN) candidates.push(process.env.PG_BIN);
  const debian = "/usr/lib/postgresql";
  if (existsSync(debian)) {
    const majors = readdirSync(debian)
      .filter((name) => /^\d+$/.test(name))
      .sort((a, b) => Number(b) - Number(a));
    // Production runs PostgreSQL 15 (toolchain.md); prefer it when several are installed.
    majors.sort((a, b) => (a === "15" ? -1 : b === "15" ? 1 : 0));
    candidates.push(...majors.map((major) => path.join(debian, major, "bin")));
  }
  return candidates.find(
    (dir) => existsSync(path.join(dir, "initdb")) && existsSync(path.join(dir, "pg_ctl")),
  );
}

export interface ThrowawayPostgres {
  /** Superuser connection to the `postgres` database. */
  readonly url: string;
  readonly version: string;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address
          ? resolve(address.port)
          : reject(new Error("no port")),
      );
    });
  });
}

/**
 * Clusters left behind by a run that was killed before its teardown: their server is gone
 * (no live process behind postmaster.pid), so their folder can go.
 */
async function removeAbandonedClusters(cache: string): Promise<void> {
  for (const name of readdirSync(cache).filter((n) => n.startsWith("pg-"))) {
    const dir = path.join(cache, name);
    const pidFile = path.join(dir, "data", "postmaster.pid");
    // A standalone backend (initdb's bootstrap) writes its pid negated.
    const pid = existsSync(pidFile) ? Math.abs(Number(readFileSync(pidFile, "utf8").split("\n")[0])) : NaN;
    if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) continue;
    // A folder without a pid file may be a cluster another run is creating right now.
    const age = Date.now() - statSync(dir).mtimeMs;
    if (!existsSync(pidFile) && age < 10 * 60_000) continue;
    await rm(dir, { recursive: true, force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

export async function startThrowawayPostgres(): Promise<ThrowawayPostgres> {
  const bin = findPostgresBin();
  if (!bin) throw new Error(INSTALL_HINT);
  const asRoot = process.getuid?.() === 0;
  // As root: run each binary as `postgres` (runuser keeps arguments unquoted, unlike su -c).
  const exec = (file: string, args: string[]) =>
    asRoot
      ? run("runuser", ["-u", "postgres", "--", path.join(bin, file), ...args])
      : run(path.join(bin, file), args);

  const cache = path.join(repoRoot, ".cache");
  await mkdir(cache, { recursive: true });
  await removeAbandonedClusters(cache);
  let owner: { uid: number; gid: number } | undefined;
  if (asRoot) {
    try {
      owner = {
        uid: Number((await run("id", ["-u", "postgres"])).stdout.trim()),
        gid: Number((await run("id", ["-g", "postgres"])).stdout.trim()),
      };
    } catch {
      throw new Error(
        "PostgreSQL will not run as root and there is no `postgres` user: run the tests as another user, or set TEST_DATABASE_URL.",
      );
    }
  }
  const dir = await mkdtemp(path.join(cache, "pg-"));
  const data = path.join(dir, "data");
  if (owner) await chown(dir, owner.uid, owner.gid);
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
      "-c fsync=off",
      "-c synchronous_commit=off",
      "-c full_page_writes=off",
      "-c max_connections=200",
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
    let stopped = false;
    return {
      url: `postgres://postgres@127.0.0.1:${port}/postgres`,
      version: version.trim(),
      async stop() {
        if (stopped) return;
        stopped = true;
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
