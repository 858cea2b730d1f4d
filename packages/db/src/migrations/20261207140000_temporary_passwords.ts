import { sql, type Kysely } from "kysely";

/**
 * A password an administrator set for someone else is temporary (issue 20): until the person
 * chooses their own, their sessions may do nothing but change it, read who they are and sign
 * out. Existing accounts keep the passwords they have (false). Frozen.
 */
const UP = [`ALTER TABLE staff ADD COLUMN password_must_change boolean NOT NULL DEFAULT false`];

const DOWN = [`ALTER TABLE staff DROP COLUMN password_must_change`];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of UP) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const statement of DOWN) await sql.raw(statement).execute(db);
}
