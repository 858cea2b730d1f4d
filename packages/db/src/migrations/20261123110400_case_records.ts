import { sql, type Kysely } from "kysely";

/**
 * What hangs off a case: contacts, attachments, remedies, learning and improvement actions,
 * Ombudsman enquiries. Frozen.
 *
 * Remedies, learning actions and Ombudsman enquiries are keyed by (case_id, id) with the id
 * chosen by the core snapshot, because they are mirrored from it like stage instances.
 * Attachments keep their metadata here and their bytes either in `content` or in a configured
 * folder (`storage_key`); the database checks that stored bytes match their size and SHA-256.
 */
const UP = [
  `CREATE TABLE contacts (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    council_id uuid NOT NULL,
    case_id uuid NOT NULL,
    direction text NOT NULL CHECK (direction IN ('inbound', 'outbound')),
    channel text NOT NULL CHECK (channel ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    party text NOT NULL CHECK (party IN ('customer', 'representative', 'staff', 'ombudsman', 'other')),
    occurred_at timestamptz NOT NULL,
    staff_id uuid,
    summary text NOT NULL CHECK (btrim(summary) <> ''),
    created_at timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (council_id, case_id) REFERENCES cases (council_id, id),
    FOREIGN KEY (council_id, staff_id) REFERENCES staff (council_id, id)
  )`,
  `CREATE INDEX contacts_case ON contacts (case_id, occurred_at)`,
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
    removed_at timestamptz,
    removed_reason text,
    FOREIGN KEY (council_id, case_id) REFERENCES cases (council_id, id),
    CHECK ((storage = 'database') = (content IS NOT NULL)),
    CHECK ((storage = 'folder') = (storage_key IS NOT NULL)),
    CHECK (content IS NULL OR (octet_length(content) = size_bytes AND encode(sha256(content), 'hex') = sha256)),
    CHECK ((removed_at IS NULL) = (removed_reason IS NULL))
  )`,
  `CREATE INDEX attachments_case ON attachments (case_id, uploaded_at)`,
  `CREATE TABLE remedies (
    case_id uuid NOT NULL REFERENCES cases (id),
    id text NOT NULL,
    council_id uuid NOT NULL,
    stage_instance_id text,
    kind text NOT NULL CHECK (kind ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    description text NOT NULL,
    amount_pence integer CHECK (amount_pence >= 0),
    approver_staff_id uuid REFERENCES staff (id),
    owner_staff_id uuid REFERENCES staff (id),
    due_date date,
    done_at timestamptz,
    PRIMARY KEY (case_id, id)
  )`,
  `CREATE INDEX remedies_outstanding ON remedies (council_id, due_date) WHERE done_at IS NULL`,
  `CREATE TABLE learning_actions (
    case_id uuid NOT NULL REFERENCES cases (id),
    id text NOT NULL,
    council_id uuid NOT NULL,
    directorate_id uuid,
    stage_instance_id text,
    root_cause text,
    lesson text,
    action text NOT NULL CHECK (btrim(action) <> ''),
    owner_staff_id uuid REFERENCES staff (id),
    due_date date,
    milestones jsonb NOT NULL DEFAULT '[]'::jsonb CHECK (jsonb_typeof(milestones) = 'array'),
    done_at timestamptz,
    escalated_at timestamptz,
    PRIMARY KEY (case_id, id)
  )`,
  `CREATE INDEX learning_actions_outstanding ON learning_actions (council_id, due_date) WHERE done_at IS NULL`,
  `CREATE TABLE ombudsman_enquiries (
    case_id uuid NOT NULL REFERENCES cases (id),
    id text NOT NULL,
    council_id uuid NOT NULL,
    body text NOT NULL CHECK (body ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    their_reference text,
    received_at timestamptz NOT NULL,
    response_due date,
    responded_at timestamptz,
    approved_by uuid REFERENCES staff (id),
    decision text,
    decided_at timestamptz,
    remedy jsonb,
    compliance_due date,
    satisfied_at timestamptz,
    PRIMARY KEY (case_id, id)
  )`,
  `CREATE INDEX ombudsman_enquiries_reference ON ombudsman_enquiries (council_id, body, their_reference)`,
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
