/**
 * Quality assurance of complaint handling (issue 7; Lewisham report §8 and 5.10: "Since July
 * 2009 we quality check 50% of all written responses each month"; Southwark "Complaints Handling
 * Audit and Quality Checks": a monthly sample, audit reports, remedial actions with due dates).
 *
 * - `drawQaSample`: a repeatable random draw of a configurable share of a service's written
 *   responses for a month (seeded, so anyone can draw it again and get the same cases).
 * - `buildQaRubric`: the checklist a reviewer scores, built from the letters package's
 *   required-content lists for the letters the stage sends and from timeliness; items that can
 *   be judged from the record (dates, stored letter models) come pre-answered.
 * - `scoreQaReview` / `recordQaReview`: the score, stored with every answer.
 * - `qaScoresReport`: scores over time per service, with the findings and remedial actions.
 */
import { DomainError } from "@complaints/core";
import {
  organisationRepository,
  qualityRepository,
  checkPeriod,
  ReportInputError,
  type Executor,
  type QaAnswer,
  type QaCandidate,
  type QaReviewContext,
  type QaSample,
  type QaScoreRow,
  type ReportPeriod,
} from "@complaints/db";
import { LETTER_KIND_NAMES, type LetterKind, type ResolvedRules } from "@complaints/core";
import {
  checkPlainEnglish,
  checkRequiredContent,
  requiredContent,
  type ContentCheckOptions,
  type LetterModel,
} from "@complaints/letters";
import type { ChartSpec } from "./charts.js";
import { percent, periodWords } from "./numbers.js";
import { drawWithoutReplacement, seededRandom } from "./random.js";
import type { ReportTable } from "./table.js";

export const QA_RUBRIC_VERSION = "qa-rubric/1";

/** What a rubric reads from the case's resolved rules: its letters' checklists and its stages' letters (decision 0407). */
export type QaRules = Pick<ResolvedRules, "letters" | "regime">;

export interface DrawQaSampleInput {
  councilId: string;
  serviceId: string;
  /** "YYYY-MM": responses sent in this month on cases now closed. */
  month: string;
  /** The share to check, more than 0 and at most 1 (Lewisham Homes: 0.5). */
  share: number;
  /** Default: council, service and month, so the same month always draws the same sample. */
  seed?: string;
  drawnBy: string;
}

/**
 * Draws and stores a month's sample: ⌈share × population⌉ responses (at least one when there are
 * any), chosen by a seeded shuffle of the population in a fixed order. Drawing the same service
 * and month twice is refused (QaSampleExistsError).
 */
export async function drawQaSample(
  db: Executor,
  input: DrawQaSampleInput,
): Promise<QaSample & { drawn: QaCandidate[] }> {
  if (!(input.share > 0 && input.share <= 1))
    throw new ReportInputError("the share sampled is more than 0 and at most 1");
  const population = await qualityRepository.population(db, input);
  const seed = input.seed ?? `${input.councilId}:${input.serviceId}:${input.month}`;
  const size =
    population.length === 0 ? 0 : Math.max(1, Math.ceil(input.share * population.length - 1e-9));
  const drawn = drawWithoutReplacement(population, size, seededRandom(seed)).sort(
    (a, b) => a.reference.localeCompare(b.reference) || a.stageSequence - b.stageSequence,
  );
  const sample = await qualityRepository.saveSample(db, {
    councilId: input.councilId,
    serviceId: input.serviceId,
    month: input.month,
    share: input.share,
    seed,
    population: population.length,
    drawnBy: input.drawnBy,
    items: drawn.map((d) => ({ caseId: d.caseId, stageSequence: d.stageSequence })),
  });
  return { ...sample, drawn };
}

export interface QaCriterion {
  id: string;
  group: "content" | "timeliness" | "quality";
  description: string;
  source: string;
  weight: number;
  /** Judged from the record; the reviewer may still override it with a note. */
  auto?: { answer: QaAnswer; because: string };
}

export interface QaRubric {
  version: string;
  caseId: string;
  stageSequence: number;
  /** The regime the checklist comes from. */
  regimeId: string;
  letters: { acknowledgement: LetterKind | null; response: LetterKind };
  criteria: QaCriterion[];
}

