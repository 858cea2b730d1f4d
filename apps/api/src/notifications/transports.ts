/**
 * The transports the settings ask for (config.ts: MAIL_TRANSPORT, LETTERS_BY; decision 0318):
 * one for email and text messages, and who posts letters.
 */
import type { ApiConfig } from "../config.js";
import { directoryTransport } from "./directory.js";
import type { NotifierOptions } from "./notifier.js";
import { notifyTransport } from "./notify.js";
import { smtpTransport } from "./smtp.js";
import { sendTimeoutMs, type Transport } from "./transport.js";

export function transportsFor(config: Pick<ApiConfig, "mail" | "notify" | "lettersBy" | "outboxLeaseSeconds">): Pick<NotifierOptions, "transport" | "letters"> {
  const timeout = sendTimeoutMs(config.outboxLeaseSeconds);
  let notify: Transport | null = null;
  const notifyOnce = () => {
    if (!config.notify) throw new Error("GOV.UK Notify needs NOTIFY_API_KEY");
    return (notify ??= notifyTransport(config.notify, timeout));
  };
  const mail = config.mail;
  const transport =
    mail.transport === "smtp" ? smtpTransport(mail.url, timeout) : mail.transport === "directory" ? directoryTransport(mail.dir) : mail.transport === "notify" ? notifyOnce() : null;
  return { transport, letters: config.lettersBy === "notify" ? { by: "notify", transport: notifyOnce() } : { by: "print-room" } };
}

/** One line for the start-up banner: how mail leaves. */
export function describeMail(config: Pick<ApiConfig, "mail" | "lettersBy">): string {
  const mail = config.mail;
  const email =
    mail.transport === "smtp"
      ? `SMTP (${new URL(mail.url).host})`
      : mail.transport === "notify"
        ? "GOV.UK Notify"
        : mail.transport === "directory"
          ? `written as .eml files to ${mail.dir} (open them to see what residents would get)`
          : "not set up; email and text messages wait in the outbox (notifications.outbox)";
  return `${email}; letters by post: ${config.lettersBy === "notify" ? "GOV.UK Notify" : "the print room's batches"}`;
}
