import { sql, type Kysely } from "kysely";

/**
 * The satisfaction survey after a case closes, and the resident's language (issue 15;
 * docs/decisions/0516-satisfaction-survey.md, 0517-welsh-public-forms.md).
 *
 * - `satisfaction_invitations`: one per survey sent, holding only the SHA-256 of the link's
 *   random token (like a password, never the token) and what the answers are reported by:
 *   service, directorate, stage and the month the case closed. No case id: the outbox row's
 *   dedupe key keeps one survey per case and stage. Answering deletes the row (single use).
 * - `satisfaction_answers`: the answers, apart from the case like equality monitoring
 *   (decision 0707) but stricter: no case id, no customer, no time beyond the month of closure.
 * - `customers.language`: "en" or "cy", the language the resident used the public form in, so
 *   correspondence can follow it.
 */
const answer = (column: string) =>
  `${column} text CHECK (${column} IN ('very-satisfied', 'fairly-satisfied', 'neither', 'fairly-dissatisfied', 'very-dissatisfied'))`;

const UP = [
  `CREATE TABLE satisfaction_invitations (
    token_hash text PRIMARY KEY CHECK (token_hash ~ '^[0-9a-f]{64}$'),
    council_id uuid NOT NULL REFERENCES councils (id) ON DELETE CASCADE,
    service_id uuid,
    directorate_id uuid,
    stage_id text NOT NULL,
    stage_label text NOT NULL,
    closed_month date NOT NULL CHECK (extract(day FROM closed_month) = 1),
    expires_on date NOT NULL
  )`,
  `CREATE INDEX satisfaction_invitations_expiry ON satisfaction_invitations (expires_on)`,
  `CREATE TABLE satisfaction_answers (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    council_id uuid NOT NULL REFERENCES councils (id) ON DELETE CASCADE,
    service_id uuid,
    directorate_id uuid,
    stage_id text NOT NULL,
    stage_label text NOT NULL,
    closed_month date NOT NULL CHECK (extract(day FROM closed_month) = 1),
    ${answer("handling")},
    ${answer("kept_informed")},
    ${answer("response_clear")},
    ${answer("ease_of_complaining")},
    CHECK (coalesce(handling, kept_informed, response_clear, ease_of_complaining) IS NOT NULL)
  )`,
  `CREATE INDEX satisfaction_answers_council ON satisfaction_answers (council_id, closed_month)`,
  `ALTER TABLE customers ADD COLUMN language text NOT NULL DEFAULT 'en' CHECK (language IN ('en', 'cy'))`,
];

const DOWN = [`ALTER TABLE customers DROP COLUMN language`, `DROP TABLE satisfaction_answers`, `DROP TABLE satisfaction_invitations`];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of UP) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const statement of DOWN) await sql.raw(statement).execute(db);
}
