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
import { COMMAND_TYPES, DomainError, LETTER_KIND_NAMES, currentStage, staleLetter, todayIn, type CaseState, type ConductState, type CorrespondenceLanguage, type LetterAddressee, type LetterKind, type LetterRules, type ResolvedRules, type StageInstance } from "@complaints/core";
import { TRPCError } from "@trpc/server";
import {
  authRepository,
  caseRepository,
  conductRepository,
  contactRepository,
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
  renderBilingualLetterPdf,
  renderLetterPdf,
  requiredContent,
  withSections,
  type LetterElement,
  type LetterModel,
  type PlainEnglishWarning,
  type PostalAddress,
  type StaffMember,
} from "@complaints/letters";
import { createContextInner, type AppDeps, type Context } from "../context.js";
import { councilPublicAddress } from "../hosting.js";
import { ApiProblem, badInput, noAccess, notFound, unprocessable, versionConflict, type MissingItem } from "../errors.js";
import { commandDecision, letterDecision, readDecision, type CaseFacts, type StaffPrincipal } from "../access/principal.js";
import { ROLE_LABELS } from "../access/policy.js";
import { factsOfCase, loadReadableCase, recordRead, type CommandKey } from "./cases.js";
import { correspondenceFor, letterRecipients, ombudsmanRecipients, type LetterRecipient } from "./letter-dispatch.js";
import { correspondenceLanguage } from "./correspondence-recipients.js";

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
  /** What it still lacks, noted when the step that asked for it tried to issue it (decision 0321). */
  missing: string[];
  /** Who ran the step that asked for it (they may issue it, decision 0321), if a member of staff did. */
  askedBy: string | null;
}

function pendingView(entry: OutboxEntry): PendingLetter {
  const payload = entry.payload as { letter?: unknown; stageId?: unknown; to?: unknown; dueOn?: unknown; reference?: unknown; missing?: unknown; by?: unknown };
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
    missing: Array.isArray(payload.missing) ? payload.missing.map(String) : [],
    askedBy: typeof payload.by === "string" ? payload.by : null,
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
    return rows.reverse().filter((r) => !r.failedAt).map(pendingView);
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
      if (f && !row.failedAt && readDecision(staff, factsOf(f)).ok) out.push(row);
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
  /** The officer's choice for this letter; when not given, the resident's (see composeDraft). */
  language?: CorrespondenceLanguage | undefined;
}

