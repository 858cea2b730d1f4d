/**
 * The satisfaction survey report (issue 15, "Satisfaction"; Leeds policy para 82; decision
 * 0516): answers of the surveys sent after cases closed, by service and stage, with the Tenant
 * Satisfaction Measures' percentage (very or fairly satisfied, of those who answered the
 * question: the way TP09, "satisfaction with the landlord's approach to complaints handling",
 * is published). The answers are stored apart from the case (@complaints/db
 * `satisfactionRepository`) and shown only here, under the equality report's disclosure rules
 * (decision 0710): at least three months, nothing for fewer than 10 answered surveys, groups of
 * fewer pooled, counts of 1 to 4 as "<5" with complementary suppression.
 */
import {
  SATISFACTION_QUESTIONS,
  SATISFACTION_QUESTION_LABELS,
  SATISFACTION_SCALE,
  SATISFACTION_SCALE_LABELS,
  SATISFIED_ANSWERS,
  type SatisfactionQuestion,
} from "@complaints/core";
import { satisfactionRepository, checkPeriod, ReportInputError, type Executor, type ReportPeriod } from "@complaints/db";
import { poolGroups } from "./equality.js";
import { percent, periodWords } from "./numbers.js";
import { EQUALITY_DISCLOSURE, SUPPRESSED, monthsOnFrom, suppressTable, type Shown } from "./suppression.js";
import type { ReportTable } from "./table.js";

/** The same rules as equality monitoring (decision 0710): the reader can open the cases that closed. */
export const SATISFACTION_DISCLOSURE = EQUALITY_DISCLOSURE;

const OTHER = "Other services and stages";
const ALL = "All services and stages";
const ANSWERS = [...SATISFACTION_SCALE, "not-answered"] as const;

export interface SatisfactionReport {
  period: ReportPeriod;
  /** Surveys answered (for cases closed in the period's months), or null when too few to show. */
  responses: number | null;
  /** Why nothing is shown, in plain words, when fewer than the minimum answered; else null. */
  withheld: string | null;
  /** A row per service and stage (small ones pooled), then the whole council. */
  groups: Array<{
    group: string;
    responses: number;
    /** Per question: the TSM percentage satisfied, of those who answered it; null when none did or it would show a hidden count. */
    satisfied: Record<SatisfactionQuestion, number | null>;
  }>;
  /** Per question: the answers by group, suppressed. */
  questions: Array<{
    question: SatisfactionQuestion;
    label: string;
    rows: Array<{ group: string; counts: Record<(typeof ANSWERS)[number], Shown> }>;
  }>;
  notes: string[];
}

