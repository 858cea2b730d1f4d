import { createHash } from "node:crypto";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { letterRepository, verifyEventChain } from "@complaints/db";
import { openHarness, PASSWORD, type Harness } from "../../test/harness.js";
import { refusal } from "../../test/refusal.js";
import { Browser, listen } from "../../test/browser.js";
import { createApp } from "../server.js";

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");
/** Pages in a PDF written by pdfkit (page objects are plain dictionaries). */
const pageCount = (bytes: Uint8Array) => (Buffer.from(bytes).toString("latin1").match(/\/Type \/Page\b/g) ?? []).length;

const customer = {
  fullName: "Ann Smith",
  email: "ann.smith@example.com",
  address: "12 Mill Lane\nExampleton",
  postcode: "EX1 2AB",
};
const complaint = {
  kind: "complaint" as const,
  channel: "email" as const,
  serviceId: "council-tax",
  description: "I was charged twice for March and nobody answered my emails.",
  desiredOutcome: "A refund and an apology",
  customer,
};

describe("letters through the API", () => {
  let h: Harness;
  let io: string;
  let server: { base: string; close: () => Promise<void> };

  beforeAll(async () => {
    h = await openHarness({
      start: "2026-03-02T09:00:00Z",
      extraStaff: [
        { key: "io-2", name: "Second Officer", email: "io2@example.gov.uk", password: PASSWORD, team: "council-tax/billing", roles: [{ role: "investigating-officer", directorate: "corporate" }] },
        { key: "env-dcro", name: "Environment DCRO", email: "env-dcro@example.gov.uk", password: PASSWORD, team: "waste/collections", roles: [{ role: "dcro", directorate: "environment" }] },
      ],
    });
    io = h.staffIds.get("investigating-officer")!;
    server = await listen(createApp(h.deps), (url) => (h.deps.config.publicUrl = url));
  });
  afterAll(async () => {
    await server?.close();
    await h?.close();
  });

  /** Logged, triaged, assigned to the investigating officer and acknowledged. */
  async function openCase(overrides: Record<string, unknown> = {}) {
    const { caseId } = await (await h.as("customer-services")).cases.log({ ...complaint, ...overrides });
    const dcro = await h.as("dcro");
    let v = (await dcro.command.triage({ caseId, expectedVersion: 1, outcome: "accept" })).version;
    v = (await dcro.command.assign({ caseId, expectedVersion: v, handlerId: io })).version;
    v = (await (await h.as("investigating-officer")).command.acknowledge({ caseId, expectedVersion: v })).version;
    return { caseId, version: v };
  }

  /**
   * A case whose acknowledgement stays pending (decision 0321): it came by phone, so the letter
   * goes by post, and the customer's record has no postal address yet.
   */
  const waitingCase = () => openCase({ channel: "phone", customer: { fullName: "Bo Jones", phone: "0113 496 0000" } });
  const givenAddress = { lines: ["3 High Street", "Exampleton"], postcode: "EX3 4CD" };

  describe("letters.pending and letters.preview", () => {
    it("lists the letters the lifecycle asked for, for a case and for everything the caller may read", async () => {
      const { caseId } = await waitingCase();
      const officer = await h.as("investigating-officer");
      const forCase = await officer.letters.pending({ caseId });
      expect(forCase.map((p) => [p.kind, p.to, p.caseId])).toEqual([["acknowledgement", "customer", caseId]]);
      expect(forCase[0]).toMatchObject({ kindName: "acknowledgement", stageId: "stage-1", reference: expect.stringMatching(/^EXB-/) });
      // The step tried to issue it and noted what it lacks.
      expect(forCase[0]!.missing).toEqual(["the customer's postal address (add it to their record, or give it for this letter)"]);
      expect((await officer.letters.pending({})).map((p) => p.outboxId)).toContain(forCase[0]!.outboxId);
      // Another directorate's DCRO sees neither the case nor its letters.
      expect((await (await h.as("env-dcro")).letters.pending({})).map((p) => p.caseId)).not.toContain(caseId);
      expect((await refusal((await h.as("env-dcro")).letters.pending({ caseId }))).code).toBe("NOT_FOUND");
    });

    it("drafts a letter from the case and lists what it still lacks, without failing", async () => {
      const { caseId } = await openCase();
      const officer = await h.as("investigating-officer");
      const ack = await officer.letters.preview({ caseId, kind: "acknowledgement" });
      expect(ack).toMatchObject({ issuable: true, missing: [], recipient: { to: "customer", name: "Ann Smith" }, largePrint: false });
      expect(ack.model.recipient.address).toEqual({ lines: ["12 Mill Lane", "Exampleton"], postcode: "EX1 2AB" });
      expect(ack.model.signOff.name).toBe("investigating-officer person");

      // Before any decision a Stage 1 response lacks the decision, its reasons and what comes next.
      const early = await officer.letters.preview({ caseId, kind: "stage-1-response" });
      expect(early.issuable).toBe(false);
      expect(early.missing.map((m) => m.element)).toEqual(expect.arrayContaining(["decision", "reasons", "remedies", "outstanding-actions"]));
      expect(early.missing.every((m) => m.description.length > 0 && m.source.length > 0)).toBe(true);
    });

    it("merges the officer's sections, so a letter that lacked something becomes issuable, with plain English advice", async () => {
      const { caseId, version } = await openCase();
      const officer = await h.as("investigating-officer");
      await officer.command.respond({ caseId, expectedVersion: version, outcome: "upheld", reasons: "We charged you twice for March." });
      const draft = await officer.letters.preview({ caseId, kind: "stage-1-response" });
      expect(draft.missing.map((m) => m.element)).toEqual(["remedies"]);
      const completed = await officer.letters.preview({
        caseId,
        kind: "stage-1-response",
        sections: [
          { element: "remedies", paragraphs: ["We have refunded the second payment. Your substantive response follows."] },
          { element: "investigation", heading: "What we looked at", paragraphs: ["Your account and both payments."] },
        ],
      });
      expect(completed.issuable).toBe(true);
      expect(completed.model.sections.map((s) => s.element)).toEqual(["stage", "complaint-definition", "investigation", "decision", "reasons", "remedies", "outstanding-actions", "escalation-route"]);
      expect(completed.warnings).toContainEqual(expect.objectContaining({ rule: "council-jargon", word: "substantive response", location: "section:remedies" }));
      // The route to Stage 2 names the council's online form (issue 15's wording findings).
      const route = completed.model.sections.find((s) => s.element === "escalation-route")!.paragraphs.join(" ");
      expect(route).toMatch(/You can also ask online at [^ ]+\/c\/exampleton\/escalate, with our reference and the tracking code/);
    });

    it("says who is missing to send a letter to: an anonymous case, a customer with no address, a representative's address", async () => {
      const officer = await h.as("complaints-manager");
      const anonymous = await openCase({ customer: null });
      expect((await officer.letters.preview({ caseId: anonymous.caseId, kind: "acknowledgement" })).missing.map((m) => m.element)).toContain("recipient");

      const noAddress = await waitingCase();
      const draft = await officer.letters.preview({ caseId: noAddress.caseId, kind: "acknowledgement" });
      expect(draft.missing.map((m) => m.element)).toEqual(["recipient-address"]);
      const given = await officer.letters.preview({ caseId: noAddress.caseId, kind: "acknowledgement", customerAddress: { lines: ["3 High Street", "Exampleton"], postcode: "ex3 4cd" } });
      expect(given.missing).toEqual([]);
      expect(given.model.recipient.address).toEqual({ lines: ["3 High Street", "Exampleton"], postcode: "EX3 4CD" });

      // A letter that goes by email needs no postal address (decision 0321).
      const byEmail = await openCase({ customer: { fullName: "Cy Email", email: "cy@example.com" } });
      const emailed = await officer.letters.preview({ caseId: byEmail.caseId, kind: "acknowledgement" });
      expect(emailed.missing).toEqual([]);
      expect(emailed.recipients).toEqual([{ party: "customer", name: "Cy Email", email: "cy@example.com", channel: "email" }]);
    });

    it("refuses people who may not write letters on the case; a bad request is a 400, not a 500", async () => {
      const { caseId } = await openCase();
      for (const key of ["io-2", "customer-services", "auditor", "quality-assurance", "legal"]) {
        const refused = await refusal((await h.as(key)).letters.preview({ caseId, kind: "acknowledgement" }));
        expect([key, refused.code]).toEqual([key, "FORBIDDEN"]);
      }
      for (const key of ["dcro", "head-of-service", "director", "complaints-manager", "investigating-officer"]) {
        expect((await (await h.as(key)).letters.preview({ caseId, kind: "acknowledgement" })).issuable).toBe(true);
      }
      const nothing = await refusal((await h.as("dcro")).letters.preview({ caseId } as never));
      expect(nothing.code).toBe("BAD_REQUEST");
      expect(nothing.client.fieldErrors?.kind?.[0]).toMatch(/which letter/);
      const wrongStage = await refusal((await h.as("dcro")).letters.preview({ caseId, kind: "acknowledgement", stageId: "stage-9" }));
      expect(wrongStage.code).toBe("BAD_REQUEST");
    });
  });

  describe("letters.issue", () => {
    it("refuses an incomplete letter with 422 and every missing element, and stores nothing", async () => {
      const { caseId } = await openCase();
      const officer = await h.as("investigating-officer");
      const refused = await refusal(officer.letters.issue({ caseId, kind: "stage-1-response" }));
      expect(refused.code).toBe("UNPROCESSABLE_CONTENT");
      expect(refused.client.refusal?.code).toBe("LETTER_INCOMPLETE");
      expect(refused.client.refusal?.missing?.map((m) => m.element)).toEqual(expect.arrayContaining(["decision", "reasons"]));
      expect(refused.client.message).toMatch(/cannot be issued until it has/);
      // Only the acknowledgement its step issued.
      expect((await officer.letters.list({ caseId })).map((l) => l.kind)).toEqual(["acknowledgement"]);
      expect(await verifyEventChain(h.db.db, caseId)).toMatchObject({ ok: true });
    });

    it("issues a letter to a resident whose name is in Chinese and Arabic with both drawn, and refuses one with a character no font has, naming it (issue 20 finding 10)", async () => {
      const { caseId } = await openCase({ customer: { ...customer, fullName: "王小明 محمد علي" } });
      const officer = await h.as("investigating-officer");
      const issued = await officer.letters.issue({ caseId, kind: "acknowledgement" });
      const pdf = Buffer.from((await letterRepository.getLetterPdf(h.db.db, issued.letterId)).pdf).toString("latin1");
      // The name is drawn from the Noto fallbacks, not left out: both are embedded in the stored letter.
      expect(pdf).toMatch(/NotoSansHans/);
      expect(pdf).toMatch(/NotoNaskhArabic/);

      const other = await openCase();
      const refused = await refusal(officer.letters.issue({ caseId: other.caseId, kind: "acknowledgement", sections: [{ element: "complaint-summary", paragraphs: ["You told us about the bill \uE000 twice."] }] }));
      expect(refused.code).toBe("UNPROCESSABLE_CONTENT");
      expect(refused.client.refusal?.code).toBe("LETTER_NOT_POSSIBLE");
      expect(refused.client.message).toMatch(/“\uE000” \(U\+E000\) in the section “complaint-summary”, paragraph 1/);
      expect((await officer.letters.list({ caseId: other.caseId })).length).toBe(1);
    });

    it("stores the PDF with its SHA-256 and a letter-issued event, settles the pending letter, and never replaces it", async () => {
      const { caseId, version } = await waitingCase();
      const officer = await h.as("investigating-officer");
      const [pending] = await officer.letters.pending({ caseId });
      const first = await officer.letters.issue({ caseId, outboxId: pending!.outboxId, customerAddress: givenAddress });
      expect(first).toMatchObject({ kind: "acknowledgement", byPost: true, largePrint: false, settledOutboxId: pending!.outboxId, downloadUrl: `/letters/${first.letterId}.pdf` });
      const stored = await letterRepository.getLetterPdf(h.db.db, first.letterId);
      expect(sha256(stored.pdf)).toBe(first.sha256);
      expect(stored.pdf.byteLength).toBe(first.sizeBytes);
      expect(Buffer.from(stored.pdf.subarray(0, 5)).toString()).toBe("%PDF-");
      expect(await officer.letters.pending({ caseId })).toEqual([]);

      // The case's chain records the issue; the case itself is not changed by it.
      const detail = await officer.cases.get({ caseId });
      expect(detail.version).toBe(version);
      const issued = detail.timeline.find((e) => e.type === "letter-issued")!;
      expect(issued).toMatchObject({ actor: { id: io }, data: { letterId: first.letterId, sha256: first.sha256, kind: "acknowledgement", outboxId: pending!.outboxId } });
      expect(await verifyEventChain(h.db.db, caseId)).toMatchObject({ ok: true });

      // The sender puts the letter by post in the print room (a correspondence message, decision 0318).
      await h.deps.notifier.deliverPending();
      // No post and no email address: nobody would receive the letter, so it cannot be issued.
      const toNobody = await refusal((await h.as("dcro")).letters.issue({ caseId, kind: "acknowledgement", byPost: false }));
      expect(toNobody.client.refusal).toMatchObject({ code: "LETTER_INCOMPLETE", missing: [{ element: "recipient", description: "nobody would receive this letter: add an email address or a postal address" }] });
      // The same letter again (a corrected copy) is a new letter; the first stays as it was.
      h.clock.advance(60_000);
      const second = await (await h.as("dcro")).letters.issue({ caseId, kind: "acknowledgement", customerAddress: givenAddress });
      expect(second.letterId).not.toBe(first.letterId);
      expect(second.settledOutboxId).toBeNull();
      const again = await letterRepository.getLetterPdf(h.db.db, first.letterId);
      expect(sha256(again.pdf)).toBe(first.sha256);
      expect(Buffer.compare(Buffer.from(again.pdf), Buffer.from(stored.pdf))).toBe(0);
      const listed = await officer.letters.list({ caseId });
      // The letter's `post` correspondence puts it in the print room's queue (decision 0321); issuing
      // the corrected copy queued no post by itself: the sender has not run since.
      expect(listed.map((l) => [l.letterId, l.posting?.status ?? null, l.issuedBy?.name])).toEqual([
        [first.letterId, "waiting", "investigating-officer person"],
        [second.letterId, null, "dcro person"],
      ]);
    });

    it("settles the oldest pending letter of the same kind when none is named; two people issuing it at once: one wins", async () => {
      const { caseId } = await waitingCase();
      const [pending] = await (await h.as("dcro")).letters.pending({ caseId });
      const results = await Promise.allSettled([
        (await h.as("dcro")).letters.issue({ caseId, outboxId: pending!.outboxId, customerAddress: givenAddress }),
        (await h.as("investigating-officer")).letters.issue({ caseId, outboxId: pending!.outboxId, customerAddress: givenAddress }),
      ]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      const lost = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
      expect(lost.reason.code).toBe("CONFLICT");
      expect((await (await h.as("dcro")).letters.list({ caseId })).length).toBe(1);

      const other = await waitingCase();
      const auto = await (await h.as("investigating-officer")).letters.issue({ caseId: other.caseId, kind: "acknowledgement", customerAddress: givenAddress });
      expect(auto.settledOutboxId).not.toBeNull();
      expect(await (await h.as("investigating-officer")).letters.pending({ caseId: other.caseId })).toEqual([]);
    });

    it("lets the handler issue whatever their role, but not another officer; auditors read letters only", async () => {
      const { caseId } = await openCase();
      expect((await refusal((await h.as("io-2")).letters.issue({ caseId, kind: "acknowledgement" }))).code).toBe("FORBIDDEN");
      expect((await refusal((await h.as("auditor")).letters.issue({ caseId, kind: "acknowledgement" }))).code).toBe("FORBIDDEN");
      const issued = await (await h.as("investigating-officer")).letters.issue({ caseId, kind: "acknowledgement" });
      expect((await (await h.as("auditor")).letters.list({ caseId })).map((l) => l.letterId)).toContain(issued.letterId);
    });

    it("sends a letter to the representative when replies go to them, naming the customer it is about", async () => {
      const { caseId } = await openCase({
        customer: { ...customer, fullName: "Cat Doe", largePrint: true },
        representative: { name: "Cllr Jo Bloggs", role: "councillor", consent: { basis: "elected-member", recordedOn: "2026-03-02" }, replyTo: "representative" },
      });
      const officer = await h.as("investigating-officer");
      const without = await officer.letters.preview({ caseId, kind: "acknowledgement" });
      expect(without.missing.map((m) => m.element)).toEqual(["representative-address"]);
      expect((await refusal(officer.letters.issue({ caseId, kind: "acknowledgement" }))).client.refusal?.missing?.map((m) => m.element)).toEqual(["representative-address"]);

      const councillorAddress = { lines: ["Members' Room", "Town Hall", "Exampleton"], postcode: "EX1 1AA" };
      const draft = await officer.letters.preview({ caseId, kind: "acknowledgement", representativeAddress: councillorAddress });
      expect(draft.recipient).toEqual({ to: "representative", name: "Cllr Jo Bloggs" });
      expect(draft.model.recipient).toEqual({ name: "Cllr Jo Bloggs", address: councillorAddress });
      expect(draft.model.onBehalfOf?.name).toBe("Cat Doe");
      // The customer's large print is for the customer's own letters.
      expect(draft).toMatchObject({ largePrint: false, largePrintReason: expect.stringMatching(/representative/) });

      const issued = await officer.letters.issue({ caseId, kind: "acknowledgement", representativeAddress: councillorAddress });
      expect(issued.recipient).toEqual({ to: "representative", name: "Cllr Jo Bloggs" });
      const [letter] = await officer.letters.list({ caseId });
      expect(letter!.recipient).toEqual({ name: "Cllr Jo Bloggs", to: "representative" });
      const stored = await h.db.db.selectFrom("letters").select(["recipient", "model"]).where("id", "=", issued.letterId).executeTakeFirstOrThrow();
      expect(stored.recipient).toMatchObject({ name: "Cllr Jo Bloggs", address: councillorAddress });
      expect((stored.model as { onBehalfOf: { name: string } }).onBehalfOf.name).toBe("Cat Doe");
    });

    it("prints in large print when the customer asked for it or the case flags reasonable adjustments, unless told otherwise", async () => {
      const officer = await h.as("investigating-officer");
      const asked = await openCase({ customer: { ...customer, largePrint: true } });
      const flagged = await openCase({ flags: ["reasonable-adjustments"] });
      const plain = await openCase();
      expect((await officer.letters.preview({ caseId: asked.caseId, kind: "acknowledgement" })).largePrintReason).toMatch(/customer asked/);
      expect((await officer.letters.preview({ caseId: flagged.caseId, kind: "acknowledgement" })).largePrintReason).toMatch(/reasonable adjustments/);
      expect((await officer.letters.preview({ caseId: flagged.caseId, kind: "acknowledgement", largePrint: false })).largePrint).toBe(false);
      const large = await officer.letters.issue({ caseId: asked.caseId, kind: "acknowledgement" });
      const standard = await officer.letters.issue({ caseId: plain.caseId, kind: "acknowledgement" });
      expect(large.largePrint).toBe(true);
      const largePdf = (await letterRepository.getLetterPdf(h.db.db, large.letterId)).pdf;
      const standardPdf = (await letterRepository.getLetterPdf(h.db.db, standard.letterId)).pdf;
      expect(pageCount(largePdf)).toBeGreaterThan(pageCount(standardPdf));
    });
  });

  describe("GET /letters/:letterId.pdf", () => {
    it("serves the stored PDF unchanged to staff who may read the case, and nothing to anyone else", async () => {
      const { caseId } = await openCase();
      const issued = await (await h.as("investigating-officer")).letters.issue({ caseId, kind: "acknowledgement" });
      const reader = await new Browser(server.base).signIn("quality-assurance@example.gov.uk", PASSWORD);
      const res = await reader.fetch(issued.downloadUrl);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("application/pdf");
      expect(res.headers.get("etag")).toBe(`"${issued.sha256}"`);
      expect(res.headers.get("repr-digest")).toBe(`sha-256=:${Buffer.from(issued.sha256, "hex").toString("base64")}:`);
      const body = new Uint8Array(await res.arrayBuffer());
      expect(sha256(body)).toBe(issued.sha256);
      expect(Buffer.compare(Buffer.from(body), Buffer.from((await letterRepository.getLetterPdf(h.db.db, issued.letterId)).pdf))).toBe(0);
      // The download is in the case's access log.
      const reads = await (await h.as("auditor")).cases.accessLog({ caseId });
      expect(reads.reads.map((r) => [r.actorName, r.purpose])).toContainEqual(["quality-assurance person", "letter acknowledgement downloaded"]);

      expect((await fetch(`${server.base}${issued.downloadUrl}`)).status).toBe(401);
      const outsider = await new Browser(server.base).signIn("env-dcro@example.gov.uk", PASSWORD);
      expect((await outsider.fetch(issued.downloadUrl)).status).toBe(404);
      expect((await reader.fetch("/letters/not-a-letter.pdf")).status).toBe(404);
      expect((await reader.fetch("/letters/00000000-0000-4000-8000-000000000000.pdf")).status).toBe(404);
    });

    it("refuses to serve a letter whose stored bytes no longer match their hash", async () => {
      const { caseId } = await openCase();
      const issued = await (await h.as("investigating-officer")).letters.issue({ caseId, kind: "acknowledgement" });
      // Someone with database rights gets past both guards and changes the stored PDF.
      const { rows } = await sql<{ name: string }>`SELECT conname AS name FROM pg_constraint WHERE conrelid = 'letters'::regclass AND pg_get_constraintdef(oid) LIKE '%sha256(pdf)%'`.execute(h.db.db);
      await sql.raw(`ALTER TABLE letters DROP CONSTRAINT "${rows[0]!.name}"`).execute(h.db.db);
      await sql`ALTER TABLE letters DISABLE TRIGGER letters_never_replaced`.execute(h.db.db);
      const forged = Buffer.from("%PDF-1.7 forged");
      await sql`UPDATE letters SET pdf = ${forged}, size_bytes = ${forged.byteLength} WHERE id = ${issued.letterId}`.execute(h.db.db);
      const reader = await new Browser(server.base).signIn("dcro@example.gov.uk", PASSWORD);
      const res = await reader.fetch(issued.downloadUrl);
      expect(res.status).toBe(500);
      expect(((await res.json()) as { error: { code: string; message: string } }).error).toMatchObject({ code: "INTEGRITY", message: expect.stringMatching(/no longer matches/) });
      expect(h.log.entries.some((e) => e.level === "error" && e.message === "stored file does not match its hash")).toBe(true);
    });
  });
});
