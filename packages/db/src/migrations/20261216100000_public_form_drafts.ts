import { sql, type Kysely } from "kysely";

/**
 * The public complaint form's answers between its pages (issue 16;
 * docs/decisions/0520-complaint-form-one-question-per-page.md): one row per resident filling
 * the form in, found by the SHA-256 of the random token in their browser's cookie (like a
 * password, never the token itself). The answers are personal data the resident has not yet
 * sent: each row expires (a day after its last change, an hour after it is sent) and is
 * deleted once expired.
 */
const UP = [
  `CREATE TABLE public_form_drafts (
    token_hash text PRIMARY KEY CHECK (token_hash ~ '^[0-9a-f]{64}$'),
    council_id uuid NOT NULL REFERENCES councils (id) ON DELETE CASCADE,
    answers jsonb NOT NULL CHECK (jsonb_typeof(answers) = 'object'),
    sent_at timestamptz,
    updated_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL CHECK (expires_at > updated_at)
  )`,
  `CREATE INDEX public_form_drafts_expiry ON public_form_drafts (expires_at)`,
];

const DOWN = [`DROP TABLE public_form_drafts`];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of UP) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const statement of DOWN) await sql.raw(statement).execute(db);
}
