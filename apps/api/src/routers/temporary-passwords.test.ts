/**
 * Issue 20: "12 characters is the only rule; force a change of temporary passwords". A
 * password an administrator sets for someone else (a new account, a reset) is temporary: the
 * person signs in with it and may then do nothing but choose their own (auth.changePassword),
 * read who they are and sign out. Every password set through the API passes the rule.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openHarness, PASSWORD, type Harness } from "../../test/harness.js";
import { refusal } from "../../test/refusal.js";
import { MemoryCookieJar } from "../context.js";
import { principalFromSession } from "../auth/sessions.js";
import { appRouter } from "../root.js";
import type { Principal } from "../access/principal.js";

const TEMPORARY = "violet harbour lantern";
const OWN = "marble orchard quietly sings";

describe("temporary passwords and the password rule (issue 20)", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await openHarness();
  });
  afterAll(() => h?.close());

  /** Signs in with a password; returns the caller of the session and what sign-in said. */
  async function signIn(email: string, password: string) {
    const cookies = new MemoryCookieJar();
    const me = await h.asPrincipal(null, cookies).auth.login({ email, password });
    const principal = await principalFromSession(h.deps, cookies.get("cm_session")!);
    return { me, principal: principal!, caller: h.asPrincipal(principal, cookies) };
  }

  /** Calls a procedure by its path with no input: the access check comes before the input's. */
  async function call(principal: Principal | null, path: string): Promise<string | null> {
    const caller = h.asPrincipal(principal) as unknown as Record<string, unknown>;
    const procedure = path.split(".").reduce<unknown>((at, key) => (at as Record<string, unknown>)[key], caller) as (input?: unknown) => Promise<unknown>;
    try {
      await procedure(undefined);
      return null;
    } catch (error) {
      const e = await refusal(Promise.reject(error));
      return e.client.refusal?.code ?? e.code;
    }
  }

  it("after an administrator's reset, the session may only change the password, read itself and sign out — then everything works", async () => {
    const admin = await h.as("administrator");
    await admin.admin.staff.resetPassword({ staffId: h.staffIds.get("complaints-manager")!, password: TEMPORARY });

    const { me, principal, caller } = await signIn("complaints-manager@example.gov.uk", TEMPORARY);
    expect(me.passwordMustChange).toBe(true);
    expect((await caller.auth.me()).passwordMustChange).toBe(true);
    const refused = await refusal(caller.queues.central({ limit: 5, offset: 0 }));
    expect(refused.code).toBe("FORBIDDEN");
    expect(refused.client.refusal).toMatchObject({ code: "PASSWORD_CHANGE_REQUIRED", reason: "password-change-required" });
    expect(refused.client.message).toBe("Your password was set by an administrator: choose a new password before you do anything else");

    // Every procedure a signed-in member of staff can reach, not only the ones named here.
    const signedIn: string[] = [];
    for (const path of Object.keys(appRouter._def.procedures)) {
      if ((await call(null, path)) === "NOT_SIGNED_IN" && (await call(await h.principal("complaints-manager"), path)) !== "NOT_SIGNED_IN") signedIn.push(path);
    }
    expect(signedIn.length).toBeGreaterThan(50);
    const allowed: string[] = [];
    for (const path of signedIn) if ((await call(principal, path)) !== "PASSWORD_CHANGE_REQUIRED") allowed.push(path);
    expect(allowed.sort()).toEqual(["auth.changePassword", "auth.logout", "auth.me"]);

    // Changing needs the temporary password, a different one, and one that passes the rule.
    expect((await refusal(caller.auth.changePassword({ current: "not the one", next: OWN }))).client.message).toBe("The current password is not right");
    expect((await refusal(caller.auth.changePassword({ current: TEMPORARY, next: TEMPORARY }))).client.message).toBe("Choose a new password that is different from the current one");
    expect((await refusal(caller.auth.changePassword({ current: TEMPORARY, next: "password1234" }))).client.message).toMatch(/^Choose a password that is harder to guess\. This is similar to a commonly used password\./);
    await caller.auth.changePassword({ current: TEMPORARY, next: OWN });

    const after = await signIn("complaints-manager@example.gov.uk", OWN);
    expect(after.me.passwordMustChange).toBe(false);
    expect((await after.caller.queues.central({ limit: 5, offset: 0 })).items).toBeDefined();
  });

  it("makes the first password of a new account temporary, and an account for single sign-on only is not marked", async () => {
    const admin = await h.as("administrator");
    const withPassword = await admin.admin.staff.create({ email: "new.starter@example.gov.uk", name: "New Starter", password: TEMPORARY, roles: [{ role: "auditor", directorateId: null }] });
    const ssoOnly = await admin.admin.staff.create({ email: "sso.only@example.gov.uk", name: "Sso Only", roles: [{ role: "auditor", directorateId: null }] });
    const flags = await h.db.db.selectFrom("staff").select(["id", "password_must_change"]).where("id", "in", [withPassword.id, ssoOnly.id]).execute();
    expect(Object.fromEntries(flags.map((f) => [f.id, f.password_must_change]))).toEqual({ [withPassword.id]: true, [ssoOnly.id]: false });
    const { caller } = await signIn("new.starter@example.gov.uk", TEMPORARY);
    expect((await refusal(caller.reports.options())).client.refusal?.code).toBe("PASSWORD_CHANGE_REQUIRED");
  });

  it("refuses weak passwords however they are set: creating an account, a reset and one's own change", async () => {
    const admin = await h.as("administrator");
    const weak = "aaaaaaaaaaaa";
    const created = await refusal(admin.admin.staff.create({ email: "weak@example.gov.uk", name: "Weak Password", password: weak, roles: [{ role: "auditor", directorateId: null }] }));
    expect(created.code).toBe("BAD_REQUEST");
    expect(created.client.message).toMatch(/^Choose a password that is harder to guess\. Repeated characters like "aaa" are easy to guess\./);
    expect(await h.db.db.selectFrom("staff").select("id").where("email", "=", "weak@example.gov.uk").executeTakeFirst()).toBeUndefined();

    const reset = await refusal(admin.admin.staff.resetPassword({ staffId: h.staffIds.get("legal")!, password: "qwertyuiop12" }));
    expect(reset.client.message).toMatch(/^Choose a password that is harder to guess\./);
    // Nothing changed: the old password still works, and is not marked temporary.
    expect((await signIn("legal@example.gov.uk", PASSWORD)).me.passwordMustChange).toBe(false);

    const { caller } = await signIn("auditor@example.gov.uk", PASSWORD);
    const own = await refusal(caller.auth.changePassword({ current: PASSWORD, next: "auditorauditor" }));
    expect(own.client.message).toMatch(/^Choose a password that is harder to guess\./);
  });
});
