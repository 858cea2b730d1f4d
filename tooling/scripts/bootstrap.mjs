#!/usr/bin/env node
// The README's commands (`npm start`, `npm test`, `npm run bench`, `npm run council`) must work on a machine
// with only Node and npm. This script gets the pinned pnpm through corepack (bundled with
// Node 20; the packageManager field carries the sha512 so no signature check is needed),
// installs the workspace from the lockfile, then runs the task through turbo.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import path from "node:path";
import { existsSync, mkdirSync } from "node:fs";
import { clearSuiteRecords, printSummary } from "../vitest/test-summary.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const task = process.argv[2];
const extra = process.argv.slice(3);
const env = { ...process.env, COREPACK_ENABLE_DOWNLOAD_PROMPT: "0", TURBO_TELEMETRY_DISABLED: "1" };

/** Runs a command; exits with its status when it fails, unless `keepGoing` (then returns it). */
function run(cmd, args, { keepGoing = false } = {}) {
  const result = spawnSync(cmd, args, { cwd: root, stdio: "inherit", env });
  if (result.error) {
    console.error(`Could not run ${cmd}: ${result.error.message}`);
    process.exit(1);
  }
  if (result.status !== 0 && !keepGoing) process.exit(result.status ?? 1);
  return result.status ?? 1;
}

/**
 * What this machine has for the suites that need something outside npm. turbo hashes it
 * (turbo.json: the test task's env), so a suite skipped for want of Chromium runs again once
 * Chromium is installed, instead of turbo replaying the skip from its cache.
 */
function testPrerequisites() {
  const chromium = [env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => p && existsSync(p));
  const postgres = [env.PG_BIN, "/usr/lib/postgresql/15/bin", "/usr/lib/postgresql/16/bin", "/usr/lib/postgresql/17/bin"].find((p) => p && existsSync(path.join(p, "initdb")));
  return JSON.stringify({ chromium: chromium ?? null, postgres: postgres ?? null, database: Boolean(env.TEST_DATABASE_URL), ci: Boolean(env.CI) });
}

// turbo looks for `pnpm` on PATH, so put corepack's pnpm shim (pinned by packageManager)
// in a folder of the checkout and in front of PATH; nothing is installed globally.
const shims = path.join(root, ".cache", "bin");
mkdirSync(shims, { recursive: true });
run("corepack", ["enable", "pnpm", "--install-directory", shims]);
env.PATH = `${shims}${path.delimiter}${env.PATH ?? ""}`;
const pn = (...args) => run(path.join(shims, "pnpm"), args);

pn("install", "--frozen-lockfile", "--prefer-offline", "--reporter=append-only");

switch (task) {
  case "test": {
    // Every task runs whatever another's result (so the summary covers them all), and the
    // summary below is printed whatever the log level: tooling/vitest/test-summary.js.
    clearSuiteRecords(root);
    env.TEST_PREREQUISITES = testPrerequisites();
    const since = Date.now();
    const status = run(path.join(shims, "pnpm"), ["exec", "turbo", "run", "lint", "typecheck", "test", "--output-logs=errors-only", "--summarize", "--continue=dependencies-successful", ...extra], { keepGoing: true });
    printSummary(root, since);
    process.exit(status);
  }
  case "reliability":
    pn("exec", "turbo", "run", "test:reliability", "--output-logs=full", ...extra);
    break;
  case "bench":
    // One program runs every benchmark (its own, core's, letters', reports') and prints one
    // table: tooling/bench/src/cli/bench.ts. It needs the whole product built.
    pn("exec", "turbo", "run", "build", "--output-logs=errors-only");
    pn("--filter", "@complaints/bench", "run", "bench", ...extra);
    break;
  case "start":
    pn("exec", "turbo", "run", "build", "--output-logs=errors-only");
    // The portal's server is the whole product: the API's start-up with the portal mounted.
    pn("--filter", "@complaints/portal", "run", "start", ...extra);
    break;
  case "audit-verify":
    // Verifies the event log with the audit key (apps/api/src/audit-verify.ts); exit 1 when broken.
    pn("exec", "turbo", "run", "build", "--filter=@complaints/api...", "--output-logs=errors-only");
    pn("--filter", "@complaints/api", "run", "audit:verify", ...extra);
    break;
  case "council": {
    // Installs, exports and updates a real council (apps/api/src/cli/council.ts). Run with node
    // itself, not through pnpm, so `export` prints nothing but the profile; from the folder
    // npm was called in, so a relative --profile or --out means what the operator typed.
    pn("exec", "turbo", "run", "build", "--filter=@complaints/api...", "--output-logs=errors-only");
    const cli = path.join(root, "apps", "api", "dist", "cli", "council.js");
    const result = spawnSync(process.execPath, [cli, ...extra], { cwd: env.INIT_CWD ?? root, stdio: "inherit", env });
    process.exit(result.status ?? 1);
  }
  case "turbo":
    pn("exec", "turbo", "run", ...extra);
    break;
  default:
    console.error(`usage: bootstrap.mjs start|test|reliability|bench|audit-verify|council|turbo <tasks>`);
    process.exit(2);
}
