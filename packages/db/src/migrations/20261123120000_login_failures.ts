import { sql, type Kysely } from "kysely";

/**
 * Failed sign-in attempts, so a lockout (decision 0303: 5 failures in 15 minutes) holds across
 * all API processes instead of per process. Keyed by council and a caller-chosen key (the
 * lower-cased email), whether or not the account exists. Frozen.
 */
const UP = [
  `CREATE TABLE login_failures (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    council_id uuid NOT NULL REFERENCES councils (id),
    key text NOT NULL CHECK (length(key) BETWEEN 1 AND 320),
    at timestamptz NOT NULL,
    ip text
  )`,
  `CREATE INDEX login_failures_key ON login_failures (council_id, key, at)`,
];

const DOWN = ["DROP TABLE login_failures"];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of UP) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const statement of DOWN) await sql.raw(statement).execute(db);
}
