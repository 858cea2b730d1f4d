/**
 * Replies and new complaints by email (issue 15): the council's inbound mailbox, read over IMAP
 * by a job (jobs/runner.ts) and turned into case changes.
 *
 * - A message quoting a case's reference from that case's customer or representative becomes an
 *   incoming contact on the case (core's record-contact), its attachments stored as the upload
 *   route stores them (the same size and type checks), and the handler is told.
 * - A reference quoted by anyone else is not trusted: a new case for triage says so.
 * - A reply to a closed case: added to it and put to the complaints managers to decide whether
 *   to reopen, or a new case, as the profile's `correspondence.replyToClosedCase` says.
 * - Anything else: a new case in the triage queue with the sender as the customer (an existing
 *   customer with that email address first).
 * - Auto-replies and loops (RFC 3834) are recorded and never answered; delivery reports
 *   (RFC 3464) are passed to `onBounce` with the Message-ID of our message that bounced.
 *
 * Nothing lost, nothing twice: the `inbound_messages` row is written in the transaction of the
 * case change, and the message is marked done in the mailbox only after that commits. A failure
 * of the database or the mailbox leaves the message where it was for the next run; a message
 * read again finds its row and is only marked done. docs/decisions/0323-inbound-mail.md.
 */
import { createHash } from "node:crypto";
import { convert as htmlToText } from "html-to-text";
import { ImapFlow } from "imapflow";
import { simpleParser, type AddressObject, type Attachment, type ParsedMail } from "mailparser";
import type { CaseState } from "@complaints/core";
import {
  AttachmentRejectedError,
  applyCaseCommand,
  attachmentRepository,
  contactRepository,
  caseRepository,
  customerRepository,
  inboundMailRepository,
  notificationRepository,
  organisationRepository,
  type AppliedCommand,
  type CaseRecord,
  type CustomerInput,
  type DB,
  type Executor,
  type InboundOutcome,
  type NewInboundMessage,
} from "@complaints/db";
import type { Transaction } from "kysely";
import type { InboundMailSettings } from "../config.js";
import { createContextInner, type AppDeps, type Context } from "../context.js";
import type { CouncilRuntime } from "../councils.js";
import { apiErrorOf, noAccess } from "../errors.js";
import { hasRole, type StaffPrincipal } from "../access/principal.js";
import { INBOUND_MAIL_READERS } from "../access/policy.js";
import { formatSize, mediaTypeOf } from "./attachments.js";
import { EMAIL_ACTOR, logNewCase, queueStaffAlert } from "./cases.js";

// ---------------------------------------------------------------------------------------------
// Reading a message
// ---------------------------------------------------------------------------------------------

/** A delivery report about one of our messages (RFC 3464), for the sending side to record. */
export interface BounceReport {
  councilId: string;
  /** The Message-ID of our message that could not be delivered: `<outbox-<id>.<council>@<domain>>`. */
  messageId: string;
  reason: string;
  at: Date;
}

/** Told of each bounce, in the transaction that records the report (so both or neither happen). */
export type OnBounce = (bounce: BounceReport, db: Executor) => Promise<void>;

/**
 * The SMTP Message-ID the outbox gives each message (issue 15's shared contract):
 * `<outbox-<id>.<first 8 hex of the council's id>@<domain>>`.
 */
const OUR_MESSAGE_ID = /^<outbox-(\d+)\.([0-9a-f]{8})@[^>\s]+>$/i;

/** The longest summary core's record-contact keeps; the rest of a long email is kept as a file. */
const SUMMARY_MAX = 4000;
/** The longest description a new case holds (core's intake). */
const DESCRIPTION_MAX = 20_000;

/** A header's value as sent (unfolded), from the parsed message's raw header lines. */
function header(parsed: ParsedMail, name: string): string | null {
  const line = parsed.headerLines.find((h) => h.key === name.toLowerCase());
  if (!line) return null;
  return line.line.slice(line.line.indexOf(":") + 1).replace(/\r?\n[ \t]+/g, " ").trim();
}

function addresses(field: AddressObject | AddressObject[] | undefined): Array<{ address: string; name: string }> {
  const list = Array.isArray(field) ? field : field ? [field] : [];
  return list.flatMap((f) => f.value.flatMap((v) => (v.address ? [{ address: v.address.trim().toLowerCase(), name: v.name ?? "" }] : [])));
}

/** Letters, digits and ordinary punctuation: no control or direction characters from a header. */
function clean(text: string, max: number): string {
  return text.replace(/[\p{Cc}\p{Cf}]/gu, " ").replace(/\s+/g, " ").trim().slice(0, max);
}

