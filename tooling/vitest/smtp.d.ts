export interface ReceivedMail {
  /** The envelope's recipients, comma-separated. */
  to: string;
  subject: string;
  /** The Message-ID header, with its angle brackets. */
  messageId: string | null;
  /** The whole message as sent (headers and body, CRLF). */
  data: string;
}

export interface SmtpSink {
  port: number;
  /** smtp://127.0.0.1:<port>/?ignoreTLS=true, for SMTP_URL or smtpTransport. */
  url: string;
  /** Every message accepted, in order. */
  readonly received: ReceivedMail[];
  /** Answers the next message with this SMTP reply instead of accepting it (e.g. 550, 451). */
  reject(code: number, text: string): void;
  /**
   * Takes each of the next `count` messages (default 1) whole, keeps it in `received`, then drops
   * the connection before answering "250": the sender cannot know it was delivered.
   */
  dropAfterData(count?: number): void;
  /** Takes each of the next `count` messages (default 1) whole, keeps it, and never answers. */
  neverAnswer(count?: number): void;
  /** How many senders are connected now. */
  openConnections(): number;
  close(): Promise<void>;
}

/** Starts a real SMTP server on localhost; `delayMs` makes it take that long over each message. */
export declare function startSmtpSink(options?: { delayMs?: number }): Promise<SmtpSink>;
