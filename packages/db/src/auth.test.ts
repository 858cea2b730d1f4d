import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDb, sqlState, type TestDb } from "../test/db.js";
import { seedCouncil, type Seed } from "../test/fixtures.js";
import { SQLSTATE } from "./errors.js";
import { authRepository } from "./auth.js";

let t: TestDb;
let seed: Seed;
let other: Seed;

beforeAll(async () => {
  t = await openTestDb();
  seed = await seedCouncil(t.db);
  other = await seedCouncil(t.db);
});
afterAll(() => t?.close());

const T0 = new Date("2026-03-02T09:00:00Z");
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);
const failure = (promise: Promise<unknown>) => promise.then(() => "no error", sqlState);

describe("staff", () => {
  it("have one account per email in a council, whatever the letter case", async () => {
    const twin = { councilId: seed.councilId, email: seed.officer.email.toUpperCase(), displayName: "Twin", grants: [] };
    expect(await failure(authRepository.insertStaff(t.db, twin, T0))).toBe(SQLSTATE.uniqueViolation);
    const elsewhere = await authRepository.insertStaff(t.db, { ...twin, councilId: other.councilId, displayName: "Namesake" }, T0);
    expect((await authRepository.findStaffByEmail(t.db, ` ${seed.officer.email.toUpperCase()} `, seed.councilId)).map((s) => s.id)).toEqual([seed.officer.id]);
    expect((await authRepository.findStaffByEmail(t.db, seed.officer.email)).map((s) => s.id).sort()).toEqual([seed.officer.id, elsewhere].sort());
  });

  it("sign in with a local password hash or an OIDC subject, each unique", async () => {
    const staff = { councilId: seed.councilId, email: "sso@example.gov.uk", displayName: "Sam SSO", passwordHash: "scrypt$16384$8$1$c2FsdA$aGFzaA", grants: [] };
    const id = await authRepository.insertStaff(t.db, staff, T0);
    await authRepository.linkOidcIdentity(t.db, id, "https://login.example.gov.uk", "abc-123", T0);
    expect(await authRepository.findStaffByOidc(t.db, "https://login.example.gov.uk", "abc-123")).toMatchObject({ id, passwordHash: staff.passwordHash, passwordMustChange: false });
    const copy = await authRepository.insertStaff(t.db, { ...staff, email: "sso2@example.gov.uk" }, T0);
    expect(await failure(authRepository.linkOidcIdentity(t.db, copy, "https://login.example.gov.uk", "abc-123", T0))).toBe(SQLSTATE.uniqueViolation);
  });

  it("hold roles council-wide or per directorate of their own council only", async () => {
    const housing = { role: "investigating-officer", directorateId: seed.directorates.housing };
    expect(seed.officer.grants).toEqual([housing]);
    await authRepository.replaceGrants(t.db, seed.councilId, seed.officer.id, [housing, { role: "quality-assurance", directorateId: null }], T0);
    expect((await authRepository.findStaffById(t.db, seed.officer.id))?.grants).toEqual([housing, { role: "quality-assurance", directorateId: null }]);
    const theirs = [{ role: "director", directorateId: other.directorates.housing }];
    expect(await failure(authRepository.replaceGrants(t.db, seed.councilId, seed.officer.id, theirs, T0))).toBe(SQLSTATE.foreignKeyViolation);
    await authRepository.replaceGrants(t.db, seed.councilId, seed.officer.id, [housing], T0);
  });
});

describe("the session behind a request, with its staff member, in one query", () => {
  it("gives the session and the same identity and grants as looking the staff member up", async () => {
    await authRepository.insertSession(t.db, { id: "a".repeat(64), councilId: seed.council.id, staffId: seed.officer.id, createdAt: T0, lastSeenAt: T0, expiresAt: at(30), ip: null, userAgent: null });
    const found = await authRepository.findLiveSessionWithStaff(t.db, "a".repeat(64), at(10));
    expect(found?.session).toEqual({ id: "a".repeat(64), councilId: seed.council.id, staffId: seed.officer.id, createdAt: T0, lastSeenAt: T0, expiresAt: at(30) });
    expect(found?.staff).toEqual(await authRepository.findStaffById(t.db, seed.officer.id));
    expect(found?.staff.grants).toEqual([{ role: "investigating-officer", directorateId: seed.directorates.housing }]);
  });

  it("gives nothing for an expired, revoked or unknown session", async () => {
    await authRepository.insertSession(t.db, { id: "b".repeat(64), councilId: seed.council.id, staffId: seed.officer.id, createdAt: T0, lastSeenAt: T0, expiresAt: at(30), ip: null, userAgent: null });
    expect(await authRepository.findLiveSessionWithStaff(t.db, "b".repeat(64), at(31))).toBeUndefined();
    await authRepository.revokeSession(t.db, "b".repeat(64), at(5));
    expect(await authRepository.findLiveSessionWithStaff(t.db, "b".repeat(64), at(10))).toBeUndefined();
    expect(await authRepository.findLiveSessionWithStaff(t.db, "c".repeat(64), at(10))).toBeUndefined();
  });

  it("gives a staff member with no roles an empty list of grants", async () => {
    const manager = await authRepository.findStaffById(t.db, seed.manager.id);
    await authRepository.replaceGrants(t.db, seed.council.id, seed.manager.id, [], T0);
    await authRepository.insertSession(t.db, { id: "d".repeat(64), councilId: seed.council.id, staffId: seed.manager.id, createdAt: T0, lastSeenAt: T0, expiresAt: at(30), ip: null, userAgent: null });
    expect((await authRepository.findLiveSessionWithStaff(t.db, "d".repeat(64), at(1)))?.staff.grants).toEqual([]);
    await authRepository.replaceGrants(t.db, seed.council.id, seed.manager.id, manager!.grants, T0);
  });
});

