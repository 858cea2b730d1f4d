/**
 * Boots the real server once for the browser tests: the built portal on the API's express
 * app, a fresh PGlite database in the repository's .cache/, migrated and seeded with the demo
 * council. Without a Chromium binary nothing is booted and the tests say why they skip.
 */
import { mkdirSync, mkdtempSync, rmSync, existsSync } from "node:fs";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { spawn } from "node:child_process";
import { freePort } from "@complaints/vitest-config/postgres";
import { recordSkippedSuite } from "@complaints/vitest-config/suite-report";
import { cacheDir, chromiumPath } from "./browser.js";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string | null;
    skipReason: string | null;
  }
}

export default async function setup(project: TestProject) {
  if (!chromiumPath()) {
    const reason = "No Chromium binary (set CHROMIUM_PATH or install Debian's chromium package): browser tests skipped";
    // CI installs Chromium (.ci/run): there a missing browser is a failure, never a quiet skip.
    if (process.env.CI) throw new Error(reason);
    process.stdout.write(`\n${reason}\n`);
    recordSkippedSuite({
      root: path.resolve(import.meta.dirname, ".."),
      project: "browser",
      reason: "no Chromium: neither CHROMIUM_PATH nor /usr/bin/chromium exists",
      install: `${process.getuid?.() === 0 ? "" : "sudo "}apt-get install -y chromium (Debian's package needs root; a browser downloaded by npm does not work here), or set CHROMIUM_PATH`,
    });
    project.provide("baseUrl", null);
    project.provide("skipReason", reason);
    return;
  }
  const root = path.resolve(import.meta.dirname, "..");
  if (!existsSync(path.join(root, "build/server/index.js")) || !existsSync(path.join(root, "dist/server.js"))) {
    throw new Error("The portal is not built: run `pnpm --filter @complaints/portal build` first (turbo builds it before the test task: apps/portal/turbo.json)");
  }
  mkdirSync(cacheDir, { recursive: true });
  const dataDir = mkdtempSync(path.join(cacheDir, "pglite-"));
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    PORT: String(port),
    PUBLIC_URL: `http://localhost:${port}`,
    DATA_DIR: dataDir,
    // Residents' email as .eml files (the embedded demo's transport), kept with the test's cache.
    MAIL_DIR: mkdtempSync(path.join(cacheDir, "mail-")),
    SEED_DEMO: "true",
    // Every browser test comes from 127.0.0.1: the public forms' per-address limits (tested in
    // the API's own specs) must not stop the journeys part way.
    PUBLIC_REQUESTS_PER_IP: "100000",
    PUBLIC_SUBMISSIONS_PER_IP: "1000",
    PUBLIC_LOOKUP_FAILURES_PER_IP: "1000",
  };
  // Always the embedded database and no outgoing email, whatever the shell has set.
  for (const key of ["DATABASE_URL", "SMTP_URL", "SMTP_FROM", "MAIL_TRANSPORT", "NOTIFY_API_KEY", "LETTERS_BY", "OIDC_ISSUER", "OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET", "VITEST", "VITEST_POOL_ID", "VITEST_WORKER_ID"]) delete env[key];

  // The real server, started the way `pnpm start` starts it.
  const child = spawn(process.execPath, [path.join(root, "dist/server.js")], { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
  const log: string[] = [];
  const url = await new Promise<string>((resolve, reject) => {
    // The demo seed renders every letter its steps issue (docs/decisions/0321): about 500 PDFs.
    const timer = setTimeout(() => reject(new Error(`The server did not start within 600 s:\n${log.join("")}`)), 600_000);
    child.stdout.on("data", (chunk: Buffer) => {
      log.push(chunk.toString());
      const match = /Portal: (http:\/\/\S+?)\/ /.exec(log.join(""));
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.stderr.on("data", (chunk: Buffer) => log.push(chunk.toString()));
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`The server exited (${code}) before it was ready:\n${log.join("")}`));
    });
  });
  project.provide("baseUrl", url);
  project.provide("skipReason", null);
  return async () => {
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    await exited;
    rmSync(dataDir, { recursive: true, force: true });
  };
}
