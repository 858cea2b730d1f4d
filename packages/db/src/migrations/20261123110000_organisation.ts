import { sql, type Kysely } from "kysely";

/**
 * Councils and their structure: directorates -> services -> teams, and staff with roles.
 *
 * `councils.profile` holds the council profile validated by `@complaints/core`; directorates,
 * services and teams mirror its structure, keyed by the profile's slugs (`code`), so cases and
 * staff can reference them with foreign keys.
 *
 * Frozen: never edit a migration that has shipped; add a new one. Children repeat their
 * council's id and reference their parent by (council_id, id), so a row can never point at
 * another council's directorate, service or team.
 */
const UP = [
  `CREATE TABLE councils (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    name text NOT NULL CHECK (btrim(name) <> ''),
    reference_prefix text NOT NULL DEFAULT 'CMP' CHECK (reference_prefix ~ '^[A-Z]{2,6}$'),
    time_zone text NOT NULL DEFAULT 'Europe/London',
    profile jsonb NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(profile) = 'object'),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
  )`,
  `CREATE TABLE directorates (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    council_id uuid NOT NULL REFERENCES councils (id),
    code text NOT NULL CHECK (code ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    name text NOT NULL CHECK (btrim(name) <> ''),
    archived_at timestamptz,
    created_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (council_id, code),
    UNIQUE (council_id, id)
  )`,
  `CREATE TABLE services (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    council_id uuid NOT NULL,
    directorate_id uuid NOT NULL,
    code text NOT NULL CHECK (code ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    name text NOT NULL CHECK (btrim(name) <> ''),
    plugins text[] NOT NULL DEFAULT '{}',
    settings jsonb NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(settings) = 'object'),
    archived_at timestamptz,
    created_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (council_id, code),
    UNIQUE (council_id, id),
    FOREIGN KEY (council_id, directorate_id) REFERENCES directorates (council_id, id)
  )`,
  `CREATE INDEX services_directorate ON services (directorate_id)`,
  `CREATE TABLE teams (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    council_id uuid NOT NULL,
    service_id uuid NOT NULL,
    code text NOT NULL CHECK (code ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    name text NOT NULL CHECK (btrim(name) <> ''),
    archived_at timestamptz,
    created_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (council_id, id),
    UNIQUE (service_id, code),
    FOREIGN KEY (council_id, service_id) REFERENCES services (council_id, id)
  )`,
  `CREATE TABLE staff (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    council_id uuid NOT NULL REFERENCES councils (id),
    email text NOT NULL CHECK (email ~ '^[^@\\s]+@[^@\\s]+$'),
    display_name text NOT NULL CHECK (btrim(display_name) <> ''),
    job_title text,
    team_id uuid,
    password_hash text,
    oidc_issuer text,
    oidc_subject text,
    active boolean NOT NULL DEFAULT true,
    last_login_at timestamptz,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (council_id, id),
    UNIQUE (oidc_issuer, oidc_subject),
    CHECK ((oidc_issuer IS NULL) = (oidc_subject IS NULL)),
    FOREIGN KEY (council_id, team_id) REFERENCES teams (council_id, id)
  )`,
  `CREATE UNIQUE INDEX staff_email ON staff (council_id, lower(email))`,
  // A role is granted council-wide (directorate_id NULL) or within one directorate.
  `CREATE TABLE staff_roles (
    staff_id uuid NOT NULL,
    council_id uuid NOT NULL,
    role text NOT NULL CHECK (role ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    directorate_id uuid,
    granted_at timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (council_id, directorate_id) REFERENCES directorates (council_id, id),
    FOREIGN KEY (council_id, staff_id) REFERENCES staff (council_id, id) ON DELETE CASCADE,
    UNIQUE NULLS NOT DISTINCT (staff_id, role, directorate_id)
  )`,
];

const DOWN = [
  "DROP TABLE staff_roles",
  "DROP TABLE staff",
  "DROP TABLE teams",
  "DROP TABLE services",
  "DROP TABLE directorates",
  "DROP TABLE councils",
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of UP) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const statement of DOWN) await sql.raw(statement).execute(db);
}
