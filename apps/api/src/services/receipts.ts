/**
 * Receipts (issue 15, "Receipts"): a resident who complains, escalates or sends their equality
 * form online is told on their channel, within a minute, that it arrived: the reference, the
 * tracking code, what happens next and by when, and where to follow it. Enqueued as
 * `correspondence` outbox rows in the same transaction as the submission, so a receipt is sent
 * if and only if the submission committed (docs/decisions/0320-resident-channels-and-receipts.md).
 *
 * The tracking code is never written into the text: the text says {{trackingCode}} where it
 * goes and the code rides in `payload.trackingCode`, which the sender substitutes at send time
 * and blanks once sent (docs/decisions/0318-writing-to-residents.md).
 *
 * Every English word a resident reads is in RECEIPT_WORDS, and the Welsh beside it in
 * RECEIPT_WORDS_CY: a council offering Welsh writes to a resident who used the Welsh form in
 * Welsh, and a bilingual council writes Welsh first, then English (decision 0517).
 */
import { formatLong, type CorrespondenceLanguage, type DueKind } from "@complaints/core";
import { formatLetterDate } from "@complaints/letters";
import { customerRepository, type Executor, type NewNotification } from "@complaints/db";
import type { Context } from "../context.js";
import type { CouncilRuntime } from "../councils.js";
import { councilPublicAddress } from "../hosting.js";
import { correspondenceLanguage, residentRecipients, type ResidentRecipient } from "./correspondence-recipients.js";

/** The placeholder the sender replaces with the case's tracking code. */
export const TRACKING_CODE_PLACEHOLDER = "{{trackingCode}}";

/** What the receipt is for. */
export type ReceiptFor =
  | { what: "complaint" | "compliment" | "comment"; service: string }
  | { what: "escalation"; stage: string }
  | { what: "late-escalation"; stage: string }
  | { what: "equality-form" };

export interface ReceiptFacts {
  for: ReceiptFor;
  name: string;
  reference: string;
  receivedOn: string;
  /** What happens next, in the public pages' words: "We will acknowledge your complaint by" + date. */
  dates: ReadonlyArray<{ what: string; date: string; kind?: DueKind }>;
  /** The dates are those that will apply once the complaint is accepted at triage. */
  datesExpected: boolean;
  council: { name: string; phone: string; email: string };
  /** The public tracking page's address. */
  trackUrl: string;
}

const NOUN: Record<"complaint" | "compliment" | "comment", string> = { complaint: "complaint", compliment: "compliment", comment: "comment" };

/** The English words of every receipt. */
export const RECEIPT_WORDS = {
  subject: (f: ReceiptFacts): string => {
    switch (f.for.what) {
      case "escalation":
        return `We have received your request for ${f.for.stage}: ${f.reference}`;
      case "late-escalation":
        return `We have received your late request for ${f.for.stage}: ${f.reference}`;
      case "equality-form":
        return `Thank you for your equality monitoring form: ${f.reference}`;
      default:
        return `We have received your ${NOUN[f.for.what]}: ${f.reference}`;
    }
  },
  greeting: (name: string) => `Dear ${name},`,
  received: (f: ReceiptFacts): string => {
    const on = formatLong(f.receivedOn);
    switch (f.for.what) {
      case "escalation":
        return `We received your request on ${on} to take your complaint to ${f.for.stage}.`;
      case "late-escalation":
        return `We received your request on ${on} to take your complaint to ${f.for.stage}. The time to ask had ended, so our complaints team will decide whether to accept it and will tell you.`;
      case "equality-form":
        return `We received your equality monitoring form on ${on}. We keep your answers apart from your complaint. They do not change how we deal with it. Tell us if you want us to delete them.`;
      default:
        return `We received your ${NOUN[f.for.what]} about ${f.for.service} on ${on}.`;
    }
  },
  reference: (reference: string) => `Your reference is ${reference}.`,
  trackingCode: `Your tracking code is ${TRACKING_CODE_PLACEHOLDER}.`,
  keepThem: "Keep them safe. You need both to follow your case online.",
  next: "What happens next",
  expected: "We will first check that we can deal with it as a complaint. If we can:",
  date: (d: { what: string; date: string }) => `${d.what} ${formatLong(d.date)}.`,
  follow: (url: string) => `Follow your case online at ${url}`,
  questions: (c: ReceiptFacts["council"]) => `If you have a question, phone us on ${c.phone} or email ${c.email}. Quote your reference.`,
  signOff: (c: ReceiptFacts["council"]) => `${c.name}`,
  sms: (f: ReceiptFacts): string => {
    const first = f.dates[0];
    const what = f.for.what === "equality-form" ? "your equality monitoring form" : f.for.what === "escalation" || f.for.what === "late-escalation" ? `your request for ${f.for.stage}` : `your ${NOUN[f.for.what]}`;
    const when = first && f.for.what !== "equality-form" ? ` ${first.what} ${formatLong(first.date)}.` : "";
    const code = f.for.what === "equality-form" ? "" : `, tracking code ${TRACKING_CODE_PLACEHOLDER}`;
    return `${f.council.name}: we have received ${what}. Reference ${f.reference}${code}.${when} ${f.trackUrl}`;
  },
} as const;

