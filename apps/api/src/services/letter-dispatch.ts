/**
 * Who gets a letter, on which channel, and the `correspondence` rows that send it (issue 15,
 * docs/decisions/0321-letters-issued-as-part-of-the-step.md). The rows follow the shared
 * contract of issue 15 (docs/decisions/0318-writing-to-residents.md): one per message per
 * channel, enqueued in the transaction that issues the letter, delivered by the sender.
 */
import { LETTER_KIND_NAMES, type CaseState, type ChannelSettings, type CorrespondencePurpose, type CouncilProfile, type LetterAddressee, type LetterKind } from "@complaints/core";
import type { Executor, NewNotification } from "@complaints/db";
import { addresseeParty, residentRecipients } from "./correspondence-recipients.js";
import { bilingualLetterMessage, letterMessage, type LetterModel } from "@complaints/letters";

export type LetterChannel = "email" | "post";

export interface LetterRecipient {
  party: LetterAddressee;
  name: string;
  email: string | null;
  channel: LetterChannel;
}

/**
 * Who gets a letter and on which channels: the residents' channels (decision 0320,
 * `residentRecipients`: the party replies go to, the way the complaint came unless they asked
 * otherwise). A text message is not a letter; the short notices go as receipts.
 */
export async function letterRecipients(db: Executor, state: CaseState, settings: ChannelSettings): Promise<LetterRecipient[]> {
  const found = await residentRecipients(db, state, "other", settings);
  const letters: LetterRecipient[] = found.flatMap((r) => (r.channel !== "sms" ? [{ party: r.party, name: r.name, email: r.email ?? null, channel: r.channel }] : []));
  const to = addresseeParty(state, "other");
  if (letters.length > 0 || !to) return letters;
  // Nobody can be written to yet (no email address, no postal address): the letter is for the
  // post, and its draft says the address is missing, so it waits for one rather than going nowhere.
  const name = to === "representative" ? state.representative!.name : state.customer!.name;
  return [{ party: to, name, email: null, channel: "post" }];
}

/**
 * Where our reply to an Ombudsman enquiry goes: the body of the enquiry last answered (or, for
 * the step's plan, the one waiting for our reply), by email where the council's profile has the
 * body's email address, else by post. None when the profile has nothing for the body.
 */
export function ombudsmanRecipients(state: CaseState, profile: CouncilProfile, options: { waiting?: boolean } = {}): LetterRecipient[] {
  const enquiry = options.waiting ? state.ombudsman.find((e) => !e.respondedOn) : [...state.ombudsman].reverse().find((e) => e.respondedOn);
  const contact = enquiry ? profile.ombudsmen[enquiry.body] : undefined;
  if (!contact) return [];
  const email = contact.email?.includes("@") ? contact.email.trim() : null;
  return [{ party: "ombudsman", name: contact.name, email, channel: email ? "email" : "post" }];
}

/** What each letter is for, in the contract's words (decision 0318). */
export const LETTER_PURPOSES: Record<LetterKind, CorrespondencePurpose> = {
  acknowledgement: "acknowledgement",
  "information-request": "information-request",
  "holding-response": "holding-response",
  "extension-notice": "extension",
  "stage-1-response": "response",
  "escalation-acknowledgement": "escalation-acknowledgement",
  "stage-2-response": "response",
  "stage-3-response": "response",
  "referral-back": "other",
  "not-a-complaint": "triage-outcome",
  excluded: "triage-outcome",
  "out-of-time": "triage-outcome",
  "wrongly-addressed": "triage-outcome",
  "compliment-acknowledgement": "acknowledgement",
  "member-enquiry-response": "response",
  "foi-eir-review-outcome": "response",
  "conduct-warning": "conduct",
  "conduct-designation": "conduct",
  "conduct-review": "conduct",
  "ombudsman-response": "ombudsman",
  "claim-referral": "other",
  "ombudsman-reply": "ombudsman",
};

export interface IssuedLetterToSend {
  councilId: string;
  caseId: string;
  reference: string;
  letterId: string;
  /** The letter; for a bilingual letter, its Welsh half. */
  model: LetterModel;
  /** A bilingual letter's English half: the email is then Welsh first, then English (decision 0104). */
  english?: LetterModel | null;
  stageId: string | null;
  recipients: readonly LetterRecipient[];
  /**
   * What makes this sending unique on the stage: the pending letter's outbox id (one request,
   * sent once however often it is issued), else the letter's own id (a corrected copy).
   */
  occasion: string | number;
}

/**
 * The correspondence rows that send an issued letter: by email, the plain-English (or Welsh, or
 * Welsh then English) message with the letter (attached by the sender); by post, the letter
 * itself, with a one-line summary for the print room. `language` is the letter's first
 * language: "cy" for a bilingual letter, as for a bilingual receipt.
 */
export function correspondenceFor(letter: IssuedLetterToSend): NewNotification[] {
  const purpose = LETTER_PURPOSES[letter.model.kind];
  const message = letter.english ? bilingualLetterMessage(letter.model, letter.english) : letterMessage(letter.model);
  const kindName = LETTER_KIND_NAMES[letter.model.kind];
  return letter.recipients.map((recipient) => ({
    councilId: letter.councilId,
    caseId: letter.caseId,
    kind: "correspondence",
    recipient: { party: recipient.party, name: recipient.name, ...(recipient.channel === "email" && recipient.email ? { email: recipient.email } : {}) },
    payload: {
      channel: recipient.channel,
      purpose,
      letterKind: letter.model.kind,
      stageId: letter.stageId,
      reference: letter.reference,
      language: letter.model.language ?? "en",
      subject: message.subject,
      text: recipient.channel === "email" ? message.text : `The ${kindName} of ${letter.reference}, posted to ${recipient.name}.`,
      letterId: letter.letterId,
    },
    dedupeKey: `${purpose}:${letter.caseId}:${letter.stageId ?? "-"}:${recipient.channel}:${letter.occasion}`,
  }));
}