describe("sessions", () => {
  const session = (id: string, staffId = seed.officer.id) => ({ id, councilId: seed.council.id, staffId, createdAt: T0, lastSeenAt: T0, expiresAt: at(30), ip: null, userAgent: null });

  it("end when they expire, unless use slides the expiry", async () => {
    await authRepository.insertSession(t.db, session("e".repeat(64)));
    await authRepository.touchSession(t.db, "e".repeat(64), at(25), at(55));
    expect(await authRepository.findLiveSession(t.db, "e".repeat(64), at(50))).toMatchObject({ lastSeenAt: at(25), expiresAt: at(55) });
    expect(await authRepository.findLiveSession(t.db, "e".repeat(64), at(56))).toBeUndefined();
  });

  it("end when revoked, one at a time or all of a staff member's", async () => {
    await authRepository.revokeStaffSessions(t.db, seed.manager.id, T0); // the earlier tests' sessions
    for (const id of ["1", "2", "3"]) await authRepository.insertSession(t.db, session(id.repeat(64), seed.manager.id));
    await authRepository.revokeSession(t.db, "1".repeat(64), at(1));
    expect(await authRepository.findLiveSession(t.db, "1".repeat(64), at(2))).toBeUndefined();
    expect(await authRepository.findLiveSession(t.db, "2".repeat(64), at(2))).toBeDefined();
    expect(await authRepository.revokeStaffSessions(t.db, seed.manager.id, at(3))).toBe(2);
    expect(await authRepository.findLiveSession(t.db, "3".repeat(64), at(4))).toBeUndefined();
  });
});

describe("API keys", () => {
  const key = (keyHash: string, expiresAt: Date | null = null) => ({ councilId: seed.council.id, name: `key ${keyHash.slice(0, 1)}`, prefix: keyHash.slice(0, 12), keyHash, scopes: ["cases:read"], createdBy: seed.manager.id, createdAt: T0, expiresAt });

  it("are found by the hash of their secret, with their scopes, and record their use", async () => {
    const created = await authRepository.insertApiKey(t.db, key("f".repeat(64)));
    expect(created).not.toHaveProperty("keyHash");
    expect(await authRepository.findLiveApiKey(t.db, "f".repeat(64), at(5))).toMatchObject({ id: created.id, scopes: ["cases:read"], lastUsedAt: null });
    await authRepository.touchApiKey(t.db, created.id, at(5));
    expect((await authRepository.listApiKeys(t.db, seed.council.id)).find((k) => k.id === created.id)?.lastUsedAt).toEqual(at(5));
    expect(await authRepository.findLiveApiKey(t.db, "0".repeat(64), at(5))).toBeUndefined();
  });

  it("stop working when revoked (in their own council only) or expired", async () => {
    const revoked = await authRepository.insertApiKey(t.db, key("9".repeat(64)));
    expect(await authRepository.revokeApiKey(t.db, "00000000-0000-4000-8000-000000000000", revoked.id, at(1))).toBe(false);
    expect(await authRepository.revokeApiKey(t.db, seed.council.id, revoked.id, at(1))).toBe(true);
    expect(await authRepository.revokeApiKey(t.db, seed.council.id, revoked.id, at(2))).toBe(false);
    expect(await authRepository.findLiveApiKey(t.db, "9".repeat(64), at(3))).toBeUndefined();
    await authRepository.insertApiKey(t.db, key("8".repeat(64), at(60)));
    expect(await authRepository.findLiveApiKey(t.db, "8".repeat(64), at(59))).toBeDefined();
    expect(await authRepository.findLiveApiKey(t.db, "8".repeat(64), at(60))).toBeUndefined();
  });
});
