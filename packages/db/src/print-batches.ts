import { sql, type Transaction } from "kysely";
import { NotFoundError } from "./errors.js";
import { appendEvents, type Actor } from "./events.js";
import { inTransaction, type Executor } from "./executor.js";
import { notificationRepository, type OutboxEntry } from "./notifications.js";
import type { DB, PrintBatchRow } from "./schema.js";

/**
 * Print batches: issued letters that go by post are printed together and confirmed as
 * posted (migration 20261125100000). A letter is in at most one batch at a time: claiming is
 * a single UPDATE of rows still waiting, so two people building batches at once never print
 * the same letter twice.
 */

/** An issued letter waiting for a print batch, with what access decisions need about its case. */
export interface WaitingLetter {
  letterId: string;
  caseId: string;
  reference: string;
  kind: string;
  issuedAt: Date;
  recipientName: string;
  largePrint: boolean;
  directorateId: string | null;
  restricted: boolean;
  assignedStaffId: string | null;
  aboutStaffIds: string[];
}

/** A letter of a batch, in print order, with what is needed to print it again. */
export interface BatchLetter {
  letterId: string;
  caseId: string;
  position: number;
  reference: string;
  kind: string;
  recipientName: string;
  largePrint: boolean;
  model: unknown;
  postedAt: Date | null;
}

export type PrintBatch = Omit<PrintBatchRow, "manifest_csv">;

/** What access decisions need about each case with letters in a batch. */
export interface BatchCase {
  caseId: string;
  councilId: string;
  directorateId: string | null;
  restricted: boolean;
  assignedStaffId: string | null;
  aboutStaffIds: string[];
}

const batchColumns = [
  "id",
  "council_id",
  "built_at",
  "built_by",
  "letter_count",
  "page_count",
  "sheet_count",
  "confirmed_at",
  "confirmed_by",
  "cancelled_at",
  "cancelled_by",
] as const;

/** Letters waiting for a print batch in the council, oldest first; `directorates` narrows by the case's. */
async function waitingLetters(
  db: Executor,
  input: { councilId: string; directorates: readonly string[] | "all"; limit: number },
): Promise<WaitingLetter[]> {
  if (input.directorates !== "all" && input.directorates.length === 0) return [];
  let query = db
    .selectFrom("letter_postings as p")
    .innerJoin("letters as l", "l.id", "p.letter_id")
    .innerJoin("cases as c", "c.id", "l.case_id")
    .select([
      "l.id as letterId",
      "l.case_id as caseId",
      "c.reference",
      "l.kind",
      "l.issued_at as issuedAt",
      sql<string>`coalesce(l.recipient ->> 'name', '')`.as("recipientName"),
      "l.large_print as largePrint",
      "c.directorate_id as directorateId",
      "c.restricted",
      "c.assigned_staff_id as assignedStaffId",
      sql<string[]>`coalesce(c.state -> 'aboutStaffIds', '[]'::jsonb)`.as("aboutStaffIds"),
    ])
    .where("p.council_id", "=", input.councilId)
    .where("p.batch_id", "is", null);
  if (input.directorates !== "all") {
    query = query.where("c.directorate_id", "in", [...input.directorates]);
  }
  return query.orderBy("l.issued_at").orderBy("l.id").limit(input.limit).execute();
}

/**
 * Makes a batch of the given letters, in the order given, from those still waiting (another
 * batch may have taken some meanwhile). Returns null, writing nothing, when none were waiting.
 */
