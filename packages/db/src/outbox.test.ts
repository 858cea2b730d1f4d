import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDb, type TestDb } from "../test/db.js";
import {
  logToyCase,
  seedCouncil,
  staffActor,
  toyProjection,
  toyTransition,
  type Seed,
  type ToyState,
} from "../test/fixtures.js";
import { applyCommand } from "./cases.js";
import { outboxRepository } from "./outbox.js";

let t: TestDb;
let seed: Seed;

beforeAll(async () => {
  t = await openTestDb();
  seed = await seedCouncil(t.db);
});
afterAll(() => t?.close());

const T0 = new Date("2026-03-02T09:00:00Z");
const later = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
const message = (
  n: number,
  extra: Partial<Parameters<typeof outboxRepository.enqueue>[1][number]> = {},
) => ({
  councilId: seed.councilId,
  kind: "email",
  recipient: { email: `person${n}@example.org` },
  payload: { n },
  availableAt: T0,
  ...extra,
});

async function pending(): Promise<number[]> {
  const rows = await t.db
    .selectFrom("notifications_outbox")
    .select("id")
    .where("council_id", "=", seed.councilId)
    .where("sent_at", "is", null)
    .where("failed_at", "is", null)
    .execute();
  return rows.map((r) => r.id);
}

async function drain() {
  // Leave the queue empty for the next test: send everything that is due.
  for (;;) {
    const batch = await outboxRepository.claim(t.db, {
      worker: "drain",
      limit: 100,
      leaseMs: 1,
      now: later(10_000),
    });
    if (!batch.length) return;
    for (const m of batch) await outboxRepository.markSent(t.db, m.id, "drain", new Date());
  }
}

describe("the notifications outbox", () => {
  it("queues a message once per dedupe key", async () => {
    const first = await outboxRepository.enqueue(t.db, [
      message(1, { dedupeKey: "ack-letter:case-1" }),
    ]);
    const again = await outboxRepository.enqueue(t.db, [
      message(1, { dedupeKey: "ack-letter:case-1" }),
    ]);
    expect(first).toHaveLength(1);
    expect(again).toEqual([]);
    await drain();
  });

  it("gives each due message to exactly one of several workers claiming at once", async () => {
    const ids = await outboxRepository.enqueue(
      t.db,
      Array.from({ length: 30 }, (_, i) => message(i)),
    );
    const claims = await Promise.all(
      ["a", "b", "c", "d"].map((worker) =>
        outboxRepository.claim(t.db, { worker, limit: 10, leaseMs: 60_000, now: later(1) }),
      ),
    );
    const claimed = claims.flat().map((m) => m.id);
    expect(claimed.length).toBe(30);
    expect(new Set(claimed).size).toBe(30);
    expect([...claimed].sort((a, b) => a - b)).toEqual(ids);
    expect(claims.flat().every((m) => m.attempts === 1)).toBe(true);
    await drain();
  });

  it("does not hand out messages before they are due", async () => {
    const [id] = await outboxRepository.enqueue(t.db, [message(1, { availableAt: later(3600) })]);
    expect(
      await outboxRepository.claim(t.db, { worker: "a", limit: 10, leaseMs: 1000, now: later(60) }),
    ).toEqual([]);
    expect(
      (
        await outboxRepository.claim(t.db, {
          worker: "a",
          limit: 10,
          leaseMs: 1000,
          now: later(3600),
        })
      ).map((m) => m.id),
    ).toEqual([id]);
    await drain();
  });

  it("hands a message to another worker when the first one's lease runs out", async () => {
    const [id] = await outboxRepository.enqueue(t.db, [message(1)]);
    expect(
      (
        await outboxRepository.claim(t.db, {
          worker: "slow",
          limit: 1,
          leaseMs: 30_000,
          now: later(1),
        })
      ).map((m) => m.id),
    ).toEqual([id]);
    expect(
      await outboxRepository.claim(t.db, {
        worker: "fast",
        limit: 1,
        leaseMs: 30_000,
        now: later(20),
      }),
    ).toEqual([]);
    const [reclaimed] = await outboxRepository.claim(t.db, {
      worker: "fast",
      limit: 1,
      leaseMs: 30_000,
      now: later(31),
    });
    expect([reclaimed?.id, reclaimed?.attempts, reclaimed?.locked_by]).toEqual([id, 2, "fast"]);
    expect(await outboxRepository.markSent(t.db, id!, "slow", new Date())).toBe(false);
    expect(await outboxRepository.markSent(t.db, id!, "fast", new Date())).toBe(true);
    expect(await pending()).toEqual([]);
  });

  it("retries a failed message until its attempts run out, then sets it aside", async () => {
    const [id] = await outboxRepository.enqueue(t.db, [message(1, { maxAttempts: 2 })]);
    await outboxRepository.claim(t.db, { worker: "w", limit: 1, leaseMs: 1000, now: later(1) });
    expect(
      await outboxRepository.markFailed(t.db, id!, "w", "SMTP 451", {
        retryAt: later(60),
        at: later(2),
      }),
    ).toBe("retry");
    expect(
      await outboxRepository.claim(t.db, { worker: "w", limit: 1, leaseMs: 1000, now: later(30) }),
    ).toEqual([]);
    await outboxRepository.claim(t.db, { worker: "w", limit: 1, leaseMs: 1000, now: later(61) });
    expect(
      await outboxRepository.markFailed(t.db, id!, "w", "SMTP 550 mailbox unavailable", {
        at: later(62),
      }),
    ).toBe("failed");
    expect(
      await outboxRepository.claim(t.db, {
        worker: "w",
        limit: 1,
        leaseMs: 1000,
        now: later(3600),
      }),
    ).toEqual([]);
    expect(
      (await outboxRepository.listFailed(t.db, seed.councilId)).map((m) => [
        m.id,
        m.attempts,
        m.last_error,
      ]),
    ).toEqual([[id, 2, "SMTP 550 mailbox unavailable"]]);
  });

  it("queues messages in the command's transaction: only if the command commits", async () => {
    const logged = await logToyCase(t.db, seed);
    const command = (expectedVersion: number, fail: boolean) =>
      applyCommand(t.db, { at: new Date(),
        caseId: logged.caseId,
        expectedVersion,
        actor: staffActor(seed.officer.id),
        transition: (state: ToyState) => toyTransition(state, { type: "note", text: "x" }),
        project: toyProjection,
        also: async (trx, applied) => {
          await outboxRepository.enqueue(trx, [
            {
              councilId: seed.councilId,
              caseId: applied.caseId,
              kind: "email",
              recipient: {},
              payload: { version: applied.version },
            },
          ]);
          if (fail) throw new Error("letter rendering failed");
        },
      });
    await expect(command(1, true)).rejects.toThrow("letter rendering failed");
    const ok = await command(1, false);
    expect(ok.ok).toBe(true);
    const queued = await t.db
      .selectFrom("notifications_outbox")
      .select("payload")
      .where("case_id", "=", logged.caseId)
      .execute();
    expect(queued.map((q) => q.payload)).toEqual([{ version: 2 }]);
  });
});
