/**
 * One small interface for every way a message leaves (docs/decisions/0318-writing-to-residents.md):
 * SMTP (smtp.ts), .eml files in a folder (directory.ts) and GOV.UK Notify (notify.ts). The
 * Notifier (notifier.ts) decides what to send and records what happened; a transport only
 * carries one message and says how it went.
 */

export interface EmailMessage {
  to: string;
  from: { name: string | null; address: string };
  replyTo: string | null;
  subject: string;
  text: string;
  /** `<outbox-<id>.<council>@<sender's domain>>` (SMTP; Notify sets its own). */
  messageId: string;
  /** Unique per outbox row and free of personal data: Notify's `reference`, the .eml file's name. */
  reference: string;
  /** The issued letter: attached (SMTP), or sent with Notify's file link. */
  attachment: { filename: string; content: Uint8Array } | null;
}

export interface SmsMessage {
  to: string;
  text: string;
  reference: string;
}

/** A precompiled letter: the issued PDF, posted by the provider. */
export interface LetterMessage {
  pdf: Uint8Array;
  reference: string;
}

/** The transport took the message. */
export interface Accepted {
  provider: string;
  providerId: string | null;
  /** The Message-ID it went with, where we set it (SMTP, files). */
  messageId?: string | null;
}

/** What the provider knows of a message's delivery. */
export type ProviderStatus = { state: "sending" } | { state: "delivered" } | { state: "failed"; reason: string };

/**
 * A send that did not go through. `retry`: nothing was sent and a later attempt may work (a
 * connection refused, a 4xx SMTP reply, Notify busy); `permanent`: it never will (a 5xx SMTP
 * rejection, Notify refusing the address); `unknown`: the request went and the answer was lost,
 * so it may have been sent.
 */
export class SendError extends Error {
  override readonly name = "SendError";
  constructor(
    message: string,
    readonly outcome: "retry" | "permanent" | "unknown",
  ) {
    super(message);
  }
}

export interface Transport {
  /** Recorded as the row's provider: "smtp", "directory", "notify". */
  readonly name: string;
  sendEmail(message: EmailMessage): Promise<Accepted>;
  /** Text messages, where the transport has them (Notify). */
  sendSms?(message: SmsMessage): Promise<Accepted>;
  /** Letters by post, where the transport has them (Notify's precompiled letters). */
  sendLetter?(message: LetterMessage): Promise<Accepted>;
  /**
   * Where the provider can be asked by our reference (Notify): what it holds for it, or null
   * when it never received it. Without it, a send cut off mid-way cannot be checked.
   */
  lookup?(reference: string): Promise<{ providerId: string; status: ProviderStatus } | null>;
  /** The delivery status of a message the provider accepted (Notify). */
  status?(providerId: string): Promise<ProviderStatus>;
  close(): void;
}

/**
 * How long a transport may take over one message: a quarter of the outbox lease
 * (OUTBOX_LEASE_SECONDS), so a send is never still running when its lease runs out and another
 * worker looks at it.
 */
export function sendTimeoutMs(leaseSeconds: number): number {
  return Math.min(30_000, Math.floor((leaseSeconds * 1000) / 4));
}
