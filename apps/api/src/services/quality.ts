/**
 * Quality assurance of complaint handling (issue 7; seed 002 §8: "we quality check 50% of all
 * written responses each month"; seed 003 "Complaints Handling Audit and Quality Checks": a
 * monthly sample, audit findings to the service, remedial actions with due dates, and a check a
 * month later that things improved).
 *
 * - samples: a seeded random draw of a configurable share of a service's written responses for
 *   a month (@complaints/reports `drawQaSample`), kept with what was drawn;
 * - reviews: the rubric built from the letters' required-content lists and timeliness, scored,
 *   stored with every answer, and any findings in the same transaction;
 * - findings go to the case's handler and the directorate's Head of Service as notifications;
 * - remedial actions with owners and due dates, done, and checked for improvement;
 * - scores over time per service and month.
 *
 * Who: QA_REVIEWERS draw, review and record; QA_READERS read (Heads of Service and Directors:
 * their directorates' services only); a remedial action's owner may record it done.
 */
import { todayIn, type CaseKind } from "@complaints/core";
import {
  inTransaction,
  qualityRepository,
  sweepRepository,
  caseRepository,
  type NewNotification,
  type QaRisk,
  type Executor,
  type QaReviewContext,
} from "@complaints/db";
import {
  buildQaRubric,
  chartTable,
  drawQaSample,
  qaScoresChart,
  qaScoresReport,
  qaScoresTable,
  recordQaReview,
  renderChartSvg,
  tablesToCsv,
  type QaAnswers,
  type QaRules,
} from "@complaints/reports";
import type { Context } from "../context.js";
import type { CouncilRuntime } from "../councils.js";
import { badInput, noAccess, notFound, unprocessable } from "../errors.js";
import { directoratesWith, hasRole, rolesIn, type StaffPrincipal } from "../access/principal.js";
import { QA_READERS, QA_REVIEWERS } from "../access/policy.js";
import { checkReportPeriod, type PeriodInput } from "./reports.js";
import { requireOwner } from "./improvement.js";

interface QaScope {
  runtime: CouncilRuntime;
  /** Service row ids the caller may read audits of, or null for every service. */
  serviceIds: string[] | null;
  reviewer: boolean;
}

async function qaScope(ctx: Context, staff: StaffPrincipal): Promise<QaScope> {
  if (!hasRole(staff, QA_READERS)) throw noAccess("Your role cannot read quality checks");
  const runtime = await ctx.deps.councils.get(staff.councilId);
  const directorates = directoratesWith(staff, QA_READERS);
  const serviceIds =
    directorates === "all"
      ? null
      : [...runtime.serviceIdByCode.entries()].filter(([code]) => directorates.includes(runtime.directorateIdByCode.get(runtime.directorateOfService.get(code) ?? "") ?? "")).map(([, id]) => id);
  return { runtime, serviceIds, reviewer: hasRole(staff, QA_REVIEWERS) };
}

function requireReviewer(scope: QaScope): void {
  if (!scope.reviewer) throw noAccess("Only quality assurance officers and the complaints manager carry out quality checks");
}

function serviceView(runtime: CouncilRuntime, serviceId: string) {
  const code = runtime.serviceCodeById.get(serviceId) ?? null;
  return { id: serviceId, code, name: runtime.names.services.get(serviceId) ?? code ?? serviceId };
}

const monthOf = (date: string) => date.slice(0, 7);

export async function listSamples(ctx: Context, staff: StaffPrincipal, input: { limit: number }) {
  const scope = await qaScope(ctx, staff);
  const samples = await qualityRepository.listSamples(ctx.db, { councilId: staff.councilId, serviceIds: scope.serviceIds, limit: input.limit });
  const services = [...scope.runtime.serviceIdByCode.values()].filter((id) => scope.serviceIds === null || scope.serviceIds.includes(id)).map((id) => serviceView(scope.runtime, id));
  return {
    canReview: scope.reviewer,
    services,
    samples: samples.map((s) => ({ ...s, drawnAt: s.drawnAt.toISOString(), service: serviceView(scope.runtime, s.serviceId), percent: s.maxScore ? Math.round((100 * s.score) / s.maxScore) : null })),
  };
}

async function sampleInScope(ctx: Context, staff: StaffPrincipal, sampleId: string) {
  const scope = await qaScope(ctx, staff);
  const sample = await qualityRepository.getSample(ctx.db, sampleId);
  if (sample.councilId !== staff.councilId || (scope.serviceIds !== null && !scope.serviceIds.includes(sample.serviceId))) throw notFound("There is no such sample, or you cannot see it");
  return { scope, sample };
}

