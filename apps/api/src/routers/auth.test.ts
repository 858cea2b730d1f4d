import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TRPCError } from "@trpc/server";
import { openHarness, PASSWORD, type Harness } from "../../test/harness.js";
import { createContextInner, MemoryCookieJar } from "../context.js";
import { createCaller } from "../root.js";
import { createDeps } from "../deps.js";
import { principalFromSession } from "../auth/sessions.js";
import { WRONG_CREDENTIALS } from "../services/auth.js";

async function refusal(promise: Promise<unknown>): Promise<TRPCError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof TRPCError) return error;
    throw error;
  }
  throw new Error("expected the call to be refused");
}

describe("staff sign-in with a local account", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await openHarness({ config: { lockout: { maxFailures: 3, windowMinutes: 15, lockMinutes: 15 } } });
  });
  afterAll(() => h?.close());

  it("signs in with email and password, sets an HttpOnly session cookie and knows who you are", async () => {
    const cookies = new MemoryCookieJar();
    const anonymous = h.asPrincipal(null, cookies);
    const me = await anonymous.auth.login({ email: "DCRO@example.gov.uk", password: PASSWORD });
    expect(me.email).toBe("dcro@example.gov.uk");
    expect(me.roles).toEqual([expect.objectContaining({ role: "dcro", scope: "Corporate Services" })]);
    const token = cookies.get("cm_session");
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const principal = await principalFromSession(h.deps, token!);
    expect(principal?.id).toBe(h.staffIds.get("dcro"));
    // The database keeps only the hash of the token.
    const stored = await h.db.db.selectFrom("sessions").select("id").where("staff_id", "=", principal!.id).execute();
    expect(stored.map((s) => s.id)).not.toContain(token);
  });

  it("gives the same answer for an unknown email and a wrong password", async () => {
    const anonymous = await h.as(null);
    const unknown = await refusal(anonymous.auth.login({ email: "nobody@example.gov.uk", password: PASSWORD }));
    const wrong = await refusal(anonymous.auth.login({ email: "legal@example.gov.uk", password: "not the password" }));
    expect(unknown.code).toBe("UNAUTHORIZED");
    expect(wrong.code).toBe("UNAUTHORIZED");
    expect(unknown.message).toBe(WRONG_CREDENTIALS);
    expect(wrong.message).toBe(WRONG_CREDENTIALS);
  });

  it("locks an account after repeated failures, even against the right password, until the lock ends", async () => {
    const anonymous = await h.as(null);
    for (let i = 0; i < 2; i++) {
      expect((await refusal(anonymous.auth.login({ email: "auditor@example.gov.uk", password: "guess" }))).code).toBe("UNAUTHORIZED");
    }
    const third = await refusal(anonymous.auth.login({ email: "auditor@example.gov.uk", password: "guess" }));
    expect(third.code).toBe("TOO_MANY_REQUESTS");
    const locked = await refusal(anonymous.auth.login({ email: "auditor@example.gov.uk", password: PASSWORD }));
    expect(locked.code).toBe("TOO_MANY_REQUESTS");
    expect(locked.message).toMatch(/Too many failed sign-in attempts/);

    h.clock.advance(16 * 60_000);
    const me = await anonymous.auth.login({ email: "auditor@example.gov.uk", password: PASSWORD });
    expect(me.roles[0]?.role).toBe("auditor");
  });

  it("locks unknown emails too, so the lock does not reveal which accounts exist", async () => {
    const anonymous = await h.as(null);
    for (let i = 0; i < 3; i++) await refusal(anonymous.auth.login({ email: "ghost@example.gov.uk", password: "guess" }));
    expect((await refusal(anonymous.auth.login({ email: "ghost@example.gov.uk", password: "guess" }))).code).toBe("TOO_MANY_REQUESTS");
  });

  it("signs out: the session no longer works", async () => {
    const cookies = new MemoryCookieJar();
    await h.asPrincipal(null, cookies).auth.login({ email: "legal@example.gov.uk", password: PASSWORD });
    const token = cookies.get("cm_session")!;
    const principal = await principalFromSession(h.deps, token);
    await h.asPrincipal(principal, cookies).auth.logout();
    expect(cookies.get("cm_session")).toBeUndefined();
    expect(await principalFromSession(h.deps, token)).toBeNull();
  });

  it("ends sessions that have been idle too long", async () => {
    const cookies = new MemoryCookieJar();
    await h.asPrincipal(null, cookies).auth.login({ email: "director@example.gov.uk", password: PASSWORD });
    const token = cookies.get("cm_session")!;
    h.clock.advance((h.deps.config.sessionIdleMinutes - 1) * 60_000);
    expect(await principalFromSession(h.deps, token)).not.toBeNull();
    h.clock.advance(h.deps.config.sessionIdleMinutes * 60_000 + 1000);
    expect(await principalFromSession(h.deps, token)).toBeNull();
  });

  it("changing the password ends every session and the new password works", async () => {
    const cookies = new MemoryCookieJar();
    await h.asPrincipal(null, cookies).auth.login({ email: "head-of-service@example.gov.uk", password: PASSWORD });
    const token = cookies.get("cm_session")!;
    const principal = await principalFromSession(h.deps, token);
    const caller = h.asPrincipal(principal, cookies);
    expect((await refusal(caller.auth.changePassword({ current: PASSWORD, next: "short" }))).code).toBe("BAD_REQUEST");
    await caller.auth.changePassword({ current: PASSWORD, next: "three random words here" });
    expect(await principalFromSession(h.deps, token)).toBeNull();
    await h.asPrincipal(null).auth.login({ email: "head-of-service@example.gov.uk", password: "three random words here" });
  });

  it("refuses signed-in procedures to anonymous callers", async () => {
    const error = await refusal((await h.as(null)).auth.me());
    expect(error.code).toBe("UNAUTHORIZED");
  });

  it("stores argon2id hashes", async () => {
    const row = await h.db.db.selectFrom("staff").select("password_hash").where("email", "=", "dcro@example.gov.uk").executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });
});

