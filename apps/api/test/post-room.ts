import { sql, type Kysely } from "kysely";
import type { DB } from "@complaints/db";

/**
 * What the sender does with a letter going by post (docs/decisions/0318-writing-to-residents.md,
 * decision 0321): its `post` correspondence row puts the letter into the print room's queue.
 * Issuing no longer does; the print room's tests call this where the sender would have run.
 * Returns how many letters it queued.
 */
export async function postRowsToPrintRoom(db: Kysely<DB>): Promise<number> {
  const { rows } = await sql<{ letter_id: string }>`
    INSERT INTO letter_postings (letter_id, council_id)
    SELECT DISTINCT (payload->>'letterId')::uuid, council_id FROM notifications_outbox
    WHERE kind = 'correspondence' AND payload->>'channel' = 'post' AND payload ? 'letterId' AND sent_at IS NULL
    ON CONFLICT (letter_id) DO NOTHING
    RETURNING letter_id`.execute(db);
  return rows.length;
}