export interface Incoming {
  parsed: ParsedMail;
  /** The Message-ID, or a hash of the whole message when it has none. */
  key: string;
  messageId: string | null;
  from: { address: string; name: string } | null;
  subject: string | null;
  sentAt: Date | null;
  /** Every address it was sent to (To, Cc, Delivered-To, X-Original-To), lower case. */
  recipients: string[];
  /**
   * The words of the message as plain text: the text part, or the HTML part converted to text
   * (scripts, styles and markup dropped). HTML is never kept or shown.
   */
  text: string;
  sizeBytes: number;
}

export async function readMessage(raw: Buffer): Promise<Incoming> {
  // mailparser's own HTML-to-text runs only for some message shapes: convert here, always the same way.
  const parsed = await simpleParser(raw, { skipHtmlToText: true, skipImageLinks: true, skipTextToHtml: true, skipTextLinks: true });
  const messageId = parsed.messageId ? clean(parsed.messageId, 900) : null;
  const from = addresses(parsed.from)[0] ?? null;
  const recipients = [
    ...addresses(parsed.to),
    ...addresses(parsed.cc),
    ...["delivered-to", "x-original-to"].flatMap((name) => parsed.headerLines.filter((h) => h.key === name).map((h) => ({ address: h.line.slice(h.line.indexOf(":") + 1).trim().replace(/^<|>$/g, "").toLowerCase(), name: "" }))),
  ].map((a) => a.address);
  return {
    parsed,
    key: messageId ?? `sha256:${createHash("sha256").update(raw).digest("hex")}`,
    messageId,
    from: from ? { address: from.address, name: clean(from.name, 200) } : null,
    subject: parsed.subject ? clean(parsed.subject, 500) : null,
    sentAt: parsed.date && !Number.isNaN(parsed.date.getTime()) ? parsed.date : null,
    recipients: [...new Set(recipients)],
    text: textOf(parsed),
    sizeBytes: raw.byteLength,
  };
}

/**
 * The text part, or else the HTML part as plain text: scripts, styles, images and link targets
 * dropped (a `javascript:` link becomes its words). HTML is never stored or shown.
 */
function textOf(parsed: ParsedMail): string {
  const html = typeof parsed.html === "string" ? parsed.html : "";
  const text = parsed.text?.trim()
    ? parsed.text
    : html
      ? htmlToText(html, { wordwrap: false, selectors: [{ selector: "a", options: { ignoreHref: true } }, { selector: "img", format: "skip" }] })
      : "";
  return text.replace(/\r\n/g, "\n").replace(/[^\P{Cc}\n\t]/gu, "").trim();
}

export type Classification =
  | { kind: "bounce"; originalMessageId: string | null; reason: string }
  | { kind: "ignored"; reason: string }
  | { kind: "mail" };

/**
 * Delivery reports, loops and auto-replies, which are recorded and never answered (RFC 3834
 * section 2: an automatic response is not sent to an automatic message). Anything else is mail
 * from a person.
 */
export function classify(message: Incoming): Classification {
  const { parsed } = message;
  const type = parsed.headers.get("content-type") as { value?: string; params?: Record<string, string> } | undefined;
  if (type?.value?.toLowerCase() === "multipart/report" && type.params?.["report-type"]?.toLowerCase() === "delivery-status") {
    const field = (name: string) => new RegExp(`^${name}:\\s*(.+)$`, "im").exec(message.text)?.[1]?.trim() ?? null;
    const action = field("Action")?.toLowerCase() ?? null;
    const original = parsed.attachments
      .filter((a) => ["text/rfc822-headers", "message/rfc822", "message/global-headers"].includes(a.contentType.toLowerCase()))
      .map((a) => /^Message-ID:\s*(<[^>\r\n]+>)/im.exec(a.content.toString("utf8").split(/\r?\n\r?\n/)[0] ?? "")?.[1] ?? null)
      .find((id) => id !== null) ?? null;
    if (action && action !== "failed") return { kind: "ignored", reason: `delivery report that is not a failure (Action: ${action})` };
    const reason = [field("Status") && `status ${field("Status")}`, field("Diagnostic-Code"), field("Final-Recipient") && `to ${field("Final-Recipient")!.replace(/^rfc822;\s*/i, "")}`]
      .filter(Boolean)
      .join("; ");
    return { kind: "bounce", originalMessageId: original, reason: clean(reason || "delivery failed (no reason given)", 1000) };
  }
  if (message.messageId && OUR_MESSAGE_ID.test(message.messageId)) return { kind: "ignored", reason: "our own message came back to the mailbox (mail loop)" };
  const autoSubmitted = header(parsed, "auto-submitted");
  if (autoSubmitted && autoSubmitted.toLowerCase() !== "no") return { kind: "ignored", reason: `automatic message (Auto-Submitted: ${clean(autoSubmitted, 60)})` };
  for (const name of ["x-autoreply", "x-autorespond"]) {
    if (header(parsed, name) !== null) return { kind: "ignored", reason: `automatic reply (${name === "x-autoreply" ? "X-Autoreply" : "X-Autorespond"})` };
  }
  const precedence = header(parsed, "precedence")?.toLowerCase();
  if (precedence && ["bulk", "junk", "list", "auto_reply"].includes(precedence)) return { kind: "ignored", reason: `bulk or automatic mail (Precedence: ${precedence})` };
  const local = message.from?.address.split("@")[0] ?? "";
  if (["mailer-daemon", "postmaster"].includes(local)) return { kind: "ignored", reason: `sent by a mail system (${local})` };
  if (!message.from) return { kind: "ignored", reason: "no sender address" };
  return { kind: "mail" };
}

