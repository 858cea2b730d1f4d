import { sql, type RawBuilder } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDb, sqlState, type TestDb } from "../test/db.js";
import { logToyCase, seedCouncil, toyCommand, type Seed } from "../test/fixtures.js";
import { SQLSTATE } from "./errors.js";
import { eventHash, listEvents, verifyEventChain } from "./events.js";

let t: TestDb;
let seed: Seed;

beforeAll(async () => {
  t = await openTestDb();
  seed = await seedCouncil(t.db);
});
afterAll(() => t?.close());

/** A case with four events: log, note, assign, note. */
async function caseWithHistory() {
  const logged = await logToyCase(t.db, seed);
  let version = logged.version;
  for (const command of [
    { type: "note", text: "Customer rang to chase" },
    { type: "assign", handlerId: seed.officer.id },
    { type: "note", text: "Visit booked" },
  ] as const) {
    const result = await toyCommand(t.db, seed, logged.caseId, version, command);
    if (!result.ok) throw new Error("refused");
    version = result.version;
  }
  return logged.caseId;
}

/** Runs statements with the append-only trigger switched off, as a table owner or superuser could. */
async function tamper(...statements: RawBuilder<unknown>[]) {
  await t.db.transaction().execute(async (trx) => {
    await sql`ALTER TABLE events DISABLE TRIGGER events_append_only`.execute(trx);
    for (const statement of statements) await statement.execute(trx);
    await sql`ALTER TABLE events ENABLE TRIGGER events_append_only`.execute(trx);
  });
}

async function rejection(statement: RawBuilder<unknown>): Promise<string | undefined> {
  try {
    await statement.execute(t.db);
  } catch (error) {
    return sqlState(error);
  }
  return "no error";
}

describe("the event log is append-only", () => {
  it("rejects UPDATE of an event", async () => {
    const caseId = await caseWithHistory();
    expect(
      await rejection(sql`UPDATE events SET type = 'edited' WHERE case_id = ${caseId} AND seq = 2`),
    ).toBe(SQLSTATE.appendOnly);
  });

  it("rejects DELETE of an event", async () => {
    const caseId = await caseWithHistory();
    expect(await rejection(sql`DELETE FROM events WHERE case_id = ${caseId} AND seq = 4`)).toBe(
      SQLSTATE.appendOnly,
    );
    expect(await listEvents(t.db, { caseId })).toHaveLength(4);
  });

  it("rejects TRUNCATE", async () => {
    await caseWithHistory();
    expect(await rejection(sql`TRUNCATE events`)).toBe(SQLSTATE.appendOnly);
  });

  it("rejects an event that does not carry the previous event's hash", async () => {
    const caseId = await caseWithHistory();
    const [last] = await listEvents(t.db, { caseId }, { afterVersion: 3 });
    const forged = sql`
      INSERT INTO events (council_id, case_id, seq, stream_version, type, occurred_at, actor_type, actor_id, payload, prev_hash, hash)
      VALUES (${seed.councilId}, ${caseId}, 5, 5, 'forged', now(), 'system', NULL, '{}'::jsonb, ${"0".repeat(64)}, ${"1".repeat(64)})`;
    expect(last?.seq).toBe(4);
    expect(await rejection(forged)).toBe(SQLSTATE.brokenChain);
  });

  it("rejects an event that skips a sequence number", async () => {
    const caseId = await caseWithHistory();
    const [last] = await listEvents(t.db, { caseId }, { afterVersion: 3 });
    const skipping = sql`
      INSERT INTO events (council_id, case_id, seq, stream_version, type, occurred_at, actor_type, actor_id, payload, prev_hash, hash)
      VALUES (${seed.councilId}, ${caseId}, 6, 5, 'forged', now(), 'system', NULL, '{}'::jsonb, ${last!.hash}, ${"1".repeat(64)})`;
    expect(await rejection(skipping)).toBe(SQLSTATE.brokenChain);
  });

  it("rejects a second event 1 for the same case", async () => {
    const caseId = await caseWithHistory();
    const second = sql`
      INSERT INTO events (council_id, case_id, seq, stream_version, type, occurred_at, actor_type, actor_id, payload, prev_hash, hash)
      VALUES (${seed.councilId}, ${caseId}, 1, 1, 'forged', now(), 'system', NULL, '{}'::jsonb, NULL, ${"1".repeat(64)})`;
    expect(await rejection(second)).toBe(SQLSTATE.uniqueViolation);
  });
});

