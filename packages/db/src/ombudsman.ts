/**
 * Ombudsman enquiries across cases for `@complaints/api`: the complaints team's list of what
 * the LGSCO, the Housing Ombudsman or the ICO have asked, when the reply is due and where
 * each stands. Rows come from `ombudsman_enquiries` (projected from each case's state by the
 * lifecycle), narrowed in SQL by the caller's `VisibilityScope` like the work queues.
 */
import { sql } from "kysely";
import type { Executor } from "./executor.js";
import { visible, type VisibilityScope } from "./case-reads.js";

export interface OmbudsmanEnquiryQuery {
  scope: VisibilityScope;
  /**
   * Enquiries still open (the Ombudsman not yet satisfied), and those closed on or after this
   * date (ISO), so that recent outcomes stay in view.
   */
  closedSince: string;
  /** Only this body ("lgsco", "housing-ombudsman", "ico"…). */
  body?: string;
  limit: number;
}

export interface OmbudsmanEnquiryListRow {
  caseId: string;
  reference: string;
  directorateId: string | null;
  serviceCode: string | null;
  restricted: boolean;
  enquiryId: string;
  body: string;
  theirReference: string;
  receivedOn: string;
  responseDueOn: string;
  respondedOn: string | null;
  finding: string | null;
  injustice: boolean | null;
  decidedOn: string | null;
  remedies: Array<{ id: string; description: string; dueOn: string | null; amountPence: number | null; completedOn: string | null }>;
  satisfiedOn: string | null;
}

/**
 * Enquiries on cases in the caller's view: open ones by the date their reply is due, then the
 * recently closed. Dates are ISO calendar dates.
 */
async function enquiries(db: Executor, q: OmbudsmanEnquiryQuery): Promise<OmbudsmanEnquiryListRow[]> {
  let query = db
    .selectFrom("ombudsman_enquiries as o")
    .innerJoin("cases as c", "c.id", "o.case_id")
    .leftJoin("services as s", "s.id", "c.service_id")
    .select([
      "c.id as caseId",
      "c.reference",
      "c.directorate_id as directorateId",
      "s.code as serviceCode",
      "c.restricted",
      "o.id as enquiryId",
      "o.body",
      "o.their_reference as theirReference",
      sql<string>`to_char(o.received_on, 'YYYY-MM-DD')`.as("receivedOn"),
      sql<string>`to_char(o.response_due_on, 'YYYY-MM-DD')`.as("responseDueOn"),
      sql<string | null>`to_char(o.responded_on, 'YYYY-MM-DD')`.as("respondedOn"),
      "o.finding",
      "o.injustice",
      sql<string | null>`to_char(o.decided_on, 'YYYY-MM-DD')`.as("decidedOn"),
      "o.remedies",
      sql<string | null>`to_char(o.satisfied_on, 'YYYY-MM-DD')`.as("satisfiedOn"),
    ])
    .where("o.council_id", "=", q.scope.councilId)
    .where((eb) => visible(eb, q.scope))
    .where((eb) => eb.or([eb("o.satisfied_on", "is", null), eb("o.satisfied_on", ">=", q.closedSince)]));
  if (q.body) query = query.where("o.body", "=", q.body);
  const rows = await query
    .orderBy(sql`o.satisfied_on IS NOT NULL`)
    .orderBy("o.response_due_on")
    .orderBy("c.reference")
    .orderBy("o.id")
    .limit(q.limit)
    .execute();
  return rows.map((r) => ({ ...r, remedies: (r.remedies ?? []) as OmbudsmanEnquiryListRow["remedies"] }));
}

export const ombudsmanRepository = Object.freeze({ enquiries });
