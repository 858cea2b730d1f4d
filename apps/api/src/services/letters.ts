/**
 * Letters through the API (issue 5): what is due, a draft with what it still lacks, issuing
 * (the PDF stored unchanged with its SHA-256 and a `letter-issued` event in the case's chain,
 * in one transaction), reading an issued letter back, and the print room's batches.
 *
 * Who may do what: anyone who may read a case reads its letters; the case's handler, DCROs,
 * the complaints manager, heads of service and directors draft and issue them; customer
 * services, DCROs and the complaints manager print them for the post (policy.ts).
 * docs/decisions/0308-letters-through-the-api.md.
 */
import { Writable } from "node:stream";
import { currentStage, todayIn, type CaseState, type StageInstance } from "@complaints/core";
import {
  authQueries,
  caseQueries,
  customerRepository,
  letterRepository,
  notificationQueries,
  outboxRepository,
  printBatchRepository,
  NotFoundError,
  type BatchLetter,
  type Customer,
  type OutboxEntry,
  type PrintBatch,
} from "@complaints/db";
import {
  LETTER_KIND_NAMES,
  assertIssuable,
  buildLetterModel,
  checkPlainEnglish,
  checkRequiredContent,
  createPrintBatch,
  letterRegimeFamily,
  renderLetterPdf,
  withSections,
  type LetterElement,
  type LetterKind,
  type LetterModel,
  type PlainEnglishWarning,
  type PostalAddress,
  type PrintBatchLetter,
  type RegimeFamily,
  type StaffMember,
} from "@complaints/letters";
import type { Context } from "../context.js";
import { badInput, noAccess, notFound, unprocessable, versionConflict, type MissingItem } from "../errors.js";
import { caseRoleDecision, directoratesWith, hasRole, letterDecision, readDecision, type CaseFacts, type StaffPrincipal } from "../access/principal.js";
import { LETTER_PRINTERS, PRINT_BATCH_READERS, ROLE_LABELS, type StaffRole } from "../access/policy.js";
import { inTransaction } from "../transaction.js";
import { loadReadableCase, recordRead, recordReads } from "./cases.js";

// ---------------------------------------------------------------------------------------------
// Letters due
// ---------------------------------------------------------------------------------------------

export interface PendingLetter {
  outboxId: number;
  caseId: string;
  reference: string | null;
  kind: string;
  kindName: string;
  stageId: string | null;
  to: string | null;
  dueOn: string | null;
  queuedAt: string;
}

function pendingView(entry: OutboxEntry): PendingLetter {
  const payload = entry.payload as { letter?: unknown; stageId?: unknown; to?: unknown; dueOn?: unknown; reference?: unknown };
  const kind = typeof payload.letter === "string" ? payload.letter : "unknown";
  return {
    outboxId: entry.id,
    caseId: entry.caseId!,
    reference: typeof payload.reference === "string" ? payload.reference : null,
    kind,
    kindName: LETTER_KIND_NAMES[kind as LetterKind] ?? kind,
    stageId: typeof payload.stageId === "string" ? payload.stageId : null,
    to: typeof payload.to === "string" ? payload.to : null,
    dueOn: typeof payload.dueOn === "string" ? payload.dueOn : null,
    queuedAt: entry.createdAt.toISOString(),
  };
}

function factsOf(f: { councilId: string; directorateId: string | null; restricted: boolean; assignedStaffId: string | null; aboutStaffIds: string[] }): CaseFacts {
  return { councilId: f.councilId, directorateId: f.directorateId, restricted: f.restricted, aboutStaffIds: f.aboutStaffIds, handlerId: f.assignedStaffId };
}

/**
 * Letters the lifecycle has asked for (the outbox's `letter` entries) and nobody has issued
 * yet: for one case, or for every case the staff member may read, oldest first.
 */
