import { unified } from "unified";
import retextEnglish from "retext-english";
import retextReadability from "retext-readability";
import retextSimplify from "retext-simplify";
import { VFile } from "vfile";
import { letterParagraphs, type LetterModel } from "./model.js";

export type PlainEnglishRule = "council-jargon" | "unexplained-abbreviation" | "simpler-word" | "hard-sentence";

/** Advice for the officer; never a reason to stop a letter going. */
export interface PlainEnglishWarning {
  rule: PlainEnglishRule;
  /** The word, phrase or (for a hard sentence) the sentence as written. */
  word: string;
  /** Where in the letter: "subject", "section:<element>" or "slot:<slot>:<paragraph id>". */
  location: string;
  paragraphIndex: number;
  /** Character offsets of `word` within that paragraph. */
  start: number;
  end: number;
  suggestion: string;
  /** Why this is advice: the policy or plain English rule behind it. */
  source: string;
}

export interface JargonEntry {
  /** Matched as a whole word or phrase, ignoring case unless it is an abbreviation in capitals. */
  term: string;
  suggestion: string;
}

/**
 * Words council staff use among themselves that customers do not. Leeds policy 15: "The
 * acknowledgement should not contain Council jargon or abbreviations"; Lewisham: "Response
 * letters should not contain unnecessary use of jargon".
 */
export const COUNCIL_JARGON: readonly JargonEntry[] = [
  { term: "substantive response", suggestion: "full response" },
  { term: "holding response", suggestion: "update" },
  { term: "decant", suggestion: "move you to another home for a while" },
  { term: "decanted", suggestion: "moved to another home for a while" },
  { term: "void property", suggestion: "empty home" },
  { term: "responsive repair", suggestion: "repair" },
  { term: "remedial works", suggestion: "repairs" },
  { term: "escalate", suggestion: "ask us to look at it again (Stage 2)" },
  { term: "escalated", suggestion: "passed to Stage 2" },
  { term: "investigating officer", suggestion: "the name of the person looking into the complaint" },
  { term: "service request", suggestion: "request" },
  { term: "case management system", suggestion: "our records" },
  { term: "iCasework", suggestion: "our records" },
  { term: "stage 0", suggestion: "Stage 1 (there is no Stage 0)" },
  { term: "informal stage", suggestion: "Stage 1" },
  { term: "S1", suggestion: "Stage 1" },
  { term: "S2", suggestion: "Stage 2" },
];

/**
 * Abbreviations customers meet in complaint letters, with the words to use instead. An
 * abbreviation is fine once the letter has spelled it out, as in "Information Commissioner's
 * Office (ICO)".
 */
export const KNOWN_ABBREVIATIONS: Readonly<Record<string, string>> = {
  DCRO: "Departmental Customer Relations Officer, or simply 'our complaints officer'",
  CCRM: "Corporate Customer Relations Manager",
  LGSCO: "Local Government and Social Care Ombudsman",
  LGO: "Local Government and Social Care Ombudsman",
  HOS: "Housing Ombudsman",
  ICO: "Information Commissioner's Office",
  FOI: "Freedom of Information",
  FOIA: "Freedom of Information Act",
  EIR: "Environmental Information Regulations",
  SAR: "request for your personal information",
  CRM: "our records",
  IO: "the name of the person looking into the complaint",
  HoS: "Head of Service",
  ASB: "anti-social behaviour",
  HB: "Housing Benefit",
  CTR: "Council Tax Reduction",
  DFG: "Disabled Facilities Grant",
  PCN: "parking fine (Penalty Charge Notice)",
  EHCP: "Education, Health and Care Plan",
  SEND: "special educational needs and disabilities",
  ALMO: "the company that manages council homes for us",
  TMO: "tenant management organisation",
  RTB: "Right to Buy",
  WD: "working days",
  WDs: "working days",
};

/** Abbreviations every reader knows; spelling them out would make the letter harder to read. */
const WIDELY_UNDERSTOOD = new Set(["UK", "MP", "MPs", "NHS", "OK", "TV", "GP", "ID", "PIN", "BBC", "DVLA", "I", "II", "III", "IV", "AM", "PM", "VAT"]);

const SOURCE_OF_ADVICE: Record<PlainEnglishRule, string> = {
  "council-jargon": "Leeds policy 15: no council jargon",
  "unexplained-abbreviation": "Leeds policy 15: no unexplained abbreviations",
  "simpler-word": "Plain English: use the simpler word",
  "hard-sentence": "Plain English: keep sentences short",
};

export interface PlainEnglishOptions {
  /** The council's own jargon, checked as well as COUNCIL_JARGON. */
  extraJargon?: readonly JargonEntry[];
  /** Reading age a sentence should suit (retext-readability's default, 16, unless given). */
  readingAge?: number;
}

/** A warning before we know which paragraph it is in. */
interface Finding {
  rule: PlainEnglishRule;
  start: number;
  end: number;
  suggestion: string;
}

function escapeForRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Emails, web addresses and phone numbers are not prose; they confuse syllable counts. */
const NOT_PROSE = /\S+@\S+|(?:https?:\/\/|www\.)\S+|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:uk|com|org|net)\b\S*|\+?\d[\d ]{6,}\d/gi;

function blankOutNonProse(text: string): string {
  return text.replace(NOT_PROSE, (match) => " ".repeat(match.length));
}

/**
 * retext-readability's formulas flag short, ordinary sentences that merely contain "contractor"
 * or "scaffolding". Plain English guidance is about long sentences (an average of 15 to 20
 * words), so only sentences of 15 words or more are judged.
 */
