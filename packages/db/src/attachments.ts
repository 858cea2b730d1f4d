import { randomUUID } from "node:crypto";
import { mkdir, readFile, rename, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileTypeFromBuffer } from "file-type";
import { sha256Hex } from "./canonical.js";
import { AttachmentRejectedError, IntegrityError, NotFoundError } from "./errors.js";
import { appendEvents, type Actor } from "./events.js";
import { inTransaction, type Executor } from "./executor.js";
import type { AttachmentRow } from "./schema.js";

/** Where attachment bytes live: in the database (embedded mode, small councils) or in a folder. */
export type AttachmentStorage =
  { readonly kind: "database" } | { readonly kind: "folder"; readonly path: string };

export interface AttachmentPolicy {
  /** Largest file accepted, in bytes. */
  readonly maxBytes: number;
  /** Media types accepted (lower case). */
  readonly allowedTypes: readonly string[];
}

export interface AttachmentConfig {
  readonly storage: AttachmentStorage;
  readonly policy: AttachmentPolicy;
}

/** 20 MB of documents, photos, emails and office files: what complainants usually send. */
export const defaultAttachmentPolicy: AttachmentPolicy = Object.freeze({
  maxBytes: 20 * 1024 * 1024,
  allowedTypes: Object.freeze([
    "application/pdf",
    "image/jpeg",
    "image/png",
    "image/gif",
    "image/heic",
    "text/plain",
    "message/rfc822",
    "application/vnd.ms-outlook",
    "application/msword",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.ms-excel",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  ]),
});

/**
 * The allow-list (issue 20, finding 9): for each accepted media type, the file-name endings it
 * may have and what its bytes must be found to be by `file-type` (magic numbers, and for
 * .docx/.xlsx the parts inside the zip). The declared type, the name's ending and the bytes
 * must all agree: `setup.exe` declared as a PDF, or a PDF named `.hta`, is refused. "text"
 * types have no magic number: they must not be any binary type file-type knows (an .exe,
 * an archive), must hold no NUL byte and must not be HTML or SVG markup.
 * docs/decisions/0311-sign-in-limits-attachment-types.md.
 */
export const ATTACHMENT_TYPES: Readonly<
  Record<string, { readonly extensions: readonly string[]; readonly content: readonly string[] | "text" }>
> = Object.freeze({
  "application/pdf": { extensions: [".pdf"], content: ["application/pdf"] },
  "image/jpeg": { extensions: [".jpg", ".jpeg"], content: ["image/jpeg"] },
  "image/png": { extensions: [".png"], content: ["image/png"] },
  "image/gif": { extensions: [".gif"], content: ["image/gif"] },
  "image/heic": { extensions: [".heic"], content: ["image/heic", "image/heic-sequence"] },
  "text/plain": { extensions: [".txt"], content: "text" },
  "message/rfc822": { extensions: [".eml"], content: "text" },
  // Outlook messages and the old Office formats are all OLE compound files.
  "application/vnd.ms-outlook": { extensions: [".msg"], content: ["application/x-cfb"] },
  "application/msword": { extensions: [".doc"], content: ["application/x-cfb"] },
  "application/vnd.ms-excel": { extensions: [".xls"], content: ["application/x-cfb"] },
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": {
    extensions: [".docx"],
    content: ["application/vnd.openxmlformats-officedocument.wordprocessingml.document"],
  },
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {
    extensions: [".xlsx"],
    content: ["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"],
  },
});

/**
 * Characters no file name may hold: controls (C0, DEL, C1), format characters (bidi
 * overrides and isolates such as U+202E, which make `invoice\u202Efdp.exe` look like
 * `invoiceexe.pdf`; zero-width characters; the BOM), lone surrogates, line and paragraph
 * separators, slashes.
 */
const BAD_NAME_CHARACTER = /[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}/\\]/u;

/** The ending of a file name (".pdf"), lower case, or "" when it has none. */
export function fileNameEnding(fileName: string): string {
  return /\.[a-z0-9]+$/i.exec(fileName.trim())?.[0]?.toLowerCase() ?? "";
}

const MARKUP = /^(?:\ufeff)?\s*<(?:!doctype|html|head|body|script|svg|iframe|\?xml|hta:)/i;

