/**
 * Email through SMTP with nodemailer (`smtp://user:pass@host:587`, `smtps://…:465`): the letter
 * attached as a PDF, the Message-ID ours so replies and bounces find their outbox row.
 */
import nodemailer from "nodemailer";
import type SMTPTransport from "nodemailer/lib/smtp-transport/index.js";
import { SendError, type EmailMessage, type Transport } from "./transport.js";

export function mailOptions(message: EmailMessage) {
  return {
    from: message.from.name ? { name: message.from.name, address: message.from.address } : message.from.address,
    to: message.to,
    ...(message.replyTo ? { replyTo: message.replyTo } : {}),
    subject: message.subject,
    text: message.text,
    messageId: message.messageId,
    attachments: message.attachment ? [{ filename: message.attachment.filename, content: Buffer.from(message.attachment.content), contentType: "application/pdf" }] : [],
  };
}

/**
 * What an SMTP failure means for sending again: a 5xx reply is a permanent rejection, a 4xx
 * one or a connection that never got as far as the message is worth retrying; a connection
 * lost while the message was being handed over may have delivered it.
 */
export function smtpOutcome(error: unknown): SendError {
  const e = error as { responseCode?: number; command?: string; code?: string; message?: string; response?: string };
  const text = e.response ?? e.message ?? String(error);
  if (typeof e.responseCode === "number" && e.responseCode >= 500) return new SendError(`The mail server refused it: ${text}`, "permanent");
  if (typeof e.responseCode === "number" && e.responseCode >= 400) return new SendError(`The mail server asked to try later: ${text}`, "retry");
  if (e.command === "DATA" || e.command === "DATA_END" || e.code === "ESOCKET" || e.code === "ETIMEDOUT") {
    if (e.command === "CONN" || e.command === "EHLO" || e.command === "HELO") return new SendError(`Could not reach the mail server: ${text}`, "retry");
    return new SendError(`The connection to the mail server was lost while sending: ${text}`, "unknown");
  }
  return new SendError(`Could not reach the mail server: ${text}`, "retry");
}

/** `timeoutMs`: the most one message may take (sendTimeoutMs). */
export function smtpTransport(url: string, timeoutMs = 30_000): Transport {
  const options: SMTPTransport.Options = {
    url,
    connectionTimeout: timeoutMs / 3,
    greetingTimeout: timeoutMs / 3,
    socketTimeout: timeoutMs,
  };
  const transport = nodemailer.createTransport(options);
  return {
    name: "smtp",
    async sendEmail(message) {
      try {
        const info = await transport.sendMail(mailOptions(message));
        return { provider: "smtp", providerId: info.messageId ?? null, messageId: message.messageId };
      } catch (error) {
        throw smtpOutcome(error);
      }
    },
    close: () => transport.close(),
  };
}
