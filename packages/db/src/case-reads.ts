/**
 * Case reads for `@complaints/api`: the facts access decisions need, work queues with their
 * filters, the record of who read a case, and staff names for timelines.
 *
 * Visibility is decided by the API; `VisibilityScope` carries its decision into SQL:
 * - cases of `directorates` ("all" for council-wide roles) are visible;
 * - restricted ones only in `restrictedDirectorates`;
 * - the case's handler (`assigned_staff_id`) always sees it;
 * - nobody sees a case that names them as the subject of the complaint.
 */
import { sql, type Expression, type ExpressionBuilder, type SqlBool } from "kysely";
import { appendEvents } from "./events.js";
import type { DB } from "./schema.js";
import type { Executor } from "./executor.js";

export interface VisibilityScope {
  councilId: string;
  staffId: string;
  directorates: readonly string[] | "all";
  restrictedDirectorates: readonly string[] | "all";
}

export interface CaseAccessFacts {
  id: string;
  councilId: string;
  directorateId: string | null;
  restricted: boolean;
  assignedStaffId: string | null;
  aboutStaffIds: string[];
}

/** The facts access decisions need, for each case id that exists in the council. */
async function accessFacts(db: Executor, councilId: string, caseIds: readonly string[]): Promise<Map<string, CaseAccessFacts>> {
  if (caseIds.length === 0) return new Map();
  const rows = await db
    .selectFrom("cases")
    .select([
      "id",
      "council_id",
      "directorate_id",
      "restricted",
      "assigned_staff_id",
      sql<string[]>`coalesce(state -> 'aboutStaffIds', '[]'::jsonb)`.as("about"),
    ])
    .where("council_id", "=", councilId)
    .where("id", "in", [...caseIds])
    .execute();
  return new Map(
    rows.map((r) => [
      r.id,
      { id: r.id, councilId: r.council_id, directorateId: r.directorate_id, restricted: r.restricted, assignedStaffId: r.assigned_staff_id, aboutStaffIds: r.about },
    ]),
  );
}

export type Q = DB & { c: DB["cases"] };

function inDirectorates(eb: ExpressionBuilder<Q, "c">, ids: readonly string[] | "all"): Expression<SqlBool> {
  if (ids === "all") return sql<boolean>`true`;
  return ids.length ? eb("c.directorate_id", "in", [...ids]) : sql<boolean>`false`;
}

export function visible(eb: ExpressionBuilder<Q, "c">, scope: VisibilityScope): Expression<SqlBool> {
  return eb.and([
    eb("c.council_id", "=", scope.councilId),
    // Never a case about oneself. A case about named staff is always restricted (the mirror is
    // written so), so only restricted rows need their snapshot opened: CASE keeps PostgreSQL
    // from reading (and de-TOASTing) the state of every other row.
    sql<boolean>`CASE WHEN c.restricted THEN NOT coalesce(c.state -> 'aboutStaffIds' ? ${scope.staffId}, false) ELSE true END`,
    eb.or([
      eb("c.assigned_staff_id", "=", scope.staffId),
      eb.and([
        inDirectorates(eb, scope.directorates),
        eb.or([eb("c.restricted", "=", false), inDirectorates(eb, scope.restrictedDirectorates)]),
      ]),
    ]),
  ]);
}

export interface WorkQueueQuery {
  scope: VisibilityScope;
  /** Only cases handled by this staff member. */
  assignedTo?: string;
  /** Only cases handled by members of this team. */
  team?: string;
  /** Only these directorates (within the scope). */
  directorates?: readonly string[];
  unassignedOnly?: boolean;
  /** "new" (awaiting triage) or "open"; both when omitted. Closed cases are never in a queue. */
  statuses?: ReadonlyArray<"new" | "open">;
  kinds?: readonly string[];
  /** Profile slugs of lead services. */
  serviceCodes?: readonly string[];
  stageIds?: readonly string[];
  priority?: "high" | "normal";
  /** Nearest due date strictly before this date ("red": before today). */
  dueBefore?: string;
  /** Nearest due date on or after this date. */
  dueOnOrAfter?: string;
  /** Nearest due date on or before this date. */
  dueOnOrBefore?: string;
  /** Only cases with no unmet due date (new cases, service requests…). */
  onlyUndated?: boolean;
  limit: number;
  offset?: number;
}

