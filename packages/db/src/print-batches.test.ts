import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { engine, openTestDb, type TestDb } from "../test/db.js";
import { logToyCase, seedCouncil, staffActor, type Seed } from "../test/fixtures.js";
import { listEvents, verifyEventChain } from "./events.js";
import { letterRepository } from "./letters.js";
import { notificationRepository } from "./notifications.js";
import { printBatchRepository } from "./print-batches.js";

const pdf = (text: string) => new TextEncoder().encode(`%PDF-1.7\n% ${text}\n%%EOF\n`);

let t: TestDb;
let seed: Seed;

beforeAll(async () => {
  t = await openTestDb({ maxConnections: 4 });
  seed = await seedCouncil(t.db);
});
afterAll(() => t?.close());

let issued = 0;
/**
 * Issues a letter; by post, as the sender does it: a correspondence message on the post
 * channel, claimed and handed to the print room (docs/decisions/0318-writing-to-residents.md).
 */
async function issue(caseId: string, options: { byPost?: boolean; largePrint?: boolean } = {}) {
  issued += 1;
  const letter = await letterRepository.issueLetter(t.db, {
    caseId,
    kind: "acknowledgement",
    recipient: { name: `Recipient ${issued}` },
    model: { n: issued },
    largePrint: options.largePrint ?? false,
    issuedAt: new Date(Date.UTC(2026, 2, 3, 9, issued)),
    issuedBy: seed.officer.id,
    pdf: pdf(`letter ${issued}`),
    byPost: options.byPost ?? true,
    event: { actor: staffActor(seed.officer.id), on: "2026-03-03" },
  });
  if (options.byPost ?? true) await post(caseId, letter.id);
  return letter;
}

async function post(caseId: string, letterId: string) {
  const now = new Date(Date.UTC(2026, 2, 3, 10));
  const [id] = await notificationRepository.enqueue(
    t.db,
    [
      {
        councilId: seed.councilId,
        caseId,
        kind: "correspondence",
        recipient: { party: "customer", name: "Recipient" },
        payload: { channel: "post", purpose: "acknowledgement", stageId: null, reference: "R", language: "en", subject: "Acknowledgement", text: "By post", letterId },
        dedupeKey: `acknowledgement:${caseId}:-:post:${letterId}`,
      },
    ],
    now,
  );
  const worker = `print-test-${id}`;
  const claimed = await notificationRepository.claim(t.db, { worker, now, leaseSeconds: 60, limit: 1000, kinds: ["correspondence"] });
  for (const entry of claimed) {
    await notificationRepository.markSending(t.db, { id: entry.id, worker, now, leaseSeconds: 60 });
    expect(await notificationRepository.queueForPrintRoom(t.db, { id: entry.id, worker, councilId: entry.councilId, letterId: String(entry.payload.letterId) })).toBe(true);
  }
  return id!;
}

const waiting = () =>
  printBatchRepository.waitingLetters(t.db, { councilId: seed.councilId, directorates: "all", limit: 1000 });

describe("issuing a letter with its event and posting", () => {
  it("records a letter-issued event in the case's chain at the case's version, and waits for the post", async () => {
    const { caseId, version } = await logToyCase(t.db, seed);
    const letter = await issue(caseId);
    const events = await listEvents(t.db, { caseId });
    expect(events.map((e) => [e.type, e.streamVersion])).toEqual([
      ["log", version],
      ["letter-issued", version],
    ]);
    expect(events[1]!.actor).toEqual({ type: "staff", id: seed.officer.id });
    expect(events[1]!.payload).toMatchObject({
      type: "letter-issued",
      on: "2026-03-03",
      data: { letterId: letter.id, kind: "acknowledgement", sha256: letter.sha256, byPost: true },
    });
    expect(await verifyEventChain(t.db, caseId)).toMatchObject({ ok: true, events: 2 });
    const listed = await letterRepository.listLetters(t.db, caseId);
    expect(listed.map((l) => [l.id, l.posting?.status])).toEqual([[letter.id, "waiting"]]);
    expect((await waiting()).map((w) => w.letterId)).toContain(letter.id);
  });

  it("keeps letters not sent by post out of the print queue", async () => {
    const { caseId } = await logToyCase(t.db, seed);
    const letter = await issue(caseId, { byPost: false });
    expect((await letterRepository.listLetters(t.db, caseId))[0]!.posting).toBeNull();
    expect((await waiting()).map((w) => w.letterId)).not.toContain(letter.id);
  });

  it("writes nothing when the case does not exist", async () => {
    await expect(
      letterRepository.issueLetter(t.db, {
        caseId: "00000000-0000-4000-8000-000000000000",
        kind: "acknowledgement",
        recipient: { name: "Nobody" },
        issuedAt: new Date(),
        pdf: pdf("nobody"),
        byPost: true,
        event: { actor: staffActor(seed.officer.id) },
      }),
    ).rejects.toThrow(/There is no case/);
  });
});

