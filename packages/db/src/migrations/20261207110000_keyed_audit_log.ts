import { sql, type Kysely } from "kysely";

/**
 * The keyed audit log (issue 20, finding 4; docs/decisions/0203-keyed-audit-log-and-two-roles.md).
 *
 * - `events.hash_layout`: 1 for the unkeyed SHA-256 events written so far (they keep verifying as
 *   they are: the log is append-only, so they are never rewritten), 2 for HMAC-SHA-256 events
 *   keyed with AUDIT_KEY, which is never stored in the database.
 * - A third kind of stream, the council's administration log (`admin_log_council_id`): staff,
 *   roles, API keys, profile changes (finding 11). Exactly one stream column is set.
 * - `event_heads`: per stream, the number of events and the last hash, with an HMAC over both
 *   made with the same key and updated in the transaction of every append. Removing events from
 *   the end of a stream (case reads…) leaves a head that counts more events than remain; a head
 *   cannot be forged or moved forward without the key. The row named `legacy-seal` records that
 *   every stream written before the key existed was given a head once; after it a stream without
 *   a head is itself a finding.
 * - `event_heads` keeps its rows: DELETE and TRUNCATE raise CX001, like the events.
 */
const UP = [
  `ALTER TABLE events ADD COLUMN hash_layout smallint NOT NULL DEFAULT 1 CHECK (hash_layout IN (1, 2))`,
  `ALTER TABLE events ADD COLUMN admin_log_council_id uuid REFERENCES councils (id)`,
  `ALTER TABLE events ADD CONSTRAINT events_admin_log_seq_key UNIQUE (admin_log_council_id, seq)`,
  `ALTER TABLE events ADD CONSTRAINT events_admin_log_council CHECK (admin_log_council_id IS NULL OR admin_log_council_id = council_id)`,
  `ALTER TABLE events ADD CONSTRAINT events_one_stream CHECK (num_nonnulls(case_id, conduct_customer_id, admin_log_council_id) = 1)`,
  `CREATE OR REPLACE FUNCTION events_check_link() RETURNS trigger LANGUAGE plpgsql AS $$
  DECLARE
    v_prev events%ROWTYPE;
  BEGIN
    IF NEW.seq = 1 THEN
      RETURN NEW;
    END IF;
    IF NEW.case_id IS NOT NULL THEN
      SELECT * INTO v_prev FROM events WHERE case_id = NEW.case_id AND seq = NEW.seq - 1;
    ELSIF NEW.conduct_customer_id IS NOT NULL THEN
      SELECT * INTO v_prev FROM events WHERE conduct_customer_id = NEW.conduct_customer_id AND seq = NEW.seq - 1;
    ELSE
      SELECT * INTO v_prev FROM events WHERE admin_log_council_id = NEW.admin_log_council_id AND seq = NEW.seq - 1;
    END IF;
    IF NOT FOUND THEN
      RAISE EXCEPTION 'event % of stream % does not follow an event %', NEW.seq,
        coalesce(NEW.case_id, NEW.conduct_customer_id, NEW.admin_log_council_id), NEW.seq - 1
        USING ERRCODE = 'CX002';
    END IF;
    IF NEW.prev_hash IS DISTINCT FROM v_prev.hash THEN
      RAISE EXCEPTION 'event % of stream % does not carry the hash of event %', NEW.seq,
        coalesce(NEW.case_id, NEW.conduct_customer_id, NEW.admin_log_council_id), v_prev.seq
        USING ERRCODE = 'CX002';
    END IF;
    IF NEW.stream_version < v_prev.stream_version THEN
      RAISE EXCEPTION 'event % of stream % goes back to version %', NEW.seq,
        coalesce(NEW.case_id, NEW.conduct_customer_id, NEW.admin_log_council_id), NEW.stream_version
        USING ERRCODE = 'CX002';
    END IF;
    IF NEW.hash_layout < v_prev.hash_layout THEN
      RAISE EXCEPTION 'event % of stream % goes back to hash layout %', NEW.seq,
        coalesce(NEW.case_id, NEW.conduct_customer_id, NEW.admin_log_council_id), NEW.hash_layout
        USING ERRCODE = 'CX002';
    END IF;
    RETURN NEW;
  END
  $$`,
  `CREATE TABLE event_heads (
    stream text PRIMARY KEY CHECK (stream ~ '^(case|conduct|admin):[0-9a-f-]{36}$' OR stream = 'legacy-seal'),
    council_id uuid,
    events integer NOT NULL CHECK (events >= 0),
    head_hash text CHECK (head_hash ~ '^[0-9a-f]{64}$'),
    mac text NOT NULL CHECK (mac ~ '^[0-9a-f]{64}$'),
    updated_at timestamptz NOT NULL DEFAULT now()
  )`,
  `CREATE TRIGGER event_heads_keep BEFORE DELETE ON event_heads FOR EACH ROW EXECUTE FUNCTION reject_change()`,
  `CREATE TRIGGER event_heads_no_truncate BEFORE TRUNCATE ON event_heads FOR EACH STATEMENT EXECUTE FUNCTION reject_change()`,
];

export async function up(db: Kysely<any>): Promise<void> {
  // The first migration's anonymous "exactly one of case_id, conduct_customer_id" check.
  const { rows } = await sql<{ name: string }>`
    SELECT conname AS name FROM pg_constraint
    WHERE conrelid = 'events'::regclass AND contype = 'c'
      AND pg_get_constraintdef(oid) LIKE '%(case_id IS NULL) <> (conduct_customer_id IS NULL)%'`.execute(db);
  for (const { name } of rows) await sql`ALTER TABLE events DROP CONSTRAINT ${sql.id(name)}`.execute(db);
  for (const statement of UP) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const statement of [
    "DROP TABLE event_heads",
    "ALTER TABLE events DROP CONSTRAINT events_one_stream",
    "ALTER TABLE events DROP CONSTRAINT events_admin_log_council",
    "ALTER TABLE events DROP CONSTRAINT events_admin_log_seq_key",
    "ALTER TABLE events DROP COLUMN admin_log_council_id",
    "ALTER TABLE events DROP COLUMN hash_layout",
    "ALTER TABLE events ADD CHECK ((case_id IS NULL) <> (conduct_customer_id IS NULL))",
  ])
    await sql.raw(statement).execute(db);
}