describe("sign-in limits shared through the database (issue 20, finding 5)", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await openHarness({ config: { lockout: { maxFailures: 3, windowMinutes: 15, lockMinutes: 15 }, loginAttemptsPerIp: 5 } });
  });
  afterAll(() => h?.close());

  /** Another API process on the same database: its own deps, nothing shared in memory. */
  const otherProcess = () => createDeps({ database: h.db, clock: h.clock, config: h.deps.config, log: h.log, plugins: [] });
  const from = (ip: string, deps = h.deps) => createCaller(createContextInner({ deps, principal: null, request: { ip, userAgent: null } }));

  it("counts naming a council, or not, against the same account", async () => {
    const a = from("198.51.100.1");
    expect((await refusal(a.auth.login({ email: "legal@example.gov.uk", password: "guess one" }))).code).toBe("UNAUTHORIZED");
    expect((await refusal(a.auth.login({ email: "legal@example.gov.uk", password: "guess two", council: "exampleton" }))).code).toBe("UNAUTHORIZED");
    const third = await refusal(a.auth.login({ email: "LEGAL@example.gov.uk", password: "guess three", council: "exampleton" }));
    expect(third.code).toBe("TOO_MANY_REQUESTS");
    expect((await refusal(from("198.51.100.2").auth.login({ email: "legal@example.gov.uk", password: PASSWORD }))).code).toBe("TOO_MANY_REQUESTS");
    h.clock.advance(16 * 60_000);
  });

  it("locks an account across API processes: failures in one count in the other", async () => {
    const one = from("198.51.100.3");
    const two = from("198.51.100.4", otherProcess());
    await refusal(one.auth.login({ email: "director@example.gov.uk", password: "guess" }));
    await refusal(two.auth.login({ email: "director@example.gov.uk", password: "guess" }));
    expect((await refusal(one.auth.login({ email: "director@example.gov.uk", password: "guess" }))).code).toBe("TOO_MANY_REQUESTS");
    expect((await refusal(two.auth.login({ email: "director@example.gov.uk", password: PASSWORD }))).code).toBe("TOO_MANY_REQUESTS");
    h.clock.advance(16 * 60_000);
    await two.auth.login({ email: "director@example.gov.uk", password: PASSWORD });
  });

  it("limits failed attempts per client address across accounts and processes, not other addresses", async () => {
    const one = from("203.0.113.7");
    const two = from("203.0.113.7", otherProcess());
    for (let i = 0; i < 5; i++) {
      const caller = i % 2 === 0 ? one : two;
      expect((await refusal(caller.auth.login({ email: `someone${i}@example.gov.uk`, password: "guess" }))).code).toBe("UNAUTHORIZED");
    }
    const limited = await refusal(two.auth.login({ email: "dcro@example.gov.uk", password: PASSWORD }));
    expect(limited.code).toBe("TOO_MANY_REQUESTS");
    expect(limited.message).toMatch(/from this network/);
    // Another address is not affected, and successes are not counted against it.
    for (let i = 0; i < 6; i++) await from("203.0.113.8").auth.login({ email: "dcro@example.gov.uk", password: PASSWORD });
    h.clock.advance(16 * 60_000);
    await one.auth.login({ email: "dcro@example.gov.uk", password: PASSWORD });
  });
});
