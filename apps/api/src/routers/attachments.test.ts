import { createHash } from "node:crypto";
import { request as httpRequest } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultAttachmentPolicy, verifyEventChain } from "@complaints/db";
import { openHarness, PASSWORD, type Harness } from "../../test/harness.js";
import { refusal } from "../../test/refusal.js";
import { Browser, listen } from "../../test/browser.js";
import { createApp } from "../server.js";

/** Small on purpose, so that "too large" is cheap to send. */
const LIMIT = 64 * 1024;
const PDF_START = [0x25, 0x50, 0x44, 0x46, 0x2d];
const pdf = (bytes: number) => Uint8Array.from({ length: bytes }, (_, i) => PDF_START[i] ?? 0x20);
/** A whole 1×1 PNG. */
const PNG = new Uint8Array(Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==", "base64"));
const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

describe("files on a case: POST /cases/:caseId/attachments, attachments.list, GET /attachments/:id", () => {
  let h: Harness;
  let server: { base: string; close: () => Promise<void> };
  let caseId: string;

  beforeAll(async () => {
    h = await openHarness({
      config: { attachments: { storage: { kind: "database" }, policy: { ...defaultAttachmentPolicy, maxBytes: LIMIT } } },
      extraStaff: [{ key: "env-dcro", name: "Environment DCRO", email: "env-dcro@example.gov.uk", password: PASSWORD, team: "waste/collections", roles: [{ role: "dcro", directorate: "environment" }] }],
    });
    server = await listen(createApp(h.deps), (url) => (h.deps.config.publicUrl = url));
    ({ caseId } = await (await h.as("customer-services")).cases.log({
      kind: "complaint",
      channel: "email",
      serviceId: "council-tax",
      description: "Charged twice; my bank statement shows both payments.",
      customer: { fullName: "Ann Smith", email: "ann@example.com" },
    }));
  });
  afterAll(async () => {
    await server?.close();
    await h?.close();
  });

  /** The portal's form: the CSRF token first, then the description, then the file. */
  async function send(browser: Browser, file: { name: string; type: string; bytes: Uint8Array } | null, options: { csrf?: boolean; accept?: string; to?: string } = {}) {
    const form = new FormData();
    if (options.csrf !== false) form.append("_csrf", await browser.csrf());
    form.append("description", "Bank statement for March");
    if (file) form.append("file", new Blob([file.bytes], { type: file.type }), file.name);
    return browser.fetch(options.to ?? `/cases/${caseId}/attachments`, { method: "POST", body: form, headers: { accept: options.accept ?? "application/json" } });
  }
  const stored = async () => Number((await h.db.db.selectFrom("attachments").select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow()).n);
  const chainLength = async () => (await (await h.as("complaints-manager")).cases.get({ caseId })).timeline.length;

  it("stores a file with an attachment-added event in the case's chain, lists it and serves it back unchanged", async () => {
    const officer = await new Browser(server.base).signIn("customer-services@example.gov.uk", PASSWORD);
    const bytes = pdf(3000);
    const res = await send(officer, { name: "statement – March.pdf", type: "application/pdf", bytes });
    expect(res.status).toBe(201);
    const { attachment } = (await res.json()) as { attachment: { attachmentId: string; fileName: string; sizeBytes: number; sha256: string; downloadUrl: string; description: string } };
    expect(attachment).toMatchObject({ fileName: "statement – March.pdf", sizeBytes: 3000, sha256: sha256(bytes), description: "Bank statement for March", downloadUrl: `/attachments/${attachment.attachmentId}` });

    const manager = await h.as("complaints-manager");
    const detail = await manager.cases.get({ caseId });
    expect(detail.timeline.find((e) => e.type === "attachment-added")?.data).toMatchObject({ attachmentId: attachment.attachmentId, fileName: "statement – March.pdf", sizeBytes: 3000 });
    expect((await verifyEventChain(h.db.db, { caseId })).ok).toBe(true);

    const listed = await (await h.as("quality-assurance")).attachments.list({ caseId });
    expect(listed.attachments.map((a) => [a.fileName, a.uploadedBy.name])).toEqual([["statement – March.pdf", "customer-services person"]]);
    // Quality assurance reads files but does not add them.
    expect(listed.mayAdd).toBe(false);
    expect(listed.limits).toMatchObject({ maxBytes: LIMIT, accept: expect.stringContaining(".pdf") });

    const reader = await new Browser(server.base).signIn("quality-assurance@example.gov.uk", PASSWORD);
    const download = await reader.fetch(attachment.downloadUrl);
    expect(download.status).toBe(200);
    expect(download.headers.get("content-type")).toBe("application/pdf");
    // Always a download, never shown inline: the bytes came from outside the council.
    expect(download.headers.get("content-disposition")).toBe(`attachment; filename="statement _ March.pdf"; filename*=UTF-8''statement%20%E2%80%93%20March.pdf`);
    expect(download.headers.get("etag")).toBe(`"${sha256(bytes)}"`);
    expect(sha256(new Uint8Array(await download.arrayBuffer()))).toBe(sha256(bytes));
    const reads = await manager.cases.accessLog({ caseId });
    expect(reads.reads.map((r) => [r.actorName, r.purpose])).toContainEqual(["quality-assurance person", "file statement – March.pdf downloaded"]);
  });

  it("refuses a file over the limit (413), of a type not accepted (415), empty or not what it claims (422), storing nothing", async () => {
    const officer = await new Browser(server.base).signIn("customer-services@example.gov.uk", PASSWORD);
    const before = { files: await stored(), events: await chainLength() };
    const attempts = [
      { file: { name: "big.pdf", type: "application/pdf", bytes: pdf(LIMIT + 1) }, status: 413, reason: "too-large", message: "The file must be smaller than 64 KB" },
      { file: { name: "run.exe", type: "application/x-msdownload", bytes: Uint8Array.from([0x4d, 0x5a, 0, 0]) }, status: 415, reason: "type-not-allowed", message: "Files of type application/x-msdownload cannot be attached." },
      { file: { name: "page.html", type: "text/html", bytes: new TextEncoder().encode("<script>alert(1)</script>") }, status: 415, reason: "type-not-allowed", message: "Files of type text/html cannot be attached." },
      { file: { name: "fake.pdf", type: "application/pdf", bytes: Uint8Array.from([0x4d, 0x5a, 0, 0]) }, status: 422, reason: "content-does-not-match-type", message: "The file's content is not application/pdf: it is really a .exe file." },
      { file: { name: "nothing.txt", type: "text/plain", bytes: new Uint8Array(0) }, status: 422, reason: "empty", message: "The file is empty." },
    ];
    for (const a of attempts) {
      const res = await send(officer, a.file);
      expect(res.status, a.file.name).toBe(a.status);
      expect(await res.json(), a.file.name).toEqual({ error: { code: "ATTACHMENT_REJECTED", message: a.message, reason: a.reason } });
    }
    expect(await stored()).toBe(before.files);
    expect(await chainLength()).toBe(before.events);
  });

  it("refuses dangerous names: an ending that is not the declared type's, or hidden direction marks (issue 20, finding 9)", async () => {
    const officer = await new Browser(server.base).signIn("customer-services@example.gov.uk", PASSWORD);
    const before = { files: await stored(), events: await chainLength() };
    const attempts = [
      { file: { name: "setup.exe", type: "application/pdf", bytes: pdf(100) }, status: 415, reason: "type-not-allowed" },
      { file: { name: "statement.hta", type: "application/pdf", bytes: pdf(100) }, status: 415, reason: "type-not-allowed" },
      { file: { name: "page.html", type: "application/octet-stream", bytes: new TextEncoder().encode("<html><script>alert(1)</script>") }, status: 415, reason: "type-not-allowed" },
      { file: { name: "notes.txt", type: "text/plain", bytes: new TextEncoder().encode("<!doctype html><script>alert(1)</script>") }, status: 422, reason: "content-does-not-match-type" },
      { file: { name: "invoice\u202Efdp.exe", type: "application/pdf", bytes: pdf(100) }, status: 422, reason: "bad-file-name" },
    ];
    for (const a of attempts) {
      const res = await send(officer, a.file);
      expect(res.status, a.file.name).toBe(a.status);
      expect(((await res.json()) as { error: { reason: string } }).error.reason, a.file.name).toBe(a.reason);
    }
    expect(await stored()).toBe(before.files);
    expect(await chainLength()).toBe(before.events);
  });

  it("says an over-long description is too long, instead of blaming the form or cutting it short (issue 20)", async () => {
    const officer = await new Browser(server.base).signIn("customer-services@example.gov.uk", PASSWORD);
    const before = await stored();
    for (const length of [501, 5_000]) {
      const form = new FormData();
      form.append("_csrf", await officer.csrf());
      form.append("description", "x".repeat(length));
      form.append("file", new Blob([pdf(100)], { type: "application/pdf" }), "statement.pdf");
      const res = await officer.fetch(`/cases/${caseId}/attachments`, { method: "POST", body: form, headers: { accept: "application/json" } });
      expect(res.status, String(length)).toBe(400);
      expect(await res.json()).toEqual({ error: { code: "INVALID_INPUT", message: "The description is too long: keep it to 500 characters and send the file again", reason: "description-too-long" } });
    }
    expect(await stored()).toBe(before);
  });

  it("refuses a body declared larger than the limit before reading it", async () => {
    const officer = await new Browser(server.base).signIn("customer-services@example.gov.uk", PASSWORD);
    const url = new URL(`${server.base}/cases/${caseId}/attachments`);
    // Headers only: a server that read the body first would wait for bytes that never come.
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(url, { method: "POST", headers: { cookie: officer.header(), "content-type": "multipart/form-data; boundary=x", "content-length": String(LIMIT * 10) } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
        req.destroy();
      });
      req.on("error", reject);
      req.flushHeaders();
    });
    expect(status).toBe(413);
  });

  it("needs a signed-in member of staff, the form's CSRF token, a file, and a role that adds files to a case they can see", async () => {
    const before = await stored();
    const file = { name: "note.txt", type: "text/plain", bytes: new TextEncoder().encode("A note") };
    expect((await send(new Browser(server.base), file, { csrf: false })).status).toBe(401);
    const officer = await new Browser(server.base).signIn("customer-services@example.gov.uk", PASSWORD);
    expect((await send(officer, file, { csrf: false })).status).toBe(403);
    expect((await send(officer, null)).status).toBe(400);
    expect((await send(officer, file, { to: "/cases/not-a-case/attachments" })).status).toBe(404);
    // Another directorate's DCRO cannot see the case: "not found", so its existence is not revealed.
    const outsider = await new Browser(server.base).signIn("env-dcro@example.gov.uk", PASSWORD);
    expect((await send(outsider, file)).status).toBe(404);
    // An auditor reads the case but adds nothing to it.
    const auditor = await new Browser(server.base).signIn("auditor@example.gov.uk", PASSWORD);
    expect((await send(auditor, file)).status).toBe(403);
    expect(await stored()).toBe(before);
    expect((await refusal((await h.as("env-dcro")).attachments.list({ caseId }))).code).toBe("NOT_FOUND");
  });

  it("sends a browser's form post back to the case page, saying what happened", async () => {
    const officer = await new Browser(server.base).signIn("customer-services@example.gov.uk", PASSWORD);
    const html = "text/html,application/xhtml+xml";
    const ok = await send(officer, { name: "photo.png", type: "image/png", bytes: PNG }, { accept: html });
    expect(ok.status).toBe(303);
    expect(ok.headers.get("location")).toMatch(new RegExp(`^/cases/${caseId}\\?attached=[0-9a-f-]{36}#attachments$`));
    const big = await send(officer, { name: "big.pdf", type: "application/pdf", bytes: pdf(LIMIT + 10) }, { accept: html });
    expect(big.status).toBe(303);
    expect(big.headers.get("location")).toBe(`/cases/${caseId}?attachmentError=too-large#attachments`);
    // Signed out meanwhile: back to sign in, then to the case.
    const signedOut = await send(new Browser(server.base), { name: "a.txt", type: "text/plain", bytes: new Uint8Array([65]) }, { accept: html, csrf: false });
    expect(signedOut.status).toBe(303);
    expect(signedOut.headers.get("location")).toBe(`/sign-in?expired&returnTo=${encodeURIComponent(`/cases/${caseId}`)}`);
  });

  it("takes the type from the file name when the browser sends none (Outlook .msg files)", async () => {
    const officer = await new Browser(server.base).signIn("customer-services@example.gov.uk", PASSWORD);
    const msg = Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]);
    const res = await send(officer, { name: "email from Ann.msg", type: "application/octet-stream", bytes: msg });
    expect(res.status).toBe(201);
    expect(((await res.json()) as { attachment: { mediaType: string } }).attachment.mediaType).toBe("application/vnd.ms-outlook");
  });

  it("serves files only to people who may read the case", async () => {
    const officer = await new Browser(server.base).signIn("customer-services@example.gov.uk", PASSWORD);
    const res = await send(officer, { name: "letter.txt", type: "text/plain", bytes: new TextEncoder().encode("Dear council") });
    const { attachment } = (await res.json()) as { attachment: { downloadUrl: string } };
    expect((await fetch(`${server.base}${attachment.downloadUrl}`)).status).toBe(401);
    const outsider = await new Browser(server.base).signIn("env-dcro@example.gov.uk", PASSWORD);
    expect((await outsider.fetch(attachment.downloadUrl)).status).toBe(404);
    expect((await officer.fetch("/attachments/not-an-id")).status).toBe(404);
    expect((await officer.fetch("/attachments/00000000-0000-4000-8000-000000000000")).status).toBe(404);
  });
});
