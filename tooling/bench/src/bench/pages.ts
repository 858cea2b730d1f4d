/**
 * Page reads: the work queue (50 open cases of one directorate, nearest due date first) and
 * the case page, through the API over HTTP and as hand-written SQL over `pg` returning the
 * same data. The case page records who read it (a `case-read` event in the hash-chained log),
 * so the SQL version appends that event too. The SQL here is the raw baseline the pages are
 * measured against (docs/benchmarks.md), so it stays outside packages/db on purpose.
 */
import { canonicalJson, eventHash, headMac, streamKey, toJsonValue, caseRepository, type DB } from "@complaints/db";
import { Kysely, PostgresDialect, type LogEvent } from "kysely";
import pg from "pg";
import { ApiClient, keepAliveAgent } from "../http/client.js";
import { closedLoop, type LoadResult } from "./measure.js";

export interface PageContext {
  apiUrl: string;
  databaseUrl: string;
  councilId: string;
  directorateId: string;
  /** A DCRO of that directorate. */
  staff: { id: string; email: string; password: string };
}

const WORK_QUEUE_SQL = `
WITH next AS (
  SELECT DISTINCT ON (d.case_id) d.case_id, d.due_id, d.kind, d.nature, d.due_date, d.explanation
  FROM due_dates d
  WHERE d.council_id = $1 AND d.directorate_id = $2 AND d.case_open AND d.met_on IS NULL
    AND d.nature IN ('deadline', 'target')
  ORDER BY d.case_id, d.due_date, d.due_id
)
SELECT c.id, c.reference, c.version, c.kind, c.status, c.priority, c.directorate_id, c.service_id,
       sv.code AS service_code, sv.name AS service_name, c.assigned_staff_id, st.display_name AS assigned_staff_name,
       cu.full_name AS customer_name, c.current_stage_id, c.received_at, c.restricted, left(c.description, 200) AS excerpt,
       n.due_id, n.kind AS due_kind, n.nature AS due_nature, n.due_date, n.explanation AS due_explanation,
       count(*) OVER () AS total
FROM cases c
LEFT JOIN next n ON n.case_id = c.id
LEFT JOIN customers cu ON cu.id = c.customer_id
LEFT JOIN services sv ON sv.id = c.service_id
LEFT JOIN staff st ON st.id = c.assigned_staff_id
WHERE c.council_id = $1 AND c.directorate_id = $2 AND c.status IN ('new', 'open')
  AND (NOT c.restricted OR c.assigned_staff_id = $3)
  AND NOT coalesce(c.state -> 'aboutStaffIds' ? $3::text, false)
ORDER BY n.due_date ASC NULLS LAST, c.priority, c.received_at, c.reference
LIMIT 50`;

/** The work queue page as one SQL statement. */
export function rawWorkQueue(pool: pg.Pool, ctx: PageContext) {
  return pool.query<{ id: string; total: string | number }>(WORK_QUEUE_SQL, [ctx.councilId, ctx.directorateId, ctx.staff.id]);
}

/** The case page's data in one transaction, with the record of the read. */
export async function rawCasePage(pool: pg.Pool, councilId: string, caseId: string, staffId: string): Promise<{ reference: string; events: number }> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    const { rows: caseRows } = await client.query(
      `SELECT c.*, cu.full_name, cu.title, cu.email, cu.phone, cu.address, cu.postcode, cu.preferred_contact,
              cu.reasonable_adjustments, cu.large_print, cc.state AS conduct_state, d.name AS directorate_name, sv.name AS service_name
       FROM cases c
       LEFT JOIN customers cu ON cu.id = c.customer_id
       LEFT JOIN customer_conduct cc ON cc.customer_id = c.customer_id
       LEFT JOIN directorates d ON d.id = c.directorate_id
       LEFT JOIN services sv ON sv.id = c.service_id
       WHERE c.id = $1 AND c.council_id = $2 FOR UPDATE OF c`,
      [caseId, councilId],
    );
    const row = caseRows[0];
    if (!row) throw new Error(`no case ${caseId}`);
    const { rows: events } = await client.query<{ seq: number; hash: string; actor_id: string | null; type: string; stream_version: number }>(
      "SELECT * FROM events WHERE case_id = $1 ORDER BY seq",
      [caseId],
    );
    const people = [...new Set(events.map((e) => e.actor_id).filter((x): x is string => !!x && /^[0-9a-f-]{36}$/.test(x)))];
    await client.query("SELECT id, display_name FROM staff WHERE council_id = $1 AND id = ANY($2::uuid[])", [councilId, people]);
    const last = events.at(-1);
    const at = new Date();
    const payload = toJsonValue({ type: "case-read", purpose: "case detail" });
    const seq = (last?.seq ?? 0) + 1;
    const unsigned = {
      councilId,
      stream: { caseId },
      seq,
      streamVersion: row.version as number,
      type: "case-read",
      occurredAt: at,
      actor: { type: "staff" as const, id: staffId },
      payload,
      prevHash: last?.hash ?? null,
      // As the API writes it: HMAC with the audit key (layout 2), and the stream's signed head.
      layout: 2 as const,
    };
    const hash = eventHash(unsigned);
    await client.query(
      `INSERT INTO events (council_id, case_id, seq, stream_version, type, occurred_at, actor_type, actor_id, payload, prev_hash, hash, hash_layout)
       VALUES ($1, $2, $3, $4, 'case-read', $5, 'staff', $6, $7, $8, $9, 2)`,
      [councilId, caseId, seq, row.version, at, staffId, canonicalJson(payload), unsigned.prevHash, hash],
    );
    const head = { stream: streamKey({ caseId }), councilId, events: seq, hash };
    await client.query(
      `INSERT INTO event_heads (stream, council_id, events, head_hash, mac, updated_at) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (stream) DO UPDATE SET council_id = EXCLUDED.council_id, events = EXCLUDED.events, head_hash = EXCLUDED.head_hash, mac = EXCLUDED.mac, updated_at = EXCLUDED.updated_at`,
      [head.stream, councilId, seq, hash, headMac(head), at],
    );
    await client.query("COMMIT");
    return { reference: row.reference as string, events: events.length };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

