import { DomainError } from "@complaints/core";
import type { LetterLanguage } from "./model.js";

/**
 * The few fixed words the renderer prints itself. The Welsh wording follows common council
 * usage ("Ein cyfeirnod", "Yn gywir", "Tudalen 1 o 2"); a Welsh-language officer should confirm
 * it against the council's Welsh Language Standards before Welsh letters go out.
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

export const FIXED_WORDS: Record<LetterLanguage, FixedWords> = {
  en: {
    ourReference: "Our reference",
    yourReference: "Your reference",
    trackingCode: "Tracking code",
    date: "Date",
    regarding: "Re:",
    closing: "Yours sincerely",
    phone: "Phone",
    email: "Email",
    website: "Website",
    page: (page, of) => `Page ${page} of ${of}`,
    months: ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"],
    pdfLanguage: "en-GB",
  },
  cy: {
    ourReference: "Ein cyfeirnod",
    yourReference: "Eich cyfeirnod",
    trackingCode: "Cod olrhain",
    date: "Dyddiad",
    regarding: "Ynghylch:",
    closing: "Yn gywir",
    phone: "Ffôn",
    email: "E-bost",
    website: "Gwefan",
    page: (page, of) => `Tudalen ${page} o ${of}`,
    months: ["Ionawr", "Chwefror", "Mawrth", "Ebrill", "Mai", "Mehefin", "Gorffennaf", "Awst", "Medi", "Hydref", "Tachwedd", "Rhagfyr"],
    pdfLanguage: "cy-GB",
  },
};

/** A date a letter cannot print (not a calendar date): the letter is not possible as asked. */
export class LetterDateError extends DomainError {
  override readonly name = "LetterDateError";
  constructor(message: string) {
    super("LETTER_NOT_POSSIBLE", message);
  }
}

/** "2026-11-23" → "23 November 2026". Parsed by hand: a Date would shift with the server's time zone. */
export function formatLetterDate(isoDate: string, language: LetterLanguage): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  const month = match ? Number(match[2]) : 0;
  const day = match ? Number(match[3]) : 0;
  const monthName = FIXED_WORDS[language].months[month - 1];
  if (!match || !monthName || day < 1 || day > 31) {
    throw new LetterDateError(`The letter date must be a calendar date like 2026-11-23, not "${isoDate}".`);
  }
  return `${day} ${monthName} ${match[1]}`;
}
