import { createHash } from "node:crypto";
import { defaultProfile } from "@complaints/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDb, type TestDb } from "../test/db.js";
import { createTestCouncil } from "./testing/index.js";
import { publicDraftRepository } from "./public-drafts.js";

// Issue 16, decision 0520: the public form keeps a resident's answers between its pages, found
// by the hash of their cookie's token, for their council only, and never past its expiry.
let t: TestDb;
let councilId: string;
let otherCouncilId: string;
const hash = (token: string) => createHash("sha256").update(token).digest("hex");
const at = (time: string) => new Date(`2026-12-16T${time}:00Z`);

beforeAll(async () => {
  t = await openTestDb();
  councilId = (await createTestCouncil(t.db, { slug: "drafts", name: "Drafts", profile: defaultProfile })).council.id;
  otherCouncilId = (await createTestCouncil(t.db, { slug: "drafts-other", name: "Other", profile: defaultProfile })).council.id;
});
afterAll(() => t?.close());

describe("publicDraftRepository", () => {
  it("keeps the answers under the token's hash, changed in place, and only for the council they were given to", async () => {
    await publicDraftRepository.save(t.db, { councilId, tokenHash: hash("a"), answers: { kind: "complaint" }, now: at("10:00"), expiresAt: at("11:00"), sent: false });
    await publicDraftRepository.save(t.db, { councilId, tokenHash: hash("a"), answers: { kind: "complaint", service: "waste" }, now: at("10:05"), expiresAt: at("11:05"), sent: false });
    expect(await publicDraftRepository.find(t.db, { councilId, tokenHash: hash("a"), now: at("10:06") })).toEqual({ answers: { kind: "complaint", service: "waste" }, sentAt: null });
    expect(await publicDraftRepository.find(t.db, { councilId: otherCouncilId, tokenHash: hash("a"), now: at("10:06") })).toBeUndefined();
    await expect(publicDraftRepository.save(t.db, { councilId: otherCouncilId, tokenHash: hash("a"), answers: {}, now: at("10:07"), expiresAt: at("11:07"), sent: false })).rejects.toThrow(/another council/);
    const stored = await t.db.selectFrom("public_form_drafts").select("token_hash").where("council_id", "=", councilId).execute();
    expect(stored.map((r) => r.token_hash)).toEqual([hash("a")]);
  });

  it("marks a draft sent, and never reads a draft past its expiry, which the next save deletes", async () => {
    await publicDraftRepository.save(t.db, { councilId, tokenHash: hash("b"), answers: { kind: "comment" }, now: at("12:00"), expiresAt: at("13:00"), sent: true });
    expect((await publicDraftRepository.find(t.db, { councilId, tokenHash: hash("b"), now: at("12:59") }))?.sentAt).toEqual(at("12:00"));
    expect(await publicDraftRepository.find(t.db, { councilId, tokenHash: hash("b"), now: at("13:00") })).toBeUndefined();
    await publicDraftRepository.save(t.db, { councilId, tokenHash: hash("c"), answers: {}, now: at("13:00"), expiresAt: at("14:00"), sent: false });
    const left = await t.db.selectFrom("public_form_drafts").select("token_hash").where("council_id", "=", councilId).execute();
    expect(left.map((r) => r.token_hash)).toEqual([hash("c")]);
  });

  it("lets the sweep delete every expired draft, of any council, and nothing else", async () => {
    await publicDraftRepository.save(t.db, { councilId, tokenHash: hash("e"), answers: {}, now: at("15:00"), expiresAt: at("16:00"), sent: false });
    await publicDraftRepository.save(t.db, { councilId: otherCouncilId, tokenHash: hash("f"), answers: {}, now: at("15:00"), expiresAt: at("17:00"), sent: false });
    // (Saving "e" deleted "c", expired at 14:00.) Nobody saves after 16:00: the sweep deletes "e".
    expect(await publicDraftRepository.purgeExpired(t.db, at("16:30"))).toBe(1);
    expect((await t.db.selectFrom("public_form_drafts").select("token_hash").execute()).map((r) => r.token_hash)).toEqual([hash("f")]);
  });

  it("refuses a token that is not a SHA-256, and an expiry that is not after the save", async () => {
    await expect(publicDraftRepository.find(t.db, { councilId, tokenHash: "plain-token", now: at("10:00") })).rejects.toThrow(/SHA-256/);
    await expect(publicDraftRepository.save(t.db, { councilId, tokenHash: hash("d"), answers: {}, now: at("10:00"), expiresAt: at("10:00"), sent: false })).rejects.toThrow(/expire after/);
  });
});