/** The references of this council quoted in a text ("EXB-2026-000012"), first seen first. */
export function quotedReferences(text: string, prefix: string): string[] {
  const pattern = new RegExp(`(?<![A-Z0-9])${prefix}-\\d{4}-\\d{6,}(?![0-9])`, "gi");
  return [...new Set([...text.matchAll(pattern)].map((m) => m[0].toUpperCase()))];
}

// ---------------------------------------------------------------------------------------------
// Which council
// ---------------------------------------------------------------------------------------------

/**
 * The councils on this server and the addresses residents write to each: the profile's
 * `correspondence.replyTo`, its `fromEmail` and the letterhead's email.
 */
async function councilAddresses(deps: AppDeps): Promise<Array<{ runtime: CouncilRuntime; addresses: Set<string> }>> {
  const councils = await organisationRepository.listCouncils(deps.database.db);
  const out = [];
  for (const council of councils) {
    const runtime = await deps.councils.get(council.id);
    const c = runtime.profile.correspondence;
    out.push({ runtime, addresses: new Set([c.replyTo, c.fromEmail, runtime.profile.letterhead.email].flatMap((a) => (a ? [a.trim().toLowerCase()] : []))) });
  }
  return out;
}

/**
 * The council a message is for: the one whose address it was sent to; for a bounce, the one
 * named in our Message-ID; else IMAP_COUNCIL; else the only council on the server. Null: none
 * can be told, and the message stays in the mailbox for the operator (logged).
 */
export function councilOf(
  message: Incoming,
  classification: Classification,
  councils: ReadonlyArray<{ runtime: CouncilRuntime; addresses: ReadonlySet<string> }>,
  fallbackSlug: string | null,
): CouncilRuntime | null {
  if (classification.kind === "bounce" && classification.originalMessageId) {
    const prefix = OUR_MESSAGE_ID.exec(classification.originalMessageId)?.[2]?.toLowerCase();
    const named = prefix ? councils.find((c) => c.runtime.council.id.toLowerCase().startsWith(prefix)) : undefined;
    if (named) return named.runtime;
  }
  const addressed = councils.find((c) => message.recipients.some((r) => c.addresses.has(r)));
  if (addressed) return addressed.runtime;
  if (fallbackSlug) return councils.find((c) => c.runtime.council.slug === fallbackSlug)?.runtime ?? null;
  return councils.length === 1 ? councils[0]!.runtime : null;
}

// ---------------------------------------------------------------------------------------------
// Processing one message
// ---------------------------------------------------------------------------------------------

/** What became of a message, as the job reports it. */
export type MessageResult =
  | { done: true; outcome: InboundOutcome | "already-recorded"; caseId: string | null; councilId: string }
  | { done: false; reason: string };

/** Recorded in the message's row while its case change is written (or refused). */
class AlreadyRecorded extends Error {}

/** Core or the API refused the case change: that will not change on the next run. */
class Refused extends Error {}

/**
 * A refusal that stays a refusal (not a conflict to retry, not a failure of the system): a
 * refusal of the API or a domain error of core or the repositories (a file refused, a rule),
 * read through the one table of apps/api/src/errors.ts.
 */
export function isRefusal(error: unknown): boolean {
  if (error instanceof Refused) return true;
  const api = apiErrorOf(error);
  return api !== null && !["CONFLICT", "INTERNAL_SERVER_ERROR", "TIMEOUT", "TOO_MANY_REQUESTS", "SERVICE_UNAVAILABLE"].includes(api.code);
}

/** Attachments of an email: kept on the case, or listed with why not. */
export interface AttachmentOutcome {
  kept: Array<{ fileName: string; attachmentId: string; sizeBytes: number }>;
  notKept: Array<{ fileName: string; reason: string }>;
}

