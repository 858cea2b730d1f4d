/**
 * A case's correspondence with its resident (issue 15; docs/decisions/0318-writing-to-residents.md):
 * what was written, on which channel, and where its delivery stands; a message that failed or
 * may not have gone is resent, or marked resolved (sent another way, checked it arrived), which
 * takes the case out of the top of its work queue.
 */
import type { CaseState } from "@complaints/core";
import { caseRepository, notificationRepository, type OutboxEntry, type OutboxRecipient } from "@complaints/db";
import type { Context } from "../context.js";
import { noAccess, notFound, unprocessable } from "../errors.js";
import type { StaffPrincipal } from "../access/principal.js";
import { CORRESPONDENCE_SENDERS } from "../access/policy.js";
import { loadReadableCase, recordRead } from "./cases.js";
import { contactPlan } from "./correspondence-recipients.js";

/** What staff see of a message's delivery. */
export const DELIVERY_STATUS_LABELS: Record<OutboxEntry["status"], string> = {
  queued: "Waiting to be sent",
  sending: "Being sent",
  sent: "Sent",
  delivered: "Delivered",
  failed: "Not delivered",
  uncertain: "May not have been sent",
};

function view(entry: OutboxEntry, emailSetUp: boolean, names: ReadonlyMap<string, string>) {
  const p = entry.payload;
  const waitingForEmail = !emailSetUp && entry.status === "queued" && entry.channel !== "post";
  return {
    outboxId: entry.id,
    channel: entry.channel,
    purpose: typeof p["purpose"] === "string" ? p["purpose"] : null,
    letterId: typeof p["letterId"] === "string" ? p["letterId"] : null,
    subject: String(p["subject"] ?? ""),
    text: String(p["text"] ?? ""),
    recipient: { party: entry.recipient.party ?? null, name: entry.recipient.name ?? null, email: entry.recipient.email ?? null, phone: entry.recipient.phone ?? null },
    status: entry.status,
    statusLabel: entry.channel === "post" && entry.status === "sending" && entry.provider === "print-room" ? "With the print room" : DELIVERY_STATUS_LABELS[entry.status],
    /** Why it is not on its way: the provider's reason, or email not being set up on this server. */
    reason: waitingForEmail ? "Email is not set up on this server (MAIL_TRANSPORT): it will be sent once it is" : entry.lastError,
    provider: entry.provider,
    attempts: entry.attempts,
    queuedAt: entry.createdAt.toISOString(),
    sentAt: entry.sentAt?.toISOString() ?? null,
    deliveredAt: entry.deliveredAt?.toISOString() ?? null,
    /** A failure staff must act on: not delivered or perhaps not sent, and not yet resolved. */
    needsAction: (entry.status === "failed" || entry.status === "uncertain") && entry.resolvedAt === null,
    resolvedAt: entry.resolvedAt?.toISOString() ?? null,
    /** How staff settled a failure, and who: "Sent again", or their words. */
    resolution: entry.resolvedAt ? { by: entry.resolvedBy ? (names.get(entry.resolvedBy) ?? null) : null, how: entry.resolution === "resent" ? "Sent again" : entry.resolution } : null,
  };
}

/** The case's correspondence, oldest first (never a tracking code). Reading it is a read of the case. */
export async function listCorrespondence(ctx: Context, staff: StaffPrincipal, caseId: string) {
  const { record } = await loadReadableCase(ctx, staff, caseId);
  await recordRead(ctx, staff, caseId, record.councilId, "correspondence listed");
  const entries = await notificationRepository.caseCorrespondence(ctx.db, record.councilId, caseId);
  const emailSetUp = ctx.deps.notifier.transport !== null;
  const names = await caseRepository.staffNames(ctx.db, record.councilId, entries.flatMap((e) => (e.resolvedBy ? [e.resolvedBy] : [])));
  return { reference: record.reference, emailSetUp, messages: entries.map((e) => view(e, emailSetUp, names)) };
}

/** The message, on a case this staff member may read and write to residents about. */
async function actionable(ctx: Context, staff: StaffPrincipal, input: { caseId: string; outboxId: number }) {
  const { record, roles } = await loadReadableCase(ctx, staff, input.caseId);
  if (!roles.some((r) => CORRESPONDENCE_SENDERS.has(r))) throw noAccess("Only those who write to residents about this case may resend or resolve its messages");
  const entry = await notificationRepository.getMessage(ctx.db, record.councilId, input.outboxId);
  if (!entry || entry.caseId !== input.caseId || entry.kind !== "correspondence") throw notFound("There is no such message on this case");
  return entry;
}

/**
 * Where a resident's email or text goes when it is sent again: their address or number as
 * stored now, so that correcting a bounced address and resending reaches them (it went to the
 * old one again). Staff messages and post keep their recipient.
 */
async function currentRecipient(ctx: Context, caseId: string, entry: OutboxEntry): Promise<OutboxRecipient | undefined> {
  const channel = (entry.payload as { channel?: unknown }).channel;
  const party = entry.recipient.party;
  if ((channel !== "email" && channel !== "sms") || (party !== "customer" && party !== "representative")) return undefined;
  const { state } = await caseRepository.getCase<CaseState>(ctx.db, caseId);
  const now = (await contactPlan(ctx.db, state, ctx.deps.notifier.channels)).find((p) => p.party.party === party)?.party;
  const to = channel === "email" ? now?.email : now?.phone;
  if (!now || !to) {
    const what = channel === "email" ? "email address" : "phone number";
    throw unprocessable("NO_CONTACT_DETAILS", `There is no ${what} for ${entry.recipient.name ?? `the ${party}`} now: add one to how we contact them, or mark this message resolved`);
  }
  return channel === "email" ? { party, name: now.name, email: to } : { party, name: now.name, phone: to };
}

/** Sends a failed or uncertain message again (now, and once). */
export async function resendCorrespondence(ctx: Context, staff: StaffPrincipal, input: { caseId: string; outboxId: number }) {
  const entry = await actionable(ctx, staff, input);
  const recipient = await currentRecipient(ctx, input.caseId, entry);
  if (!(await notificationRepository.resend(ctx.db, { councilId: staff.councilId, id: entry.id, by: staff.id, at: ctx.clock.now(), recipient }))) {
    throw unprocessable("CORRESPONDENCE_NOT_FAILED", `This message is ${DELIVERY_STATUS_LABELS[entry.status].toLowerCase()}; only one that was not delivered, or may not have been sent, can be sent again`);
  }
  ctx.deps.log.info("correspondence resent", { by: staff.id, caseId: input.caseId, outboxId: entry.id, was: entry.status });
  ctx.deps.notifier.kickSoon();
  return { outboxId: entry.id, status: "queued" as const };
}

/** Marks a failed or uncertain message resolved without resending it: sent another way, or checked it arrived. */
export async function resolveCorrespondence(ctx: Context, staff: StaffPrincipal, input: { caseId: string; outboxId: number; resolution: string }) {
  const entry = await actionable(ctx, staff, input);
  if (!(await notificationRepository.resolveProblem(ctx.db, { councilId: staff.councilId, id: entry.id, by: staff.id, at: ctx.clock.now(), resolution: input.resolution }))) {
    throw unprocessable("CORRESPONDENCE_NOT_FAILED", "This message has no failure to resolve (it was sent, is on its way, or was resolved already)");
  }
  ctx.deps.log.info("correspondence failure resolved", { by: staff.id, caseId: input.caseId, outboxId: entry.id, resolution: input.resolution });
  return { outboxId: entry.id, resolved: true as const };
}