/** A month's sample of one service's written responses: `share` of them (Lewisham Homes: half). */
export async function drawSample(ctx: Context, staff: StaffPrincipal, input: { serviceCode: string; month: string; share: number; seed?: string | undefined }) {
  const scope = await qaScope(ctx, staff);
  requireReviewer(scope);
  const serviceId = scope.runtime.serviceIdByCode.get(input.serviceCode);
  if (!serviceId) throw badInput(`There is no service "${input.serviceCode}"`);
  if (input.month > monthOf(todayIn(ctx.clock))) throw badInput("Choose a month that has started: the sample is of responses already sent");
  const drawn = await drawQaSample(ctx.db, { councilId: staff.councilId, serviceId, month: input.month, share: input.share, drawnBy: staff.id, ...(input.seed ? { seed: input.seed } : {}) });
  return { sampleId: drawn.id, month: drawn.month, share: drawn.share, population: drawn.population, sampled: drawn.items.length, service: serviceView(scope.runtime, serviceId) };
}

export async function getSample(ctx: Context, staff: StaffPrincipal, sampleId: string) {
  const { scope, sample } = await sampleInScope(ctx, staff, sampleId);
  const items = await qualityRepository.sampleItems(ctx.db, sampleId);
  const names = await caseRepository.staffNames(ctx.db, staff.councilId, items.flatMap((i) => [i.handlerId ?? "", i.review?.reviewerId ?? ""]));
  return {
    id: sample.id,
    month: sample.month,
    share: sample.share,
    population: sample.population,
    seed: sample.seed,
    service: serviceView(scope.runtime, sample.serviceId),
    canReview: scope.reviewer,
    items: items.map((i) => ({
      ...i,
      handlerName: i.handlerId ? (names.get(i.handlerId) ?? null) : null,
      review: i.review ? { ...i.review, reviewerName: names.get(i.review.reviewerId) ?? null, percent: i.review.maxScore ? Math.round((100 * i.review.score) / i.review.maxScore) : null } : null,
    })),
  };
}

async function itemInSample(ctx: Context, staff: StaffPrincipal, input: { sampleId: string; caseId: string; stageSequence: number }) {
  const found = await sampleInScope(ctx, staff, input.sampleId);
  if (!found.sample.items.some((i) => i.caseId === input.caseId && i.stageSequence === input.stageSequence)) throw notFound("That response is not in the sample");
  return found;
}

/** The rules a reviewed case's letters are checked against: its service's and kind's (decision 0407). */
async function qaRulesFor(ctx: Context, staff: StaffPrincipal): Promise<(context: QaReviewContext) => QaRules> {
  const runtime = await ctx.deps.councils.get(staff.councilId);
  return (context) => {
    if (!context.serviceId) throw unprocessable("NOT_ALLOWED_NOW", `${context.reference} has no service, so there is no checklist for its letters`);
    return runtime.book.rulesFor(context.serviceId, context.caseKind as CaseKind);
  };
}

/** The checklist for one sampled response, with what the record already answers. */
export async function rubric(ctx: Context, staff: StaffPrincipal, input: { sampleId: string; caseId: string; stageSequence: number }) {
  const { scope } = await itemInSample(ctx, staff, input);
  requireReviewer(scope);
  const context = await qualityRepository.reviewContext(ctx.db, input.caseId, input.stageSequence);
  const built = buildQaRubric(context, (await qaRulesFor(ctx, staff))(context));
  const [reviewed] = (await qualityRepository.sampleItems(ctx.db, input.sampleId)).filter((i) => i.caseId === input.caseId && i.stageSequence === input.stageSequence);
  return {
    reference: context.reference,
    stageId: context.stageId,
    respondedOn: context.respondedOn,
    reviewId: reviewed?.review?.id ?? null,
    rubric: built,
  };
}

export interface FindingInput {
  criterion?: string | null | undefined;
  finding: string;
  risk: QaRisk;
}