function attachmentName(a: Attachment, n: number): string {
  const name = a.filename ? clean(a.filename, 255) : "";
  return name || `attachment-${n + 1}`;
}

/** Stores the email's files on the case, in the caller's transaction, each checked as an upload is. */
async function keepAttachments(deps: AppDeps, trx: Transaction<DB>, caseId: string, message: Incoming, at: Date): Promise<AttachmentOutcome> {
  const outcome: AttachmentOutcome = { kept: [], notKept: [] };
  /** Keeps one file on the case; one the council's file rules refuse is listed as not kept (the checks run before anything is written, so the transaction is still good). */
  const keep = async (file: { fileName: string; mediaType: string; content: Uint8Array; description: string }) => {
    try {
      const meta = await attachmentRepository.addAttachment(trx, deps.config.attachments, { caseId, ...file, uploadedBy: { type: "public", id: EMAIL_ACTOR.id }, uploadedAt: at, recordEvent: true });
      outcome.kept.push({ fileName: meta.file_name, attachmentId: meta.id, sizeBytes: meta.size_bytes });
    } catch (error) {
      if (!(error instanceof AttachmentRejectedError)) throw error;
      outcome.notKept.push({ fileName: file.fileName, reason: `not kept: ${error.reason === "too-large" ? "too large" : error.message}` });
    }
  };
  const policy = deps.config.attachments.policy;
  const files = message.parsed.attachments.filter((a) => a.contentDisposition === "attachment" || (!a.related && a.filename));
  for (const [n, file] of files.entries()) {
    const fileName = attachmentName(file, n);
    if (file.size > policy.maxBytes || file.content.byteLength > policy.maxBytes) {
      outcome.notKept.push({ fileName, reason: `not kept: too large (${formatSize(file.content.byteLength)}; files up to ${formatSize(policy.maxBytes)} are kept)` });
      continue;
    }
    await keep({ fileName, mediaType: mediaTypeOf(fileName, file.contentType), content: new Uint8Array(file.content), description: `Attached to the email ${message.subject ? `"${message.subject}"` : "with no subject"} from ${message.from?.address ?? "an unknown sender"}`.slice(0, 500) });
  }
  // The whole text of an email too long for the timeline is kept as a file beside it.
  if (message.text.length > SUMMARY_MAX - 600) {
    await keep({
      fileName: "email-text.txt",
      mediaType: "text/plain",
      content: new TextEncoder().encode(`From: ${message.from?.address ?? ""}\nSubject: ${message.subject ?? ""}\nDate: ${message.sentAt?.toISOString() ?? ""}\n\n${message.text}\n`),
      description: "The whole text of the email",
    });
  }
  return outcome;
}

/** "Email from Ann <ann@…>: Subject" then the words, cut to what the timeline keeps. */
function contactSummary(message: Incoming, files: AttachmentOutcome, note: string | null): string {
  const head = [`Email from ${message.from?.name ? `${message.from.name} <${message.from.address}>` : message.from?.address}${message.subject ? `: ${message.subject}` : ""}`];
  if (note) head.push(note);
  const tail: string[] = [];
  if (files.kept.length) tail.push(`Attachments kept: ${files.kept.map((f) => f.fileName).join(", ")}.`);
  for (const f of files.notKept) tail.push(`Attachment ${f.fileName} ${f.reason}.`);
  const room = SUMMARY_MAX - head.join("\n").length - tail.join("\n").length - 10;
  const words = message.text ? (message.text.length > room ? `${message.text.slice(0, Math.max(0, room - 60))}\n[…the whole text is kept as email-text.txt]` : message.text) : "(The email had no text.)";
  return [...head, "", words, ...(tail.length ? ["", ...tail] : [])].join("\n").slice(0, SUMMARY_MAX);
}

function rowOf(councilId: string, message: Incoming, at: Date, outcome: InboundOutcome, extra: Partial<NewInboundMessage> = {}): NewInboundMessage {
  return {
    councilId,
    messageKey: message.key,
    messageId: message.messageId,
    receivedAt: at,
    sentAt: message.sentAt,
    fromAddress: message.from?.address ?? null,
    fromName: message.from?.name || null,
    subject: message.subject,
    outcome,
    reason: null,
    caseId: null,
    quotedReference: null,
    ...extra,
  };
}

async function recordOnly(deps: AppDeps, row: NewInboundMessage, also?: (trx: Executor) => Promise<void>): Promise<boolean> {
  return deps.database.db.transaction().execute(async (trx) => {
    if (!(await inboundMailRepository.record(trx, row))) return false;
    if (also) await also(trx);
    return true;
  });
}

