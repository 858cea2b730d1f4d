import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDb, sqlState, type TestDb } from "../test/db.js";
import { logToyCase, publicActor, seedCouncil, staffActor, type Seed } from "../test/fixtures.js";
import {
  attachmentRepository,
  defaultAttachmentPolicy,
  type AttachmentConfig,
} from "./attachments.js";
import { sha256Hex } from "./canonical.js";
import { AttachmentRejectedError, IntegrityError, NotFoundError, SQLSTATE } from "./errors.js";
import { listEvents, verifyEventChain } from "./events.js";

const pdf = new TextEncoder().encode("%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n");
/** A whole 1×1 PNG: the type is read from its chunks, not only its first bytes. */
const png = new Uint8Array(
  Buffer.from(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
    "base64",
  ),
);

let t: TestDb;
let seed: Seed;
let caseId: string;
let folder: string;
const inDatabase: AttachmentConfig = {
  storage: { kind: "database" },
  policy: defaultAttachmentPolicy,
};
let inFolder: AttachmentConfig;

beforeAll(async () => {
  t = await openTestDb();
  seed = await seedCouncil(t.db);
  caseId = (await logToyCase(t.db, seed)).caseId;
  const cache = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../.cache");
  await mkdir(cache, { recursive: true });
  folder = await mkdtemp(path.join(cache, "attachments-"));
  inFolder = { storage: { kind: "folder", path: folder }, policy: defaultAttachmentPolicy };
});
afterAll(async () => {
  await t?.close();
  if (folder) await rm(folder, { recursive: true, force: true });
});

describe("attachments stored in the database", () => {
  it("keep their bytes, size, type and SHA-256", async () => {
    const meta = await attachmentRepository.addAttachment(t.db, inDatabase, { uploadedAt: new Date(),
      caseId,
      fileName: "photo of the damp.png",
      mediaType: "IMAGE/PNG",
      content: png,
      uploadedBy: publicActor,
    });
    expect(meta).toMatchObject({
      case_id: caseId,
      media_type: "image/png",
      size_bytes: png.byteLength,
      sha256: sha256Hex(png),
      storage: "database",
      storage_key: null,
    });
    const read = await attachmentRepository.readAttachment(t.db, inDatabase, meta.id);
    expect(read.content).toEqual(png);
    expect((await attachmentRepository.listAttachments(t.db, caseId)).map((a) => a.id)).toContain(
      meta.id,
    );
  });

  it("cannot be stored with bytes that do not match their hash (database check)", async () => {
    const error = await sql`
      INSERT INTO attachments (council_id, case_id, file_name, media_type, size_bytes, sha256, storage, content, uploaded_at, uploaded_by_type)
      VALUES (${seed.councilId}, ${caseId}, 'x.pdf', 'application/pdf', ${pdf.byteLength}, ${"0".repeat(64)}, 'database', ${pdf}, now(), 'system')`
      .execute(t.db)
      .then(() => undefined, sqlState);
    expect(error).toBe(SQLSTATE.checkViolation);
  });
});