export async function pendingLetters(ctx: Context, staff: StaffPrincipal, input: { caseId?: string | undefined; limit: number }): Promise<PendingLetter[]> {
  if (input.caseId) {
    const { record } = await loadReadableCase(ctx, staff, input.caseId);
    await recordRead(ctx, staff, record.id, record.councilId, "letters to write listed");
    const rows = await notificationQueries.list(ctx.db, { councilId: staff.councilId, caseIds: [input.caseId], kinds: ["letter"], unsentOnly: true, limit: input.limit });
    return rows.reverse().map(pendingView);
  }
  // Newest first in pages, keeping the ones this person may read, then oldest first.
  const out: OutboxEntry[] = [];
  let beforeId: number | undefined;
  for (let page = 0; page < 20 && out.length < input.limit; page++) {
    const rows = await notificationQueries.list(ctx.db, { councilId: staff.councilId, kinds: ["letter"], unsentOnly: true, limit: 200, ...(beforeId ? { beforeId } : {}) });
    if (rows.length === 0) break;
    const facts = await caseQueries.accessFacts(ctx.db, staff.councilId, [...new Set(rows.flatMap((r) => (r.caseId ? [r.caseId] : [])))]);
    for (const row of rows) {
      const f = row.caseId ? facts.get(row.caseId) : undefined;
      if (f && readDecision(staff, factsOf(f)).ok) out.push(row);
      if (out.length === input.limit) break;
    }
    beforeId = rows.at(-1)!.id;
  }
  return out.reverse().map(pendingView);
}

// ---------------------------------------------------------------------------------------------
// Drafts
// ---------------------------------------------------------------------------------------------

export interface LetterRequest {
  caseId: string;
  /** The letter kind; taken from the pending letter when `outboxId` is given. */
  kind?: LetterKind | undefined;
  /** The pending letter (from letters.pending) this letter answers. */
  outboxId?: number | undefined;
  /** The stage the letter is about; the current stage when not given. */
  stageId?: string | undefined;
  /** The officer's own sections: each replaces the draft's for that element or is added. */
  sections?: Array<{ element: LetterElement; heading?: string | undefined; paragraphs: string[] }> | undefined;
  /** Who signs: the stage's signatory or handler when not given, else the person issuing. */
  signatoryId?: string | undefined;
  /** The customer's address for this letter, when the record has none (or it is out of date). */
  customerAddress?: PostalAddress | undefined;
  /** Where the representative gets their post, when replies go to them. */
  representativeAddress?: PostalAddress | undefined;
  /** Large print; when not given, the customer's large-print or reasonable-adjustments flag decides. */
  largePrint?: boolean | undefined;
  language?: "en" | "cy" | undefined;
}

export interface Draft {
  caseId: string;
  reference: string;
  kind: LetterKind;
  kindName: string;
  family: RegimeFamily;
  model: LetterModel;
  /** What the letter still needs before it may be issued; empty when it may go. */
  missing: MissingItem[];
  /** Plain English advice; never stops a letter. */
  warnings: PlainEnglishWarning[];
  issuable: boolean;
  largePrint: boolean;
  largePrintReason: string;
  recipient: { to: "customer" | "representative"; name: string };
  /** The pending letter this one settles when issued, if any. */
  outboxId: number | null;
  stageInstanceId: string | null;
}

const NO_ADDRESS: PostalAddress = { lines: [], postcode: "" };
const RECIPIENT_SOURCE = "docs/design.md §6: letters go by post, addressed to the customer or to the representative acting for them";

/** A customer's stored address as letter lines: one line each, the postcode apart. */
export function postalAddressOf(customer: Pick<Customer, "address" | "postcode"> | null): PostalAddress | null {
  const postcode = customer?.postcode?.trim().toUpperCase();
  if (!customer?.address || !postcode) return null;
  let lines = customer.address
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  if (lines.length === 1) lines = lines[0]!.split(",").map((l) => l.trim()).filter(Boolean);
  const compact = (s: string) => s.replace(/\s+/g, "").toUpperCase();
  if (lines.length > 0 && compact(lines.at(-1)!) === compact(postcode)) lines = lines.slice(0, -1);
  return lines.length > 0 ? { lines, postcode } : null;
}

function stageFor(state: CaseState, stageId: string | undefined): StageInstance | undefined {
  if (!stageId) return currentStage(state);
  return [...state.stages].reverse().find((s) => s.stageId === stageId);
}

async function staffCards(ctx: Context, councilId: string, ids: Iterable<string>): Promise<Map<string, StaffMember>> {
  const cards = new Map<string, StaffMember>();
  for (const id of new Set(ids)) {
    const identity = await authQueries.findStaffById(ctx.db, id);
    if (!identity || identity.councilId !== councilId) continue;
    const role = identity.grants.find((g) => g.role in ROLE_LABELS)?.role as keyof typeof ROLE_LABELS | undefined;
    cards.set(id, { name: identity.displayName, jobTitle: identity.jobTitle ?? (role ? ROLE_LABELS[role] : "Complaints team"), email: identity.email });
  }
  return cards;
}