/** The email addresses a case's correspondence goes to: its customer's, and its representative's when recorded. */
async function addressesOfCase(db: Executor, record: CaseRecord<CaseState>): Promise<Set<string>> {
  const out = new Set<string>();
  const customerId = record.state.customer?.id;
  if (customerId) {
    const customer = await customerRepository.getCustomer(db, customerId);
    if (customer.email) out.add(customer.email.trim().toLowerCase());
  }
  if (record.state.representative) {
    // The representative's address is stored with their contact details, not on the case state.
    const rep = await contactRepository.representativeContact(db, record.id);
    if (rep.email) out.add(rep.email.trim().toLowerCase());
  }
  return out;
}

/** The service a new case by email is logged under (the profile's choice, or the first public service). */
function serviceForEmail(runtime: CouncilRuntime): string {
  const chosen = runtime.profile.correspondence.inboundService;
  if (chosen && runtime.directorateOfService.has(chosen)) return chosen;
  const services = runtime.profile.directorates.flatMap((d) => d.services);
  return (services.find((s) => s.offeredToPublic) ?? services[0])!.id;
}

/** Logs a new case from the email, for triage, with the sender as the customer. */
async function newCase(
  ctx: Context,
  runtime: CouncilRuntime,
  message: Incoming,
  at: Date,
  outcome: InboundOutcome,
  note: string | null,
  quotedReference: string | null,
): Promise<string> {
  const from = message.from!;
  const known = (await customerRepository.findCustomers(ctx.db, { councilId: runtime.council.id, email: from.address, limit: 5 })).find((c) => c.matchedOn.includes("email"));
  const customer: { id: string } | CustomerInput = known ? { id: known.id } : { fullName: from.name || from.address, email: from.address, preferredContact: "email" };
  const body = message.text || "(The email had no text.)";
  const head = [message.subject ? `Email: ${message.subject}` : "Email with no subject", ...(note ? [note] : [])].join("\n");
  const description = `${head}\n\n${body}`.slice(0, DESCRIPTION_MAX);
  let files: AttachmentOutcome = { kept: [], notKept: [] };
  const logged = await logNewCase(
    ctx,
    { kind: "email", councilId: runtime.council.id },
    {
      kind: "complaint",
      channel: "email",
      receivedAt: at.toISOString(),
      serviceId: serviceForEmail(runtime),
      description,
      customer,
      intake: { email: { from: from.address, subject: message.subject, messageId: message.messageId, ...(quotedReference ? { quotedReference } : {}) } },
    },
    async (trx, applied) => {
      files = await keepAttachments(ctx.deps, trx, applied.caseId, message, at);
      const recorded = await inboundMailRepository.record(
        trx,
        rowOf(runtime.council.id, message, at, outcome, {
          caseId: applied.caseId,
          quotedReference,
          reason: [note, message.text ? null : "the email had no text"].filter(Boolean).join("; ") || null,
          details: { attachments: files },
        }),
      );
      if (!recorded) throw new AlreadyRecorded();
    },
  );
  return logged.caseId;
}

/** Adds the email to the case's timeline as an incoming contact with its files, and tells staff. */
async function addToCase(
  ctx: Context,
  runtime: CouncilRuntime,
  record: CaseRecord<CaseState>,
  message: Incoming,
  at: Date,
  outcome: "added-to-case" | "closed-case-reply",
): Promise<void> {
  const rules = runtime.book.rulesFor(record.state.serviceId, record.state.kind);
  const closed = outcome === "closed-case-reply";
  // The summary names the files, which are known only once stored: store them first, then run
  // the command, all in one transaction.
  await ctx.db.transaction().execute(async (trx) => {
    const files = await keepAttachments(ctx.deps, trx, record.id, message, at);
    const note = closed ? "Reply after closure: a complaints manager decides whether to reopen the case." : null;
    const result = await applyCaseCommand(trx, {
      caseId: record.id,
      expectedVersion: record.version,
      command: { type: "record-contact", direction: "in", channel: "email", summary: contactSummary(message, files, note), by: { ...EMAIL_ACTOR, roles: [...EMAIL_ACTOR.roles] } },
      rules,
      clock: ctx.clock,
      also: async (inner, applied: AppliedCommand<CaseState>) => {
        const recorded = await inboundMailRepository.record(
          inner,
          rowOf(runtime.council.id, message, at, outcome, {
            caseId: record.id,
            quotedReference: record.reference,
            reason: [closed ? "reply after closure: decide whether to reopen" : null, message.text ? null : "the email had no text", ...files.notKept.map((f) => `${f.fileName} ${f.reason}`)].filter(Boolean).join("; ") || null,
            details: { attachments: files },
          }),
        );
        if (!recorded) throw new AlreadyRecorded();
        await queueStaffAlert(ctx, inner, runtime, applied, record.row.directorate_id, {
          // A closed case goes to the complaints managers (reopening is theirs: core's reopen); an open one to its handler.
          party: closed ? "complaints-manager" : applied.state.stages.at(-1)?.handlerId ? "handler" : `service:${record.state.serviceId}`,
          subject: closed ? `${record.reference}: reply after closure, decide whether to reopen` : `${record.reference}: the customer has emailed`,
          text: `${message.from?.address} emailed about case ${record.reference}${message.subject ? ` ("${message.subject}")` : ""}. The email is on the case's timeline${files.kept.length ? ` with ${files.kept.length} file${files.kept.length === 1 ? "" : "s"}` : ""}.${files.notKept.length ? ` Not kept: ${files.notKept.map((f) => `${f.fileName} (${f.reason})`).join("; ")}.` : ""}${closed ? " The case is closed: decide whether to reopen it, or answer the customer." : ""}`,
        });
      },
    });
    if (!result.ok) throw new Refused(`the email could not be added to ${record.reference}: ${result.refusal.message}`);
  });
}

