/**
 * The notifications outbox: reminders, overdue notices, chasers and letters to produce are
 * written here (in the transaction that causes them, or by the sweep), then delivered by
 * email when SMTP is configured; staff read the outbox either way.
 *
 * Exactly once: a notification that must not repeat carries a `dedupe_key`, unique per
 * council, so however many processes run the same sweep only the first insert lands.
 * Delivery claims rows with `FOR UPDATE SKIP LOCKED` and a lease, so two workers never send
 * the same row, and a worker that dies mid-send releases it when the lease runs out.
 */
import { sql } from "kysely";
import type { Executor } from "./executor.js";

export interface OutboxRecipient {
  /** A staff member (email from their account), a role or party to be resolved, or an address. */
  staffId?: string | null;
  email?: string | null;
  name?: string | null;
  party?: string | null;
}

export interface NewNotification {
  councilId: string;
  caseId: string | null;
  kind: string;
  recipient: OutboxRecipient;
  payload: Record<string, unknown>;
  dedupeKey: string | null;
  availableAt?: Date;
}

/** A stored message: what was enqueued, and where its sending stands. */
export interface OutboxEntry extends Omit<NewNotification, "availableAt"> {
  id: number;
  createdAt: Date;
  availableAt: Date;
  attempts: number;
  maxAttempts: number;
  sentAt: Date | null;
  failedAt: Date | null;
  lastError: string | null;
}

const columns = [
  "id",
  "council_id",
  "case_id",
  "kind",
  "recipient",
  "payload",
  "dedupe_key",
  "created_at",
  "available_at",
  "attempts",
  "max_attempts",
  "sent_at",
  "failed_at",
  "last_error",
] as const;

type Row = {
  id: number;
  council_id: string;
  case_id: string | null;
  kind: string;
  recipient: unknown;
  payload: unknown;
  dedupe_key: string | null;
  created_at: Date;
  available_at: Date;
  attempts: number;
  max_attempts: number;
  sent_at: Date | null;
  failed_at: Date | null;
  last_error: string | null;
};

function toEntry(row: Row): OutboxEntry {
  return {
    id: row.id,
    councilId: row.council_id,
    caseId: row.case_id,
    kind: row.kind,
    recipient: row.recipient as OutboxRecipient,
    payload: row.payload as Record<string, unknown>,
    dedupeKey: row.dedupe_key,
    createdAt: row.created_at,
    availableAt: row.available_at,
    attempts: row.attempts,
    maxAttempts: row.max_attempts,
    sentAt: row.sent_at,
    failedAt: row.failed_at,
    lastError: row.last_error,
  };
}

/**
 * Drops what would go to a staff member about a case that names them as the subject of the
 * complaint (issue 20, finding 6): whoever queued it (a `notify`, the sweep's reminders and
 * chasers, a quality finding), the person complained about never hears of it from us.
 */
async function withoutSubjects(db: Executor, notifications: readonly NewNotification[]): Promise<NewNotification[]> {
  const caseIds = [...new Set(notifications.flatMap((n) => (n.caseId && n.recipient.staffId ? [n.caseId] : [])))];
  if (caseIds.length === 0) return [...notifications];
  const rows = await db
    .selectFrom("cases")
    .select(["id", sql<string[]>`coalesce(state -> 'aboutStaffIds', '[]'::jsonb)`.as("about")])
    .where("id", "in", caseIds)
    .where("restricted", "=", true)
    .execute();
  const subjects = new Map(rows.map((r) => [r.id, new Set(r.about)]));
  return notifications.filter((n) => !(n.caseId && n.recipient.staffId && subjects.get(n.caseId)?.has(n.recipient.staffId)));
}

/**
 * Adds notifications; those whose dedupe key is already used are skipped. Returns the ids added.
 * Call it inside the transaction of the change that asks for them: a message is sent if and
 * only if that change committed.
 */
