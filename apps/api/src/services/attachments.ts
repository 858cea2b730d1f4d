/**
 * Files on a case (issue 6): adding one (through the multipart route in
 * http/attachment-routes.ts), listing them and reading one back. The storage layer
 * (`attachmentRepository`) checks size, type and that the bytes are what they claim to be,
 * and records the `attachment-added` event in the case's chain in the same transaction.
 *
 * Who: anyone who may read a case reads its files (the download is logged as a read); the
 * case's handler and ATTACHMENT_ADDERS add them (policy.ts).
 * docs/decisions/0511-attachments-upload-route.md.
 */
import { ATTACHMENT_TYPES, AttachmentRejectedError, attachmentRepository, type AttachmentRejection, fileNameEnding, caseRepository, NotFoundError, type AttachmentMeta } from "@complaints/db";
import type { Context } from "../context.js";
import { apiErrorOf, noAccess, notFound } from "../errors.js";
import { attachmentDecision, type StaffPrincipal } from "../access/principal.js";
import { factsOfCase, loadReadableCase, recordRead } from "./cases.js";

/**
 * File name endings for each accepted media type: what the browser's file picker offers, and a
 * fallback when a browser sends no type. From the storage layer's allow-list, which also
 * checks that the ending, the declared type and the bytes agree.
 */
export const EXTENSIONS: Readonly<Record<string, readonly string[]>> = Object.fromEntries(
  Object.entries(ATTACHMENT_TYPES).map(([type, accepted]) => [type, accepted.extensions]),
);

/** The longest description beside a file. */
export const DESCRIPTION_MAX = 500;

/**
 * The media type to store: the one the browser sent, unless it sent none or the catch-all
 * `application/octet-stream` (common for .msg and .heic), when the file name's ending decides.
 * The storage layer still checks the bytes against it.
 */
export function mediaTypeOf(fileName: string, sent: string | undefined): string {
  const given = (sent ?? "").split(";")[0]!.trim().toLowerCase();
  if (given && given !== "application/octet-stream") return given;
  const ending = fileNameEnding(fileName);
  const found = ending ? Object.entries(EXTENSIONS).find(([, endings]) => endings.includes(ending)) : undefined;
  return found ? found[0] : given || "application/octet-stream";
}

/** "20 MB", "64 KB": a size as people say it. */
export function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.floor((bytes / 1024 / 1024) * 10) / 10} MB`;
  return `${Math.max(1, Math.floor(bytes / 1024))} KB`;
}

/** What the council accepts, for the upload form: the largest size and the file types. */
export function attachmentLimits(ctx: Context) {
  const policy = ctx.deps.config.attachments.policy;
  const endings = policy.allowedTypes.flatMap((t) => EXTENSIONS[t] ?? []);
  return {
    maxBytes: policy.maxBytes,
    /** "20 MB" */
    maxSize: formatSize(policy.maxBytes),
    allowedTypes: [...policy.allowedTypes],
    /** For `<input type="file" accept>`. */
    accept: endings.join(","),
    /** "PDF, JPG, PNG…" for messages. */
    typeNames: [...new Set(endings.filter((e) => e !== ".jpeg").map((e) => e.slice(1).toUpperCase()))],
  };
}

export function attachmentUrl(attachmentId: string): string {
  return `/attachments/${attachmentId}`;
}

export function uploadUrl(caseId: string): string {
  return `/cases/${caseId}/attachments`;
}

function view(meta: AttachmentMeta, names: ReadonlyMap<string, string>) {
  return {
    attachmentId: meta.id,
    fileName: meta.file_name,
    mediaType: meta.media_type,
    sizeBytes: meta.size_bytes,
    sha256: meta.sha256,
    description: meta.description,
    uploadedAt: meta.uploaded_at.toISOString(),
    uploadedBy: { type: meta.uploaded_by_type, id: meta.uploaded_by_id, name: meta.uploaded_by_id ? (names.get(meta.uploaded_by_id) ?? null) : null },
    downloadUrl: attachmentUrl(meta.id),
  };
}

export type AttachmentView = ReturnType<typeof view>;

/** A case's files, oldest first, with whether this person may add more and what is accepted. */
export async function listAttachments(ctx: Context, staff: StaffPrincipal, caseId: string) {
  const { record } = await loadReadableCase(ctx, staff, caseId);
  const rows = await attachmentRepository.listAttachments(ctx.db, caseId);
  await recordRead(ctx, staff, record.id, record.councilId, "files listed");
  const names = await caseRepository.staffNames(ctx.db, record.councilId, [...new Set(rows.flatMap((r) => (r.uploaded_by_id ? [r.uploaded_by_id] : [])))]);
  const decision = attachmentDecision(staff, factsOfCase(record));
  return {
    attachments: rows.map((r) => view(r, names)),
    mayAdd: decision.ok,
    uploadUrl: uploadUrl(caseId),
    limits: attachmentLimits(ctx),
  };
}

/**
 * Checks that this person may add a file to the case, before any of the file is read:
 * 404 when they cannot see the case, 403 when their role cannot add files.
 */
export async function assertMayAttach(ctx: Context, staff: StaffPrincipal, caseId: string): Promise<void> {
  const { record } = await loadReadableCase(ctx, staff, caseId);
  const decision = attachmentDecision(staff, factsOfCase(record));
  if (!decision.ok) throw noAccess(decision.reason);
}

/** A refused file as the API's error: 413, 415 or 422 with code ATTACHMENT_REJECTED and the reason (errors.ts, rejectionStatus). */
export function rejected(reason: AttachmentRejection, message: string) {
  return apiErrorOf(new AttachmentRejectedError(reason, message))!;
}

/**
 * Adds a file to the case with an `attachment-added` event in its chain, in one transaction.
 * A file the policy refuses is a 413/415/422 and nothing is stored.
 */
export async function addAttachment(
  ctx: Context,
  staff: StaffPrincipal,
  input: { caseId: string; fileName: string; mediaType: string; content: Uint8Array; description?: string | null | undefined },
): Promise<AttachmentView> {
  await assertMayAttach(ctx, staff, input.caseId);
  const meta = await attachmentRepository.addAttachment(ctx.db, ctx.deps.config.attachments, {
    caseId: input.caseId,
    fileName: input.fileName,
    mediaType: input.mediaType,
    content: input.content,
    description: input.description ?? null,
    uploadedBy: { type: "staff", id: staff.id },
    uploadedAt: ctx.clock.now(),
    recordEvent: true,
  });
  ctx.deps.log.info("attachment added", { by: staff.id, caseId: input.caseId, attachmentId: meta.id, bytes: meta.size_bytes });
  return view(meta, new Map([[staff.id, staff.name]]));
}

/** A file's bytes for someone who may read its case, checked against its SHA-256; the read is logged. */
export async function attachmentFile(ctx: Context, staff: StaffPrincipal, attachmentId: string) {
  let meta: AttachmentMeta;
  try {
    meta = await attachmentRepository.getAttachment(ctx.db, attachmentId);
  } catch (error) {
    // The same words as for another council's file below: whether it exists elsewhere is not said.
    if (error instanceof NotFoundError) throw notFound("There is no such file");
    throw error;
  }
  if (meta.council_id !== staff.councilId) throw notFound("There is no such file");
  const { record } = await loadReadableCase(ctx, staff, meta.case_id);
  const { content } = await attachmentRepository.readAttachment(ctx.db, ctx.deps.config.attachments, attachmentId);
  await recordRead(ctx, staff, record.id, record.councilId, `file ${meta.file_name} downloaded`);
  return { meta, content };
}
