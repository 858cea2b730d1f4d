import { sql, type Kysely } from "kysely";

/**
 * Cases, their representatives, stage instances and due dates, case reference numbering and
 * idempotency keys.
 *
 * Frozen. `cases.state` holds the whole snapshot produced by `@complaints/core`; every other
 * column of `cases`, `stage_instances` and `due_dates` is a queryable mirror of it, rewritten
 * in the same transaction as the snapshot.
 *
 * References read `<PREFIX>-<YEAR>-<NNNNNN>` (e.g. CMP-2026-000123). They come from one counter
 * row per council and year, incremented inside the intake transaction: the row lock serialises
 * concurrent intakes of a council and a rolled-back intake gives its number back.
 */
const UP = [
  `CREATE TABLE case_reference_counters (
    council_id uuid NOT NULL REFERENCES councils (id),
    year integer NOT NULL CHECK (year BETWEEN 2000 AND 9999),
    last_value integer NOT NULL CHECK (last_value >= 1),
    PRIMARY KEY (council_id, year)
  )`,
  `CREATE FUNCTION allocate_case_reference(p_council_id uuid, p_received_at timestamptz) RETURNS text
  LANGUAGE plpgsql AS $$
  DECLARE
    v_prefix text;
    v_time_zone text;
    v_year integer;
    v_value integer;
  BEGIN
    SELECT reference_prefix, time_zone INTO v_prefix, v_time_zone FROM councils WHERE id = p_council_id;
    IF NOT FOUND THEN
      RAISE EXCEPTION 'no council with id %', p_council_id USING ERRCODE = 'foreign_key_violation';
    END IF;
    v_year := extract(year FROM p_received_at AT TIME ZONE v_time_zone)::integer;
    INSERT INTO case_reference_counters AS c (council_id, year, last_value)
      VALUES (p_council_id, v_year, 1)
      ON CONFLICT (council_id, year) DO UPDATE SET last_value = c.last_value + 1
      RETURNING c.last_value INTO v_value;
    RETURN v_prefix || '-' || v_year::text || '-' || CASE WHEN v_value < 1000000 THEN lpad(v_value::text, 6, '0') ELSE v_value::text END;
  END
  $$`,
  `CREATE TABLE cases (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    council_id uuid NOT NULL REFERENCES councils (id),
    reference text NOT NULL,
    version integer NOT NULL CHECK (version >= 1),
    kind text NOT NULL CHECK (kind ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    status text NOT NULL CHECK (status ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    channel text NOT NULL CHECK (channel ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    priority text NOT NULL DEFAULT 'normal' CHECK (priority ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    regime_id text,
    category text,
    sub_category text,
    flags text[] NOT NULL DEFAULT '{}',
    directorate_id uuid,
    service_id uuid,
    team_id uuid,
    assigned_staff_id uuid,
    customer_id uuid,
    current_stage_id text,
    received_at timestamptz NOT NULL,
    receipt_date date NOT NULL,
    closed_on date,
    restricted boolean NOT NULL DEFAULT false,
    description text NOT NULL DEFAULT '',
    search tsvector GENERATED ALWAYS AS (to_tsvector('english'::regconfig, description)) STORED,
    state jsonb NOT NULL CHECK (jsonb_typeof(state) = 'object'),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (council_id, reference),
    UNIQUE (council_id, id),
    FOREIGN KEY (council_id, directorate_id) REFERENCES directorates (council_id, id),
    FOREIGN KEY (council_id, service_id) REFERENCES services (council_id, id),
    FOREIGN KEY (council_id, team_id) REFERENCES teams (council_id, id),
    FOREIGN KEY (council_id, assigned_staff_id) REFERENCES staff (council_id, id),
    FOREIGN KEY (council_id, customer_id) REFERENCES customers (council_id, id)
  )`,
  `CREATE INDEX cases_search ON cases USING gin (search)`,
  `CREATE INDEX cases_customer ON cases (customer_id, received_at DESC)`,
  `CREATE INDEX cases_directorate_received ON cases (council_id, directorate_id, received_at DESC)`,
  `CREATE INDEX cases_open ON cases (council_id, received_at DESC) WHERE status <> 'closed'`,
  `CREATE INDEX cases_assigned ON cases (assigned_staff_id) WHERE status <> 'closed'`,
  // The representative acting for the customer on this case (MP, councillor, advocate…), with
  // the customer's consent, mirrored from the snapshot.
  `CREATE TABLE case_representatives (
    case_id uuid PRIMARY KEY REFERENCES cases (id),
    name text NOT NULL,
    role text NOT NULL CHECK (role ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    consent_basis text,
    consent_recorded_on date,
    reply_to text NOT NULL,
    CHECK ((consent_basis IS NULL) = (consent_recorded_on IS NULL))
  )`,
  `CREATE TABLE stage_instances (
    case_id uuid NOT NULL REFERENCES cases (id),
    sequence integer NOT NULL CHECK (sequence >= 1),
    stage_id text NOT NULL,
    label text NOT NULL,
    phase text NOT NULL,
    requested_on date NOT NULL,
    acknowledged_on date,
    handler_staff_id uuid REFERENCES staff (id),
    extension_count integer NOT NULL DEFAULT 0 CHECK (extension_count >= 0),
    extended_to date,
    responded_on date,
    outcome text,
    signed_by text,
    ended_on date,
    PRIMARY KEY (case_id, sequence)
  )`,
  `CREATE INDEX stage_instances_handler ON stage_instances (handler_staff_id) WHERE ended_on IS NULL`,
  `CREATE INDEX stage_instances_stage ON stage_instances (stage_id, requested_on)`,
  // council_id, directorate_id and case_open are copied from the case with every write, so the
  // work queue "open cases of a directorate by nearest due date" is one index range scan.
  `CREATE TABLE due_dates (
    case_id uuid NOT NULL REFERENCES cases (id),
    due_id text NOT NULL,
    council_id uuid NOT NULL,
    directorate_id uuid,
    case_open boolean NOT NULL,
    kind text NOT NULL,
    nature text NOT NULL,
    stage_id text,
    due_date date NOT NULL,
    met_on date,
    rule text NOT NULL,
    explanation text NOT NULL,
    PRIMARY KEY (case_id, due_id)
  )`,
  `CREATE INDEX due_dates_open_by_directorate ON due_dates (council_id, directorate_id, due_date)
    WHERE case_open AND met_on IS NULL`,
  `CREATE INDEX due_dates_open ON due_dates (council_id, due_date) WHERE case_open AND met_on IS NULL`,
  // A request retried with the same key returns what the first one did. The case reference is
  // deferred because the key is claimed before the case it guards is inserted.
  `CREATE TABLE idempotency_keys (
    council_id uuid NOT NULL REFERENCES councils (id),
    scope text NOT NULL,
    key text NOT NULL CHECK (length(key) BETWEEN 1 AND 200),
    request_hash text NOT NULL CHECK (request_hash ~ '^[0-9a-f]{64}$'),
    case_id uuid REFERENCES cases (id) DEFERRABLE INITIALLY DEFERRED,
    response jsonb,
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz,
    PRIMARY KEY (council_id, scope, key)
  )`,
];

const DOWN = [
  "DROP TABLE idempotency_keys",
  "DROP TABLE due_dates",
  "DROP TABLE stage_instances",
  "DROP TABLE case_representatives",
  "DROP TABLE cases",
  "DROP FUNCTION allocate_case_reference(uuid, timestamptz)",
  "DROP TABLE case_reference_counters",
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of UP) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const statement of DOWN) await sql.raw(statement).execute(db);
}
