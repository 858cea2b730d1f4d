/**
 * `pnpm start` (README command 1): one process on one port.
 *
 * - No DATABASE_URL: an embedded PGlite database in `.data/pglite` at the repository root
 *   (DATA_DIR to move it), migrated, and seeded once with the demo council: staff for every
 *   role (logins printed below) and a few hundred cases in every stage and state. With
 *   `--council <id>` (DEMO_COUNCIL) the demo is that packaged council, in `.data/pglite-<id>`.
 * - DATABASE_URL: PostgreSQL, migrated; the demo council only with SEED_DEMO=true (a
 *   production database should never get accounts whose passwords are printed).
 * - MIGRATION_DATABASE_URL (PostgreSQL): the owner's connection, used only to migrate and then
 *   grant DATABASE_URL's role its rights (no UPDATE/DELETE/TRUNCATE/ALTER on the event log);
 *   the API then connects as that role (docs/security.md). Without it DATABASE_URL migrates.
 * - AUDIT_KEY signs the event log; required on PostgreSQL. The embedded demo makes one once,
 *   in a file beside its data folder (`.data/pglite-audit.key`), outside the database.
 * - PLUGINS_CONFIG: the plugins file naming the service plugins to load (by default the shipped
 *   complaints.plugins.json, with the bundled plugins); docs/plugins.md, "Installing a plugin".
 *
 * Background jobs (reminders, overdue notices, chasers, outbox delivery) run in this process.
 */
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import type { Server } from "node:http";
import type { RequestHandler } from "express";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { loadPlugins } from "@complaints/profiles";
import { createDb, grantApplicationRole, migrateToLatest, organisationRepository, sealLegacyStreams, type Database } from "@complaints/db";
import { configFromEnv, envWithArguments, type ApiConfig, type DatabaseSettings } from "./config.js";
import { createDeps } from "./deps.js";
import { describeMail } from "./notifications/transports.js";
import { recordSentOnCase } from "./services/correspondence-sent.js";
import { createApp, type AppOptions } from "./server.js";
import { OidcLogin } from "./auth/oidc.js";
import { DEMO_PASSWORD, demoCouncilFor, demoLogins, seedDemo } from "./seed/demo.js";
import { installJobQueues, startJobs, type JobRunner } from "./jobs/runner.js";
import { syncAllReportCalendars } from "./services/report-calendars.js";
import type { AppDeps } from "./context.js";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

/** The embedded database's folder (DATA_DIR, default `.data/pglite` at the repository root). */
function pgliteDir(settings: DatabaseSettings): string {
  return path.resolve(repoRoot, settings.dataDir);
}

/** PostgreSQL when DATABASE_URL is set, otherwise PGlite in a folder (created if missing). */
export async function openDatabase(settings: DatabaseSettings): Promise<{ database: Database; where: string }> {
  if (settings.url) return { database: await createDb({ url: settings.url }), where: "PostgreSQL (DATABASE_URL)" };
  const dataDir = pgliteDir(settings);
  mkdirSync(dataDir, { recursive: true });
  return { database: await createDb({ dataDir }), where: `PGlite in ${path.relative(process.cwd(), dataDir) || dataDir}` };
}

/** The embedded demo's audit key file, beside (not in) its data folder. */
export function pgliteKeyFile(settings: DatabaseSettings): string {
  return `${pgliteDir(settings)}-audit.key`;
}

/**
 * The audit key: AUDIT_KEY; on PostgreSQL nothing else (a key kept in the database would let
 * whoever rewrites the database re-sign the log). The embedded demo, without AUDIT_KEY, keeps a
 * generated key in `<DATA_DIR>-audit.key`, beside the data folder and outside the database.
 */
