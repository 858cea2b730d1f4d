import { sql, type Kysely } from "kysely";

/**
 * What hangs off a case: contacts, attachments, remedies, learning and improvement actions,
 * Ombudsman enquiries. Frozen.
 *
 * Contacts, remedies, learning actions and Ombudsman enquiries are mirrored from the core
 * snapshot (rewritten with it in one transaction), keyed by the ids the snapshot gives them.
 * Owners and approvers are the snapshot's actor ids, kept as text: the snapshot is the record.
 * Attachments are written directly: metadata here, bytes either in `content` or in a configured
 * folder (`storage_key`); the database checks that stored bytes match their size and SHA-256.
 */
const UP = [
  `CREATE TABLE contacts (
    case_id uuid NOT NULL REFERENCES cases (id),
    ordinal integer NOT NULL CHECK (ordinal >= 1),
    on_date date NOT NULL,
    direction text NOT NULL CHECK (direction IN ('in', 'out')),
    channel text NOT NULL CHECK (channel ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    summary text NOT NULL,
    by_id text NOT NULL,
    PRIMARY KEY (case_id, ordinal)
  )`,
  `CREATE TABLE attachments (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    council_id uuid NOT NULL,
    case_id uuid NOT NULL,
    file_name text NOT NULL CHECK (btrim(file_name) <> '' AND file_name !~ '[/\\\\[:cntrl:]]' AND length(file_name) <= 255),
    media_type text NOT NULL CHECK (media_type ~ '^[a-z0-9][a-z0-9.+-]*/[a-z0-9][a-z0-9.+-]*$'),
    size_bytes integer NOT NULL CHECK (size_bytes >= 0),
    sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    storage text NOT NULL CHECK (storage IN ('database', 'folder')),
    content bytea,
    storage_key text,
    description text,
    uploaded_at timestamptz NOT NULL,
    uploaded_by_type text NOT NULL CHECK (uploaded_by_type IN ('staff', 'customer', 'representative', 'public', 'api-key', 'system')),
    uploaded_by_id text,
    FOREIGN KEY (council_id, case_id) REFERENCES cases (council_id, id),
    CHECK ((storage = 'database') = (content IS NOT NULL)),
    CHECK ((storage = 'folder') = (storage_key IS NOT NULL)),
    CHECK (content IS NULL OR (octet_length(content) = size_bytes AND encode(sha256(content), 'hex') = sha256))
  )`,
  `CREATE INDEX attachments_case ON attachments (case_id, uploaded_at)`,
  `CREATE TABLE remedies (
    case_id uuid NOT NULL REFERENCES cases (id),
    id text NOT NULL,
    council_id uuid NOT NULL,
    stage_sequence integer NOT NULL,
    type text NOT NULL CHECK (type ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    description text NOT NULL,
    owner_id text,
    due_on date,
    amount_pence integer CHECK (amount_pence >= 0),
    financial_kind text,
    approver_id text,
    completed_on date,
    PRIMARY KEY (case_id, stage_sequence, id)
  )`,
  `CREATE INDEX remedies_outstanding ON remedies (council_id, due_on) WHERE completed_on IS NULL`,
  `CREATE TABLE learning_actions (
    case_id uuid NOT NULL REFERENCES cases (id),
    id text NOT NULL,
    council_id uuid NOT NULL,
    directorate_id uuid,
    stage_sequence integer NOT NULL,
    root_cause text,
    lessons text,
    description text NOT NULL,
    owner_id text,
    due_on date,
    completed_on date,
    PRIMARY KEY (case_id, stage_sequence, id)
  )`,
  `CREATE INDEX learning_actions_outstanding ON learning_actions (council_id, due_on) WHERE completed_on IS NULL`,
  `CREATE TABLE ombudsman_enquiries (
    case_id uuid NOT NULL REFERENCES cases (id),
    id text NOT NULL,
    council_id uuid NOT NULL,
    body text NOT NULL CHECK (body ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    their_reference text NOT NULL,
    received_on date NOT NULL,
    response_due_on date NOT NULL,
    responded_on date,
    approved_by text,
    finding text,
    injustice boolean,
    decided_on date,
    remedies jsonb NOT NULL DEFAULT '[]'::jsonb,
    satisfied_on date,
    PRIMARY KEY (case_id, id)
  )`,
  `CREATE INDEX ombudsman_enquiries_reference ON ombudsman_enquiries (council_id, body, their_reference)`,
  `CREATE INDEX ombudsman_enquiries_open ON ombudsman_enquiries (council_id, response_due_on) WHERE responded_on IS NULL`,
];

const DOWN = [
  "DROP TABLE ombudsman_enquiries",
  "DROP TABLE learning_actions",
  "DROP TABLE remedies",
  "DROP TABLE attachments",
  "DROP TABLE contacts",
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of UP) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const statement of DOWN) await sql.raw(statement).execute(db);
}
