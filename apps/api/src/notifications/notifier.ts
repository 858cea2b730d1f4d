/**
 * Notifications: written to the outbox (in the transaction that causes them, or by the
 * sweep), then emailed through SMTP when it is configured. Without SMTP the outbox is where
 * staff read them (notifications.outbox).
 */
import { randomBytes } from "node:crypto";
import nodemailer from "nodemailer";
import type { Clock } from "@complaints/core";
import { authRepository, notificationRepository, type Executor, type NewNotification, type OutboxEntry } from "@complaints/db";
import type { Logger } from "../logger.js";

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  send(message: MailMessage): Promise<void>;
  close(): void;
}

/** Email through SMTP with nodemailer (`smtp://user:pass@host:587`, `smtps://…:465`). */
export function smtpMailer(url: string, from: string): Mailer {
  const transport = nodemailer.createTransport(url);
  return {
    async send(message) {
      await transport.sendMail({ from, to: message.to, subject: message.subject, text: message.text });
    },
    close: () => transport.close(),
  };
}

export interface DeliveryReport {
  sent: number;
  failed: number;
}

export class Notifier {
  /** Names this process in the outbox's lock column. */
  readonly worker = `api-${process.pid}-${randomBytes(4).toString("hex")}`;

  constructor(
    private readonly db: Executor,
    readonly mailer: Mailer | null,
    private readonly clock: Clock,
    private readonly log: Logger,
  ) {}

  /** Adds notifications in the caller's transaction; repeats of a dedupe key are skipped. */
  enqueue(db: Executor, notifications: readonly NewNotification[]): Promise<number[]> {
    return notificationRepository.enqueue(db, notifications, this.clock.now());
  }

  /**
   * Emails what is waiting, when SMTP is configured (letters to produce are left for the
   * letters service). Safe to run from several processes at once.
   */
  async deliverPending(limit = 50): Promise<DeliveryReport> {
    const report: DeliveryReport = { sent: 0, failed: 0 };
    if (!this.mailer) return report;
    const now = this.clock.now();
    const batch = await notificationRepository.claim(this.db, { worker: this.worker, now, leaseSeconds: 120, limit, kinds: EMAIL_KINDS });
    for (const entry of batch) {
      const to = await this.addressOf(entry);
      if (!to) {
        await notificationRepository.markFailed(this.db, entry.id, this.worker, "No email address for the recipient", now, now, true);
        report.failed += 1;
        continue;
      }
      try {
        await this.mailer.send({ to, subject: String(entry.payload.subject ?? entry.kind), text: String(entry.payload.text ?? "") });
        await notificationRepository.markSent(this.db, entry.id, this.worker, this.clock.now());
        report.sent += 1;
      } catch (error) {
        const retryAt = new Date(this.clock.now().getTime() + Math.min(60, 2 ** entry.attempts) * 60_000);
        await notificationRepository.markFailed(this.db, entry.id, this.worker, (error as Error).message, this.clock.now(), retryAt);
        this.log.warn("email failed", { outboxId: entry.id, error: (error as Error).message });
        report.failed += 1;
      }
    }
    return report;
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

/** The kinds that go out by email; `letter` entries are work for the letters service. */
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
  /** What is written to a resident (issue 15): only the email rows; post and SMS have their own senders. */
  "correspondence",
] as const;
export type EmailKind = (typeof EMAIL_KINDS)[number];