/** The receipt's words in any language: RECEIPT_WORDS' shape with its sentences as plain strings. */
type ReceiptWords = { readonly [K in keyof typeof RECEIPT_WORDS]: (typeof RECEIPT_WORDS)[K] extends string ? string : (typeof RECEIPT_WORDS)[K] };

const NOUN_CY: Record<"complaint" | "compliment" | "comment", string> = { complaint: "cwyn", compliment: "canmoliaeth", comment: "sylw" };

/**
 * What happens next, in Welsh, by the kind of date: the public pages' Welsh
 * (apps/portal/app/i18n/cy.ts, "complain.date.*"), which leaves the stage's English name out.
 */
const DUE_CY: Partial<Record<DueKind, string>> = {
  acknowledge: "Byddwn yn cydnabod ein bod wedi cael eich cwyn erbyn",
  respond: "Byddwn yn anfon ein hymateb atoch erbyn",
  "feedback-acknowledge": "Byddwn yn cydnabod ein bod wedi cael eich neges erbyn",
  "escalation-window": "Gallwch ofyn am y cam nesaf tan",
  "next-body-window": "Gallwch ofyn i'r Ombwdsmon edrych ar eich cwyn tan",
};

/**
 * The Welsh words of every receipt, one for one with RECEIPT_WORDS. Service and stage names are
 * the council's own (its profile has them in English only). Strings marked REVIEW are for a
 * Welsh-language officer to confirm before going live, as in apps/portal/app/i18n/cy.ts.
 */
