#!/usr/bin/env node
// Second half of `pnpm test`: the same suite on real PostgreSQL.
// - TEST_DATABASE_URL set: use that database (each test file makes and drops its own schema).
// - otherwise: start a throwaway PostgreSQL cluster (test/postgres.ts) when the server
//   binaries are installed; when they are not, say how to install them and stop here
//   (fail instead with --require, or when CI is set, so CI never skips it silently).
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";

const require = process.argv.includes("--require") || Boolean(process.env.CI);

function hasPostgresBinaries() {
  if (process.env.PG_BIN) return existsSync(path.join(process.env.PG_BIN, "initdb"));
  const debian = "/usr/lib/postgresql";
  return (
    existsSync(debian) &&
    readdirSync(debian).some((major) => existsSync(path.join(debian, major, "bin", "initdb")))
  );
}

if (!process.env.TEST_DATABASE_URL && !hasPostgresBinaries()) {
  const message = [
    "",
    "@complaints/db: the PostgreSQL half of the test suite did not run.",
    "  The suite passed on PGlite; to run it on PostgreSQL too, install the server binaries:",
    "    apt-get install -y postgresql        (Debian/Ubuntu; any major >= 15)",
    "  or set PG_BIN to a folder holding initdb and pg_ctl,",
    "  or set TEST_DATABASE_URL to a database where the tests may create schemas.",
    "",
  ].join("\n");
  console.error(message);
  process.exit(require ? 1 : 0);
}

const vitest = path.join(
  path.dirname(new URL(import.meta.url).pathname),
  "..",
  "node_modules",
  ".bin",
  "vitest",
);
const result = spawnSync(
  vitest,
  ["run", ...process.argv.slice(2).filter((a) => a !== "--require")],
  {
    stdio: "inherit",
    env: { ...process.env, TEST_POSTGRES: "1" },
  },
);
process.exit(result.status ?? 1);