/** Stores a finding and tells the case's handler and the directorate's Head of Service. */
async function recordFinding(ctx: Context, trx: Executor, staff: StaffPrincipal, reviewId: string, input: FindingInput): Promise<string> {
  const review = await qualityRepository.getReview(trx, reviewId);
  const { id } = await qualityRepository.addFinding(trx, { reviewId, criterion: input.criterion ?? null, finding: input.finding, risk: input.risk });
  const facts = (await caseRepository.accessFacts(trx, staff.councilId, [review.caseId])).get(review.caseId);
  const heads = await sweepRepository.staffWithRole(trx, staff.councilId, "head-of-service", facts?.directorateId ?? null);
  const today = todayIn(ctx.clock);
  const subject = `${review.reference}: quality check finding (${input.risk} risk)`;
  const text = `A quality check of ${review.reference} (stage ${review.stageSequence}) on ${review.reviewedOn} found: ${input.finding}${input.criterion ? `\n\nChecklist item: ${input.criterion}` : ""}\n\nRemedial actions, if any, will follow with due dates.`;
  const to = (staffId: string): NewNotification => ({ councilId: staff.councilId, caseId: review.caseId, kind: "qa-finding", recipient: { staffId }, payload: { subject, text, findingId: id }, dedupeKey: `qa-finding:${id}:${staffId}` });
  const recipients = [...new Set([...(review.handlerId ? [review.handlerId] : []), ...heads])];
  if (recipients.length) await ctx.deps.notifier.enqueue(trx, recipients.map(to));
  await qualityRepository.markFindingSent(trx, id, { ...(review.handlerId ? { toHandlerOn: today } : {}), ...(heads.length ? { toHeadOfServiceOn: today } : {}) });
  return id;
}

/**
 * Reviews a sampled response against its checklist: the reviewer's answers over the pre-answered
 * items, scored, stored with every answer; findings recorded and sent in the same transaction.
 */
export async function review(ctx: Context, staff: StaffPrincipal, input: { sampleId: string; caseId: string; stageSequence: number; answers: QaAnswers; findings?: FindingInput[] | undefined }) {
  const { scope } = await itemInSample(ctx, staff, input);
  requireReviewer(scope);
  const already = (await qualityRepository.sampleItems(ctx.db, input.sampleId)).find((i) => i.caseId === input.caseId && i.stageSequence === input.stageSequence)?.review;
  if (already) throw unprocessable("NOT_ALLOWED_NOW", `This response was reviewed on ${already.reviewedOn}; add findings to that review instead`);
  const rulesFor = await qaRulesFor(ctx, staff);
  return inTransaction(ctx.db, async (trx) => {
    const saved = await recordQaReview(trx, { sampleId: input.sampleId, caseId: input.caseId, stageSequence: input.stageSequence, reviewerId: staff.id, reviewedOn: todayIn(ctx.clock), answers: input.answers, rulesFor });
    const findingIds: string[] = [];
    for (const finding of input.findings ?? []) findingIds.push(await recordFinding(ctx, trx, staff, saved.id, finding));
    return { reviewId: saved.id, score: saved.score, maxScore: saved.maxScore, percent: saved.percent, findingIds };
  });
}

async function reviewInScope(ctx: Context, staff: StaffPrincipal, reviewId: string) {
  const scope = await qaScope(ctx, staff);
  const found = await qualityRepository.getReview(ctx.db, reviewId);
  if (found.councilId !== staff.councilId || (scope.serviceIds !== null && !scope.serviceIds.includes(found.serviceId))) throw notFound("There is no such review, or you cannot see it");
  return { scope, review: found };
}

export async function getReview(ctx: Context, staff: StaffPrincipal, reviewId: string) {
  const { scope, review: found } = await reviewInScope(ctx, staff, reviewId);
  const ids = [found.reviewerId, found.handlerId ?? "", ...found.findings.flatMap((f) => f.remedialActions.map((a) => a.ownerId))];
  const names = Object.fromEntries(await caseRepository.staffNames(ctx.db, staff.councilId, ids));
  const today = todayIn(ctx.clock);
  return {
    ...found,
    service: serviceView(scope.runtime, found.serviceId),
    percent: found.maxScore ? Math.round((100 * found.score) / found.maxScore) : null,
    names,
    canReview: scope.reviewer,
    findings: found.findings.map((f) => ({ ...f, remedialActions: f.remedialActions.map((a) => ({ ...a, overdue: !a.completedOn && a.dueOn < today, canComplete: !a.completedOn && (scope.reviewer || a.ownerId === staff.id || headOf(staff, scope, found.serviceId)) })) })),
  };
}

/** A Head of Service or Director of the service's directorate. */
function headOf(staff: StaffPrincipal, scope: QaScope, serviceId: string): boolean {
  const code = scope.runtime.serviceCodeById.get(serviceId);
  const directorateId = scope.runtime.directorateIdByCode.get(scope.runtime.directorateOfService.get(code ?? "") ?? "") ?? null;
  return rolesIn(staff, directorateId).some((r) => r === "head-of-service" || r === "director");
}

