import { createHash } from "node:crypto";
import { defaultProfile } from "@complaints/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDb, type TestDb } from "../test/db.js";
import { createTestCouncil } from "./testing/index.js";
import { satisfactionRepository } from "./satisfaction.js";

// Issue 15, decision 0516: a survey link answers once, even sent twice at the same moment;
// it stops working when it expires; only the token's hash is stored; the answers keep only
// what they are reported by (the month of closure, not the day).
let t: TestDb;
let councilId: string;
const hash = (token: string) => createHash("sha256").update(token).digest("hex");
const invitation = (token: string, expiresOn = "2026-04-30") => ({ tokenHash: hash(token), councilId, serviceId: null, directorateId: null, stageId: "stage-1", stageLabel: "Stage 1", closedOn: "2026-03-17", expiresOn });

beforeAll(async () => {
  t = await openTestDb();
  councilId = (await createTestCouncil(t.db, { slug: "survey-store", name: "Survey", profile: defaultProfile })).council.id;
});
afterAll(() => t?.close());

describe("satisfactionRepository", () => {
  it("stores one set of answers for a link sent twice at once, keeping the month of closure only", async () => {
    await satisfactionRepository.invite(t.db, invitation("twice"));
    const sent = await Promise.all([1, 2].map(() => satisfactionRepository.answer(t.db, { councilId, tokenHash: hash("twice"), today: "2026-03-20", answers: { handling: "neither" } })));
    expect(sent.sort()).toEqual([false, true]);
    const rows = await t.db.selectFrom("satisfaction_answers").selectAll().where("council_id", "=", councilId).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.closed_month).toBe("2026-03-01");
    expect(await satisfactionRepository.findOpen(t.db, councilId, hash("twice"), "2026-03-20")).toBeUndefined();
  });

  it("opens a link until its date and not after; the sweep's purge removes it", async () => {
    await satisfactionRepository.invite(t.db, invitation("expiring", "2026-04-01"));
    expect(await satisfactionRepository.findOpen(t.db, councilId, hash("expiring"), "2026-04-01")).toEqual({ stageLabel: "Stage 1", expiresOn: "2026-04-01" });
    expect(await satisfactionRepository.findOpen(t.db, councilId, hash("expiring"), "2026-04-02")).toBeUndefined();
    expect(await satisfactionRepository.answer(t.db, { councilId, tokenHash: hash("expiring"), today: "2026-04-02", answers: { handling: "neither" } })).toBe(false);
    expect(await satisfactionRepository.purgeExpired(t.db, "2026-04-02")).toBe(1);
  });

  it("refuses to store anything but a hash", async () => {
    await expect(satisfactionRepository.invite(t.db, { ...invitation("x"), tokenHash: "the-token-itself" })).rejects.toThrow(/SHA-256/);
  });
});
