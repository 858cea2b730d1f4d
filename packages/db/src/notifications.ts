/**
 * The notifications outbox: reminders, overdue notices, chasers, letters to produce and
 * everything written to residents (`correspondence`) are written here (in the transaction
 * that causes them, or by the sweep), then delivered by the configured transport (email,
 * text message, the print room or GOV.UK Notify); staff read the outbox either way. Each row's
 * `status` says where its delivery stands (docs/decisions/0318-writing-to-residents.md).
 *
 * Exactly once: a notification that must not repeat carries a `dedupe_key`, unique per
 * council, so however many processes run the same sweep only the first insert lands.
 * Delivery claims rows with `FOR UPDATE SKIP LOCKED` and a lease, so two workers never send
 * the same row, and a worker that dies mid-send releases it when the lease runs out.
 */
import { sql } from "kysely";
import { inTransaction, type Executor } from "./executor.js";
import type { OutboxChannel, OutboxStatus } from "./schema.js";

export type { OutboxChannel, OutboxStatus };

export interface OutboxRecipient {
  /** A staff member (email from their account), a role or party to be resolved, or an address. */
  staffId?: string | null;
  email?: string | null;
  /** A resident's mobile number, for a text message (issue 15). */
  phone?: string | null;
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
  channel: OutboxChannel | null;
  status: OutboxStatus;
  /** Who carried it: "smtp", "notify", "directory", "print-room". */
  provider: string | null;
  /** The provider's id for it (GOV.UK Notify's notification id). */
  providerId: string | null;
  /** The SMTP Message-ID it was sent with, so replies and bounces find it. */
  messageId: string | null;
  deliveredAt: Date | null;
  /** When staff settled a failure (resent it, sent it another way, or checked it went). */
  resolvedAt: Date | null;
  /** Who settled it, and how ("resent", or their words: "Rang them and read it out"). */
  resolvedBy: string | null;
  resolution: string | null;
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
  "channel",
  "status",
  "provider",
  "provider_id",
  "message_id",
  "delivered_at",
  "resolved_at",
  "resolved_by",
  "resolution",
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
  channel: OutboxChannel | null;
  status: OutboxStatus;
  provider: string | null;
  provider_id: string | null;
  message_id: string | null;
  delivered_at: Date | null;
  resolved_at: Date | null;
  resolved_by: string | null;
  resolution: string | null;
};

function toEntry(row: Row): OutboxEntry {
  return {
    id: Number(row.id),
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
    channel: row.channel,
    status: row.status,
    provider: row.provider,
    providerId: row.provider_id,
    messageId: row.message_id,
    deliveredAt: row.delivered_at,
    resolvedAt: row.resolved_at,
    resolvedBy: row.resolved_by,
    resolution: row.resolution,
  };
}

/**
 * What staff may read of a message: everything but its secrets, which only the resident is
 * given: a receipt's tracking code (docs/decisions/0503-public-tracking-codes.md) and
 * `payload.secrets` (the survey's single-use link); the sender blanks them once sent.
 */
function forStaff(entry: OutboxEntry): OutboxEntry {
  if (!("trackingCode" in entry.payload) && !("secrets" in entry.payload)) return entry;
  const { trackingCode: _code, secrets: _secrets, ...payload } = entry.payload;
  return { ...entry, payload };
}