export interface ProcessOptions {
  onBounce: OnBounce;
  /** The council of a message addressed to none (IMAP_COUNCIL). */
  fallbackCouncil?: string | null;
  /** Councils and their addresses, when the caller processes several messages. */
  councils?: Array<{ runtime: CouncilRuntime; addresses: Set<string> }>;
}

/**
 * Processes one message read from the mailbox. `done: true` means the mailbox may mark it done
 * (its row is committed, now or on an earlier pass); a thrown error means nothing was written.
 */
export async function processMessage(deps: AppDeps, raw: Buffer, options: ProcessOptions): Promise<MessageResult> {
  const message = await readMessage(raw);
  const classification = classify(message);
  const councils = options.councils ?? (await councilAddresses(deps));
  const runtime = councilOf(message, classification, councils, options.fallbackCouncil ?? null);
  if (!runtime) {
    deps.log.error("inbound email for no council left in the mailbox", { messageId: message.messageId, to: message.recipients });
    return { done: false, reason: "addressed to none of the councils on this server" };
  }
  const councilId = runtime.council.id;
  const at = deps.clock.now();
  const done = (outcome: InboundOutcome, caseId: string | null): MessageResult => {
    deps.log.info("inbound email", { councilId, messageId: message.messageId, outcome, caseId });
    return { done: true, outcome, caseId, councilId };
  };
  if (await inboundMailRepository.seen(deps.database.db, councilId, message.key)) return { done: true, outcome: "already-recorded", caseId: null, councilId };
  try {
    return await processNew(deps, runtime, message, classification, at, options, done);
  } catch (error) {
    // Another pass (or worker) recorded it between our check and our commit: nothing of ours was kept.
    if (error instanceof AlreadyRecorded) return { done: true, outcome: "already-recorded", caseId: null, councilId };
    // Refused for good (core's rules, a setting): recorded for staff with the reason and marked
    // done, so one message cannot hold up the mailbox for ever. Anything else is left for the
    // next run.
    if (!isRefusal(error)) throw error;
    const reason = `could not be processed: ${(error as Error).message}`.slice(0, 2000);
    deps.log.error("inbound email refused", { councilId, messageId: message.messageId, reason });
    if (!(await recordOnly(deps, rowOf(councilId, message, at, "failed", { reason })))) return { done: true, outcome: "already-recorded", caseId: null, councilId };
    return done("failed", null);
  }
}

