import { sql, type Kysely } from "kysely";

/**
 * The event log: every command on a case (or on a customer's conduct process) appends one or
 * more events in the transaction that changes it. Frozen.
 *
 * - Append-only, enforced by the database: UPDATE, DELETE and TRUNCATE raise SQLSTATE CX001.
 * - A hash chain per stream: `seq` runs 1, 2, 3… without gaps (unique per stream); event 1 has no
 *   `prev_hash`; every later event must carry the `hash` of the event before it, or the insert
 *   raises SQLSTATE CX002. `hash` is the SHA-256 of the event's canonical content (including
 *   `prev_hash`), computed and verified by the application (src/events.ts), so editing a row
 *   with the trigger disabled is detected by `verifyEventChain`.
 */
const UP = [
  `CREATE FUNCTION reject_change() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP
      USING ERRCODE = 'CX001', HINT = 'Record a correcting event instead.';
  END
  $$`,
  // Two kinds of stream share the log: a case (case_id) and a customer's conduct process
  // (conduct_customer_id). Exactly one is set; seq and the chain run per stream.
  `CREATE TABLE events (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    council_id uuid NOT NULL,
    case_id uuid,
    conduct_customer_id uuid,
    seq integer NOT NULL CHECK (seq >= 1),
    stream_version integer NOT NULL CHECK (stream_version >= 1),
    type text NOT NULL CHECK (btrim(type) <> ''),
    occurred_at timestamptz NOT NULL,
    actor_type text NOT NULL CHECK (actor_type IN ('staff', 'customer', 'representative', 'public', 'api-key', 'system')),
    actor_id text,
    payload jsonb NOT NULL,
    prev_hash text CHECK (prev_hash ~ '^[0-9a-f]{64}$'),
    hash text NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$'),
    UNIQUE (case_id, seq),
    UNIQUE (conduct_customer_id, seq),
    FOREIGN KEY (council_id, case_id) REFERENCES cases (council_id, id),
    FOREIGN KEY (council_id, conduct_customer_id) REFERENCES customer_conduct (council_id, customer_id),
    CHECK ((case_id IS NULL) <> (conduct_customer_id IS NULL)),
    CHECK ((seq = 1) = (prev_hash IS NULL))
  )`,
  `CREATE INDEX events_case_version ON events (case_id, stream_version) WHERE case_id IS NOT NULL`,
  `CREATE INDEX events_conduct_version ON events (conduct_customer_id, stream_version) WHERE conduct_customer_id IS NOT NULL`,
  `CREATE FUNCTION events_check_link() RETURNS trigger LANGUAGE plpgsql AS $$
  DECLARE
    v_prev events%ROWTYPE;
  BEGIN
    IF NEW.seq = 1 THEN
      RETURN NEW;
    END IF;
    IF NEW.case_id IS NOT NULL THEN
      SELECT * INTO v_prev FROM events WHERE case_id = NEW.case_id AND seq = NEW.seq - 1;
    ELSE
      SELECT * INTO v_prev FROM events WHERE conduct_customer_id = NEW.conduct_customer_id AND seq = NEW.seq - 1;
    END IF;
    IF NOT FOUND THEN
      RAISE EXCEPTION 'event % of stream % does not follow an event %', NEW.seq,
        coalesce(NEW.case_id, NEW.conduct_customer_id), NEW.seq - 1
        USING ERRCODE = 'CX002';
    END IF;
    IF NEW.prev_hash IS DISTINCT FROM v_prev.hash THEN
      RAISE EXCEPTION 'event % of stream % does not carry the hash of event %', NEW.seq,
        coalesce(NEW.case_id, NEW.conduct_customer_id), v_prev.seq
        USING ERRCODE = 'CX002';
    END IF;
    IF NEW.stream_version < v_prev.stream_version THEN
      RAISE EXCEPTION 'event % of stream % goes back to version %', NEW.seq,
        coalesce(NEW.case_id, NEW.conduct_customer_id), NEW.stream_version
        USING ERRCODE = 'CX002';
    END IF;
    RETURN NEW;
  END
  $$`,
  `CREATE TRIGGER events_link BEFORE INSERT ON events FOR EACH ROW EXECUTE FUNCTION events_check_link()`,
  `CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON events FOR EACH ROW EXECUTE FUNCTION reject_change()`,
  `CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON events FOR EACH STATEMENT EXECUTE FUNCTION reject_change()`,
];

const DOWN = [
  "DROP TABLE events",
  "DROP FUNCTION events_check_link()",
  "DROP FUNCTION reject_change()",
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of UP) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const statement of DOWN) await sql.raw(statement).execute(db);
}