export interface WorkQueueRow {
  id: string;
  reference: string;
  version: number;
  kind: string;
  status: string;
  priority: string;
  directorateId: string | null;
  serviceId: string | null;
  serviceCode: string | null;
  assignedStaffId: string | null;
  assignedStaffName: string | null;
  customerName: string | null;
  currentStageId: string | null;
  receivedAt: Date;
  restricted: boolean;
  excerpt: string;
  nextDue: { id: string; kind: string; nature: string; date: string; explanation: string } | null;
  /**
   * The oldest message to the resident that failed or may not have gone and that staff have not
   * resolved (notifications_outbox; docs/decisions/0318-writing-to-residents.md), with its reason.
   */
  correspondenceProblem: { outboxId: number; status: string; reason: string } | null;
  /**
   * Letters the lifecycle asked for that nobody has issued yet (decision 0321): each with
   * what it still lacks (`missing`, the officer's words it waits for; empty until drafted).
   */
  lettersWaiting: Array<{ outboxId: number; kind: string; missing: string[] }>;
}

/**
 * Open cases in the caller's view: those with a correspondence problem first, then nearest unmet due date first (deadlines and targets; the
 * customer's own windows are left out), cases with no date yet last.
 */
async function workQueue(db: Executor, q: WorkQueueQuery): Promise<{ rows: WorkQueueRow[]; total: number }> {
  let query = db
    .selectFrom("cases as c")
    // The nearest unmet due date of each case, looked up by the due dates' primary key. A
    // lateral lookup per case, not one DISTINCT ON over the directorate's due dates joined
    // afterwards: with that, PostgreSQL misjudged 729 open cases as 1 and rescanned the whole
    // subquery for every case (1,000,000-case bench, docs/benchmarks.md).
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom("due_dates as d")
          .select(["d.case_id", "d.due_id", "d.kind", "d.nature", "d.due_date", "d.explanation"])
          .whereRef("d.case_id", "=", "c.id")
          .where("d.met_on", "is", null)
          .where("d.nature", "in", ["deadline", "target"])
          .orderBy("d.due_date")
          .orderBy("d.due_id")
          .limit(1)
          .as("n"),
      (join) => join.onTrue(),
    )
    // A message to the resident that failed and is not resolved (the partial index notifications_outbox_problems).
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom("notifications_outbox as o")
          .select(["o.id as problem_id", "o.status as problem_status", "o.last_error as problem_reason"])
          .whereRef("o.case_id", "=", "c.id")
          .where("o.council_id", "=", q.scope.councilId)
          .where("o.kind", "=", "correspondence")
          .where("o.status", "in", ["failed", "uncertain"])
          .where("o.resolved_at", "is", null)
          .orderBy("o.id")
          .limit(1)
          .as("p"),
      (join) => join.onTrue(),
    )
    .leftJoin("customers as cu", "cu.id", "c.customer_id")
    .leftJoin("services as sv", "sv.id", "c.service_id")
    .leftJoin("staff as st", "st.id", "c.assigned_staff_id")
    .where((eb) => visible(eb as unknown as ExpressionBuilder<Q, "c">, q.scope))
    .where("c.status", "in", [...(q.statuses?.length ? q.statuses : ["new", "open"])]);
  if (q.assignedTo) query = query.where("c.assigned_staff_id", "=", q.assignedTo);
  if (q.team) {
    const team = q.team;
    query = query.where((eb) =>
      eb.or([eb("c.team_id", "=", team), eb("c.assigned_staff_id", "in", eb.selectFrom("staff").select("id").where("team_id", "=", team))]),
    );
  }
  if (q.directorates) query = q.directorates.length ? query.where("c.directorate_id", "in", [...q.directorates]) : query.where(sql<boolean>`false`);
  if (q.unassignedOnly) query = query.where("c.assigned_staff_id", "is", null);
  if (q.kinds?.length) query = query.where("c.kind", "in", [...q.kinds]);
  if (q.serviceCodes?.length) query = query.where("sv.code", "in", [...q.serviceCodes]);
  if (q.stageIds?.length) query = query.where("c.current_stage_id", "in", [...q.stageIds]);
  if (q.priority) query = query.where("c.priority", "=", q.priority);
  const dated = q.dueBefore !== undefined || q.dueOnOrAfter !== undefined || q.dueOnOrBefore !== undefined;
  if (dated) query = query.where("n.due_date", "is not", null);
  if (q.onlyUndated) query = query.where("n.due_date", "is", null);
  if (q.dueBefore) query = query.where("n.due_date", "<", q.dueBefore);
  if (q.dueOnOrAfter) query = query.where("n.due_date", ">=", q.dueOnOrAfter);
  if (q.dueOnOrBefore) query = query.where("n.due_date", "<=", q.dueOnOrBefore);

  // The total comes with the page (a window over the same rows), not from a second query.
  const rows = await query
    .select(sql<number>`count(*) OVER ()`.as("total"))
    .select([
      "c.id",
      "c.reference",
      "c.version",
      "c.kind",
      "c.status",
      "c.priority",
      "c.directorate_id",
      "c.service_id",
      "sv.code as service_code",
      "c.assigned_staff_id",
      "st.display_name as assigned_staff_name",
      "cu.full_name as customer_name",
      "c.current_stage_id",
      "c.received_at",
      "c.restricted",
      sql<string>`left(c.description, 200)`.as("excerpt"),
      sql<Array<{ outboxId: number; kind: string; missing: string[] | null }>>`(
        SELECT coalesce(jsonb_agg(jsonb_build_object('outboxId', o.id, 'kind', o.payload->>'letter', 'missing', o.payload->'missing') ORDER BY o.id), '[]'::jsonb)
        FROM notifications_outbox o
        WHERE o.case_id = c.id AND o.kind = 'letter' AND o.sent_at IS NULL AND o.failed_at IS NULL)`.as("letters_waiting"),
      "n.due_id",
      "n.kind as due_kind",
      "n.nature as due_nature",
      "n.due_date",
      "n.explanation as due_explanation",
      "p.problem_id",
      "p.problem_status",
      "p.problem_reason",
    ])
    .orderBy(sql`p.problem_id IS NULL`)
    .orderBy(sql`n.due_date ASC NULLS LAST`)
    .orderBy("c.priority")
    .orderBy("c.received_at")
    .orderBy("c.reference")
    .limit(q.limit)
    .offset(q.offset ?? 0)
    .execute();
  // Past the last page there is no row to carry the total: count then.
  const total =
    rows.length > 0
      ? Number(rows[0]!.total)
      : (q.offset ?? 0) > 0
        ? Number(((await query.select(sql<number>`count(*)`.as("n")).executeTakeFirst()) as { n: number } | undefined)?.n ?? 0)
        : 0;
  return {
    total,
    rows: rows.map((r) => ({
      id: r.id,
      reference: r.reference,
      version: r.version,
      kind: r.kind,
      status: r.status,
      priority: r.priority,
      directorateId: r.directorate_id,
      serviceId: r.service_id,
      serviceCode: r.service_code,
      assignedStaffId: r.assigned_staff_id,
      assignedStaffName: r.assigned_staff_name,
      customerName: r.customer_name,
      currentStageId: r.current_stage_id,
      receivedAt: r.received_at,
      restricted: r.restricted,
      excerpt: r.excerpt,
      lettersWaiting: r.letters_waiting.map((l) => ({ outboxId: l.outboxId, kind: l.kind, missing: Array.isArray(l.missing) ? l.missing.map(String) : [] })),
      nextDue: r.due_id
        ? { id: r.due_id, kind: r.due_kind!, nature: r.due_nature!, date: r.due_date!, explanation: r.due_explanation! }
        : null,
      correspondenceProblem: r.problem_id ? { outboxId: Number(r.problem_id), status: r.problem_status!, reason: r.problem_reason ?? "The message to the resident was not sent" } : null,
    })),
  };
}

