/**
 * Notifications and correspondence: written to the outbox in the transaction that causes them
 * (or by the sweep), then delivered by the configured transport — staff email, and what is
 * written to residents by email, text message and post (docs/decisions/0318-writing-to-residents.md).
 *
 * Exactly once across processes: a message is claimed with SKIP LOCKED and a lease and marked
 * "sending" (committed) before the transport is called. A message still "sending" when its lease
 * ran out had a worker die mid-send: it is never sent again blindly. Notify is asked by our
 * reference and its answer adopted; over SMTP, which cannot be asked, it becomes "uncertain" and
 * goes to staff to check and resend. Without a transport, email and text messages wait
 * (staff see "email is not set up"); post still goes to the print room.
 */
import { randomBytes } from "node:crypto";
import type { ChannelSettings, Clock } from "@complaints/core";
import {
  authRepository,
  inTransaction,
  letterRepository,
  notificationRepository,
  type Executor,
  type NewNotification,
  type OutboxEntry,
} from "@complaints/db";
import type { CouncilDirectory } from "../councils.js";
import type { Logger } from "../logger.js";
import { SendError, type Accepted, type EmailMessage, type Transport } from "./transport.js";

/**
 * Called inside the transaction that marks a correspondence message sent (helper slices record
 * on the case that the resident was told; the deadline is met when they are).
 */
export type SentHandler = (trx: Executor, entry: OutboxEntry, sentAt: Date) => Promise<void>;

export interface DeliveryReport {
  sent: number;
  failed: number;
  /** Waiting for the print room's batch. */
  toPrintRoom?: number;
  /** May or may not have gone; staff check. */
  uncertain?: number;
}

export interface NotifierOptions {
  /** Email and text messages (null: none leave; they wait in the outbox). */
  transport: Transport | null;
  /** Post: the print room, or GOV.UK Notify's precompiled letters through this transport. */
  letters: { by: "print-room" } | { by: "notify"; transport: Transport };
  /** The sender of staff notifications (SMTP_FROM). */
  staffFrom: string;
  /** How long a claimed message is this worker's (OUTBOX_LEASE_SECONDS): far longer than a transport may take (sendTimeoutMs). */
  leaseSeconds?: number;
  councils: CouncilDirectory;
}

/** The lease when the settings give none (OUTBOX_LEASE_SECONDS). */
export const LEASE_SECONDS = 120;

/** Minutes before attempt n+1 after n failed ones: 1, 2, 4 … an hour at most. */
export function backoffMinutes(attempts: number): number {
  return Math.min(60, 2 ** Math.max(0, attempts - 1));
}

/** `<outbox-<id>.<first 8 hex of the council id>@<sender's domain>>`: replies and bounces quote it. */
export function messageIdFor(entry: Pick<OutboxEntry, "id" | "councilId">, senderAddress: string): string {
  const domain = senderAddress.split("@")[1]?.trim() || "localhost";
  return `<outbox-${entry.id}.${entry.councilId.replace(/-/g, "").slice(0, 8)}@${domain}>`;
}

/**
 * Our reference for a message at a provider (no personal data: Notify keeps it). A message
 * staff sent again gets a new one (`.r` and the resend's time): Notify keeps the first send
 * under the old reference, and a lookup after a cut-off resend must not adopt that one.
 */
export function referenceFor(entry: Pick<OutboxEntry, "id" | "councilId" | "resolvedAt">): string {
  const base = `outbox-${entry.id}.${entry.councilId.replace(/-/g, "").slice(0, 8)}`;
  // Only a resend leaves resolved_at set on a message that is being sent (resolveProblem never requeues).
  return entry.resolvedAt ? `${base}.r${Math.floor(entry.resolvedAt.getTime() / 1000).toString(36)}` : base;
}

const NO_CODE = "(not repeated here: ask us for it)";

/** The text with the receipt's tracking code put in where it says {{trackingCode}}. */
function withTrackingCode(text: string, code: unknown): string {
  return text.replaceAll("{{trackingCode}}", typeof code === "string" && code ? code : NO_CODE);
}