export const RECEIPT_WORDS_CY: ReceiptWords = {
  subject: (f: ReceiptFacts): string => {
    switch (f.for.what) {
      case "escalation":
        return `Rydym wedi cael eich cais am ${f.for.stage}: ${f.reference}`;
      case "late-escalation":
        return `Rydym wedi cael eich cais hwyr am ${f.for.stage}: ${f.reference}`;
      case "equality-form":
        return `Diolch am eich ffurflen monitro cydraddoldeb: ${f.reference}`;
      default:
        return `Rydym wedi cael eich ${NOUN_CY[f.for.what]}: ${f.reference}`;
    }
  },
  greeting: (name: string) => `Annwyl ${name},`,
  received: (f: ReceiptFacts): string => {
    const on = formatLetterDate(f.receivedOn, "cy");
    switch (f.for.what) {
      case "escalation":
        return `Cawsom eich cais ar ${on} i fynd â'ch cwyn i ${f.for.stage}.`;
      case "late-escalation":
        // REVIEW: "ei dderbyn" follows "cais" (masculine).
        return `Cawsom eich cais ar ${on} i fynd â'ch cwyn i ${f.for.stage}. Roedd yr amser i ofyn wedi dod i ben, felly bydd ein tîm cwynion yn penderfynu a ydym am ei dderbyn ac yn rhoi gwybod i chi.`;
      case "equality-form":
        return `Cawsom eich ffurflen monitro cydraddoldeb ar ${on}. Rydym yn cadw eich atebion ar wahân i'ch cwyn. Nid ydynt yn newid sut rydym yn delio â hi. Rhowch wybod i ni os ydych am i ni eu dileu.`;
      default:
        return `Cawsom eich ${NOUN_CY[f.for.what]} am ${f.for.service} ar ${on}.`;
    }
  },
  reference: (reference: string) => `Eich cyfeirnod yw ${reference}.`,
  trackingCode: `Eich cod olrhain yw ${TRACKING_CODE_PLACEHOLDER}.`,
  keepThem: "Cadwch nhw'n ddiogel. Mae angen y ddau arnoch i weld hynt eich achos ar-lein.",
  next: "Beth sy'n digwydd nesaf",
  // REVIEW: "ei thrin" follows "cwyn" (feminine): we will first check we can treat it as a complaint.
  expected: "Byddwn yn gwirio yn gyntaf a allwn ei thrin fel cwyn. Os gallwn:",
  date: (d: { what: string; date: string; kind?: DueKind }) => `${(d.kind && DUE_CY[d.kind]) || d.what} ${formatLetterDate(d.date, "cy")}.`,
  follow: (url: string) => `Gallwch weld hynt eich achos ar-lein yn ${url}`,
  questions: (c: ReceiptFacts["council"]) => `Os oes gennych gwestiwn, ffoniwch ni ar ${c.phone} neu anfonwch e-bost at ${c.email}. Nodwch eich cyfeirnod.`,
  signOff: (c: ReceiptFacts["council"]) => `${c.name}`,
  sms: (f: ReceiptFacts): string => {
    const first = f.dates[0];
    const what = f.for.what === "equality-form" ? "eich ffurflen monitro cydraddoldeb" : f.for.what === "escalation" || f.for.what === "late-escalation" ? `eich cais am ${f.for.stage}` : `eich ${NOUN_CY[f.for.what]}`;
    const when = first && f.for.what !== "equality-form" ? ` ${RECEIPT_WORDS_CY.date(first)}` : "";
    const code = f.for.what === "equality-form" ? "" : `, cod olrhain ${TRACKING_CODE_PLACEHOLDER}`;
    return `${f.council.name}: rydym wedi cael ${what}. Cyfeirnod ${f.reference}${code}.${when} ${f.trackUrl}`;
  },
};

/** Which words a receipt is written in: English, Welsh, or Welsh then English. */
export type ReceiptLanguage = CorrespondenceLanguage;

const WORDS_OF: Record<"en" | "cy", ReceiptWords> = { en: RECEIPT_WORDS, cy: RECEIPT_WORDS_CY };

/** A message in the receipt's language: a bilingual one is the Welsh, then the English. */
function inLanguage(language: ReceiptLanguage, write: (w: ReceiptWords) => { subject: string; text: string }, f: ReceiptFacts, separator: string): { subject: string; text: string } {
  if (language !== "bilingual") return write(WORDS_OF[language]);
  const cy = write(RECEIPT_WORDS_CY);
  const en = write(RECEIPT_WORDS);
  return { subject: `${cy.subject} / ${en.subject.replace(`: ${f.reference}`, "")}`, text: `${cy.text}${separator}${en.text}` };
}

/** The email: plain English (or Welsh), short sentences, one idea a paragraph. */
export function receiptEmail(f: ReceiptFacts, language: ReceiptLanguage = "en"): { subject: string; text: string } {
  return inLanguage(language, (w) => emailIn(w, f), f, "\n---\n\n");
}