describe("attachments stored in a folder", () => {
  it("write the bytes once under their hash and keep only metadata in the database", async () => {
    const first = await attachmentRepository.addAttachment(t.db, inFolder, { uploadedAt: new Date(),
      caseId,
      fileName: "letter.pdf",
      mediaType: "application/pdf",
      content: pdf,
      uploadedBy: staffActor(seed.officer.id),
    });
    const second = await attachmentRepository.addAttachment(t.db, inFolder, { uploadedAt: new Date(),
      caseId,
      fileName: "same letter.pdf",
      mediaType: "application/pdf",
      content: pdf,
      uploadedBy: publicActor,
    });
    expect(first.storage_key).toBe(`${sha256Hex(pdf).slice(0, 2)}/${sha256Hex(pdf)}`);
    expect(second.storage_key).toBe(first.storage_key);
    expect(await readFile(path.join(folder, first.storage_key!))).toEqual(Buffer.from(pdf));
    expect(await readdir(path.join(folder, sha256Hex(pdf).slice(0, 2)))).toEqual([sha256Hex(pdf)]);
    const row = await t.db
      .selectFrom("attachments")
      .select("content")
      .where("id", "=", first.id)
      .executeTakeFirstOrThrow();
    expect(row.content).toBeNull();
    expect((await attachmentRepository.readAttachment(t.db, inFolder, first.id)).content).toEqual(
      pdf,
    );
  });

  it("refuse to return a file that was changed or removed on disk", async () => {
    const content = new TextEncoder().encode("%PDF-1.4 tamper me");
    const meta = await attachmentRepository.addAttachment(t.db, inFolder, { uploadedAt: new Date(),
      caseId,
      fileName: "t.pdf",
      mediaType: "application/pdf",
      content,
      uploadedBy: publicActor,
    });
    await writeFile(path.join(folder, meta.storage_key!), "%PDF-1.4 tampered");
    await expect(attachmentRepository.readAttachment(t.db, inFolder, meta.id)).rejects.toThrow(
      IntegrityError,
    );
    await rm(path.join(folder, meta.storage_key!));
    await expect(attachmentRepository.readAttachment(t.db, inFolder, meta.id)).rejects.toThrow(
      IntegrityError,
    );
  });
});

describe("attachment limits", () => {
  const small: AttachmentConfig = {
    storage: { kind: "database" },
    policy: { maxBytes: 16, allowedTypes: ["application/pdf", "image/png", "text/plain"] },
  };
  const attempt = (fileName: string, mediaType: string, content: Uint8Array) =>
    attachmentRepository
      .addAttachment(t.db, small, { uploadedAt: new Date(), caseId, fileName, mediaType, content, uploadedBy: publicActor })
      .then(
        () => "stored",
        (error: unknown) =>
          error instanceof AttachmentRejectedError ? error.reason : String(error),
      );

  it("reject files that are too large, empty, of a type not allowed, mislabelled or badly named", async () => {
    const before = (await attachmentRepository.listAttachments(t.db, caseId)).length;
    expect(await attempt("big.pdf", "application/pdf", pdf)).toBe("too-large");
    expect(await attempt("empty.txt", "text/plain", new Uint8Array())).toBe("empty");
    expect(await attempt("run.exe", "application/x-msdownload", new Uint8Array([0x4d, 0x5a]))).toBe(
      "type-not-allowed",
    );
    expect(await attempt("photo.pdf", "application/pdf", new Uint8Array([0x4d, 0x5a, 0, 0]))).toBe(
      "content-does-not-match-type",
    );
    expect(await attempt("../../etc/passwd", "text/plain", new Uint8Array([0x61]))).toBe(
      "bad-file-name",
    );
    expect(await attempt("fine.txt", "text/plain", new Uint8Array([0x61]))).toBe("stored");
    expect((await attachmentRepository.listAttachments(t.db, caseId)).length).toBe(before + 1);
  });

  it("reject attachments for a case that does not exist", async () => {
    await expect(
      attachmentRepository.addAttachment(t.db, inDatabase, { uploadedAt: new Date(),
        caseId: "00000000-0000-4000-8000-000000000000",
        fileName: "a.pdf",
        mediaType: "application/pdf",
        content: pdf,
        uploadedBy: publicActor,
      }),
    ).rejects.toThrow(NotFoundError);
  });
});