/**
 * The text as the resident is sent it: each secret of the row (`payload.secrets`, e.g. the
 * survey's single-use link, and the receipt's `payload.trackingCode`) put in where the text says
 * {{name}}. Staff views never show the secrets and the row loses them once sent
 * (packages/db/src/notifications.ts `forStaff`, `markSent`).
 */
export function withSecrets(text: string, payload: Record<string, unknown>): string {
  const secrets = payload["secrets"];
  let out = text;
  if (secrets && typeof secrets === "object") {
    for (const [name, value] of Object.entries(secrets as Record<string, unknown>)) if (typeof value === "string") out = out.replaceAll(`{{${name}}}`, value);
  }
  return withTrackingCode(out, payload["trackingCode"]);
}

export class Notifier {
  /** Names this process in the outbox's lock column. */
  readonly worker = `api-${process.pid}-${randomBytes(4).toString("hex")}`;
  private kicker: (() => void) | null = null;
  private kickTimers: NodeJS.Timeout[] = [];

  constructor(
    private readonly db: Executor,
    private readonly options: NotifierOptions,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly sentHandlers: SentHandler[] = [],
  ) {}

  /**
   * The same notifier on another clock, sharing its onSent handlers: the demo seed sends each
   * message on the day its step happened (apps/api/src/seed/demo.ts). It delivers only when
   * asked (no kicks).
   */
  withClock(clock: Clock): Notifier {
    return new Notifier(this.db, this.options, clock, this.log, this.sentHandlers);
  }

  get transport(): Transport | null {
    return this.options.transport;
  }

  /**
   * What this server can send besides post (core's ChannelSettings): text messages only through
   * a transport that sends them (GOV.UK Notify), so a council on SMTP does not queue texts that
   * can only fail. Email is kept when no transport is set up: those messages wait in the outbox,
   * say why (services/correspondence.ts) and go once MAIL_TRANSPORT is set (decision 0318).
   */
  get channels(): ChannelSettings {
    return { email: true, sms: typeof this.options.transport?.sendSms === "function" };
  }

  /** Adds notifications in the caller's transaction; repeats of a dedupe key are skipped. */
  async enqueue(db: Executor, notifications: readonly NewNotification[]): Promise<number[]> {
    const ids = await notificationRepository.enqueue(db, notifications, this.clock.now());
    if (ids.length && notifications.some((n) => n.kind === "correspondence")) this.kickSoon();
    return ids;
  }

  /** Registers a handler run in the transaction that marks a correspondence message sent. */
  onSent(handler: SentHandler): void {
    this.sentHandlers.push(handler);
  }

  /**
   * Runs the onSent handlers for messages another part marked sent in `trx` (the print room's
   * batch confirmed: its letters are in the post).
   */
  async sent(trx: Executor, entries: readonly OutboxEntry[], at: Date): Promise<void> {
    for (const entry of entries) if (entry.kind === "correspondence") for (const handler of this.sentHandlers) await handler(trx, entry, at);
  }

  /** The job runner's way to run a delivery now (jobs/runner.ts). */
  setKicker(kick: (() => void) | null): void {
    this.kicker = kick;
  }

  /**
   * Correspondence was just enqueued: deliver it in a moment, once the caller's transaction has
   * committed (a receipt should reach the resident within a minute, not wait for the schedule).
   * The enqueue happens inside that transaction, which kysely gives no after-commit hook for, so
   * the delivery runs twice, shortly after and a few seconds later; the every-minute schedule
   * remains the backstop.
   */
  kickSoon(): void {
    if (!this.kicker || this.kickTimers.length) return;
    const kick = this.kicker;
    this.kickTimers = [300, 3_000].map((ms, i, all) =>
      setTimeout(() => {
        if (i === all.length - 1) this.kickTimers = [];
        kick();
      }, ms).unref(),
    );
  }

  close(): void {
    for (const t of this.kickTimers) clearTimeout(t);
    this.kickTimers = [];
    this.options.transport?.close();
    if (this.options.letters.by === "notify" && this.options.letters.transport !== this.options.transport) this.options.letters.transport.close();
  }

  /** What can leave now: staff email and resident email/SMS with a transport, post always. */
  private kinds(): { kinds: string[]; channels?: ("email" | "sms" | "post")[] } {
    if (this.options.transport) return { kinds: [...EMAIL_KINDS, "correspondence"] };
    return { kinds: ["correspondence"], channels: ["post"] };
  }

