/**
 * Bulk loading: install the councils (through packages/db's own organisation queries), then
 * generate cases in worker threads and COPY them in, one transaction per batch, batches in
 * order (a returning customer's first case is always in an earlier or the same batch).
 *
 * - PostgreSQL: `COPY … FROM STDIN` through pg-copy-streams on one connection.
 * - PGlite: `COPY … FROM '/dev/blob'` with the batch as a Blob.
 */
import { Worker } from "node:worker_threads";
import { PGlite } from "@electric-sql/pglite";
import { createDb, organisationRepository, type DB } from "@complaints/db";
import { Kysely, sql } from "kysely";
import { PGliteDialect } from "kysely-pglite-dialect";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { pipeline } from "node:stream/promises";
import { Readable } from "node:stream";
import { SyntheticWorld } from "./cases.js";
import type { SyntheticCouncil } from "./council.js";
import { generateBatch, type BatchRequest, type BatchResult } from "./generate.js";
import { TABLE_ORDER, TABLES, type OrganisationIdMaps, type TableName } from "./rows.js";

/** Where the rows go. */
export interface LoadTarget {
  readonly kind: "postgres" | "pglite";
  readonly db: Kysely<DB>;
  /** Copies every table of a batch in one transaction. */
  copy(tables: Partial<Record<TableName, string>>): Promise<void>;
  close(): Promise<void>;
}

const copySql = (table: TableName) => `COPY ${table} (${TABLES[table].join(", ")}) FROM STDIN`;

/** Milliseconds spent copying each table (this process), for the load report. */
export const copyMs: Partial<Record<TableName, number>> = {};

/** PostgreSQL at `url`: kysely (through packages/db's createDb) for the councils, a pg client for COPY. */
export async function postgresTarget(url: string): Promise<LoadTarget> {
  const database = await createDb({ url, maxConnections: 2 });
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  client.on("error", () => {});
  return {
    kind: "postgres",
    db: database.db,
    async copy(tables) {
      await client.query("BEGIN");
      try {
        for (const table of TABLE_ORDER) {
          const text = tables[table];
          if (!text) continue;
          const t0 = performance.now();
          const stream = client.query(copyFrom(copySql(table)));
          await pipeline(Readable.from([text]), stream);
          copyMs[table] = (copyMs[table] ?? 0) + performance.now() - t0;
        }
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK").catch(() => {});
        throw error;
      }
    },
    async close() {
      await client.end();
      await database.close();
    },
  };
}

/** PGlite: a data folder (embedded mode) or, without one, in memory. */
export async function pgliteTarget(dataDir?: string): Promise<LoadTarget & { pglite: PGlite }> {
  const parsers = { 1082: (value: string) => value, 20: (value: string) => Number(value) };
  const pglite = dataDir ? new PGlite(dataDir, { parsers }) : new PGlite({ parsers });
  await pglite.waitReady;
  const db = new Kysely<DB>({ dialect: new PGliteDialect(pglite) });
  return {
    kind: "pglite",
    db,
    pglite,
    async copy(tables) {
      await pglite.transaction(async (tx) => {
        for (const table of TABLE_ORDER) {
          const text = tables[table];
          if (!text) continue;
          await tx.query(`COPY ${table} (${TABLES[table].join(", ")}) FROM '/dev/blob'`, [], { blob: new Blob([text]) });
        }
      });
    },
    async close() {
      await db.destroy();
    },
  };
}

/**
 * Installs a council once (its row, the directorates, services and teams of its profile, and its
 * staff with the given password hash) and returns the database ids of its structure.
 *
 * The council and staff rows are written here with the bulk loader's own SQL, not through
 * packages/db's repositories: the synthetic world fixes their ids (the generated cases point at
 * them) and inserts staff 200 at a time, which is what loading a million-case council in minutes
 * takes (docs/benchmarks.md). The structure goes through `saveProfile`, as in the API.
 */
export async function installCouncil(db: Kysely<DB>, council: SyntheticCouncil, passwordHash: string, at: Date): Promise<OrganisationIdMaps> {
  const existing = await db.selectFrom("councils").select("id").where("id", "=", council.id).executeTakeFirst();
  if (!existing) {
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto("councils")
        .values({
          id: council.id,
          slug: council.slug,
          name: council.name,
          reference_prefix: council.prefix,
          profile: JSON.stringify(council.profile),
          created_at: at,
          updated_at: at,
        })
        .execute();
      const ids = await organisationRepository.saveProfile(trx, council.id, council.profile, at);
      const directorateIds = ids.directorates;
      for (let i = 0; i < council.staff.length; i += 200) {
        const chunk = council.staff.slice(i, i + 200);
        await trx
          .insertInto("staff")
          .values(
            chunk.map((s) => ({
              id: s.id,
              council_id: council.id,
              email: s.email,
              display_name: s.name,
              job_title: s.jobTitle,
              team_id: s.team ? (ids.teams.get(s.team) ?? null) : null,
              password_hash: passwordHash,
              created_at: at,
              updated_at: at,
            })),
          )
          .execute();
        await trx
          .insertInto("staff_roles")
          .values(
            chunk.flatMap((s) =>
              s.roles.map((r) => ({
                staff_id: s.id,
                council_id: council.id,
                role: r.role,
                directorate_id: r.directorate ? directorateIds.get(r.directorate)! : null,
                granted_at: at,
              })),
            ),
          )
          .execute();
      }
    });
  }
  const directorates = await organisationRepository.listDirectorates(db, council.id, { includeArchived: true });
  const services = await organisationRepository.listServices(db, council.id, { includeArchived: true });
  return {
    councilId: council.id,
    directorates: new Map(directorates.map((d) => [d.code, d.id])),
    services: new Map(services.map((s) => [s.code, { id: s.id, directorateId: s.directorate_id }])),
  };
}

