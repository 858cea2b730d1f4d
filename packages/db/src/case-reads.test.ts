/**
 * The record of who read a case (issue 20, finding 2): every read succeeds and is recorded,
 * however many people open the case at once and while commands change it. The fault showed
 * only on PostgreSQL (run with TEST_POSTGRES=1); PGlite runs the same cases.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDb, type TestDb } from "../test/db.js";
import { logToyCase, seedCouncil, toyCommand, type Seed } from "../test/fixtures.js";
import { listEvents, verifyEventChain } from "./events.js";
import { caseRepository } from "./cases.js";

let t: TestDb;
let seed: Seed;

beforeAll(async () => {
  t = await openTestDb({ maxConnections: 12 });
  seed = await seedCouncil(t.db);
});
afterAll(() => t?.close());

const read = (caseId: string, i: number) =>
  caseRepository.recordCaseRead(t.db, {
    caseId,
    councilId: seed.councilId,
    actor: { type: "staff", id: seed.officer.id },
    at: new Date(Date.UTC(2026, 2, 2, 10, 0, i)),
    purpose: `reader ${i}`,
  });

describe("recording case reads (finding 2: concurrent reads answered 500 on PostgreSQL)", () => {
  it("records every one of 40 concurrent reads of one case, in one unbroken chain", async () => {
    const logged = await logToyCase(t.db, seed);
    const outcomes = await Promise.allSettled(Array.from({ length: 40 }, (_, i) => read(logged.caseId, i)));
    expect(outcomes.filter((o) => o.status === "rejected").map((o) => String((o as PromiseRejectedResult).reason))).toEqual([]);
    const events = await listEvents(t.db, { caseId: logged.caseId });
    expect(events.filter((e) => e.type === "case-read")).toHaveLength(40);
    expect(events.map((e) => e.seq)).toEqual(Array.from({ length: 41 }, (_, i) => i + 1));
    expect(await verifyEventChain(t.db, logged.caseId)).toMatchObject({ ok: true, events: 41 });
  });

  it("records reads racing commands on the same case, each read at the version it saw", async () => {
    const logged = await logToyCase(t.db, seed);
    const commands = (async () => {
      for (let version = 1; version <= 5; version++) {
        const applied = await toyCommand(t.db, seed, logged.caseId, version, { type: "note", text: `note ${version}` });
        if (!applied.ok) throw new Error("refused");
      }
    })();
    const reads = Promise.allSettled(Array.from({ length: 30 }, (_, i) => read(logged.caseId, i)));
    await commands;
    const outcomes = await reads;
    expect(outcomes.filter((o) => o.status === "rejected").map((o) => String((o as PromiseRejectedResult).reason))).toEqual([]);
    const events = await listEvents(t.db, { caseId: logged.caseId });
    expect(events.filter((e) => e.type === "case-read")).toHaveLength(30);
    expect(events.filter((e) => e.type !== "case-read").map((e) => e.streamVersion)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(await verifyEventChain(t.db, logged.caseId)).toMatchObject({ ok: true, events: 36 });
  });
});
