/**
 * The email that carries a letter (issue 15, docs/decisions/0321): a short message a resident
 * can read on a phone, made from the same model as the letter so the two never disagree (the
 * same dates, the same reference, the same signatory), in the letter's language. The letter
 * itself goes with it as the PDF; the message says what it is about and what happens next.
 * Its fixed words are in the wording files (./wording/en.ts, cy.ts; decision 0104).
 */
import type { LetterElement, LetterModel } from "./model.js";
import { letterEmailWording, say } from "./wording/index.js";

export interface LetterMessage {
  subject: string;
  text: string;
}

/** Sections whose first sentence the message repeats: the date the resident is waiting for. */
const PROMISES: readonly LetterElement[] = ["response-due-date", "new-due-date"];

function firstParagraph(model: LetterModel, element: LetterElement): string | undefined {
  return model.sections.find((section) => section.element === element)?.paragraphs.find((p) => p.trim() !== "");
}

/**
 * The email for a letter, in the letter's language: the subject names the reference; the body
 * says what happened, that the letter is attached, what we will do and by when, and how to
 * reach us, signed as the letter is.
 */
export function letterMessage(model: LetterModel): LetterMessage {
  const language = model.language ?? "en";
  const words = letterEmailWording(language, model.kind, { subject: model.subject, reference: model.ourReference, phone: model.council.phone, email: model.council.email });
  const paragraphs: string[] = [`${model.salutation},`, words.opening, words.letterAttached];
  for (const element of PROMISES) {
    const promise = firstParagraph(model, element);
    if (promise) paragraphs.push(promise);
  }
  const requested = firstParagraph(model, "information-requested");
  if (requested) paragraphs.push(requested);
  paragraphs.push(words.reply);
  if (model.trackingCode) paragraphs.push(words.tracking);
  // The council's own sentence is English (its settings, Administration → Letterhead); a Welsh
  // email offers the formats in Welsh, as the letter's footer does (render.ts otherFormatsLine).
  const councilFormats = model.council.otherFormats.trim();
  const formats = language === "en" && councilFormats ? councilFormats : words.otherFormats;
  // A council that offers Welsh says in its correspondence that it welcomes Welsh (Welsh
  // Language Standards, standard 7 of the 2015 set; decision 0104): its emails too.
  const welcome = model.welcomesWelsh ? say(language, "welsh-welcome") : "";
  const offer = [formats, welcome].filter((s) => s !== "").join(" ");
  if (offer) paragraphs.push(offer);
  paragraphs.push([words.closing, model.signOff.name, model.signOff.jobTitle, model.council.name].join("\n"));
  return { subject: words.subject, text: paragraphs.join("\n\n") + "\n" };
}

/**
 * The email for a bilingual letter: the whole Welsh message first, then the English, as the
 * PDF puts the Welsh letter first (Welsh Language Standards: a Welsh version is not treated
 * less favourably than the English; decision 0104); the subject names both, Welsh first, as
 * receipts do (apps/api/src/services/receipts.ts).
 */
export function bilingualLetterMessage(welsh: LetterModel, english: LetterModel): LetterMessage {
  if ((welsh.language ?? "en") !== "cy" || (english.language ?? "en") !== "en") {
    throw new Error(`A bilingual email is a Welsh letter's message and an English one's, in that order (${welsh.ourReference}).`);
  }
  const cy = letterMessage(welsh);
  const en = letterMessage(english);
  return { subject: `${welsh.subject} / ${english.subject} (${english.ourReference})`, text: `${cy.text}\n---\n\n${en.text}` };
}
