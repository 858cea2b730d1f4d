#!/usr/bin/env node
// The README's commands (`npm start`, `npm test`, `npm run bench`) must work on a machine
// with only Node and npm. This script gets the pinned pnpm through corepack (bundled with
// Node 20; the packageManager field carries the sha512 so no signature check is needed),
// installs the workspace from the lockfile, then runs the task through turbo.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import path from "node:path";
import { mkdirSync } from "node:fs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const task = process.argv[2];
const extra = process.argv.slice(3);
const env = { ...process.env, COREPACK_ENABLE_DOWNLOAD_PROMPT: "0", TURBO_TELEMETRY_DISABLED: "1" };

function run(cmd, args) {
  const result = spawnSync(cmd, args, { cwd: root, stdio: "inherit", env });
  if (result.error) {
    console.error(`Could not run ${cmd}: ${result.error.message}`);
    process.exit(1);
  }
  if (result.status !== 0) process.exit(result.status ?? 1);
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
  case "test":
    pn("exec", "turbo", "run", "lint", "typecheck", "test", "--output-logs=errors-only", ...extra);
    break;
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
  case "turbo":
    pn("exec", "turbo", "run", ...extra);
    break;
  default:
    console.error(`usage: bootstrap.mjs start|test|reliability|bench|audit-verify|turbo <tasks>`);
    process.exit(2);
}
