/**
 * Intake: log + triage + acknowledge, each a new case with a new customer, its events, due
 * dates and outbox messages.
 *
 * - Through the API: three tRPC calls per case over HTTP, by customer services officers, from
 *   `concurrency` clients (each signed in with its own session).
 * - Raw `pg`: the same rows written by hand-written SQL from a pool as large as the API's
 *   (pg's default, 10), three transactions per case like the API's, the reference allocated by
 *   the same database function (so the same counter row serialises both). The snapshots, due
 *   dates and event hashes are computed before the clock starts: what is timed is the database
 *   work alone.
 */
import { randomUUID } from "node:crypto";
import { transition, type Actor, type CaseCommand, type CaseState, type Effect } from "@complaints/core";
import { canonicalJson, sha256Hex, toJsonValue } from "@complaints/db";
import pg from "pg";
import { ApiClient, keepAliveAgent } from "../http/client.js";
import type { SyntheticCouncil } from "../synth/council.js";
import { SERVICES } from "../synth/council.js";
import { caseTableRows, eventRows, TABLES, type Cell, type OrganisationIdMaps, type TableName } from "../synth/rows.js";
import { closedLoop, type LoadResult } from "./measure.js";

/** What a resident's web form sends: a complaint about a corporate service, a new customer. */
export function intakePayload(run: string, n: number) {
  const services = SERVICES.filter((s) => !s.statutory);
  const service = services[n % services.length]!;
  const topic = service.categories[n % service.categories.length]!;
  return {
    kind: "complaint" as const,
    channel: "web" as const,
    serviceId: service.code,
    description: `${topic.subCategory}: ${topic.about}. (bench ${run} #${n})`,
    desiredOutcome: "The problem put right",
    category: topic.category,
    subCategory: topic.subCategory,
    customer: {
      fullName: `Bench Resident ${n}`,
      email: `resident.${run}.${n}@example.org`,
      phone: `07700 ${String(900000 + (n % 99999)).padStart(6, "0")}`,
      postcode: "SE6 4RU",
    },
    idempotencyKey: `bench-${run}-${n}`,
  };
}

export interface IntakeFigures {
  api: LoadResult;
  raw: LoadResult;
  /** Cases per second. */
  apiRate: number;
  rawRate: number;
}

/** Through the API over HTTP. */
export async function apiIntake(options: { url: string; email: string; password: string; count: number; concurrency: number; maxSeconds: number }): Promise<LoadResult> {
  const run = randomUUID().slice(0, 8);
  const agent = keepAliveAgent(options.concurrency * 2);
  const clients: ApiClient[] = [];
  for (let i = 0; i < options.concurrency; i++) {
    const client = new ApiClient(options.url, agent);
    await client.login(options.email, options.password);
    clients.push(client);
  }
  // Warm up: each client logs one case before the clock starts.
  await Promise.all(clients.map((c, i) => c.mutation("cases.log", intakePayload(`${run}w`, i))));
  const result = await closedLoop({
    concurrency: options.concurrency,
    count: options.count,
    maxSeconds: options.maxSeconds,
    op: async (n, id) => {
      const client = clients[id]!;
      const logged = await client.mutation<{ caseId: string; version: number }>("cases.log", intakePayload(run, n));
      const triaged = await client.mutation<{ version: number }>("command.triage", { caseId: logged.caseId, expectedVersion: logged.version, outcome: "accept" });
      await client.mutation("command.acknowledge", { caseId: logged.caseId, expectedVersion: triaged.version });
    },
  });
  agent.destroy();
  return result;
}

interface PreparedCase {
  reference: string;
  receivedAt: Date;
  steps: Array<{ rows: Partial<Record<TableName, Cell[][]>>; version: number; outbox: Cell[][] }>;
  customer: Cell[];
  idempotency: Cell[];
}