async function pendingItem(ctx: Context, councilId: string, caseId: string, outboxId: number) {
  const row = await outboxRepository.getMessage(ctx.db, councilId, outboxId);
  if (!row || row.case_id !== caseId || row.kind !== "letter") throw notFound("There is no such pending letter on this case");
  if (row.sent_at) throw versionConflict("This letter has already been issued; issue it again only to send a corrected copy (leave out the pending letter)", "LETTER_ALREADY_ISSUED");
  const payload = row.payload as { letter?: unknown };
  return { id: row.id, kind: typeof payload.letter === "string" ? (payload.letter as LetterKind) : undefined };
}

/**
 * A draft of the letter from the case with the officer's sections merged in, and everything
 * it still lacks: the content its regime requires, someone to send it to, their address.
 * A missing element is listed, never an error.
 */
export async function draftLetter(ctx: Context, staff: StaffPrincipal, input: LetterRequest): Promise<Draft> {
  const { record } = await loadReadableCase(ctx, staff, input.caseId);
  const facts: CaseFacts = { councilId: record.councilId, directorateId: record.row.directorate_id, restricted: record.row.restricted, aboutStaffIds: record.state.aboutStaffIds ?? [], handlerId: record.row.assigned_staff_id };
  const decision = letterDecision(staff, facts);
  if (!decision.ok) throw noAccess(decision.reason);
  const state = record.state;

  const pending = input.outboxId !== undefined ? await pendingItem(ctx, record.councilId, record.id, input.outboxId) : null;
  const kind = input.kind ?? pending?.kind;
  if (!kind) throw badInput("Say which letter to write (kind), or which pending letter (outboxId)");
  if (pending?.kind && input.kind && pending.kind !== input.kind) {
    throw badInput(`The pending letter is a ${LETTER_KIND_NAMES[pending.kind] ?? pending.kind}, not a ${LETTER_KIND_NAMES[input.kind]}`);
  }

  const runtime = await ctx.deps.councils.get(record.councilId);
  const rules = runtime.book.rulesFor(state.serviceId, state.kind);
  const family = letterRegimeFamily(rules);
  const stage = stageFor(state, input.stageId);
  if (input.stageId && !stage) throw badInput(`This case has no stage "${input.stageId}"`);

  if (input.signatoryId) {
    const signatory = await authQueries.findStaffById(ctx.db, input.signatoryId);
    if (!signatory || signatory.councilId !== record.councilId || !signatory.active) throw badInput("The signatory is not a member of staff here");
  }
  const signatoryId = input.signatoryId ?? stage?.response?.signedBy ?? stage?.handlerId ?? staff.id;
  const people = [signatoryId, staff.id, ...state.stages.flatMap((s) => [s.handlerId, s.response?.signedBy].filter((x): x is string => Boolean(x)))];
  const cards = await staffCards(ctx, record.councilId, people);

  const customer = state.customer ? await customerRepository.getCustomer(ctx.db, state.customer.id).catch((e) => (e instanceof NotFoundError ? null : Promise.reject(e))) : null;
  const toRepresentative = state.representative?.replyTo === "representative";
  const missing: MissingItem[] = [];
  if (!state.customer) missing.push({ element: "recipient", description: "someone to send it to: nobody's name and address is on this anonymous case", source: RECIPIENT_SOURCE });
  const customerAddress = input.customerAddress ?? postalAddressOf(customer);
  if (state.customer && !customerAddress) {
    missing.push({ element: "recipient-address", description: "the customer's postal address (add it to their record, or give it for this letter)", source: RECIPIENT_SOURCE });
  }
  if (toRepresentative && !input.representativeAddress) {
    missing.push({ element: "representative-address", description: `the postal address of ${state.representative!.name}, who acts for the customer: replies go to them`, source: RECIPIENT_SOURCE });
  }

  let model: LetterModel = buildLetterModel(kind, state, rules, runtime.profile, {
    date: todayIn(ctx.clock),
    customerAddress: customerAddress ?? NO_ADDRESS,
    ...(toRepresentative ? { representativeAddress: input.representativeAddress ?? NO_ADDRESS } : {}),
    staff: (id) => cards.get(id),
    signatoryId,
    ...(stage ? { stageId: stage.stageId } : {}),
    ...(input.language ? { language: input.language } : {}),
    // Printed only where the letters package says (the acknowledgement to the customer).
    trackingCode: await ctx.deps.tracking.codeFor(record.id),
  });
  model = withSections(model, (input.sections ?? []).map((s) => ({ element: s.element, paragraphs: s.paragraphs, ...(s.heading ? { heading: s.heading } : {}) })));
  missing.push(...checkRequiredContent(model, family).map(({ element, description, source }) => ({ element, description, source })));

  let largePrint: boolean;
  let largePrintReason: string;
  if (input.largePrint !== undefined) {
    largePrint = input.largePrint;
    largePrintReason = largePrint ? "asked for on this letter" : "standard print asked for on this letter";
  } else if (toRepresentative) {
    largePrint = false;
    largePrintReason = "standard print: the letter goes to the representative";
  } else if (customer?.large_print) {
    largePrint = true;
    largePrintReason = "the customer asked for large print";
  } else if (state.flags.includes("reasonable-adjustments")) {
    largePrint = true;
    largePrintReason = "the case is flagged for reasonable adjustments";
  } else {
    largePrint = false;
    largePrintReason = "standard print";
  }

  return {
    caseId: record.id,
    reference: record.reference,
    kind,
    kindName: LETTER_KIND_NAMES[kind],
    family,
    model,
    missing,
    warnings: checkPlainEnglish(model),
    issuable: missing.length === 0,
    largePrint,
    largePrintReason,
    recipient: { to: toRepresentative ? "representative" : "customer", name: model.recipient.name },
    outboxId: pending?.id ?? null,
    stageInstanceId: stage ? `${stage.stageId}#${stage.sequence}` : null,
  };
}

