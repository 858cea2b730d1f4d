/**
 * Migration 20261209163210 (issue 15, decision 0321): a conduct letter queued with no case
 * before conduct letters were filed on one waited for ever (nobody could issue it, no queue
 * showed it). It is filed on the customer's latest case, by the date received, still waiting.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDb, type TestDb } from "../test/db.js";
import { logToyCase, seedCouncil, type Seed } from "../test/fixtures.js";
import { up } from "./migrations/20261209163210_conduct_letters_on_a_case.js";
import { notificationRepository } from "./notifications.js";

let t: TestDb;
let seed: Seed;
beforeAll(async () => {
  t = await openTestDb();
  seed = await seedCouncil(t.db);
});
afterAll(() => t?.close());

describe("conduct letters queued with no case", () => {
  it("are filed on the customer's latest case, still waiting, and nothing else moves", async () => {
    const older = await logToyCase(t.db, seed, { customer: { fullName: "Lee Legacy", email: "lee@example.com" }, receivedAt: new Date("2026-01-05T09:00:00Z") });
    const customerId = (await t.db.selectFrom("cases").select("customer_id").where("id", "=", older.caseId).executeTakeFirstOrThrow()).customer_id!;
    const latest = await logToyCase(t.db, seed, { customer: { id: customerId }, receivedAt: new Date("2026-02-05T09:00:00Z") });
    // The toy cases' projection dates every case alike: date them as received, a month apart.
    await t.db.updateTable("cases").set({ received_at: new Date("2026-01-05T09:00:00Z") }).where("id", "=", older.caseId).execute();
    await t.db.updateTable("cases").set({ received_at: new Date("2026-02-05T09:00:00Z") }).where("id", "=", latest.caseId).execute();
    const [legacy, sent] = await notificationRepository.enqueue(
      t.db,
      [
        { councilId: seed.councilId, caseId: null, kind: "letter", recipient: { party: "customer" }, payload: { letter: "conduct-warning", customerId, conductVersion: 2 }, dedupeKey: `conduct:${customerId}:2:0` },
        { councilId: seed.councilId, caseId: null, kind: "letter", recipient: { party: "customer" }, payload: { letter: "conduct-review", customerId, conductVersion: 4 }, dedupeKey: `conduct:${customerId}:4:0` },
      ],
      new Date("2026-02-06T09:00:00Z"),
    );
    await notificationRepository.markDone(t.db, { id: sent!, councilId: seed.councilId, at: new Date("2026-02-07T09:00:00Z") });

    await up(t.db);

    const { reference } = await t.db.selectFrom("cases").select("reference").where("id", "=", latest.caseId).executeTakeFirstOrThrow();
    const rows = await t.db.selectFrom("notifications_outbox").select(["id", "case_id", "payload", "sent_at"]).where("id", "in", [legacy!, sent!]).orderBy("id").execute();
    expect(rows).toEqual([
      { id: legacy, case_id: latest.caseId, payload: { letter: "conduct-warning", customerId, conductVersion: 2, stageId: null, to: "customer", reference }, sent_at: null },
      { id: sent, case_id: null, payload: { letter: "conduct-review", customerId, conductVersion: 4 }, sent_at: expect.any(Date) },
    ]);
  });
});
