/**
 * Storage for quality assurance of complaint handling (Lewisham report §8, Southwark
 * "Complaints Handling Audit and Quality Checks"): monthly samples of written responses per
 * service, scored reviews, findings sent to the handler and the Head of Service, and remedial
 * actions tracked to done and to the improvement check a month later. Drawing the sample and
 * scoring are done by @complaints/reports; this module keeps what was drawn and decided.
 */
import { DomainError } from "@complaints/core";
import { sql, type Transaction } from "kysely";
import { NotFoundError } from "../errors.js";
import { inTransaction, toJson, type Executor } from "../executor.js";
import { checkDate, checkPeriod, inList, ReportInputError, type ReportPeriod } from "./periods.js";
import type { DB } from "../schema.js";
import type { QaAnswer, QaRisk } from "./schema.js";

export interface QaCandidate {
  caseId: string;
  stageSequence: number;
  reference: string;
  stageId: string;
  respondedOn: string;
  handlerId: string | null;
}

function monthBounds(month: string): { first: string; last: string } {
  if (!/^\d{4}-\d{2}$/.test(month))
    throw new ReportInputError(`a month is "YYYY-MM", not "${month}"`);
  const [y, m] = month.split("-").map(Number) as [number, number];
  if (m < 1 || m > 12) throw new ReportInputError(`a month is "YYYY-MM", not "${month}"`);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { first: `${month}-01`, last: `${month}-${String(last).padStart(2, "0")}` };
}

/**
 * The written responses a month's sample is drawn from: stage responses the service sent in the
 * month on cases now closed, in a fixed order (case id, stage) so a seeded draw is repeatable.
 */
async function population(
  db: Executor,
  input: { councilId: string; serviceId: string; month: string },
): Promise<QaCandidate[]> {
  const { first, last } = monthBounds(input.month);
  const { rows } = await sql<QaCandidate>`
    SELECT f.case_id AS "caseId", f.sequence AS "stageSequence", c.reference, f.stage_id AS "stageId",
      f.responded_on AS "respondedOn", s.handler_staff_id AS "handlerId"
    FROM report_stage_facts f
    JOIN cases c ON c.id = f.case_id
    LEFT JOIN stage_instances s ON s.case_id = f.case_id AND s.sequence = f.sequence
    WHERE f.council_id = ${input.councilId} AND f.service_id = ${input.serviceId}
      AND f.responded_on BETWEEN ${first}::date AND ${last}::date AND f.case_status = 'closed'
    ORDER BY f.case_id, f.sequence`.execute(db);
  return rows;
}

export interface QaSample {
  id: string;
  councilId: string;
  serviceId: string;
  month: string;
  share: number;
  seed: string;
  population: number;
  drawnBy: string;
  items: Array<{ caseId: string; stageSequence: number }>;
}

export class QaSampleExistsError extends DomainError {
  override readonly name = "QaSampleExistsError";
  constructor(
    readonly serviceId: string,
    readonly month: string,
  ) {
    super("NOT_ALLOWED_NOW", `A sample of this service's responses for ${month} has already been drawn`, "Southwark procedure, Complaints Handling Audit: one monthly sample");
  }
}