async function createBatch(
  db: Executor,
  input: { councilId: string; builtBy: string; at: Date; letterIds: readonly string[] },
): Promise<{ batch: PrintBatch; letterIds: string[] } | null> {
  if (input.letterIds.length === 0) return null;
  return inTransaction(db, async (trx) => {
    const batch = await trx
      .insertInto("print_batches")
      .values({
        council_id: input.councilId,
        built_at: input.at,
        built_by: input.builtBy,
        letter_count: 0,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const wanted = sql.join(input.letterIds.map((id) => sql`${id}::uuid`));
    const { rows } = await sql<{ letter_id: string; position: number }>`
      UPDATE letter_postings AS p SET batch_id = ${batch.id}, position = w.position
      FROM unnest(ARRAY[${wanted}]) WITH ORDINALITY AS w(letter_id, position)
      WHERE p.letter_id = w.letter_id AND p.council_id = ${input.councilId} AND p.batch_id IS NULL
      RETURNING p.letter_id, p.position`.execute(trx);
    if (rows.length === 0) {
      await trx.deleteFrom("print_batches").where("id", "=", batch.id).execute();
      return null;
    }
    const counted = await trx
      .updateTable("print_batches")
      .set({ letter_count: rows.length })
      .where("id", "=", batch.id)
      .returning(batchColumns)
      .executeTakeFirstOrThrow();
    return {
      batch: counted,
      letterIds: rows.sort((a, b) => Number(a.position) - Number(b.position)).map((r) => r.letter_id),
    };
  });
}

/** Records the batch's layout, worked out by printing it once: pages, sheets and the CSV manifest. */
async function recordLayout(
  db: Executor,
  batchId: string,
  layout: { pageCount: number; sheetCount: number; manifestCsv: string },
): Promise<void> {
  await db
    .updateTable("print_batches")
    .set({
      page_count: layout.pageCount,
      sheet_count: layout.sheetCount,
      manifest_csv: layout.manifestCsv,
    })
    .where("id", "=", batchId)
    .execute();
}

/** Takes letters that could not be printed out of an unconfirmed batch: they wait again. */
async function releaseLetters(
  db: Executor,
  batchId: string,
  letterIds: readonly string[],
): Promise<number> {
  if (letterIds.length === 0) return 0;
  return inTransaction(db, async (trx) => {
    const result = await trx
      .updateTable("letter_postings")
      .set({ batch_id: null, position: null })
      .where("batch_id", "=", batchId)
      .where("posted_at", "is", null)
      .where("letter_id", "in", [...letterIds])
      .executeTakeFirst();
    const released = Number(result.numUpdatedRows);
    await trx
      .updateTable("print_batches")
      .set((eb) => ({ letter_count: eb("letter_count", "-", released) }))
      .where("id", "=", batchId)
      .execute();
    return released;
  });
}

/** A page of the batch's letters in print order, after `afterPosition`. */
async function batchLetters(
  db: Executor,
  batchId: string,
  page: { afterPosition?: number; limit: number },
): Promise<BatchLetter[]> {
  const rows = await db
    .selectFrom("letter_postings as p")
    .innerJoin("letters as l", "l.id", "p.letter_id")
    .innerJoin("cases as c", "c.id", "l.case_id")
    .select([
      "l.id as letterId",
      "l.case_id as caseId",
      "p.position",
      "c.reference",
      "l.kind",
      sql<string>`coalesce(l.recipient ->> 'name', '')`.as("recipientName"),
      "l.large_print as largePrint",
      "l.model",
      "p.posted_at as postedAt",
    ])
    .where("p.batch_id", "=", batchId)
    .where("p.position", ">", page.afterPosition ?? 0)
    .orderBy("p.position")
    .limit(page.limit)
    .execute();
  return rows.map((r) => ({ ...r, position: Number(r.position) }));
}

/** Every letter of the batch in print order, read a page at a time (for streaming a long batch). */
async function* eachBatchLetter(
  db: Executor,
  batchId: string,
  pageSize = 200,
): AsyncGenerator<BatchLetter> {
  let after = 0;
  for (;;) {
    const page = await batchLetters(db, batchId, { afterPosition: after, limit: pageSize });
    yield* page;
    if (page.length < pageSize) return;
    after = page.at(-1)!.position;
  }
}

/** The cases with letters in the batch, with what access decisions need. */
async function batchCases(db: Executor, batchId: string): Promise<BatchCase[]> {
  return db
    .selectFrom("letter_postings as p")
    .innerJoin("letters as l", "l.id", "p.letter_id")
    .innerJoin("cases as c", "c.id", "l.case_id")
    .select([
      "c.id as caseId",
      "c.council_id as councilId",
      "c.directorate_id as directorateId",
      "c.restricted",
      "c.assigned_staff_id as assignedStaffId",
      sql<string[]>`coalesce(c.state -> 'aboutStaffIds', '[]'::jsonb)`.as("aboutStaffIds"),
    ])
    .distinct()
    .where("p.batch_id", "=", batchId)
    .orderBy("c.id")
    .execute();
}

async function getBatch(
  db: Executor,
  councilId: string,
  batchId: string,
): Promise<PrintBatch & { manifest_csv: string | null }> {
  const row = await db
    .selectFrom("print_batches")
    .select([...batchColumns, "manifest_csv"])
    .where("id", "=", batchId)
    .where("council_id", "=", councilId)
    .executeTakeFirst();
  if (!row) throw new NotFoundError("print batch", batchId);
  return row;
}

/** The council's batches, newest first. */
async function listBatches(
  db: Executor,
  councilId: string,
  page: { limit: number; builtBefore?: Date },
): Promise<PrintBatch[]> {
  let query = db.selectFrom("print_batches").select(batchColumns).where("council_id", "=", councilId);
  if (page.builtBefore) query = query.where("built_at", "<", page.builtBefore);
  return query.orderBy("built_at", "desc").orderBy("id", "desc").limit(page.limit).execute();
}

/** The council's batch, locked for a change (confirming and cancelling exclude each other), or NotFoundError. */
async function lockBatch(trx: Transaction<DB>, councilId: string, batchId: string) {
  const batch = await trx.selectFrom("print_batches").select(batchColumns).where("id", "=", batchId).where("council_id", "=", councilId).forUpdate().executeTakeFirst();
  if (!batch) throw new NotFoundError("print batch", batchId);
  return batch;
}

export type ConfirmOutcome =
  | { status: "confirmed"; batch: PrintBatch; posted: number; sent: OutboxEntry[] }
  | { status: "already-confirmed"; batch: PrintBatch; posted: 0 }
  | { status: "cancelled"; batch: PrintBatch };

/**
 * Marks every letter of the batch as posted, records a `letter-posted` event in each case's
 * chain and marks the post correspondence of its letters sent (returned, for the caller's
 * onSent hooks in the same transaction), in one transaction. Confirming again changes nothing.
 */
async function confirmBatch(
  db: Executor,
  input: { councilId: string; batchId: string; by: Actor & { id: string }; at: Date },
): Promise<ConfirmOutcome> {
  return inTransaction(db, async (trx) => {
    const batch = await lockBatch(trx, input.councilId, input.batchId);
    if (batch.cancelled_at) return { status: "cancelled", batch };
    if (batch.confirmed_at) return { status: "already-confirmed", batch, posted: 0 };
    const posted = await trx
      .updateTable("letter_postings")
      .set({ posted_at: input.at })
      .where("batch_id", "=", input.batchId)
      .where("posted_at", "is", null)
      .returning("letter_id")
      .execute();
    const confirmed = await trx
      .updateTable("print_batches")
      .set({ confirmed_at: input.at, confirmed_by: input.by.id })
      .where("id", "=", input.batchId)
      .returning(batchColumns)
      .executeTakeFirstOrThrow();
    const letters = posted.length
      ? await trx
          .selectFrom("letter_postings as p")
          .innerJoin("letters as l", "l.id", "p.letter_id")
          .select(["l.id", "l.case_id", "l.kind"])
          .where("p.batch_id", "=", input.batchId)
          .where(
            "l.id",
            "in",
            posted.map((p) => p.letter_id),
          )
          .orderBy("p.position")
          .execute()
      : [];
    const byCase = new Map<string, Array<{ letterId: string; kind: string }>>();
    for (const l of letters) {
      const list = byCase.get(l.case_id) ?? [];
      list.push({ letterId: l.id, kind: l.kind });
      byCase.set(l.case_id, list);
    }
    // Cases in a fixed order, so two transactions locking several cases cannot deadlock.
    for (const caseId of [...byCase.keys()].sort()) {
      const row = await trx
        .selectFrom("cases")
        .select(["council_id", "version"])
        .where("id", "=", caseId)
        .forUpdate()
        .executeTakeFirstOrThrow();
      await appendEvents(trx, {
        councilId: row.council_id,
        stream: { caseId },
        streamVersion: row.version,
        events: [
          {
            type: "letter-posted",
            occurredAt: input.at,
            actor: { type: input.by.type, id: input.by.id },
            payload: {
              type: "letter-posted",
              on: null,
              stageId: null,
              data: { batchId: input.batchId, letters: byCase.get(caseId) },
            },
          },
        ],
      });
    }
    // The correspondence that put these letters in the print room is sent: they are in the post.
    const sent = await notificationRepository.markPostedInBatch(trx, { batchId: input.batchId, at: input.at });
    return { status: "confirmed", batch: confirmed, posted: posted.length, sent };
  });
}

export type CancelOutcome =
  | { status: "cancelled"; batch: PrintBatch; released: number }
  | { status: "already-cancelled"; batch: PrintBatch; released: 0 }
  | { status: "confirmed"; batch: PrintBatch };

/** Gives up an unprinted batch: its letters wait for the next one. Cancelling again changes nothing. */
async function cancelBatch(
  db: Executor,
  input: { councilId: string; batchId: string; by: string; at: Date },
): Promise<CancelOutcome> {
  return inTransaction(db, async (trx) => {
    const batch = await lockBatch(trx, input.councilId, input.batchId);
    if (batch.confirmed_at) return { status: "confirmed", batch };
    if (batch.cancelled_at) return { status: "already-cancelled", batch, released: 0 };
    const released = await trx
      .updateTable("letter_postings")
      .set({ batch_id: null, position: null })
      .where("batch_id", "=", input.batchId)
      .executeTakeFirst();
    const cancelled = await trx
      .updateTable("print_batches")
      .set({ cancelled_at: input.at, cancelled_by: input.by })
      .where("id", "=", input.batchId)
      .returning(batchColumns)
      .executeTakeFirstOrThrow();
    return { status: "cancelled", batch: cancelled, released: Number(released.numUpdatedRows) };
  });
}

export const printBatchRepository = Object.freeze({
  waitingLetters,
  createBatch,
  recordLayout,
  releaseLetters,
  batchLetters,
  eachBatchLetter,
  batchCases,
  getBatch,
  listBatches,
  confirmBatch,
  cancelBatch,
});
