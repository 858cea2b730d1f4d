import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDb, type TestDb } from "../test/db.js";
import { logToyCase, seedCouncil, toyCommand, type Seed } from "../test/fixtures.js";
import { IdempotencyKeyReusedError } from "./errors.js";
import { runIdempotently } from "./idempotency.js";

let t: TestDb;
let seed: Seed;

beforeAll(async () => {
  t = await openTestDb();
  seed = await seedCouncil(t.db);
});
afterAll(() => t?.close());

describe("runIdempotently", () => {
  it("runs a retried command once and answers the retry with the first result", async () => {
    const logged = await logToyCase(t.db, seed);
    const request = { caseId: logged.caseId, expectedVersion: 1, note: "Customer called" };
    const escalate = () =>
      runIdempotently(
        t.db,
        { councilId: seed.councilId, scope: "case-command", key: "retry-1", request },
        async (trx) => {
          const result = await toyCommand(trx, seed, logged.caseId, 1, {
            type: "note",
            text: request.note,
          });
          return result.ok ? { version: result.version } : { refused: true };
        },
      );
    const first = await escalate();
    const retry = await escalate();
    expect(first).toEqual({ replayed: false, value: { version: 2 } });
    expect(retry).toEqual({ replayed: true, value: { version: 2 } });
  });

  it("runs the work once for ten concurrent identical requests", async () => {
    let runs = 0;
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        runIdempotently(
          t.db,
          { councilId: seed.councilId, scope: "s", key: "concurrent", request: { a: 1 } },
          async () => {
            runs += 1;
            return { n: runs };
          },
        ),
      ),
    );
    expect(runs).toBe(1);
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
    expect(new Set(results.map((r) => JSON.stringify(r.value)))).toEqual(new Set(['{"n":1}']));
  });

  it("refuses a key reused for a different request, and frees a key whose work failed", async () => {
    const id = { councilId: seed.councilId, scope: "s", key: "k", request: { a: 1 } };
    await expect(
      runIdempotently(t.db, id, async () => Promise.reject(new Error("boom"))),
    ).rejects.toThrow("boom");
    expect(await runIdempotently(t.db, id, async () => "done")).toEqual({
      replayed: false,
      value: "done",
    });
    await expect(
      runIdempotently(t.db, { ...id, request: { a: 2 } }, async () => "other"),
    ).rejects.toThrow(IdempotencyKeyReusedError);
  });
});
