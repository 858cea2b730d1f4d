import { sql, type Kysely } from "kysely";

/**
 * Where each outbox message's delivery stands (issue 15, docs/decisions/0318-writing-to-residents.md):
 * `status` queued → sending (claimed and committed before the transport is called) → sent
 * (the SMTP server or GOV.UK Notify accepted it; a post row when its print batch is confirmed)
 * → delivered, or failed / uncertain (a worker died mid-send over SMTP: it may or may not have
 * gone). The provider's id and the SMTP Message-ID trace replies, bounces and Notify's status
 * back to the row; `resolved_*` records staff settling a failure (resent, sent by post, or
 * checked). letter_postings.outbox_id ties a letter in the print room to the row that posts it.
 * Frozen.
 */
const UP = [
  `ALTER TABLE notifications_outbox
    ADD COLUMN channel text CHECK (channel IN ('email', 'sms', 'post')),
    ADD COLUMN status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sending', 'sent', 'delivered', 'failed', 'uncertain')),
    ADD COLUMN provider text,
    ADD COLUMN provider_id text,
    ADD COLUMN message_id text,
    ADD COLUMN delivered_at timestamptz,
    ADD COLUMN resolved_at timestamptz,
    ADD COLUMN resolved_by uuid REFERENCES staff (id),
    ADD COLUMN resolution text`,
  `UPDATE notifications_outbox SET status = CASE WHEN sent_at IS NOT NULL THEN 'sent' WHEN failed_at IS NOT NULL THEN 'failed' ELSE 'queued' END`,
  `UPDATE notifications_outbox SET channel = 'email' WHERE kind <> 'letter'`,
  `CREATE INDEX notifications_outbox_queued ON notifications_outbox (available_at, id) WHERE status = 'queued'`,
  `CREATE INDEX notifications_outbox_in_flight ON notifications_outbox (locked_until) WHERE status = 'sending'`,
  `CREATE INDEX notifications_outbox_awaiting_status ON notifications_outbox (id) WHERE status = 'sent' AND provider = 'notify'`,
  `CREATE UNIQUE INDEX notifications_outbox_message_id ON notifications_outbox (council_id, message_id) WHERE message_id IS NOT NULL`,
  `CREATE INDEX notifications_outbox_problems ON notifications_outbox (council_id, case_id) WHERE status IN ('failed', 'uncertain') AND resolved_at IS NULL AND kind = 'correspondence'`,
  `ALTER TABLE letter_postings ADD COLUMN outbox_id bigint REFERENCES notifications_outbox (id)`,
  `CREATE INDEX letter_postings_outbox ON letter_postings (outbox_id) WHERE outbox_id IS NOT NULL`,
];

const DOWN = [
  `ALTER TABLE letter_postings DROP COLUMN outbox_id`,
  `DROP INDEX notifications_outbox_queued`,
  `DROP INDEX notifications_outbox_in_flight`,
  `DROP INDEX notifications_outbox_awaiting_status`,
  `DROP INDEX notifications_outbox_message_id`,
  `DROP INDEX notifications_outbox_problems`,
  `ALTER TABLE notifications_outbox DROP COLUMN channel, DROP COLUMN status, DROP COLUMN provider, DROP COLUMN provider_id, DROP COLUMN message_id, DROP COLUMN delivered_at, DROP COLUMN resolved_at, DROP COLUMN resolved_by, DROP COLUMN resolution`,
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of UP) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const statement of DOWN) await sql.raw(statement).execute(db);
}