/** The oldest letter of this kind the outbox is waiting for on the case, if any. */
async function oldestPending(ctx: Context, councilId: string, caseId: string, kind: LetterKind): Promise<number | null> {
  const rows = await notificationQueries.list(ctx.db, { councilId, caseIds: [caseId], kinds: ["letter"], unsentOnly: true, limit: 200 });
  const match = rows.reverse().find((r) => (r.payload as { letter?: unknown }).letter === kind && !r.failedAt);
  return match?.id ?? null;
}

export function letterUrl(letterId: string): string {
  return `/letters/${letterId}.pdf`;
}

/**
 * Issues the letter: refuses with the list of what it lacks (422); renders the PDF (large
 * print when needed); stores it unchanged with its SHA-256, a `letter-issued` event in the
 * case's chain and the pending letter settled, in one transaction. Issuing again makes a new
 * letter; the first is never replaced.
 */
export async function issueLetter(ctx: Context, staff: StaffPrincipal, input: LetterRequest & { byPost?: boolean | undefined }) {
  const draft = await draftLetter(ctx, staff, input);
  if (draft.missing.length > 0) {
    throw unprocessable(
      "LETTER_INCOMPLETE",
      `This ${draft.kindName} cannot be issued until it has: ${draft.missing.map((m) => m.description).join("; ")}.`,
      draft.missing[0]!.source,
      draft.missing,
    );
  }
  assertIssuable(draft.model, draft.family);
  const pdf = await renderLetterPdf(draft.model, { largePrint: draft.largePrint });
  const councilId = staff.councilId;
  const settles = draft.outboxId ?? (await oldestPending(ctx, councilId, draft.caseId, draft.kind));
  const byPost = input.byPost ?? true;
  const issuedAt = ctx.clock.now();
  const letter = await inTransaction(ctx.db, async (trx) => {
    const stored = await letterRepository.issueLetter(trx, {
      caseId: draft.caseId,
      stageInstanceId: draft.stageInstanceId,
      kind: draft.kind,
      recipient: { to: draft.recipient.to, name: draft.model.recipient.name, address: draft.model.recipient.address },
      largePrint: draft.largePrint,
      model: draft.model,
      issuedAt,
      issuedBy: staff.id,
      pdf,
      byPost,
      event: { actor: { type: "staff", id: staff.id }, on: draft.model.date, data: { outboxId: settles, recipientName: draft.model.recipient.name, to: draft.recipient.to } },
    });
    if (settles !== null && !(await outboxRepository.markDone(trx, { id: settles, councilId, at: issuedAt }))) {
      throw versionConflict("Someone else issued this letter while you were writing it. Check the case's letters; issue yours only if it corrects theirs.", "LETTER_ALREADY_ISSUED");
    }
    return stored;
  });
  ctx.deps.log.info("letter issued", { by: staff.id, caseId: draft.caseId, letterId: letter.id, kind: draft.kind });
  return {
    letterId: letter.id,
    caseId: draft.caseId,
    reference: draft.reference,
    kind: draft.kind,
    sha256: letter.sha256,
    sizeBytes: letter.size_bytes,
    largePrint: letter.large_print,
    issuedAt: letter.issued_at.toISOString(),
    recipient: draft.recipient,
    byPost,
    settledOutboxId: settles,
    warnings: draft.warnings,
    downloadUrl: letterUrl(letter.id),
  };
}

