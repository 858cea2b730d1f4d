import { sql, type Kysely } from "kysely";

/**
 * The work queue of one directorate (issue 8: "check the query plans and add the indexes they
 * need"). Without it the queue read every open case of the council through `cases_open` and
 * filtered them by directorate; the plan at 100,000 cases spent most of its time there. With it,
 * a directorate's open cases are one index range, however many closed cases pile up behind them.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE INDEX cases_open_by_directorate ON cases (council_id, directorate_id, received_at DESC) WHERE status <> 'closed'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP INDEX cases_open_by_directorate`.execute(db);
}