async function processNew(
  deps: AppDeps,
  runtime: CouncilRuntime,
  message: Incoming,
  classification: Classification,
  at: Date,
  options: ProcessOptions,
  done: (outcome: InboundOutcome, caseId: string | null) => MessageResult,
): Promise<MessageResult> {
  const councilId = runtime.council.id;
  if (classification.kind === "bounce") {
    const ours = classification.originalMessageId && OUR_MESSAGE_ID.test(classification.originalMessageId) ? classification.originalMessageId : null;
    const row = rowOf(councilId, message, at, ours ? "bounce" : "ignored", {
      reason: ours ? classification.reason : `delivery report about a message that is not ours (${classification.originalMessageId ?? "no Message-ID"}): ${classification.reason}`,
      details: { originalMessageId: classification.originalMessageId },
    });
    if (!(await recordOnly(deps, row, ours ? (trx) => options.onBounce({ councilId, messageId: ours, reason: classification.reason, at }, trx) : undefined))) throw new AlreadyRecorded();
    return done(row.outcome, null);
  }
  if (classification.kind === "ignored") {
    if (!(await recordOnly(deps, rowOf(councilId, message, at, "ignored", { reason: classification.reason })))) throw new AlreadyRecorded();
    return done("ignored", null);
  }
  const ctx = createContextInner({ deps });
  const sender = message.from!.address;
  const references = quotedReferences(`${message.subject ?? ""}\n${message.text}`, runtime.council.referencePrefix);
  let record: CaseRecord<CaseState> | undefined;
  let quoted: string | null = null;
  for (const reference of references) {
    record = await caseRepository.findCaseByReference<CaseState>(ctx.db, councilId, reference);
    if (record) {
      quoted = reference;
      break;
    }
  }
  if (!record) return done("new-case", await newCase(ctx, runtime, message, at, "new-case", null, null));
  if (!(await addressesOfCase(ctx.db, record)).has(sender)) {
    const note = `This email quotes case ${quoted} but was not sent from the email address of that case's customer or representative: it was not added to ${quoted}. Check who sent it before linking it.`;
    return done("forged-reference", await newCase(ctx, runtime, message, at, "forged-reference", note, quoted));
  }
  if (record.state.status === "closed") {
    if (runtime.profile.correspondence.replyToClosedCase === "new-case") {
      const note = `A reply about case ${quoted}, which is closed: logged as a new case (the council's setting for replies to closed cases).`;
      return done("closed-case-new-case", await newCase(ctx, runtime, message, at, "closed-case-new-case", note, quoted));
    }
    await addToCase(ctx, runtime, record, message, at, "closed-case-reply");
    return done("closed-case-reply", record.id);
  }
  await addToCase(ctx, runtime, record, message, at, "added-to-case");
  return done("added-to-case", record.id);
}

/** A message the mailbox says is too large to read: recorded from its envelope, for staff. */
export async function recordTooLarge(
  deps: AppDeps,
  envelope: { messageId: string | null; from: { address: string; name: string } | null; subject: string | null; date: Date | null; to: string[]; sizeBytes: number },
  options: ProcessOptions,
): Promise<MessageResult> {
  const message: Incoming = {
    parsed: { headers: new Map(), headerLines: [], attachments: [] } as unknown as ParsedMail,
    key: envelope.messageId ?? `size:${envelope.sizeBytes}:${envelope.date?.toISOString() ?? ""}:${envelope.from?.address ?? ""}:${envelope.subject ?? ""}`,
    messageId: envelope.messageId,
    from: envelope.from,
    subject: envelope.subject ? clean(envelope.subject, 500) : null,
    sentAt: envelope.date,
    recipients: envelope.to,
    text: "",
    sizeBytes: envelope.sizeBytes,
  };
  const councils = options.councils ?? (await councilAddresses(deps));
  const runtime = councilOf(message, { kind: "mail" }, councils, options.fallbackCouncil ?? null);
  if (!runtime) return { done: false, reason: "addressed to none of the councils on this server" };
  const councilId = runtime.council.id;
  if (await inboundMailRepository.seen(deps.database.db, councilId, message.key)) return { done: true, outcome: "already-recorded", caseId: null, councilId };
  const reason = `the email is ${formatSize(envelope.sizeBytes)}, larger than the ${formatSize(deps.config.inbound?.maxMessageBytes ?? 0)} read from the mailbox: it was not read; find it in the mailbox's processed folder`;
  await recordOnly(deps, rowOf(councilId, message, deps.clock.now(), "too-large", { reason }));
  deps.log.warn("inbound email too large to read", { councilId, messageId: envelope.messageId, bytes: envelope.sizeBytes });
  return { done: true, outcome: "too-large", caseId: null, councilId };
}

// ---------------------------------------------------------------------------------------------
// The mailbox
// ---------------------------------------------------------------------------------------------

export interface InboundReport {
  read: number;
  done: number;
  /** Left in the mailbox for the next run (no council, or a failure). */
  left: number;
  byOutcome: Record<string, number>;
}

/**
 * A bounce report marks the message it quotes as failed (docs/decisions/0318-writing-to-residents.md),
 * in the transaction that records the report, so the case goes to the top of its work queue.
 */
export function bouncesToOutbox(deps: AppDeps): OnBounce {
  return async (bounce, db) => {
    const row = await notificationRepository.recordDeliveryStatus(db, { councilId: bounce.councilId, messageId: bounce.messageId, status: "failed", reason: `Bounced: ${bounce.reason}`, at: bounce.at });
    if (!row) deps.log.warn("a bounce quotes a message that is not waiting for a delivery report", { messageId: bounce.messageId });
  };
}

/**
 * Reads the mailbox once: every message in it (or every unseen one when nothing is moved), each
 * processed and then marked done (\Seen, and moved to the processed folder). A database failure
 * stops the run and leaves that message and those after it for the next one.
 */
