/**
 * The keyed audit log (issue 20, finding 4): events are HMAC-chained with the audit key (hash
 * layout 2), every stream has a keyed head counting its events, and the verifier finds an edited
 * event, a deleted event, deleted trailing reads, and a log rechained without the key. The
 * tampering is done as the database's owner can (triggers disabled); the verifier runs in the
 * application with the key.
 */
import { sql, type RawBuilder } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDb, type TestDb } from "../test/db.js";
import { logToyCase, seedCouncil, toyCommand, type Seed } from "../test/fixtures.js";
import { caseRepository } from "./cases.js";
import { eventHash, headMac, HASH_LAYOUT, listEvents, sealLegacyStreams, verifyAllChains, verifyEventChain, type StoredEvent } from "./events.js";
import { sha256Hex, canonicalJson } from "./canonical.js";

let t: TestDb;
let seed: Seed;

beforeAll(async () => {
  t = await openTestDb();
  seed = await seedCouncil(t.db);
});
afterAll(() => t?.close());

/** A case with a log, two notes and three reads (the reads are the last events). */
async function caseWithReads(own: Seed = seed) {
  const logged = await logToyCase(t.db, own);
  let version = logged.version;
  for (const text of ["Customer rang to chase", "Visit booked"]) {
    const result = await toyCommand(t.db, own, logged.caseId, version, { type: "note", text });
    if (!result.ok) throw new Error("refused");
    version = result.version;
  }
  for (let i = 0; i < 3; i++)
    await caseRepository.recordCaseRead(t.db, { caseId: logged.caseId, councilId: own.councilId, actor: { type: "staff", id: own.officer.id }, at: new Date(Date.UTC(2026, 2, 3, 9, i)), purpose: "view" });
  return logged.caseId;
}

/** Runs statements as the owner could: with the append-only triggers switched off. */
async function tamper(...statements: RawBuilder<unknown>[]) {
  await t.db.transaction().execute(async (trx) => {
    await sql`ALTER TABLE events DISABLE TRIGGER events_append_only`.execute(trx);
    await sql`ALTER TABLE event_heads DISABLE TRIGGER event_heads_keep`.execute(trx);
    for (const statement of statements) await statement.execute(trx);
    await sql`ALTER TABLE event_heads ENABLE TRIGGER event_heads_keep`.execute(trx);
    await sql`ALTER TABLE events ENABLE TRIGGER events_append_only`.execute(trx);
  });
}

/** The stream's events rewritten as a valid unkeyed (layout 1) chain: all one can do without the key. */
function rechainWithoutKey(events: StoredEvent[], edit: (e: StoredEvent) => StoredEvent): RawBuilder<unknown>[] {
  let prev: string | null = null;
  return events.map((original) => {
    const e = { ...edit(original), prevHash: prev, layout: 1 as const };
    const hash = eventHash(e);
    prev = hash;
    return sql`UPDATE events SET payload = ${JSON.stringify(e.payload)}::jsonb, prev_hash = ${e.prevHash}, hash = ${hash}, hash_layout = 1 WHERE id = ${e.id}`;
  });
}

