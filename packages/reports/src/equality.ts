/**
 * Equality monitoring (issue 7; Leeds policy para 31: services "collate and analyse information
 * about the race, disability, gender, sexual orientation, religion, belief and age of customers
 * and the nature of their complaints"; para 32: a breakdown of discrimination and harassment
 * complaints by those groups; para 81: management teams monitor the number and nature of
 * complaints by group). Optional, with consent, stored apart from the case
 * (@complaints/db `equalityRepository`), and only ever shown here: in aggregate, with counts of
 * 1 to 4 shown as "<5".
 */
import {
  councilRepository,
  equalityRepository,
  EQUALITY_CHARACTERISTICS,
  checkPeriod,
  type EqualityAnswers,
  type EqualityCharacteristic,
  type EqualityForm,
  type Executor,
  type ReportPeriod,
} from "@complaints/db";
import { percent } from "./numbers.js";
import {
  SUPPRESSED,
  suppress,
  suppressGroup,
  type Shown,
  type SuppressionOptions,
} from "./suppression.js";
import type { ReportTable } from "./table.js";

export interface EqualityQuestion {
  characteristic: EqualityCharacteristic;
  question: string;
  answers: ReadonlyArray<{ code: string; label: string }>;
}

const PREFER_NOT = { code: "prefer-not-to-say", label: "Prefer not to say" } as const;

/** The form's questions and answers (Equality Act 2010 s4; ethnic groups as the 2021 Census in England). */
export const EQUALITY_QUESTIONS: readonly EqualityQuestion[] = [
  {
    characteristic: "age_band",
    question: "What is your age?",
    answers: [
      { code: "under-18", label: "Under 18" },
      { code: "18-24", label: "18 to 24" },
      { code: "25-34", label: "25 to 34" },
      { code: "35-44", label: "35 to 44" },
      { code: "45-54", label: "45 to 54" },
      { code: "55-64", label: "55 to 64" },
      { code: "65-74", label: "65 to 74" },
      { code: "75-and-over", label: "75 and over" },
      PREFER_NOT,
    ],
  },
  {
    characteristic: "sex",
    question: "What is your sex?",
    answers: [{ code: "female", label: "Female" }, { code: "male", label: "Male" }, PREFER_NOT],
  },
  {
    characteristic: "gender_reassignment",
    question: "Is the gender you identify with the same as your sex registered at birth?",
    answers: [{ code: "yes", label: "Yes" }, { code: "no", label: "No" }, PREFER_NOT],
  },
  {
    characteristic: "disability",
    question:
      "Do you have a disability or long-term health condition that limits your day-to-day activities?",
    answers: [
      { code: "yes-a-lot", label: "Yes, limited a lot" },
      { code: "yes-a-little", label: "Yes, limited a little" },
      { code: "no", label: "No" },
      PREFER_NOT,
    ],
  },
  {
    characteristic: "ethnicity",
    question: "What is your ethnic group?",
    answers: [
      { code: "asian-or-asian-british", label: "Asian or Asian British" },
      {
        code: "black-black-british-caribbean-or-african",
        label: "Black, Black British, Caribbean or African",
      },
      { code: "mixed-or-multiple", label: "Mixed or multiple ethnic groups" },
      { code: "white", label: "White" },
      { code: "other-ethnic-group", label: "Other ethnic group" },
      PREFER_NOT,
    ],
  },
  {
    characteristic: "religion_or_belief",
    question: "What is your religion or belief?",
    answers: [
      { code: "no-religion", label: "No religion" },
      { code: "buddhist", label: "Buddhist" },
      { code: "christian", label: "Christian" },
      { code: "hindu", label: "Hindu" },
      { code: "jewish", label: "Jewish" },
      { code: "muslim", label: "Muslim" },
      { code: "sikh", label: "Sikh" },
      { code: "other-religion", label: "Any other religion or belief" },
      PREFER_NOT,
    ],
  },
  {
    characteristic: "sexual_orientation",
    question: "What is your sexual orientation?",
    answers: [
      { code: "straight-or-heterosexual", label: "Straight or heterosexual" },
      { code: "gay-or-lesbian", label: "Gay or lesbian" },
      { code: "bisexual", label: "Bisexual" },
      { code: "other-sexual-orientation", label: "Another sexual orientation" },
      PREFER_NOT,
    ],
  },
  {
    characteristic: "marriage_or_civil_partnership",
    question: "Are you married or in a civil partnership?",
    answers: [{ code: "yes", label: "Yes" }, { code: "no", label: "No" }, PREFER_NOT],
  },
  {
    characteristic: "pregnancy_or_maternity",
    question: "Are you pregnant or have you given birth in the last 26 weeks?",
    answers: [{ code: "yes", label: "Yes" }, { code: "no", label: "No" }, PREFER_NOT],
  },
];

export class EqualityFormError extends RangeError {
  override readonly name = "EqualityFormError";
}

/**
 * Stores a completed form after checking every answer is one of the form's, and that consent was
 * given. Nothing comes back: the answers are never shown again except in aggregate.
 */