/**
 * Records that someone read a case, as a `case-read` event in the case's hash-chained log
 * (so the record of access cannot be edited unnoticed). The case row is locked while the
 * event is appended, as every write to the log does.
 */
async function recordCaseRead(
  db: Executor,
  input: { caseId: string; councilId: string; actor: { type: "staff" | "api-key"; id: string }; at: Date; purpose: string },
): Promise<void> {
  const append = async (trx: Executor) => {
    // Lock first, then read the log's head in a second statement. In one statement (a lateral
    // join under FOR UPDATE) PostgreSQL waits for the lock but keeps the statement's snapshot,
    // so a reader that queued behind another reader (or a command) saw the old head and
    // collided on (case_id, seq): issue 20, finding 2. PGlite, one connection, never queues.
    const locked = await trx.selectFrom("cases").select("version").where("id", "=", input.caseId).forUpdate().executeTakeFirst();
    if (!locked) return;
    // No `head`: appendEvents reads it now, after the lock, in a statement of its own.
    await appendEvents(trx, {
      councilId: input.councilId,
      stream: { caseId: input.caseId },
      streamVersion: locked.version,
      events: [{ type: "case-read", occurredAt: input.at, actor: input.actor, payload: { type: "case-read", purpose: input.purpose } }],
    });
  };
  if (db.isTransaction) await append(db);
  else await db.transaction().execute(append);
}