function emailIn(w: ReceiptWords, f: ReceiptFacts): { subject: string; text: string } {
  const proof = f.for.what === "equality-form" ? [w.reference(f.reference)] : [w.reference(f.reference), w.trackingCode, w.keepThem];
  const next = f.dates.length > 0 && f.for.what !== "equality-form" ? [w.next, ...(f.datesExpected ? [w.expected] : []), ...f.dates.map(w.date)] : [];
  const paragraphs = [w.greeting(f.name), w.received(f), proof.join("\n"), next.join("\n"), w.follow(f.trackUrl), w.questions(f.council), w.signOff(f.council)].filter((p) => p !== "");
  return { subject: w.subject(f), text: paragraphs.join("\n\n") + "\n" };
}

/** The text message: one short notice. */
export function receiptSms(f: ReceiptFacts, language: ReceiptLanguage = "en"): { subject: string; text: string } {
  return inLanguage(language, (w) => ({ subject: w.subject(f), text: w.sms(f) }), f, "\n\n");
}

/** The council's own tracking page (its host name or `/c/<slug>`, as letters and the survey link it). */
export async function trackUrl(ctx: Context, db: Executor, council: CouncilRuntime["council"]): Promise<string> {
  return `${await councilPublicAddress(ctx.deps, council, db)}/track`;
}

export function councilOf(runtime: CouncilRuntime): ReceiptFacts["council"] {
  const letterhead = runtime.profile.letterhead;
  return { name: runtime.profile.name, phone: letterhead.phone, email: runtime.profile.correspondence.fromEmail ?? letterhead.email };
}

/** The council's languages and the customer's own (the form they used): bilingual councils write both. */
async function receiptLanguage(ctx: Context, trx: Executor, councilId: string, customerId: string | null): Promise<ReceiptLanguage> {
  const runtime = await ctx.deps.councils.get(councilId, trx);
  const chosen = customerId ? (await customerRepository.getCustomer(trx, customerId)).language : "en";
  return correspondenceLanguage(runtime, chosen);
}

/**
 * Enqueues the receipt on each of the resident's electronic channels (email; a text message
 * with their consent), in the caller's transaction. A receipt never goes by post: the online
 * confirmation page shows the same, and the acknowledgement letter follows. Returns the rows.
 */
export async function enqueueReceipt(
  ctx: Context,
  trx: Executor,
  input: {
    councilId: string;
    state: Parameters<typeof residentRecipients>[1];
    facts: Omit<ReceiptFacts, "name">;
    stageId: string | null;
    /** Distinguishes repeat receipts for one stage (a late request recorded twice). */
    n?: number;
    trackingCode: string | null;
  },
): Promise<NewNotification[]> {
  const purpose = input.facts.for.what === "equality-form" ? "equality-form" : "receipt";
  const recipients = (await residentRecipients(trx, input.state, purpose, ctx.deps.notifier.channels)).filter((r): r is ResidentRecipient & { channel: "email" | "sms" } => r.channel !== "post");
  const language = await receiptLanguage(ctx, trx, input.councilId, input.state.customer?.id ?? null);
  const rows: NewNotification[] = recipients.map((r) => {
    const facts = { ...input.facts, name: r.name };
    const message = r.channel === "email" ? receiptEmail(facts, language) : receiptSms(facts, language);
    return {
      councilId: input.councilId,
      caseId: input.state.id,
      kind: "correspondence",
      recipient: { party: r.party, name: r.name, ...(r.email ? { email: r.email } : {}), ...(r.phone ? { phone: r.phone } : {}) },
      payload: {
        channel: r.channel,
        purpose,
        stageId: input.stageId,
        reference: input.facts.reference,
        language: language === "en" ? "en" : "cy",
        subject: message.subject,
        text: message.text,
        ...(input.trackingCode && purpose === "receipt" ? { trackingCode: input.trackingCode } : {}),
      },
      dedupeKey: `${purpose}:${input.state.id}:${input.stageId ?? "-"}:${r.channel}${input.n !== undefined ? `:${input.n}` : ""}`,
    };
  });
  if (rows.length > 0) await ctx.deps.notifier.enqueue(trx, rows);
  return rows;
}
