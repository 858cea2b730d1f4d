/**
 * The satisfaction survey's storage (issue 15; docs/decisions/0516-satisfaction-survey.md). The
 * single module that reads or writes `satisfaction_invitations` and `satisfaction_answers`.
 * Neither table holds a case id, a customer or a time finer than the month the case closed: an
 * answer cannot be traced back to the case it was about, even by someone reading the database,
 * except through the survey email in the outbox. What leaves here for reports is raw counts,
 * which @complaints/reports suppresses before anyone sees them.
 */
import { sql } from "kysely";
import type { SatisfactionAnswers } from "@complaints/core";
import { SATISFACTION_QUESTIONS, type SatisfactionQuestion } from "@complaints/core";
import { inTransaction, type Executor } from "./executor.js";
import { checkDate, checkPeriod, type ReportPeriod } from "./reports/periods.js";

/** The outbox dedupe key of a case's survey for one stage: one survey per case and stage. */
export function surveyDedupeKey(caseId: string, stageId: string): string {
  return `satisfaction-survey:${caseId}:${stageId}:email`;
}

export interface SurveyClosure {
  caseId: string;
  reference: string;
  serviceId: string | null;
  directorateId: string | null;
  stageId: string;
  stageLabel: string;
  closedOn: string;
  /** The customer's language (decision 0517). */
  language: "en" | "cy";
}

/**
 * Complaints closed between the dates (inclusive) after a response at their last stage that
 * have not been sent this stage's survey: those the sweep may invite, if the case's
 * correspondence goes by email (the caller decides, as for any correspondence). Cases closed
 * without a response (withdrawn, not accepted) are not surveyed.
 */
async function closuresToSurvey(db: Executor, input: { councilId: string; closedFrom: string; closedTo: string }): Promise<SurveyClosure[]> {
  checkDate(input.closedFrom, "the first closing date");
  checkDate(input.closedTo, "the last closing date");
  const { rows } = await sql<SurveyClosure>`
    SELECT c.id AS "caseId", c.reference, c.service_id AS "serviceId", c.directorate_id AS "directorateId",
      s.stage_id AS "stageId", s.label AS "stageLabel", to_char(c.closed_on, 'YYYY-MM-DD') AS "closedOn",
      cu.language
    FROM cases c
    JOIN customers cu ON cu.id = c.customer_id
    JOIN LATERAL (SELECT * FROM stage_instances si WHERE si.case_id = c.id ORDER BY si.sequence DESC LIMIT 1) s ON true
    WHERE c.council_id = ${input.councilId} AND c.kind = 'complaint' AND c.status = 'closed'
      AND c.closed_on BETWEEN ${input.closedFrom}::date AND ${input.closedTo}::date
      AND s.responded_on IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM notifications_outbox o WHERE o.council_id = c.council_id
        AND o.dedupe_key = 'satisfaction-survey:' || c.id::text || ':' || s.stage_id || ':email')
    ORDER BY c.closed_on, c.reference`.execute(db);
  return rows;
}

export interface SurveyInvitation {
  /** SHA-256 of the link's token, in hex. */
  tokenHash: string;
  councilId: string;
  serviceId: string | null;
  directorateId: string | null;
  stageId: string;
  stageLabel: string;
  /** Any day of the month the case closed: only the month is kept. */
  closedOn: string;
  expiresOn: string;
}

const monthOf = (date: string) => `${checkDate(date, "the closing date").slice(0, 7)}-01`;

async function invite(db: Executor, invitation: SurveyInvitation): Promise<void> {
  if (!/^[0-9a-f]{64}$/.test(invitation.tokenHash)) throw new TypeError("a survey token is stored as its SHA-256 in hex");
  await db
    .insertInto("satisfaction_invitations")
    .values({
      token_hash: invitation.tokenHash,
      council_id: invitation.councilId,
      service_id: invitation.serviceId,
      directorate_id: invitation.directorateId,
      stage_id: invitation.stageId,
      stage_label: invitation.stageLabel,
      closed_month: monthOf(invitation.closedOn),
      expires_on: checkDate(invitation.expiresOn, "the expiry date"),
    })
    .execute();
}