export interface QaRubricOptions {
  /** The stage's letters (default: from the stage: Stage 1 acknowledgement and response…). */
  acknowledgementLetter?: LetterKind | null;
  responseLetter?: LetterKind;
  /** Items from the council's own procedure (letters package `ContentCheckOptions`). */
  councilRequirements?: ContentCheckOptions["councilRequirements"];
}

function defaultLetters(
  stageId: string,
  rules: QaRules,
): { acknowledgement: LetterKind | null; response: LetterKind } {
  const stage = rules.regime.stages.find((s) => s.id === stageId);
  if (stage) return { acknowledgement: stage.acknowledgementLetter, response: stage.responseLetter };
  return { acknowledgement: "acknowledgement", response: "stage-1-response" };
}

const TIMELINESS =
  "Complaint handling code 6.2–6.5 and the council's timescales: acknowledged and answered by their due dates";
const SOUTHWARK_AUDIT =
  "Southwark procedure, Complaints Handling Audit: cases are handled in accordance with the Complaint Handling Procedure";

function latestModel(context: QaReviewContext, kind: LetterKind | null): LetterModel | null {
  if (!kind) return null;
  const letter = [...context.letters].reverse().find((l) => l.kind === kind && l.model);
  return (letter?.model as LetterModel | undefined) ?? null;
}

/** The checklist for one sampled written response. */
export function buildQaRubric(
  context: QaReviewContext,
  rules: QaRules,
  options: QaRubricOptions = {},
): QaRubric {
  const defaults = defaultLetters(context.stageId, rules);
  const letters = {
    acknowledgement:
      options.acknowledgementLetter === undefined
        ? defaults.acknowledgement
        : options.acknowledgementLetter,
    response: options.responseLetter ?? defaults.response,
  };
  const criteria: QaCriterion[] = [];

  for (const kind of [letters.acknowledgement, letters.response]) {
    if (!kind) continue;
    const checklist = [
      ...(requiredContent(kind, rules, context.stageId) ?? []),
      ...(options.councilRequirements?.[kind] ?? []),
    ];
    if (checklist.length === 0) continue;
    const model = latestModel(context, kind);
    const missing = model
      ? new Set(
          checkRequiredContent(model, rules, {
            stageId: context.stageId,
            ...(options.councilRequirements
              ? { councilRequirements: options.councilRequirements }
              : {}),
          }).map((m) => m.element),
        )
      : null;
    for (const requirement of checklist) {
      criteria.push({
        id: `content:${kind}:${requirement.element}`,
        group: "content",
        description: `The ${LETTER_KIND_NAMES[kind]} gives ${requirement.description}`,
        source: requirement.source,
        weight: 1,
        ...(missing
          ? {
              auto: missing.has(requirement.element)
                ? {
                    answer: "not-met" as const,
                    because: "the letter as issued does not contain it",
                  }
                : { answer: "met" as const, because: "the letter as issued contains it" },
            }
          : {}),
      });
    }
  }

  if (context.ackDue) {
    const met = context.acknowledgedOn !== null && context.acknowledgedOn <= context.ackDue;
    criteria.push({
      id: "timeliness:acknowledged",
      group: "timeliness",
      description: "Acknowledged by its due date",
      source: TIMELINESS,
      weight: 2,
      auto: {
        answer: met ? "met" : "not-met",
        because: context.acknowledgedOn
          ? `acknowledged ${context.acknowledgedOn}, due ${context.ackDue}`
          : `not acknowledged, due ${context.ackDue}`,
      },
    });
  }
  if (context.respondDue) {
    const met = context.respondedOn !== null && context.respondedOn <= context.respondDue;
    criteria.push({
      id: "timeliness:responded",
      group: "timeliness",
      description: "Answered by its due date (extensions agreed under the rules included)",
      source: TIMELINESS,
      weight: 2,
      auto: {
        answer: met ? "met" : "not-met",
        because: context.respondedOn
          ? `answered ${context.respondedOn}, due ${context.respondDue}`
          : `not answered, due ${context.respondDue}`,
      },
    });
  }
  if (context.extensions > 0) {
    criteria.push({
      id: "timeliness:extension-explained",
      group: "timeliness",
      description: "Each extension was explained to the customer with the Ombudsman's details",
      source: "Complaint handling code 6.4–6.5",
      weight: 1,
      auto: {
        answer: context.extensionsWithOmbudsmanDetails ? "met" : "not-met",
        because: `${context.extensions} extension(s) recorded`,
      },
    });
  }

  const response = latestModel(context, letters.response);
  const warnings = response ? checkPlainEnglish(response) : null;
  criteria.push({
    id: "quality:plain-english",
    group: "quality",
    description: "The response is in plain English, free of jargon",
    source:
      "Lancaster task group: plain English; Lewisham 5.5: responses should not contain unnecessary jargon",
    weight: 1,
    ...(warnings
      ? {
          auto: warnings.length
            ? {
                answer: "not-met" as const,
                because: `${warnings.length} plain-English warning(s) on the letter as issued`,
              }
            : {
                answer: "met" as const,
                because: "no plain-English warnings on the letter as issued",
              },
        }
      : {}),
  });
  criteria.push(
    {
      id: "quality:every-point-answered",
      group: "quality",
      description: "The response deals with every point of the complaint as it was defined",
      source: SOUTHWARK_AUDIT,
      weight: 2,
    },
    {
      id: "quality:remedy-proportionate",
      group: "quality",
      description:
        "Where something went wrong, the apology and remedy fit the fault and its effect",
      source: "LGSCO guidance on remedies: apology, action, then money, plus service improvements",
      weight: 1,
    },
  );

  return {
    version: QA_RUBRIC_VERSION,
    caseId: context.caseId,
    stageSequence: context.stageSequence,
    regimeId: rules.regime.id,
    letters,
    criteria,
  };
}

