/**
 * The print room's batches (issue 5): issued letters waiting for the post gathered into one
 * PDF with a CSV manifest, confirmed as posted or cancelled (a printer jam). Customer services,
 * DCROs and the complaints manager print them; auditors see them (policy.ts).
 * docs/decisions/0308-letters-through-the-api.md.
 */
import { Writable } from "node:stream";
import { caseRepository, inTransaction, printBatchRepository, NotFoundError, type BatchLetter, type PrintBatch } from "@complaints/db";
import { LETTER_KIND_NAMES, type LetterKind } from "@complaints/core";
import { createPrintBatch, type PrintBatchLetter } from "@complaints/letters";
import type { Context } from "../context.js";
import { noAccess, notFound, unprocessable } from "../errors.js";
import { caseRoleDecision, directoratesWith, hasRole, type StaffPrincipal } from "../access/principal.js";
import { LETTER_PRINTERS, PRINT_BATCH_READERS, type StaffRole } from "../access/policy.js";
import { recordReads } from "./cases.js";
import { factsOf, letterUrl, storedModels } from "./letters.js";

export const MAX_BATCH = 2000;

function batchUrls(id: string) {
  return { pdfUrl: `/letters/print-batches/${id}.pdf`, manifestUrl: `/letters/print-batches/${id}.csv` };
}

function batchView(batch: PrintBatch, names: ReadonlyMap<string, string>) {
  const person = (id: string | null) => (id ? { id, name: names.get(id) ?? null } : null);
  return {
    batchId: batch.id,
    status: batch.cancelled_at ? ("cancelled" as const) : batch.confirmed_at ? ("posted" as const) : ("printing" as const),
    builtAt: batch.built_at.toISOString(),
    builtBy: person(batch.built_by),
    letterCount: batch.letter_count,
    pageCount: batch.page_count,
    sheetCount: batch.sheet_count,
    confirmedAt: batch.confirmed_at?.toISOString() ?? null,
    confirmedBy: person(batch.confirmed_by),
    cancelledAt: batch.cancelled_at?.toISOString() ?? null,
    cancelledBy: person(batch.cancelled_by),
    ...batchUrls(batch.id),
  };
}

async function namesFor(ctx: Context, councilId: string, batches: PrintBatch[]) {
  return caseRepository.staffNames(ctx.db, councilId, [...new Set(batches.flatMap((b) => [b.built_by, b.confirmed_by, b.cancelled_by].filter((x): x is string => x !== null)))]);
}

function toPrintable(letter: BatchLetter): PrintBatchLetter {
  // A bilingual letter is stored as both its models (letters.ts issueDrafted): Welsh, then English.
  const { model, english } = storedModels(letter.model);
  return { reference: letter.reference, recipientName: letter.recipientName, model, english, largePrint: letter.largePrint };
}

/** Discards what is written: for laying a batch out without keeping the PDF. */
function sink(): Writable {
  return new Writable({ write: (_chunk, _encoding, done) => done() });
}

/** Streams the batch's PDF into `out`, letter by letter (createPrintBatch), and ends it. */
export function writeBatchPdf(ctx: Context, batchId: string, out: Writable) {
  return createPrintBatch((async function* () {
    for await (const letter of printBatchRepository.eachBatchLetter(ctx.db, batchId)) yield toPrintable(letter);
  })(), out, { title: `Letters for the post, batch ${batchId.slice(0, 8)}` });
}

/**
 * A batch this staff member may act on with one of `roles`: in their council, and every case
 * with letters in it one they may read with such a role. Otherwise "not found".
 */
async function accessibleBatch(ctx: Context, staff: StaffPrincipal, batchId: string, roles: ReadonlySet<StaffRole>) {
  if (!hasRole(staff, roles)) throw noAccess("Your role does not work with print batches");
  let batch;
  try {
    batch = await printBatchRepository.getBatch(ctx.db, staff.councilId, batchId);
  } catch (error) {
    if (error instanceof NotFoundError) throw notFound("There is no such print batch");
    throw error;
  }
  const cases = await printBatchRepository.batchCases(ctx.db, batchId);
  if (!cases.every((c) => caseRoleDecision(staff, factsOf(c), roles).ok)) throw notFound("There is no such print batch, or it holds letters you cannot see");
  return { batch, cases };
}

