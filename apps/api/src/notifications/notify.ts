/**
 * GOV.UK Notify through its official client, `notifications-node-client` (docs/decisions/
 * 0318-writing-to-residents.md; the templates a council makes: docs/notify-templates.md).
 * Email and text messages go through the council's templates with the whole text as
 * personalisation; an issued letter goes with an email as Notify's file link (prepareUpload),
 * and by post as a precompiled letter. Every message carries our reference, so a send cut off
 * mid-way is looked up rather than sent again; delivery is read back by the notification's id.
 *
 * Notify's API as documented in its REST API documentation (alphagov/notifications-tech-docs,
 * source/documentation/_api_docs.md): POST /v2/notifications/{email,sms,letter},
 * GET /v2/notifications/{id}, GET /v2/notifications?reference=…; statuses email/sms: created,
 * sending, pending, delivered, sent (international), permanent-failure, temporary-failure,
 * technical-failure; precompiled letters: pending-virus-check, accepted, received,
 * validation-failed, virus-scan-failed, technical-failure, permanent-failure, cancelled.
 */
import notifyClient from "notifications-node-client";
import type { NotifySettings } from "../config.js";
import { SendError, type Accepted, type ProviderStatus, type Transport } from "./transport.js";

const { NotifyClient } = notifyClient;

interface NotifyErrorBody {
  errors?: Array<{ error?: string; message?: string }>;
}

/** Errors of a request that never left: the name did not resolve, nothing listened. Nothing was sent. */
const NOT_REACHED = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH"]);

/**
 * What a failed Notify request means: 400 (a bad address, a missing template field) never
 * works; 403 (a wrong key), 429 (over the limit) and 5xx may once fixed or later, as may Notify
 * not reached at all (a refused connection, a name that does not resolve). Only a request
 * that went and got no answer (or timed out) may mean Notify has it: "unknown", looked up by
 * reference. The client's own checks throw a bare string before any request ("File is larger
 * than 2MB."): a file too large never goes, so `tooLarge` says why, for staff.
 */
export function notifyOutcome(error: unknown, tooLarge = "The file is larger than GOV.UK Notify accepts"): SendError {
  if (typeof error === "string") {
    const limit = /^File is larger than (\d+)MB/.exec(error);
    return new SendError(limit ? tooLarge : `GOV.UK Notify's client refused it: ${error}`, "permanent");
  }
  const e = error as { response?: { status: number; data?: NotifyErrorBody }; request?: unknown; code?: string; message?: string };
  if (e.response) {
    const detail = e.response.data?.errors?.map((x) => x.message ?? x.error).join("; ") ?? e.message ?? "";
    const text = `GOV.UK Notify answered ${e.response.status}: ${detail}`;
    return new SendError(text, e.response.status === 400 ? "permanent" : "retry");
  }
  const text = e.message ?? String(error);
  if (e.code && NOT_REACHED.has(e.code)) return new SendError(`Could not reach GOV.UK Notify: ${text}`, "retry");
  if (e.request || e.code === "ECONNABORTED" || e.code === "ETIMEDOUT") return new SendError(`No answer from GOV.UK Notify: ${text}`, "unknown");
  // Thrown before any request went (a check of the client's): nothing was sent.
  return new SendError(`GOV.UK Notify could not be asked: ${text}`, "retry");
}

const FAILURES: Readonly<Record<string, string>> = {
  "permanent-failure": "the address or number does not exist (permanent failure)",
  "temporary-failure": "the inbox or phone is not accepting messages (temporary failure); try again later or send it by post",
  "technical-failure": "GOV.UK Notify could not send it (technical failure)",
  "validation-failed": "GOV.UK Notify could not post the letter: its PDF did not pass Notify's checks (address block, margins or size)",
  "virus-scan-failed": "GOV.UK Notify could not post the letter: its PDF failed the virus scan",
  cancelled: "the letter was cancelled at GOV.UK Notify",
};

/** Notify's status as ours: still on its way, delivered (a letter: received by the printer), or failed with the reason. */
export function mapNotifyStatus(status: string): ProviderStatus {
  if (status === "delivered" || status === "received" || status === "sent") return { state: "delivered" };
  const reason = FAILURES[status];
  return reason ? { state: "failed", reason } : { state: "sending" };
}

/** `timeoutMs`: the most one request may take (sendTimeoutMs). */
export function notifyTransport(settings: NotifySettings, timeoutMs = 30_000): Transport {
  const client = settings.baseUrl ? new NotifyClient(settings.baseUrl, settings.apiKey) : new NotifyClient(settings.apiKey);
  // The client's requests have no time limit of their own: bound them inside the lease.
  const rest = (client.apiClient as { restClient: (options: object) => Promise<unknown> }).restClient;
  client.setClient(((options: object) => rest({ ...options, timeout: timeoutMs })) as never);
  const accepted = (data: { id: string }): Accepted => ({ provider: "notify", providerId: data.id });
  const call = async <T>(request: () => Promise<{ data: T }>, tooLarge?: string): Promise<T> => {
    try {
      return (await request()).data;
    } catch (error) {
      throw notifyOutcome(error, tooLarge);
    }
  };
  return {
    name: "notify",
    async sendEmail(message) {
      const { email, emailWithFile } = settings.templates;
      if (!email) throw new SendError("Email through GOV.UK Notify needs NOTIFY_TEMPLATE_EMAIL (docs/notify-templates.md)", "permanent");
      if (message.attachment && !emailWithFile) throw new SendError("An email with its letter through GOV.UK Notify needs NOTIFY_TEMPLATE_EMAIL_FILE (docs/notify-templates.md)", "permanent");
      const personalisation: Record<string, unknown> = { subject: message.subject, body: message.text };
      if (message.attachment) {
        try {
          personalisation["link_to_file"] = client.prepareUpload(Buffer.from(message.attachment.content), { filename: message.attachment.filename, confirmEmailBeforeDownload: true });
        } catch (error) {
          throw notifyOutcome(error, "The letter is larger than GOV.UK Notify accepts (2 MB for an email attachment)");
        }
      }
      const templateId = message.attachment ? emailWithFile! : email;
      return accepted(await call(() => client.sendEmail(templateId, message.to, { personalisation, reference: message.reference })));
    },
    async sendSms(message) {
      if (!settings.templates.sms) throw new SendError("Text messages need NOTIFY_TEMPLATE_SMS (docs/notify-templates.md)", "permanent");
      const templateId = settings.templates.sms;
      return accepted(await call(() => client.sendSms(templateId, message.to, { personalisation: { body: message.text }, reference: message.reference })));
    },
    async sendLetter(message) {
      return accepted(await call(() => client.sendPrecompiledLetter(message.reference, Buffer.from(message.pdf), "second"), "The letter is larger than GOV.UK Notify accepts (5 MB for a letter by post)"));
    },
    async lookup(reference) {
      const data = await call(() => client.getNotifications(undefined, undefined, reference));
      const found = (data as { notifications?: Array<{ id: string; status: string }> }).notifications?.[0];
      return found ? { providerId: found.id, status: mapNotifyStatus(found.status) } : null;
    },
    async status(providerId) {
      const data = await call(() => client.getNotificationById(providerId));
      return mapNotifyStatus((data as { status: string }).status);
    },
    close: () => undefined,
  };
}
