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
 * Every English word a resident reads is in RECEIPT_WORDS, so a translation can sit beside it.
 */
import { formatLong } from "@complaints/core";
import type { Executor, NewNotification } from "@complaints/db";
import type { Context } from "../context.js";
import type { CouncilRuntime } from "../councils.js";
import { councilPublicAddress } from "../hosting.js";
import { residentRecipients, type ResidentRecipient } from "./correspondence-recipients.js";

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
  dates: ReadonlyArray<{ what: string; date: string }>;
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

/** The email: plain English, short sentences, one idea a paragraph. */
export function receiptEmail(f: ReceiptFacts): { subject: string; text: string } {
  const w = RECEIPT_WORDS;
  const proof = f.for.what === "equality-form" ? [w.reference(f.reference)] : [w.reference(f.reference), w.trackingCode, w.keepThem];
  const next = f.dates.length > 0 && f.for.what !== "equality-form" ? [w.next, ...(f.datesExpected ? [w.expected] : []), ...f.dates.map(w.date)] : [];
  const paragraphs = [w.greeting(f.name), w.received(f), proof.join("\n"), next.join("\n"), w.follow(f.trackUrl), w.questions(f.council), w.signOff(f.council)].filter((p) => p !== "");
  return { subject: w.subject(f), text: paragraphs.join("\n\n") + "\n" };
}

/** The text message: one short notice. */
export function receiptSms(f: ReceiptFacts): { subject: string; text: string } {
  return { subject: RECEIPT_WORDS.subject(f), text: RECEIPT_WORDS.sms(f) };
}

/** The council's own tracking page (its host name or `/c/<slug>`, as letters and the survey link it). */
export async function trackUrl(ctx: Context, db: Executor, council: CouncilRuntime["council"]): Promise<string> {
  return `${await councilPublicAddress(ctx.deps, council, db)}/track`;
}

export function councilOf(runtime: CouncilRuntime): ReceiptFacts["council"] {
  const letterhead = runtime.profile.letterhead;
  return { name: runtime.profile.name, phone: letterhead.phone, email: runtime.profile.correspondence.fromEmail ?? letterhead.email };
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
  const recipients = (await residentRecipients(trx, input.state, purpose)).filter((r): r is ResidentRecipient & { channel: "email" | "sms" } => r.channel !== "post");
  const rows: NewNotification[] = recipients.map((r) => {
    const facts = { ...input.facts, name: r.name };
    const message = r.channel === "email" ? receiptEmail(facts) : receiptSms(facts);
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
        language: "en",
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
