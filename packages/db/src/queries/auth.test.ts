import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDb, type TestDb } from "../../test/db.js";
import { seedCouncil, type Seed } from "../../test/fixtures.js";
import { authQueries } from "./auth.js";

let t: TestDb;
let seed: Seed;

beforeAll(async () => {
  t = await openTestDb();
  seed = await seedCouncil(t.db);
});
afterAll(() => t?.close());

const T0 = new Date("2026-03-02T09:00:00Z");
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

describe("the session behind a request, with its staff member, in one query", () => {
  it("gives the session and the same identity and grants as looking the staff member up", async () => {
    await authQueries.insertSession(t.db, { id: "a".repeat(64), councilId: seed.council.id, staffId: seed.officer.id, createdAt: T0, lastSeenAt: T0, expiresAt: at(30), ip: null, userAgent: null });
    const found = await authQueries.findLiveSessionWithStaff(t.db, "a".repeat(64), at(10));
    expect(found?.session).toEqual({ id: "a".repeat(64), councilId: seed.council.id, staffId: seed.officer.id, createdAt: T0, lastSeenAt: T0, expiresAt: at(30) });
    expect(found?.staff).toEqual(await authQueries.findStaffById(t.db, seed.officer.id));
    expect(found?.staff.grants).toEqual([{ role: "investigating-officer", directorateId: seed.directorates.housing }]);
  });

  it("gives nothing for an expired, revoked or unknown session", async () => {
    await authQueries.insertSession(t.db, { id: "b".repeat(64), councilId: seed.council.id, staffId: seed.officer.id, createdAt: T0, lastSeenAt: T0, expiresAt: at(30), ip: null, userAgent: null });
    expect(await authQueries.findLiveSessionWithStaff(t.db, "b".repeat(64), at(31))).toBeUndefined();
    await authQueries.revokeSession(t.db, "b".repeat(64), at(5));
    expect(await authQueries.findLiveSessionWithStaff(t.db, "b".repeat(64), at(10))).toBeUndefined();
    expect(await authQueries.findLiveSessionWithStaff(t.db, "c".repeat(64), at(10))).toBeUndefined();
  });

  it("gives a staff member with no roles an empty list of grants", async () => {
    const manager = await authQueries.findStaffById(t.db, seed.manager.id);
    await authQueries.replaceGrants(t.db, seed.council.id, seed.manager.id, [], T0);
    await authQueries.insertSession(t.db, { id: "d".repeat(64), councilId: seed.council.id, staffId: seed.manager.id, createdAt: T0, lastSeenAt: T0, expiresAt: at(30), ip: null, userAgent: null });
    expect((await authQueries.findLiveSessionWithStaff(t.db, "d".repeat(64), at(1)))?.staff.grants).toEqual([]);
    await authQueries.replaceGrants(t.db, seed.council.id, seed.manager.id, manager!.grants, T0);
  });
});

describe("sessions", () => {
  const session = (id: string, staffId = seed.officer.id) => ({ id, councilId: seed.council.id, staffId, createdAt: T0, lastSeenAt: T0, expiresAt: at(30), ip: null, userAgent: null });

  it("end when they expire, unless use slides the expiry", async () => {
    await authQueries.insertSession(t.db, session("e".repeat(64)));
    await authQueries.touchSession(t.db, "e".repeat(64), at(25), at(55));
    expect(await authQueries.findLiveSession(t.db, "e".repeat(64), at(50))).toMatchObject({ lastSeenAt: at(25), expiresAt: at(55) });
    expect(await authQueries.findLiveSession(t.db, "e".repeat(64), at(56))).toBeUndefined();
  });

  it("end when revoked, one at a time or all of a staff member's", async () => {
    await authQueries.revokeStaffSessions(t.db, seed.manager.id, T0); // the earlier tests' sessions
    for (const id of ["1", "2", "3"]) await authQueries.insertSession(t.db, session(id.repeat(64), seed.manager.id));
    await authQueries.revokeSession(t.db, "1".repeat(64), at(1));
    expect(await authQueries.findLiveSession(t.db, "1".repeat(64), at(2))).toBeUndefined();
    expect(await authQueries.findLiveSession(t.db, "2".repeat(64), at(2))).toBeDefined();
    expect(await authQueries.revokeStaffSessions(t.db, seed.manager.id, at(3))).toBe(2);
    expect(await authQueries.findLiveSession(t.db, "3".repeat(64), at(4))).toBeUndefined();
  });
});

describe("API keys", () => {
  const key = (keyHash: string, expiresAt: Date | null = null) => ({ councilId: seed.council.id, name: `key ${keyHash.slice(0, 1)}`, prefix: keyHash.slice(0, 12), keyHash, scopes: ["cases:read"], createdBy: seed.manager.id, createdAt: T0, expiresAt });

  it("are found by the hash of their secret, with their scopes, and record their use", async () => {
    const created = await authQueries.insertApiKey(t.db, key("f".repeat(64)));
    expect(created).not.toHaveProperty("keyHash");
    expect(await authQueries.findLiveApiKey(t.db, "f".repeat(64), at(5))).toMatchObject({ id: created.id, scopes: ["cases:read"], lastUsedAt: null });
    await authQueries.touchApiKey(t.db, created.id, at(5));
    expect((await authQueries.listApiKeys(t.db, seed.council.id)).find((k) => k.id === created.id)?.lastUsedAt).toEqual(at(5));
    expect(await authQueries.findLiveApiKey(t.db, "0".repeat(64), at(5))).toBeUndefined();
  });

  it("stop working when revoked (in their own council only) or expired", async () => {
    const revoked = await authQueries.insertApiKey(t.db, key("9".repeat(64)));
    expect(await authQueries.revokeApiKey(t.db, "00000000-0000-4000-8000-000000000000", revoked.id, at(1))).toBe(false);
    expect(await authQueries.revokeApiKey(t.db, seed.council.id, revoked.id, at(1))).toBe(true);
    expect(await authQueries.revokeApiKey(t.db, seed.council.id, revoked.id, at(2))).toBe(false);
    expect(await authQueries.findLiveApiKey(t.db, "9".repeat(64), at(3))).toBeUndefined();
    await authQueries.insertApiKey(t.db, key("8".repeat(64), at(60)));
    expect(await authQueries.findLiveApiKey(t.db, "8".repeat(64), at(59))).toBeDefined();
    expect(await authQueries.findLiveApiKey(t.db, "8".repeat(64), at(60))).toBeUndefined();
  });
});
