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
 * Failures before the connection was made, when nothing of the message can have gone: the
 * name did not resolve (EDNS), the TCP connect failed (ECONNREFUSED and the like: nodemailer
 * reports them as ESOCKET but keeps the `connect` syscall), or the connection or the server's
 * greeting timed out (nodemailer's messages for its connectionTimeout and greetingTimeout).
 */
function beforeConnecting(e: { code?: string; syscall?: string; message?: string }): boolean {
  if (e.code === "EDNS" || e.syscall === "connect" || e.syscall === "getaddrinfo") return true;
  return e.code === "ETIMEDOUT" && /^(Connection timeout|Greeting never received)/.test(e.message ?? "");
}

/**
 * What an SMTP failure means for sending again: a 5xx reply is a permanent rejection, a 4xx
 * one or a server never reached is worth retrying. A connection lost or gone silent once it
 * was made may have lost only the "250" after the message was taken, and nodemailer 7 says
 * command "CONN" for all of these whatever was under way: so it may have been delivered, and is
 * never sent again by itself (docs/decisions/0318-writing-to-residents.md).
 */
export function smtpOutcome(error: unknown): SendError {
  const e = error as { responseCode?: number; code?: string; syscall?: string; message?: string; response?: string };
  const text = e.response ?? e.message ?? String(error);
  if (typeof e.responseCode === "number" && e.responseCode >= 500) return new SendError(`The mail server refused it: ${text}`, "permanent");
  if (typeof e.responseCode === "number" && e.responseCode >= 400) return new SendError(`The mail server asked to try later: ${text}`, "retry");
  if ((e.code === "ESOCKET" || e.code === "ETIMEDOUT" || e.code === "ECONNECTION") && !beforeConnecting(e)) {
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
