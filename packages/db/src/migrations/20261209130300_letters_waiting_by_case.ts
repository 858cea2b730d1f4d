import { sql, type Kysely } from "kysely";

/**
 * The letters a case is waiting for, found by the case (issue 15, decision 0321): the work
 * queue shows each open case's unwritten letters as a task, so it looks them up per case row.
 * Partial: once a letter is issued or withdrawn it leaves the index. Frozen.
 */
const UP = [
  `CREATE INDEX notifications_outbox_letters_waiting ON notifications_outbox (case_id, id) WHERE kind = 'letter' AND sent_at IS NULL AND failed_at IS NULL`,
];

const DOWN = [`DROP INDEX notifications_outbox_letters_waiting`];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of UP) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const statement of DOWN) await sql.raw(statement).execute(db);
}