  /**
   * Delivers what is waiting: first settles messages a dead worker left mid-send, then sends
   * queued ones. Safe to run from several processes at once.
   */
  async deliverPending(limit = 50): Promise<DeliveryReport> {
    const report: DeliveryReport = { sent: 0, failed: 0, toPrintRoom: 0, uncertain: 0 };
    const stale = await notificationRepository.claimStale(this.db, { worker: this.worker, now: this.clock.now(), leaseSeconds: this.options.leaseSeconds ?? LEASE_SECONDS, limit });
    for (const entry of stale) await this.recover(entry, report);
    const batch = await notificationRepository.claim(this.db, { worker: this.worker, now: this.clock.now(), leaseSeconds: this.options.leaseSeconds ?? LEASE_SECONDS, limit, ...this.kinds() });
    for (const entry of batch) await this.deliver(entry, report);
    return report;
  }

  /** Marks one claimed message "sending" (committed), sends it and records the outcome. */
  private async deliver(claimed: OutboxEntry, report: DeliveryReport): Promise<void> {
    const entry = await notificationRepository.markSending(this.db, { id: claimed.id, worker: this.worker, now: this.clock.now(), leaseSeconds: this.options.leaseSeconds ?? LEASE_SECONDS });
    if (!entry) return; // another worker took it over (this one was too slow)
    return this.attempt(entry, report);
  }

  private async attempt(entry: OutboxEntry, report: DeliveryReport): Promise<void> {
    let accepted: Accepted | "print-room";
    try {
      accepted = await this.send(entry);
    } catch (error) {
      const outcome = error instanceof SendError ? error.outcome : "retry";
      const message = error instanceof Error ? error.message : String(error);
      const now = this.clock.now();
      if (outcome === "permanent") {
        await notificationRepository.markFailed(this.db, { id: entry.id, worker: this.worker, error: message, now });
        report.failed += 1;
      } else if (outcome === "unknown") {
        if (this.providerFor(entry)?.lookup) {
          await notificationRepository.markUnknown(this.db, { id: entry.id, worker: this.worker, error: message, now });
        } else {
          await notificationRepository.markUncertain(this.db, { id: entry.id, worker: this.worker, reason: uncertainReason(entry, message) });
          report.uncertain! += 1;
        }
      } else {
        const retryAt = new Date(now.getTime() + backoffMinutes(entry.attempts) * 60_000);
        const state = await notificationRepository.markRetry(this.db, { id: entry.id, worker: this.worker, error: message, now, retryAt });
        if (state === "failed") report.failed += 1;
      }
      this.log.warn("message not sent", { outboxId: entry.id, kind: entry.kind, channel: entry.channel, outcome, error: message });
      return;
    }
    if (accepted === "print-room") {
      report.toPrintRoom! += 1;
      return;
    }
    // Outside the try: the message went. Should recording it fail (the database gone), the row
    // stays "sending" and its lease runs out: it is then adopted from Notify or reported
    // uncertain, never queued again.
    await this.recordSent(entry, accepted);
    report.sent += 1;
  }

  /** The transport a message goes by (null: none is set up for it). */
  private providerFor(entry: Pick<OutboxEntry, "channel" | "kind">): Transport | null {
    if (entry.channel === "post") return this.options.letters.by === "notify" ? this.options.letters.transport : null;
    return this.options.transport;
  }

