import { sql, type Kysely } from "kysely";

/**
 * A duplicate merged into the case kept (issue 16; docs/decisions/0106-merge-link-split.md) is
 * one complaint, counted through the case kept: its stage facts go, so no stage figure (received,
 * answered in time, outcomes, categories) counts it twice. Its case facts stay, with the closure
 * reason "merged", so a report can still tell merged cases apart.
 *
 * A trigger of its own, beside `report_facts` (20261126100000, rewritten by 20261209130000),
 * rather than a third copy of that function: PostgreSQL fires triggers on the same event in
 * the order of their names, so `report_facts_merged` runs after `report_facts` has written the
 * facts. Frozen.
 */
const UP = [
  `CREATE FUNCTION report_facts_merged() RETURNS trigger
  LANGUAGE plpgsql AS $$
  BEGIN
    DELETE FROM report_stage_facts WHERE case_id = NEW.id;
    RETURN NULL;
  END
  $$`,
  `CREATE TRIGGER report_facts_merged AFTER INSERT OR UPDATE ON cases
    FOR EACH ROW WHEN (NEW.state -> 'closure' ->> 'reason' = 'merged')
    EXECUTE FUNCTION report_facts_merged()`,
];

const DOWN = [
  "DROP TRIGGER report_facts_merged ON cases",
  "DROP FUNCTION report_facts_merged()",
  // The facts of merged cases as the one trigger left writes them.
  `UPDATE cases SET state = state WHERE state -> 'closure' ->> 'reason' = 'merged'`,
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of UP) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const statement of DOWN) await sql.raw(statement).execute(db);
}
