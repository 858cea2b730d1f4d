import { sql, type Kysely } from "kysely";

/**
 * Secrets the server makes for itself when the operator has not set one, shared by every API
 * process on the database (the tracking-code key: docs/decisions/0503-public-tracking-codes.md).
 * Written once (INSERT … ON CONFLICT DO NOTHING) and never changed: a new value would turn every
 * tracking code already printed on a letter into a wrong one. Frozen.
 */
const UP = [
  `CREATE TABLE server_secrets (
    name text PRIMARY KEY CHECK (name ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    value text NOT NULL CHECK (length(value) >= 32),
    created_at timestamptz NOT NULL DEFAULT now()
  )`,
];

const DOWN = ["DROP TABLE server_secrets"];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of UP) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const statement of DOWN) await sql.raw(statement).execute(db);
}
