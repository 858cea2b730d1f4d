import { sql, type Kysely } from "kysely";

/**
 * The cases with a request for approval waiting for a decision (docs/decisions/0324-approvals.md):
 * the approvals list of every approver reads them by council. Requests live in the case's
 * snapshot (core's `approvals`), so the index is partial on the same predicate the query uses
 * (caseRepository.listAwaitingApproval); a case leaves it once its requests are decided. Frozen.
 */
const UP = [`CREATE INDEX cases_awaiting_approval ON cases (council_id) WHERE state->'approvals' @> '[{"decision": null}]'::jsonb`];

const DOWN = [`DROP INDEX cases_awaiting_approval`];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of UP) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const statement of DOWN) await sql.raw(statement).execute(db);
}