describe("the keyed chain", () => {
  it("signs new events with the audit key (layout 2), not a plain SHA-256 anyone can recompute", async () => {
    const caseId = await caseWithReads();
    const events = await listEvents(t.db, { caseId });
    expect(HASH_LAYOUT).toBe(2);
    for (const e of events) {
      expect(e.layout).toBe(2);
      expect(eventHash(e)).toBe(e.hash);
      expect(eventHash({ ...e, layout: 1 })).not.toBe(e.hash);
    }
    const head = await t.db.selectFrom("event_heads").selectAll().where("stream", "=", `case:${caseId}`).executeTakeFirstOrThrow();
    expect([head.events, head.head_hash]).toEqual([6, events[5]!.hash]);
    expect(await verifyEventChain(t.db, caseId)).toMatchObject({ ok: true, events: 6 });
  });

  it("finds an edited event", async () => {
    const caseId = await caseWithReads();
    await tamper(sql`UPDATE events SET payload = jsonb_set(payload, '{data,text}', '"Customer was happy"') WHERE case_id = ${caseId} AND seq = 2`);
    expect(await verifyEventChain(t.db, caseId)).toMatchObject({ ok: false, firstBroken: { seq: 2, problem: "content-altered" } });
  });

  it("finds a deleted event", async () => {
    const caseId = await caseWithReads();
    await tamper(sql`DELETE FROM events WHERE case_id = ${caseId} AND seq = 3`);
    expect(await verifyEventChain(t.db, caseId)).toMatchObject({ ok: false, firstBroken: { seq: 3, problem: "missing-event" } });
  });

  it("finds deleted trailing case reads, which leave the case's version as it was", async () => {
    const caseId = await caseWithReads();
    await tamper(sql`DELETE FROM events WHERE case_id = ${caseId} AND type = 'case-read'`);
    expect(await verifyEventChain(t.db, caseId)).toMatchObject({ ok: false, firstBroken: { seq: 4, problem: "missing-tail" } });
  });

  it("finds deleted trailing reads even when the head is put back to an unkeyed count", async () => {
    const caseId = await caseWithReads();
    const events = await listEvents(t.db, { caseId });
    await tamper(
      sql`DELETE FROM events WHERE case_id = ${caseId} AND type = 'case-read'`,
      sql`UPDATE event_heads SET events = 3, head_hash = ${events[2]!.hash} WHERE stream = ${`case:${caseId}`}`,
    );
    expect(await verifyEventChain(t.db, caseId)).toMatchObject({ ok: false, firstBroken: { problem: "head-mismatch" } });
  });

  it("finds a log rechained without the key: unkeyed hashes after keyed ones, or a head that does not match", async () => {
    const caseId = await caseWithReads();
    const events = await listEvents(t.db, { caseId });
    const hide = (e: StoredEvent) => (e.seq === 2 ? { ...e, payload: { type: "note", at: "2026-03-03T10:00:00.000Z", data: { text: "Nothing to see" } } } : e);
    await tamper(...rechainWithoutKey(events, hide));
    // Every hash and link is a valid SHA-256 chain now; the keyed head is not the key's for it.
    expect(await verifyEventChain(t.db, caseId)).toMatchObject({ ok: false, firstBroken: { problem: "head-mismatch" } });
  });

  it("finds a rechained log whose head was re-sealed with another key, or removed", async () => {
    const caseId = await caseWithReads();
    const events = await listEvents(t.db, { caseId });
    const statements = rechainWithoutKey(events, (e) => e);
    const last = sha256Hex(canonicalJson({ guess: true }));
    await tamper(...statements, sql`UPDATE event_heads SET mac = ${last} WHERE stream = ${`case:${caseId}`}`);
    expect(await verifyEventChain(t.db, caseId)).toMatchObject({ ok: false, firstBroken: { problem: "head-mismatch" } });
    await sealLegacyStreams(t.db, new Date());
    await tamper(sql`DELETE FROM event_heads WHERE stream = ${`case:${caseId}`}`);
    expect(await verifyEventChain(t.db, caseId)).toMatchObject({ ok: false, firstBroken: { problem: "missing-head" } });
  });

  it("refuses an unkeyed event appended after keyed ones (the insert trigger)", async () => {
    const caseId = await caseWithReads();
    const [last] = (await listEvents(t.db, { caseId })).slice(-1);
    const attempt = sql`
      INSERT INTO events (council_id, case_id, seq, stream_version, type, occurred_at, actor_type, actor_id, payload, prev_hash, hash, hash_layout)
      VALUES (${seed.councilId}, ${caseId}, 7, 3, 'forged', now(), 'system', NULL, '{}'::jsonb, ${last!.hash}, ${"1".repeat(64)}, 1)`;
    await expect(attempt.execute(t.db)).rejects.toMatchObject({ code: "CX002" });
  });
});

describe("events written before the key (layout 1)", () => {
  // A database of its own: sealing happens once per database.
  let shared: TestDb;
  beforeAll(async () => {
    shared = t;
    t = await openTestDb();
  });
  afterAll(async () => {
    await t.close();
    t = shared;
  });

  it("still verify, get a keyed head once when sealed, and count every event from then on", async () => {
    const own = await seedCouncil(t.db);
    const caseId = await caseWithReads(own);
    // As the bench generator and the log before this change wrote them: plain SHA-256, no head.
    await tamper(...rechainWithoutKey(await listEvents(t.db, { caseId }), (e) => e), sql`DELETE FROM event_heads WHERE stream = ${`case:${caseId}`}`);
    expect(await verifyAllChains(t.db, { councilId: own.councilId })).toMatchObject({ failures: [] });
    await sealLegacyStreams(t.db, new Date());
    const head = await t.db.selectFrom("event_heads").selectAll().where("stream", "=", `case:${caseId}`).executeTakeFirstOrThrow();
    expect(head.mac).toBe(headMac({ stream: head.stream, councilId: own.councilId, events: 6, hash: head.head_hash }));
    await caseRepository.recordCaseRead(t.db, { caseId, councilId: own.councilId, actor: { type: "staff", id: own.officer.id }, at: new Date(), purpose: "view" });
    const events = await listEvents(t.db, { caseId });
    expect(events.map((e) => e.layout)).toEqual([1, 1, 1, 1, 1, 1, 2]);
    expect(await verifyAllChains(t.db, { councilId: own.councilId })).toMatchObject({ ok: true, failures: [] });
    await tamper(sql`DELETE FROM events WHERE case_id = ${caseId} AND seq = 7`);
    const result = await verifyAllChains(t.db, { councilId: own.councilId });
    expect(result.failures).toEqual([expect.objectContaining({ stream: `case:${caseId}`, problem: "missing-tail" })]);
  });
});

describe("verifying the whole log", () => {
  it("walks every case of the council and names each broken stream", async () => {
    const own = await seedCouncil(t.db);
    const good = await caseWithReads(own);
    const edited = await caseWithReads(own);
    const trimmed = await caseWithReads(own);
    await tamper(
      sql`UPDATE events SET type = 'close' WHERE case_id = ${edited} AND seq = 2`,
      sql`DELETE FROM events WHERE case_id = ${trimmed} AND seq = 6`,
    );
    const result = await verifyAllChains(t.db, { councilId: own.councilId });
    expect(result.ok).toBe(false);
    expect(result.failures.map((f) => [f.stream, f.problem]).sort()).toEqual(
      [
        [`case:${edited}`, "content-altered"],
        [`case:${trimmed}`, "missing-tail"],
      ].sort(),
    );
    expect(result.failures.some((f) => f.stream === `case:${good}`)).toBe(false);
  });
});