export interface LoadOptions {
  seed: number;
  now: Date;
  years: number;
  councilSize: number;
  /** Cases [from, to) are generated and loaded. */
  from: number;
  to: number;
  /** argon2 hash every synthetic staff member signs in with. */
  passwordHash: string;
  /** Generator threads (0: generate in this thread). */
  workers?: number;
  /** Cases per COPY transaction. */
  batch?: number;
  onProgress?: (done: number, total: number) => void;
}

export interface LoadReport {
  cases: number;
  events: number;
  customers: number;
  seconds: number;
  councils: Array<{ number: number; id: string; slug: string; name: string }>;
  refusals: Record<string, number>;
  byStatus: Record<string, number>;
}

/** Generates cases [from, to) and loads them, batch by batch, in order. */
export async function loadCases(target: LoadTarget, options: LoadOptions): Promise<LoadReport> {
  const started = performance.now();
  const world = new SyntheticWorld({ seed: options.seed, now: options.now, years: options.years, councilSize: options.councilSize });
  if (world.start.getTime() < Date.parse("2018-02-01T00:00:00Z")) {
    throw new RangeError(`${options.years} years before ${options.now.toISOString().slice(0, 10)} is before the bank-holiday data (2018): use fewer years`);
  }
  const ids: BatchRequest["ids"] = {};
  const councils: LoadReport["councils"] = [];
  for (let n = world.councilOf(options.from); n <= world.councilOf(Math.max(options.from, options.to - 1)); n++) {
    const council = world.council(n);
    const maps = await installCouncil(target.db, council, options.passwordHash, new Date(world.start.getTime() - 30 * 86_400_000));
    ids[n] = { councilId: maps.councilId, directorates: [...maps.directorates], services: [...maps.services] };
    councils.push({ number: n, id: council.id, slug: council.slug, name: council.name });
  }
  const batch = options.batch ?? 2000;
  const requests: BatchRequest[] = [];
  const worldOptions = { seed: options.seed, now: options.now.getTime(), years: options.years, councilSize: options.councilSize };
  for (let from = options.from; from < options.to; from += batch) {
    requests.push({ options: worldOptions, ids, from, to: Math.min(options.to, from + batch) });
  }

  const report: LoadReport = { cases: 0, events: 0, customers: 0, seconds: 0, councils, refusals: {}, byStatus: {} };
  const take = async (result: BatchResult) => {
    await target.copy(result.tables);
    report.cases += result.cases;
    report.events += result.events;
    report.customers += result.customers;
    for (const [k, v] of Object.entries(result.refusals)) report.refusals[k] = (report.refusals[k] ?? 0) + v;
    for (const [k, v] of Object.entries(result.byStatus)) report.byStatus[k] = (report.byStatus[k] ?? 0) + v;
    options.onProgress?.(report.cases, options.to - options.from);
  };

  const workers = options.workers ?? 0;
  if (workers <= 0) {
    for (const request of requests) await take(generateBatch(request));
  } else {
    await runPool(workers, requests, take);
  }

  // Generated references number a council's cases 1…councilSize whatever the year; cases logged
  // through the API (the allocator's counter per year) start above that, so neither can take a
  // reference the other will use, however many cases are generated later.
  await sql`
    INSERT INTO case_reference_counters (council_id, year, last_value)
    SELECT c.id, y.year, ${options.councilSize}::int
    FROM councils c CROSS JOIN generate_series(${new Date(world.start).getUTCFullYear()}::int, ${options.now.getUTCFullYear() + 1}::int) AS y(year)
    WHERE c.id IN (${sql.join(councils.map((c) => c.id))})
    ON CONFLICT (council_id, year) DO UPDATE SET last_value = greatest(case_reference_counters.last_value, excluded.last_value)`.execute(target.db);
  await sql`ANALYZE`.execute(target.db);
  report.seconds = (performance.now() - started) / 1000;
  return report;
}

/** Generates in `size` threads, hands results over strictly in order, a few batches ahead at most. */
async function runPool(size: number, requests: BatchRequest[], take: (result: BatchResult) => Promise<void>): Promise<void> {
  const url = new URL("./worker.js", import.meta.url);
  const workers = Array.from({ length: size }, () => new Worker(url));
  const results = new Map<number, BatchResult>();
  let nextToTake = 0;
  let nextToSend = 0;
  let failure: Error | null = null;
  const ahead = size * 2;
  try {
    await new Promise<void>((resolve, reject) => {
      let taking = false;
      const drain = async () => {
        if (taking) return;
        taking = true;
        try {
          while (results.has(nextToTake)) {
            const result = results.get(nextToTake)!;
            results.delete(nextToTake);
            nextToTake++;
            await take(result);
            for (const w of idle.splice(0)) feed(w);
          }
          if (nextToTake === requests.length) resolve();
        } catch (error) {
          failure = error as Error;
          reject(error);
        } finally {
          taking = false;
        }
        if (results.has(nextToTake)) void drain();
      };
      const idle: Worker[] = [];
      const feed = (worker: Worker) => {
        if (failure || nextToSend >= requests.length) return;
        if (nextToSend - nextToTake >= ahead) {
          idle.push(worker);
          return;
        }
        const index = nextToSend++;
        worker.once("message", (message: { ok: true; result: BatchResult } | { ok: false; error: string }) => {
          if (!message.ok) {
            failure = new Error(message.error);
            reject(failure);
            return;
          }
          results.set(index, message.result);
          feed(worker);
          void drain();
        });
        worker.postMessage(requests[index]);
      };
      for (const w of workers) {
        w.on("error", (error) => {
          failure = error;
          reject(error);
        });
        feed(w);
      }
      if (requests.length === 0) resolve();
    });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
