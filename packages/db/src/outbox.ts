import { sql } from "kysely";
import { toJson, type Executor } from "./executor.js";
import type { OutboxRow } from "./schema.js";

export interface OutboxMessage {
  councilId: string;
  caseId?: string | null;
  /** What to send: "email", "letter-print", "notify-party"… (the worker decides how). */
  kind: string;
  recipient: unknown;
  payload?: unknown;
  /** Enqueuing the same key twice in a council queues one message. */
  dedupeKey?: string | null;
  /** Not before this instant (default: now). */
  availableAt?: Date;
  maxAttempts?: number;
}

/**
 * Queues messages. Call it inside the command's transaction (`applyCommand`'s `also`): a
 * message is sent if and only if the change that asked for it committed.
 */
async function enqueue(db: Executor, messages: readonly OutboxMessage[]): Promise<number[]> {
  if (messages.length === 0) return [];
  const rows = await db
    .insertInto("notifications_outbox")
    .values(
      messages.map((m) => ({
        council_id: m.councilId,
        case_id: m.caseId ?? null,
        kind: m.kind,
        recipient: toJson(m.recipient),
        payload: toJson(m.payload ?? {}),
        dedupe_key: m.dedupeKey ?? null,
        ...(m.availableAt ? { available_at: m.availableAt } : {}),
        ...(m.maxAttempts ? { max_attempts: m.maxAttempts } : {}),
      })),
    )
    .onConflict((oc) => oc.columns(["council_id", "dedupe_key"]).doNothing())
    .returning("id")
    .execute();
  return rows.map((r) => r.id);
}

/**
 * Leases up to `limit` due messages to one worker for `leaseMs`. Safe with any number of
 * workers in any number of processes: rows another worker is claiming are skipped
 * (FOR UPDATE SKIP LOCKED), and a lease that runs out (a worker died) makes the message
 * claimable again. Each claim counts as an attempt.
 */
async function claim(
  db: Executor,
  input: { worker: string; limit: number; leaseMs: number; now: Date },
): Promise<OutboxRow[]> {
  const { now } = input;
  const until = new Date(now.getTime() + input.leaseMs);
  const { rows } = await sql<OutboxRow>`
    UPDATE notifications_outbox SET locked_by = ${input.worker}, locked_until = ${until}, attempts = attempts + 1
    WHERE id IN (
      SELECT id FROM notifications_outbox
      WHERE sent_at IS NULL AND failed_at IS NULL AND available_at <= ${now}
        AND (locked_until IS NULL OR locked_until <= ${now})
      ORDER BY available_at, id
      LIMIT ${input.limit}
      FOR UPDATE SKIP LOCKED
    )
    RETURNING *`.execute(db);
  return rows.sort((a, b) => a.id - b.id);
}

/** Marks a message sent. Returns false when the worker's lease was lost (another worker has it). */
async function markSent(
  db: Executor,
  id: number,
  worker: string,
  at: Date,
): Promise<boolean> {
  const result = await db
    .updateTable("notifications_outbox")
    .set({ sent_at: at, locked_by: null, locked_until: null, last_error: null })
    .where("id", "=", id)
    .where("locked_by", "=", worker)
    .where("sent_at", "is", null)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

/**
 * Records a failed attempt: the message is retried at `retryAt` (default: at once) until it
 * has used `max_attempts`, then marked failed for a person to look at.
 */
async function markFailed(
  db: Executor,
  id: number,
  worker: string,
  error: string,
  options: { retryAt?: Date; at: Date },
): Promise<"retry" | "failed" | "lease-lost"> {
  const { at } = options;
  const row = await db
    .updateTable("notifications_outbox")
    .set((eb) => ({
      last_error: error.slice(0, 2000),
      locked_by: null,
      locked_until: null,
      available_at: options.retryAt ?? at,
      failed_at: eb
        .case()
        .when("attempts", ">=", eb.ref("max_attempts"))
        .then(eb.cast<Date>(eb.val(at), "timestamptz"))
        .else(null)
        .end(),
    }))
    .where("id", "=", id)
    .where("locked_by", "=", worker)
    .returning("failed_at")
    .executeTakeFirst();
  if (!row) return "lease-lost";
  return row.failed_at ? "failed" : "retry";
}

/**
 * Marks a message done by hand, with no delivery worker (a letter a person has issued).
 * Returns false when it was already done, failed or is not in the council: the caller's
 * transaction should then not go ahead as if it had settled it.
 */
async function markDone(
  db: Executor,
  input: { id: number; councilId: string; at: Date },
): Promise<boolean> {
  const result = await db
    .updateTable("notifications_outbox")
    .set({ sent_at: input.at, locked_by: null, locked_until: null, last_error: null })
    .where("id", "=", input.id)
    .where("council_id", "=", input.councilId)
    .where("sent_at", "is", null)
    .where("failed_at", "is", null)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

/** One message of the council, or undefined. */
async function getMessage(db: Executor, councilId: string, id: number): Promise<OutboxRow | undefined> {
  return db
    .selectFrom("notifications_outbox")
    .selectAll()
    .where("id", "=", id)
    .where("council_id", "=", councilId)
    .executeTakeFirst();
}

async function listFailed(db: Executor, councilId: string): Promise<OutboxRow[]> {
  return db
    .selectFrom("notifications_outbox")
    .selectAll()
    .where("council_id", "=", councilId)
    .where("failed_at", "is not", null)
    .orderBy("id")
    .execute();
}

export const outboxRepository = Object.freeze({
  enqueue,
  claim,
  markSent,
  markFailed,
  markDone,
  getMessage,
  listFailed,
});
