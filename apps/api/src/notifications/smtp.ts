/**
 * Email through SMTP with nodemailer (`smtp://user:pass@host:587`, `smtps://…:465`): the letter
 * attached as a PDF, the Message-ID ours so replies and bounces find their outbox row.
 */
import net from "node:net";
import nodemailer from "nodemailer";
import SMTPTransport from "nodemailer/lib/smtp-transport/index.js";
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

/**
 * `timeoutMs`: the most one message may take (sendTimeoutMs, a quarter of the outbox lease). A
 * hard limit: nodemailer's own timeouts do not end a send whose server goes silent after the
 * message (it would hang the in-process job chain), so the send races a timer and its
 * connection is cut when the timer wins. Each send opens its own TCP connection (handed to
 * nodemailer, which still does TLS and SMTP), so there is a connection to cut, and a timeout
 * before it connected is known to have sent nothing.
 */
export function smtpTransport(url: string, timeoutMs = 30_000): Transport {
  return {
    name: "smtp",
    async sendEmail(message) {
      let socket: net.Socket | undefined;
      let connected = false;
      const options: SMTPTransport.Options = {
        url,
        connectionTimeout: timeoutMs / 3,
        greetingTimeout: timeoutMs / 3,
        socketTimeout: timeoutMs,
        getSocket(settings, callback) {
          const opened = net.connect({ host: settings.host ?? "localhost", port: Number(settings.port) || (settings.secure ? 465 : 587) });
          socket = opened;
          opened.once("connect", () => {
            connected = true;
            callback(null, { connection: opened });
          });
          // Once connected, nodemailer listens for the socket's errors itself.
          opened.once("error", (error) => void (connected || callback(error, null)));
        },
      };
      // Built as an SMTPTransport: given a plain object with a `url`, createTransport keeps only
      // what the URL says and drops the timeouts and getSocket.
      const transport = nodemailer.createTransport(new SMTPTransport(options));
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          socket?.destroy();
          reject(
            connected
              ? new SendError(`The mail server did not answer within ${timeoutMs / 1000} seconds; it may have taken the message`, "unknown")
              : new SendError(`Could not reach the mail server within ${timeoutMs / 1000} seconds`, "retry"),
          );
        }, timeoutMs);
      });
      try {
        const info = await Promise.race([transport.sendMail(mailOptions(message)), timedOut]);
        return { provider: "smtp", providerId: info.messageId ?? null, messageId: message.messageId };
      } catch (error) {
        throw error instanceof SendError ? error : smtpOutcome(error);
      } finally {
        clearTimeout(timer);
        transport.close();
      }
    },
    close: () => undefined,
  };
}
