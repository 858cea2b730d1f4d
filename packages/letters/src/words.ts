import { DomainError } from "@complaints/core";
import type { LetterLanguage } from "./model.js";
import { say, WORDING } from "./wording/index.js";

/**
 * The few fixed words the renderer prints itself, from the wording files (./wording/en.ts,
 * ./wording/cy.ts; docs/decisions/0104-letter-wording-and-welsh.md).
 */
export interface FixedWords {
  ourReference: string;
  yourReference: string;
  trackingCode: string;
  date: string;
  regarding: string;
  closing: string;
  phone: string;
  email: string;
  website: string;
  page: (page: number, of: number) => string;
  months: readonly string[];
  pdfLanguage: string;
}

function fixedWords(language: LetterLanguage, pdfLanguage: string): FixedWords {
  const w = WORDING[language];
  return {
    ourReference: w["label.our-reference"],
    yourReference: w["label.your-reference"],
    trackingCode: w["label.tracking-code"],
    date: w["label.date"],
    regarding: w["label.regarding"],
    closing: w.closing,
    phone: w["label.phone"],
    email: w["label.email"],
    website: w["label.website"],
    page: (page, pages) => say(language, "label.page", { page, pages }),
    months: Array.from({ length: 12 }, (_, i) => w[`month.${i + 1}` as keyof typeof w]),
    pdfLanguage,
  };
}

export const FIXED_WORDS: Record<LetterLanguage, FixedWords> = {
  en: fixedWords("en", "en-GB"),
  cy: fixedWords("cy", "cy-GB"),
};

/** A date a letter cannot print (not a calendar date): the letter is not possible as asked. */
export class LetterDateError extends DomainError {
  override readonly name = "LetterDateError";
  constructor(message: string) {
    super("LETTER_NOT_POSSIBLE", message);
  }
}

/**
 * "2026-11-23" → "23 November 2026" ("23 Tachwedd 2026"); with `weekday`, "Monday 23 November
 * 2026" ("Dydd Llun 23 Tachwedd 2026"). Parsed by hand: a Date in local time would shift with
 * the server's time zone (the weekday is worked out in UTC, where the date cannot move).
 */
export function formatLetterDate(isoDate: string, language: LetterLanguage, options: { weekday?: boolean } = {}): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  const year = match ? Number(match[1]) : 0;
  const month = match ? Number(match[2]) : 0;
  const day = match ? Number(match[3]) : 0;
  const monthName = FIXED_WORDS[language].months[month - 1];
  const real = match && monthName && day >= 1 && new Date(Date.UTC(year, month - 1, day)).getUTCDate() === day;
  if (!real) {
    throw new LetterDateError(`The letter date must be a calendar date like 2026-11-23, not "${isoDate}".`);
  }
  if (!options.weekday) return say(language, "date", { day, month: monthName, year: match[1]! });
  const weekday = WORDING[language][`weekday.${new Date(Date.UTC(year, month - 1, day)).getUTCDay()}` as "weekday.0"];
  return say(language, "date.with-weekday", { weekday, day, month: monthName, year: match[1]! });
}

/** Officer text set inside a sentence of ours: without the full stop (or other end) it was typed with. */
export function asClause(text: string): string {
  return text.trim().replace(/\s*[.;,:]+$/u, "");
}

/**
 * One paragraph from the sentences and clauses it was assembled from, tidied once where they
 * meet: "bedroom., by" → "bedroom, by"; "delay.." → "delay."; " ." → "."; an ellipsis stays.
 */
export function tidyParagraph(text: string): string {
  return text
    .replace(/\s+/gu, " ")
    .replace(/\s+([.,;:!?])/gu, "$1")
    .replace(/(?<!\.)\.\.(?!\.)/gu, ".")
    .replace(/[.;:]+,/gu, ",")
    .replace(/,+\./gu, ".")
    .replace(/([!?])\./gu, "$1")
    .replace(/,{2,}/gu, ",")
    .trim();
}

/** Sentences joined into one paragraph, the empty ones left out. */
export function joinSentences(...sentences: Array<string | undefined | null | false>): string {
  return tidyParagraph(sentences.filter((s): s is string => typeof s === "string" && s.trim() !== "").join(" "));
}
