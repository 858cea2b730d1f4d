/**
 * The public complaint form's answers between its pages (issue 16;
 * docs/decisions/0520-complaint-form-one-question-per-page.md). The single module that reads
 * or writes `public_form_drafts`. A draft is found by the SHA-256 of the token in the
 * resident's cookie and only for the council it was started with; an expired draft is never
 * read, and is deleted by the next save or the scheduled sweep, whichever comes first.
 */
import { inTransaction, toJson, type Executor } from "./executor.js";

export interface PublicFormDraft {
  answers: Record<string, string>;
  /** When the answers were sent as a case: the form shows the same receipt if sent again. */
  sentAt: Date | null;
}

const checkHash = (tokenHash: string) => {
  if (!/^[0-9a-f]{64}$/.test(tokenHash)) throw new TypeError("a draft's token is stored as its SHA-256 in hex");
};

/** The draft the token opens at `now`, for this council, if it has not expired. */
async function find(db: Executor, input: { councilId: string; tokenHash: string; now: Date }): Promise<PublicFormDraft | undefined> {
  checkHash(input.tokenHash);
  const row = await db
    .selectFrom("public_form_drafts")
    .select(["answers", "sent_at"])
    .where("token_hash", "=", input.tokenHash)
    .where("council_id", "=", input.councilId)
    .where("expires_at", ">", input.now)
    .executeTakeFirst();
  return row ? { answers: row.answers, sentAt: row.sent_at } : undefined;
}

/**
 * Keeps the answers under the token until `expiresAt` (a new draft, or the same one changed),
 * deleting every draft that has expired in the same transaction, so no one's unsent answers
 * outlive their expiry by more than the time until someone next fills the form in. A token
 * already used by another council's draft is left alone (tokens are random: it means a bug).
 */
async function save(db: Executor, input: { councilId: string; tokenHash: string; answers: Record<string, string>; now: Date; expiresAt: Date; sent: boolean }): Promise<void> {
  checkHash(input.tokenHash);
  if (input.expiresAt <= input.now) throw new RangeError("a draft must expire after it is saved");
  await inTransaction(db, async (trx) => {
    await trx.deleteFrom("public_form_drafts").where("expires_at", "<=", input.now).execute();
    const values = { answers: toJson(input.answers), sent_at: input.sent ? input.now : null, updated_at: input.now, expires_at: input.expiresAt };
    const saved = await trx
      .insertInto("public_form_drafts")
      .values({ token_hash: input.tokenHash, council_id: input.councilId, ...values })
      .onConflict((oc) => oc.column("token_hash").doUpdateSet(values).where("public_form_drafts.council_id", "=", input.councilId))
      .returning("token_hash")
      .executeTakeFirst();
    if (!saved) throw new Error("this draft token belongs to another council's form");
  });
}

/** Deletes every draft expired at `now` (the scheduled sweep's backstop to `save`'s own purge). */
async function purgeExpired(db: Executor, now: Date): Promise<number> {
  const result = await db.deleteFrom("public_form_drafts").where("expires_at", "<=", now).executeTakeFirst();
  return Number(result.numDeletedRows);
}

export const publicDraftRepository = { find, save, purgeExpired };
