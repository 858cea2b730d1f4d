#!/usr/bin/env node
// Second half of `pnpm test`: the same suite on real PostgreSQL. packages/db's harness does
// the work (test/global-setup.ts starts a throwaway cluster from Debian's binaries, or uses
// TEST_DATABASE_URL); this script only decides whether it can run, like
// packages/db/test/run-postgres.mjs does for that package.
// Without the binaries it says how to install them and stops; with --require or CI it fails.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const require = process.argv.includes("--require") || Boolean(process.env.CI);

function hasPostgresBinaries() {
  if (process.env.PG_BIN) return existsSync(path.join(process.env.PG_BIN, "initdb"));
  const debian = "/usr/lib/postgresql";
  return existsSync(debian) && readdirSync(debian).some((major) => existsSync(path.join(debian, major, "bin", "initdb")));
}

if (!process.env.TEST_DATABASE_URL && !hasPostgresBinaries()) {
  console.error(
    [
      "",
      "@complaints/api: the PostgreSQL half of the test suite did not run.",
      "  The suite passed on PGlite; to run it on PostgreSQL too, install the server binaries:",
      "    apt-get install -y postgresql        (Debian/Ubuntu; any major >= 15)",
      "  or set PG_BIN, or TEST_DATABASE_URL to a database where the tests may create schemas.",
      "",
    ].join("\n"),
  );
  process.exit(require ? 1 : 0);
}

const vitest = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "node_modules", ".bin", "vitest");
const result = spawnSync(vitest, ["run", ...process.argv.slice(2).filter((a) => a !== "--require")], {
  stdio: "inherit",
  env: { ...process.env, TEST_POSTGRES: "1" },
});
process.exit(result.status ?? 1);
