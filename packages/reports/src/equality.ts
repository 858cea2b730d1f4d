/**
 * Equality monitoring (issue 7; Leeds policy para 31: services "collate and analyse information
 * about the race, disability, gender, sexual orientation, religion, belief and age of customers
 * and the nature of their complaints"; para 32: a breakdown of discrimination and harassment
 * complaints by those groups; para 81: management teams monitor the number and nature of
 * complaints by group). Optional, with consent, stored apart from the case
 * (@complaints/db `equalityRepository`), and only ever shown here: in aggregate, with counts of
 * 1 to 4 shown as "<5", complementary suppression, and nothing for too few forms (decision 0710).
 */
import { DomainError } from "@complaints/core";
import {
  organisationRepository,
  equalityRepository,
  EQUALITY_CHARACTERISTICS,
  checkPeriod,
  ReportInputError,
  type EqualityAnswers,
  type EqualityCountRow,
  type EqualityCharacteristic,
  type EqualityForm,
  type Executor,
  type ReportPeriod,
} from "@complaints/db";
import { percent, periodWords } from "./numbers.js";
import {
  EQUALITY_DISCLOSURE,
  SUPPRESSED,
  isSmall,
  monthsOnFrom,
  suppressTable,
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

/** A form that is not the equality monitoring form (an unknown question or answer, no consent). */
export class EqualityFormError extends DomainError {
  override readonly name = "EqualityFormError";
  constructor(message: string) {
    super("INVALID_INPUT", message);
  }
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
  /** Complaints received: a large number, shown as it is. */
  complaints: number;
  /** Forms returned, or null when there are too few to show anything (see `withheld`). */
  forms: number | null;
  responseRate: number | null;
  groupedBy: "directorate" | "category" | null;
  /**
   * Why no table is shown, in plain words, when the period has fewer forms than
   * `EQUALITY_DISCLOSURE.minimumForms` (then `characteristics` is empty); else null.
   */
  withheld: string | null;
  characteristics: Array<{
    characteristic: EqualityCharacteristic;
    question: string;
    rows: Array<{
      group: string | null;
      value: string;
      label: string;
      /** Complaints from people giving this answer: "<5" when 1 to 4, or to protect another cell. */
      complaints: Shown;
      wellFounded: Shown;
      discrimination: Shown;
    }>;
  }>;
  notes: string[];
}

const OTHER_GROUPS = { directorate: "Other directorates", category: "Other categories" } as const;

/**
 * The groups of a breakdown, each with at least the minimum of forms: smaller ones are pooled
 * into "Other directorates" / "Other categories", and if the pool is still short the smallest
 * named group joins it, so no group's answers are one or two people's.
 */
export function poolGroups(
  formsByGroup: ReadonlyMap<string | null, number>,
  minimum: number,
  other: string,
): Map<string | null, string | null> {
  const sorted = [...formsByGroup.entries()].sort((a, b) => a[1] - b[1]);
  const pooled = new Set(sorted.filter(([, n]) => n < minimum).map(([g]) => g));
  let inPool = sorted.filter(([g]) => pooled.has(g)).reduce((sum, [, n]) => sum + n, 0);
  for (const [g, n] of sorted) {
    if (pooled.size === 0 || inPool >= minimum) break;
    if (pooled.has(g)) continue;
    pooled.add(g);
    inPool += n;
  }
  return new Map(sorted.map(([g]) => [g, pooled.has(g) ? other : g]));
}

/**
 * The aggregate report: complaints received in the period from people who returned the form, by
 * protected characteristic and answer (optionally by directorate or category), with how many
 * were well-founded and how many were about discrimination or harassment. Disclosure control
 * (decision 0710, after the ONS policy): no period shorter than three months; no table for fewer
 * than 10 forms, and no group of a breakdown with fewer (small groups are pooled); counts of 1 to 4
 * shown as "<5"; and complementary suppression in every column and every row of a breakdown so
 * no hidden count can be worked out from a total, the counts of another table, or the report
 * without the breakdown.
 */
export async function equalityReport(
  db: Executor,
  input: {
    councilId: string;
    period: ReportPeriod;
    by?: "directorate" | "category" | null;
  } & SuppressionOptions & { minimumForms?: number },
): Promise<EqualityReport> {
  const period = checkPeriod(input.period, "the period");
  const shortest = monthsOnFrom(period.from, EQUALITY_DISCLOSURE.minimumMonths);
  if (period.to < shortest)
    throw new ReportInputError(
      `Equality monitoring is reported for at least ${EQUALITY_DISCLOSURE.minimumMonths} months at a time, so that nobody's answers stand out: choose a period from ${period.from} to ${shortest} or later`,
    );
  const by = input.by ?? null;
  const threshold = input.threshold ?? EQUALITY_DISCLOSURE.threshold;
  const minimumForms = Math.max(input.minimumForms ?? EQUALITY_DISCLOSURE.minimumForms, threshold);
  const options = { threshold };
  const [{ rows: raw, totals }, directorates] = await Promise.all([
    equalityRepository.rawCounts(db, { councilId: input.councilId, period, by }),
    by === "directorate"
      ? organisationRepository.listDirectorates(db, input.councilId, { includeArchived: true })
      : Promise.resolve([]),
  ]);
  // Every form gives one answer (or "not-answered") to each question, so one question's counts
  // add up to the forms counted: per group, and in all.
  const formsByGroup = new Map<string | null, number>();
  for (const r of raw.filter((r) => r.characteristic === EQUALITY_CHARACTERISTICS[0]))
    formsByGroup.set(r.group, (formsByGroup.get(r.group) ?? 0) + r.complaints);
  const formsCounted = [...formsByGroup.values()].reduce((a, b) => a + b, 0);
  const notes = [
    "Only complaints whose customer chose to return the equality monitoring form, with consent, are counted. The answers are kept apart from the case and never shown for a single person.",
    `Counts from 1 to ${threshold - 1} are shown as "<${threshold}". Where a hidden count could be worked out from a total or from another count, the next smallest count is hidden too.`,
    `Nothing is shown for a period with fewer than ${minimumForms} forms${by ? `, and ${by === "directorate" ? "directorates" : "categories"} with fewer are counted together as "${OTHER_GROUPS[by]}"` : ""}.`,
  ];
  if (formsCounted < minimumForms) {
    return {
      period,
      complaints: totals.complaints,
      forms: null,
      responseRate: null,
      groupedBy: by,
      withheld: `Fewer than ${minimumForms} people returned the equality monitoring form for complaints received in this period, so no table is shown: with so few forms, the counts would show individual people's answers. Choose a longer period.`,
      characteristics: [],
      notes,
    };
  }
  const directorateNames = new Map(directorates.map((d) => [d.id, d.name]));
  const groupOf = by
    ? poolGroups(formsByGroup, minimumForms, OTHER_GROUPS[by])
    : new Map([[null, null]]);
  const groupNames = [...new Set(groupOf.values())];
  const rows = new Map<string, EqualityCountRow>();
  for (const r of raw) {
    const group = groupOf.get(r.group) ?? null;
    const key = `${r.characteristic}\u0000${r.value}\u0000${group}`;
    const sum = rows.get(key) ?? { ...r, group, complaints: 0, wellFounded: 0, discrimination: 0 };
    sum.complaints += r.complaints;
    sum.wellFounded += r.wellFounded;
    sum.discrimination += r.discrimination;
    rows.set(key, sum);
  }
  const characteristics = EQUALITY_CHARACTERISTICS.map((characteristic) => {
    const question = EQUALITY_QUESTIONS.find((q) => q.characteristic === characteristic)!;
    const answerCodes = [...question.answers.map((a) => a.code), "not-answered"];
    const extra = raw
      .filter((r) => r.characteristic === characteristic && !answerCodes.includes(r.value))
      .map((r) => r.value);
    const values = [...new Set([...answerCodes, ...extra])];
    // A table per characteristic: a row per answer, a column per group; each measure suppressed
    // on its own, and a measure's cell hidden wherever the complaints it counts are hidden or
    // it would leave a small remainder of them (e.g. 7 complaints, 6 upheld: 1 not upheld).
    const cell = (v: string, g: string | null) =>
      rows.get(`${characteristic}\u0000${v}\u0000${g}`);
    const measure = (m: "complaints" | "wellFounded" | "discrimination") =>
      values.map((v) => groupNames.map((g) => cell(v, g)?.[m] ?? 0));
    const complaints = measure("complaints");
    const hiddenComplaints = suppressTable(complaints, options);
    const subMeasure = (m: "wellFounded" | "discrimination") => {
      const counts = measure(m);
      return {
        counts,
        hidden: suppressTable(counts, {
          ...options,
          alsoHide: counts.map((row, r) =>
            row.map(
              (c, k) => hiddenComplaints[r]![k]! || isSmall(complaints[r]![k]! - c, options),
            ),
          ),
        }),
      };
    };
    const wellFounded = subMeasure("wellFounded");
    const discrimination = subMeasure("discrimination");
    const out: EqualityReport["characteristics"][number]["rows"] = [];
    groupNames.forEach((group, k) => {
      values.forEach((value, r) => {
        out.push({
          group:
            by === "directorate" && group !== null ? (directorateNames.get(group) ?? group) : group,
          value,
          label:
            question.answers.find((a) => a.code === value)?.label ??
            (value === "not-answered" ? "Not answered" : value),
          complaints: hiddenComplaints[r]![k] ? SUPPRESSED : complaints[r]![k]!,
          wellFounded: wellFounded.hidden[r]![k] ? SUPPRESSED : wellFounded.counts[r]![k]!,
          discrimination: discrimination.hidden[r]![k]
            ? SUPPRESSED
            : discrimination.counts[r]![k]!,
        });
      });
    });
    return { characteristic, question: question.question, rows: out };
  });
  return {
    period,
    complaints: totals.complaints,
    forms: formsCounted,
    responseRate: percent(formsCounted, totals.complaints),
    groupedBy: by,
    withheld: null,
    characteristics,
    notes,
  };
}

export function equalityTables(report: EqualityReport): ReportTable[] {
  return report.characteristics.map((c) => ({
    id: `equality-${c.characteristic.replace(/_/g, "-")}`,
    title: c.question,
    caption: `Complaints received ${periodWords(report.period)} from people who returned the form (${report.forms} of ${report.complaints}).`,
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
