/**
 * The public complaint form's answers between its pages (issue 16;
 * docs/decisions/0520-complaint-form-one-question-per-page.md). The portal keeps a random
 * token in a cookie; the answers stay here, under the token's hash, for the council the form
 * is for, until they expire: a day after the resident last answered (longer than the 20
 * hours WCAG 2.2.1 allows a time limit to run without warning), or an hour after they were
 * sent, which is long enough for a refresh of the confirmation page or a double click to give
 * back the same case through the submission's idempotency key.
 */
import { createHash, randomBytes } from "node:crypto";
import { publicDraftRepository } from "@complaints/db";
import type { Context } from "../context.js";
import { publicCouncil } from "./public.js";

const HOUR = 60 * 60 * 1000;
/** How long unsent answers are kept after the last change. */
export const DRAFT_KEPT_MS = 24 * HOUR;
/** How long sent answers are kept, for the same receipt on a refresh or a second click. */
export const SENT_DRAFT_KEPT_MS = HOUR;

const hashOf = (token: string) => createHash("sha256").update(token, "utf8").digest("hex");

export interface DraftView {
  answers: Record<string, string>;
  sent: boolean;
}

/** The answers the token holds for this council, or null when it holds none (unknown, expired). */
export async function readDraft(ctx: Context, token: string): Promise<DraftView | null> {
  const runtime = await publicCouncil(ctx);
  const found = await publicDraftRepository.find(ctx.db, { councilId: runtime.council.id, tokenHash: hashOf(token), now: ctx.clock.now() });
  return found ? { answers: found.answers, sent: found.sentAt !== null } : null;
}

/**
 * Keeps the answers: under the same token while its draft is open (or being sent again), under
 * a new one when there is none (first answer, expired) or when its answers were already sent
 * (a new form after the last). Returns the token for the cookie.
 */
export async function saveDraft(ctx: Context, input: { token: string | null; answers: Record<string, string>; sent: boolean }): Promise<{ token: string }> {
  const runtime = await publicCouncil(ctx);
  const now = ctx.clock.now();
  const found = input.token ? await readDraft(ctx, input.token) : null;
  const token = input.token && found && (!found.sent || input.sent) ? input.token : randomBytes(32).toString("base64url");
  await publicDraftRepository.save(ctx.db, {
    councilId: runtime.council.id,
    tokenHash: hashOf(token),
    answers: input.answers,
    now,
    expiresAt: new Date(now.getTime() + (input.sent ? SENT_DRAFT_KEPT_MS : DRAFT_KEPT_MS)),
    sent: input.sent,
  });
  return { token };
}