/**
 * Builds a print batch of every issued letter waiting for the post that this staff member may
 * print (one directorate, or all of theirs), lays it out once to record its pages and CSV
 * manifest, and answers where to download both. Null when nothing is waiting.
 */
export async function buildPrintBatch(ctx: Context, staff: StaffPrincipal, input: { directorateId?: string | undefined; limit: number }) {
  if (!hasRole(staff, LETTER_PRINTERS)) throw noAccess("Only customer services, DCROs and the complaints manager print letters for the post");
  const scope = directoratesWith(staff, LETTER_PRINTERS);
  if (input.directorateId && scope !== "all" && !scope.includes(input.directorateId)) throw noAccess("You do not print letters for that directorate");
  const directorates = input.directorateId ? [input.directorateId] : scope;
  const waiting = await printBatchRepository.waitingLetters(ctx.db, { councilId: staff.councilId, directorates, limit: MAX_BATCH * 2 });
  const mine = waiting.filter((w) => caseRoleDecision(staff, factsOf({ ...w, councilId: staff.councilId }), LETTER_PRINTERS).ok).slice(0, input.limit);
  const made = await printBatchRepository.createBatch(ctx.db, { councilId: staff.councilId, builtBy: staff.id, at: ctx.clock.now(), letterIds: mine.map((w) => w.letterId) });
  if (!made) return { batch: null, letters: [] };
  const batchId = made.batch.id;
  try {
    // Lay it out once for the page count and manifest. Letters were laid out when issued, so
    // none should be skipped; any that are go back to waiting and the rest is laid out again.
    for (let pass = 0; ; pass++) {
      const layout = await writeBatchPdf(ctx, batchId, sink());
      if (layout.skipped.length === 0 || pass === 2) {
        await printBatchRepository.recordLayout(ctx.db, batchId, { pageCount: layout.pageCount, sheetCount: layout.sheetCount, manifestCsv: layout.manifestCsv ?? "" });
        break;
      }
      const skipped = new Set(layout.skipped.map((s) => s.reference));
      ctx.deps.log.warn("letters left out of a print batch", { batchId, skipped: layout.skipped });
      const all = await printBatchRepository.batchLetters(ctx.db, batchId, { limit: MAX_BATCH });
      await printBatchRepository.releaseLetters(ctx.db, batchId, all.filter((l) => skipped.has(l.reference)).map((l) => l.letterId));
    }
  } catch (error) {
    await printBatchRepository.cancelBatch(ctx.db, { councilId: staff.councilId, batchId, by: staff.id, at: ctx.clock.now() });
    throw error;
  }
  const batch = await printBatchRepository.getBatch(ctx.db, staff.councilId, batchId);
  const letters = await printBatchRepository.batchLetters(ctx.db, batchId, { limit: MAX_BATCH });
  ctx.deps.log.info("print batch built", { by: staff.id, batchId, letters: letters.length });
  return {
    batch: batchView(batch, await namesFor(ctx, staff.councilId, [batch])),
    letters: letters.map((l) => ({ position: l.position, letterId: l.letterId, caseId: l.caseId, reference: l.reference, kind: l.kind, recipientName: l.recipientName, largePrint: l.largePrint })),
  };
}

/** Issued letters waiting for the post that this person may print (or, for auditors, see), oldest first. */
export async function lettersAwaitingPost(ctx: Context, staff: StaffPrincipal, input: { limit: number }) {
  if (!hasRole(staff, PRINT_BATCH_READERS)) throw noAccess("Your role does not work with letters for the post");
  const waiting = await printBatchRepository.waitingLetters(ctx.db, { councilId: staff.councilId, directorates: directoratesWith(staff, PRINT_BATCH_READERS), limit: MAX_BATCH * 2 });
  const mine = waiting.filter((w) => caseRoleDecision(staff, factsOf({ ...w, councilId: staff.councilId }), PRINT_BATCH_READERS).ok);
  return {
    total: mine.length,
    letters: mine.slice(0, input.limit).map((w) => ({
      letterId: w.letterId,
      caseId: w.caseId,
      reference: w.reference,
      kind: w.kind,
      kindName: LETTER_KIND_NAMES[w.kind as LetterKind] ?? w.kind,
      recipientName: w.recipientName,
      largePrint: w.largePrint,
      issuedAt: w.issuedAt.toISOString(),
      downloadUrl: letterUrl(w.letterId),
    })),
  };
}