/** An open invitation of the council (not answered, not expired), or undefined. */
async function findOpen(db: Executor, councilId: string, tokenHash: string, today: string): Promise<{ stageLabel: string; expiresOn: string } | undefined> {
  const row = await db
    .selectFrom("satisfaction_invitations")
    .select(["stage_label", sql<string>`to_char(expires_on, 'YYYY-MM-DD')`.as("expires_on")])
    .where("council_id", "=", councilId)
    .where("token_hash", "=", tokenHash)
    .where("expires_on", ">=", today)
    .executeTakeFirst();
  return row ? { stageLabel: row.stage_label, expiresOn: row.expires_on } : undefined;
}

const COLUMN: Record<SatisfactionQuestion, "handling" | "kept_informed" | "response_clear" | "ease_of_complaining"> = {
  handling: "handling",
  "kept-informed": "kept_informed",
  "response-clear": "response_clear",
  "ease-of-complaining": "ease_of_complaining",
};

/**
 * Stores the answers and uses up the invitation, in one transaction: the invitation row is
 * deleted as the answers are written, so a token answers once, and two tabs sending at the same
 * moment store one set. False when there is no open invitation for the token.
 */
async function answer(db: Executor, input: { councilId: string; tokenHash: string; today: string; answers: SatisfactionAnswers }): Promise<boolean> {
  return inTransaction(db, async (trx) => {
    const used = await trx
      .deleteFrom("satisfaction_invitations")
      .where("council_id", "=", input.councilId)
      .where("token_hash", "=", input.tokenHash)
      .where("expires_on", ">=", input.today)
      .returningAll()
      .executeTakeFirst();
    if (!used) return false;
    await trx
      .insertInto("satisfaction_answers")
      .values({
        council_id: used.council_id,
        service_id: used.service_id,
        directorate_id: used.directorate_id,
        stage_id: used.stage_id,
        stage_label: used.stage_label,
        closed_month: used.closed_month,
        ...Object.fromEntries(SATISFACTION_QUESTIONS.map((q) => [COLUMN[q], input.answers[q] ?? null])),
      })
      .execute();
    return true;
  });
}

/** Invitations past their date are deleted: their links no longer open the survey. */
async function purgeExpired(db: Executor, today: string): Promise<number> {
  const result = await db.deleteFrom("satisfaction_invitations").where("expires_on", "<", today).executeTakeFirst();
  return Number(result.numDeletedRows);
}

export interface SatisfactionCountRow {
  serviceId: string | null;
  /** The service's name, or null when the case had none. */
  service: string | null;
  stageId: string;
  stageLabel: string;
  question: SatisfactionQuestion;
  /** An answer code, or "not-answered". */
  answer: string;
  count: number;
}

/**
 * RAW COUNTS, NOT FOR DISPLAY: answers of the surveys for cases closed in the months the period
 * touches, by service, stage, question and answer. Small numbers must be suppressed before they
 * are shown: use `satisfactionReport` from @complaints/reports.
 */
async function rawCounts(db: Executor, input: { councilId: string; period: ReportPeriod }): Promise<SatisfactionCountRow[]> {
  const period = checkPeriod(input.period, "the period");
  const values = sql.join(SATISFACTION_QUESTIONS.map((q) => sql`(${q}, coalesce(a.${sql.ref(COLUMN[q])}, 'not-answered'))`));
  const { rows } = await sql<SatisfactionCountRow>`
    SELECT a.service_id AS "serviceId", sv.name AS service, a.stage_id AS "stageId", min(a.stage_label) AS "stageLabel",
      q.question, q.answer, count(*)::integer AS count
    FROM satisfaction_answers a
    LEFT JOIN services sv ON sv.id = a.service_id
    CROSS JOIN LATERAL (VALUES ${values}) AS q (question, answer)
    WHERE a.council_id = ${input.councilId}
      AND a.closed_month BETWEEN date_trunc('month', ${period.from}::date)::date AND ${period.to}::date
    GROUP BY a.service_id, sv.name, a.stage_id, q.question, q.answer
    ORDER BY sv.name NULLS LAST, a.stage_id, q.question, q.answer`.execute(db);
  return rows;
}

export const satisfactionRepository = Object.freeze({ closuresToSurvey, invite, findOpen, answer, purgeExpired, rawCounts });