export function auditKeyFor(config: Pick<ApiConfig, "auditKey" | "database">): { key: string; where: string } {
  if (config.auditKey) return { key: config.auditKey, where: "AUDIT_KEY" };
  if (config.database.url) {
    throw new Error("AUDIT_KEY is not set: on PostgreSQL the event log is signed with a key kept outside the database (at least 32 characters: openssl rand -base64 32). See docs/security.md");
  }
  const file = pgliteKeyFile(config.database);
  try {
    return { key: readFileSync(file, "utf8").trim(), where: file };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  mkdirSync(path.dirname(file), { recursive: true });
  // "wx": a second process starting at the same moment does not overwrite the first one's key.
  try {
    writeFileSync(file, `${randomBytes(32).toString("base64")}\n`, { flag: "wx", mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  return { key: readFileSync(file, "utf8").trim(), where: file };
}

/**
 * Migrates the schema: as the owner (MIGRATION_DATABASE_URL) when set, then grants DATABASE_URL's
 * role its rights; otherwise through the application's own connection (PGlite, one-role setups).
 */
export async function migrateDatabase(settings: DatabaseSettings, database: Database): Promise<{ applied: readonly string[]; roles: string | null }> {
  const ownerUrl = settings.migrationUrl;
  if (!ownerUrl || !settings.url) return { ...(await migrateToLatest(database.db)), roles: null };
  const appRole = decodeURIComponent(new URL(settings.url).username);
  const owner = await createDb({ url: ownerUrl, maxConnections: 2 });
  try {
    const migrated = await migrateToLatest(owner.db);
    const jobSchema = settings.jobSchema;
    await installJobQueues(ownerUrl, jobSchema);
    await grantApplicationRole(owner.db, appRole, { jobSchemas: [jobSchema] });
    return { applied: migrated.applied, roles: `migrated as the owner, the API connects as ${appRole}` };
  } finally {
    await owner.close();
  }
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
  /** The environment to read settings from (config.ts); this process's own when not given. */
  env?: NodeJS.ProcessEnv,
  options: AppOptions & {
    quiet?: boolean;
    /** Builds the portal's handler from the API's dependencies (instead of `portal`). */
    portalFactory?: (deps: AppDeps) => RequestHandler;
  } = {},
): Promise<Started> {
  const out = (line: string) => options.quiet || process.stdout.write(`${line}\n`);
  const config = configFromEnv(env);
  // The plugins file first: a plugin missing, not a plugin, twice or made for another core
  // stops the start before the database is opened (docs/decisions/0405).
  const plugins = await loadPlugins(config.pluginsConfig);
  const auditKey = auditKeyFor(config);
  const { database, where } = await openDatabase(config.database);
  const migrated = await migrateDatabase(config.database, database).catch(async (error: unknown) => {
    await database.close();
    throw error;
  });
  if (migrated.applied.length) out(`Database: ${where}; applied ${migrated.applied.length} migrations`);
  const oidc = config.oidc ? await OidcLogin.discover(config.oidc, `${config.publicUrl}/auth/oidc/callback`) : null;
  const deps = createDeps({ database, config: { ...config, auditKey: auditKey.key }, oidc, plugins });
  // A deadline that requires telling the resident is met when the message is sent (decision 0322).
  deps.notifier.onSent(recordSentOnCase(deps));
  // Streams written before the audit key get a keyed head, once (packages/db/src/events.ts).
  const sealed = await sealLegacyStreams(database.db, deps.clock.now());
  if (!sealed.already && sealed.sealed) out(`Audit log: sealed ${sealed.sealed} streams written before the audit key`);

  const demo = demoCouncilFor(config.demoCouncil, deps.councils.plugins);
  // The demo goes only into an empty database or beside itself: a council installed for real
  // (npm run council -- install) never gets demo accounts whose passwords are printed.
  const councils = await organisationRepository.listCouncils(database.db);
  const seeding = config.seedDemo && (!councils.length || councils.some((c) => c.slug === demo.slug));
  if (config.seedDemo && !seeding) {
    out(`Demo: not seeded, because this database holds ${councils.map((c) => c.name).join(", ")} (SEED_DEMO=false silences this)`);
  }
  if (seeding) {
    let last = -1;
    const report = await seedDemo(deps, {
      council: config.demoCouncil,
      onProgress: (done, total) => {
        const pct = Math.floor((done / total) * 10);
        if (pct !== last) {
          last = pct;
          out(`Seeding the demo council (${demo.profile.name}): ${done}/${total} cases`);
        }
      },
    });
    if (report.created) {
      out(`Demo council seeded: ${report.cases} cases (${Object.entries(report.byStatus).map(([s, n]) => `${n} ${s}`).join(", ")})`);
    }
  }

  // The working-day calendar table the reports count on, as the councils' rules say now.
  await syncAllReportCalendars(deps);
  // Rules that start but keep England's values in another jurisdiction: said, not refused (decision 0107).
  for (const council of await organisationRepository.listCouncils(database.db)) {
    const { book } = await deps.councils.get(council.id);
    if (!options.quiet) for (const warning of book.warnings) process.stderr.write(`Rules warning (${council.name}): ${warning}\n`);
  }

  const portal = options.portalFactory ? options.portalFactory(deps) : options.portal;
  const app = createApp(deps, portal ? { portal } : {});
  const server: Server = await new Promise((resolve, reject) => {
    const s = app.listen(config.port, () => resolve(s));
    s.once("error", reject);
  });
  const jobs = await startJobs(deps);

  out("");
  out(`Complaints platform: ${config.publicUrl}   (database: ${where})`);
  out(`  API: ${config.publicUrl}/trpc   REST for integrations: ${config.publicUrl}/api (OpenAPI: /api/openapi.json)   health: /healthz /readyz`);
  out(`  Background jobs: ${jobs.describe()}`);
  out(`  Audit log: signed with the key from ${auditKey.where}${migrated.roles ? `; ${migrated.roles}` : ""}`);
  out(`  Email: ${describeMail(config)}`);
  if (seeding) {
    out("");
    out(`Demo council: ${demo.profile.name} (references ${demo.profile.referencePrefix}-…)${config.demoCouncil ? "" : "; another: npm start -- --council <leeds|lewisham|southwark|lancaster|default>"}`);
    out(`Demo logins (password for all: ${DEMO_PASSWORD}):`);
    const rows = demoLogins(demo);
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
      deps.notifier.close();
      await database.close();
    },
  };
}

/** A started server (the API's, or the portal's around it) closes cleanly on Ctrl-C or a container's stop. */
export function closeOnSignal(started: { close(): Promise<void> }): void {
  const stop = async (signal: string) => {
    process.stderr.write(`\n${signal}: stopping\n`);
    await started.close();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
}

const invokedDirectly = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  const started = await Promise.resolve()
    .then(() => startServer(envWithArguments(process.argv.slice(2))))
    .catch((error: unknown) => {
    process.stderr.write(`Could not start: ${(error as Error).message}\n`);
    process.exit(1);
  });
  closeOnSignal(started);
}