/** The same three commands through core, in memory, with their rows ready to insert. */
function prepare(council: SyntheticCouncil, ids: OrganisationIdMaps, run: string, n: number, reference: string, actor: Actor): PreparedCase {
  const payload = intakePayload(run, n);
  const rules = council.book.rulesFor(payload.serviceId, "complaint");
  const caseId = randomUUID();
  const customerId = randomUUID();
  const now = new Date();
  const clock = { now: () => now };
  const { customer, idempotencyKey, ...fields } = payload;
  const commands: CaseCommand[] = [
    { ...fields, type: "log", by: actor, id: caseId, reference, receivedAt: now.toISOString(), customer: { id: customerId, name: customer.fullName } },
    { type: "triage", outcome: "accept", by: actor },
    { type: "acknowledge", by: actor },
  ];
  let state: CaseState | null = null;
  let prevHash: string | null = null;
  const steps: PreparedCase["steps"] = [];
  for (const command of commands) {
    const result = transition(state, command, rules, clock);
    if (!result.ok) throw new Error(`${command.type} refused: ${result.refusal.message}`);
    state = result.state;
    const rows = caseTableRows(ids, state, now, now);
    const events = eventRows(ids.councilId, { caseId }, result.events.map((event) => ({ event, actor, version: state!.version })), state.version, prevHash);
    prevHash = events.lastHash;
    rows.events = events.rows;
    const outbox = result.effects.map((effect: Effect, i): Cell[] => [
      ids.councilId,
      caseId,
      effect.type === "send-letter" ? "letter" : "case-notification",
      JSON.stringify(effect.type === "send-letter" ? { party: effect.to } : { party: effect.type === "notify" ? effect.party : "legal" }),
      JSON.stringify({ ...effect, reference, version: state!.version }),
      `effect:${caseId}:${state!.version}:${i}`,
      now,
      now,
    ]);
    steps.push({ rows, version: state.version, outbox });
  }
  return {
    reference,
    receivedAt: now,
    steps,
    customer: [customerId, ids.councilId, null, customer.fullName, customer.email, customer.phone, null, customer.postcode, null, null, false, now, now],
    idempotency: [ids.councilId, "intake", idempotencyKey, sha256Hex(canonicalJson(toJsonValue({ customer, ...fields, receivedAt: null }))), caseId],
  };
}

function insert(table: string, columns: readonly string[], rows: readonly Cell[][]): { text: string; values: unknown[] } {
  const values: unknown[] = [];
  const tuples = rows.map((row) => `(${row.map((v) => (values.push(v), `$${values.length}`)).join(", ")})`);
  return { text: `INSERT INTO ${table} (${columns.join(", ")}) VALUES ${tuples.join(", ")}`, values };
}

const OUTBOX = ["council_id", "case_id", "kind", "recipient", "payload", "dedupe_key", "created_at", "available_at"];
const MIRRORS: TableName[] = ["case_representatives", "stage_instances", "due_dates", "contacts", "remedies", "learning_actions", "ombudsman_enquiries"];

/**
 * The same rows with hand-written SQL over `pg`: the raw baseline the API's intake is measured
 * against (docs/benchmarks.md), so it stays outside packages/db on purpose.
 */
