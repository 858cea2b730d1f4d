/**
 * `pnpm start` (README command 1): one process on one port.
 *
 * - No DATABASE_URL: an embedded PGlite database in `.data/pglite` at the repository root
 *   (DATA_DIR to move it), migrated, and seeded once with the demo council: staff for every
 *   role (logins printed below) and a few hundred cases in every stage and state.
 * - DATABASE_URL: PostgreSQL, migrated; the demo council only with SEED_DEMO=true (a
 *   production database should never get accounts whose passwords are printed).
 *
 * Background jobs (reminders, overdue notices, chasers, outbox delivery) run in this process.
 */
import { mkdirSync } from "node:fs";
import type { Server } from "node:http";
import type { RequestHandler } from "express";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createDb, migrateToLatest, type Database } from "@complaints/db";
import { configFromEnv } from "./config.js";
import { createDeps } from "./deps.js";
import { createApp, type AppOptions } from "./server.js";
import { OidcLogin } from "./auth/oidc.js";
import { DEMO_PASSWORD, demoLogins, seedDemo } from "./seed/demo.js";
import { startJobs, type JobRunner } from "./jobs/runner.js";
import { syncAllReportCalendars } from "./services/report-calendars.js";
import type { AppDeps } from "./context.js";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

/** PostgreSQL when DATABASE_URL is set, otherwise PGlite in a folder (created if missing). */
export async function openDatabase(env: NodeJS.ProcessEnv = process.env): Promise<{ database: Database; where: string }> {
  if (env.DATABASE_URL) return { database: await createDb({ url: env.DATABASE_URL }), where: "PostgreSQL (DATABASE_URL)" };
  const dataDir = path.resolve(repoRoot, env.DATA_DIR ?? ".data/pglite");
  mkdirSync(dataDir, { recursive: true });
  return { database: await createDb({ dataDir }), where: `PGlite in ${path.relative(process.cwd(), dataDir) || dataDir}` };
}

export interface Started {
  url: string;
  deps: AppDeps;
  server: Server;
  jobs: JobRunner;
  close(): Promise<void>;
}

/**
 * Opens and migrates the database, seeds the demo when asked, and serves the API (and the
 * portal, when `options.portal` is given) on PORT. The portal's server can call this.
 */
export async function startServer(
  env: NodeJS.ProcessEnv = process.env,
  options: AppOptions & {
    quiet?: boolean;
    /** Builds the portal's handler from the API's dependencies (instead of `portal`). */
    portalFactory?: (deps: AppDeps) => RequestHandler;
  } = {},
): Promise<Started> {
  const out = (line: string) => options.quiet || process.stdout.write(`${line}\n`);
  const config = configFromEnv(env);
  const { database, where } = await openDatabase(env);
  const migrated = await migrateToLatest(database.db);
  if (migrated.applied.length) out(`Database: ${where}; applied ${migrated.applied.length} migrations`);
  const oidc = config.oidc ? await OidcLogin.discover(config.oidc, `${config.publicUrl}/auth/oidc/callback`) : null;
  const deps = createDeps({ database, config, oidc });

  const wantDemo = env.SEED_DEMO ? env.SEED_DEMO === "true" : !env.DATABASE_URL;
  if (wantDemo) {
    let last = -1;
    const report = await seedDemo(deps, {
      onProgress: (done, total) => {
        const pct = Math.floor((done / total) * 10);
        if (pct !== last) {
          last = pct;
          out(`Seeding the demo council: ${done}/${total} cases`);
        }
      },
    });
    if (report.created) {
      out(`Demo council seeded: ${report.cases} cases (${Object.entries(report.byStatus).map(([s, n]) => `${n} ${s}`).join(", ")})`);
    }
  }

  // The working-day calendar table the reports count on, as the councils' rules say now.
  await syncAllReportCalendars(deps);

  const portal = options.portalFactory ? options.portalFactory(deps) : options.portal;
  const app = createApp(deps, portal ? { portal } : {});
  const server: Server = await new Promise((resolve, reject) => {
    const s = app.listen(config.port, () => resolve(s));
    s.once("error", reject);
  });
  const jobs = await startJobs(deps, { env });

  out("");
  out(`Complaints platform: ${config.publicUrl}   (database: ${where})`);
  out(`  API: ${config.publicUrl}/trpc   REST for integrations: ${config.publicUrl}/api (OpenAPI: /api/openapi.json)   health: /healthz /readyz`);
  out(`  Background jobs: ${jobs.describe()}`);
  out(`  Email: ${config.smtp ? `SMTP (${new URL(config.smtp.url).host})` : "not configured; notifications wait in the outbox (notifications.outbox)"}`);
  if (wantDemo) {
    out("");
    out(`Demo logins (password for all: ${DEMO_PASSWORD}):`);
    const rows = demoLogins();
    const w = Math.max(...rows.map((r) => r.role.length));
    const s = Math.max(...rows.map((r) => r.scope.length));
    for (const r of rows) out(`  ${r.role.padEnd(w)}  ${r.scope.padEnd(s)}  ${r.email}`);
  }
  out("");

  return {
    url: config.publicUrl,
    deps,
    server,
    jobs,
    async close() {
      await jobs.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      deps.notifier.mailer?.close();
      await database.close();
    },
  };
}

const invokedDirectly = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  const started = await startServer().catch((error: unknown) => {
    process.stderr.write(`Could not start: ${(error as Error).message}\n`);
    process.exit(1);
  });
  const stop = async (signal: string) => {
    process.stderr.write(`\n${signal}: stopping\n`);
    await started.close();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
}