export interface CaseReadRecord {
  at: Date;
  actorType: string;
  actorId: string | null;
  actorName: string | null;
  purpose: string;
}

/** Who read the case, newest first. */
async function caseReads(db: Executor, caseId: string, limit = 200): Promise<CaseReadRecord[]> {
  const rows = await db
    .selectFrom("events as e")
    .leftJoin("staff as s", (join) => join.on(sql<boolean>`s.id::text = e.actor_id`))
    .select(["e.occurred_at", "e.actor_type", "e.actor_id", "s.display_name", sql<string>`e.payload ->> 'purpose'`.as("purpose")])
    .where("e.case_id", "=", caseId)
    .where("e.type", "=", "case-read")
    .orderBy("e.seq", "desc")
    .limit(limit)
    .execute();
  return rows.map((r) => ({ at: r.occurred_at, actorType: r.actor_type, actorId: r.actor_id, actorName: r.display_name, purpose: r.purpose }));
}

/** Display names of staff, by id (for timelines and queues). */
async function staffNames(db: Executor, councilId: string, ids: readonly string[]): Promise<Map<string, string>> {
  const uuids = [...new Set(ids)].filter((id) => /^[0-9a-f-]{36}$/i.test(id));
  if (uuids.length === 0) return new Map();
  const rows = await db.selectFrom("staff").select(["id", "display_name"]).where("council_id", "=", councilId).where("id", "in", uuids).execute();
  return new Map(rows.map((r) => [r.id, r.display_name]));
}

/**
 * Each person's open caseload: the open cases whose working stage they handle (the case's
 * assigned handler), by staff id; people with none are absent. For the assign list (issue 16).
 */
async function openCaseloads(db: Executor, councilId: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom("cases")
    .select(["assigned_staff_id", (eb) => eb.fn.countAll<string | number>().as("open")])
    .where("council_id", "=", councilId)
    .where("status", "!=", "closed")
    .where("assigned_staff_id", "is not", null)
    .groupBy("assigned_staff_id")
    .execute();
  return new Map(rows.map((r) => [r.assigned_staff_id!, Number(r.open)]));
}

/** Part of `caseRepository` (src/cases.ts): the reads and the read log of cases behind the API's pages. */
export const caseReadFunctions = { accessFacts, workQueue, recordCaseRead, caseReads, staffNames, openCaseloads };