  private async send(entry: OutboxEntry): Promise<Accepted | "print-room"> {
    if (entry.kind !== "correspondence") return this.sendStaffEmail(entry);
    const payload = entry.payload;
    const reference = referenceFor(entry);
    if (entry.channel === "post") {
      const letterId = typeof payload["letterId"] === "string" ? payload["letterId"] : null;
      if (!letterId) throw new SendError("A letter by post needs the issued letter (payload.letterId)", "permanent");
      if (this.options.letters.by === "print-room") {
        const queued = await notificationRepository.queueForPrintRoom(this.db, { id: entry.id, worker: this.worker, councilId: entry.councilId, letterId });
        if (!queued) throw new SendError("The message was taken over by another worker", "retry");
        return "print-room";
      }
      const { pdf } = await letterRepository.getLetterPdf(this.db, letterId);
      return this.options.letters.transport.sendLetter!({ pdf, reference });
    }
    const transport = this.options.transport;
    if (!transport) throw new SendError("Email is not set up (MAIL_TRANSPORT)", "retry");
    const text = withSecrets(String(payload["text"] ?? ""), payload);
    if (entry.channel === "sms") {
      if (!transport.sendSms) throw new SendError(`Text messages need GOV.UK Notify (MAIL_TRANSPORT=notify); ${transport.name} cannot send them`, "permanent");
      const phone = entry.recipient.phone?.trim();
      if (!phone) throw new SendError("No mobile number for the recipient", "permanent");
      return transport.sendSms({ to: phone, text, reference });
    }
    const to = entry.recipient.email?.trim();
    if (!to) throw new SendError("No email address for the recipient", "permanent");
    const { profile } = await this.options.councils.get(entry.councilId);
    const address = profile.correspondence.fromEmail ?? (profile.letterhead.email.includes("@") ? profile.letterhead.email : this.options.staffFrom);
    const letterId = typeof payload["letterId"] === "string" ? payload["letterId"] : null;
    let attachment: EmailMessage["attachment"] = null;
    if (letterId) {
      const { meta, pdf } = await letterRepository.getLetterPdf(this.db, letterId);
      attachment = { filename: `${String(payload["reference"] ?? "letter")}-${meta.kind}.pdf`.replace(/[^A-Za-z0-9._-]/g, "-"), content: pdf };
    }
    return transport.sendEmail({
      to,
      from: { name: profile.correspondence.fromName ?? profile.name, address },
      replyTo: profile.correspondence.replyTo ?? null,
      subject: withSecrets(String(payload["subject"] ?? ""), payload),
      text,
      messageId: messageIdFor(entry, address),
      reference,
      attachment,
    });
  }

  private async sendStaffEmail(entry: OutboxEntry): Promise<Accepted> {
    const transport = this.options.transport;
    if (!transport) throw new SendError("Email is not set up (MAIL_TRANSPORT)", "retry");
    const to = await this.addressOf(entry);
    if (!to) throw new SendError("No email address for the recipient", "permanent");
    return transport.sendEmail({
      to,
      from: { name: null, address: this.options.staffFrom },
      replyTo: null,
      subject: String(entry.payload["subject"] ?? entry.kind),
      text: String(entry.payload["text"] ?? ""),
      messageId: messageIdFor(entry, this.options.staffFrom),
      reference: referenceFor(entry),
      attachment: null,
    });
  }

  /**
   * Marks the message sent and runs the onSent handlers in the same transaction. Should a
   * handler fail, the message is still recorded as sent (it was) and the failure logged: a
   * sent message left "sending" would be reported uncertain and perhaps sent again.
   */
  private async recordSent(entry: OutboxEntry, accepted: Accepted, at = this.clock.now()): Promise<OutboxEntry | undefined> {
    const record = { id: entry.id, at, provider: accepted.provider, providerId: accepted.providerId, messageId: accepted.messageId ?? null };
    try {
      return await inTransaction(this.db, async (trx) => {
        const sent = await notificationRepository.markSent(trx, record);
        if (sent?.kind === "correspondence") for (const handler of this.sentHandlers) await handler(trx, sent, at);
        return sent;
      });
    } catch (error) {
      this.log.error("recording a sent message on its case failed; recorded as sent without it", { outboxId: entry.id, error });
      return notificationRepository.markSent(this.db, record);
    }
  }

