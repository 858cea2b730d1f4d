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