async function enqueue(db: Executor, all: readonly NewNotification[], now: Date): Promise<number[]> {
  const notifications = await withoutSubjects(db, all);
  if (notifications.length === 0) return [];
  const rows = await db
    .insertInto("notifications_outbox")
    .values(
      notifications.map((n) => ({
        council_id: n.councilId,
        case_id: n.caseId,
        kind: n.kind,
        recipient: JSON.stringify(n.recipient),
        payload: JSON.stringify(n.payload),
        dedupe_key: n.dedupeKey,
        created_at: now,
        available_at: n.availableAt ?? now,
      })),
    )
    .onConflict((oc) => oc.columns(["council_id", "dedupe_key"]).doNothing())
    .returning("id")
    .execute();
  return rows.map((r) => r.id);
}

/**
 * Claims up to `limit` notifications ready to send, for `leaseSeconds`. Rows another worker
 * holds are skipped, not waited for.
 */
async function claim(db: Executor, options: { worker: string; now: Date; leaseSeconds: number; limit: number; kinds?: readonly string[] }): Promise<OutboxEntry[]> {
  const leaseUntil = new Date(options.now.getTime() + options.leaseSeconds * 1000);
  const kinds = options.kinds?.length ? sql`AND kind IN (${sql.join(options.kinds.map((k) => sql.val(k)))})` : sql``;
  const { rows } = await sql<Row>`
    UPDATE notifications_outbox SET locked_by = ${options.worker}, locked_until = ${leaseUntil}, attempts = attempts + 1
    WHERE id IN (
      SELECT id FROM notifications_outbox
      WHERE sent_at IS NULL AND failed_at IS NULL AND available_at <= ${options.now}
        AND (locked_until IS NULL OR locked_until < ${options.now}) ${kinds}
        -- Correspondence by post or SMS waits for its own sender (decision 0321; issue 15).
        AND (kind <> 'correspondence' OR payload->>'channel' = 'email')
      ORDER BY available_at, id
      LIMIT ${options.limit}
      FOR UPDATE SKIP LOCKED
    )
    RETURNING ${sql.join(columns.map((c) => sql.ref(c)))}`.execute(db);
  return rows.map(toEntry).sort((a, b) => a.id - b.id);
}