  /**
   * A message its worker left "sending" when its lease ran out. Post to the print room is one
   * transaction, so it is simply done again; Notify is asked by our reference and its answer
   * adopted (never received: queued again); anything else may have gone and is "uncertain".
   */
  private async recover(entry: OutboxEntry, report: DeliveryReport): Promise<void> {
    if (entry.channel === "post" && this.options.letters.by === "print-room") return this.attempt(entry, report);
    const provider = entry.kind === "correspondence" ? this.providerFor(entry) : this.options.transport;
    if (provider?.lookup) {
      let found;
      try {
        found = await provider.lookup(referenceFor(entry));
      } catch (error) {
        // Notify cannot be asked now: leave it for the next pass (its lease ends at once).
        await notificationRepository.markUnknown(this.db, { id: entry.id, worker: this.worker, error: (error as Error).message, now: this.clock.now() });
        return;
      }
      if (!found) {
        // An attempt like any other: counted, with the same growing wait, so a send that never
        // reaches the provider fails for staff in the end instead of going round for ever.
        const now = this.clock.now();
        const retryAt = new Date(now.getTime() + backoffMinutes(entry.attempts) * 60_000);
        const state = await notificationRepository.markRetry(this.db, { id: entry.id, worker: this.worker, error: `${provider.name === "notify" ? "GOV.UK Notify" : provider.name} never received it${entry.lastError ? ` (${entry.lastError})` : ""}`, now, retryAt });
        if (state === "failed") report.failed += 1;
        this.log.info("message cut off mid-send was never received by the provider; queued again", { outboxId: entry.id, state });
        return;
      }
      const sent = await this.recordSent(entry, { provider: provider.name, providerId: found.providerId });
      report.sent += 1;
      if (sent && found.status.state !== "sending") await this.recordStatus(sent, found.status);
      return;
    }
    await notificationRepository.markUncertain(this.db, { id: entry.id, worker: this.worker, reason: uncertainReason(entry, "the sending process stopped while handing it over") });
    report.uncertain! += 1;
    this.log.warn("message may or may not have been sent", { outboxId: entry.id, kind: entry.kind, channel: entry.channel });
  }

  /**
   * Asks the provider what became of messages it accepted but has not reported on (Notify), and
   * records delivered or failed (a failure puts the case in the work queue).
   */
  async pollStatuses(limit = 200): Promise<{ checked: number; delivered: number; failed: number }> {
    const result = { checked: 0, delivered: 0, failed: 0 };
    const notify = this.options.transport?.name === "notify" ? this.options.transport : this.options.letters.by === "notify" ? this.options.letters.transport : null;
    if (!notify?.status) return result;
    for (const entry of await notificationRepository.awaitingStatus(this.db, { provider: "notify", limit })) {
      if (!entry.providerId) continue;
      try {
        const status = await notify.status(entry.providerId);
        result.checked += 1;
        if (status.state === "sending") continue;
        await this.recordStatus(entry, status);
        result[status.state] += 1;
      } catch (error) {
        this.log.warn("delivery status not available", { outboxId: entry.id, error: (error as Error).message });
      }
    }
    return result;
  }

  private async recordStatus(entry: OutboxEntry, status: { state: "delivered" } | { state: "failed"; reason: string }): Promise<void> {
    await notificationRepository.recordDeliveryStatus(this.db, {
      councilId: entry.councilId,
      id: entry.id,
      status: status.state,
      reason: status.state === "failed" ? `${channelNoun(entry)} was not delivered: ${status.reason}` : null,
      at: this.clock.now(),
    });
  }

  private async addressOf(entry: OutboxEntry): Promise<string | null> {
    if (entry.recipient.email) return entry.recipient.email;
    if (entry.recipient.staffId) {
      const staff = await authRepository.findStaffById(this.db, entry.recipient.staffId);
      return staff?.active ? staff.email : null;
    }
    return null;
  }
}

function channelNoun(entry: Pick<OutboxEntry, "channel">): string {
  return entry.channel === "sms" ? "The text message to the resident" : entry.channel === "post" ? "The letter to the resident" : "The email to the resident";
}

function uncertainReason(entry: Pick<OutboxEntry, "channel">, why: string): string {
  return `${channelNoun(entry)} may or may not have been sent (${why}): check with the resident and resend it if it did not arrive`;
}

/** The kinds of staff notification that go out by email; `letter` entries are work for the letters service. */
export const EMAIL_KINDS = [
  "reminder",
  "overdue",
  "chase-service",
  "holding-response-due",
  "conduct-review-due",
  "improvement-action-overdue",
  "case-notification",
  /** A quality check's finding, to the case's handler and the Head of Service (issue 7). */
  "qa-finding",
  /** A quality check's remedial action past its due date, to its owner. */
  "qa-remedial-action-overdue",
  /** The scheduled verification found a broken chain in the audit log, to the administrators. */
  "audit-log-broken",
] as const;
export type EmailKind = (typeof EMAIL_KINDS)[number];
