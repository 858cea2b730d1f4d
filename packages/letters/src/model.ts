/**
 * A letter as plain data. Core (or a caller) builds it from a case; this package checks it and
 * renders it. Everything here survives JSON.stringify/parse unchanged, so an issued letter's
 * model can be stored beside its PDF and re-rendered or audited later.
 */

import type { LetterKind } from "@complaints/core";

export type LetterLanguage = "en" | "cy";

/**
 * Stable ids of the body sections the content rules look for. The wording of a section is free;
 * its id is what proves that the letter says the thing a rule requires.
 */
export const LETTER_ELEMENTS = [
  "apology",
  "date-received",
  "complaint-summary",
  "complaint-definition",
  "desired-outcome",
  "response-due-date",
  "handler",
  "contact-details",
  "missing-information",
  "information-requested",
  "consequences-of-no-reply",
  "offer-to-discuss",
  "advocacy",
  "stage",
  "investigation",
  "decision",
  "reasons",
  "remedies",
  "outstanding-actions",
  "escalation-route",
  "escalation-reasons",
  "stage-1-resolution-offered",
  "ombudsman-details",
  "extension-reasons",
  "delay-reasons",
  "new-due-date",
  "next-steps",
  "alternative-route",
  "discretion-considered",
  "correct-organisation",
  "compliment-summary",
  "passed-to",
  "enquiry-summary",
  "enquiry-response",
  "behaviour-concerns",
  "expected-behaviour",
  "warning-period",
  "right-to-comment",
  "restrictions",
  "restriction-duration",
  "review-date",
  "review-outcome",
  "ombudsman-decision",
  "ombudsman-enquiry",
  "reply-approval",
] as const;
export type LetterElement = (typeof LETTER_ELEMENTS)[number];

export interface PostalAddress {
  /** House, street, locality and town, one per line, without the postcode. */
  lines: string[];
  postcode: string;
}

export interface CouncilLetterhead {
  name: string;
  /** The address printed in the letterhead, one line each (postcode included). */
  addressLines: string[];
  phone: string;
  email: string;
  website: string;
  /** How to get this letter in large print, braille, audio or another language; printed on every page. */
  otherFormats: string;
}

export interface LetterRecipient {
  name: string;
  address: PostalAddress;
}

/**
 * The person the letter is about when it goes to someone acting for them (an MP, a councillor,
 * an advocate). Printed as the subject line "Re: <name>, <address>".
 */
export interface LetterSubjectPerson {
  name: string;
  address: PostalAddress;
}

export interface LetterSection {
  element: LetterElement;
  /** Optional visible heading; short letters usually read better without one. */
  heading?: string;
  paragraphs: string[];
}

/** Where plugin paragraphs go, in reading order: before the sections, after them, before the sign-off. */
export const LETTER_SLOTS = ["opening", "body-end", "before-signoff"] as const;
export type LetterSlot = (typeof LETTER_SLOTS)[number];

export interface PluginParagraph {
  /** "<pluginId>.<name>", stable so that letters can be compared and audited. */
  id: `${string}.${string}`;
  text: string;
}

export interface LetterSignOff {
  /** "Yours sincerely" when omitted. */
  closing?: string;
  name: string;
  jobTitle: string;
  /**
   * True when the person signing is the regime's responsible person (SI 2009/309 reg 14 requires
   * the adult social care response to be signed by them).
   */
  signedByResponsiblePerson: boolean;
}

export interface LetterModel {
  kind: LetterKind;
  /** English when omitted. */
  language?: LetterLanguage;
  /**
   * The council offers Welsh (its profile's correspondence.languages is not "english"): every
   * page's foot says it welcomes correspondence in Welsh, in the letter's language.
   */
  welcomesWelsh?: boolean;
  council: CouncilLetterhead;
  recipient: LetterRecipient;
  /** Set when the recipient is a representative; the customer then appears in the "Re:" line. */
  onBehalfOf?: LetterSubjectPerson;
  ourReference: string;
  yourReference?: string;
  /**
   * The customer's tracking code, printed under our reference on a letter that goes to the
   * customer: with the reference it lets them check their case online and ask for the next
   * stage (apps/api, docs/decisions/0503-public-tracking-codes.md).
   */
  trackingCode?: string;
  /** Date of the letter as an ISO calendar date (YYYY-MM-DD), the council's local date. */
  date: string;
  subject: string;
  /** "Dear Ms Example" */
  salutation: string;
  sections: LetterSection[];
  slots?: Partial<Record<LetterSlot, PluginParagraph[]>>;
  signOff: LetterSignOff;
}

/** Every paragraph of officer- or plugin-written text in reading order, with where it came from. */
export interface LocatedParagraph {
  /** "subject", "section:<element>" or "slot:<slot>:<plugin paragraph id>". */
  location: string;
  paragraphIndex: number;
  text: string;
}

export function letterParagraphs(model: LetterModel): LocatedParagraph[] {
  const located: LocatedParagraph[] = [{ location: "subject", paragraphIndex: 0, text: model.subject }];
  const slot = (name: LetterSlot) =>
    (model.slots?.[name] ?? []).forEach((paragraph) =>
      located.push({ location: `slot:${name}:${paragraph.id}`, paragraphIndex: 0, text: paragraph.text }),
    );
  slot("opening");
  for (const section of model.sections) {
    section.paragraphs.forEach((text, paragraphIndex) =>
      located.push({ location: `section:${section.element}`, paragraphIndex, text }),
    );
  }
  slot("body-end");
  slot("before-signoff");
  return located;
}
