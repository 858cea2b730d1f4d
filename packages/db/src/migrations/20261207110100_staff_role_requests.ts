import { sql, type Kysely } from "kysely";

/**
 * Role changes that wait for a second administrator (issue 20, finding 11): an administrator who
 * gives themselves a role that reads cases asks; another administrator of the council approves
 * or refuses. At most one request waits per staff member.
 */
const UP = [
  `CREATE TABLE staff_role_requests (
    id uuid PRIMARY KEY,
    council_id uuid NOT NULL,
    staff_id uuid NOT NULL,
    requested_by uuid NOT NULL,
    roles jsonb NOT NULL,
    requested_at timestamptz NOT NULL,
    decided_by uuid,
    decided_at timestamptz,
    decision text CHECK (decision IN ('approved', 'refused', 'withdrawn')),
    FOREIGN KEY (council_id, staff_id) REFERENCES staff (council_id, id) ON DELETE CASCADE,
    FOREIGN KEY (council_id, requested_by) REFERENCES staff (council_id, id),
    CHECK ((decision IS NULL) = (decided_at IS NULL)),
    CHECK (decided_by IS NULL OR decision = 'withdrawn' OR decided_by <> requested_by)
  )`,
  `CREATE UNIQUE INDEX staff_role_requests_waiting ON staff_role_requests (staff_id) WHERE decision IS NULL`,
];

const DOWN = ["DROP TABLE staff_role_requests"];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of UP) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const statement of DOWN) await sql.raw(statement).execute(db);
}
