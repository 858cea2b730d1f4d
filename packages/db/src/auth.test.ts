import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDb, type TestDb } from "../test/db.js";
import { seedCouncil, type Seed } from "../test/fixtures.js";
import { apiKeyRepository, loginFailureRepository, sessionRepository } from "./auth.js";
import { sha256Hex } from "./canonical.js";
import { staffRepository } from "./organisation.js";

let t: TestDb;
let seed: Seed;

beforeAll(async () => {
  t = await openTestDb();
  seed = await seedCouncil(t.db);
});
afterAll(() => t?.close());

const T0 = new Date("2026-03-02T09:00:00Z");
const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);

describe("sessions", () => {
  it("store only the hash of the token and find the staff member by the token", async () => {
    const { token, session } = await sessionRepository.createSession(t.db, {
      staffId: seed.officer.id,
      ttlMs: 30 * 60_000,
      now: T0,
      ip: "192.0.2.1",
    });
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(session.id).toBe(sha256Hex(token));
    const found = await sessionRepository.findSession(t.db, token, { now: minutes(10) });
    expect(found?.staff.id).toBe(seed.officer.id);
    expect(found?.session.last_seen_at).toEqual(minutes(10));
    expect(
      await sessionRepository.findSession(t.db, session.id, { now: minutes(10) }),
    ).toBeUndefined();
  });

  it("end when they expire, unless use slides the expiry", async () => {
    const { token } = await sessionRepository.createSession(t.db, {
      staffId: seed.officer.id,
      ttlMs: 30 * 60_000,
      now: T0,
    });
    expect(await sessionRepository.findSession(t.db, token, { now: minutes(31) })).toBeUndefined();
    const sliding = await sessionRepository.createSession(t.db, {
      staffId: seed.officer.id,
      ttlMs: 30 * 60_000,
      now: T0,
    });
    expect(
      await sessionRepository.findSession(t.db, sliding.token, {
        now: minutes(25),
        slideMs: 30 * 60_000,
      }),
    ).toBeDefined();
    expect(
      await sessionRepository.findSession(t.db, sliding.token, { now: minutes(50) }),
    ).toBeDefined();
    expect(
      await sessionRepository.findSession(t.db, sliding.token, { now: minutes(56) }),
    ).toBeUndefined();
  });

  it("end when revoked, one at a time or all of a staff member's, and when the staff member is deactivated", async () => {
    const one = await sessionRepository.createSession(t.db, {
      staffId: seed.manager.id,
      ttlMs: 60 * 60_000,
      now: T0,
    });
    const two = await sessionRepository.createSession(t.db, {
      staffId: seed.manager.id,
      ttlMs: 60 * 60_000,
      now: T0,
    });
    const three = await sessionRepository.createSession(t.db, {
      staffId: seed.manager.id,
      ttlMs: 60 * 60_000,
      now: T0,
    });
    await sessionRepository.revokeSession(t.db, one.token);
    expect(
      await sessionRepository.findSession(t.db, one.token, { now: minutes(1) }),
    ).toBeUndefined();
    expect(await sessionRepository.findSession(t.db, two.token, { now: minutes(1) })).toBeDefined();
    await staffRepository.updateStaff(t.db, seed.manager.id, { active: false });
    expect(
      await sessionRepository.findSession(t.db, two.token, { now: minutes(1) }),
    ).toBeUndefined();
    await staffRepository.updateStaff(t.db, seed.manager.id, { active: true });
    expect(await sessionRepository.revokeStaffSessions(t.db, seed.manager.id)).toBe(2);
    expect(
      await sessionRepository.findSession(t.db, three.token, { now: minutes(1) }),
    ).toBeUndefined();
  });
});

