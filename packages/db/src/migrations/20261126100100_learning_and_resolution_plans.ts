import { sql, type Kysely } from "kysely";

/**
 * Learning and improvement (issue 7), beside what the case snapshot already holds (root cause,
 * lessons and improvement actions per stage response, mirrored into `learning_actions`):
 *
 * - `improvement_action_progress`: an improvement action's progress after the response that
 *   agreed it: done (when, by whom), and when it was escalated to the Head of Service for being
 *   overdue. Keyed like `learning_actions` (case, stage sequence, action id); not a foreign key,
 *   because the mirror is rewritten with every command.
 * - `improvement_milestones`: the implementation plan's milestones for an action, with due dates
 *   (Southwark: "improvement plans, along with key implementation milestones … so that progress
 *   can be tracked", and delayed plans escalate to the Head of Service).
 * - `resolution_plans` with `resolution_plan_tasks` and `resolution_plan_checkpoints` (Southwark
 *   "Resolution Plan"): tasks with owners and due dates, checkpoints to catch drift, and a
 *   satisfaction check with the customer once every task is done.
 */
const UP = [
  `CREATE TABLE improvement_action_progress (
    case_id uuid NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    stage_sequence integer NOT NULL CHECK (stage_sequence >= 1),
    action_id text NOT NULL,
    council_id uuid NOT NULL REFERENCES councils (id),
    completed_on date,
    completed_by text,
    note text,
    escalated_on date,
    escalated_for_due date,
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (case_id, stage_sequence, action_id),
    CHECK ((completed_on IS NULL) = (completed_by IS NULL)),
    CHECK ((escalated_on IS NULL) = (escalated_for_due IS NULL))
  )`,
  `CREATE TABLE improvement_milestones (
    case_id uuid NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    stage_sequence integer NOT NULL CHECK (stage_sequence >= 1),
    action_id text NOT NULL,
    id text NOT NULL CHECK (id ~ '^[a-z0-9][a-z0-9-]*$'),
    council_id uuid NOT NULL REFERENCES councils (id),
    description text NOT NULL CHECK (btrim(description) <> ''),
    due_on date NOT NULL,
    completed_on date,
    created_by text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (case_id, stage_sequence, action_id, id)
  )`,
  `CREATE INDEX improvement_milestones_outstanding ON improvement_milestones (council_id, due_on)
    WHERE completed_on IS NULL`,
  `CREATE TABLE resolution_plans (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    council_id uuid NOT NULL REFERENCES councils (id),
    case_id uuid NOT NULL,
    stage_sequence integer NOT NULL CHECK (stage_sequence >= 1),
    summary text NOT NULL CHECK (btrim(summary) <> ''),
    owner_id text NOT NULL,
    status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'completed', 'abandoned')),
    created_on date NOT NULL,
    created_by text NOT NULL,
    closed_on date,
    satisfaction text CHECK (satisfaction IN ('satisfied', 'partly-satisfied', 'dissatisfied', 'no-reply')),
    satisfaction_checked_on date,
    satisfaction_checked_by text,
    satisfaction_note text,
    version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
    FOREIGN KEY (council_id, case_id) REFERENCES cases (council_id, id) ON DELETE CASCADE,
    CHECK ((satisfaction IS NULL) = (satisfaction_checked_on IS NULL)),
    CHECK ((satisfaction IS NULL) = (satisfaction_checked_by IS NULL)),
    CHECK (status <> 'completed' OR satisfaction IS NOT NULL),
    CHECK ((status = 'active') = (closed_on IS NULL))
  )`,
  `CREATE INDEX resolution_plans_case ON resolution_plans (case_id)`,
  `CREATE INDEX resolution_plans_active ON resolution_plans (council_id) WHERE status = 'active'`,
  `CREATE TABLE resolution_plan_tasks (
    plan_id uuid NOT NULL REFERENCES resolution_plans (id) ON DELETE CASCADE,
    id text NOT NULL CHECK (id ~ '^[a-z0-9][a-z0-9-]*$'),
    description text NOT NULL CHECK (btrim(description) <> ''),
    owner_id text NOT NULL,
    due_on date NOT NULL,
    completed_on date,
    PRIMARY KEY (plan_id, id)
  )`,
  `CREATE TABLE resolution_plan_checkpoints (
    plan_id uuid NOT NULL REFERENCES resolution_plans (id) ON DELETE CASCADE,
    id text NOT NULL CHECK (id ~ '^[a-z0-9][a-z0-9-]*$'),
    due_on date NOT NULL,
    held_on date,
    on_track boolean,
    note text,
    PRIMARY KEY (plan_id, id),
    CHECK ((held_on IS NULL) = (on_track IS NULL))
  )`,
];

const DOWN = [
  "DROP TABLE resolution_plan_checkpoints",
  "DROP TABLE resolution_plan_tasks",
  "DROP TABLE resolution_plans",
  "DROP TABLE improvement_milestones",
  "DROP TABLE improvement_action_progress",
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of UP) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const statement of DOWN) await sql.raw(statement).execute(db);
}