async function saveSample(db: Executor, input: Omit<QaSample, "id">): Promise<QaSample> {
  const { first } = monthBounds(input.month);
  if (!(input.share > 0 && input.share <= 1))
    throw new ReportInputError("the share sampled is more than 0 and at most 1");
  return inTransaction(db, async (trx) => {
    const existing = await trx
      .selectFrom("qa_samples")
      .select("id")
      .where("council_id", "=", input.councilId)
      .where("service_id", "=", input.serviceId)
      .where("month", "=", first)
      .executeTakeFirst();
    if (existing) throw new QaSampleExistsError(input.serviceId, input.month);
    const sample = await trx
      .insertInto("qa_samples")
      .values({
        council_id: input.councilId,
        service_id: input.serviceId,
        month: first,
        share: input.share,
        seed: input.seed,
        population: input.population,
        drawn_by: input.drawnBy,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    if (input.items.length) {
      await trx
        .insertInto("qa_sample_items")
        .values(
          input.items.map((i) => ({
            sample_id: sample.id,
            case_id: i.caseId,
            stage_sequence: i.stageSequence,
          })),
        )
        .execute();
    }
    return { ...input, id: sample.id };
  });
}

async function getSample(db: Executor, sampleId: string): Promise<QaSample> {
  const s = await db
    .selectFrom("qa_samples")
    .selectAll()
    .where("id", "=", sampleId)
    .executeTakeFirst();
  if (!s) throw new NotFoundError("QA sample", sampleId);
  const items = await db
    .selectFrom("qa_sample_items")
    .select(["case_id", "stage_sequence"])
    .where("sample_id", "=", sampleId)
    .orderBy("case_id")
    .orderBy("stage_sequence")
    .execute();
  return {
    id: s.id,
    councilId: s.council_id,
    serviceId: s.service_id,
    month: s.month.slice(0, 7),
    share: Number(s.share),
    seed: s.seed,
    population: s.population,
    drawnBy: s.drawn_by,
    items: items.map((i) => ({ caseId: i.case_id, stageSequence: i.stage_sequence })),
  };
}

export interface QaReviewContext {
  caseId: string;
  reference: string;
  stageSequence: number;
  stageId: string;
  regimeId: string | null;
  /** The case's service (the profile's id, `services.code`) and kind, whose resolved rules say what its letters must carry. */
  serviceId: string | null;
  caseKind: string;
  handlerId: string | null;
  requestedOn: string;
  acknowledgedOn: string | null;
  ackDue: string | null;
  respondedOn: string | null;
  respondDue: string | null;
  extensions: number;
  extensionsWithOmbudsmanDetails: boolean;
  /** Letters issued on the case, oldest first, with the model each was rendered from. */
  letters: Array<{ kind: string; issuedAt: Date; model: unknown }>;
}

/** What a reviewer scores: the stage's dates and due dates, and the letters sent. */
async function reviewContext(
  db: Executor,
  caseId: string,
  stageSequence: number,
): Promise<QaReviewContext> {
  const f = await db
    .selectFrom("report_stage_facts as f")
    .innerJoin("cases as c", "c.id", "f.case_id")
    .leftJoin("services as sv", "sv.id", "f.service_id")
    .leftJoin("stage_instances as s", (j) =>
      j.onRef("s.case_id", "=", "f.case_id").onRef("s.sequence", "=", "f.sequence"),
    )
    .select([
      "f.case_id",
      "c.reference",
      "f.sequence",
      "f.stage_id",
      "f.regime_id",
      "f.case_kind",
      "sv.code as service_code",
      "s.handler_staff_id",
      "f.requested_on",
      "f.acknowledged_on",
      "f.ack_due",
      "f.responded_on",
      "f.respond_due",
      "f.extensions",
      "f.extensions_with_ombudsman_details",
    ])
    .where("f.case_id", "=", caseId)
    .where("f.sequence", "=", stageSequence)
    .executeTakeFirst();
  if (!f) throw new NotFoundError("stage", `${caseId}#${stageSequence}`);
  const letters = await db
    .selectFrom("letters")
    .select(["kind", "issued_at", "model"])
    .where("case_id", "=", caseId)
    .orderBy("issued_at")
    .execute();
  return {
    caseId: f.case_id,
    reference: f.reference,
    stageSequence: f.sequence,
    stageId: f.stage_id,
    regimeId: f.regime_id,
    serviceId: f.service_code,
    caseKind: f.case_kind,
    handlerId: f.handler_staff_id,
    requestedOn: f.requested_on,
    acknowledgedOn: f.acknowledged_on,
    ackDue: f.ack_due,
    respondedOn: f.responded_on,
    respondDue: f.respond_due,
    extensions: f.extensions,
    extensionsWithOmbudsmanDetails: f.extensions_with_ombudsman_details,
    letters: letters.map((l) => ({ kind: l.kind, issuedAt: l.issued_at, model: l.model })),
  };
}

export interface QaReviewInput {
  sampleId: string;
  caseId: string;
  stageSequence: number;
  reviewerId: string;
  reviewedOn: string;
  handlerId: string | null;
  rubricVersion: string;
  answers: Array<{ criterion: string; answer: QaAnswer; weight: number; note?: string }>;
  score: number;
  maxScore: number;
}

/** The council of a sample, review or finding a new row hangs off, or NotFoundError. */
async function councilOf(trx: Transaction<DB>, table: "qa_samples" | "qa_reviews" | "qa_findings", id: string, what: string): Promise<string> {
  const row = await trx.selectFrom(table).select("council_id").where("id", "=", id).executeTakeFirst();
  if (!row) throw new NotFoundError(what, id);
  return row.council_id;
}

async function saveReview(db: Executor, input: QaReviewInput): Promise<{ id: string }> {
  checkDate(input.reviewedOn, "the review date");
  return inTransaction(db, async (trx) => {
    const councilId = await councilOf(trx, "qa_samples", input.sampleId, "QA sample");
    return trx
      .insertInto("qa_reviews")
      .values({
        council_id: councilId,
        sample_id: input.sampleId,
        case_id: input.caseId,
        stage_sequence: input.stageSequence,
        reviewer_id: input.reviewerId,
        reviewed_on: input.reviewedOn,
        handler_id: input.handlerId,
        rubric_version: input.rubricVersion,
        answers: toJson(input.answers),
        score: input.score,
        max_score: input.maxScore,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
  });
}

async function addFinding(
  db: Executor,
  input: { reviewId: string; criterion: string | null; finding: string; risk: QaRisk },
): Promise<{ id: string }> {
  return inTransaction(db, async (trx) => {
    const councilId = await councilOf(trx, "qa_reviews", input.reviewId, "QA review");
    return trx
      .insertInto("qa_findings")
      .values({
        council_id: councilId,
        review_id: input.reviewId,
        criterion: input.criterion,
        finding: input.finding,
        risk: input.risk,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
  });
}

/** Records that a finding went to the handler and/or the Head of Service. */
async function markFindingSent(
  db: Executor,
  findingId: string,
  sent: { toHandlerOn?: string; toHeadOfServiceOn?: string },
): Promise<void> {
  if (sent.toHandlerOn) checkDate(sent.toHandlerOn, "the date sent to the handler");
  if (sent.toHeadOfServiceOn)
    checkDate(sent.toHeadOfServiceOn, "the date sent to the Head of Service");
  const result = await db
    .updateTable("qa_findings")
    .set({
      ...(sent.toHandlerOn ? { sent_to_handler_on: sent.toHandlerOn } : {}),
      ...(sent.toHeadOfServiceOn ? { sent_to_head_of_service_on: sent.toHeadOfServiceOn } : {}),
    })
    .where("id", "=", findingId)
    .executeTakeFirst();
  if (result.numUpdatedRows === 0n) throw new NotFoundError("QA finding", findingId);
}

async function addRemedialAction(
  db: Executor,
  input: { findingId: string; description: string; ownerId: string; dueOn: string },
): Promise<{ id: string }> {
  checkDate(input.dueOn, "the remedial action's due date");
  return inTransaction(db, async (trx) => {
    const councilId = await councilOf(trx, "qa_findings", input.findingId, "QA finding");
    return trx
      .insertInto("qa_remedial_actions")
      .values({
        council_id: councilId,
        finding_id: input.findingId,
        description: input.description,
        owner_id: input.ownerId,
        due_on: input.dueOn,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
  });
}

async function completeRemedialAction(db: Executor, actionId: string, on: string): Promise<void> {
  checkDate(on, "the completion date");
  const result = await db
    .updateTable("qa_remedial_actions")
    .set({ completed_on: on })
    .where("id", "=", actionId)
    .executeTakeFirst();
  if (result.numUpdatedRows === 0n) throw new NotFoundError("remedial action", actionId);
}

/** The check, a month after the due date, that the risk area improved (Southwark). */
async function recordImprovementCheck(
  db: Executor,
  actionId: string,
  on: string,
  improved: boolean,
): Promise<void> {
  checkDate(on, "the date of the check");
  const result = await db
    .updateTable("qa_remedial_actions")
    .set({ improvement_checked_on: on, improved })
    .where("id", "=", actionId)
    .executeTakeFirst();
  if (result.numUpdatedRows === 0n) throw new NotFoundError("remedial action", actionId);
}

export interface QaScoreRow {
  serviceId: string;
  /** "YYYY-MM" of the sample. */
  month: string;
  population: number;
  sampled: number;
  reviewed: number;
  score: number;
  maxScore: number;
  findingsHigh: number;
  findingsMedium: number;
  findingsLow: number;
  remedialActions: number;
  remedialActionsOverdue: number;
  remedialActionsDone: number;
}

/** Scores over time: per service and month, how much was sampled and reviewed and how it scored. */
async function scoresOverTime(
  db: Executor,
  input: {
    councilId: string;
    period: ReportPeriod;
    asOf: string;
    /** Only these services (default: all; an empty list: none). */
    serviceIds?: readonly string[] | null;
  },
): Promise<QaScoreRow[]> {
  const period = checkPeriod(input.period, "the period");
  checkDate(input.asOf, "asOf");
  if (input.serviceIds && input.serviceIds.length === 0) return [];
  const only = input.serviceIds ? sql`AND s.service_id IN ${inList(input.serviceIds)}` : sql``;
  const { rows } = await sql<QaScoreRow>`
    SELECT s.service_id AS "serviceId", to_char(s.month, 'YYYY-MM') AS month, s.population,
      (SELECT count(*) FROM qa_sample_items i WHERE i.sample_id = s.id)::integer AS sampled,
      count(r.id)::integer AS reviewed,
      coalesce(sum(r.score), 0)::integer AS score,
      coalesce(sum(r.max_score), 0)::integer AS "maxScore",
      coalesce(sum(fx.high), 0)::integer AS "findingsHigh",
      coalesce(sum(fx.medium), 0)::integer AS "findingsMedium",
      coalesce(sum(fx.low), 0)::integer AS "findingsLow",
      coalesce(sum(fx.actions), 0)::integer AS "remedialActions",
      coalesce(sum(fx.overdue), 0)::integer AS "remedialActionsOverdue",
      coalesce(sum(fx.done), 0)::integer AS "remedialActionsDone"
    FROM qa_samples s
    LEFT JOIN qa_reviews r ON r.sample_id = s.id
    LEFT JOIN LATERAL (
      SELECT count(DISTINCT f.id) FILTER (WHERE f.risk = 'high') AS high,
        count(DISTINCT f.id) FILTER (WHERE f.risk = 'medium') AS medium,
        count(DISTINCT f.id) FILTER (WHERE f.risk = 'low') AS low,
        count(a.id) AS actions,
        count(a.id) FILTER (WHERE a.completed_on IS NULL AND a.due_on < ${input.asOf}::date) AS overdue,
        count(a.completed_on) AS done
      FROM qa_findings f LEFT JOIN qa_remedial_actions a ON a.finding_id = f.id
      WHERE f.review_id = r.id
    ) fx ON true
    WHERE s.council_id = ${input.councilId} AND s.month BETWEEN ${period.from}::date AND ${period.to}::date ${only}
    GROUP BY s.id, s.service_id, s.month, s.population
    ORDER BY 1, 2`.execute(db);
  return rows;
}

export interface QaSampleSummary {
  id: string;
  serviceId: string;
  directorateId: string | null;
  month: string;
  share: number;
  population: number;
  sampled: number;
  reviewed: number;
  score: number;
  maxScore: number;
  drawnAt: Date;
  drawnBy: string;
}

/** Samples drawn, newest month first, with how far their review has got. */
async function listSamples(
  db: Executor,
  input: { councilId: string; serviceIds?: readonly string[] | null; limit?: number },
): Promise<QaSampleSummary[]> {
  if (input.serviceIds && input.serviceIds.length === 0) return [];
  const only = input.serviceIds ? sql`AND s.service_id IN ${inList(input.serviceIds)}` : sql``;
  const { rows } = await sql<Omit<QaSampleSummary, "share"> & { share: string }>`
    SELECT s.id, s.service_id AS "serviceId", v.directorate_id AS "directorateId",
      to_char(s.month, 'YYYY-MM') AS month, s.share, s.population,
      (SELECT count(*) FROM qa_sample_items i WHERE i.sample_id = s.id)::integer AS sampled,
      (SELECT count(*) FROM qa_reviews r WHERE r.sample_id = s.id)::integer AS reviewed,
      (SELECT coalesce(sum(r.score), 0) FROM qa_reviews r WHERE r.sample_id = s.id)::integer AS score,
      (SELECT coalesce(sum(r.max_score), 0) FROM qa_reviews r WHERE r.sample_id = s.id)::integer AS "maxScore",
      s.drawn_at AS "drawnAt", s.drawn_by AS "drawnBy"
    FROM qa_samples s
    LEFT JOIN services v ON v.id = s.service_id
    WHERE s.council_id = ${input.councilId} ${only}
    ORDER BY s.month DESC, s.drawn_at DESC
    LIMIT ${Math.max(1, Math.min(input.limit ?? 200, 1000))}`.execute(db);
  return rows.map((r) => ({ ...r, share: Number(r.share) }));
}

export interface QaSampleItem {
  caseId: string;
  reference: string;
  stageSequence: number;
  stageId: string | null;
  respondedOn: string | null;
  handlerId: string | null;
  review: {
    id: string;
    reviewedOn: string;
    score: number;
    maxScore: number;
    reviewerId: string;
  } | null;
}

/** The responses in a sample, each with its review once done. */
async function sampleItems(db: Executor, sampleId: string): Promise<QaSampleItem[]> {
  const { rows } = await sql<QaSampleItem>`
    SELECT i.case_id AS "caseId", c.reference, i.stage_sequence AS "stageSequence",
      f.stage_id AS "stageId", f.responded_on AS "respondedOn", st.handler_staff_id AS "handlerId",
      (SELECT jsonb_build_object('id', r.id, 'reviewedOn', r.reviewed_on, 'score', r.score,
          'maxScore', r.max_score, 'reviewerId', r.reviewer_id)
        FROM qa_reviews r WHERE r.sample_id = i.sample_id AND r.case_id = i.case_id
          AND r.stage_sequence = i.stage_sequence ORDER BY r.reviewed_on DESC, r.id LIMIT 1) AS review
    FROM qa_sample_items i
    JOIN cases c ON c.id = i.case_id
    LEFT JOIN report_stage_facts f ON f.case_id = i.case_id AND f.sequence = i.stage_sequence
    LEFT JOIN stage_instances st ON st.case_id = i.case_id AND st.sequence = i.stage_sequence
    WHERE i.sample_id = ${sampleId}
    ORDER BY c.reference, i.stage_sequence`.execute(db);
  return rows;
}

export interface QaReviewRecord {
  id: string;
  councilId: string;
  sampleId: string;
  serviceId: string;
  caseId: string;
  reference: string;
  stageSequence: number;
  reviewerId: string;
  reviewedOn: string;
  handlerId: string | null;
  rubricVersion: string;
  answers: Array<{ criterion: string; answer: QaAnswer; weight: number; note?: string }>;
  score: number;
  maxScore: number;
  findings: Array<{
    id: string;
    criterion: string | null;
    finding: string;
    risk: QaRisk;
    sentToHandlerOn: string | null;
    sentToHeadOfServiceOn: string | null;
    remedialActions: Array<{
      id: string;
      description: string;
      ownerId: string;
      dueOn: string;
      completedOn: string | null;
      improvementCheckedOn: string | null;
      improved: boolean | null;
    }>;
  }>;
}

async function getReview(db: Executor, reviewId: string): Promise<QaReviewRecord> {
  const { rows } = await sql<QaReviewRecord>`
    SELECT r.id, r.council_id AS "councilId", r.sample_id AS "sampleId", s.service_id AS "serviceId",
      r.case_id AS "caseId", c.reference, r.stage_sequence AS "stageSequence", r.reviewer_id AS "reviewerId",
      r.reviewed_on AS "reviewedOn", r.handler_id AS "handlerId", r.rubric_version AS "rubricVersion",
      r.answers, r.score, r.max_score AS "maxScore",
      coalesce((SELECT jsonb_agg(jsonb_build_object('id', f.id, 'criterion', f.criterion, 'finding', f.finding,
          'risk', f.risk, 'sentToHandlerOn', f.sent_to_handler_on,
          'sentToHeadOfServiceOn', f.sent_to_head_of_service_on,
          'remedialActions', coalesce((SELECT jsonb_agg(jsonb_build_object('id', a.id,
              'description', a.description, 'ownerId', a.owner_id, 'dueOn', a.due_on,
              'completedOn', a.completed_on, 'improvementCheckedOn', a.improvement_checked_on,
              'improved', a.improved) ORDER BY a.due_on, a.id)
            FROM qa_remedial_actions a WHERE a.finding_id = f.id), '[]'::jsonb))
          ORDER BY CASE f.risk WHEN 'high' THEN 0 WHEN 'medium' THEN 1 ELSE 2 END, f.id)
        FROM qa_findings f WHERE f.review_id = r.id), '[]'::jsonb) AS findings
    FROM qa_reviews r
    JOIN qa_samples s ON s.id = r.sample_id
    JOIN cases c ON c.id = r.case_id
    WHERE r.id = ${reviewId}`.execute(db);
  const review = rows[0];
  if (!review) throw new NotFoundError("QA review", reviewId);
  return review;
}

/** Which review a finding, or a remedial action, belongs to (for access checks and notices). */
async function reviewOf(
  db: Executor,
  ref: { findingId: string } | { remedialActionId: string },
): Promise<string> {
  const row =
    "findingId" in ref
      ? await db
          .selectFrom("qa_findings")
          .select("review_id")
          .where("id", "=", ref.findingId)
          .executeTakeFirst()
      : await db
          .selectFrom("qa_remedial_actions as a")
          .innerJoin("qa_findings as f", "f.id", "a.finding_id")
          .select("f.review_id")
          .where("a.id", "=", ref.remedialActionId)
          .executeTakeFirst();
  if (!row)
    throw new NotFoundError(
      "findingId" in ref ? "QA finding" : "remedial action",
      "findingId" in ref ? ref.findingId : ref.remedialActionId,
    );
  return row.review_id;
}

export interface QaRemedialActionRow {
  id: string;
  reviewId: string;
  sampleId: string;
  serviceId: string;
  reference: string;
  finding: string;
  risk: QaRisk;
  description: string;
  ownerId: string;
  dueOn: string;
  completedOn: string | null;
  improvementCheckedOn: string | null;
  improved: boolean | null;
  overdue: boolean;
}

/** Remedial actions from quality checks, overdue first, then by due date. */
async function listRemedialActions(
  db: Executor,
  input: {
    councilId: string;
    asOf: string;
    serviceIds?: readonly string[] | null;
    openOnly?: boolean;
    limit?: number;
  },
): Promise<QaRemedialActionRow[]> {
  checkDate(input.asOf, "asOf");
  if (input.serviceIds && input.serviceIds.length === 0) return [];
  const only = input.serviceIds ? sql`AND s.service_id IN ${inList(input.serviceIds)}` : sql``;
  const { rows } = await sql<QaRemedialActionRow>`
    SELECT a.id, r.id AS "reviewId", s.id AS "sampleId", s.service_id AS "serviceId", c.reference,
      f.finding, f.risk, a.description, a.owner_id AS "ownerId", a.due_on AS "dueOn",
      a.completed_on AS "completedOn", a.improvement_checked_on AS "improvementCheckedOn", a.improved,
      (a.completed_on IS NULL AND a.due_on < ${input.asOf}::date) AS overdue
    FROM qa_remedial_actions a
    JOIN qa_findings f ON f.id = a.finding_id
    JOIN qa_reviews r ON r.id = f.review_id
    JOIN qa_samples s ON s.id = r.sample_id
    JOIN cases c ON c.id = r.case_id
    WHERE a.council_id = ${input.councilId} ${only}
      ${input.openOnly ? sql`AND a.completed_on IS NULL` : sql``}
    ORDER BY (a.completed_on IS NULL AND a.due_on < ${input.asOf}::date) DESC, a.completed_on IS NOT NULL,
      a.due_on, a.id
    LIMIT ${Math.max(1, Math.min(input.limit ?? 500, 2000))}`.execute(db);
  return rows;
}

export const qualityRepository = Object.freeze({
  population,
  saveSample,
  getSample,
  reviewContext,
  saveReview,
  addFinding,
  markFindingSent,
  addRemedialAction,
  completeRemedialAction,
  recordImprovementCheck,
  scoresOverTime,
  listSamples,
  sampleItems,
  getReview,
  reviewOf,
  listRemedialActions,
});