export async function recordEqualityMonitoring(db: Executor, form: EqualityForm): Promise<void> {
  if (!form.consentGivenOn)
    throw new EqualityFormError(
      "equality monitoring needs the customer's consent, with the date it was given",
    );
  for (const [characteristic, code] of Object.entries(form.answers) as Array<
    [EqualityCharacteristic, string | null]
  >) {
    const question = EQUALITY_QUESTIONS.find((q) => q.characteristic === characteristic);
    if (!question) throw new EqualityFormError(`"${characteristic}" is not a question on the form`);
    if (code !== null && !question.answers.some((a) => a.code === code))
      throw new EqualityFormError(`"${code}" is not an answer to "${question.question}"`);
  }
  await equalityRepository.record(db, form);
}

export type { EqualityAnswers };

export interface EqualityReport {
  period: ReportPeriod;
  /** Complaints received and forms returned: large numbers, shown as they are. */
  complaints: number;
  forms: number;
  responseRate: number | null;
  groupedBy: "directorate" | "category" | null;
  characteristics: Array<{
    characteristic: EqualityCharacteristic;
    question: string;
    rows: Array<{
      group: string | null;
      value: string;
      label: string;
      /** Complaints from people giving this answer: "<5" when 1 to 4. */
      complaints: Shown;
      wellFounded: Shown;
      discrimination: Shown;
    }>;
  }>;
  notes: string[];
}

/**
 * The aggregate report: complaints received in the period from people who returned the form, by
 * protected characteristic and answer (optionally by directorate or category), with how many
 * were well-founded and how many were about discrimination or harassment. Counts of 1 to 4 are
 * shown as "<5"; where a total is shown and only one count of a characteristic would be hidden,
 * the next smallest is hidden too so it cannot be worked out.
 */
export async function equalityReport(
  db: Executor,
  input: {
    councilId: string;
    period: ReportPeriod;
    by?: "directorate" | "category" | null;
  } & SuppressionOptions,
): Promise<EqualityReport> {
  const period = checkPeriod(input.period, "the period");
  const by = input.by ?? null;
  const options = input.threshold ? { threshold: input.threshold } : {};
  const [{ rows, totals }, directorates] = await Promise.all([
    equalityRepository.rawCounts(db, { councilId: input.councilId, period, by }),
    by === "directorate"
      ? councilRepository.listDirectorates(db, input.councilId, { includeArchived: true })
      : Promise.resolve([]),
  ]);
  const directorateNames = new Map(directorates.map((d) => [d.id, d.name]));
  const characteristics = EQUALITY_CHARACTERISTICS.map((characteristic) => {
    const question = EQUALITY_QUESTIONS.find((q) => q.characteristic === characteristic)!;
    const mine = rows.filter((r) => r.characteristic === characteristic);
    const groups = [...new Set(mine.map((r) => r.group))];
    const out: EqualityReport["characteristics"][number]["rows"] = [];
    for (const group of groups) {
      const inGroup = mine.filter((r) => r.group === group);
      // Every answer is listed, so the counts add up to the forms in the group: suppress as a set.
      const answerCodes = [...question.answers.map((a) => a.code), "not-answered"];
      const extra = inGroup.map((r) => r.value).filter((v) => !answerCodes.includes(v));
      const values = [...answerCodes, ...extra];
      const counts = values.map((v) => inGroup.find((r) => r.value === v)?.complaints ?? 0);
      const shown = suppressGroup(counts, options);
      values.forEach((value, i) => {
        const row = inGroup.find((r) => r.value === value);
        out.push({
          group:
            by === "directorate" && group !== null ? (directorateNames.get(group) ?? group) : group,
          value,
          label:
            question.answers.find((a) => a.code === value)?.label ??
            (value === "not-answered" ? "Not answered" : value),
          complaints: shown[i]!,
          wellFounded:
            shown[i] === SUPPRESSED ? SUPPRESSED : suppress(row?.wellFounded ?? 0, options),
          discrimination:
            shown[i] === SUPPRESSED ? SUPPRESSED : suppress(row?.discrimination ?? 0, options),
        });
      });
    }
    return { characteristic, question: question.question, rows: out };
  });
  return {
    period,
    complaints: totals.complaints,
    forms: totals.forms,
    responseRate: percent(totals.forms, totals.complaints),
    groupedBy: by,
    characteristics,
    notes: [
      "Only complaints whose customer chose to return the equality monitoring form, with consent, are counted. The answers are kept apart from the case and never shown for a single person.",
      `Counts from 1 to ${(input.threshold ?? 5) - 1} are shown as "<${input.threshold ?? 5}"; where that would let a hidden count be worked out from the total, the next smallest count is hidden too.`,
    ],
  };
}

export function equalityTables(report: EqualityReport): ReportTable[] {
  return report.characteristics.map((c) => ({
    id: `equality-${c.characteristic.replace(/_/g, "-")}`,
    title: c.question,
    caption: `Complaints received ${report.period.from} to ${report.period.to} from people who returned the form (${report.forms} of ${report.complaints}).`,
    columns: [
      ...(report.groupedBy
        ? [{ key: "group", label: report.groupedBy === "directorate" ? "Directorate" : "Category" }]
        : []),
      { key: "answer", label: "Answer" },
      { key: "complaints", label: "Complaints", numeric: true },
      { key: "wellFounded", label: "Upheld in full or part", numeric: true },
      { key: "discrimination", label: "About discrimination or harassment", numeric: true },
    ],
    rows: c.rows.map((r) => ({
      ...(report.groupedBy ? { group: r.group } : {}),
      answer: r.label,
      complaints: r.complaints,
      wellFounded: r.wellFounded,
      discrimination: r.discrimination,
    })),
  }));
}
