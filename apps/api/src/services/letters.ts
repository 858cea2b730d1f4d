/**
 * Letters through the API (issue 5): what is due, a draft with what it still lacks, issuing
 * (the PDF stored unchanged with its SHA-256 and a `letter-issued` event in the case's chain,
 * in one transaction) and reading an issued letter back. The print room's batches are in
 * print-batches.ts.
 *
 * Who may do what: anyone who may read a case reads its letters; the case's handler, DCROs,
 * the complaints manager, heads of service and directors draft and issue them; customer
 * services, DCROs and the complaints manager print them for the post (policy.ts).
 * docs/decisions/0308-letters-through-the-api.md.
 */
import { LETTER_KIND_NAMES, currentStage, todayIn, type CaseState, type LetterKind, type StageInstance } from "@complaints/core";
import {
  authRepository,
  caseRepository,
  customerRepository,
  inTransaction,
  letterRepository,
  notificationRepository,
  NotFoundError,
  type Customer,
  type OutboxEntry,
} from "@complaints/db";
import {
  assertIssuable,
  buildLetterModel,
  checkPlainEnglish,
  checkRequiredContent,
  letterRegimeFamily,
  renderLetterPdf,
  withSections,
  type LetterElement,
  type LetterModel,
  type PlainEnglishWarning,
  type PostalAddress,
  type RegimeFamily,
  type StaffMember,
} from "@complaints/letters";
import type { Context } from "../context.js";
import { badInput, noAccess, notFound, unprocessable, versionConflict, type MissingItem } from "../errors.js";
import { letterDecision, readDecision, type CaseFacts, type StaffPrincipal } from "../access/principal.js";
import { ROLE_LABELS } from "../access/policy.js";
import { factsOfCase, loadReadableCase, recordRead } from "./cases.js";

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

export function factsOf(f: { councilId: string; directorateId: string | null; restricted: boolean; assignedStaffId: string | null; aboutStaffIds: string[] }): CaseFacts {
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
    const rows = await notificationRepository.list(ctx.db, { councilId: staff.councilId, caseIds: [input.caseId], kinds: ["letter"], unsentOnly: true, limit: input.limit });
    return rows.reverse().map(pendingView);
  }
  // Newest first in pages, keeping the ones this person may read, then oldest first.
  const out: OutboxEntry[] = [];
  let beforeId: number | undefined;
  for (let page = 0; page < 20 && out.length < input.limit; page++) {
    const rows = await notificationRepository.list(ctx.db, { councilId: staff.councilId, kinds: ["letter"], unsentOnly: true, limit: 200, ...(beforeId ? { beforeId } : {}) });
    if (rows.length === 0) break;
    const facts = await caseRepository.accessFacts(ctx.db, staff.councilId, [...new Set(rows.flatMap((r) => (r.caseId ? [r.caseId] : [])))]);
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
    const identity = await authRepository.findStaffById(ctx.db, id);
    if (!identity || identity.councilId !== councilId) continue;
    const role = identity.grants.find((g) => g.role in ROLE_LABELS)?.role as keyof typeof ROLE_LABELS | undefined;
    cards.set(id, { name: identity.displayName, jobTitle: identity.jobTitle ?? (role ? ROLE_LABELS[role] : "Complaints team"), email: identity.email });
  }
  return cards;
}

async function pendingItem(ctx: Context, councilId: string, caseId: string, outboxId: number) {
  const row = await notificationRepository.getMessage(ctx.db, councilId, outboxId);
  if (!row || row.caseId !== caseId || row.kind !== "letter") throw notFound("There is no such pending letter on this case");
  if (row.sentAt) throw versionConflict("This letter has already been issued; issue it again only to send a corrected copy (leave out the pending letter)", "LETTER_ALREADY_ISSUED");
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
  const decision = letterDecision(staff, factsOfCase(record));
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
    const signatory = await authRepository.findStaffById(ctx.db, input.signatoryId);
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
  const rows = await notificationRepository.list(ctx.db, { councilId, caseIds: [caseId], kinds: ["letter"], unsentOnly: true, limit: 200 });
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
    // Issuing does not post the letter: a correspondence message on the post channel does, in
    // this transaction, and the sender puts it in the print room (docs/decisions/0318-writing-to-residents.md).
    if (byPost) {
      await ctx.deps.notifier.enqueue(trx, [
        {
          councilId,
          caseId: draft.caseId,
          kind: "correspondence",
          recipient: { party: draft.recipient.to, name: draft.model.recipient.name },
          payload: {
            channel: "post",
            purpose: "other",
            letterKind: draft.kind,
            stageId: draft.stageInstanceId,
            reference: draft.reference,
            language: "en",
            subject: `${LETTER_KIND_NAMES[draft.kind]} (${draft.reference})`,
            text: `The ${LETTER_KIND_NAMES[draft.kind]} by post`,
            letterId: stored.id,
          },
          dedupeKey: `letter:${draft.caseId}:${stored.id}:post`,
        },
      ]);
    }
    if (settles !== null && !(await notificationRepository.markDone(trx, { id: settles, councilId, at: issuedAt }))) {
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
  const names = await caseRepository.staffNames(ctx.db, record.councilId, letters.flatMap((l) => (l.issued_by ? [l.issued_by] : [])));
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
