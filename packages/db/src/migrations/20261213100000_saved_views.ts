import { sql, type Kysely } from "kysely";

/**
 * Saved work-queue views (issue 16): a member of staff names the queue and filters they use and
 * keeps them, for themselves or shared with their team or their directorate. `filters` holds
 * the queue page's own filter fields (checked by the API, never interpreted here); only the
 * owner deletes a view. Frozen.
 */
const UP = [
  `CREATE TABLE saved_views (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    council_id uuid NOT NULL REFERENCES councils (id),
    owner_id uuid NOT NULL,
    name text NOT NULL CHECK (btrim(name) <> '' AND length(name) <= 80),
    filters jsonb NOT NULL CHECK (jsonb_typeof(filters) = 'object'),
    shared_with text NOT NULL CHECK (shared_with IN ('nobody', 'team', 'directorate')),
    team_id uuid,
    directorate_id uuid,
    created_at timestamptz NOT NULL,
    FOREIGN KEY (council_id, owner_id) REFERENCES staff (council_id, id),
    FOREIGN KEY (council_id, team_id) REFERENCES teams (council_id, id),
    FOREIGN KEY (council_id, directorate_id) REFERENCES directorates (council_id, id),
    CHECK ((shared_with = 'team') = (team_id IS NOT NULL)),
    CHECK ((shared_with = 'directorate') = (directorate_id IS NOT NULL)),
    UNIQUE (council_id, owner_id, name)
  )`,
  `CREATE INDEX saved_views_team ON saved_views (council_id, team_id) WHERE team_id IS NOT NULL`,
  `CREATE INDEX saved_views_directorate ON saved_views (council_id, directorate_id) WHERE directorate_id IS NOT NULL`,
];

const DOWN = ["DROP TABLE saved_views"];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of UP) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const statement of DOWN) await sql.raw(statement).execute(db);
}