export async function addFinding(ctx: Context, staff: StaffPrincipal, input: FindingInput & { reviewId: string }) {
  const { scope } = await reviewInScope(ctx, staff, input.reviewId);
  requireReviewer(scope);
  const id = await inTransaction(ctx.db, (trx) => recordFinding(ctx, trx, staff, input.reviewId, input));
  return { findingId: id };
}

export async function addRemedialAction(ctx: Context, staff: StaffPrincipal, input: { findingId: string; description: string; ownerId: string; dueOn: string }) {
  const reviewId = await qualityRepository.reviewOf(ctx.db, { findingId: input.findingId });
  const { scope } = await reviewInScope(ctx, staff, reviewId);
  requireReviewer(scope);
  await requireOwner(ctx, staff, input.ownerId);
  if (input.dueOn < todayIn(ctx.clock)) throw badInput("The due date has already passed");
  const { id } = await qualityRepository.addRemedialAction(ctx.db, input);
  return { remedialActionId: id, reviewId };
}

export async function completeRemedialAction(ctx: Context, staff: StaffPrincipal, input: { remedialActionId: string; on?: string | undefined }) {
  const reviewId = await qualityRepository.reviewOf(ctx.db, { remedialActionId: input.remedialActionId });
  const { scope, review: found } = await reviewInScope(ctx, staff, reviewId);
  const action = found.findings.flatMap((f) => f.remedialActions).find((a) => a.id === input.remedialActionId)!;
  if (!(scope.reviewer || action.ownerId === staff.id || headOf(staff, scope, found.serviceId))) throw noAccess("Only the action's owner, quality assurance, the complaints manager or the Head of Service can record it done");
  if (action.completedOn) throw unprocessable("NOT_ALLOWED_NOW", `This remedial action was done on ${action.completedOn}`);
  const today = todayIn(ctx.clock);
  if (input.on && input.on > today) throw badInput("Record things when they have happened: the date is in the future");
  await qualityRepository.completeRemedialAction(ctx.db, input.remedialActionId, input.on ?? today);
  return { remedialActionId: input.remedialActionId, reviewId };
}

/** The check, a month after, that the risk area improved (Southwark). */
export async function checkImprovement(ctx: Context, staff: StaffPrincipal, input: { remedialActionId: string; improved: boolean }) {
  const reviewId = await qualityRepository.reviewOf(ctx.db, { remedialActionId: input.remedialActionId });
  const { scope } = await reviewInScope(ctx, staff, reviewId);
  requireReviewer(scope);
  await qualityRepository.recordImprovementCheck(ctx.db, input.remedialActionId, todayIn(ctx.clock), input.improved);
  return { remedialActionId: input.remedialActionId, reviewId };
}

export async function listRemedialActions(ctx: Context, staff: StaffPrincipal, input: { openOnly?: boolean | undefined; limit: number }) {
  const scope = await qaScope(ctx, staff);
  const rows = await qualityRepository.listRemedialActions(ctx.db, { councilId: staff.councilId, asOf: todayIn(ctx.clock), serviceIds: scope.serviceIds, limit: input.limit, ...(input.openOnly ? { openOnly: true } : {}) });
  const names = await caseRepository.staffNames(ctx.db, staff.councilId, rows.map((r) => r.ownerId));
  return rows.map((r) => ({ ...r, ownerName: names.get(r.ownerId) ?? null, service: serviceView(scope.runtime, r.serviceId) }));
}

/** Scores over time: per service and month, the share of checklist marks scored, with a chart. */
export async function scores(ctx: Context, staff: StaffPrincipal, input: PeriodInput) {
  const period = checkReportPeriod(input);
  const scope = await qaScope(ctx, staff);
  const report = await qaScoresReport(ctx.db, { councilId: staff.councilId, period, asOf: todayIn(ctx.clock), serviceIds: scope.serviceIds });
  const spec = qaScoresChart(report);
  return { report, tables: [qaScoresTable(report)], charts: [{ id: spec.id, title: spec.title, svg: renderChartSvg(spec), table: chartTable(spec) }] };
}

export async function scoresCsv(ctx: Context, staff: StaffPrincipal, input: PeriodInput): Promise<{ csv: string; fileName: string }> {
  const data = await scores(ctx, staff, input);
  return { csv: tablesToCsv(data.tables), fileName: `quality-checks-${data.report.period.from}-to-${data.report.period.to}.csv` };
}