export type QaAnswers = Readonly<Record<string, { answer: QaAnswer; note?: string }>>;

export class QaReviewIncompleteError extends DomainError {
  override readonly name = "QaReviewIncompleteError";
  constructor(readonly unanswered: readonly string[]) {
    super("INVALID_INPUT", `Answer every item of the checklist: still to answer ${unanswered.join(", ")}`);
  }
}

export interface QaScore {
  answers: Array<{ criterion: string; answer: QaAnswer; weight: number; note?: string }>;
  score: number;
  /** The weights of the items that apply (not "not-applicable"). */
  maxScore: number;
  percent: number | null;
}

/**
 * Scores a review: each item that applies counts its weight when met. The reviewer's answers
 * override the pre-answered items; an item with neither is an error (no half-scored reviews).
 */
export function scoreQaReview(rubric: QaRubric, answers: QaAnswers = {}): QaScore {
  const known = new Set(rubric.criteria.map((c) => c.id));
  const strays = Object.keys(answers).filter((k) => !known.has(k));
  if (strays.length) throw new ReportInputError(`not on this checklist: ${strays.join(", ")}`);
  const unanswered = rubric.criteria.filter((c) => !answers[c.id] && !c.auto).map((c) => c.id);
  if (unanswered.length) throw new QaReviewIncompleteError(unanswered);
  let score = 0;
  let maxScore = 0;
  const recorded = rubric.criteria.map((c) => {
    const given = answers[c.id];
    const answer = given?.answer ?? c.auto!.answer;
    if (answer !== "not-applicable") maxScore += c.weight;
    if (answer === "met") score += c.weight;
    const note = given?.note ?? (given ? undefined : c.auto?.because);
    return { criterion: c.id, answer, weight: c.weight, ...(note ? { note } : {}) };
  });
  return { answers: recorded, score, maxScore, percent: percent(score, maxScore) };
}