export async function satisfactionReport(db: Executor, input: { councilId: string; period: ReportPeriod; minimumResponses?: number }): Promise<SatisfactionReport> {
  const period = checkPeriod(input.period, "the period");
  const shortest = monthsOnFrom(period.from, SATISFACTION_DISCLOSURE.minimumMonths);
  if (period.to < shortest)
    throw new ReportInputError(
      `Satisfaction is reported for at least ${SATISFACTION_DISCLOSURE.minimumMonths} months at a time, so that nobody's answers stand out: choose a period from ${period.from} to ${shortest} or later`,
    );
  const threshold = SATISFACTION_DISCLOSURE.threshold;
  const minimum = Math.max(input.minimumResponses ?? SATISFACTION_DISCLOSURE.minimumForms, threshold);
  const raw = await satisfactionRepository.rawCounts(db, { councilId: input.councilId, period });
  const notes = [
    'The percentage is the Tenant Satisfaction Measures\' way: "very" or "fairly satisfied", of the people who answered that question. The first question is the one TP09 asks, about this complaint.',
    "Surveys are counted by the month the case closed; a period counts every month it touches. Answers are kept apart from the case and never shown for a single person.",
    `Counts from 1 to ${threshold - 1} are shown as "<${threshold}"; where a hidden count could be worked out from another, the next smallest is hidden too. Nothing is shown for fewer than ${minimum} surveys, and services and stages with fewer are counted together as "${OTHER}". A percentage is left out ("–") where it would give a hidden count away.`,
  ];
  const keyOf = (r: { serviceId: string | null; stageId: string }) => `${r.serviceId ?? ""}|${r.stageId}`;
  const label = new Map<string, string>();
  const responsesBy = new Map<string | null, number>();
  // Every survey answers (or leaves out) each question once: one question's counts are the surveys.
  for (const r of raw) {
    label.set(keyOf(r), `${r.service ?? "No service"}: ${r.stageLabel}`);
    if (r.question === SATISFACTION_QUESTIONS[0]) responsesBy.set(keyOf(r), (responsesBy.get(keyOf(r)) ?? 0) + r.count);
  }
  const responses = [...responsesBy.values()].reduce((a, b) => a + b, 0);
  if (responses < minimum) {
    return {
      period,
      responses: null,
      withheld: `Fewer than ${minimum} people answered the satisfaction survey for cases closed in this period, so nothing is shown: with so few answers, the figures would show individual people's views. Choose a longer period.`,
      groups: [],
      questions: [],
      notes,
    };
  }
  const pooled = poolGroups(responsesBy, minimum, OTHER);
  const groupName = (key: string) => {
    const g = pooled.get(key) ?? OTHER;
    return g === OTHER ? OTHER : (label.get(g) ?? g);
  };
  const names = [...new Set([...pooled.keys()].map((k) => groupName(k!)))].sort((a, b) => (a === OTHER ? 1 : b === OTHER ? -1 : a.localeCompare(b, "en-GB")));
  const count = new Map<string, number>();
  const add = (group: string, q: string, a: string, n: number) => count.set(`${group}\u0000${q}\u0000${a}`, (count.get(`${group}\u0000${q}\u0000${a}`) ?? 0) + n);
  for (const r of raw) {
    add(groupName(keyOf(r)), r.question, r.answer, r.count);
    add("", r.question, r.answer, r.count);
  }
  const get = (group: string, q: string, a: string) => count.get(`${group}\u0000${q}\u0000${a}`) ?? 0;
  const rowsOf = names.length > 1 ? names : [""];
  // Groups as rows, answers as columns: each row adds up to the group's surveys and each column
  // to the council's count of that answer, both known to the reader.
  const hiddenBy = new Map<SatisfactionQuestion, boolean[][]>();
  const questions = SATISFACTION_QUESTIONS.map((q) => {
    const counts = rowsOf.map((g) => ANSWERS.map((a) => get(g, q, a)));
    const hidden = suppressTable(counts, { threshold });
    hiddenBy.set(q, hidden);
    return {
      question: q,
      label: SATISFACTION_QUESTION_LABELS[q],
      rows: rowsOf.map((g, r) => ({
        group: g || ALL,
        counts: Object.fromEntries(ANSWERS.map((a, k) => [a, hidden[r]![k] ? SUPPRESSED : counts[r]![k]!])) as Record<(typeof ANSWERS)[number], Shown>,
      })),
    };
  });
  // A percentage would give back a count hidden in its row (10 surveys, 50%, 0 very satisfied:
  // 5 fairly satisfied), so it is left out wherever the row hides one. The council's own row
  // of a breakdown is the columns' totals, which the tables treat as known.
  const satisfiedIn = (group: string) =>
    Object.fromEntries(
      SATISFACTION_QUESTIONS.map((q) => {
        const r = rowsOf.indexOf(group);
        if (r >= 0 && hiddenBy.get(q)![r]!.some(Boolean)) return [q, null];
        const answered = SATISFACTION_SCALE.reduce((sum, a) => sum + get(group, q, a), 0);
        const satisfied = SATISFIED_ANSWERS.reduce((sum, a) => sum + get(group, q, a), 0);
        return [q, percent(satisfied, answered)];
      }),
    ) as Record<SatisfactionQuestion, number | null>;
  const groups = [
    ...(names.length > 1 ? names.map((g) => ({ group: g, responses: ANSWERS.reduce((s, a) => s + get(g, SATISFACTION_QUESTIONS[0], a), 0), satisfied: satisfiedIn(g) })) : []),
    { group: ALL, responses, satisfied: satisfiedIn("") },
  ];
  return { period, responses, withheld: null, groups, questions, notes };
}

const ANSWER_LABELS: Record<(typeof ANSWERS)[number], string> = { ...SATISFACTION_SCALE_LABELS, "not-answered": "Not answered" };

export function satisfactionTables(report: SatisfactionReport): ReportTable[] {
  const during = `Surveys answered for cases closed ${periodWords(report.period)}`;
  return [
    {
      id: "satisfaction-by-service-and-stage",
      title: "Satisfied, by service and stage",
      caption: `${during}: the percentage very or fairly satisfied, of those who answered each question.`,
      columns: [
        { key: "group", label: "Service and stage" },
        { key: "responses", label: "Surveys answered", numeric: true },
        ...SATISFACTION_QUESTIONS.map((q) => ({ key: q, label: `${SATISFACTION_QUESTION_LABELS[q]} (% satisfied)`, numeric: true })),
      ],
      rows: report.groups.map((g) => ({ group: g.group, responses: g.responses, ...g.satisfied })),
    },
    ...report.questions.map((q) => ({
      id: `satisfaction-${q.question}`,
      title: q.label,
      caption: `${during}, by answer.`,
      columns: [{ key: "group", label: "Service and stage" }, ...ANSWERS.map((a) => ({ key: a, label: ANSWER_LABELS[a], numeric: true }))],
      rows: q.rows.map((r) => ({ group: r.group, ...r.counts })),
    })),
  ];
}
