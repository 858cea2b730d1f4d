/**
 * Merge, link and split (issue 16; docs/decisions/0106-merge-link-split.md): each touches two
 * cases, so each runs core's paired commands (PAIRED_COMMANDS) one on each case in ONE
 * transaction: both cases record their event, or neither does. The other case is found by its
 * reference in this council only and must be one the officer may read and act on; core is told
 * about it from the database (`OtherCase`), never from the client.
 */
import { CASE_LINK_KIND_LABELS, CASE_STATUS_LABELS, CLOSURE_REASON_LABELS, type CaseKind, type CaseLinkKind, type CaseState, type OtherCase } from "@complaints/core";
import { caseRepository, inTransaction, type CaseRecord, type Executor } from "@complaints/db";
import type { Context } from "../context.js";
import type { StaffPrincipal } from "../access/principal.js";
import { commandDecision, readDecision } from "../access/principal.js";
import { badInput, noAccess, notFound } from "../errors.js";
import { commandGrants, factsOfCase, loadReadableCase, logNewCase, recordRead, runCommand, type CommandOutcome } from "./cases.js";
import { listLetters } from "./letters.js";
import { listAttachments } from "./attachments.js";

interface Ref {
  caseId: string;
  expectedVersion: number;
}

function otherOf(record: { id: string; reference: string; state: CaseState }): OtherCase {
  const stage = record.state.stages.at(-1);
  return {
    id: record.id,
    reference: record.reference,
    status: record.state.status,
    kind: record.state.kind,
    customer: record.state.customer,
    stage: stage ? { sequence: stage.sequence, label: stage.label } : null,
  };
}

/** The case this officer acts from, if they may read it and run `type` on it: said before anything about the other case. */
async function actingCase(ctx: Context, staff: StaffPrincipal, caseId: string, type: "merge-into" | "link-case" | "unlink-case" | "split") {
  const { record } = await loadReadableCase(ctx, staff, caseId);
  const decision = commandDecision(staff, type, factsOfCase(record), await commandGrants(ctx, record, type));
  if (!decision.ok) throw noAccess(decision.reason);
  return record;
}

/**
 * The other case by its reference, in the same council, if this officer may read it. A case of
 * another council, or one they cannot see, is "no such case" (existence is not leaked).
 */
async function caseByReference(ctx: Context, staff: StaffPrincipal, councilId: string, reference: string): Promise<CaseRecord<CaseState>> {
  const wanted = reference.trim().toUpperCase();
  const found = await caseRepository.findCaseByReference<CaseState>(ctx.db, councilId, wanted);
  if (!found || !readDecision(staff, factsOfCase(found)).ok) throw notFound(`There is no case ${wanted} that you can see`);
  return found;
}

/**
 * Runs `work` in one transaction with a context whose reads and writes go through it (PGlite
 * has one connection: nothing inside may use the outer one, docs/toolchain.md gotcha 4). The
 * council cache re-reads the council now and then, so inside it is given the transaction too.
 */
async function together<T>(ctx: Context, work: (inside: Context) => Promise<T>): Promise<T> {
  const councils = ctx.deps.councils;
  return inTransaction(ctx.db, (trx) => {
    const throughTrx = Object.assign(Object.create(councils) as typeof councils, { get: (id: string, db: Executor = trx) => councils.get(id, db) });
    return work({ ...ctx, db: trx, caseReads: null, deps: { ...ctx.deps, councils: throughTrx } });
  });
}

/** Merges the duplicate (`caseId`) into the case kept (`reference`): it closes as merged, the case kept lists it. */
export async function mergeCases(ctx: Context, staff: StaffPrincipal, input: Ref & { reference: string; note?: string | null | undefined }): Promise<CommandOutcome> {
  const record = await actingCase(ctx, staff, input.caseId, "merge-into");
  const kept = await caseByReference(ctx, staff, record.councilId, input.reference);
  return together(ctx, async (inside) => {
    const outcome = await runCommand(inside, staff, "merge-into", { caseId: record.id, expectedVersion: input.expectedVersion, reference: kept.reference, note: input.note ?? null, other: otherOf(kept) });
    await runCommand(inside, staff, "merge-in", { caseId: kept.id, expectedVersion: kept.version, reference: record.reference, other: otherOf(record) });
    return outcome;
  });
}

/** Links two related cases both ways. */
export async function linkCases(ctx: Context, staff: StaffPrincipal, input: Ref & { reference: string }): Promise<CommandOutcome> {
  const record = await actingCase(ctx, staff, input.caseId, "link-case");
  const other = await caseByReference(ctx, staff, record.councilId, input.reference);
  return together(ctx, async (inside) => {
    const outcome = await runCommand(inside, staff, "link-case", { caseId: record.id, expectedVersion: input.expectedVersion, reference: other.reference, other: otherOf(other) });
    // The other side may already know this one (a link half-made before pairs were enforced): it is not linked twice.
    if (!other.state.links?.some((l) => l.caseId === record.id)) {
      await runCommand(inside, staff, "link-case", { caseId: other.id, expectedVersion: other.version, reference: record.reference, other: otherOf(record) });
    }
    return outcome;
  });
}

