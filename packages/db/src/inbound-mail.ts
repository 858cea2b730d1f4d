/**
 * The inbound mailbox's record (apps/api/src/services/inbound-mail.ts): one row per message and
 * council saying what became of it. Unique per council on the message's key, so recording a
 * message a second time is refused by the database, not by a check that two workers could both
 * pass. docs/decisions/0323-inbound-mail.md.
 */
import type { Executor } from "./executor.js";
import { toJson } from "./executor.js";
import type { InboundOutcome } from "./schema.js";

export interface NewInboundMessage {
  councilId: string;
  /** The Message-ID, or "sha256:<hex>" of the message when it has none. */
  messageKey: string;
  messageId: string | null;
  receivedAt: Date;
  sentAt: Date | null;
  fromAddress: string | null;
  fromName: string | null;
  subject: string | null;
  outcome: InboundOutcome;
  reason: string | null;
  caseId: string | null;
  quotedReference: string | null;
  details?: Record<string, unknown>;
}

export interface InboundMessageRow extends Required<Omit<NewInboundMessage, "details">> {
  id: number;
  details: Record<string, unknown>;
  /** The reference of the case it went to, when it went to one. */
  caseReference: string | null;
}

/**
 * Records a message. Returns false when this council already has a row for the key (another
 * pass or another worker got there first): call it inside the transaction of the case change,
 * and roll that back when it returns false.
 */
async function record(db: Executor, message: NewInboundMessage): Promise<boolean> {
  const inserted = await db
    .insertInto("inbound_messages")
    .values({
      council_id: message.councilId,
      message_key: message.messageKey,
      message_id: message.messageId,
      received_at: message.receivedAt,
      sent_at: message.sentAt,
      from_address: message.fromAddress,
      from_name: message.fromName,
      subject: message.subject,
      outcome: message.outcome,
      reason: message.reason,
      case_id: message.caseId,
      quoted_reference: message.quotedReference,
      details: toJson(message.details ?? {}),
    })
    .onConflict((oc) => oc.columns(["council_id", "message_key"]).doNothing())
    .returning("id")
    .executeTakeFirst();
  return inserted !== undefined;
}

/** Whether this council has already recorded the message. */
async function seen(db: Executor, councilId: string, messageKey: string): Promise<boolean> {
  const row = await db
    .selectFrom("inbound_messages")
    .select("id")
    .where("council_id", "=", councilId)
    .where("message_key", "=", messageKey)
    .executeTakeFirst();
  return row !== undefined;
}

/** A council's messages, newest first (the complaints managers' list). */
async function list(
  db: Executor,
  councilId: string,
  options: { limit?: number; caseId?: string } = {},
): Promise<InboundMessageRow[]> {
  let query = db
    .selectFrom("inbound_messages as m")
    .leftJoin("cases as c", "c.id", "m.case_id")
    .select([
      "m.id",
      "m.council_id",
      "m.message_key",
      "m.message_id",
      "m.received_at",
      "m.sent_at",
      "m.from_address",
      "m.from_name",
      "m.subject",
      "m.outcome",
      "m.reason",
      "m.case_id",
      "m.quoted_reference",
      "m.details",
      "c.reference",
    ])
    .where("m.council_id", "=", councilId);
  if (options.caseId) query = query.where("m.case_id", "=", options.caseId);
  const rows = await query
    .orderBy("m.received_at", "desc")
    .orderBy("m.id", "desc")
    .limit(options.limit ?? 100)
    .execute();
  return rows.map((r) => ({
    id: Number(r.id),
    councilId: r.council_id,
    messageKey: r.message_key,
    messageId: r.message_id,
    receivedAt: r.received_at,
    sentAt: r.sent_at,
    fromAddress: r.from_address,
    fromName: r.from_name,
    subject: r.subject,
    outcome: r.outcome,
    reason: r.reason,
    caseId: r.case_id,
    quotedReference: r.quoted_reference,
    details: r.details,
    caseReference: r.reference ?? null,
  }));
}

export const inboundMailRepository = Object.freeze({ record, seen, list });