describe("print batches", () => {
  it("claims waiting letters in the order asked, once, and prints them a page at a time", async () => {
    const before = (await waiting()).map((w) => w.letterId);
    const { caseId } = await logToyCase(t.db, seed);
    const letters = [await issue(caseId), await issue(caseId, { largePrint: true }), await issue(caseId)];
    const ids = [letters[2]!.id, letters[0]!.id, letters[1]!.id, ...before];
    const made = await printBatchRepository.createBatch(t.db, {
      councilId: seed.councilId,
      builtBy: seed.manager.id,
      at: new Date("2026-03-04T09:00:00Z"),
      letterIds: ids,
    });
    expect(made!.letterIds).toEqual(ids);
    expect(made!.batch).toMatchObject({ letter_count: ids.length, confirmed_at: null, page_count: null });
    expect(await waiting()).toEqual([]);

    // Nothing waits any more: a second batch of the same letters is not made at all.
    const again = await printBatchRepository.createBatch(t.db, {
      councilId: seed.councilId,
      builtBy: seed.manager.id,
      at: new Date("2026-03-04T09:01:00Z"),
      letterIds: ids,
    });
    expect(again).toBeNull();
    expect((await printBatchRepository.listBatches(t.db, seed.councilId, { limit: 10 })).map((b) => b.id)).toEqual([
      made!.batch.id,
    ]);

    const printed = [];
    for await (const letter of printBatchRepository.eachBatchLetter(t.db, made!.batch.id, 2)) printed.push(letter);
    expect(printed.map((l) => l.letterId)).toEqual(ids);
    expect(printed.map((l) => l.position)).toEqual(ids.map((_, i) => i + 1));
    expect(printed[2]).toMatchObject({ largePrint: true, model: { n: expect.any(Number) }, kind: "acknowledgement" });

    await printBatchRepository.recordLayout(t.db, made!.batch.id, { pageCount: 8, sheetCount: 4, manifestCsv: "x\n" });
    expect(await printBatchRepository.getBatch(t.db, seed.councilId, made!.batch.id)).toMatchObject({
      page_count: 8,
      sheet_count: 4,
      manifest_csv: "x\n",
    });

    // A letter that could not be printed goes back to waiting.
    expect(await printBatchRepository.releaseLetters(t.db, made!.batch.id, [letters[0]!.id])).toBe(1);
    expect((await waiting()).map((w) => w.letterId)).toEqual([letters[0]!.id]);
    expect((await printBatchRepository.getBatch(t.db, seed.councilId, made!.batch.id)).letter_count).toBe(ids.length - 1);

    // Confirming posts the rest, with an event in each case's chain; confirming again does nothing.
    const confirmed = await printBatchRepository.confirmBatch(t.db, {
      councilId: seed.councilId,
      batchId: made!.batch.id,
      by: staffActor(seed.manager.id) as { type: "staff"; id: string },
      at: new Date("2026-03-04T15:00:00Z"),
    });
    expect(confirmed).toMatchObject({ status: "confirmed", posted: ids.length - 1 });
    // The post correspondence of the posted letters is sent (issue 15): the letter released
    // from the batch is still on its way.
    const sent = confirmed.status === "confirmed" ? confirmed.sent : [];
    expect(sent.map((e) => e.payload.letterId).sort()).toEqual([letters[2]!.id, letters[1]!.id, ...before].sort());
    expect(sent.every((e) => e.status === "sent" && e.sentAt?.toISOString() === "2026-03-04T15:00:00.000Z")).toBe(true);
    const rows = await t.db.selectFrom("notifications_outbox").select(["status", "payload"]).where("case_id", "=", caseId).execute();
    expect(rows.filter((r) => (r.payload as { letterId: string }).letterId === letters[0]!.id).map((r) => r.status)).toEqual(["sending"]);
    expect((await listEvents(t.db, { caseId })).at(-1)).toMatchObject({
      type: "letter-posted",
      payload: { data: { batchId: made!.batch.id, letters: [{ letterId: letters[2]!.id }, { letterId: letters[1]!.id }] } },
    });
    expect(await verifyEventChain(t.db, caseId)).toMatchObject({ ok: true });
    expect((await letterRepository.listLetters(t.db, caseId)).map((l) => l.posting?.status)).toEqual([
      "waiting",
      "posted",
      "posted",
    ]);
    const twice = await printBatchRepository.confirmBatch(t.db, {
      councilId: seed.councilId,
      batchId: made!.batch.id,
      by: staffActor(seed.manager.id) as { type: "staff"; id: string },
      at: new Date("2026-03-05T15:00:00Z"),
    });
    expect(twice).toMatchObject({ status: "already-confirmed", posted: 0 });
    expect(twice.batch.confirmed_at).toEqual(new Date("2026-03-04T15:00:00Z"));
    const cancel = await printBatchRepository.cancelBatch(t.db, {
      councilId: seed.councilId,
      batchId: made!.batch.id,
      by: seed.manager.id,
      at: new Date(),
    });
    expect(cancel.status).toBe("confirmed");
  });

  it("gives the letters of a cancelled batch back to the queue; a cancelled batch cannot be confirmed", async () => {
    const { caseId } = await logToyCase(t.db, seed);
    await issue(caseId);
    const ids = (await waiting()).map((w) => w.letterId);
    const made = await printBatchRepository.createBatch(t.db, {
      councilId: seed.councilId,
      builtBy: seed.manager.id,
      at: new Date(),
      letterIds: ids,
    });
    const cancelled = await printBatchRepository.cancelBatch(t.db, {
      councilId: seed.councilId,
      batchId: made!.batch.id,
      by: seed.manager.id,
      at: new Date(),
    });
    expect(cancelled).toMatchObject({ status: "cancelled", released: ids.length });
    expect((await waiting()).map((w) => w.letterId)).toEqual(ids);
    const confirm = await printBatchRepository.confirmBatch(t.db, {
      councilId: seed.councilId,
      batchId: made!.batch.id,
      by: { type: "staff", id: seed.manager.id },
      at: new Date(),
    });
    expect(confirm.status).toBe("cancelled");
    expect(await letterRepository.listLetters(t.db, caseId).then((l) => l.map((x) => x.posting?.status))).toEqual([
      "waiting",
    ]);
  });

  it.skipIf(engine !== "postgres")("never puts a letter in two batches built at the same moment (PostgreSQL)", async () => {
    const { caseId } = await logToyCase(t.db, seed);
    for (let i = 0; i < 6; i++) await issue(caseId);
    const ids = (await waiting()).map((w) => w.letterId);
    const results = await Promise.all(
      [ids, [...ids].reverse(), ids.slice(2)].map((letterIds) =>
        printBatchRepository.createBatch(t.db, { councilId: seed.councilId, builtBy: seed.manager.id, at: new Date(), letterIds }),
      ),
    );
    const claimed = results.flatMap((r) => r?.letterIds ?? []);
    expect(claimed.sort()).toEqual([...ids].sort());
  });
});
