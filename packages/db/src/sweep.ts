/**
 * What the scheduled sweep looks for: due dates coming up or passed, information asked of a
 * service and not given, improvement actions overdue, and who to tell. The sweep writes
 * what it finds to the outbox with dedupe keys, so running it again (or in several
 * processes at once) never notifies twice.
 */
import { sql } from "kysely";
import type { Executor } from "./executor.js";

export interface SweepDue {
  caseId: string;
  reference: string;
  directorateId: string | null;
  serviceCode: string | null;
  caseKind: string;
  assignedStaffId: string | null;
  dueId: string;
  dueKind: string;
  dueDate: string;
  explanation: string;
}

/** Unmet deadlines of open cases due between the two dates (inclusive), earliest first. */
async function dueBetween(db: Executor, councilId: string, from: string, to: string): Promise<SweepDue[]> {
  const rows = await db
    .selectFrom("due_dates as d")
    .innerJoin("cases as c", "c.id", "d.case_id")
    .leftJoin("services as s", "s.id", "c.service_id")
    .select([
      "c.id",
      "c.reference",
      "c.directorate_id",
      "s.code as service_code",
      "c.kind",
      "c.assigned_staff_id",
      "d.due_id",
      "d.kind as due_kind",
      "d.due_date",
      "d.explanation",
    ])
    .where("d.council_id", "=", councilId)
    .where("d.case_open", "=", true)
    .where("d.met_on", "is", null)
    .where("d.nature", "=", "deadline")
    .where("d.due_date", ">=", from)
    .where("d.due_date", "<=", to)
    .orderBy("d.due_date")
    .orderBy("c.reference")
    .execute();
  return rows.map((r) => ({
    caseId: r.id,
    reference: r.reference,
    directorateId: r.directorate_id,
    serviceCode: r.service_code,
    caseKind: r.kind,
    assignedStaffId: r.assigned_staff_id,
    dueId: r.due_id,
    dueKind: r.due_kind,
    dueDate: r.due_date,
    explanation: r.explanation,
  }));
}

export interface OpenServiceRequest {
  caseId: string;
  reference: string;
  directorateId: string | null;
  serviceCode: string | null;
  assignedStaffId: string | null;
  requestId: string;
  what: string;
  requestedOn: string;
}

/** Information asked of a service (not the customer) on open cases and not yet given. */
async function openServiceRequests(db: Executor, councilId: string): Promise<OpenServiceRequest[]> {
  const { rows } = await sql<{
    id: string;
    reference: string;
    directorate_id: string | null;
    service_code: string | null;
    assigned_staff_id: string | null;
    request_id: string;
    what: string;
    requested_on: string;
  }>`
    SELECT c.id, c.reference, c.directorate_id, s.code AS service_code, c.assigned_staff_id,
           r ->> 'id' AS request_id, r ->> 'what' AS what, r ->> 'requestedOn' AS requested_on
    FROM cases c
    LEFT JOIN services s ON s.id = c.service_id
    CROSS JOIN LATERAL jsonb_array_elements(coalesce(c.state -> 'informationRequests', '[]'::jsonb)) AS r
    WHERE c.council_id = ${councilId} AND c.status <> 'closed'
      AND r ->> 'from' = 'service' AND coalesce(r -> 'answeredOn', 'null'::jsonb) = 'null'::jsonb
    ORDER BY r ->> 'requestedOn', c.reference`.execute(db);
  return rows.map((r) => ({
    caseId: r.id,
    reference: r.reference,
    directorateId: r.directorate_id,
    serviceCode: r.service_code,
    assignedStaffId: r.assigned_staff_id,
    requestId: r.request_id,
    what: r.what,
    requestedOn: r.requested_on,
  }));
}

/** Active staff holding the role in the directorate, or council-wide (directorate null). */
async function staffWithRole(db: Executor, councilId: string, role: string, directorateId: string | null): Promise<string[]> {
  const rows = await db
    .selectFrom("staff_roles as r")
    .innerJoin("staff as s", "s.id", "r.staff_id")
    .select("s.id")
    .where("r.council_id", "=", councilId)
    .where("r.role", "=", role)
    .where("s.active", "=", true)
    .where((eb) => (directorateId ? eb.or([eb("r.directorate_id", "=", directorateId), eb("r.directorate_id", "is", null)]) : eb("r.directorate_id", "is", null)))
    .orderBy("s.id")
    .execute();
  return [...new Set(rows.map((r) => r.id))];
}

// Overdue improvement actions are `learningRepository.overdueImprovements` (reports/learning.ts):
// it knows when an action was recorded done and when a milestone was missed.
export const sweepRepository = Object.freeze({ dueBetween, openServiceRequests, staffWithRole });