async function contentProblem(content: Uint8Array, expected: readonly string[] | "text"): Promise<string | null> {
  const found = await fileTypeFromBuffer(content);
  if (expected === "text") {
    if (found) return `it is really a .${found.ext} file`;
    if (content.includes(0)) return "it is not text";
    const start = new TextDecoder("utf-8", { fatal: false }).decode(content.subarray(0, 1024));
    if (MARKUP.test(start)) return "it is a web page or script";
    return null;
  }
  if (!found || !expected.includes(found.mime)) return found ? `it is really a .${found.ext} file` : "its content is not recognised";
  return null;
}

export type AttachmentMeta = Omit<AttachmentRow, "content">;

export interface NewAttachment {
  caseId: string;
  fileName: string;
  mediaType: string;
  content: Uint8Array;
  description?: string | null;
  uploadedBy: Actor;
  uploadedAt: Date;
  /**
   * Records an `attachment-added` event in the case's hash chain in the same transaction, at
   * the case's current version (adding a file does not change the case).
   */
  recordEvent?: boolean;
}

async function check(input: NewAttachment, policy: AttachmentPolicy): Promise<string> {
  const name = input.fileName.trim();
  if (!name || name.length > 255 || BAD_NAME_CHARACTER.test(name)) {
    throw new AttachmentRejectedError(
      "bad-file-name",
      "The file name must be 1 to 255 characters with no slashes, control characters or hidden direction or formatting marks; rename the file and try again.",
    );
  }
  const mediaType = input.mediaType.trim().toLowerCase();
  const accepted = ATTACHMENT_TYPES[mediaType];
  if (!policy.allowedTypes.includes(mediaType) || !accepted) {
    throw new AttachmentRejectedError(
      "type-not-allowed",
      `Files of type ${mediaType || "(none)"} cannot be attached.`,
    );
  }
  const ending = fileNameEnding(name);
  if (!accepted.extensions.includes(ending)) {
    throw new AttachmentRejectedError(
      "type-not-allowed",
      `A file of type ${mediaType} must be named ${accepted.extensions.join(" or ")}, not ${ending || "with no ending"}.`,
    );
  }
  if (input.content.byteLength === 0)
    throw new AttachmentRejectedError("empty", "The file is empty.");
  if (input.content.byteLength > policy.maxBytes) {
    const mb = (n: number) => `${Math.round((n / 1024 / 1024) * 10) / 10} MB`;
    throw new AttachmentRejectedError(
      "too-large",
      `The file is ${mb(input.content.byteLength)}; the largest allowed is ${mb(policy.maxBytes)}.`,
    );
  }
  const problem = await contentProblem(input.content, accepted.content);
  if (problem) {
    throw new AttachmentRejectedError(
      "content-does-not-match-type",
      `The file's content is not ${mediaType}: ${problem}.`,
    );
  }
  return mediaType;
}

/** Content-addressed: the same bytes are stored once, under their SHA-256. */
function keyFor(sha256: string): string {
  return `${sha256.slice(0, 2)}/${sha256}`;
}

async function writeToFolder(root: string, key: string, content: Uint8Array): Promise<void> {
  const file = path.join(root, key);
  const existing = await stat(file).catch(() => undefined);
  if (existing?.size === content.byteLength) return;
  await mkdir(path.dirname(file), { recursive: true });
  // Write then rename, so a reader never sees half a file.
  const temporary = `${file}.${randomUUID()}.tmp`;
  await writeFile(temporary, content);
  await rename(temporary, file);
}

/**
 * Stores an attachment of a case after checking it against the policy (size, type, and that
 * the bytes look like the type claimed). With folder storage the file is written before the
 * row: a rolled-back transaction leaves at most an unreferenced file, never a row without bytes.
 */
