/**
 * Who gets a letter, on which channel, and the `correspondence` rows that send it (issue 15,
 * docs/decisions/0321-letters-issued-as-part-of-the-step.md). The rows follow the shared
 * contract of issue 15 (docs/decisions/0318-writing-to-residents.md): one per message per
 * channel, enqueued in the transaction that issues the letter, delivered by the sender.
 */
import { LETTER_KIND_NAMES, type CaseState, type LetterKind } from "@complaints/core";
import { letterRepository, type Customer, type NewNotification } from "@complaints/db";
import type { AppDeps } from "../context.js";
import { letterMessage, type LetterModel } from "@complaints/letters";

export type LetterChannel = "email" | "post";

export interface LetterRecipient {
  party: "customer" | "representative";
  name: string;
  email: string | null;
  channel: LetterChannel;
}

/**
 * INTEGRATION POINT (issue 15): the one place that decides the channels of a letter. It stands
 * in for the residents' channels (`residentRecipients`, decision 0320) until they are merged:
 * swap that in here. Until then, as simply as the issue's rule allows: a complaint that came
 * by email or the web form is answered by email when the customer has an address; everything
 * else goes by post. The representative's record holds no email address, so their letters go
 * by post.
 */
export function letterRecipients(
  state: Pick<CaseState, "channel" | "customer" | "representative">,
  customer: Pick<Customer, "email" | "preferred_contact"> | null,
  to: "customer" | "representative",
  name: string,
): LetterRecipient[] {
  if (to === "representative") return [{ party: "representative", name, email: null, channel: "post" }];
  if (!state.customer) return [];
  const email = customer?.email?.trim() || null;
  const wroteElectronically = state.channel === "email" || state.channel === "web" || customer?.preferred_contact === "email";
  return [{ party: "customer", name, email: email && wroteElectronically ? email : null, channel: email && wroteElectronically ? "email" : "post" }];
}

/** What each letter is for, in the contract's words (decision 0318). */
export const LETTER_PURPOSES: Record<LetterKind, string> = {
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
};

export interface IssuedLetterToSend {
  councilId: string;
  caseId: string;
  reference: string;
  letterId: string;
  model: LetterModel;
  stageId: string | null;
  recipients: readonly LetterRecipient[];
  /**
   * What makes this sending unique on the stage: the pending letter's outbox id (one request,
   * sent once however often it is issued), else the letter's own id (a corrected copy).
   */
  occasion: string | number;
}

/**
 * The correspondence rows that send an issued letter: by email, the plain-English message
 * with the letter (attached by the sender); by post, the letter itself, with a one-line summary.
 */
export function correspondenceFor(letter: IssuedLetterToSend): NewNotification[] {
  const purpose = LETTER_PURPOSES[letter.model.kind];
  const message = letterMessage(letter.model);
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

/** "by email to Ms Jane Smith (jane@example.com)", "by post to Mr Sam Jones": how a letter was sent, in words. */
export function describeRecipient(recipient: LetterRecipient): string {
  return recipient.channel === "email" ? `by email to ${recipient.name} (${recipient.email})` : `by post to ${recipient.name}`;
}

/**
 * INTEGRATION POINT (issue 15): stands in for the sender (docs/decisions/0318-writing-to-residents.md)
 * until it is merged: puts the letters that `post` rows send into the print room's queue, and
 * starts email delivery now rather than at the job's next minute, in the background. Run after
 * a letter is issued (the step's, or one from the letters pages) and by the delivery job; every
 * part is safe to repeat (the print queue takes a letter once; the outbox's leases).
 */
export async function dispatchCorrespondence(deps: Pick<AppDeps, "database" | "notifier" | "log">, options: { emails: boolean; caseId?: string }): Promise<void> {
  await letterRepository.queuePostedLetters(deps.database.db, options.caseId ? { caseId: options.caseId } : {});
  if (options.emails && deps.notifier.mailer) {
    void deps.notifier.deliverPending().catch((error: unknown) => deps.log.warn("delivery after a letter was issued failed; the job will retry", { error }));
  }
}