describe("the hash chain", () => {
  it("links every event to the one before it, from a first event with no predecessor", async () => {
    const caseId = await caseWithHistory();
    const events = await listEvents(t.db, { caseId });
    expect(events.map((e) => [e.seq, e.streamVersion, e.type])).toEqual([
      [1, 1, "log"],
      [2, 2, "note"],
      [3, 3, "assign"],
      [4, 4, "note"],
    ]);
    expect(events[0]!.prevHash).toBeNull();
    for (let i = 1; i < events.length; i++) expect(events[i]!.prevHash).toBe(events[i - 1]!.hash);
    for (const event of events) expect(eventHash(event)).toBe(event.hash);
  });

  it("verifies an untouched case", async () => {
    const caseId = await caseWithHistory();
    const events = await listEvents(t.db, { caseId });
    expect(await verifyEventChain(t.db, caseId)).toEqual({
      ok: true,
      events: 4,
      head: events[3]!.hash,
    });
  });

  it.each([
    ["payload", sql`payload = jsonb_set(payload, '{data,text}', '"Customer was happy"')`],
    ["type", sql`type = 'close'`],
    ["occurred_at", sql`occurred_at = occurred_at - interval '1 day'`],
    ["actor", sql`actor_id = 'someone-else'`],
    ["version", sql`stream_version = 3`],
  ])("detects an edited %s and names the event", async (_column, assignment) => {
    const caseId = await caseWithHistory();
    await tamper(sql`UPDATE events SET ${assignment} WHERE case_id = ${caseId} AND seq = 2`);
    const result = await verifyEventChain(t.db, caseId);
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.firstBroken).toMatchObject({ seq: 2, problem: "content-altered" });
  });

  it("detects an edit whose hash was recomputed, at the next event", async () => {
    const caseId = await caseWithHistory();
    const [second] = await listEvents(t.db, { caseId }, { afterVersion: 1 });
    const rewritten = {
      ...second!,
      payload: { type: "note", at: "2026-03-03T10:00:00.000Z", data: { text: "Nothing to see" } },
    };
    await tamper(
      sql`UPDATE events SET payload = ${JSON.stringify(rewritten.payload)}::jsonb, hash = ${eventHash(rewritten)}
          WHERE case_id = ${caseId} AND seq = 2`,
    );
    const result = await verifyEventChain(t.db, caseId);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.firstBroken).toMatchObject({ seq: 3, problem: "broken-link" });
  });

  it("detects a removed event", async () => {
    const caseId = await caseWithHistory();
    await tamper(sql`DELETE FROM events WHERE case_id = ${caseId} AND seq = 3`);
    const result = await verifyEventChain(t.db, caseId);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.firstBroken).toMatchObject({ seq: 3, problem: "missing-event" });
  });

  it("detects events removed from the end, against the case's version", async () => {
    const caseId = await caseWithHistory();
    await tamper(sql`DELETE FROM events WHERE case_id = ${caseId} AND seq = 4`);
    const result = await verifyEventChain(t.db, caseId);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.firstBroken).toMatchObject({ seq: 4, problem: "missing-tail" });
  });

  it("reports only the first broken link when several are broken", async () => {
    const caseId = await caseWithHistory();
    await tamper(
      sql`UPDATE events SET type = 'x' WHERE case_id = ${caseId} AND seq = 4`,
      sql`UPDATE events SET type = 'y' WHERE case_id = ${caseId} AND seq = 2`,
    );
    const result = await verifyEventChain(t.db, caseId);
    if (result.ok) throw new Error("tampering not detected");
    expect(result.firstBroken.seq).toBe(2);
  });

  it("keeps separate chains for separate cases", async () => {
    const a = await caseWithHistory();
    const b = await caseWithHistory();
    await tamper(sql`UPDATE events SET type = 'x' WHERE case_id = ${a} AND seq = 2`);
    expect((await verifyEventChain(t.db, a)).ok).toBe(false);
    expect((await verifyEventChain(t.db, b)).ok).toBe(true);
  });
});