/**
 * The draft rendered as it would print, for the officer to read before issuing: nothing is
 * stored but the record of the read. An incomplete draft is rendered too (what it lacks is listed beside it).
 */
/** The draft, to read before issuing: nothing is stored, but reading it is a read of the case. */
export async function previewLetter(ctx: Context, staff: StaffPrincipal, input: LetterRequest): Promise<Draft> {
  const draft = await draftLetter(ctx, staff, input);
  await recordRead(ctx, staff, input.caseId, staff.councilId, "letter previewed");
  return draft;
}

export async function previewLetterPdf(ctx: Context, staff: StaffPrincipal, input: LetterRequest) {
  const draft = await previewLetter(ctx, staff, input);
  const pdf = await renderLetterPdf(draft.model, { largePrint: draft.largePrint });
  return {
    fileName: `${draft.reference}-${draft.kind}-draft.pdf`,
    /** The PDF's bytes in base64 (JSON carries no bytes). */
    pdfBase64: pdf.toString("base64"),
    issuable: draft.issuable,
    missing: draft.missing,
  };
}

/** A case's issued letters, each with where its posting has got to. */
export async function listLetters(ctx: Context, staff: StaffPrincipal, caseId: string) {
  const { record } = await loadReadableCase(ctx, staff, caseId);
  const letters = await letterRepository.listLetters(ctx.db, caseId);
  await recordRead(ctx, staff, record.id, record.councilId, "letters listed");
  const names = await caseQueries.staffNames(ctx.db, record.councilId, letters.flatMap((l) => (l.issued_by ? [l.issued_by] : [])));
  return letters.map((l) => {
    const recipient = l.recipient as { name?: unknown; to?: unknown };
    return {
      letterId: l.id,
      kind: l.kind,
      kindName: LETTER_KIND_NAMES[l.kind as LetterKind] ?? l.kind,
      stageInstanceId: l.stage_instance_id,
      recipient: { name: typeof recipient.name === "string" ? recipient.name : null, to: typeof recipient.to === "string" ? recipient.to : null },
      largePrint: l.large_print,
      issuedAt: l.issued_at.toISOString(),
      issuedBy: l.issued_by ? { id: l.issued_by, name: names.get(l.issued_by) ?? null } : null,
      sizeBytes: l.size_bytes,
      sha256: l.sha256,
      posting: l.posting ? { status: l.posting.status, batchId: l.posting.batchId, postedAt: l.posting.postedAt?.toISOString() ?? null } : null,
      downloadUrl: letterUrl(l.id),
    };
  });
}

/**
 * An issued letter's PDF for someone who may read its case, checked against the SHA-256
 * recorded when it was issued (IntegrityError when it no longer matches). The read is logged.
 */
export async function letterPdf(ctx: Context, staff: StaffPrincipal, letterId: string) {
  let meta;
  try {
    meta = await letterRepository.getLetter(ctx.db, letterId);
  } catch (error) {
    if (error instanceof NotFoundError) throw notFound("There is no such letter");
    throw error;
  }
  if (meta.council_id !== staff.councilId) throw notFound("There is no such letter");
  const { record } = await loadReadableCase(ctx, staff, meta.case_id);
  const { pdf } = await letterRepository.getLetterPdf(ctx.db, letterId);
  await recordRead(ctx, staff, record.id, record.councilId, `letter ${meta.kind} downloaded`);
  return { meta, pdf, fileName: `${record.reference}-${meta.kind}-${meta.issued_at.toISOString().slice(0, 10)}.pdf` };
}

// ---------------------------------------------------------------------------------------------
// Print batches
// ---------------------------------------------------------------------------------------------

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
  return caseQueries.staffNames(ctx.db, councilId, [...new Set(batches.flatMap((b) => [b.built_by, b.confirmed_by, b.cancelled_by].filter((x): x is string => x !== null)))]);
}

function toPrintable(letter: BatchLetter): PrintBatchLetter {
  return { reference: letter.reference, recipientName: letter.recipientName, model: letter.model as LetterModel, largePrint: letter.largePrint };
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

/** Marks every letter of the batch as posted (an event on each case). Confirming twice is harmless. */
export async function confirmPrintBatch(ctx: Context, staff: StaffPrincipal, batchId: string) {
  await accessibleBatch(ctx, staff, batchId, LETTER_PRINTERS);
  const outcome = await printBatchRepository.confirmBatch(ctx.db, { councilId: staff.councilId, batchId, by: { type: "staff", id: staff.id }, at: ctx.clock.now() });
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
