/**
 * Learning reports: "lessons learned" per directorate and period (what councils tell tenants and
 * members: seed 000; Lewisham 5.5–5.10 "Lessons learnt from upheld complaints"), and the
 * statutory social care annual figures (SI 2009/309 reg 18 for adults; SI 2006/1738 for
 * children): numbers received, well-founded, referred to the Ombudsman, and what was learnt.
 */
import {
  organisationRepository,
  learningRepository,
  checkPeriod,
  type Executor,
  type LessonsRow,
  type ReportPeriod,
  type SocialCareFigures,
} from "@complaints/db";
import { NEXT_BODY_LABELS } from "@complaints/core";
import { label } from "./labels.js";
import { percent, periodWords } from "./numbers.js";
import type { ReportTable } from "./table.js";

export interface LessonsLearnedReport {
  period: ReportPeriod;
  asOf: string;
  directorates: Array<
    LessonsRow & {
      name: string;
      upheldRate: number | null;
      actionsDone: number;
      actionsOverdue: number;
    }
  >;
}

export async function lessonsLearnedReport(
  db: Executor,
  input: {
    councilId: string;
    period: ReportPeriod;
    asOf?: string;
    directorateIds?: readonly string[] | null;
  },
): Promise<LessonsLearnedReport> {
  const period = checkPeriod(input.period, "the period");
  const asOf = input.asOf ?? period.to;
  const [rows, directorates] = await Promise.all([
    learningRepository.lessonsLearned(db, {
      councilId: input.councilId,
      period,
      asOf,
      ...(input.directorateIds ? { directorateIds: input.directorateIds } : {}),
    }),
    organisationRepository.listDirectorates(db, input.councilId, { includeArchived: true }),
  ]);
  const names = new Map<string | null, string>(directorates.map((d) => [d.id, d.name]));
  return {
    period,
    asOf,
    directorates: rows
      .map((r) => ({
        ...r,
        name: names.get(r.directorateId) ?? "No directorate",
        upheldRate: percent(r.upheld + r.partlyUpheld, r.responses),
        actionsDone: r.actions.filter((a) => a.status === "done").length,
        actionsOverdue: r.actions.filter((a) => a.status === "overdue").length,
      }))
      .sort((a, b) => a.name.localeCompare(b.name, "en-GB")),
  };
}

export function lessonsLearnedTables(report: LessonsLearnedReport): ReportTable[] {
  return [
    {
      id: "lessons-summary",
      title: `Learning from complaints, ${periodWords(report.period)}`,
      columns: [
        { key: "directorate", label: "Directorate" },
        { key: "responses", label: "Responses", numeric: true },
        { key: "upheldRate", label: "Upheld in full or part %", numeric: true },
        { key: "rootCauses", label: "Main root causes" },
        { key: "lessons", label: "Lessons learned" },
        { key: "actions", label: "Improvement actions", numeric: true },
        { key: "done", label: "Done", numeric: true },
        { key: "overdue", label: "Overdue", numeric: true },
      ],
      rows: report.directorates.map((d) => ({
        directorate: d.name,
        responses: d.responses,
        upheldRate: d.upheldRate,
        rootCauses: d.rootCauses
          .slice(0, 5)
          .map((c) => `${c.rootCause} (${c.count})`)
          .join("; "),
        lessons: d.lessons
          .slice(0, 5)
          .map((l) => l.lesson)
          .join("; "),
        actions: d.actions.length,
        done: d.actionsDone,
        overdue: d.actionsOverdue,
      })),
    },
    {
      id: "improvement-actions",
      title: "Improvement actions and where they stand",
      columns: [
        { key: "directorate", label: "Directorate" },
        { key: "reference", label: "Case" },
        { key: "description", label: "Action" },
        { key: "dueOn", label: "Due" },
        { key: "status", label: "Status" },
        { key: "completedOn", label: "Done on" },
      ],
      rows: report.directorates.flatMap((d) =>
        d.actions.map((a) => ({
          directorate: d.name,
          reference: a.reference,
          description: a.description,
          dueOn: a.dueOn,
          status: a.status === "done" ? "Done" : a.status === "overdue" ? "Overdue" : "Open",
          completedOn: a.completedOn,
        })),
      ),
    },
  ];
}

/** Regimes of the statutory social care procedures (the plugins' regime ids). */
export const SOCIAL_CARE_REGIMES = Object.freeze({
  adults: "adult-social-care-2009",
  children: "children-social-care-2006",
});

export interface SocialCareAnnualReport {
  period: ReportPeriod;
  regimes: Array<{
    regimeId: string;
    received: number;
    responded: number;
    wellFounded: number;
    wellFoundedRate: number | null;
    respondedInTime: number;
    byStage: SocialCareFigures["stages"];
    referredToOmbudsman: Array<{ body: string; label: string; count: number }>;
    learning: Array<{ rootCause: string | null; lessons: string | null; count: number }>;
    improvementActions: { agreed: number; done: number };
  }>;
}

export async function socialCareAnnualReport(
  db: Executor,
  input: {
    councilId: string;
    period: ReportPeriod;
    regimeIds?: readonly string[];
    /** Only cases of these directorates (default: all). */
    directorateIds?: readonly string[] | null;
  },
): Promise<SocialCareAnnualReport> {
  const regimeIds = input.regimeIds ?? Object.values(SOCIAL_CARE_REGIMES);
  const figures = await learningRepository.socialCareFigures(db, {
    councilId: input.councilId,
    period: input.period,
    regimeIds,
    ...(input.directorateIds ? { directorateIds: input.directorateIds } : {}),
  });
  return {
    period: input.period,
    regimes: regimeIds.map((regimeId) => {
      const stages = figures.stages.filter((s) => s.regimeId === regimeId);
      // "Received" counts complaints: the first stage opened for each (later stages are the same complaint).
      const first = stages.filter((s) => s.stageId === "stage-1");
      const sum = (
        rows: typeof stages,
        k: "received" | "responded" | "wellFounded" | "respondedInTime",
      ) => rows.reduce((total, r) => total + r[k], 0);
      const responded = sum(stages, "responded");
      const wellFounded = sum(stages, "wellFounded");
      const actions = figures.improvementActions.find((a) => a.regimeId === regimeId);
      return {
        regimeId,
        received: sum(first.length ? first : stages, "received"),
        responded,
        wellFounded,
        wellFoundedRate: percent(wellFounded, responded),
        respondedInTime: sum(stages, "respondedInTime"),
        byStage: stages,
        referredToOmbudsman: figures.referredToOmbudsman
          .filter((r) => r.regimeId === regimeId)
          .map((r) => ({ body: r.body, label: label(NEXT_BODY_LABELS, r.body), count: r.count })),
        learning: figures.learning
          .filter((l) => l.regimeId === regimeId)
          .map((l) => ({ rootCause: l.rootCause, lessons: l.lessons, count: l.count })),
        improvementActions: { agreed: actions?.agreed ?? 0, done: actions?.done ?? 0 },
      };
    }),
  };
}