describe("API keys", () => {
  it("are shown once, stored as a hash, and verified with their scopes", async () => {
    const { key, apiKey } = await apiKeyRepository.createApiKey(t.db, {
      councilId: seed.councilId,
      name: "CRM integration",
      scopes: ["cases:read", "cases:log"],
      createdBy: seed.manager.id,
      now: T0,
    });
    expect(key).toMatch(/^cmpk_[A-Za-z0-9]{12}_[A-Za-z0-9_-]{43}$/);
    expect(key.startsWith(`cmpk_${apiKey.prefix}_`)).toBe(true);
    expect(apiKey).not.toHaveProperty("key_hash");
    const stored = await t.db
      .selectFrom("api_keys")
      .select("key_hash")
      .where("id", "=", apiKey.id)
      .executeTakeFirstOrThrow();
    expect(stored.key_hash).toBe(sha256Hex(key));
    expect(await apiKeyRepository.verifyApiKey(t.db, key, minutes(5))).toMatchObject({
      id: apiKey.id,
      scopes: ["cases:read", "cases:log"],
      last_used_at: minutes(5),
    });
    expect(
      await apiKeyRepository.verifyApiKey(t.db, `${key.slice(0, -1)}x`, minutes(5)),
    ).toBeUndefined();
    expect(await apiKeyRepository.verifyApiKey(t.db, "not a key", minutes(5))).toBeUndefined();
    expect((await apiKeyRepository.listApiKeys(t.db, seed.councilId)).map((k) => k.name)).toContain(
      "CRM integration",
    );
  });

  it("stop working when revoked or expired", async () => {
    const revoked = await apiKeyRepository.createApiKey(t.db, {
      councilId: seed.councilId,
      name: "old",
      scopes: [],
    });
    await apiKeyRepository.revokeApiKey(t.db, revoked.apiKey.id);
    expect(await apiKeyRepository.verifyApiKey(t.db, revoked.key)).toBeUndefined();
    const expiring = await apiKeyRepository.createApiKey(t.db, {
      councilId: seed.councilId,
      name: "temp",
      scopes: [],
      expiresAt: minutes(60),
      now: T0,
    });
    expect(await apiKeyRepository.verifyApiKey(t.db, expiring.key, minutes(59))).toBeDefined();
    expect(await apiKeyRepository.verifyApiKey(t.db, expiring.key, minutes(60))).toBeUndefined();
  });
});

describe("login failures", () => {
  it("are counted per account across councils, and per client address, within a window, until cleared", async () => {
    const key = { key: "Someone@Example.gov.uk" };
    for (let i = 0; i < 5; i++)
      await loginFailureRepository.recordLoginFailure(t.db, {
        ...key,
        // Naming a council, or not, counts against the same account (issue 20, finding 5).
        councilId: i % 2 === 0 ? seed.councilId : null,
        at: minutes(i),
        ip: "192.0.2.9",
      });
    await loginFailureRepository.recordLoginFailure(t.db, {
      key: "other@example.gov.uk",
      at: minutes(1),
      ip: "192.0.2.9",
    });
    expect(
      await loginFailureRepository.countLoginFailures(t.db, {
        key: "someone@example.gov.uk",
        since: minutes(-15),
      }),
    ).toBe(5);
    expect(
      await loginFailureRepository.countLoginFailures(t.db, { ...key, since: minutes(2) }),
    ).toBe(2);
    expect(
      (await loginFailureRepository.loginFailureTimes(t.db, { ...key, since: minutes(2) })).map((d) => d.getTime()),
    ).toEqual([minutes(3).getTime(), minutes(4).getTime()]);
    expect(
      await loginFailureRepository.countLoginFailuresFromAddress(t.db, { ip: "192.0.2.9", since: minutes(-15) }),
    ).toBe(6);
    expect(await loginFailureRepository.pruneLoginFailures(t.db, minutes(1))).toBe(1);
    await loginFailureRepository.clearLoginFailures(t.db, key);
    expect(
      await loginFailureRepository.countLoginFailures(t.db, { ...key, since: minutes(-15) }),
    ).toBe(0);
    expect(
      await loginFailureRepository.countLoginFailures(t.db, {
        key: "other@example.gov.uk",
        since: minutes(-15),
      }),
    ).toBe(1);
  });
});
