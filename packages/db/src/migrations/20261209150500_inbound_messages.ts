import { sql, type Kysely } from "kysely";

/**
 * Email read from the council's inbound mailbox (issue 15, "Replies and new complaints by
 * email"): one row per message and council, keyed by its Message-ID (or a hash of the message
 * when it has none), saying what became of it. The row is written in the same transaction as
 * the case change it caused, so a message read twice (a crash before it was marked done in the
 * mailbox, two workers) changes nothing the second time.
 * docs/decisions/0323-inbound-mail.md. Frozen.
 */
const UP = [
  `CREATE TABLE inbound_messages (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    council_id uuid NOT NULL REFERENCES councils (id) ON DELETE CASCADE,
    message_key text NOT NULL CHECK (length(message_key) BETWEEN 1 AND 1000),
    message_id text,
    received_at timestamptz NOT NULL,
    sent_at timestamptz,
    from_address text,
    from_name text,
    subject text,
    outcome text NOT NULL CHECK (outcome IN ('added-to-case', 'new-case', 'forged-reference', 'closed-case-reply', 'closed-case-new-case', 'ignored', 'bounce', 'too-large', 'failed')),
    reason text,
    case_id uuid REFERENCES cases (id) ON DELETE SET NULL,
    quoted_reference text,
    details jsonb NOT NULL DEFAULT '{}'::jsonb,
    UNIQUE (council_id, message_key)
  )`,
  `CREATE INDEX inbound_messages_council_received ON inbound_messages (council_id, received_at DESC, id DESC)`,
  `CREATE INDEX inbound_messages_case ON inbound_messages (case_id) WHERE case_id IS NOT NULL`,
];

const DOWN = [`DROP TABLE inbound_messages`];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of UP) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const statement of DOWN) await sql.raw(statement).execute(db);
}
