import { sql, type Kysely } from "kysely";

/**
 * Posting issued letters (issue 5). Frozen.
 *
 * `letters` is append-only, so what happens to a letter after it is issued lives beside it:
 * - `letter_postings`: one row per letter that goes by post, written when it is issued.
 *   `batch_id` null: waiting for a print batch; set: printed in that batch; `posted_at` set:
 *   the batch was confirmed as posted.
 * - `print_batches`: who built a batch and when, its page count and CSV manifest (worked out
 *   when it was built, so the manifest can be downloaded without printing again), and who
 *   confirmed it was posted, or cancelled it (its letters go back to waiting).
 */
const UP = [
  `CREATE TABLE print_batches (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    council_id uuid NOT NULL REFERENCES councils (id),
    built_at timestamptz NOT NULL,
    built_by uuid NOT NULL,
    letter_count integer NOT NULL CHECK (letter_count >= 0),
    page_count integer CHECK (page_count >= 0),
    sheet_count integer CHECK (sheet_count >= 0),
    manifest_csv text,
    confirmed_at timestamptz,
    confirmed_by uuid,
    cancelled_at timestamptz,
    cancelled_by uuid,
    UNIQUE (council_id, id),
    FOREIGN KEY (council_id, built_by) REFERENCES staff (council_id, id),
    FOREIGN KEY (council_id, confirmed_by) REFERENCES staff (council_id, id),
    FOREIGN KEY (council_id, cancelled_by) REFERENCES staff (council_id, id),
    CHECK ((confirmed_at IS NULL) = (confirmed_by IS NULL)),
    CHECK ((cancelled_at IS NULL) = (cancelled_by IS NULL)),
    CHECK (confirmed_at IS NULL OR cancelled_at IS NULL)
  )`,
  `CREATE INDEX print_batches_council ON print_batches (council_id, built_at DESC)`,
  `CREATE TABLE letter_postings (
    letter_id uuid PRIMARY KEY REFERENCES letters (id),
    council_id uuid NOT NULL REFERENCES councils (id),
    batch_id uuid,
    position integer CHECK (position >= 1),
    posted_at timestamptz,
    FOREIGN KEY (council_id, batch_id) REFERENCES print_batches (council_id, id),
    CHECK ((batch_id IS NULL) = (position IS NULL)),
    CHECK (posted_at IS NULL OR batch_id IS NOT NULL)
  )`,
  `CREATE INDEX letter_postings_waiting ON letter_postings (council_id) WHERE batch_id IS NULL`,
  `CREATE INDEX letter_postings_batch ON letter_postings (batch_id, position) WHERE batch_id IS NOT NULL`,
];

const DOWN = ["DROP TABLE letter_postings", "DROP TABLE print_batches"];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of UP) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const statement of DOWN) await sql.raw(statement).execute(db);
}