export interface PageFigures {
  api: LoadResult;
  raw: LoadResult;
  /** Rows the API's page and the SQL's agree on (work queue), or null. */
  agreement?: { same: number; of: number };
}

async function signedIn(ctx: PageContext, concurrency: number): Promise<ApiClient[]> {
  const agent = keepAliveAgent(concurrency * 2);
  const clients: ApiClient[] = [];
  for (let i = 0; i < concurrency; i++) {
    const c = new ApiClient(ctx.apiUrl, agent);
    await c.login(ctx.staff.email, ctx.staff.password);
    clients.push(c);
  }
  return clients;
}

export async function workQueueBench(ctx: PageContext, options: { concurrency: number; count: number; maxSeconds: number }): Promise<PageFigures> {
  const clients = await signedIn(ctx, options.concurrency);
  const pool = new pg.Pool({ connectionString: ctx.databaseUrl, max: 10 });
  pool.on("error", () => {});
  try {
    const input = { directorateId: ctx.directorateId, limit: 50 };
    const first = await clients[0]!.query<{ items: Array<{ id: string }>; total: number }>("queues.directorate", input);
    const raw = await rawWorkQueue(pool, ctx);
    const apiIds = new Set(first.items.map((i) => i.id));
    const agreement = { same: raw.rows.filter((r) => apiIds.has(r.id)).length, of: Math.max(first.items.length, raw.rows.length) };
    for (let i = 0; i < 20; i++) {
      await clients[i % clients.length]!.query("queues.directorate", input);
      await rawWorkQueue(pool, ctx);
    }
    const api = await closedLoop({ ...options, op: async (_n, id) => void (await clients[id]!.query("queues.directorate", input)) });
    const rawResult = await closedLoop({ ...options, op: async () => void (await rawWorkQueue(pool, ctx)) });
    return { api, raw: rawResult, agreement };
  } finally {
    await pool.end();
    clients[0]?.agent.destroy();
  }
}

export async function casePageBench(ctx: PageContext, caseIds: readonly string[], options: { concurrency: number; count: number; maxSeconds: number }): Promise<PageFigures> {
  const clients = await signedIn(ctx, options.concurrency);
  const pool = new pg.Pool({ connectionString: ctx.databaseUrl, max: 10 });
  pool.on("error", () => {});
  try {
    for (let i = 0; i < 20; i++) {
      await clients[i % clients.length]!.query("cases.get", { caseId: caseIds[i % caseIds.length] });
      await rawCasePage(pool, ctx.councilId, caseIds[(i + 7) % caseIds.length]!, ctx.staff.id);
    }
    // Different cases for the two sides, so neither reads a log the other just grew.
    const half = Math.floor(caseIds.length / 2);
    const api = await closedLoop({ ...options, op: async (n, id) => void (await clients[id]!.query("cases.get", { caseId: caseIds[n % half] })) });
    const raw = await closedLoop({ ...options, op: async (n) => void (await rawCasePage(pool, ctx.councilId, caseIds[half + (n % half)]!, ctx.staff.id)) });
    return { api, raw };
  } finally {
    await pool.end();
    clients[0]?.agent.destroy();
  }
}

/**
 * EXPLAIN (ANALYZE, BUFFERS) of the statements the API runs for the work queue (built by
 * packages/db's own query code, captured from kysely's log) and of the hand-written one.
 */
export async function workQueuePlans(ctx: PageContext): Promise<{ api: string[]; raw: string }> {
  const pool = new pg.Pool({ connectionString: ctx.databaseUrl, max: 2 });
  pool.on("error", () => {});
  const captured: Array<{ sql: string; parameters: readonly unknown[] }> = [];
  const db = new Kysely<DB>({
    dialect: new PostgresDialect({ pool }),
    log: (event: LogEvent) => {
      if (event.level === "query") captured.push({ sql: event.query.sql, parameters: event.query.parameters });
    },
  });
  try {
    await caseRepository.workQueue(db, {
      scope: { councilId: ctx.councilId, staffId: ctx.staff.id, directorates: [ctx.directorateId], restrictedDirectorates: [] },
      directorates: [ctx.directorateId],
      limit: 50,
      offset: 0,
    });
    const explain = async (sql: string, parameters: readonly unknown[]) =>
      (await pool.query<{ "QUERY PLAN": string }>(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, [...parameters])).rows.map((r) => r["QUERY PLAN"]).join("\n");
    const api: string[] = [];
    for (const q of captured) api.push(`${q.sql}\n\n${await explain(q.sql, q.parameters)}`);
    const raw = `${WORK_QUEUE_SQL}\n\n${await explain(WORK_QUEUE_SQL, [ctx.councilId, ctx.directorateId, ctx.staff.id])}`;
    return { api, raw };
  } finally {
    await db.destroy();
  }
}
