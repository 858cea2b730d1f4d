/**
 * Ombudsman and ICO figures (issue 7; Lewisham report §7; Southwark's key measures): enquiries
 * received, responses to the body and whether they met its date, decisions by finding, remedies
 * ordered and compliance with them, and letters of satisfaction.
 */
import { sql } from "kysely";
import type { Executor } from "../executor.js";
import { directorateFilter, periodsCte, type PeriodName, type ReportPeriod } from "./periods.js";

export interface OmbudsmanRow {
  period: PeriodName;
  /** lgsco, housing-ombudsman, ico… */
  body: string;
  /** The finding of decisions made in the period; null on the row for undecided enquiries. */
  finding: string | null;
  enquiries: number;
  responses: number;
  responsesInTime: number;
  decisions: number;
  decisionsWithInjustice: number;
  /** Remedies the body asked for in decisions made in the period. */
  remedies: number;
  remedyPence: number;
  /** Remedies due in the period, and those done by their due date. */
  remediesDue: number;
  remediesCompliedInTime: number;
  remediesComplied: number;
  satisfactionLetters: number;
}

export async function ombudsmanFigures(
  db: Executor,
  input: {
    councilId: string;
    current: ReportPeriod;
    previous?: ReportPeriod | null;
    /** Only enquiries about cases of these directorates (default: all). */
    directorateIds?: readonly string[] | null;
  },
): Promise<OmbudsmanRow[]> {
  const byDirectorate =
    input.directorateIds === undefined || input.directorateIds === null
      ? sql``
      : sql`AND EXISTS (SELECT 1 FROM report_case_facts d WHERE d.case_id = o.case_id ${directorateFilter("d", input.directorateIds)})`;
  const inPeriod = (column: string) => sql`${sql.ref(column)} BETWEEN p.p_from AND p.p_to`;
  const { rows } = await sql<OmbudsmanRow>`
    WITH ${periodsCte(input.current, input.previous)}
    SELECT p.period, o.body,
      CASE WHEN ${inPeriod("o.decided_on")} THEN o.finding END AS finding,
      count(*) FILTER (WHERE ${inPeriod("o.received_on")})::integer AS enquiries,
      count(*) FILTER (WHERE ${inPeriod("o.responded_on")})::integer AS responses,
      count(*) FILTER (WHERE ${inPeriod("o.responded_on")} AND o.responded_on <= o.response_due_on)::integer AS "responsesInTime",
      count(*) FILTER (WHERE ${inPeriod("o.decided_on")})::integer AS decisions,
      count(*) FILTER (WHERE ${inPeriod("o.decided_on")} AND o.injustice)::integer AS "decisionsWithInjustice",
      coalesce(sum(r.ordered) FILTER (WHERE ${inPeriod("o.decided_on")}), 0)::integer AS remedies,
      coalesce(sum(r.pence) FILTER (WHERE ${inPeriod("o.decided_on")}), 0)::bigint AS "remedyPence",
      coalesce(sum(r.due_in_period), 0)::integer AS "remediesDue",
      coalesce(sum(r.complied_in_time), 0)::integer AS "remediesCompliedInTime",
      coalesce(sum(r.complied), 0)::integer AS "remediesComplied",
      count(*) FILTER (WHERE ${inPeriod("o.satisfied_on")})::integer AS "satisfactionLetters"
    FROM periods p
    JOIN ombudsman_enquiries o ON o.council_id = ${input.councilId}
    CROSS JOIN LATERAL (
      SELECT count(*)::integer AS ordered,
        coalesce(sum(CASE WHEN jsonb_typeof(x -> 'amountPence') = 'number' THEN (x ->> 'amountPence')::bigint END), 0) AS pence,
        count(*) FILTER (WHERE (x ->> 'dueOn')::date BETWEEN p.p_from AND p.p_to)::integer AS due_in_period,
        count(*) FILTER (WHERE (x ->> 'dueOn')::date BETWEEN p.p_from AND p.p_to
          AND (x ->> 'completedOn')::date <= (x ->> 'dueOn')::date)::integer AS complied_in_time,
        count(*) FILTER (WHERE (x ->> 'dueOn')::date BETWEEN p.p_from AND p.p_to
          AND x ->> 'completedOn' IS NOT NULL)::integer AS complied
      FROM jsonb_array_elements(report_array(o.remedies)) x
    ) r
    WHERE (${inPeriod("o.received_on")} OR ${inPeriod("o.responded_on")} OR ${inPeriod("o.decided_on")}
      OR ${inPeriod("o.satisfied_on")}
      OR EXISTS (SELECT 1 FROM jsonb_array_elements(report_array(o.remedies)) y
        WHERE (y ->> 'dueOn')::date BETWEEN p.p_from AND p.p_to))
      ${byDirectorate}
    GROUP BY 1, 2, 3
    ORDER BY 1, 2, 3`.execute(db);
  return rows;
}
