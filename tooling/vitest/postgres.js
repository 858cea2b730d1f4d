/**
 * The one throwaway PostgreSQL cluster of the project: every suite (db, api, reports,
 * reliability) and the benchmarks start theirs here.
 *
 * initdb into a new folder under the system temp folder, started on a free port with
 * durability off, removed by stop(). As root the server runs as the `postgres` user
 * (PostgreSQL refuses root), and the folder is made and owned by that user: it must never sit
 * inside the checkout, which may be in a folder the `postgres` user cannot enter (a clone
 * under /root, mode 700, or under `mktemp -d`).
 */
import { execFile } from "node:child_process";
import { accessSync, constants, existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { chown, mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

/** Folder names start with this, so that abandoned clusters can be found and removed. */
const PREFIX = "complaints-pg-";

export const INSTALL_COMMAND = "apt-get install -y postgresql";

export const INSTALL_HINT =
  "PostgreSQL server binaries were not found. Install them with `" +
  INSTALL_COMMAND +
  "` (Debian/Ubuntu, as root; any major >= 15), point PG_BIN at a folder holding initdb and pg_ctl, " +
  "or set TEST_DATABASE_URL to a database the tests may create schemas in.";

/** The folder holding initdb and pg_ctl: PG_BIN, else /usr/lib/postgresql/<major>/bin (15 first). */
export function findPostgresBin() {
  const candidates = [];
  if (process.env.PG_BIN) candidates.push(process.env.PG_BIN);
  const debian = "/usr/lib/postgresql";
  if (existsSync(debian)) {
    const majors = readdirSync(debian)
      .filter((name) => /^\d+$/.test(name))
      .sort((a, b) => Number(b) - Number(a));
    // Production runs PostgreSQL 15 (docs/decisions/0001-toolchain-node-20.md); prefer it.
    majors.sort((a, b) => (a === "15" ? -1 : b === "15" ? 1 : 0));
    candidates.push(...majors.map((major) => path.join(debian, major, "bin")));
  }
  return candidates.find(
    (dir) => existsSync(path.join(dir, "initdb")) && existsSync(path.join(dir, "pg_ctl")),
  );
}

/** A TCP port on 127.0.0.1 that nothing listens on now (servers under test take it next). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === "EPERM";
  }
}

/** Clusters left by a run killed before its teardown: no live server behind postmaster.pid. */
async function removeAbandonedClusters(parent) {
  let names;
  try {
    names = readdirSync(parent).filter((n) => n.startsWith(PREFIX));
  } catch {
    return;
  }
  for (const name of names) {
    const dir = path.join(parent, name);
    const pidFile = path.join(dir, "data", "postmaster.pid");
    try {
      // A standalone backend (initdb's bootstrap) writes its pid negated.
      const pid = existsSync(pidFile)
        ? Math.abs(Number(readFileSync(pidFile, "utf8").split("\n")[0]))
        : NaN;
      if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) continue;
      // A folder without a pid file may be a cluster another run is creating right now.
      if (!existsSync(pidFile) && Date.now() - statSync(dir).mtimeMs < 10 * 60_000) continue;
      await rm(dir, { recursive: true, force: true });
    } catch {
      // Another user's folder, or one removed meanwhile: not ours to clean.
    }
  }
}

/** Runs a PostgreSQL binary; as root, as the `postgres` user (runuser keeps arguments unquoted). */
export async function pgBinary(bin, file, args) {
  const asRoot = process.getuid?.() === 0;
  const { stdout } = asRoot
    ? await run("runuser", ["-u", "postgres", "--", path.join(bin, file), ...args])
    : await run(path.join(bin, file), args);
  return stdout;
}

async function postgresUser() {
  try {
    return {
      uid: Number((await run("id", ["-u", "postgres"])).stdout.trim()),
      gid: Number((await run("id", ["-g", "postgres"])).stdout.trim()),
    };
  } catch {
    throw new Error(
      "PostgreSQL will not run as root and there is no `postgres` user: run the tests as another user, or set TEST_DATABASE_URL.",
    );
  }
}

/**
 * The temp folder the server's user can enter: os.tmpdir(), unless (as root) TMPDIR points
 * somewhere the `postgres` user cannot reach, when /tmp is used instead.
 */
async function tempParent(asRoot) {
  const preferred = os.tmpdir();
  if (!asRoot) {
    accessSync(preferred, constants.W_OK | constants.X_OK);
    return preferred;
  }
  for (const dir of [preferred, "/tmp"]) {
    try {
      await run("runuser", ["-u", "postgres", "--", "test", "-x", dir]);
      return dir;
    } catch {
      // try the next
    }
  }
  throw new Error(`The postgres user cannot enter ${preferred} nor /tmp: set TMPDIR to a folder it can.`);
}

/**
 * Starts a cluster. `settings` are server settings (`-c name=value`) on top of the test
 * defaults: fsync, synchronous_commit and full_page_writes off, 200 connections.
 * @param {{ settings?: Record<string, string> }} [options]
 */
export async function startThrowawayPostgres(options = {}) {
  const bin = findPostgresBin();
  if (!bin) throw new Error(INSTALL_HINT);
  const asRoot = process.getuid?.() === 0;
  const owner = asRoot ? await postgresUser() : undefined;
  const parent = await tempParent(asRoot);
  await removeAbandonedClusters(parent);
  const dir = await mkdtemp(path.join(parent, PREFIX));
  if (owner) await chown(dir, owner.uid, owner.gid);
  const data = path.join(dir, "data");
  const log = path.join(dir, "server.log");
  const settings = {
    fsync: "off",
    synchronous_commit: "off",
    full_page_writes: "off",
    max_connections: "200",
    ...options.settings,
  };
  try {
    await pgBinary(bin, "initdb", ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"]);
    const port = await freePort();
    const serverOptions = [
      `-p ${port}`,
      `-k ${dir}`,
      "-c listen_addresses=127.0.0.1",
      ...Object.entries(settings).map(([name, value]) => `-c ${name}=${value}`),
    ].join(" ");
    await pgBinary(bin, "pg_ctl", ["-D", data, "-l", log, "-w", "-t", "60", "-o", serverOptions, "start"]);
    const version = (await pgBinary(bin, "postgres", ["--version"])).trim();
    let stopped = false;
    return {
      url: `postgres://postgres@127.0.0.1:${port}/postgres`,
      version,
      dataDir: data,
      settings,
      async restart(mode = "fast") {
        // -l as at the first start: without it the server would write to our pipe and never let go.
        await pgBinary(bin, "pg_ctl", ["-D", data, "-l", log, "-m", mode, "-w", "-t", "120", "restart"]);
      },
      async stop() {
        if (stopped) return;
        stopped = true;
        try {
          await pgBinary(bin, "pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]);
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