/** The channel a new message travels by: correspondence says; a letter to produce has none; the rest are staff email. */
function channelOf(n: NewNotification): OutboxChannel | null {
  if (n.kind === "correspondence") {
    const channel = n.payload["channel"];
    if (channel === "email" || channel === "sms" || channel === "post") return channel;
    throw new TypeError(`correspondence needs payload.channel "email", "sms" or "post", not ${JSON.stringify(channel)}`);
  }
  return n.kind === "letter" ? null : "email";
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
        channel: channelOf(n),
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
 * Claims up to `limit` queued messages for `leaseSeconds`. Rows another worker holds are
 * skipped, not waited for; a claim whose worker died before sending runs out and the rows are
 * claimed again (nothing was handed to a transport). Each is marked "sending" only just before
 * it is sent (markSending).
 */
async function claim(
  db: Executor,
  options: { worker: string; now: Date; leaseSeconds: number; limit: number; kinds?: readonly string[]; channels?: readonly OutboxChannel[] },
): Promise<OutboxEntry[]> {
  const leaseUntil = new Date(options.now.getTime() + options.leaseSeconds * 1000);
  const kinds = sql.join(
    [
      options.kinds?.length ? sql`kind IN (${sql.join(options.kinds.map((k) => sql.val(k)))})` : sql`true`,
      options.channels?.length ? sql`channel IN (${sql.join(options.channels.map((c) => sql.val(c)))})` : sql`true`,
    ],
    sql` AND `,
  );
  const { rows } = await sql<Row>`
    UPDATE notifications_outbox SET locked_by = ${options.worker}, locked_until = ${leaseUntil}
    WHERE id IN (
      SELECT id FROM notifications_outbox
      WHERE status = 'queued' AND available_at <= ${options.now} AND (locked_until IS NULL OR locked_until <= ${options.now}) AND ${kinds}
      ORDER BY available_at, id
      LIMIT ${options.limit}
      FOR UPDATE SKIP LOCKED
    )
    RETURNING ${sql.join(columns.map((c) => sql.ref(c)))}`.execute(db);
  return rows.map(toEntry).sort((a, b) => a.id - b.id);
}

/**
 * Marks a claimed message "sending", one more attempt, with a fresh lease: committed before the
 * message is handed to a transport, so one found "sending" after its lease ran out is known to
 * have perhaps gone, and is never claimed again blindly (claimStale; decision 0318). Returns the
 * entry as it now stands, or undefined when this worker no longer holds it.
 */
async function markSending(db: Executor, input: { id: number; worker: string; now: Date; leaseSeconds: number }): Promise<OutboxEntry | undefined> {
  const row = await db
    .updateTable("notifications_outbox")
    .set((eb) => ({ status: "sending", attempts: eb("attempts", "+", 1), locked_until: new Date(input.now.getTime() + input.leaseSeconds * 1000) }))
    .where("id", "=", input.id)
    .where("locked_by", "=", input.worker)
    .where("status", "=", "queued")
    .returning(columns)
    .executeTakeFirst();
  return row && toEntry(row as Row);
}

/**
 * Claims messages left "sending" by a worker whose lease ran out (it died, or lost its
 * connection, mid-send), for the caller to find out what happened: they are not sent again here.
 */
async function claimStale(db: Executor, options: { worker: string; now: Date; leaseSeconds: number; limit: number }): Promise<OutboxEntry[]> {
  const leaseUntil = new Date(options.now.getTime() + options.leaseSeconds * 1000);
  const { rows } = await sql<Row>`
    UPDATE notifications_outbox SET locked_by = ${options.worker}, locked_until = ${leaseUntil}
    WHERE id IN (
      SELECT id FROM notifications_outbox
      WHERE status = 'sending' AND locked_until IS NOT NULL AND locked_until <= ${options.now}
      ORDER BY id
      LIMIT ${options.limit}
      FOR UPDATE SKIP LOCKED
    )
    RETURNING ${sql.join(columns.map((c) => sql.ref(c)))}`.execute(db);
  return rows.map(toEntry).sort((a, b) => a.id - b.id);
}

export interface SentRecord {
  id: number;
  at: Date;
  provider: string;
  providerId?: string | null;
  messageId?: string | null;
}

/**
 * Records that the transport accepted a message: "sent", with who carried it, and the
 * tracking code blanked from the row. A message an expired lease made "uncertain" becomes sent
 * too (the send did succeed). Returns the entry as it now stands, or undefined when it was
 * already settled (the onSent hooks then must not run again).
 */
async function markSent(db: Executor, record: SentRecord): Promise<OutboxEntry | undefined> {
  const row = await db
    .updateTable("notifications_outbox")
    .set({
      status: "sent",
      sent_at: record.at,
      failed_at: null,
      locked_by: null,
      locked_until: null,
      last_error: null,
      provider: record.provider,
      provider_id: record.providerId ?? null,
      message_id: record.messageId ?? null,
      payload: sql`payload - 'trackingCode' - 'secrets'`,
    })
    .where("id", "=", record.id)
    .where("status", "in", ["sending", "uncertain"])
    .returning(columns)
    .executeTakeFirst();
  return row && toEntry(row as Row);
}

/**
 * A failed attempt that may succeed later: queued again after `retryAt`, or failed for good
 * once its attempts reach the maximum.
 */
async function markRetry(db: Executor, input: { id: number; worker: string; error: string; now: Date; retryAt: Date }): Promise<"queued" | "failed"> {
  const row = await db
    .updateTable("notifications_outbox")
    .set((eb) => ({
      locked_by: null,
      locked_until: null,
      last_error: input.error.slice(0, 2000),
      available_at: input.retryAt,
      status: sql<OutboxStatus>`CASE WHEN attempts >= max_attempts THEN 'failed' ELSE 'queued' END`,
      // The cast types the parameter: a bare one in a CASE is text, which a timestamptz column refuses.
      failed_at: eb.case().when("attempts", ">=", eb.ref("max_attempts")).then(eb.cast<Date>(eb.val(input.now), "timestamptz")).else(null).end(),
      // Failing again after staff resent it is a new problem: unresolved (see markFailed).
      resolved_at: eb.case().when("attempts", ">=", eb.ref("max_attempts")).then(null).else(eb.ref("resolved_at")).end(),
      resolved_by: eb.case().when("attempts", ">=", eb.ref("max_attempts")).then(null).else(eb.ref("resolved_by")).end(),
      resolution: eb.case().when("attempts", ">=", eb.ref("max_attempts")).then(null).else(eb.ref("resolution")).end(),
    }))
    .where("id", "=", input.id)
    .where("locked_by", "=", input.worker)
    .where("status", "=", "sending")
    .returning("status")
    .executeTakeFirst();
  return row?.status === "failed" ? "failed" : "queued";
}

/**
 * What a failure or doubt undoes: a resend records who resent it (`resolution` "resent"), and a
 * message that then fails or becomes uncertain again is a new problem for staff, back in the
 * work queue (case-reads.ts) and resolvable again (docs/decisions/0318-writing-to-residents.md).
 */
const UNRESOLVED = { resolved_at: null, resolved_by: null, resolution: null } as const;

/** A message that cannot go (a permanent rejection, no address, a channel not set up): failed now. */
async function markFailed(db: Executor, input: { id: number; worker: string; error: string; now: Date }): Promise<OutboxEntry | undefined> {
  const row = await db
    .updateTable("notifications_outbox")
    .set({ status: "failed", failed_at: input.now, locked_by: null, locked_until: null, last_error: input.error.slice(0, 2000), ...UNRESOLVED })
    .where("id", "=", input.id)
    .where("locked_by", "=", input.worker)
    .where("status", "=", "sending")
    .returning(columns)
    .executeTakeFirst();
  return row && toEntry(row as Row);
}

/**
 * A message that may or may not have gone (its worker died after handing it to an SMTP server
 * that gives no way to ask): staff must check and resend; it is never sent twice by itself.
 */
async function markUncertain(db: Executor, input: { id: number; worker: string; reason: string }): Promise<OutboxEntry | undefined> {
  const row = await db
    .updateTable("notifications_outbox")
    .set({ status: "uncertain", locked_by: null, locked_until: null, last_error: input.reason.slice(0, 2000), ...UNRESOLVED })
    .where("id", "=", input.id)
    .where("locked_by", "=", input.worker)
    .where("status", "=", "sending")
    .returning(columns)
    .executeTakeFirst();
  return row && toEntry(row as Row);
}

/**
 * The transport's answer was lost (a network error after the request went): the message stays
 * "sending" with its lease ended now, so the next pass asks the provider what happened.
 */
async function markUnknown(db: Executor, input: { id: number; worker: string; error: string; now: Date }): Promise<void> {
  await db
    .updateTable("notifications_outbox")
    .set({ locked_until: input.now, last_error: input.error.slice(0, 2000) })
    .where("id", "=", input.id)
    .where("locked_by", "=", input.worker)
    .where("status", "=", "sending")
    .execute();
}

/**
 * Hands a post message to the print room: its letter joins the letters waiting for a print
 * batch, and the message stays "sending" (with no lease) until the batch holding it is
 * confirmed (printBatchRepository.confirmBatch). One transaction, so a crash leaves neither.
 */
async function queueForPrintRoom(db: Executor, input: { id: number; worker: string; councilId: string; letterId: string }): Promise<boolean> {
  return inTransaction(db, async (trx) => {
    const held = await trx
      .updateTable("notifications_outbox")
      .set({ provider: "print-room", locked_by: null, locked_until: null, last_error: null })
      .where("id", "=", input.id)
      .where("locked_by", "=", input.worker)
      .where("status", "=", "sending")
      .executeTakeFirst();
    if (Number(held.numUpdatedRows) !== 1) return false;
    await trx
      .insertInto("letter_postings")
      .values({ letter_id: input.letterId, council_id: input.councilId, outbox_id: input.id })
      .onConflict((oc) => oc.column("letter_id").doUpdateSet({ outbox_id: sql`coalesce(letter_postings.outbox_id, excluded.outbox_id)` }))
      .execute();
    return true;
  });
}

/**
 * The post messages whose letters a confirmed print batch holds: sent now, the letters being
 * in the post. Called by printBatchRepository.confirmBatch in its transaction.
 */
async function markPostedInBatch(db: Executor, input: { batchId: string; at: Date }): Promise<OutboxEntry[]> {
  const rows = await db
    .updateTable("notifications_outbox")
    .set({ status: "sent", sent_at: input.at, locked_by: null, locked_until: null, last_error: null })
    .where("id", "in", (eb) => eb.selectFrom("letter_postings").select("outbox_id").where("batch_id", "=", input.batchId).where("outbox_id", "is not", null).$narrowType<{ outbox_id: number }>())
    .where("status", "=", "sending")
    .returning(columns)
    .execute();
  return rows.map((r) => toEntry(r as Row)).sort((a, b) => a.id - b.id);
}

/** Messages sent through `provider` whose delivery is not yet known, oldest first (every council). */
async function awaitingStatus(db: Executor, options: { provider: string; limit: number }): Promise<OutboxEntry[]> {
  const rows = await db
    .selectFrom("notifications_outbox")
    .select(columns)
    .where("status", "=", "sent")
    .where("provider", "=", options.provider)
    .orderBy("id")
    .limit(options.limit)
    .execute();
  return rows.map((r) => toEntry(r as Row));
}

export interface DeliveryStatusReport {
  councilId: string;
  /** The row, by its id or by the Message-ID it was sent with (a bounce quotes it). */
  id?: number;
  messageId?: string;
  status: "delivered" | "failed";
  reason?: string | null;
  at: Date;
}

/**
 * Records what became of a sent message: delivered, or failed (a bounce, Notify's permanent
 * failure). A failure of correspondence puts its case in the work queue until staff resolve it.
 * Returns the entry as it now stands, or undefined when there is no such message or it is
 * already final.
 */
async function recordDeliveryStatus(db: Executor, report: DeliveryStatusReport): Promise<OutboxEntry | undefined> {
  if (report.id === undefined && !report.messageId) throw new TypeError("recordDeliveryStatus needs the message's id or Message-ID");
  let query = db
    .updateTable("notifications_outbox")
    .set(
      report.status === "delivered"
        ? { status: "delivered", delivered_at: report.at }
        : { status: "failed", last_error: (report.reason ?? "Not delivered").slice(0, 2000), ...UNRESOLVED },
    )
    .where("council_id", "=", report.councilId)
    // A bounce may follow "delivered" (a mailbox that accepted, then refused); nothing follows a failure.
    .where("status", "in", report.status === "delivered" ? ["sent"] : ["sent", "delivered", "uncertain"]);
  query = report.id !== undefined ? query.where("id", "=", report.id) : query.where("message_id", "=", report.messageId!);
  const row = await query.returning(columns).executeTakeFirst();
  return row && toEntry(row as Row);
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
  return rows.map((r) => forStaff(toEntry(r as Row)));
}

/**
 * Marks a message done by hand, with no delivery worker (a letter a person has issued).
 * Returns false when it was already done, failed or is not in the council: the caller's
 * transaction should then not go ahead as if it had settled it.
 */
async function markDone(db: Executor, input: { id: number; councilId: string; at: Date }): Promise<boolean> {
  const result = await db
    .updateTable("notifications_outbox")
    .set({ sent_at: input.at, status: "sent", locked_by: null, locked_until: null, last_error: null })
    .where("id", "=", input.id)
    .where("council_id", "=", input.councilId)
    .where("status", "=", "queued")
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
  return row && forStaff(toEntry(row as Row));
}

/** A case's correspondence, oldest first, as staff may read it (no tracking codes). */
async function caseCorrespondence(db: Executor, councilId: string, caseId: string): Promise<OutboxEntry[]> {
  const rows = await db
    .selectFrom("notifications_outbox")
    .select(columns)
    .where("council_id", "=", councilId)
    .where("case_id", "=", caseId)
    .where("kind", "=", "correspondence")
    .orderBy("id")
    .execute();
  return rows.map((r) => forStaff(toEntry(r as Row)));
}

/**
 * Sends a failed or uncertain message again: queued now with its attempts reset. Returns
 * false when it is not one (it was sent, or is on its way).
 */
async function resend(db: Executor, input: { councilId: string; id: number; by: string; at: Date; recipient?: OutboxRecipient }): Promise<boolean> {
  const result = await db
    .updateTable("notifications_outbox")
    .set({
      status: "queued",
      attempts: 0,
      available_at: input.at,
      sent_at: null,
      failed_at: null,
      locked_by: null,
      locked_until: null,
      provider: null,
      provider_id: null,
      resolved_at: input.at,
      resolved_by: input.by,
      resolution: "resent",
      // To where the person can be reached now (a bounced address corrected), when given.
      ...(input.recipient ? { recipient: JSON.stringify(input.recipient) } : {}),
    })
    .where("id", "=", input.id)
    .where("council_id", "=", input.councilId)
    .where("status", "in", ["failed", "uncertain"])
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Staff settled a failed or uncertain message another way (sent by post, checked it went). */
async function resolveProblem(db: Executor, input: { councilId: string; id: number; by: string; at: Date; resolution: string }): Promise<boolean> {
  const result = await db
    .updateTable("notifications_outbox")
    .set({ resolved_at: input.at, resolved_by: input.by, resolution: input.resolution.slice(0, 500) })
    .where("id", "=", input.id)
    .where("council_id", "=", input.councilId)
    .where("status", "in", ["failed", "uncertain"])
    .where("resolved_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The dedupe keys of the given messages (those that have one): which of a batch were queued. */
async function dedupeKeysOf(db: Executor, ids: readonly number[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom("notifications_outbox").select("dedupe_key").where("id", "in", ids).execute();
  return rows.map((r) => r.dedupe_key!).filter(Boolean);
}

export const notificationRepository = Object.freeze({
  enqueue,
  claim,
  markSending,
  claimStale,
  markSent,
  markRetry,
  markFailed,
  markUncertain,
  markUnknown,
  queueForPrintRoom,
  markPostedInBatch,
  awaitingStatus,
  recordDeliveryStatus,
  markDone,
  getMessage,
  list,
  caseCorrespondence,
  resend,
  resolveProblem,
  withdraw,
  annotate,
  waitingLetters,
  dedupeKeysOf,
});
