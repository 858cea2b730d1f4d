import { sql, type Kysely } from "kysely";

/**
 * Letters about a customer's conduct asked for before they were filed on a case (issue 15,
 * decision 0321): the persistent-complainant process queued them with no case, so nobody could
 * issue them, the work queue never showed them and they waited for ever. Each still waiting is
 * filed on the customer's latest case (by the date received), as new ones are, and waits there
 * as a task for someone who writes letters (it records no step, so nobody issues it unasked).
 * Frozen.
 */
const UP = [
  `UPDATE notifications_outbox o
      SET case_id = c.id,
          payload = o.payload || jsonb_build_object('stageId', NULL::text, 'to', 'customer', 'reference', c.reference)
     FROM cases c
    WHERE o.kind = 'letter' AND o.case_id IS NULL AND o.sent_at IS NULL AND o.failed_at IS NULL
      AND c.id = (SELECT latest.id FROM cases latest
                   WHERE latest.council_id = o.council_id AND latest.customer_id::text = o.payload->>'customerId'
                   ORDER BY latest.received_at DESC, latest.id LIMIT 1)`,
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of UP) await sql.raw(statement).execute(db);
}

/** Nothing to undo: the rows stay on the case (a case id is what every reader of them expects). */
export async function down(): Promise<void> {}
