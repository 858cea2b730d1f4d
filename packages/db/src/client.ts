import { PGlite } from "@electric-sql/pglite";
import { Kysely, PostgresDialect } from "kysely";
import { PGliteDialect } from "kysely-pglite-dialect";
import pg from "pg";
import type { DB } from "./schema.js";

/** Which engine a {@link Database} talks to. Both run the same migrations and queries. */
export type Dialect = "postgres" | "pglite";

export interface Database {
  readonly db: Kysely<DB>;
  readonly dialect: Dialect;
  /** Ends the pool or shuts PGlite down. Safe to call twice. */
  close(): Promise<void>;
  /**
   * PGlite only: a tarball of the whole data folder. Boot copies of it with
   * `createDb({ memory: true, loadDataDir })` in well under a second (test fixtures).
   */
  dumpDataDir?(): Promise<Blob>;
}

export type CreateDbOptions =
  /** PostgreSQL through a `pg` Pool. */
  | {
      url: string;
      /** Tables are looked up in this schema first (`search_path`); it must exist. */
      schema?: string;
      /** Pool size; pg's default is 10. */
      maxConnections?: number;
    }
  /** PGlite persisted in a folder (embedded mode). */
  | { dataDir: string }
  /** PGlite in memory, optionally booted from a `dumpDataDir()` tarball (fast test fixtures). */
  | { memory: true; loadDataDir?: Blob };

// OIDs of the built-in types whose default JavaScript form differs between the drivers.
const OID_INT8 = 20;
const OID_DATE = 1082;

/**
 * Both drivers return the same JavaScript values:
 * - `date` columns stay "YYYY-MM-DD" strings (deadlines are dates in the council's zone, never
 *   instants; pg would otherwise make a local-midnight `Date`, PGlite a UTC-midnight one);
 * - `bigint` (counts, event ids) become numbers (pg would give strings);
 * - `timestamptz` are `Date`, `jsonb` is parsed, `bytea` is a `Uint8Array` (pg: `Buffer`).
 */
const pgTypes = {
  getTypeParser(oid: number, format?: "text" | "binary") {
    if (oid === OID_DATE) return (value: string) => value;
    if (oid === OID_INT8) return (value: string) => Number(value);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- pg's overloads are not assignable from a union
    return pg.types.getTypeParser(oid, format as any);
  },
} as pg.CustomTypesConfig;

const pgliteParsers = {
  [OID_DATE]: (value: string) => value,
  [OID_INT8]: (value: string) => Number(value),
};

/**
 * Opens the database.
 *
 * - `createDb()` is an in-memory PGlite. The connection is the caller's to choose: the API's
 *   settings (apps/api/src/config.ts, DATABASE_URL) pass it in; nothing here reads the environment.
 * - `createDb({ url })` uses PostgreSQL; `createDb({ dataDir })` a persistent PGlite folder;
 *   `createDb({ memory: true })` an in-memory PGlite.
 *
 * The schema is not migrated here: call {@link migrateToLatest} once at start-up.
 */
export async function createDb(resolved: CreateDbOptions = { memory: true }): Promise<Database> {

  if ("url" in resolved) {
    const pool = new pg.Pool({
      connectionString: resolved.url,
      types: pgTypes,
      ...(resolved.maxConnections ? { max: resolved.maxConnections } : {}),
      ...(resolved.schema ? { options: `-c search_path=${quoteIdent(resolved.schema)}` } : {}),
    });
    // A client that loses its server (a restart, a failover) must not crash the process. The
    // pool listens on idle clients only; a checked-out client between two queries of a
    // transaction emits 'error' with nobody listening, so every client gets a listener of its
    // own. The query in flight, or the next one, fails and reports it; the pool then replaces
    // the broken client.
    pool.on("error", () => {});
    pool.on("connect", (client) => client.on("error", () => {}));
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    return { db, dialect: "postgres", close: once(() => db.destroy()) };
  }

  const pglite =
    "dataDir" in resolved
      ? new PGlite(resolved.dataDir, { parsers: pgliteParsers })
      : new PGlite({
          parsers: pgliteParsers,
          ...(resolved.loadDataDir ? { loadDataDir: resolved.loadDataDir } : {}),
        });
  await pglite.waitReady;
  const db = new Kysely<DB>({ dialect: new PGliteDialect(pglite) });
  return {
    db,
    dialect: "pglite",
    close: once(() => db.destroy()),
    dumpDataDir: () => pglite.dumpDataDir("none"),
  };
}

/** Quotes an identifier for use in SQL (doubles embedded quotes). */
export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

function once(fn: () => Promise<void>): () => Promise<void> {
  let done: Promise<void> | undefined;
  return () => (done ??= fn());
}