export async function pollMailbox(deps: AppDeps, settings: InboundMailSettings, options: ProcessOptions): Promise<InboundReport> {
  const report: InboundReport = { read: 0, done: 0, left: 0, byOutcome: {} };
  const client = new ImapFlow({
    host: settings.host,
    port: settings.port,
    secure: settings.secure,
    auth: { user: settings.user, pass: settings.password },
    tls: { rejectUnauthorized: settings.rejectUnauthorized },
    logger: false,
    // A mailbox that does not answer must not hold the job for ever.
    connectionTimeout: 30_000,
    greetingTimeout: 15_000,
    socketTimeout: 120_000,
  });
  client.on("error", (error: unknown) => deps.log.warn("inbound mailbox connection", { error }));
  await client.connect();
  try {
    const processed = settings.processedMailbox;
    if (processed && !(await client.list()).some((m) => m.path === processed)) await client.mailboxCreate(processed);
    const lock = await client.getMailboxLock(settings.mailbox);
    try {
      const found = await client.search(processed ? { all: true } : { seen: false }, { uid: true });
      const uids = Array.isArray(found) ? found : [];
      const councils = await councilAddresses(deps);
      const shared = { ...options, councils, fallbackCouncil: options.fallbackCouncil ?? settings.council };
      for (const uid of uids) {
        const meta = await client.fetchOne(String(uid), { uid: true, size: true, envelope: true }, { uid: true });
        if (!meta) continue;
        report.read++;
        let result: MessageResult;
        if ((meta.size ?? 0) > settings.maxMessageBytes) {
          const e = meta.envelope;
          const first = e?.from?.[0];
          result = await recordTooLarge(
            deps,
            {
              messageId: e?.messageId ?? null,
              from: first?.address ? { address: first.address.toLowerCase(), name: first.name ?? "" } : null,
              subject: e?.subject ?? null,
              date: e?.date ? new Date(e.date) : null,
              to: [...(e?.to ?? []), ...(e?.cc ?? [])].flatMap((a) => (a.address ? [a.address.toLowerCase()] : [])),
              sizeBytes: meta.size ?? 0,
            },
            shared,
          );
        } else {
          const full = await client.fetchOne(String(uid), { uid: true, source: true }, { uid: true });
          if (!full || !full.source) continue;
          result = await processMessage(deps, full.source, shared);
        }
        if (!result.done) {
          report.left++;
          continue;
        }
        // Only now, with the case written: marked read, then moved out of the way.
        await client.messageFlagsAdd(String(uid), ["\\Seen"], { uid: true });
        if (processed) await client.messageMove(String(uid), processed, { uid: true });
        report.done++;
        report.byOutcome[result.outcome] = (report.byOutcome[result.outcome] ?? 0) + 1;
      }
    } finally {
      lock.release();
    }
  } finally {
    await client.logout().catch(() => client.close());
  }
  return report;
}

// ---------------------------------------------------------------------------------------------
// What staff see
// ---------------------------------------------------------------------------------------------

/** The council's inbound email, newest first: received, what became of it, the case it went to. */
/**
 * Whether this server reads a mailbox at all (IMAP_URL), and which: without one, an empty list
 * would read as "no email has come", when none can.
 */
export function inboundStatus(ctx: Context, staff: StaffPrincipal): { connected: boolean; mailbox: string | null } {
  if (!hasRole(staff, INBOUND_MAIL_READERS)) throw noAccess("Only complaints managers see the inbound mailbox's record");
  const settings = ctx.deps.config.inbound;
  return settings ? { connected: true, mailbox: `${settings.mailbox} at ${settings.host}` } : { connected: false, mailbox: null };
}

export async function listInbound(ctx: Context, staff: StaffPrincipal, input: { limit: number }) {
  if (!hasRole(staff, INBOUND_MAIL_READERS)) throw noAccess("Only complaints managers see the inbound mailbox's record");
  const rows = await inboundMailRepository.list(ctx.db, staff.councilId, { limit: input.limit });
  return rows.map((r) => ({
    id: r.id,
    receivedAt: r.receivedAt.toISOString(),
    sentAt: r.sentAt?.toISOString() ?? null,
    from: r.fromAddress,
    fromName: r.fromName,
    subject: r.subject,
    outcome: r.outcome,
    reason: r.reason,
    quotedReference: r.quotedReference,
    case: r.caseId ? { caseId: r.caseId, reference: r.caseReference, url: `/cases/${r.caseId}` } : null,
    attachments: (r.details["attachments"] as AttachmentOutcome | undefined) ?? null,
  }));
}