describe("attachments recorded on the case", () => {
  it("add an attachment-added event to the case's chain at its version, in the same transaction", async () => {
    const logged = await logToyCase(t.db, seed);
    const meta = await attachmentRepository.addAttachment(t.db, inDatabase, {
      caseId: logged.caseId,
      fileName: "letter from tenant.pdf",
      mediaType: "application/pdf",
      content: pdf,
      description: "The tenant's own letter",
      uploadedBy: staffActor(seed.officer.id),
      uploadedAt: new Date("2026-03-04T10:00:00Z"),
      recordEvent: true,
    });
    expect(await attachmentRepository.getAttachment(t.db, meta.id)).toEqual(meta);
    const events = await listEvents(t.db, { caseId: logged.caseId });
    expect(events.map((e) => [e.type, e.streamVersion])).toEqual([
      ["log", logged.version],
      ["attachment-added", logged.version],
    ]);
    expect(events[1]).toMatchObject({
      actor: { type: "staff", id: seed.officer.id },
      payload: { data: { attachmentId: meta.id, fileName: "letter from tenant.pdf", sha256: meta.sha256 } },
    });
    expect(await verifyEventChain(t.db, logged.caseId)).toMatchObject({ ok: true });
  });

  it("write neither the row nor the event when the file is refused", async () => {
    const logged = await logToyCase(t.db, seed);
    await expect(
      attachmentRepository.addAttachment(t.db, inDatabase, { uploadedAt: new Date(),
        caseId: logged.caseId,
        fileName: "run.exe",
        mediaType: "application/x-msdownload",
        content: new Uint8Array([0x4d, 0x5a]),
        uploadedBy: staffActor(seed.officer.id),
        recordEvent: true,
      }),
    ).rejects.toThrow(AttachmentRejectedError);
    expect(await attachmentRepository.listAttachments(t.db, logged.caseId)).toEqual([]);
    expect((await listEvents(t.db, { caseId: logged.caseId })).map((e) => e.type)).toEqual(["log"]);
  });
});

describe("the allow-list of attachment types", () => {
  const attempt = (fileName: string, mediaType: string, content: Uint8Array) =>
    attachmentRepository
      .addAttachment(t.db, inDatabase, { uploadedAt: new Date(), caseId, fileName, mediaType, content, uploadedBy: publicActor })
      .then(
        () => "stored",
        (error: unknown) =>
          error instanceof AttachmentRejectedError ? error.reason : String(error),
      );

  it("accept only names, declared types and bytes that agree, and names without hidden marks (issue 20, finding 9)", async () => {
    const before = (await attachmentRepository.listAttachments(t.db, caseId)).length;
    const exe = new Uint8Array(512);
    exe.set([0x4d, 0x5a]);
    const text = (value: string) => new TextEncoder().encode(value);
    // The ending must be one of the declared type's.
    expect(await attempt("setup.exe", "application/pdf", pdf)).toBe("type-not-allowed");
    expect(await attempt("invoice.hta", "application/pdf", pdf)).toBe("type-not-allowed");
    expect(await attempt("page.html", "text/plain", text("hello"))).toBe("type-not-allowed");
    expect(await attempt("statement.pdf.", "application/pdf", pdf)).toBe("type-not-allowed");
    expect(await attempt("no ending", "application/pdf", pdf)).toBe("type-not-allowed");
    // The bytes must be what the type says.
    expect(await attempt("setup.pdf", "application/pdf", exe)).toBe("content-does-not-match-type");
    expect(await attempt("notes.txt", "text/plain", exe)).toBe("content-does-not-match-type");
    expect(await attempt("notes.txt", "text/plain", text("<!DOCTYPE html><script>alert(1)</script>"))).toBe("content-does-not-match-type");
    expect(await attempt("letter.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0]))).toBe("content-does-not-match-type");
    // Direction overrides, zero-width and other invisible characters hide the real ending.
    expect(await attempt("invoice\u202Efdp.exe", "application/pdf", pdf)).toBe("bad-file-name");
    expect(await attempt("invoice\u2067.pdf", "application/pdf", pdf)).toBe("bad-file-name");
    expect(await attempt("a\u200Bb.pdf", "application/pdf", pdf)).toBe("bad-file-name");
    expect(await attempt("a\u0085b.pdf", "application/pdf", pdf)).toBe("bad-file-name");
    expect(await attempt("a\uD800b.pdf", "application/pdf", pdf)).toBe("bad-file-name");
    expect((await attachmentRepository.listAttachments(t.db, caseId)).length).toBe(before);
    // What agrees is stored, whatever the case of the ending, in any script.
    expect(await attempt("Statement MARCH.PDF", "application/pdf", pdf)).toBe("stored");
    expect(await attempt("خطاب.txt", "text/plain", text("£50 refund, thank you"))).toBe("stored");
  });

});
