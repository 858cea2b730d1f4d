/**
 * Equality monitoring storage (Leeds policy paras 31–32, 81; docs/rules.md §8). The answers live in
 * `equality_monitoring` only. This is the single module that reads or writes that table; no case
 * query, mirror, snapshot or event touches it (checked by equality.test.ts). What leaves here is
 * either a confirmation that a form was stored or removed, or counts by group for the aggregate
 * report, which @complaints/reports suppresses before anyone sees them.
 */
import { sql } from "kysely";
import { NotFoundError } from "../errors.js";
import { inTransaction, type Executor } from "../executor.js";
import { checkDate, checkPeriod, ReportInputError, type ReportPeriod } from "./periods.js";

/** The nine protected characteristics (Equality Act 2010 s4), as stored. */
export const EQUALITY_CHARACTERISTICS = [
  "age_band",
  "sex",
  "gender_reassignment",
  "disability",
  "ethnicity",
  "religion_or_belief",
  "sexual_orientation",
  "marriage_or_civil_partnership",
  "pregnancy_or_maternity",
] as const;
export type EqualityCharacteristic = (typeof EQUALITY_CHARACTERISTICS)[number];

export type EqualityAnswers = Partial<Record<EqualityCharacteristic, string | null>>;

export interface EqualityForm {
  caseId: string;
  /** The customer agreed, in these words or a tick box, to the council holding these answers. */
  consentGivenOn: string;
  collectedOn: string;
  collectedBy: "customer" | "staff-on-customer-behalf";
  answers: EqualityAnswers;
}

/**
 * Stores (or replaces) the equality monitoring form for a case. Consent is required: there is no
 * way to store answers without a consent date. Returns nothing readable back.
 */
async function record(db: Executor, form: EqualityForm): Promise<void> {
  checkDate(form.consentGivenOn, "the date consent was given");
  checkDate(form.collectedOn, "the date the form was completed");
  for (const key of Object.keys(form.answers)) {
    if (!(EQUALITY_CHARACTERISTICS as readonly string[]).includes(key))
      throw new ReportInputError(`"${key}" is not an equality monitoring question`);
  }
  await inTransaction(db, async (trx) => {
    const c = await trx
      .selectFrom("cases")
      .select("council_id")
      .where("id", "=", form.caseId)
      .executeTakeFirst();
    if (!c) throw new NotFoundError("case", form.caseId);
    const answers = Object.fromEntries(
      EQUALITY_CHARACTERISTICS.map((k) => [k, form.answers[k] ?? null]),
    ) as Record<EqualityCharacteristic, string | null>;
    await trx
      .insertInto("equality_monitoring")
      .values({
        council_id: c.council_id,
        case_id: form.caseId,
        consent_given_on: form.consentGivenOn,
        collected_on: form.collectedOn,
        collected_by: form.collectedBy,
        ...answers,
      })
      .onConflict((oc) =>
        oc.column("case_id").doUpdateSet({
          consent_given_on: form.consentGivenOn,
          collected_on: form.collectedOn,
          collected_by: form.collectedBy,
          ...answers,
        }),
      )
      .execute();
  });
}

/** Consent withdrawn: the answers are deleted. Returns whether there was a form. */
async function withdraw(db: Executor, caseId: string): Promise<boolean> {
  const result = await db
    .deleteFrom("equality_monitoring")
    .where("case_id", "=", caseId)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/** Whether a form is held for the case (so intake does not ask twice); never the answers. */
async function hasForm(db: Executor, caseId: string): Promise<boolean> {
  const row = await db
    .selectFrom("equality_monitoring")
    .select("id")
    .where("case_id", "=", caseId)
    .executeTakeFirst();
  return row !== undefined;
}

export interface EqualityCountRow {
  characteristic: EqualityCharacteristic;
  /** The answer code; "not-answered" where the question was skipped. */
  value: string;
  /** A directorate id or category, when the counts are broken down by one; else null. */
  group: string | null;
  complaints: number;
  /** Upheld in full or in part at any stage ("well-founded"). */
  wellFounded: number;
  /** Flagged as about discrimination or harassment (Leeds para 32). */
  discrimination: number;
}

export interface EqualityTotals {
  /** Complaints received in the period, and those with a monitoring form. */
  complaints: number;
  forms: number;
}

/**
 * RAW COUNTS, NOT FOR DISPLAY: complaints received in the period with a monitoring form, by
 * characteristic and answer (optionally by directorate or category). Small numbers must be
 * suppressed before they are shown: use `equalityReport` from @complaints/reports.
 */
async function rawCounts(
  db: Executor,
  input: { councilId: string; period: ReportPeriod; by?: "directorate" | "category" | null },
): Promise<{ rows: EqualityCountRow[]; totals: EqualityTotals }> {
  const period = checkPeriod(input.period, "the period");
  const group =
    input.by === "directorate"
      ? sql`c.directorate_id::text`
      : input.by === "category"
        ? sql`coalesce(c.category, '(not categorised)')`
        : sql`NULL::text`;
  const values = sql.join(
    EQUALITY_CHARACTERISTICS.map((k) => sql`(${k}, coalesce(e.${sql.ref(k)}, 'not-answered'))`),
  );
  const { rows } = await sql<EqualityCountRow>`
    SELECT q.characteristic, q.value, ${group} AS "group", count(*)::integer AS complaints,
      count(*) FILTER (WHERE EXISTS (SELECT 1 FROM report_stage_facts f WHERE f.case_id = e.case_id
        AND f.outcome IN ('upheld', 'partly-upheld')))::integer AS "wellFounded",
      count(*) FILTER (WHERE 'discrimination-or-harassment' = ANY (k.flags))::integer AS discrimination
    FROM equality_monitoring e
    JOIN report_case_facts c ON c.case_id = e.case_id
    JOIN cases k ON k.id = e.case_id
    CROSS JOIN LATERAL (VALUES ${values}) AS q (characteristic, value)
    WHERE e.council_id = ${input.councilId}
      AND c.received_on BETWEEN ${period.from}::date AND ${period.to}::date
    GROUP BY 1, 2, 3
    ORDER BY 1, 2, 3`.execute(db);
  const totals = await sql<EqualityTotals>`
    SELECT count(*)::integer AS complaints, count(e.id)::integer AS forms
    FROM report_case_facts c
    LEFT JOIN equality_monitoring e ON e.case_id = c.case_id
    WHERE c.council_id = ${input.councilId} AND c.kind IN ('complaint', 'member-enquiry')
      -- A duplicate merged into another case is counted through the case kept (decision 0106).
      AND c.closure_reason IS DISTINCT FROM 'merged'
      AND c.received_on BETWEEN ${period.from}::date AND ${period.to}::date`.execute(db);
  return { rows, totals: totals.rows[0]! };
}

export const equalityRepository = Object.freeze({ record, withdraw, hasForm, rawCounts });