export async function rawIntake(options: {
  databaseUrl: string;
  council: SyntheticCouncil;
  ids: OrganisationIdMaps;
  count: number;
  concurrency: number;
  maxSeconds: number;
  poolSize?: number;
  /**
   * Where the transaction takes the council's reference counter: "first", as the API does (the
   * row stays locked for the whole transaction), or "last" (locked only until the commit).
   */
  allocate?: "first" | "last";
}): Promise<LoadResult> {
  const allocateLast = options.allocate === "last";
  const run = randomUUID().slice(0, 8);
  const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 10 });
  pool.on("error", () => {});
  try {
    const council = options.council;
    const cso = council.staff.find((s) => s.roles.some((r) => r.role === "customer-services"))!;
    const actor: Actor = { id: cso.id, name: cso.name, roles: ["customer-services"] };
    // References from a block reserved up front (the timed transactions still call the allocator).
    const year = Number(new Date().toLocaleString("en-GB", { timeZone: "Europe/London", year: "numeric" }));
    const { rows } = await pool.query<{ last_value: number }>(
      `INSERT INTO case_reference_counters AS c (council_id, year, last_value) VALUES ($1, $2, $3)
       ON CONFLICT (council_id, year) DO UPDATE SET last_value = c.last_value + $3 RETURNING c.last_value`,
      [council.id, year, options.count + options.concurrency],
    );
    const first = rows[0]!.last_value - options.count - options.concurrency + 1;
    const prepared = Array.from({ length: options.count + options.concurrency }, (_, n) =>
      prepare(council, options.ids, run, n, `${council.prefix}-${year}-${String(first + n).padStart(6, "0")}`, actor),
    );
    const write = async (c: PreparedCase) => {
      const client = await pool.connect();
      try {
        for (const [i, step] of c.steps.entries()) {
          await client.query("BEGIN");
          if (i === 0) {
            await client.query(insert("idempotency_keys", ["council_id", "scope", "key", "request_hash", "case_id"], [c.idempotency]));
            if (!allocateLast) await client.query("SELECT allocate_case_reference($1::uuid, $2::timestamptz)", [options.ids.councilId, c.receivedAt]);
            await client.query(insert("customers", TABLES.customers, [c.customer]));
            await client.query(insert("cases", TABLES.cases, step.rows.cases!));
          } else {
            const caseRow = step.rows.cases![0]!;
            await client.query("SELECT version FROM cases WHERE id = $1 FOR UPDATE", [caseRow[0]]);
            const set = TABLES.cases.map((col, k) => ({ col, k })).filter(({ col }) => !["id", "council_id", "reference", "created_at"].includes(col));
            await client.query(`UPDATE cases SET ${set.map(({ col }, j) => `${col} = $${j + 2}`).join(", ")} WHERE id = $1 AND version = ${step.version - 1}`, [caseRow[0], ...set.map(({ k }) => caseRow[k])]);
            await client.query("DELETE FROM stage_instances WHERE case_id = $1", [caseRow[0]]);
            await client.query("DELETE FROM due_dates WHERE case_id = $1", [caseRow[0]]);
          }
          for (const table of i === 0 ? MIRRORS : (["stage_instances", "due_dates"] as TableName[])) {
            const rows = step.rows[table];
            if (rows?.length) await client.query(insert(table, TABLES[table], rows));
          }
          await client.query(insert("events", TABLES.events, step.rows.events!));
          if (step.outbox.length) await client.query(insert("notifications_outbox", OUTBOX, step.outbox));
          if (i === 0 && allocateLast) await client.query("SELECT allocate_case_reference($1::uuid, $2::timestamptz)", [options.ids.councilId, c.receivedAt]);
          await client.query("COMMIT");
        }
      } catch (error) {
        await client.query("ROLLBACK").catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    };
    // Warm up with the extra cases, then time the rest.
    await Promise.all(prepared.slice(options.count).map(write));
    return await closedLoop({ concurrency: options.concurrency, count: options.count, maxSeconds: options.maxSeconds, op: (n) => write(prepared[n]!) });
  } finally {
    await pool.end();
  }
}

/**
 * Withdraws the intake benchmark's cases through packages/db's own command path (the same
 * transaction the API runs), so thousands of freshly acknowledged cases do not stay open and
 * swell the open-case indexes that later scales' page benchmarks read.
 */
export async function withdrawOpenCases(databaseUrl: string, council: SyntheticCouncil, concurrency = 8): Promise<number> {
  const { applyCaseCommand, caseRepository, createDb } = await import("@complaints/db");
  const database = await createDb({ url: databaseUrl, maxConnections: concurrency });
  try {
    const open = await caseRepository.listOpenCases(database.db, council.id);
    const cso = council.staff.find((s) => s.roles.some((r) => r.role === "customer-services"))!;
    const by: Actor = { id: cso.id, name: cso.name, roles: ["customer-services"] };
    let i = 0;
    let withdrawn = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (i < open.length) {
          const row = open[i++]!;
          const { state } = await caseRepository.getCase<CaseState>(database.db, row.id);
          const result = await applyCaseCommand(database.db, {
            caseId: row.id,
            expectedVersion: row.version,
            command: { type: "withdraw", reason: "Benchmark case, withdrawn after the intake run", by },
            rules: council.book.rulesFor(state.serviceId, state.kind),
            clock: { now: () => new Date() },
          });
          if (result.ok) withdrawn++;
        }
      }),
    );
    return withdrawn;
  } finally {
    await database.close();
  }
}