const READABILITY_MIN_WORDS = 15;
/** Phrases retext-simplify objects to that read naturally in a letter. */
const SIMPLIFY_IGNORE = ["it is", "however", "provide", "receive", "request", "additional", "require", "benefit"];

function makeProcessor(age: number) {
  return unified()
    .use(retextEnglish)
    .use(retextSimplify, { ignore: SIMPLIFY_IGNORE })
    .use(retextReadability, { age, minWords: READABILITY_MIN_WORDS });
}
const processorsByAge = new Map<number, ReturnType<typeof makeProcessor>>();

function libraryWarnings(text: string, readingAge: number): Finding[] {
  let forAge = processorsByAge.get(readingAge);
  if (!forAge) {
    forAge = makeProcessor(readingAge);
    processorsByAge.set(readingAge, forAge);
  }
  const file = new VFile(blankOutNonProse(text));
  forAge.runSync(forAge.parse(file), file);
  return file.messages.flatMap((message): Finding[] => {
    const start = message.place && "start" in message.place ? message.place.start.offset : undefined;
    const end = message.place && "end" in message.place ? message.place.end.offset : undefined;
    if (start === undefined || end === undefined) return [];
    if (message.source === "retext-readability") {
      return [{ rule: "hard-sentence" as const, start, end, suggestion: "Split this sentence, or use shorter words." }];
    }
    const expected = (message.expected ?? []).filter((word) => word !== "");
    return [
      {
        rule: "simpler-word" as const,
        start,
        end,
        suggestion: expected.length > 0 ? `Try ${expected.map((word) => `“${word}”`).join(" or ")}.` : "Try leaving it out.",
      },
    ];
  });
}

function jargonWarnings(text: string, jargon: readonly JargonEntry[]): Finding[] {
  return jargon.flatMap((entry) => {
    const caseSensitive = entry.term === entry.term.toUpperCase();
    const pattern = new RegExp(`(?<![\\p{L}\\p{N}])${escapeForRegExp(entry.term)}(?![\\p{L}\\p{N}])`, caseSensitive ? "gu" : "giu");
    return [...text.matchAll(pattern)].map((match) => ({
      rule: "council-jargon" as const,
      start: match.index,
      end: match.index + match[0].length,
      suggestion: `Say “${entry.suggestion}” instead.`,
    }));
  });
}

/** Capitals-only words (and a few mixed ones like "HoS"), not inside references, emails or web addresses. */
const ABBREVIATION = /(?<![\p{L}\p{N}\-/.@_])(?:[A-Z]{2,}s?|HoS)(?![\p{L}\p{N}\-/@_]|\.[\p{L}\p{N}])/gu;

function abbreviationWarnings(text: string, explained: ReadonlySet<string>): Finding[] {
  return [...text.matchAll(ABBREVIATION)].flatMap((match) => {
    const word = match[0];
    const singular = word.endsWith("s") && word !== "HoS" ? word.slice(0, -1) : word;
    if (WIDELY_UNDERSTOOD.has(word) || WIDELY_UNDERSTOOD.has(singular) || explained.has(singular)) return [];
    const known = KNOWN_ABBREVIATIONS[word] ?? KNOWN_ABBREVIATIONS[singular];
    return [
      {
        rule: "unexplained-abbreviation" as const,
        start: match.index,
        end: match.index + word.length,
        suggestion: known
          ? `Write “${known}”, or spell it out the first time as “${known} (${singular})”.`
          : `Spell out what ${singular} stands for the first time you use it.`,
      },
    ];
  });
}

/** Abbreviations the letter spells out in brackets, e.g. "Information Commissioner's Office (ICO)". */
function explainedAbbreviations(texts: readonly string[]): Set<string> {
  const explained = new Set<string>();
  for (const text of texts) {
    for (const match of text.matchAll(/\p{L}[\p{L}'’ ]+\(([A-Z][A-Za-z]{1,7})\)/gu)) {
      if (match[1]) explained.add(match[1]);
    }
  }
  return explained;
}

/**
 * Plain English advice for the words an officer or plugin wrote in the letter (the letterhead,
 * addresses and references are left alone). Warnings never block issue.
 */
export function checkPlainEnglish(model: LetterModel, options: PlainEnglishOptions = {}): PlainEnglishWarning[] {
  const paragraphs = letterParagraphs(model);
  const explained = explainedAbbreviations(paragraphs.map((paragraph) => paragraph.text));
  const jargon = [...COUNCIL_JARGON, ...(options.extraJargon ?? [])];
  const readingAge = options.readingAge ?? 16;
  const english = (model.language ?? "en") === "en";
  return paragraphs.flatMap(({ location, paragraphIndex, text }) => {
    const found: Finding[] = [
      ...(english ? jargonWarnings(text, jargon) : []),
      ...abbreviationWarnings(text, explained),
      // retext's lists and readability formulas are for English; Welsh text gets the abbreviation check only.
      ...(english ? libraryWarnings(text, readingAge) : []),
    ];
    // A jargon phrase retext also dislikes ("substantive") is reported once, with our wording.
    const deduplicated = found.filter(
      (warning, index) =>
        warning.rule === "hard-sentence" ||
        !found.some(
          (other, otherIndex) =>
            otherIndex < index && other.rule !== "hard-sentence" && other.start < warning.end && warning.start < other.end,
        ),
    );
    return deduplicated
      .sort((a, b) => a.start - b.start || a.end - b.end)
      .map((warning) => ({
        ...warning,
        location,
        paragraphIndex,
        word: text.slice(warning.start, warning.end),
        source: SOURCE_OF_ADVICE[warning.rule],
      }));
  });
}