export interface Draft {
  caseId: string;
  reference: string;
  kind: LetterKind;
  kindName: string;
  /** The letter checklists of the case's rules (decision 0407). */
  letters: LetterRules;
  /** The stage the letter is about, for a stage's own checklist. */
  stageId: string | null;
  /** The letter; for a bilingual letter, its Welsh half (printed first). */
  model: LetterModel;
  /** What the letter is written in: English, Welsh, or Welsh then English. */
  language: CorrespondenceLanguage;
  /** A bilingual letter's English half, printed after the Welsh; null otherwise. */
  english: LetterModel | null;
  /** What the letter still needs before it may be issued; empty when it may go. */
  missing: MissingItem[];
  /** Plain English advice; never stops a letter. */
  warnings: PlainEnglishWarning[];
  issuable: boolean;
  largePrint: boolean;
  largePrintReason: string;
  recipient: { to: LetterAddressee; name: string };
  /** Who it will be sent to, and how (email, post): the resident's channels (letter-dispatch.ts). */
  recipients: LetterRecipient[];
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

const STAFF_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function staffCards(ctx: Context, councilId: string, ids: Iterable<string>): Promise<Map<string, StaffMember>> {
  const cards = new Map<string, StaffMember>();
  for (const id of new Set(ids)) {
    // A response's signatory may be recorded by name ("Jamal Turner, Director of Adult Social
    // Care", the regime's responsible person), not as a member of staff.
    if (!STAFF_ID.test(id)) {
      const [name, ...title] = id.split(",");
      cards.set(id, { name: name!.trim(), jobTitle: title.join(",").trim() || "Responsible person" });
      continue;
    }
    const identity = await authRepository.findStaffById(ctx.db, id);
    if (!identity || identity.councilId !== councilId) continue;
    const role = identity.grants.find((g) => g.role in ROLE_LABELS)?.role as keyof typeof ROLE_LABELS | undefined;
    cards.set(id, { name: identity.displayName, jobTitle: identity.jobTitle ?? (role ? ROLE_LABELS[role] : "Complaints team"), email: identity.email });
  }
  return cards;
}

/** A letter the lifecycle asked for, as its outbox entry records it (services/cases.ts, queueEffects). */
interface PendingRow {
  id: number;
  kind: LetterKind | undefined;
  stageId: string | null;
  /** Which time the stage was opened, when the letter was asked for (older entries have none). */
  stageSequence: number | null;
  /** The step that asked for it and who ran it: they may issue it (decision 0321). */
  command: CommandKey | null;
  by: string | null;
  /** The officer's words for the letter, typed in the step's form. */
  sections: NonNullable<LetterRequest["sections"]>;
}

function pendingOf(row: OutboxEntry): PendingRow {
  const payload = row.payload as { letter?: unknown; stageId?: unknown; stageSequence?: unknown; command?: unknown; by?: unknown; sections?: unknown };
  return {
    id: row.id,
    kind: typeof payload.letter === "string" ? (payload.letter as LetterKind) : undefined,
    stageId: typeof payload.stageId === "string" ? payload.stageId : null,
    stageSequence: typeof payload.stageSequence === "number" ? payload.stageSequence : null,
    command: typeof payload.command === "string" && (COMMAND_TYPES as readonly string[]).includes(payload.command) && payload.command !== "log" ? (payload.command as CommandKey) : null,
    by: typeof payload.by === "string" ? payload.by : null,
    sections: Array.isArray(payload.sections) ? (payload.sections as PendingRow["sections"]) : [],
  };
}

async function pendingItem(ctx: Context, councilId: string, caseId: string, outboxId: number): Promise<PendingRow> {
  const row = await notificationRepository.getMessage(ctx.db, councilId, outboxId);
  if (!row || row.caseId !== caseId || row.kind !== "letter") throw notFound("There is no such pending letter on this case");
  if (row.sentAt) throw versionConflict("This letter has already been issued; issue it again only to send a corrected copy (leave out the pending letter)", "LETTER_ALREADY_ISSUED");
  if (row.failedAt) throw versionConflict(`This letter was withdrawn (${(row.lastError ?? "").replace(/^Withdrawn: /, "")}); it will not be sent`, "LETTER_ALREADY_ISSUED");
  return pendingOf(row);
}

type CaseRecord = Awaited<ReturnType<typeof caseRepository.getCase<CaseState>>>;

/** A draft with what issuing it needs beside: the case it was drafted from and the request it answers. */
interface Drafted {
  draft: Draft;
  record: CaseRecord;
  pending: PendingRow | null;
}

/**
 * A draft of the letter from the case with the officer's sections merged in, and everything
 * it still lacks: the content its regime requires, someone to send it to, their address.
 * A missing element is listed, never an error. The person who ran the step that asked for
 * the letter may draft and issue it, whatever their role (decision 0321).
 */
export async function draftLetter(ctx: Context, staff: StaffPrincipal, input: LetterRequest & { byPost?: boolean | undefined }): Promise<Draft> {
  return (await draftChecked(ctx, staff, input)).draft;
}

async function draftChecked(ctx: Context, staff: StaffPrincipal, input: LetterRequest & { byPost?: boolean | undefined }): Promise<Drafted> {
  const { record } = await loadReadableCase(ctx, staff, input.caseId);
  const facts = factsOfCase(record);
  const pending = input.outboxId !== undefined ? await pendingItem(ctx, record.councilId, record.id, input.outboxId) : null;
  const decision = letterDecision(staff, facts);
  if (!decision.ok && !(pending?.command && commandDecision(staff, pending.command, facts).ok)) throw noAccess(decision.reason);
  if (input.signatoryId) {
    const signatory = await authRepository.findStaffById(ctx.db, input.signatoryId);
    if (!signatory || signatory.councilId !== record.councilId || !signatory.active) throw badInput("The signatory is not a member of staff here");
  }
  return { draft: await composeDraft(ctx, record, staff.id, input, pending), record, pending };
}

/** The draft itself, with no access check: the callers have made theirs. */
async function composeDraft(ctx: Context, record: CaseRecord, issuerId: string, input: LetterRequest & { byPost?: boolean | undefined }, pending: PendingRow | null): Promise<Draft> {
  const kind = input.kind ?? pending?.kind;
  if (!kind) throw badInput("Say which letter to write (kind), or which pending letter (outboxId)");
  if (pending?.kind && input.kind && pending.kind !== input.kind) {
    throw badInput(`The pending letter is a ${LETTER_KIND_NAMES[pending.kind] ?? pending.kind}, not a ${LETTER_KIND_NAMES[input.kind]}`);
  }
  const state = caseLevelLetterState(record.state, kind);
  // The pending letter was asked for about one stage: settling it with a letter about another
  // would mark the wrong stage's letter done (and its deadline met when sent, decision 0322).
  if (pending?.stageId && input.stageId && pending.stageId !== input.stageId) {
    const label = (id: string) => stageFor(state, id)?.label ?? id;
    throw badInput(`The pending letter is about ${label(pending.stageId)}, not ${label(input.stageId)}`);
  }

  const runtime = await ctx.deps.councils.get(record.councilId);
  const rules = runtime.book.rulesFor(state.serviceId, state.kind);
  const stageId = input.stageId ?? pending?.stageId ?? undefined;
  const stage = CASE_LEVEL_LETTERS.has(kind) ? undefined : stageFor(state, stageId);
  if (input.stageId && !stage && !CASE_LEVEL_LETTERS.has(kind)) throw badInput(`This case has no stage "${input.stageId}"`);

  const signatoryId = input.signatoryId ?? (CASE_LEVEL_LETTERS.has(kind) ? issuerId : (stage?.response?.signedBy ?? stage?.handlerId ?? issuerId));
  const people = [signatoryId, issuerId, ...state.stages.flatMap((s) => [s.handlerId, s.response?.signedBy].filter((x): x is string => Boolean(x))), ...state.ombudsman.flatMap((e) => (e.approvedBy ? [e.approvedBy] : []))];
  const cards = await staffCards(ctx, record.councilId, people);

  const customer = state.customer ? await customerRepository.getCustomer(ctx.db, state.customer.id).catch((e) => (e instanceof NotFoundError ? null : Promise.reject(e))) : null;
  // Our reply to an Ombudsman enquiry is addressed to the Ombudsman, not to the resident.
  const toOmbudsman = kind === "ombudsman-reply";
  const toRepresentative = !toOmbudsman && state.representative?.replyTo === "representative";
  const to = toOmbudsman ? "ombudsman" : toRepresentative ? "representative" : "customer";
  let recipients = toOmbudsman ? ombudsmanRecipients(state, runtime.profile) : await letterRecipients(ctx.db, state, ctx.deps.notifier.channels);
  const recipientName = toOmbudsman ? (recipients[0]?.name ?? "") : toRepresentative ? state.representative!.name : (state.customer?.name ?? "");
  // An officer may ask for a paper copy as well, or for none (the letter handed over in person).
  if (input.byPost === true && (state.customer || toOmbudsman) && recipientName && !recipients.some((r) => r.channel === "post")) recipients = [...recipients, { party: to, name: recipientName, email: null, channel: "post" }];
  if (input.byPost === false) recipients = recipients.filter((r) => r.channel !== "post");
  const posted = recipients.some((r) => r.channel === "post");

  const missing: MissingItem[] = [];
  // (A letter to an Ombudsman the council has no address for is refused by the letters package, naming the setting.)
  if (!toOmbudsman && !state.customer) missing.push({ element: "recipient", description: "someone to send it to: nobody's name and address is on this anonymous case", source: RECIPIENT_SOURCE });
  // Issued with no channel (no post asked for, no email address), the letter would be settled
  // with nothing queued: nobody told, and its deadline never met (decision 0322).
  else if (recipients.length === 0) missing.push({ element: "recipient", description: "nobody would receive this letter: add an email address or a postal address", source: RECIPIENT_SOURCE });
  const customerAddress = input.customerAddress ?? postalAddressOf(customer);
  // An address is needed to post the letter, or to print it for the representative's client.
  if (!toOmbudsman && state.customer && !customerAddress && (posted || toRepresentative)) {
    missing.push({ element: "recipient-address", description: "the customer's postal address (add it to their record, or give it for this letter)", source: RECIPIENT_SOURCE });
  }
  // The representative's address as staff recorded it with their contact details (decision 0320).
  const representativeAddress = input.representativeAddress ?? (toRepresentative ? postalAddressOf(await contactRepository.representativeContact(ctx.db, state.id)) : null);
  if (toRepresentative && !representativeAddress) {
    missing.push({ element: "representative-address", description: `the postal address of ${state.representative!.name}, who acts for the customer: replies go to them`, source: RECIPIENT_SOURCE });
  }

  // The resident's language, where the council writes in it (Welsh Language Standards, standards
  // 1, 2 and 5; decision 0104): the customer's, whoever the letter goes to, since no language is
  // stored for a representative. An officer may still choose the language of this letter.
  // A letter to the Ombudsman is in English unless the officer chooses otherwise.
  const language: CorrespondenceLanguage = input.language ?? (toOmbudsman ? "en" : correspondenceLanguage(runtime, customer?.language));
  const sections = [...(pending?.sections ?? []), ...(input.sections ?? [])];
  const build = async (written: "en" | "cy"): Promise<LetterModel> => withSections(buildLetterModel(kind, state, rules, runtime.profile, {
    date: todayIn(ctx.clock),
    // The Stage 2 route names the online form (issue 15's wording findings; decision 0104).
    publicAddress: await councilPublicAddress(ctx.deps, runtime.council),
    customerAddress: customerAddress ?? NO_ADDRESS,
    ...(toRepresentative ? { representativeAddress: representativeAddress ?? NO_ADDRESS } : {}),
    staff: (id) => cards.get(id),
    signatoryId,
    ...(stage ? { stageId: stage.stageId } : {}),
    language: written,
    // Printed only where the letters package says (the acknowledgement to the customer).
    trackingCode: await ctx.deps.tracking.codeFor(record.id),
    ...(await conductFacts(ctx, state, kind)),
  }), sections.map((s) => ({ element: s.element, paragraphs: s.paragraphs, ...(s.heading ? { heading: s.heading } : {}) })));
  const model = await build(language === "bilingual" ? "cy" : language);
  const english = language === "bilingual" ? await build("en") : null;
  missing.push(...checkRequiredContent(model, rules, { stageId: stage?.stageId ?? null }).map(({ element, description, source }) => ({ element, description, source })));

  let largePrint: boolean;
  let largePrintReason: string;
  if (input.largePrint !== undefined) {
    largePrint = input.largePrint;
    largePrintReason = largePrint ? "asked for on this letter" : "standard print asked for on this letter";
  } else if (toOmbudsman) {
    largePrint = false;
    largePrintReason = "standard print: the letter goes to the Ombudsman";
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
    letters: rules.letters,
    stageId: stage?.stageId ?? null,
    model,
    language,
    english,
    missing,
    warnings: checkPlainEnglish(model),
    issuable: missing.length === 0,
    largePrint,
    largePrintReason,
    recipient: { to, name: model.recipient.name },
    recipients,
    outboxId: pending?.id ?? null,
    stageInstanceId: stage ? `${stage.stageId}#${stage.sequence}` : null,
  };
}

// ---------------------------------------------------------------------------------------------
// Letters about the customer or the case as a whole, not one stage (issue 15, decision 0321)
// ---------------------------------------------------------------------------------------------

/** Letters about how the customer contacts us: asked for by the persistent-complainant process (services/customers.ts). */
export const CONDUCT_LETTERS: ReadonlySet<LetterKind> = new Set<LetterKind>(["conduct-warning", "conduct-designation", "conduct-review"]);

/**
 * Letters about no one stage: the conduct letters, and the letter telling the resident of the
 * Ombudsman's decision. They are signed by whoever decided (ran the step), not a stage's handler.
 */
const CASE_LEVEL_LETTERS: ReadonlySet<LetterKind> = new Set<LetterKind>([...CONDUCT_LETTERS, "ombudsman-response", "ombudsman-reply"]);

/**
 * The case as a letter of this kind sees it: a letter about a customer's own behaviour goes to
 * the customer, on their own channels, even where replies about the complaint go to a
 * representative (an MP is not written to about their constituent's conduct).
 */
function caseLevelLetterState(state: CaseState, kind: LetterKind): CaseState {
  return CONDUCT_LETTERS.has(kind) && state.representative ? { ...state, representative: null } : state;
}

/** For a conduct letter, the customer's persistent-complainant record its sections are drafted from. */
async function conductFacts(ctx: Context, state: CaseState, kind: LetterKind): Promise<{ conduct?: ConductState }> {
  if (!CONDUCT_LETTERS.has(kind) || !state.customer) return {};
  const record = await conductRepository.getConduct<ConductState>(ctx.db, state.customer.id);
  return record ? { conduct: record.state } : {};
}

/** The oldest letter of this kind the outbox is waiting for on the case, if any. */
async function oldestPending(ctx: Context, councilId: string, caseId: string, kind: LetterKind): Promise<PendingRow | null> {
  const rows = await notificationRepository.list(ctx.db, { councilId, caseIds: [caseId], kinds: ["letter"], unsentOnly: true, limit: 200 });
  const match = rows.reverse().find((r) => (r.payload as { letter?: unknown }).letter === kind && !r.failedAt);
  return match ? pendingOf(match) : null;
}

export function letterUrl(letterId: string): string {
  return `/letters/${letterId}.pdf`;
}

/**
 * Why the letter may not go now because its facts are stale (decision 0321), checked against
 * the request it answers: the pending letter's stage as it was asked for, else the draft's.
 */
function stalenessOf(ctx: Context, drafted: Drafted, settles: PendingRow | null) {
  const { draft, record } = drafted;
  const [stageId, sequence] = draft.stageInstanceId ? draft.stageInstanceId.split("#") : [null, null];
  const asked = settles?.stageId ? { kind: draft.kind, stageId: settles.stageId, stageSequence: settles.stageSequence } : { kind: draft.kind, stageId: stageId ?? null, stageSequence: sequence ? Number(sequence) : null };
  return staleLetter(record.state, asked, todayIn(ctx.clock));
}

/**
 * Issues a drafted letter: refuses a stale one (withdrawing the pending letter with the
 * reason) and an incomplete one (422 with the list of what it lacks); renders the PDF (large
 * print when needed); stores it unchanged with its SHA-256, a `letter-issued` event in the
 * case's chain, the pending letter settled and the correspondence that sends it on the
 * resident's channels, in one transaction. Issuing again makes a new letter; the first is
 * never replaced.
 */
async function issueDrafted(ctx: Context, drafted: Drafted, issuerId: string) {
  const { draft, record } = drafted;
  const councilId = record.councilId;
  const settles = drafted.pending ?? (await oldestPending(ctx, councilId, draft.caseId, draft.kind));
  const stale = stalenessOf(ctx, drafted, settles);
  if (stale) {
    if (settles) await notificationRepository.withdraw(ctx.db, { id: settles.id, councilId, at: ctx.clock.now(), reason: stale.message });
    ctx.deps.log.info("stale letter withdrawn", { caseId: draft.caseId, kind: draft.kind, outboxId: settles?.id ?? null, reason: stale.message });
    throw stale;
  }
  if (draft.missing.length > 0) {
    throw unprocessable(
      "LETTER_INCOMPLETE",
      `This ${draft.kindName} cannot be issued until it has: ${draft.missing.map((m) => m.description).join("; ")}.`,
      draft.missing[0]!.source,
      draft.missing,
    );
  }
  assertIssuable(draft.model, draft.letters, { stageId: draft.stageId });
  if (draft.english) assertIssuable(draft.english, draft.letters, { stageId: draft.stageId });
  const pdf = await renderDraft(draft);
  const issuedAt = ctx.clock.now();
  const stageId = draft.stageInstanceId?.split("#")[0] ?? null;
  const letter = await inTransaction(ctx.db, async (trx) => {
    const stored = await letterRepository.issueLetter(trx, {
      caseId: draft.caseId,
      stageInstanceId: draft.stageInstanceId,
      kind: draft.kind,
      recipient: { to: draft.recipient.to, name: draft.model.recipient.name, address: draft.model.recipient.address, language: draft.language },
      largePrint: draft.largePrint,
      model: draft.english ? { welsh: draft.model, english: draft.english } : draft.model,
      issuedAt,
      issuedBy: issuerId,
      pdf,
      // The post is a correspondence row now; the sender queues it for the print room (decision 0321).
      byPost: false,
      event: {
        actor: { type: "staff", id: issuerId },
        on: draft.model.date,
        data: { outboxId: settles?.id ?? null, recipientName: draft.model.recipient.name, to: draft.recipient.to, sentBy: draft.recipients.map((r) => r.channel), language: draft.language },
      },
    });
    if (settles !== null && !(await notificationRepository.markDone(trx, { id: settles.id, councilId, at: issuedAt }))) {
      throw versionConflict("Someone else issued this letter while you were writing it. Check the case's letters; issue yours only if it corrects theirs.", "LETTER_ALREADY_ISSUED");
    }
    await ctx.deps.notifier.enqueue(
      trx,
      correspondenceFor({ councilId, caseId: draft.caseId, reference: draft.reference, letterId: stored.id, model: draft.model, english: draft.english, stageId, recipients: draft.recipients, occasion: settles?.id ?? stored.id }),
    );
    return stored;
  });
  ctx.deps.log.info("letter issued", { by: issuerId, caseId: draft.caseId, letterId: letter.id, kind: draft.kind });
  return {
    letterId: letter.id,
    caseId: draft.caseId,
    reference: draft.reference,
    kind: draft.kind,
    sha256: letter.sha256,
    sizeBytes: letter.size_bytes,
    largePrint: letter.large_print,
    language: draft.language,
    issuedAt: letter.issued_at.toISOString(),
    recipient: draft.recipient,
    /** Who it was sent to, and how: the correspondence queued with it. */
    sentTo: draft.recipients,
    byPost: draft.recipients.some((r) => r.channel === "post"),
    settledOutboxId: settles?.id ?? null,
    warnings: draft.warnings,
    downloadUrl: letterUrl(letter.id),
  };
}

/**
 * Issues a letter from the letters pages (`byPost`: true adds a paper copy, false sends none;
 * by default the resident's channels decide).
 */
export async function issueLetter(ctx: Context, staff: StaffPrincipal, input: LetterRequest & { byPost?: boolean | undefined }) {
  return issueDrafted(ctx, await draftChecked(ctx, staff, input), staff.id);
}

// ---------------------------------------------------------------------------------------------
// Letters issued as part of the step (decision 0321)
// ---------------------------------------------------------------------------------------------

/** What became of a letter a step asked for. */
export interface StepLetter {
  outboxId: number;
  kind: LetterKind;
  kindName: string;
  /** issued (and sent on the channels in `sentTo`), waiting for an officer's words, or withdrawn as stale. */
  status: "issued" | "waiting" | "withdrawn";
  letterId: string | null;
  sentTo: LetterRecipient[];
  /** What it still lacks, in words ("what we found"), when waiting. */
  missing: string[];
  /** Why it was withdrawn, or why it could not be issued yet. */
  reason: string | null;
}

function refusalCode(error: unknown): string | null {
  if (error instanceof DomainError) return error.code;
  if (error instanceof TRPCError && error.cause instanceof ApiProblem) return error.cause.refusal.code;
  if (error instanceof TRPCError && error.cause instanceof DomainError) return error.cause.code;
  return null;
}

/**
 * Issues the letters a step asked for, as the person who ran it, once the step has committed.
 * A letter whose content is complete goes now; one that needs an officer's words stays pending,
 * noting what it lacks for the work queue; a stale one is withdrawn. Rendering happens outside
 * the step's transaction: if this process stops in between, the letter is still pending and
 * `finishStepLetters` (the delivery job) issues it.
 */
export async function issueStepLetters(ctx: Context, caseId: string, outboxIds: readonly number[]): Promise<StepLetter[]> {
  // The step has committed: a failure from here on must not turn it into an error for the
  // person who ran it (they would run it again). What is not done now the delivery job does.
  try {
    await withdrawStaleLetters(ctx, caseId, outboxIds);
  } catch (error) {
    ctx.deps.log.error("waiting letters not checked for staleness after the step", { caseId, error });
  }
  const done: StepLetter[] = [];
  for (const outboxId of outboxIds) {
    try {
      const result = await issueStepLetter(ctx, caseId, outboxId);
      if (result) done.push(result);
    } catch (error) {
      // The letter could not even be read back: it is still pending, and the job issues it.
      ctx.deps.log.error("step letter not issued", { caseId, outboxId, error });
    }
  }
  return done;
}

const TRIED_AGAIN = "It could not be issued just now; it will be tried again shortly.";

/**
 * After a step, the case's other letters still waiting whose facts it has made stale (the
 * acknowledgement nobody wrote before the response went) are withdrawn with the reason, so no
 * queue keeps a task for a letter that may no longer be sent.
 */
async function withdrawStaleLetters(ctx: Context, caseId: string, except: readonly number[]): Promise<void> {
  const record = await caseRepository.getCase<CaseState>(ctx.db, caseId);
  const rows = await notificationRepository.list(ctx.db, { councilId: record.councilId, caseIds: [caseId], kinds: ["letter"], unsentOnly: true, limit: 200 });
  const today = todayIn(ctx.clock);
  for (const row of rows) {
    if (row.failedAt || except.includes(row.id)) continue;
    const pending = pendingOf(row);
    if (!pending.kind) continue;
    const stale = staleLetter(record.state, { kind: pending.kind, stageId: pending.stageId, stageSequence: pending.stageSequence }, today);
    if (stale) await notificationRepository.withdraw(ctx.db, { id: row.id, councilId: record.councilId, at: ctx.clock.now(), reason: stale.message });
  }
}

async function issueStepLetter(ctx: Context, caseId: string, outboxId: number): Promise<StepLetter | null> {
  const record = await caseRepository.getCase<CaseState>(ctx.db, caseId);
  const row = await notificationRepository.getMessage(ctx.db, record.councilId, outboxId);
  if (!row || row.caseId !== caseId || row.kind !== "letter" || row.sentAt || row.failedAt) return null;
  const pending = pendingOf(row);
  if (!pending.kind || !pending.by) return null;
  const base = { outboxId, kind: pending.kind, kindName: LETTER_KIND_NAMES[pending.kind], letterId: null, sentTo: [] as LetterRecipient[], missing: [] as string[], reason: null };
  try {
    return await settleStepLetter(ctx, record, { ...pending, kind: pending.kind, by: pending.by }, base);
  } catch (error) {
    // A fault while noting why it could not go (the database went away): it is still pending.
    ctx.deps.log.error("step letter not issued", { caseId, outboxId, error });
    return { ...base, status: "waiting", reason: TRIED_AGAIN };
  }
}

type StepLetterBase = Omit<StepLetter, "status">;

async function settleStepLetter(ctx: Context, record: CaseRecord, pending: PendingRow & { kind: LetterKind; by: string }, base: StepLetterBase): Promise<StepLetter | null> {
  const caseId = record.id;
  const outboxId = pending.id;
  let drafted: Drafted | null = null;
  try {
    drafted = { draft: await composeDraft(ctx, record, pending.by, { caseId, outboxId }, pending), record, pending };
    const issued = await issueDrafted(ctx, drafted, pending.by);
    return { ...base, status: "issued", letterId: issued.letterId, sentTo: issued.sentTo };
  } catch (error) {
    const code = refusalCode(error);
    if (code === "LETTER_STALE") return { ...base, status: "withdrawn", reason: (error as Error).message };
    if (code === "LETTER_ALREADY_ISSUED") return null;
    if (code === "LETTER_INCOMPLETE" && drafted) {
      // A letter this procedure never sends (an extension notice under the member enquiry
      // procedure) is no task for anyone: it is withdrawn, saying why.
      const notSent = drafted.draft.missing.find((m) => m.element === "letter-kind");
      if (notSent) {
        await notificationRepository.withdraw(ctx.db, { id: outboxId, councilId: record.councilId, at: ctx.clock.now(), reason: notSent.description });
        return { ...base, status: "withdrawn", reason: notSent.description };
      }
      const missing = drafted.draft.missing.map((m) => m.description);
      await notificationRepository.annotate(ctx.db, { id: outboxId, councilId: record.councilId, patch: { missing } });
      return { ...base, status: "waiting", sentTo: drafted.draft.recipients, missing };
    }
    if (code) {
      // The letter cannot be drafted as the case stands (LETTER_NOT_POSSIBLE…): someone must look.
      await notificationRepository.annotate(ctx.db, { id: outboxId, councilId: record.councilId, patch: { missing: [(error as Error).message] } });
      return { ...base, status: "waiting", missing: [(error as Error).message] };
    }
    // A fault (the PDF could not be rendered, the database went away): the job tries again.
    ctx.deps.log.error("step letter not issued", { caseId, outboxId, error });
    return { ...base, status: "waiting", reason: TRIED_AGAIN };
  }
}

/**
 * The delivery job's part (decision 0321): letters asked for by a step at least `graceSeconds`
 * ago and still pending (the process stopped after the step committed, or rendering failed)
 * are issued now, as the person who ran the step. Letters already known to need an officer's
 * words are left for them.
 */
export async function finishStepLetters(deps: AppDeps, options: { graceSeconds?: number; limit?: number } = {}): Promise<{ issued: number; withdrawn: number }> {
  const ctx = createContextInner({ deps });
  const before = ctx.clock.now().getTime() - (options.graceSeconds ?? 60) * 1000;
  const report = { issued: 0, withdrawn: 0 };
  const rows = await notificationRepository.waitingLetters(ctx.db, { createdBefore: new Date(before), limit: options.limit ?? 50 });
  for (const row of rows) {
    if (!row.caseId) continue;
    // One letter that cannot be read back does not hold up the others.
    const result = await issueStepLetter(ctx, row.caseId, row.id).catch((error: unknown) => {
      ctx.deps.log.error("step letter not finished", { caseId: row.caseId, outboxId: row.id, error });
      return null;
    });
    if (result?.status === "issued") report.issued += 1;
    if (result?.status === "withdrawn") report.withdrawn += 1;
  }
  return report;
}

/**
 * A case's letters that wait for something (an address, an email address, a representative's
 * details) are tried again when staff change the contact details they lacked: each goes now,
 * as the person who ran its step, if it is complete; otherwise it keeps waiting, saying what it
 * still lacks. Without this they waited for ever: the delivery job leaves letters known to lack
 * something to the people who must complete them.
 */
export async function retryWaitingLetters(ctx: Context, caseIds: readonly string[]): Promise<StepLetter[]> {
  const done: StepLetter[] = [];
  for (const caseId of caseIds) {
    const record = await caseRepository.getCase<CaseState>(ctx.db, caseId);
    const rows = await notificationRepository.list(ctx.db, { councilId: record.councilId, caseIds: [caseId], kinds: ["letter"], unsentOnly: true, limit: 200 });
    const waiting = rows.filter((row) => !row.failedAt && pendingOf(row).by).map((row) => row.id);
    if (waiting.length) done.push(...(await issueStepLetters(ctx, caseId, waiting)));
  }
  return done;
}

/**
 * The draft rendered as it would print, for the officer to read before issuing: nothing is
 * stored but the record of the read. An incomplete draft is rendered too (what it lacks is listed beside it).
 */
/** The draft, to read before issuing: nothing is stored, but reading it is a read of the case. */
export async function previewLetter(ctx: Context, staff: StaffPrincipal, input: LetterRequest): Promise<Omit<Draft, "letters">> {
  // The checklists stay on the server: the preview shows what is missing, not every rule.
  const { letters: _checklists, ...draft } = await draftLetter(ctx, staff, input);
  await recordRead(ctx, staff, input.caseId, staff.councilId, "letter previewed");
  return draft;
}

export async function previewLetterPdf(ctx: Context, staff: StaffPrincipal, input: LetterRequest) {
  const draft = await previewLetter(ctx, staff, input);
  const pdf = await renderDraft(draft);
  return {
    fileName: `${draft.reference}-${draft.kind}-draft.pdf`,
    /** The PDF's bytes in base64 (JSON carries no bytes). */
    pdfBase64: pdf.toString("base64"),
    issuable: draft.issuable,
    missing: draft.missing,
  };
}

/** An issued letter's stored model: one letter's, or a bilingual letter's two (`{ welsh, english }`). */
export function storedModels(stored: unknown): { model: LetterModel; english: LetterModel | null } {
  const bilingual = stored as { welsh?: LetterModel; english?: LetterModel };
  return bilingual.welsh && bilingual.english ? { model: bilingual.welsh, english: bilingual.english } : { model: stored as LetterModel, english: null };
}

/** The PDF of a draft: a bilingual letter is one PDF, the Welsh letter first (decision 0104). */
function renderDraft(draft: Omit<Draft, "letters">): Promise<Buffer> {
  return draft.english ? renderBilingualLetterPdf(draft.model, draft.english, { largePrint: draft.largePrint }) : renderLetterPdf(draft.model, { largePrint: draft.largePrint });
}

/** A case's issued letters, each with where its posting has got to. */
export async function listLetters(ctx: Context, staff: StaffPrincipal, caseId: string) {
  const { record } = await loadReadableCase(ctx, staff, caseId);
  const letters = await letterRepository.listLetters(ctx.db, caseId);
  await recordRead(ctx, staff, record.id, record.councilId, "letters listed");
  const names = await caseRepository.staffNames(ctx.db, record.councilId, letters.flatMap((l) => (l.issued_by ? [l.issued_by] : [])));
  return letters.map((l) => {
    const recipient = l.recipient as { name?: unknown; to?: unknown; language?: unknown };
    return {
      letterId: l.id,
      kind: l.kind,
      kindName: LETTER_KIND_NAMES[l.kind as LetterKind] ?? l.kind,
      stageInstanceId: l.stage_instance_id,
      recipient: { name: typeof recipient.name === "string" ? recipient.name : null, to: typeof recipient.to === "string" ? recipient.to : null },
      largePrint: l.large_print,
      // Letters issued before the language was recorded were all English.
      language: recipient.language === "cy" || recipient.language === "bilingual" ? recipient.language : ("en" as const),
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
// What a step's form says it will send (decision 0321)
// ---------------------------------------------------------------------------------------------

/**
 * Sections no case data fills: only the officer can write them (build-model.ts leaves them
 * out). Where a letter's rules require one, the step's form asks for it.
 */
const OFFICER_WORDS: ReadonlySet<LetterElement> = new Set<LetterElement>(["investigation", "complaint-definition", "consequences-of-no-reply", "advocacy", "passed-to"]);

/** Besides OFFICER_WORDS, sections a letter of this kind has only when the officer writes them. */
const KIND_WORDS: Partial<Record<LetterKind, readonly LetterElement[]>> = {
  excluded: ["reasons"],
  "not-a-complaint": ["reasons"],
};

/** The letters a command asks for on this case, by the stage it acts on (triage: by its outcome). */
function lettersOfCommand(state: CaseState, rulesStages: ReadonlyArray<{ id: string; acknowledgementLetter: LetterKind; responseLetter: LetterKind }>, command: CommandKey): Array<{ kind: LetterKind; when: string | null }> {
  const stage = currentStage(state);
  const stageRule = stage ? rulesStages.find((r) => r.id === stage.stageId) : undefined;
  switch (command) {
    case "acknowledge":
      return stageRule ? [{ kind: stageRule.acknowledgementLetter, when: null }] : [];
    case "respond":
      return stageRule ? [{ kind: stageRule.responseLetter, when: null }] : [];
    case "extend":
      return [{ kind: "extension-notice", when: null }];
    case "holding-response":
      return [{ kind: "holding-response", when: null }];
    case "request-information":
      return [{ kind: "information-request", when: "when you ask the customer" }];
    case "refer-back":
      return [{ kind: "referral-back", when: null }];
    case "refer-claim":
      return [{ kind: "claim-referral", when: null }];
    case "acknowledge-feedback":
      return [{ kind: "compliment-acknowledgement", when: null }];
    case "ombudsman-decision":
      return [{ kind: "ombudsman-response", when: null }];
    case "ombudsman-response":
      return [{ kind: "ombudsman-reply", when: null }];
    case "triage":
      return [
        { kind: "not-a-complaint", when: "if it is not a complaint" },
        { kind: "excluded", when: "if it is excluded" },
        { kind: "out-of-time", when: "if it is out of time" },
        { kind: "wrongly-addressed", when: "if it is for another organisation" },
      ];
    default:
      return [];
  }
}

export interface StepLetterPlan {
  kind: LetterKind;
  kindName: string;
  /** "if it is out of time": the outcome of the form that sends this letter; null when it always goes. */
  when: string | null;
  recipients: LetterRecipient[];
  /** The resident has no postal address on record, so a letter by post will wait for one. */
  addressMissing: boolean;
  /** The officer's words this letter must have (the form asks for them). */
  words: Array<{ element: LetterElement; description: string; source: string }>;
  /**
   * What the letter will lack whatever the form says, so it will wait instead of going:
   * "someone to deal with the complaint (assign the case first)". Empty when it can go.
   */
  waitsFor: string[];
}

/**
 * What a step's letter will lack however the form is filled in: the handler it must name
 * (Southwark's acknowledgement, the children's Stage 1) when nobody is assigned to the stage
 * the letter is about. The step's form says so rather than promising the letter goes.
 */
function waitsForOf(kind: LetterKind, rules: ResolvedRules, state: CaseState): string[] {
  const needsHandler = (requiredContent(kind, rules, currentStage(state)?.stageId) ?? []).some((r) => r.element === "handler");
  return needsHandler && !currentStage(state)?.handlerId ? ["someone assigned to deal with the complaint (assign it first)"] : [];
}

/** What the step's form will send, to whom and how, and the words it needs from the officer. */
export async function stepLetterPlan(ctx: Context, staff: StaffPrincipal, input: { caseId: string; command: CommandKey }): Promise<StepLetterPlan[]> {
  const { record } = await loadReadableCase(ctx, staff, input.caseId);
  const state = record.state;
  const runtime = await ctx.deps.councils.get(record.councilId);
  const rules = runtime.book.rulesFor(state.serviceId, state.kind);
  const customer = state.customer ? await customerRepository.getCustomer(ctx.db, state.customer.id).catch((e) => (e instanceof NotFoundError ? null : Promise.reject(e))) : null;
  const to = state.representative?.replyTo === "representative" ? "representative" : "customer";
  if (!state.customer && to === "customer") return [];
  const recipients = await letterRecipients(ctx.db, state, ctx.deps.notifier.channels);
  const addressMissing = recipients.some((r) => r.channel === "post") && !(to === "representative" ? postalAddressOf(await contactRepository.representativeContact(ctx.db, state.id)) : postalAddressOf(customer));
  return lettersOfCommand(state, rules.regime.stages, input.command).map(({ kind, when }) => ({
    kind,
    kindName: LETTER_KIND_NAMES[kind],
    when,
    ...(kind === "ombudsman-reply" ? { recipients: ombudsmanRecipients(state, runtime.profile, { waiting: true }), addressMissing: false } : { recipients, addressMissing }),
    words: (requiredContent(kind, rules, currentStage(state)?.stageId) ?? [])
      .filter((r): r is typeof r & { element: LetterElement } => OFFICER_WORDS.has(r.element as LetterElement) || (KIND_WORDS[kind] ?? []).includes(r.element as LetterElement))
      .map(({ element, description, source }) => ({ element, description, source })),
    waitsFor: waitsForOf(kind, rules, state),
  }));
}
