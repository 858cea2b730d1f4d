import { createDb, migrateToLatest, sealLegacyStreams, verifyAllChains } from "@complaints/db";
import { findPostgresBin, startThrowawayPostgres, type ThrowawayPostgres } from "@complaints/vitest-config/postgres";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadCases, postgresTarget } from "../synth/load.js";
import { rawCasePage } from "./pages.js";

// The hand-written case page is the baseline the API's is measured against (docs/benchmarks.md):
// it must write the read as the API does — a keyed event and the stream's signed head — or the
// ratio flatters the baseline and, worse, the log it leaves does not verify.
describe.skipIf(!findPostgresBin())("the raw case page baseline", () => {
  let server: ThrowawayPostgres;
  beforeAll(async () => {
    server = await startThrowawayPostgres();
    const database = await createDb({ url: server.url, maxConnections: 2 });
    try {
      await migrateToLatest(database.db);
    } finally {
      await database.close();
    }
    const target = await postgresTarget(server.url);
    try {
      await loadCases(target, { seed: 7, now: new Date("2026-06-01T09:00:00Z"), years: 1, councilSize: 100_000, from: 0, to: 12, passwordHash: "not-a-real-hash", workers: 0, batch: 100 });
    } finally {
      await target.close();
    }
  });
  afterAll(() => server?.stop());

  it("records the read as a keyed event with a signed head, so the audit log still verifies", async () => {
    const database = await createDb({ url: server.url, maxConnections: 2 });
    const pool = new pg.Pool({ connectionString: server.url, max: 2 });
    try {
      // As the API does at its first start with the key: streams loaded before it get a head.
      await sealLegacyStreams(database.db, new Date());
      const { rows } = await pool.query<{ id: string; council_id: string; staff_id: string }>(
        "SELECT c.id, c.council_id, (SELECT id FROM staff s WHERE s.council_id = c.council_id LIMIT 1) AS staff_id FROM cases c ORDER BY c.reference LIMIT 1",
      );
      const { id, council_id, staff_id } = rows[0]!;
      const before = await rawCasePage(pool, council_id, id, staff_id);
      const after = await rawCasePage(pool, council_id, id, staff_id);
      expect(after.events).toBe(before.events + 1);
      const verification = await verifyAllChains(database.db);
      expect(verification.failures).toEqual([]);
      expect(verification.ok).toBe(true);
    } finally {
      await pool.end();
      await database.close();
    }
  });
});
