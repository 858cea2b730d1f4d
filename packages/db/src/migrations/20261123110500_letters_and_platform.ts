import { sql, type Kysely } from "kysely";

/**
 * Letters issued, the notifications outbox, staff sessions and API keys. Frozen.
 *
 * A letter is stored exactly as issued: the PDF bytes and their SHA-256, checked by the
 * database, and never replaced (UPDATE, DELETE and TRUNCATE raise SQLSTATE CX001 through
 * `reject_change()` from the event-log migration). A corrected letter is a new letter.
 *
 * Sessions and API keys store only the SHA-256 of the secret handed out.
 */
const UP = [
  `CREATE TABLE letters (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    council_id uuid NOT NULL,
    case_id uuid NOT NULL,
    stage_instance_id text,
    kind text NOT NULL CHECK (kind ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    recipient jsonb NOT NULL CHECK (jsonb_typeof(recipient) = 'object'),
    large_print boolean NOT NULL DEFAULT false,
    model jsonb,
    issued_at timestamptz NOT NULL,
    issued_by uuid,
    pdf bytea NOT NULL,
    size_bytes integer NOT NULL,
    sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    FOREIGN KEY (council_id, case_id) REFERENCES cases (council_id, id),
    FOREIGN KEY (council_id, issued_by) REFERENCES staff (council_id, id),
    CHECK (octet_length(pdf) = size_bytes),
    CHECK (encode(sha256(pdf), 'hex') = sha256),
    CHECK (substring(pdf FROM 1 FOR 5) = '\\x255044462d'::bytea)
  )`,
  `CREATE INDEX letters_case ON letters (case_id, issued_at)`,
  `CREATE TRIGGER letters_never_replaced BEFORE UPDATE OR DELETE ON letters FOR EACH ROW EXECUTE FUNCTION reject_change()`,
  `CREATE TRIGGER letters_no_truncate BEFORE TRUNCATE ON letters FOR EACH STATEMENT EXECUTE FUNCTION reject_change()`,
  `CREATE TABLE notifications_outbox (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    council_id uuid NOT NULL REFERENCES councils (id),
    case_id uuid REFERENCES cases (id),
    kind text NOT NULL CHECK (btrim(kind) <> ''),
    recipient jsonb NOT NULL,
    payload jsonb NOT NULL DEFAULT '{}'::jsonb,
    dedupe_key text,
    created_at timestamptz NOT NULL DEFAULT now(),
    available_at timestamptz NOT NULL DEFAULT now(),
    attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    max_attempts integer NOT NULL DEFAULT 10 CHECK (max_attempts >= 1),
    locked_by text,
    locked_until timestamptz,
    sent_at timestamptz,
    failed_at timestamptz,
    last_error text,
    UNIQUE (council_id, dedupe_key),
    CHECK (sent_at IS NULL OR failed_at IS NULL)
  )`,
  `CREATE INDEX notifications_outbox_pending ON notifications_outbox (available_at, id) WHERE sent_at IS NULL AND failed_at IS NULL`,
  `CREATE TABLE sessions (
    id text PRIMARY KEY CHECK (id ~ '^[0-9a-f]{64}$'),
    council_id uuid NOT NULL,
    staff_id uuid NOT NULL,
    created_at timestamptz NOT NULL,
    last_seen_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    revoked_at timestamptz,
    ip text,
    user_agent text,
    FOREIGN KEY (council_id, staff_id) REFERENCES staff (council_id, id),
    CHECK (expires_at > created_at)
  )`,
  `CREATE INDEX sessions_staff ON sessions (staff_id) WHERE revoked_at IS NULL`,
  `CREATE TABLE api_keys (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    council_id uuid NOT NULL REFERENCES councils (id),
    name text NOT NULL CHECK (btrim(name) <> ''),
    prefix text NOT NULL UNIQUE,
    key_hash text NOT NULL UNIQUE CHECK (key_hash ~ '^[0-9a-f]{64}$'),
    scopes text[] NOT NULL DEFAULT '{}',
    created_by uuid,
    created_at timestamptz NOT NULL,
    expires_at timestamptz,
    last_used_at timestamptz,
    revoked_at timestamptz,
    FOREIGN KEY (council_id, created_by) REFERENCES staff (council_id, id)
  )`,
];

const DOWN = [
  "DROP TABLE api_keys",
  "DROP TABLE sessions",
  "DROP TABLE notifications_outbox",
  "DROP TABLE letters",
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of UP) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const statement of DOWN) await sql.raw(statement).execute(db);
}
