/**
 * The plain-English email that carries a letter (issue 15, docs/decisions/0321): a short
 * message a resident can read on a phone, made from the same model as the letter so the two
 * never disagree (the same dates, the same reference, the same signatory). The letter itself
 * goes with it as the PDF; the message says what it is about and what happens next.
 */
import type { LetterKind } from "@complaints/core";
import type { LetterElement, LetterModel } from "./model.js";

export interface LetterMessage {
  subject: string;
  text: string;
}

/** What the message says first, in the resident's terms: what has happened. */
const OPENINGS: Record<LetterKind, string> = {
  acknowledgement: "We have received your complaint and we are looking into it.",
  "information-request": "We need some more information from you so that we can look into your complaint.",
  "holding-response": "We are sorry that we have not yet been able to send you our full response to your complaint.",
  "extension-notice": "We need more time to look into your complaint properly.",
  "stage-1-response": "We have finished looking into your complaint.",
  "escalation-acknowledgement": "We have received your request to take your complaint further, and we are looking into it again.",
  "stage-2-response": "We have finished looking into your complaint again.",
  "stage-3-response": "We have finished the final review of your complaint.",
  "referral-back": "Your complaint is going back to the officer who first looked into it, so that they can look at it again.",
  "not-a-complaint": "We have looked at what you sent us. We are not treating it as a complaint, and our letter explains what we will do instead.",
  excluded: "We have looked at your complaint. We cannot consider it under our complaints procedure, and our letter explains why and where you can go instead.",
  "out-of-time": "We have looked at your complaint. We cannot consider it because it is out of time, and our letter explains why.",
  "wrongly-addressed": "We have looked at your complaint. It is about something another organisation is responsible for, and our letter says who to contact.",
  "compliment-acknowledgement": "Thank you for your compliment.",
  "member-enquiry-response": "Thank you for your enquiry. Our reply is in the attached letter.",
  "foi-eir-review-outcome": "We have finished our review of how we answered your request for information.",
  "conduct-warning": "We are writing to you about how you contact us.",
  "conduct-designation": "We are writing to you about how you contact us.",
  "conduct-review": "We have reviewed the arrangements for how you contact us.",
  "ombudsman-response": "The Ombudsman has made a decision on your complaint.",
};

/** Sections whose first sentence the message repeats: the date the resident is waiting for. */
const PROMISES: readonly LetterElement[] = ["response-due-date", "new-due-date"];

function firstParagraph(model: LetterModel, element: LetterElement): string | undefined {
  return model.sections.find((section) => section.element === element)?.paragraphs.find((p) => p.trim() !== "");
}

/**
 * The email for a letter: the subject names the reference; the body says what happened, that
 * the letter is attached, what we will do and by when, and how to reach us, signed as the
 * letter is. English; a Welsh message follows the letter's language once its words exist.
 */
export function letterMessage(model: LetterModel): LetterMessage {
  const paragraphs: string[] = [`${model.salutation},`, OPENINGS[model.kind]];
  paragraphs.push(`Our letter is attached to this email. Please read it: it sets out ${model.kind === "acknowledgement" || model.kind === "escalation-acknowledgement" ? "what happens next" : "everything in full"}.`);
  for (const element of PROMISES) {
    const promise = firstParagraph(model, element);
    if (promise) paragraphs.push(promise);
  }
  const requested = firstParagraph(model, "information-requested");
  if (requested) paragraphs.push(requested);
  paragraphs.push(`Our reference is ${model.ourReference}. Please quote it if you contact us, by phone on ${model.council.phone} or by email to ${model.council.email}.`);
  if (model.trackingCode) paragraphs.push("You can check how your complaint is going online with our reference and the tracking code printed on the letter.");
  if (model.council.otherFormats.trim()) paragraphs.push(model.council.otherFormats.trim());
  paragraphs.push(["Yours sincerely,", model.signOff.name, model.signOff.jobTitle, model.council.name].join("\n"));
  return { subject: `${model.subject} (${model.ourReference})`, text: paragraphs.join("\n\n") + "\n" };
}