/** Builds the checklist for a sampled response, scores the reviewer's answers and stores the review. */
export async function recordQaReview(
  db: Executor,
  input: {
    sampleId: string;
    caseId: string;
    stageSequence: number;
    reviewerId: string;
    reviewedOn: string;
    answers?: QaAnswers;
    rubric?: QaRubricOptions;
    /** The resolved rules of the reviewed case's service and kind (the API's rule book). */
    rulesFor: (context: QaReviewContext) => QaRules;
  },
): Promise<{ id: string; rubric: QaRubric } & QaScore> {
  const sample = await qualityRepository.getSample(db, input.sampleId);
  if (
    !sample.items.some((i) => i.caseId === input.caseId && i.stageSequence === input.stageSequence)
  ) {
    throw new ReportInputError("that response is not in the sample");
  }
  const context = await qualityRepository.reviewContext(db, input.caseId, input.stageSequence);
  const rubric = buildQaRubric(context, input.rulesFor(context), input.rubric);
  const scored = scoreQaReview(rubric, input.answers);
  const saved = await qualityRepository.saveReview(db, {
    sampleId: input.sampleId,
    caseId: input.caseId,
    stageSequence: input.stageSequence,
    reviewerId: input.reviewerId,
    reviewedOn: input.reviewedOn,
    handlerId: context.handlerId,
    rubricVersion: `${rubric.version}:${rubric.regimeId}:${rubric.letters.acknowledgement ?? "-"}:${rubric.letters.response}`,
    answers: scored.answers,
    score: scored.score,
    maxScore: scored.maxScore,
  });
  return { id: saved.id, rubric, ...scored };
}

export interface QaScoresReport {
  period: ReportPeriod;
  rows: Array<QaScoreRow & { serviceName: string; percent: number | null }>;
}

/** Scores over time: per service and month, the share of available marks scored. */
export async function qaScoresReport(
  db: Executor,
  input: {
    councilId: string;
    period: ReportPeriod;
    asOf?: string;
    /** Only these services (default: all). */
    serviceIds?: readonly string[] | null;
  },
): Promise<QaScoresReport> {
  const period = checkPeriod(input.period, "the period");
  const [rows, services] = await Promise.all([
    qualityRepository.scoresOverTime(db, {
      councilId: input.councilId,
      period,
      asOf: input.asOf ?? period.to,
      ...(input.serviceIds ? { serviceIds: input.serviceIds } : {}),
    }),
    organisationRepository.listServices(db, input.councilId),
  ]);
  const names = new Map(services.map((s) => [s.id, s.name]));
  return {
    period,
    rows: rows.map((r) => ({
      ...r,
      serviceName: names.get(r.serviceId) ?? r.serviceId,
      percent: percent(r.score, r.maxScore),
    })),
  };
}

export function qaScoresTable(report: QaScoresReport): ReportTable {
  return {
    id: "qa-scores",
    title: `Quality checks, ${periodWords(report.period)}`,
    caption:
      "Written responses sampled each month per service, and the share of checklist marks they scored.",
    columns: [
      { key: "service", label: "Service" },
      { key: "month", label: "Month" },
      { key: "population", label: "Responses sent", numeric: true },
      { key: "sampled", label: "Sampled", numeric: true },
      { key: "reviewed", label: "Reviewed", numeric: true },
      { key: "percent", label: "Score %", numeric: true },
      { key: "high", label: "High-risk findings", numeric: true },
      { key: "actions", label: "Remedial actions", numeric: true },
      { key: "overdue", label: "Overdue", numeric: true },
    ],
    rows: report.rows.map((r) => ({
      service: r.serviceName,
      month: r.month,
      population: r.population,
      sampled: r.sampled,
      reviewed: r.reviewed,
      percent: r.percent,
      high: r.findingsHigh,
      actions: r.remedialActions,
      overdue: r.remedialActionsOverdue,
    })),
  };
}

/** Score % by month, one line per service. */
export function qaScoresChart(report: QaScoresReport): ChartSpec {
  const months = [...new Set(report.rows.map((r) => r.month))].sort();
  const services = [...new Set(report.rows.map((r) => r.serviceName))].sort();
  return {
    id: "qa-scores",
    kind: "line",
    title: "Quality check scores, month by month",
    description:
      "Share of checklist marks scored by the sampled written responses of each service.",
    categories: months,
    series: services.map((name) => ({
      name,
      values: months.map(
        (m) => report.rows.find((r) => r.serviceName === name && r.month === m)?.percent ?? null,
      ),
    })),
    unit: "%",
    categoryLabel: "Month",
  };
}
