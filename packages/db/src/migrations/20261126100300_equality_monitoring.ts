import { sql, type Kysely } from "kysely";

/**
 * Equality monitoring (issue 7; Leeds policy paras 31–32 and 81; docs/rules.md §8: voluntary special
 * category data, kept apart from case handling).
 *
 * One optional form per case, given with explicit consent, in a table of its own. Nothing that
 * serves caseworkers reads it: the case snapshot, the mirrors, the event log and every case
 * query leave it out, and it is reported only in aggregate with small numbers suppressed
 * (src/reports/equality.ts). Answers are codes from the reports package's lists (the nine
 * protected characteristics of the Equality Act 2010 s4); every question may be declined
 * ('prefer-not-to-say') or left unanswered (null). Withdrawing consent deletes the row.
 */
const answer = (column: string) =>
  `${column} text CHECK (${column} ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length(${column}) <= 60)`;

const UP = [
  `CREATE TABLE equality_monitoring (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    council_id uuid NOT NULL REFERENCES councils (id),
    case_id uuid NOT NULL UNIQUE,
    consent_given_on date NOT NULL,
    collected_on date NOT NULL CHECK (collected_on >= consent_given_on),
    collected_by text NOT NULL CHECK (collected_by IN ('customer', 'staff-on-customer-behalf')),
    ${answer("age_band")},
    ${answer("sex")},
    ${answer("gender_reassignment")},
    ${answer("disability")},
    ${answer("ethnicity")},
    ${answer("religion_or_belief")},
    ${answer("sexual_orientation")},
    ${answer("marriage_or_civil_partnership")},
    ${answer("pregnancy_or_maternity")},
    FOREIGN KEY (council_id, case_id) REFERENCES cases (council_id, id) ON DELETE CASCADE
  )`,
  `CREATE INDEX equality_monitoring_council ON equality_monitoring (council_id)`,
];

const DOWN = ["DROP TABLE equality_monitoring"];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of UP) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const statement of DOWN) await sql.raw(statement).execute(db);
}
