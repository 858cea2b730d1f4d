#!/usr/bin/env node
// `test-engines`: a database package's `test` script. The same vitest suite twice: on PGlite
// (the embedded default), then on real PostgreSQL — TEST_DATABASE_URL when set, else a
// throwaway cluster (./postgres.js) when the server binaries are installed. Without them the
// PostgreSQL half is recorded as skipped, with how to install them, for npm test's summary;
// with --require, or when CI is set, it fails instead, so CI never skips it silently.
// Extra arguments go to vitest. TEST_ENGINE tells the suite's global setup which engine.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { INSTALL_COMMAND, INSTALL_HINT, findPostgresBin } from "./postgres.js";
import { recordSkippedSuite } from "./suite-report.js";

const args = process.argv.slice(2);
const required = args.includes("--require") || Boolean(process.env.CI);
const only = args.find((a) => a.startsWith("--engine="))?.slice("--engine=".length);
const vitestArgs = args.filter((a) => a !== "--require" && !a.startsWith("--engine="));
// The package's own vitest (packages pin theirs through the catalog).
const vitestPackage = createRequire(`${process.cwd()}/package.json`).resolve("vitest/package.json");
const vitest = path.join(path.dirname(vitestPackage), "vitest.mjs");

function runOn(engine) {
  const result = spawnSync(process.execPath, [vitest, "run", ...vitestArgs], {
    stdio: "inherit",
    env: { ...process.env, TEST_ENGINE: engine },
  });
  return result.status ?? 1;
}

if (only !== "postgres") {
  const status = runOn("pglite");
  if (status !== 0 || only === "pglite") process.exit(status);
}

if (!process.env.TEST_DATABASE_URL && !findPostgresBin()) {
  const asRoot = process.getuid?.() === 0;
  recordSkippedSuite({
    project: "PostgreSQL",
    reason: "the PostgreSQL server binaries are not installed (the same tests passed on PGlite)",
    install: `${asRoot ? "" : "sudo "}${INSTALL_COMMAND} (Debian's package needs root); or set TEST_DATABASE_URL to a database where the tests may create schemas, or PG_BIN to a folder holding initdb and pg_ctl`,
  });
  console.error(`\nThe PostgreSQL half of this suite did not run. ${INSTALL_HINT}\n`);
  process.exit(required ? 1 : 0);
}
process.exit(runOn("postgres"));