async function markSent(db: Executor, id: number, worker: string, now: Date): Promise<boolean> {
  const result = await db
    .updateTable("notifications_outbox")
    .set({ sent_at: now, locked_by: null, locked_until: null, last_error: null })
    .where("id", "=", id)
    .where("locked_by", "=", worker)
    .where("sent_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Records a failed attempt: retried after `retryAt`, or given up (now, or once attempts reach the maximum). */
async function markFailed(db: Executor, id: number, worker: string, error: string, now: Date, retryAt: Date, giveUp = false): Promise<void> {
  await db
    .updateTable("notifications_outbox")
    .set((eb) => ({
      locked_by: null,
      locked_until: null,
      last_error: error.slice(0, 2000),
      available_at: retryAt,
      // The cast types the parameter: a bare one in a CASE is text, which a timestamptz column refuses.
      failed_at: giveUp ? now : eb.case().when("attempts", ">=", eb.ref("max_attempts")).then(eb.cast<Date>(eb.val(now), "timestamptz")).else(null).end(),
    }))
    .where("id", "=", id)
    .where("locked_by", "=", worker)
    .execute();
}

export interface OutboxFilter {
  councilId: string;
  /** Only these cases (a staff member's readable cases), plus entries addressed to `staffId`. */
  caseIds?: readonly string[];
  staffId?: string;
  kinds?: readonly string[];
  unsentOnly?: boolean;
  limit: number;
  /** Entries with a smaller id than this (paging back through the outbox). */
  beforeId?: number;
}

async function list(db: Executor, filter: OutboxFilter): Promise<OutboxEntry[]> {
  let query = db.selectFrom("notifications_outbox").select(columns).where("council_id", "=", filter.councilId);
  if (filter.caseIds || filter.staffId) {
    query = query.where((eb) => {
      const ors = [];
      if (filter.caseIds?.length) ors.push(eb("case_id", "in", [...filter.caseIds]));
      if (filter.staffId) ors.push(eb(sql`recipient->>'staffId'`, "=", filter.staffId));
      return ors.length ? eb.or(ors) : eb.val(false);
    });
  }
  if (filter.kinds?.length) query = query.where("kind", "in", [...filter.kinds]);
  if (filter.unsentOnly) query = query.where("sent_at", "is", null);
  if (filter.beforeId) query = query.where("id", "<", filter.beforeId);
  const rows = await query.orderBy("id", "desc").limit(filter.limit).execute();
  return rows.map(toEntry);
}

/**
 * Marks a message done by hand, with no delivery worker (a letter a person has issued).
 * Returns false when it was already done, failed or is not in the council: the caller's
 * transaction should then not go ahead as if it had settled it.
 */
async function markDone(db: Executor, input: { id: number; councilId: string; at: Date }): Promise<boolean> {
  const result = await db
    .updateTable("notifications_outbox")
    .set({ sent_at: input.at, locked_by: null, locked_until: null, last_error: null })
    .where("id", "=", input.id)
    .where("council_id", "=", input.councilId)
    .where("sent_at", "is", null)
    .where("failed_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Withdraws a message nobody will send (a letter whose facts went stale, decision 0321): it
 * leaves the queue as given up, with the reason kept. False when it was already done or gone.
 */
async function withdraw(db: Executor, input: { id: number; councilId: string; at: Date; reason: string }): Promise<boolean> {
  const result = await db
    .updateTable("notifications_outbox")
    .set({ failed_at: input.at, locked_by: null, locked_until: null, last_error: `Withdrawn: ${input.reason}`.slice(0, 2000) })
    .where("id", "=", input.id)
    .where("council_id", "=", input.councilId)
    .where("sent_at", "is", null)
    .where("failed_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Adds facts to a waiting message's payload (what a pending letter still lacks, for the work queue). */
async function annotate(db: Executor, input: { id: number; councilId: string; patch: Record<string, unknown> }): Promise<void> {
  await db
    .updateTable("notifications_outbox")
    .set({ payload: sql`payload || ${JSON.stringify(input.patch)}::jsonb` })
    .where("id", "=", input.id)
    .where("council_id", "=", input.councilId)
    .where("sent_at", "is", null)
    .execute();
}

/**
 * Letters a lifecycle step asked for (`payload.by`, who ran it) and nobody has issued, queued
 * before `createdBefore`, that are not known to wait for an officer's words (`payload.missing`):
 * every council's, oldest first, for the job that finishes them (decision 0321).
 */
async function waitingLetters(db: Executor, input: { createdBefore: Date; limit: number }): Promise<OutboxEntry[]> {
  const rows = await db
    .selectFrom("notifications_outbox")
    .select(columns)
    .where("kind", "=", "letter")
    .where("sent_at", "is", null)
    .where("failed_at", "is", null)
    .where("created_at", "<", input.createdBefore)
    .where(sql<boolean>`payload ? 'by' AND NOT payload ? 'missing'`)
    .orderBy("id")
    .limit(input.limit)
    .execute();
  return rows.map(toEntry);
}

/** One message of the council, or undefined. */
async function getMessage(db: Executor, councilId: string, id: number): Promise<OutboxEntry | undefined> {
  const row = await db.selectFrom("notifications_outbox").select(columns).where("id", "=", id).where("council_id", "=", councilId).executeTakeFirst();
  return row && toEntry(row);
}

/** The dedupe keys of the given messages (those that have one): which of a batch were queued. */
async function dedupeKeysOf(db: Executor, ids: readonly number[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom("notifications_outbox").select("dedupe_key").where("id", "in", ids).execute();
  return rows.map((r) => r.dedupe_key!).filter(Boolean);
}

export const notificationRepository = Object.freeze({ enqueue, claim, markSent, markFailed, markDone, withdraw, annotate, waitingLetters, getMessage, list, dedupeKeysOf });
