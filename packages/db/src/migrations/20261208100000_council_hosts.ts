import { sql, type Kysely } from "kysely";

/**
 * The host names a council's pages answer to (issue 14, "Several councils on one server"):
 * `complaints.leeds.gov.uk` is Leeds's, whoever else the server holds. A name belongs to one
 * council at most (the primary key), stored lower-case without a port, as browsers send it.
 * docs/decisions/0316-council-by-host.md. Frozen.
 */
const UP = [
  `CREATE TABLE council_hosts (
    host text PRIMARY KEY CHECK (host = lower(host) AND host ~ '^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$'),
    council_id uuid NOT NULL REFERENCES councils (id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL DEFAULT now()
  )`,
  `CREATE INDEX council_hosts_council ON council_hosts (council_id)`,
];

const DOWN = [`DROP TABLE council_hosts`];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of UP) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const statement of DOWN) await sql.raw(statement).execute(db);
}