/** The council's print batches, newest first (no letter content: counts and who did what). */
export async function listPrintBatches(ctx: Context, staff: StaffPrincipal, input: { limit: number; builtBefore?: string | undefined }) {
  if (!hasRole(staff, PRINT_BATCH_READERS)) throw noAccess("Your role does not work with print batches");
  const batches = await printBatchRepository.listBatches(ctx.db, staff.councilId, { limit: input.limit, ...(input.builtBefore ? { builtBefore: new Date(input.builtBefore) } : {}) });
  const names = await namesFor(ctx, staff.councilId, batches);
  return batches.map((b) => batchView(b, names));
}

/** Marks every letter of the batch as posted (an event on each case) and its post correspondence sent. Confirming twice is harmless. */
export async function confirmPrintBatch(ctx: Context, staff: StaffPrincipal, batchId: string) {
  await accessibleBatch(ctx, staff, batchId, LETTER_PRINTERS);
  const at = ctx.clock.now();
  // The batch's post correspondence is sent in the same transaction, with its onSent handlers (decision 0318).
  const outcome = await inTransaction(ctx.db, async (trx) => {
    const confirmed = await printBatchRepository.confirmBatch(trx, { councilId: staff.councilId, batchId, by: { type: "staff", id: staff.id }, at });
    if (confirmed.status === "confirmed") await ctx.deps.notifier.sent(trx, confirmed.sent, at);
    return confirmed;
  });
  if (outcome.status === "cancelled") throw unprocessable("PRINT_BATCH_CLOSED", "This print batch was cancelled, so it cannot be posted; its letters went back to waiting for the next batch");
  ctx.deps.log.info("print batch posted", { by: staff.id, batchId, posted: outcome.posted });
  return {
    batch: batchView(outcome.batch, await namesFor(ctx, staff.councilId, [outcome.batch])),
    posted: outcome.posted,
    alreadyConfirmed: outcome.status === "already-confirmed",
  };
}

/** Gives up a batch that was not posted (a printer jam): its letters wait for the next batch. */
export async function cancelPrintBatch(ctx: Context, staff: StaffPrincipal, batchId: string) {
  await accessibleBatch(ctx, staff, batchId, LETTER_PRINTERS);
  const outcome = await printBatchRepository.cancelBatch(ctx.db, { councilId: staff.councilId, batchId, by: staff.id, at: ctx.clock.now() });
  if (outcome.status === "confirmed") throw unprocessable("PRINT_BATCH_CLOSED", "This print batch has been posted, so it cannot be cancelled");
  return {
    batch: batchView(outcome.batch, await namesFor(ctx, staff.councilId, [outcome.batch])),
    released: outcome.released,
    alreadyCancelled: outcome.status === "already-cancelled",
  };
}

/** A batch whose PDF or manifest may be downloaded by this staff member (not a cancelled one). */
export async function downloadableBatch(ctx: Context, staff: StaffPrincipal, batchId: string, purpose = "print batch downloaded") {
  const { batch, cases } = await accessibleBatch(ctx, staff, batchId, PRINT_BATCH_READERS);
  if (batch.cancelled_at) throw unprocessable("PRINT_BATCH_CLOSED", "This print batch was cancelled; its letters are in the next batch");
  // The batch holds every one of its cases' letters: a read of each case.
  await recordReads(ctx, staff, cases.map((c) => c.caseId), purpose);
  return batch;
}

/** The batch's CSV manifest: as recorded when it was built, else laid out now. */
export async function batchManifest(ctx: Context, staff: StaffPrincipal, batchId: string): Promise<string> {
  const batch = await downloadableBatch(ctx, staff, batchId, "print batch manifest downloaded");
  if (batch.manifest_csv !== null) return batch.manifest_csv;
  return (await writeBatchPdf(ctx, batchId, sink())).manifestCsv ?? "";
}
