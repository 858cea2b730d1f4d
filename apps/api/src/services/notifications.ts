/**
 * The outbox as staff read it: without SMTP it is where notifications go; with SMTP it is the
 * record of what was sent (and what failed).
 */
import { notificationRepository, caseRepository, type OutboxEntry } from "@complaints/db";
import type { Context } from "../context.js";
import { hasRole, readDecision, type StaffPrincipal } from "../access/principal.js";
import { OUTBOX_READERS } from "../access/policy.js";
import { noAccess } from "../errors.js";

function view(e: OutboxEntry) {
  return {
    id: e.id,
    kind: e.kind,
    caseId: e.caseId,
    recipient: e.recipient,
    subject: typeof e.payload.subject === "string" ? e.payload.subject : null,
    text: typeof e.payload.text === "string" ? e.payload.text : null,
    payload: e.payload,
    createdAt: e.createdAt.toISOString(),
    status: e.sentAt ? ("sent" as const) : e.failedAt ? ("failed" as const) : ("waiting" as const),
    sentAt: e.sentAt?.toISOString() ?? null,
    lastError: e.lastError,
    attempts: e.attempts,
  };
}

export async function myNotifications(ctx: Context, staff: StaffPrincipal, input: { limit: number; beforeId?: number | undefined; unsentOnly?: boolean | undefined }) {
  const rows = await notificationRepository.list(ctx.db, { councilId: staff.councilId, staffId: staff.id, limit: input.limit, ...(input.beforeId ? { beforeId: input.beforeId } : {}), ...(input.unsentOnly ? { unsentOnly: true } : {}) });
  return rows.map(view);
}

/**
 * The outbox: entries about cases the staff member may read, plus those addressed to them.
 * Administrators see every entry's delivery status, but not what it says about a case.
 */
export async function outbox(ctx: Context, staff: StaffPrincipal, input: { limit: number; beforeId?: number | undefined; kinds?: string[] | undefined; unsentOnly?: boolean | undefined }) {
  if (!hasRole(staff, OUTBOX_READERS)) throw noAccess("Only complaints managers, DCROs and administrators read the whole outbox; see your own notifications instead");
  const isAdmin = staff.grants.some((g) => g.role === "administrator");
  const page = await notificationRepository.list(ctx.db, {
    councilId: staff.councilId,
    limit: input.limit * 3,
    ...(input.beforeId ? { beforeId: input.beforeId } : {}),
    ...(input.kinds ? { kinds: input.kinds } : {}),
    ...(input.unsentOnly ? { unsentOnly: true } : {}),
  });
  const facts = await caseRepository.accessFacts(ctx.db, staff.councilId, [...new Set(page.flatMap((e) => (e.caseId ? [e.caseId] : [])))]);
  const readable = (caseId: string) => {
    const f = facts.get(caseId);
    return f ? readDecision(staff, { councilId: f.councilId, directorateId: f.directorateId, restricted: f.restricted, aboutStaffIds: f.aboutStaffIds, handlerId: f.assignedStaffId }).ok : false;
  };
  const out = [];
  for (const entry of page) {
    const mine = entry.recipient.staffId === staff.id;
    if (mine || (entry.caseId ? readable(entry.caseId) : hasRole(staff, new Set(["complaints-manager"] as const)))) out.push(view(entry));
    else if (isAdmin) out.push({ ...view(entry), subject: null, text: null, payload: {} });
    if (out.length === input.limit) break;
  }
  return out;
}
