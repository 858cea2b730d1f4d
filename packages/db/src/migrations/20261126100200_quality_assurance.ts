import { sql, type Kysely } from "kysely";

/**
 * Quality assurance of complaint handling (issue 7; Lewisham report §8: a quality-checking
 * framework, results fed back to Heads of Service and Service Managers, Lewisham Homes checking
 * 50% of written responses each month; Southwark "Complaints Handling Audit and Quality Checks":
 * a monthly sample, audit reports to Heads of Service, remedial actions with due dates tracked,
 * improvement expected a month after the due date).
 *
 * - `qa_samples`: one draw per service and month: the share asked for, the seed that makes the
 *   draw repeatable, and the population it was drawn from.
 * - `qa_sample_items`: the written responses drawn (case and stage).
 * - `qa_reviews`: one scored review per item, the rubric's answers kept as given.
 * - `qa_findings`: what the reviewer found, with its risk, and when the handler and the Head of
 *   Service were told.
 * - `qa_remedial_actions`: what the service will do about a finding, by when, and whether the
 *   improvement was seen when checked.
 */
const UP = [
  `CREATE TABLE qa_samples (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    council_id uuid NOT NULL REFERENCES councils (id),
    service_id uuid NOT NULL,
    month date NOT NULL CHECK (extract(day FROM month) = 1),
    share numeric(5, 4) NOT NULL CHECK (share > 0 AND share <= 1),
    seed text NOT NULL CHECK (btrim(seed) <> ''),
    population integer NOT NULL CHECK (population >= 0),
    drawn_at timestamptz NOT NULL DEFAULT now(),
    drawn_by text NOT NULL,
    UNIQUE (council_id, service_id, month),
    UNIQUE (council_id, id),
    FOREIGN KEY (council_id, service_id) REFERENCES services (council_id, id)
  )`,
  `CREATE TABLE qa_sample_items (
    sample_id uuid NOT NULL REFERENCES qa_samples (id) ON DELETE CASCADE,
    case_id uuid NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    stage_sequence integer NOT NULL CHECK (stage_sequence >= 1),
    PRIMARY KEY (sample_id, case_id, stage_sequence)
  )`,
  `CREATE TABLE qa_reviews (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    council_id uuid NOT NULL REFERENCES councils (id),
    sample_id uuid NOT NULL,
    case_id uuid NOT NULL,
    stage_sequence integer NOT NULL,
    reviewer_id text NOT NULL,
    reviewed_on date NOT NULL,
    handler_id text,
    rubric_version text NOT NULL,
    answers jsonb NOT NULL CHECK (jsonb_typeof(answers) = 'array'),
    score integer NOT NULL CHECK (score >= 0),
    max_score integer NOT NULL CHECK (max_score >= score),
    UNIQUE (sample_id, case_id, stage_sequence),
    FOREIGN KEY (sample_id, case_id, stage_sequence)
      REFERENCES qa_sample_items (sample_id, case_id, stage_sequence) ON DELETE CASCADE
  )`,
  `CREATE INDEX qa_reviews_council ON qa_reviews (council_id, reviewed_on)`,
  `CREATE TABLE qa_findings (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    council_id uuid NOT NULL REFERENCES councils (id),
    review_id uuid NOT NULL REFERENCES qa_reviews (id) ON DELETE CASCADE,
    criterion text,
    finding text NOT NULL CHECK (btrim(finding) <> ''),
    risk text NOT NULL CHECK (risk IN ('high', 'medium', 'low')),
    sent_to_handler_on date,
    sent_to_head_of_service_on date
  )`,
  `CREATE INDEX qa_findings_review ON qa_findings (review_id)`,
  `CREATE TABLE qa_remedial_actions (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    council_id uuid NOT NULL REFERENCES councils (id),
    finding_id uuid NOT NULL REFERENCES qa_findings (id) ON DELETE CASCADE,
    description text NOT NULL CHECK (btrim(description) <> ''),
    owner_id text NOT NULL,
    due_on date NOT NULL,
    completed_on date,
    improvement_checked_on date,
    improved boolean,
    CHECK ((improvement_checked_on IS NULL) = (improved IS NULL))
  )`,
  `CREATE INDEX qa_remedial_actions_outstanding ON qa_remedial_actions (council_id, due_on)
    WHERE completed_on IS NULL`,
];

const DOWN = [
  "DROP TABLE qa_remedial_actions",
  "DROP TABLE qa_findings",
  "DROP TABLE qa_reviews",
  "DROP TABLE qa_sample_items",
  "DROP TABLE qa_samples",
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of UP) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const statement of DOWN) await sql.raw(statement).execute(db);
}