/** Takes away a "related" link on both cases. */
export async function unlinkCases(ctx: Context, staff: StaffPrincipal, input: Ref & { reference: string }): Promise<CommandOutcome> {
  const record = await actingCase(ctx, staff, input.caseId, "unlink-case");
  const other = await caseByReference(ctx, staff, record.councilId, input.reference);
  return together(ctx, async (inside) => {
    const outcome = await runCommand(inside, staff, "unlink-case", { caseId: record.id, expectedVersion: input.expectedVersion, reference: other.reference, other: otherOf(other) });
    if (other.state.links?.some((l) => l.caseId === record.id)) {
      await runCommand(inside, staff, "unlink-case", { caseId: other.id, expectedVersion: other.version, reference: record.reference, other: otherOf(record) });
    }
    return outcome;
  });
}

/**
 * Splits another service's part off a multi-service complaint (Leeds policy paras 36-37): a new
 * case for that service, the same customer and representative, the original's arrival (its
 * clocks count from the original receipt) and the words given for the part; the two are linked.
 */
export async function splitCase(
  ctx: Context,
  staff: StaffPrincipal,
  input: Ref & { serviceId: string; description: string },
): Promise<CommandOutcome & { created: { caseId: string; reference: string } }> {
  const record = await actingCase(ctx, staff, input.caseId, "split");
  const state = record.state;
  if (!state.otherServiceIds.includes(input.serviceId)) {
    // Said before anything is logged, in the words core would use (commands/split.ts).
    throw badInput(state.otherServiceIds.length ? "Choose one of the other services this complaint covers" : "This complaint covers no other service to split off");
  }
  return together(ctx, async (inside) => {
    const logged = await logNewCase(inside, staff, {
      kind: state.kind as CaseKind,
      channel: state.channel,
      receivedAt: state.receivedAt,
      serviceId: input.serviceId,
      description: input.description,
      desiredOutcome: state.desiredOutcome,
      matterArose: state.matterArose,
      priority: state.priority,
      flags: state.flags,
      aboutStaffIds: state.aboutStaffIds,
      representative: state.representative,
      customer: state.customer ? { id: state.customer.id } : null,
    });
    const created: OtherCase = { id: logged.caseId, reference: logged.reference, status: "new", kind: state.kind, customer: state.customer, stage: null };
    const outcome = await runCommand(inside, staff, "split", { caseId: record.id, expectedVersion: input.expectedVersion, serviceId: input.serviceId, description: input.description, other: created });
    await runCommand(inside, staff, "link-case", { caseId: logged.caseId, expectedVersion: logged.version, reference: record.reference, other: otherOf(record), kind: "split-from" });
    return { ...outcome, created: { caseId: logged.caseId, reference: logged.reference } };
  });
}

export interface RelatedCase {
  caseId: string;
  reference: string;
  kind: CaseLinkKind;
  kindLabel: string;
  on: string;
  /** False when this officer may not read the other case: then only its reference is shown. */
  readable: boolean;
  status: string | null;
  /** For a duplicate merged into this case: its timeline, letters and files, kept and linked. */
  merged: {
    timeline: Array<{ seq: number; type: string; on: string | null; at: string }>;
    letters: Array<{ letterId: string; kindName: string; issuedAt: string; downloadUrl: string }>;
    files: Array<{ attachmentId: string; fileName: string; downloadUrl: string }>;
  } | null;
}

/** "Related cases" on a case page: every case this one knows, with its status. */
export async function relatedCases(ctx: Context, staff: StaffPrincipal, caseId: string): Promise<RelatedCase[]> {
  const { record } = await loadReadableCase(ctx, staff, caseId);
  const links = record.state.links ?? [];
  const out: RelatedCase[] = [];
  for (const link of links) {
    const other = await caseRepository.getCase<CaseState>(ctx.db, link.caseId).catch(() => null);
    const readable = !!other && other.councilId === record.councilId && readDecision(staff, factsOfCase(other)).ok;
    const base = { caseId: link.caseId, reference: link.reference, kind: link.kind, kindLabel: CASE_LINK_KIND_LABELS[link.kind], on: link.on, readable };
    if (!readable || !other) {
      out.push({ ...base, status: null, merged: null });
      continue;
    }
    const status = other.state.closure ? `${CASE_STATUS_LABELS.closed}: ${CLOSURE_REASON_LABELS[other.state.closure.reason].toLowerCase()}` : CASE_STATUS_LABELS[other.state.status];
    let merged: RelatedCase["merged"] = null;
    if (link.kind === "merged-in") {
      const [events, letters, files] = await Promise.all([
        caseRepository.listEvents(ctx.db, other.id, { excludeTypes: ["case-read"] }),
        listLetters(ctx, staff, other.id),
        listAttachments(ctx, staff, other.id),
      ]);
      merged = {
        timeline: events.map((e) => ({ seq: e.seq, type: e.type, on: ((e.payload ?? {}) as { on?: string }).on ?? null, at: e.occurredAt.toISOString() })),
        letters: letters.map((l) => ({ letterId: l.letterId, kindName: l.kindName, issuedAt: l.issuedAt, downloadUrl: l.downloadUrl })),
        files: files.attachments.map((a) => ({ attachmentId: a.attachmentId, fileName: a.fileName, downloadUrl: a.downloadUrl })),
      };
    }
    out.push({ ...base, status, merged });
  }
  if (links.length) await recordRead(ctx, staff, record.id, record.councilId, "related cases");
  return out;
}
