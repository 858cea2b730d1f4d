import { sql, type Kysely } from "kysely";

/**
 * Sign-in failures counted per account across councils and per client address (issue 20,
 * finding 5). The account key is the lower-cased email alone, so naming a council (or none)
 * no longer starts a second counter: `council_id` becomes optional, kept only as a note of
 * the council named. `ip` holds the client's address key (IPv6 grouped by /56) and is
 * counted on its own, so every API process shares the per-address limit. Frozen.
 */
const UP = [
  `ALTER TABLE login_failures ALTER COLUMN council_id DROP NOT NULL`,
  `DROP INDEX login_failures_key`,
  `CREATE INDEX login_failures_key_at ON login_failures (key, at)`,
  `CREATE INDEX login_failures_ip_at ON login_failures (ip, at) WHERE ip IS NOT NULL`,
  `CREATE INDEX login_failures_at ON login_failures (at)`,
];

const DOWN = [
  `DROP INDEX login_failures_at`,
  `DROP INDEX login_failures_ip_at`,
  `DROP INDEX login_failures_key_at`,
  `DELETE FROM login_failures WHERE council_id IS NULL`,
  `ALTER TABLE login_failures ALTER COLUMN council_id SET NOT NULL`,
  `CREATE INDEX login_failures_key ON login_failures (council_id, key, at)`,
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of UP) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const statement of DOWN) await sql.raw(statement).execute(db);
}
