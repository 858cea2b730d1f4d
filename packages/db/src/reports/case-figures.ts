/**
 * Figure families about what complaints were about and why they moved or stopped: the top
 * categories per directorate (Lewisham 5.4), the reasons given for escalation (Southwark's key
 * measures), and complaints refused by reason (the code's annual report, docs/rules.md §8).
 */
import { sql, type RawBuilder } from "kysely";
import type { Executor } from "../executor.js";
import {
  directorateFilter,
  inList,
  periodScope,
  type PeriodName,
  type ReportPeriod,
} from "./periods.js";
import { DEFAULT_REPORT_KINDS } from "./stage-figures.js";

export interface CategoryRow {
  period: PeriodName;
  directorateId: string | null;
  /** 1 for the most common category of the directorate in the period. */
  rank: number;
  category: string | null;
  count: number;
  /** The category's most common sub-categories, most common first. */
  subCategories: Array<{ subCategory: string; count: number }>;
}

/**
 * The `top` most common categories of complaints received per directorate, each with its `top`
 * most common sub-categories; ties go to the category name in alphabetical order. Counts the
 * first stage of each complaint (a complaint that escalates is still one complaint).
 */
export interface TopCategoriesInput {
  councilId: string;
  current: ReportPeriod;
  previous?: ReportPeriod | null;
  top?: number;
  kinds?: readonly string[];
  /** Only cases of these directorates (default: all). */
  directorateIds?: readonly string[] | null;
}

export async function topCategories(
  db: Executor,
  input: TopCategoriesInput,
): Promise<CategoryRow[]> {
  return (await topCategoriesQuery(input).execute(db)).rows;
}

export function topCategoriesQuery(input: TopCategoriesInput): RawBuilder<CategoryRow> {
  const top = input.top ?? 3;
  const kinds = input.kinds ?? ["complaint"];
  const scope = periodScope("f.requested_on", input.current, input.previous);
  return sql<CategoryRow>`
    WITH counted AS (
      SELECT ${scope.period} AS period, f.directorate_id, f.category, f.sub_category, count(*)::integer AS n
      FROM report_stage_facts f
      WHERE f.council_id = ${input.councilId} AND ${scope.where}
        AND f.sequence = 1 AND f.case_kind IN ${inList(kinds)} ${directorateFilter("f", input.directorateIds)}
      GROUP BY 1, 2, 3, 4
    ),
    ranked AS (
      SELECT period, directorate_id, category, sum(n)::integer AS n,
        row_number() OVER (PARTITION BY period, directorate_id
          ORDER BY sum(n) DESC, category NULLS LAST)::integer AS rank
      FROM counted GROUP BY 1, 2, 3
    )
    SELECT r.period, r.directorate_id AS "directorateId", r.rank, r.category, r.n AS count,
      coalesce((
        SELECT jsonb_agg(jsonb_build_object('subCategory', s.sub_category, 'count', s.n)
          ORDER BY s.n DESC, s.sub_category)
        FROM (
          SELECT k.sub_category, k.n FROM counted k
          WHERE k.period = r.period AND k.directorate_id IS NOT DISTINCT FROM r.directorate_id
            AND k.category IS NOT DISTINCT FROM r.category AND k.sub_category IS NOT NULL
          ORDER BY k.n DESC, k.sub_category LIMIT ${top}
        ) s
      ), '[]'::jsonb) AS "subCategories"
    FROM ranked r
    WHERE r.rank <= ${top}
    ORDER BY 1, 2, 3`;
}

export interface EscalationReasonRow {
  period: PeriodName;
  directorateId: string | null;
  /** The stage escalated to. */
  stageId: string;
  /** As first written (reasons are grouped regardless of case and surrounding spaces). */
  reason: string | null;
  count: number;
}

/** Why customers asked for a later stage, grouped by the reason recorded with the request. */
export interface EscalationReasonsInput {
  councilId: string;
  current: ReportPeriod;
  previous?: ReportPeriod | null;
  kinds?: readonly string[];
  /** Only cases of these directorates (default: all). */
  directorateIds?: readonly string[] | null;
}

export async function escalationReasons(
  db: Executor,
  input: EscalationReasonsInput,
): Promise<EscalationReasonRow[]> {
  return (await escalationReasonsQuery(input).execute(db)).rows;
}

export function escalationReasonsQuery(
  input: EscalationReasonsInput,
): RawBuilder<EscalationReasonRow> {
  const kinds = input.kinds ?? DEFAULT_REPORT_KINDS;
  const scope = periodScope("f.requested_on", input.current, input.previous);
  return sql<EscalationReasonRow>`
    SELECT ${scope.period} AS period, f.directorate_id AS "directorateId", f.stage_id AS "stageId",
      min(nullif(btrim(f.request_reason), '')) AS reason, count(*)::integer AS count
    FROM report_stage_facts f
    WHERE f.council_id = ${input.councilId} AND ${scope.where} AND f.sequence > 1
      AND f.case_kind IN ${inList(kinds)} ${directorateFilter("f", input.directorateIds)}
    GROUP BY 1, 2, 3, lower(nullif(btrim(f.request_reason), ''))
    ORDER BY 1, 2, 3, 5 DESC, 4`;
}

export interface RefusedRow {
  period: PeriodName;
  directorateId: string | null;
  /** not-a-complaint, excluded, out-of-time, wrongly-addressed, duplicate. */
  outcome: string;
  /** The exclusion reason, or for out-of-time the decision ("refuse"); null where none applies. */
  reason: string | null;
  count: number;
}

/**
 * Cases received in the period that were not taken on as complaints, by triage outcome and
 * reason. An out-of-time complaint accepted with discretion is not refused and is left out.
 */
export interface RefusedInput {
  councilId: string;
  current: ReportPeriod;
  previous?: ReportPeriod | null;
  /** Only cases under these regimes (default: all). */
  regimeIds?: readonly string[] | null;
  /** Only cases of these directorates (default: all). */
  directorateIds?: readonly string[] | null;
}

export async function refusedComplaints(db: Executor, input: RefusedInput): Promise<RefusedRow[]> {
  return (await refusedComplaintsQuery(input).execute(db)).rows;
}

export function refusedComplaintsQuery(input: RefusedInput): RawBuilder<RefusedRow> {
  const regimes = input.regimeIds?.length
    ? sql`AND c.regime_id IN ${inList(input.regimeIds)}`
    : sql``;
  const scope = periodScope("c.received_on", input.current, input.previous);
  return sql<RefusedRow>`
    SELECT ${scope.period} AS period, c.directorate_id AS "directorateId", c.triage_outcome AS outcome,
      c.triage_reason AS reason, count(*)::integer AS count
    FROM report_case_facts c
    WHERE c.council_id = ${input.councilId} AND ${scope.where}
      AND c.triage_outcome IS NOT NULL AND c.triage_outcome <> 'accept'
      AND NOT (c.triage_outcome = 'out-of-time' AND c.triage_reason IS NOT DISTINCT FROM 'accept-with-discretion')
      ${regimes} ${directorateFilter("c", input.directorateIds)}
    GROUP BY 1, 2, 3, 4
    ORDER BY 1, 2, 3, 4`;
}
