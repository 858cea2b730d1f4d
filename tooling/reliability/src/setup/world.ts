/**
 * What a test file needs: its own database in the suite's cluster, a synthetic council (the
 * bench package's generator: Lewisham's directorates, staff for every role, some history),
 * real API processes (apps/api's `start.js`, as `pnpm start` runs it) and signed-in clients.
 */
import { randomBytes } from "node:crypto";
import path from "node:path";
import { appRouter } from "@complaints/api";
import { ApiClient, freePort, loadCases, postgresTarget, repoRoot, startNode, SyntheticWorld, type Child, type SyntheticCouncil } from "@complaints/bench";
import { createDb, migrateToLatest, organisationRepository } from "@complaints/db";
import { hash } from "@node-rs/argon2";
import pg from "pg";
import { afterAll, inject } from "vitest";

export const PASSWORD = "synthetic-password";
export const API_START = path.join(repoRoot, "apps/api/dist/start.js");

/** A new, migrated database in the suite's cluster; its URL. */
export async function freshDatabase(label: string, clusterUrl: string = inject("postgresUrl")): Promise<string> {
  const name = `rel_${label.replace(/[^a-z0-9]/gi, "_").toLowerCase()}_${randomBytes(3).toString("hex")}`;
  const admin = new pg.Client({ connectionString: clusterUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(clusterUrl);
  url.pathname = `/${name}`;
  const database = await createDb({ url: url.href, maxConnections: 2 });
  try {
    await migrateToLatest(database.db);
  } finally {
    await database.close();
  }
  return url.href;
}

export interface Council {
  world: SyntheticWorld;
  council: SyntheticCouncil;
  /** Email of the first staff member with the role (in the directorate, when given). */
  email(role: string, directorate?: string): string;
  id(role: string, directorate?: string): string;
  directorateId(code: string): string;
}

/** The synthetic council with `cases` cases of history, loaded with COPY. */
export async function syntheticCouncil(url: string, options: { cases: number; now?: Date; seed?: number } = { cases: 0 }): Promise<Council> {
  const world = new SyntheticWorld({ seed: options.seed ?? 20261123, now: options.now ?? new Date(), years: 2, councilSize: 100_000 });
  const target = await postgresTarget(url);
  let directorates = new Map<string, string>();
  try {
    const report = await loadCases(target, { seed: world.options.seed, now: world.options.now, years: 2, councilSize: 100_000, from: 0, to: options.cases, passwordHash: await hash(PASSWORD, { algorithm: 2 }), workers: 0, batch: 1000 });
    if (Object.keys(report.refusals).length) throw new Error(`the generator was refused: ${JSON.stringify(report.refusals)}`);
    const rows = await organisationRepository.listDirectorates(target.db, world.council(0).id, { includeArchived: true });
    directorates = new Map(rows.map((r) => [r.code, r.id]));
  } finally {
    await target.close();
  }
  const council = world.council(0);
  const find = (role: string, directorate?: string) => {
    const member = council.staff.find((s) => s.roles.some((r) => r.role === role && (directorate === undefined || r.directorate === directorate)));
    if (!member) throw new Error(`no ${role} ${directorate ?? ""}`);
    return member;
  };
  return {
    world,
    council,
    email: (role, directorate) => find(role, directorate).email,
    id: (role, directorate) => find(role, directorate).id,
    directorateId: (code) => {
      const id = directorates.get(code);
      if (!id) throw new Error(`no directorate ${code}`);
      return id;
    },
  };
}

/** What most test files start with: their own database, the synthetic council and one API process. */
export interface World {
  url: string;
  council: Council;
  api: Child;
}

/** A file's world: a fresh database labelled for it, the council with `cases` cases of history, and the API on it. */
export async function startWorld(label: string, options: { cases: number; env?: Record<string, string> }): Promise<World> {
  const url = await freshDatabase(label);
  const council = await syntheticCouncil(url, { cases: options.cases });
  return { url, council, api: await startApi(url, options.env) };
}

/** A complaint logged by phone about refuse collection and accepted at triage: a case ready for commands. */
export async function acceptedCase(client: ApiClient, fullName: string): Promise<{ caseId: string; version: number }> {
  const logged = await client.mutation<{ caseId: string; version: number }>("cases.log", {
    kind: "complaint",
    channel: "phone",
    serviceId: "refuse-collection",
    description: "Missed bin collections for a month",
    customer: { fullName },
  });
  const triaged = await client.mutation<{ version: number }>("command.triage", { caseId: logged.caseId, expectedVersion: logged.version, outcome: "accept" });
  return { caseId: logged.caseId, version: triaged.version };
}

/** The restricted role the suite's API processes connect as (docs/security.md): one per cluster. */
export const APP_ROLE = "complaints_app";
const APP_PASSWORD = "app-role-password";

/**
 * The database URL as the application's role (created once in the cluster; its rights are granted
 * by the API's start-up, which migrates as the owner: MIGRATION_DATABASE_URL).
 */
export async function appRoleUrl(ownerUrl: string): Promise<string> {
  const admin = new pg.Client({ connectionString: ownerUrl });
  await admin.connect();
  try {
    await admin.query(`DO $$ BEGIN CREATE ROLE ${APP_ROLE} LOGIN PASSWORD '${APP_PASSWORD}'; EXCEPTION WHEN duplicate_object THEN NULL; END $$`);
  } finally {
    await admin.end();
  }
  const url = new URL(ownerUrl);
  url.username = APP_ROLE;
  url.password = APP_PASSWORD;
  return url.href;
}

/**
 * `pnpm start` against the database: the API with its background jobs (pg-boss), migrating as
 * the owner (`url`) and connecting as the restricted application role, with the suite's audit key.
 */
export async function startApi(url: string, env: Record<string, string> = {}, port?: number): Promise<Child> {
  return startNode(API_START, {
    // eslint-disable-next-line no-restricted-properties -- a child process of the suite inherits this one's environment (PATH…)
    env: { ...process.env, DATABASE_URL: await appRoleUrl(url), MIGRATION_DATABASE_URL: url, SEED_DEMO: "false", LOGIN_ATTEMPTS_PER_IP: "10000", NODE_ENV: "production", ...env },
    port: port ?? (await freePort()),
    readyPath: "/readyz",
    timeoutMs: 120_000,
  });
}

export async function signIn(baseUrl: string, email: string): Promise<ApiClient> {
  const client = new ApiClient(baseUrl);
  await client.login(email, PASSWORD);
  return client;
}

/** An integration's API key for these directorates, made by the council's administrator. */
export async function integrationKey(baseUrl: string, council: Council, directorates: string[]): Promise<string> {
  const admin = await signIn(baseUrl, council.email("administrator"));
  const made = await admin.mutation<{ key: string }>("admin.apiKeys.create", {
    name: "Web form (reliability suite)",
    directorateIds: directorates.map((d) => council.directorateId(d)),
    scopes: ["cases:create", "cases:read"],
  });
  return made.key;
}

const pools = new Map<string, pg.Pool>();

/** A query on the test's database (a small pool per database, closed when the file ends). */
export async function query<T extends pg.QueryResultRow>(url: string, text: string, values: unknown[] = []): Promise<T[]> {
  let pool = pools.get(url);
  if (!pool) {
    pool = new pg.Pool({ connectionString: url, max: 4, idleTimeoutMillis: 5_000 });
    // A restarted server cuts idle connections: the next query opens a new one.
    pool.on("error", () => {});
    pools.set(url, pool);
  }
  return (await pool.query<T>(text, values)).rows;
}

afterAll(async () => {
  for (const pool of pools.values()) await pool.end();
  pools.clear();
});

/** Every procedure of the API, by its path ("cases.get"), with whether it is a query or a mutation. */
export function procedures(): Array<[string, "query" | "mutation"]> {
  const record = (appRouter as unknown as { _def: { procedures: Record<string, { _def: { type: "query" | "mutation" } }> } })._def.procedures;
  return Object.entries(record).map(([name, p]) => [name, p._def.type]);
}
