import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { letterRepository, verifyEventChain } from "@complaints/db";
import { openHarness, PASSWORD, type Harness } from "../../test/harness.js";
import { refusal } from "../../test/refusal.js";
import { Browser, listen } from "../../test/browser.js";
import { createApp } from "../server.js";

/** Pages in a PDF written by pdfkit (page objects are plain dictionaries). */
const pageCount = (bytes: Uint8Array) => (Buffer.from(bytes).toString("latin1").match(/\/Type \/Page\b/g) ?? []).length;

describe("print batches: issued letters to the post", () => {
  let h: Harness;
  let server: { base: string; close: () => Promise<void> };

  beforeAll(async () => {
    h = await openHarness({
      start: "2026-03-02T09:00:00Z",
      extraStaff: [
        { key: "env-dcro", name: "Environment DCRO", email: "env-dcro@example.gov.uk", password: PASSWORD, team: "waste/collections", roles: [{ role: "dcro", directorate: "environment" }] },
      ],
    });
    server = await listen(createApp(h.deps), (url) => (h.deps.config.publicUrl = url));
  });
  afterAll(async () => {
    await server?.close();
    await h?.close();
  });

  let n = 0;
  /**
   * A case acknowledged by the complaints manager, whose step issued its acknowledgement
   * (decision 0321): by post for a complaint that came by post, by email when `byPost` is
   * false. With `longRemedy`, a long Stage 1 response issued by hand goes by post instead.
   * Returns the letter that goes by post (or, by email, the acknowledgement).
   */
  async function issued(options: { serviceId?: string; largePrint?: boolean; byPost?: boolean; flags?: string[]; aboutStaffIds?: string[]; longRemedy?: boolean } = {}) {
    n += 1;
    const manager = await h.as("complaints-manager");
    const emailed = options.byPost === false || options.longRemedy;
    const { caseId } = await manager.cases.log({
      kind: "complaint",
      channel: emailed ? "email" : "post",
      serviceId: options.serviceId ?? "council-tax",
      description: "My bill is wrong.",
      desiredOutcome: "A correct bill",
      flags: (options.flags ?? []) as never,
      ...(options.aboutStaffIds ? { aboutStaffIds: options.aboutStaffIds } : {}),
      customer: { fullName: `Customer ${n}`, address: `${n} Long Road\nExampleton`, postcode: "EX1 2AB", largePrint: options.largePrint ?? false, ...(emailed ? { email: `customer${n}@example.com` } : {}) },
    });
    let v = (await manager.command.triage({ caseId, expectedVersion: 1, outcome: "accept" })).version;
    v = (await manager.command.assign({ caseId, expectedVersion: v, handlerId: h.staffIds.get("complaints-manager")! })).version;
    const acknowledged = await manager.command.acknowledge({ caseId, expectedVersion: v });
    v = acknowledged.version;
    h.clock.advance(60_000);
    if (!options.longRemedy) {
      // The sender puts a letter going by post in the print room (decision 0318).
      await h.deps.notifier.deliverPending();
      return { caseId, reference: acknowledged.reference, recipient: { name: `Customer ${n}` }, letterId: acknowledged.letters[0]!.letterId! };
    }
    await manager.command.respond({ caseId, expectedVersion: v, outcome: "upheld", reasons: "We got your bill wrong." });
    const long = Array.from({ length: 14 }, (_, i) => `Paragraph ${i + 1}: we checked every entry on your account for the year, line by line, and set out here what we found and what we have changed so that you can see each step.`);
    const letter = await manager.letters.issue({ caseId, kind: "stage-1-response", sections: [{ element: "remedies", paragraphs: long }], byPost: true });
    await h.deps.notifier.deliverPending();
    return letter;
  }

  const postRows = (caseId: string) =>
    h.db.db.selectFrom("notifications_outbox").select(["id", "status", "provider", "sent_at"]).where("case_id", "=", caseId).where("kind", "=", "correspondence").where("channel", "=", "post").execute();

  it("builds one PDF of the letters waiting in the caller's scope, with the right pages and manifest, and confirms them posted once", async () => {
    const corporate = [await issued(), await issued({ largePrint: true }), await issued({ longRemedy: true })];
    const notByPost = await issued({ byPost: false });
    const elsewhere = await issued({ serviceId: "waste" });
    // A DCRO reads its directorate's restricted cases (decision 0325), but never one about themself.
    const restricted = await issued({ flags: ["named-staff"], aboutStaffIds: [h.staffIds.get("dcro")!] });

    const dcro = await h.as("dcro");
    const built = await dcro.letters.printBatch.build({});
    expect(built.batch).not.toBeNull();
    const batch = built.batch!;
    // Corporate Services' letters by post that the DCRO may read: not the other directorate's, not the case about them.
    expect(built.letters.map((l) => l.letterId)).toEqual(corporate.map((l) => l.letterId));
    expect(built.letters.map((l) => l.position)).toEqual([1, 2, 3]);
    expect(batch).toMatchObject({ status: "printing", letterCount: 3, builtBy: { name: "dcro person" }, pdfUrl: `/letters/print-batches/${batch.batchId}.pdf` });

    // Every letter starts on a new sheet: a letter with an odd number of pages gets a blank back.
    const pages: number[] = [];
    for (const letter of corporate) pages.push(pageCount((await letterRepository.getLetterPdf(h.db.db, letter.letterId)).pdf));
    expect(new Set(pages).size).toBeGreaterThan(1);
    const expectedPages = pages.reduce((total, p) => total + p + (p % 2), 0);
    expect(batch.pageCount).toBe(expectedPages);
    expect(batch.sheetCount).toBe(expectedPages / 2);

    const browser = await new Browser(server.base).signIn("dcro@example.gov.uk", PASSWORD);
    const pdf = await browser.fetch(batch.pdfUrl);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    expect(pageCount(new Uint8Array(await pdf.arrayBuffer()))).toBe(expectedPages);

    const csv = await browser.fetch(batch.manifestUrl);
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    let first = 1;
    const rows = corporate.map((letter, i) => {
      const row = `${letter.reference},${letter.recipient.name},${first},${pages[i]}`;
      first += pages[i]! + (pages[i]! % 2);
      return row;
    });
    expect(await csv.text()).toBe(["reference,recipient,first_page,pages", ...rows, ""].join("\n"));

    // Auditors may download it; staff who cannot see its letters may not.
    expect((await (await new Browser(server.base).signIn("auditor@example.gov.uk", PASSWORD)).fetch(batch.pdfUrl)).status).toBe(200);
    expect((await (await new Browser(server.base).signIn("env-dcro@example.gov.uk", PASSWORD)).fetch(batch.manifestUrl)).status).toBe(404);
    expect((await fetch(`${server.base}${batch.pdfUrl}`)).status).toBe(401);

    // Nothing else waits in the DCRO's scope now.
    expect((await dcro.letters.printBatch.build({})).batch).toBeNull();

    // Until the batch is confirmed, each letter's post message is on its way, with the print room.
    for (const letter of corporate) expect((await postRows(letter.caseId)).map((r) => [r.status, r.provider])).toEqual([["sending", "print-room"]]);
    const told: Array<{ outboxId: number; caseId: string | null; sentAt: string; seesItSent: boolean }> = [];
    h.deps.notifier.onSent(async (trx, entry, sentAt) => {
      // The handler runs in the transaction that marks it sent: it sees the row sent already.
      const row = await trx.selectFrom("notifications_outbox").select("status").where("id", "=", entry.id).executeTakeFirstOrThrow();
      told.push({ outboxId: entry.id, caseId: entry.caseId, sentAt: sentAt.toISOString(), seesItSent: row.status === "sent" });
    });

    h.clock.advance(3_600_000);
    const confirmed = await dcro.letters.printBatch.confirm({ batchId: batch.batchId });
    // Confirming the batch sends the post correspondence of its letters, with the onSent handlers told once each.
    for (const letter of corporate) expect((await postRows(letter.caseId)).map((r) => [r.status, r.sent_at?.toISOString()])).toEqual([["sent", confirmed.batch.confirmedAt]]);
    expect(told.map((t) => t.caseId).sort()).toEqual(corporate.map((l) => l.caseId).sort());
    expect(told.every((t) => t.seesItSent && t.sentAt === confirmed.batch.confirmedAt)).toBe(true);
    expect(confirmed).toMatchObject({ posted: 3, alreadyConfirmed: false, batch: { status: "posted", confirmedBy: { name: "dcro person" } } });
    for (const letter of corporate) {
      const listed = (await dcro.letters.list({ caseId: letter.caseId })).find((l) => l.letterId === letter.letterId);
      expect(listed!.posting).toMatchObject({ status: "posted", batchId: batch.batchId, postedAt: confirmed.batch.confirmedAt });
      const timeline = (await dcro.cases.get({ caseId: letter.caseId })).timeline;
      // The posting, then the case's record that the resident was sent it (decision 0322).
      expect(timeline.find((e) => e.type === "letter-posted")).toMatchObject({ type: "letter-posted", data: { batchId: batch.batchId, letters: [{ letterId: letter.letterId }] } });
      expect(await verifyEventChain(h.db.db, letter.caseId)).toMatchObject({ ok: true });
    }
    const twice = await dcro.letters.printBatch.confirm({ batchId: batch.batchId });
    expect(twice).toMatchObject({ posted: 0, alreadyConfirmed: true, batch: { confirmedAt: confirmed.batch.confirmedAt } });
    expect(told).toHaveLength(3);
    expect((await refusal(dcro.letters.printBatch.cancel({ batchId: batch.batchId }))).client.refusal?.code).toBe("PRINT_BATCH_CLOSED");

    // The letter not sent by post is never batched; the others wait for people who may print them.
    expect((await dcro.letters.list({ caseId: notByPost.caseId }))[0]!.posting).toBeNull();
    const environment = await (await h.as("env-dcro")).letters.printBatch.build({});
    expect(environment.letters.map((l) => l.letterId)).toEqual([elsewhere.letterId]);
    const central = await (await h.as("complaints-manager")).letters.printBatch.build({});
    expect(central.letters.map((l) => l.letterId)).toEqual([restricted.letterId]);
    expect((await (await h.as("auditor")).letters.printBatch.list({})).map((b) => b.batchId)).toEqual(
      expect.arrayContaining([batch.batchId, environment.batch!.batchId, central.batch!.batchId]),
    );
  });

  it("gives a cancelled batch's letters back to the queue; a cancelled batch cannot be posted or downloaded", async () => {
    const letter = await issued();
    const dcro = await h.as("dcro");
    const built = await dcro.letters.printBatch.build({});
    expect(built.letters.map((l) => l.letterId)).toEqual([letter.letterId]);
    const cancelled = await dcro.letters.printBatch.cancel({ batchId: built.batch!.batchId });
    expect(cancelled).toMatchObject({ released: 1, alreadyCancelled: false, batch: { status: "cancelled" } });
    expect((await dcro.letters.list({ caseId: letter.caseId }))[0]!.posting?.status).toBe("waiting");
    expect(await dcro.letters.printBatch.cancel({ batchId: built.batch!.batchId })).toMatchObject({ released: 0, alreadyCancelled: true });
    const confirm = await refusal(dcro.letters.printBatch.confirm({ batchId: built.batch!.batchId }));
    expect(confirm.code).toBe("UNPROCESSABLE_CONTENT");
    expect(confirm.client.refusal?.code).toBe("PRINT_BATCH_CLOSED");
    const browser = await new Browser(server.base).signIn("dcro@example.gov.uk", PASSWORD);
    expect((await browser.fetch(built.batch!.pdfUrl)).status).toBe(422);
    // The letter goes in the next batch.
    expect((await dcro.letters.printBatch.build({})).letters.map((l) => l.letterId)).toEqual([letter.letterId]);
  });

  it("lets only customer services, DCROs and the complaints manager print; auditors only look", async () => {
    for (const key of ["investigating-officer", "head-of-service", "director", "auditor", "legal", "quality-assurance", "administrator"]) {
      const refused = await refusal((await h.as(key)).letters.printBatch.build({}));
      expect([key, refused.code]).toEqual([key, "FORBIDDEN"]);
    }
    expect((await refusal((await h.as("investigating-officer")).letters.printBatch.list({}))).code).toBe("FORBIDDEN");
    const outside = await refusal((await h.as("dcro")).letters.printBatch.build({ directorateId: h.council.ids.directorates.get("environment")! }));
    expect(outside.code).toBe("FORBIDDEN");
    const unknown = await refusal((await h.as("dcro")).letters.printBatch.confirm({ batchId: "00000000-0000-4000-8000-000000000000" }));
    expect(unknown.code).toBe("NOT_FOUND");
  });
});
