import { randomUUID } from "node:crypto";
import { mkdir, readFile, rename, stat, writeFile } from "node:fs/promises";
import path from "node:path";
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

// The first bytes a file of these types always starts with; a mismatch means a mislabelled file.
const SIGNATURES: Record<string, readonly number[][]> = {
  "application/pdf": [[0x25, 0x50, 0x44, 0x46, 0x2d]],
  "image/png": [[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
  "image/jpeg": [[0xff, 0xd8, 0xff]],
  "image/gif": [[0x47, 0x49, 0x46, 0x38]],
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": [
    [0x50, 0x4b, 0x03, 0x04],
  ],
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": [[0x50, 0x4b, 0x03, 0x04]],
  "application/msword": [[0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]],
  "application/vnd.ms-excel": [[0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]],
  "application/vnd.ms-outlook": [[0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]],
};

export type AttachmentMeta = Omit<AttachmentRow, "content">;

export interface NewAttachment {
  caseId: string;
  fileName: string;
  mediaType: string;
  content: Uint8Array;
  description?: string | null;
  uploadedBy: Actor;
  uploadedAt?: Date;
  /**
   * Records an `attachment-added` event in the case's hash chain in the same transaction, at
   * the case's current version (adding a file does not change the case).
   */
  recordEvent?: boolean;
}

function check(input: NewAttachment, policy: AttachmentPolicy): string {
  const name = input.fileName.trim();
  if (!name || name.length > 255 || /[/\\\u0000-\u001f\u007f]/.test(name)) {
    throw new AttachmentRejectedError(
      "bad-file-name",
      "The file name must be 1 to 255 characters with no slashes or control characters",
    );
  }
  const mediaType = input.mediaType.trim().toLowerCase();
  if (!policy.allowedTypes.includes(mediaType)) {
    throw new AttachmentRejectedError(
      "type-not-allowed",
      `Files of type ${mediaType || "(none)"} cannot be attached`,
    );
  }
  if (input.content.byteLength === 0)
    throw new AttachmentRejectedError("empty", "The file is empty");
  if (input.content.byteLength > policy.maxBytes) {
    const mb = (n: number) => `${Math.round((n / 1024 / 1024) * 10) / 10} MB`;
    throw new AttachmentRejectedError(
      "too-large",
      `The file is ${mb(input.content.byteLength)}; the largest allowed is ${mb(policy.maxBytes)}`,
    );
  }
  const signatures = SIGNATURES[mediaType];
  if (signatures && !signatures.some((sig) => sig.every((byte, i) => input.content[i] === byte))) {
    throw new AttachmentRejectedError(
      "content-does-not-match-type",
      `The file's content is not ${mediaType}`,
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
  const mediaType = check(input, config.policy);
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
    const uploadedAt = input.uploadedAt ?? new Date();
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