async function addAttachment(
  db: Executor,
  config: AttachmentConfig,
  input: NewAttachment,
): Promise<AttachmentMeta> {
  const mediaType = await check(input, config.policy);
  const content = new Uint8Array(input.content);
  const sha256 = sha256Hex(content);
  const inFolder = config.storage.kind === "folder";
  return inTransaction(db, async (trx) => {
    let owner = trx
      .selectFrom("cases")
      .select(["council_id", "version"])
      .where("id", "=", input.caseId);
    // The event extends the case's chain: hold the case row so no command appends meanwhile.
    if (input.recordEvent) owner = owner.forUpdate();
    const found = await owner.executeTakeFirst();
    if (!found) throw new NotFoundError("case", input.caseId);
    if (config.storage.kind === "folder")
      await writeToFolder(config.storage.path, keyFor(sha256), content);
    const { uploadedAt } = input;
    const meta = await trx
      .insertInto("attachments")
      .values({
        council_id: found.council_id,
        case_id: input.caseId,
        file_name: input.fileName.trim(),
        media_type: mediaType,
        size_bytes: content.byteLength,
        sha256,
        storage: config.storage.kind,
        content: inFolder ? null : content,
        storage_key: inFolder ? keyFor(sha256) : null,
        description: input.description ?? null,
        uploaded_at: uploadedAt,
        uploaded_by_type: input.uploadedBy.type,
        uploaded_by_id: input.uploadedBy.id,
      })
      .returning(metaColumns)
      .executeTakeFirstOrThrow();
    if (input.recordEvent) {
      await appendEvents(trx, {
        councilId: found.council_id,
        stream: { caseId: input.caseId },
        streamVersion: found.version,
        events: [
          {
            type: "attachment-added",
            occurredAt: uploadedAt,
            actor: input.uploadedBy,
            payload: {
              type: "attachment-added",
              on: null,
              stageId: null,
              data: {
                attachmentId: meta.id,
                fileName: meta.file_name,
                mediaType: meta.media_type,
                sizeBytes: meta.size_bytes,
                sha256: meta.sha256,
                description: meta.description,
              },
            },
          },
        ],
      });
    }
    return meta;
  });
}

const metaColumns = [
  "id",
  "council_id",
  "case_id",
  "file_name",
  "media_type",
  "size_bytes",
  "sha256",
  "storage",
  "storage_key",
  "description",
  "uploaded_at",
  "uploaded_by_type",
  "uploaded_by_id",
] as const;

async function listAttachments(db: Executor, caseId: string): Promise<AttachmentMeta[]> {
  return db
    .selectFrom("attachments")
    .select(metaColumns)
    .where("case_id", "=", caseId)
    .orderBy("uploaded_at")
    .orderBy("id")
    .execute();
}

/** An attachment's record without its bytes (to decide who may read it before reading them). */
async function getAttachment(db: Executor, attachmentId: string): Promise<AttachmentMeta> {
  const row = await db
    .selectFrom("attachments")
    .select(metaColumns)
    .where("id", "=", attachmentId)
    .executeTakeFirst();
  if (!row) throw new NotFoundError("attachment", attachmentId);
  return row;
}

/**
 * An attachment with its bytes, from wherever they are stored. Throws {@link IntegrityError}
 * when the bytes no longer match the SHA-256 recorded at upload.
 */
async function readAttachment(
  db: Executor,
  config: Pick<AttachmentConfig, "storage">,
  attachmentId: string,
): Promise<{ meta: AttachmentMeta; content: Uint8Array }> {
  const row = await db
    .selectFrom("attachments")
    .selectAll()
    .where("id", "=", attachmentId)
    .executeTakeFirst();
  if (!row) throw new NotFoundError("attachment", attachmentId);
  const { content: stored, ...meta } = row;
  let content: Uint8Array;
  if (row.storage === "database") {
    content = new Uint8Array(stored!);
  } else {
    if (config.storage.kind !== "folder")
      throw new IntegrityError(
        `attachment ${attachmentId} is stored in a folder, but no folder is configured`,
      );
    content = new Uint8Array(
      await readFile(path.join(config.storage.path, row.storage_key!)).catch(() => {
        throw new IntegrityError(
          `the file of attachment ${attachmentId} is missing from the attachment folder`,
        );
      }),
    );
  }
  if (sha256Hex(content) !== row.sha256)
    throw new IntegrityError(`attachment ${attachmentId} does not match its SHA-256`);
  return { meta, content };
}

export const attachmentRepository = Object.freeze({
  addAttachment,
  listAttachments,
  getAttachment,
  readAttachment,
});
