/**
 * The letters' and their emails' fixed wording, one file per language (./en.ts, ./cy.ts), so a
 * translator edits words without touching code (docs/decisions/0104-letter-wording-and-welsh.md).
 */
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
 * What an email that carries a letter says around it, in the letter's language: a greeting,
 * that the letter is attached, how to reply, and the sign-off. A bilingual email puts the Welsh
 * block first (Welsh Language Standards: Welsh not treated less favourably; decision 0104).
 */
export interface LetterEmailWording {
  subject: string;
  greeting: string;
  letterAttached: string;
  reply: string;
  otherFormats: string;
  closing: string;
  sender: string;
}

export function letterEmailWording(
  language: LetterLanguage,
  facts: { subject: string; reference: string; recipientName: string; councilName: string; phone: string },
): LetterEmailWording {
  const values = { subject: facts.subject, reference: facts.reference, name: facts.recipientName, council: facts.councilName, phone: facts.phone };
  return {
    subject: say(language, "email.subject", values),
    greeting: say(language, "email.greeting", values),
    letterAttached: say(language, "email.letter-attached", values),
    reply: say(language, "email.reply", values),
    otherFormats: say(language, "email.other-formats", values),
    closing: say(language, "email.closing"),
    sender: say(language, "email.sender", values),
  };
}
