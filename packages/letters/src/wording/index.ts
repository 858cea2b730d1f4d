/**
 * The letters' and their emails' fixed wording, one file per language (./en.ts, ./cy.ts), so a
 * translator edits words without touching code (docs/decisions/0104-letter-wording-and-welsh.md).
 */
import type { LetterKind } from "@complaints/core";
import type { LetterLanguage } from "../model.js";
import { cy, NEEDS_REVIEW } from "./cy.js";
import { en, type WordingKey } from "./en.js";

export type { WordingKey };
export { NEEDS_REVIEW };

export const WORDING: Readonly<Record<LetterLanguage, Readonly<Record<WordingKey, string>>>> = { en, cy };

/** The placeholders a template names, in order: "Dear {name}" → ["name"]. */
export function placeholders(template: string): string[] {
  return [...template.matchAll(/\{([a-zA-Z]+)\}/g)].map((match) => match[1]!);
}

/** A wording key with its {placeholders} filled in; one without a value is a programming error, not a gap in a letter. */
export function say(language: LetterLanguage, key: WordingKey, values: Record<string, string | number> = {}): string {
  const template = WORDING[language][key];
  return template.replace(/\{([a-zA-Z]+)\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`Wording "${key}" (${language}) needs {${name}}.`);
    return String(value);
  });
}

/**
 * The fixed lines of the email that carries a letter, in the letter's language: the subject,
 * the opening for its kind, that the letter is attached, how to reach us, the tracking line,
 * the offer of other formats and the closing. message.ts puts them round what the letter
 * itself says (the dates, the salutation, the signatory); a bilingual email is the Welsh
 * message, then the English (decision 0104).
 */
export interface LetterEmailWording {
  subject: string;
  opening: string;
  letterAttached: string;
  reply: string;
  tracking: string;
  otherFormats: string;
  closing: string;
}

export function letterEmailWording(
  language: LetterLanguage,
  kind: LetterKind,
  facts: { subject: string; reference: string; phone: string; email: string },
): LetterEmailWording {
  const values = { subject: facts.subject, reference: facts.reference, phone: facts.phone, email: facts.email };
  // An acknowledgement's letter says what happens next; every other letter is the whole answer.
  const attached = kind === "acknowledgement" || kind === "escalation-acknowledgement" ? "email.letter-attached.next" : "email.letter-attached.full";
  return {
    subject: say(language, "email.subject", values),
    opening: say(language, `email.opening.${kind}`),
    letterAttached: say(language, attached),
    reply: say(language, "email.reply", values),
    tracking: say(language, "email.tracking"),
    otherFormats: say(language, "email.other-formats", values),
    closing: say(language, "email.closing"),
  };
}
