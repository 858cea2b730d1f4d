/**
 * Issue 20, "Passwords: 12 characters is the only rule (`aaaaaaaaaaaa` passes). Check against a
 * list of common and breached passwords, and force a change of temporary passwords", against
 * the running API (apps/api `start.js`) on PostgreSQL: weak passwords are refused wherever a
 * password is set, and a password an administrator set leaves its holder able to do nothing —
 * no procedure, no download — but change it, read their session and sign out.
 */
import { ApiClient, type Child, type Reply } from "@complaints/bench";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PASSWORD, query, procedures, signIn, startWorld, type Council } from "./setup/world.js";

const TEMPORARY = "violet harbour lantern";
const OWN = "marble orchard quietly sings";

let url: string;
let council: Council;
let api: Child;

beforeAll(async () => ({ url, council, api } = await startWorld("passwords", { cases: 50 })));
afterAll(() => api?.stop());

type ErrorBody = { error?: { message?: string; data?: { refusal?: { code?: string } | null } } };
const refusalCode = (reply: Reply) => (reply.body as ErrorBody).error?.data?.refusal?.code ?? null;
const message = (reply: Reply) => (reply.body as ErrorBody).error?.message ?? "";
const call = (client: ApiClient, name: string, type: "query" | "mutation") => (type === "query" ? client.queryReply(name) : client.mutationReply(name));

describe("the password rule (issue 20)", () => {
  it("refuses a weak password when an administrator creates an account or resets one, and in one's own change", async () => {
    const admin = await signIn(api.url, council.email("administrator"));
    const created = await admin.mutationReply("admin.staff.create", { email: "weak.password@example.org", name: "Weak Password", password: "aaaaaaaaaaaa", roles: [{ role: "auditor", directorateId: null }] });
    expect(created.status).toBe(400);
    expect(message(created)).toMatch(/^Choose a password that is harder to guess\. Repeated characters like "aaa" are easy to guess\./);
    expect(await query(url, "SELECT id FROM staff WHERE email = $1", ["weak.password@example.org"])).toEqual([]);

    const reset = await admin.mutationReply("admin.staff.resetPassword", { staffId: council.id("legal"), password: "password1234" });
    expect(reset.status).toBe(400);
    expect(message(reset)).toMatch(/commonly used password/);

    const auditor = await signIn(api.url, council.email("auditor"));
    const own = await auditor.mutationReply("auth.changePassword", { current: PASSWORD, next: "123456789012" });
    expect(own.status).toBe(400);
    expect(message(own)).toMatch(/^Choose a password that is harder to guess\. This is a commonly used password\./);
  });
});

describe("temporary passwords (issue 20)", () => {
  it("lets a session with an administrator's password do nothing but change it, then everything works again", async () => {
    const email = council.email("dcro", "customer-services");
    const admin = await signIn(api.url, council.email("administrator"));
    expect((await admin.mutationReply("admin.staff.resetPassword", { staffId: council.id("dcro", "customer-services"), password: TEMPORARY })).status).toBe(200);
    expect(await query(url, "SELECT password_must_change FROM staff WHERE email = $1", [email])).toEqual([{ password_must_change: true }]);

    const temporary = new ApiClient(api.url);
    const login = await temporary.login(email, TEMPORARY);
    expect((login.body as { result: { data: { passwordMustChange: boolean } } }).result.data.passwordMustChange).toBe(true);

    // Every procedure a signed-in member of staff reaches (anyone else is told to sign in).
    const anonymous = await new ApiClient(api.url).start();
    const answers = new Map<string, string>();
    for (const [name, type] of procedures()) {
      // Signing out is allowed (below); doing it here would end the session under the test.
      if (name === "auth.logout" || (await call(anonymous, name, type)).status !== 401) continue;
      const reply = await call(temporary, name, type);
      answers.set(name, reply.status === 403 ? (refusalCode(reply) ?? "403") : String(reply.status));
    }
    const notRefused = [...answers].filter(([name, answer]) => answer !== "PASSWORD_CHANGE_REQUIRED" && !name.startsWith("integration."));
    expect(notRefused.map(([name]) => name).sort()).toEqual(["auth.changePassword", "auth.me"]);
    expect(answers.size).toBeGreaterThan(50);

    // Downloads outside tRPC too.
    const csv = await temporary.send("/reports/lessons.csv?from=2026-01-01&to=2026-03-31");
    expect(csv.status).toBe(403);
    expect(csv.text).toMatch(/PASSWORD_CHANGE_REQUIRED/);

    const me = await temporary.queryReply("auth.me");
    expect(me.status).toBe(200);
    const another = new ApiClient(api.url);
    await another.login(email, TEMPORARY);
    expect((await another.mutationReply("auth.logout")).status).toBe(200);
    expect((await another.queryReply("auth.me")).status).toBe(401);
    expect((await temporary.mutationReply("auth.changePassword", { current: TEMPORARY, next: "qwertyuiop12" })).status).toBe(400);
    expect((await temporary.mutationReply("auth.changePassword", { current: TEMPORARY, next: OWN })).status).toBe(200);
    expect(await query(url, "SELECT password_must_change FROM staff WHERE email = $1", [email])).toEqual([{ password_must_change: false }]);

    const own = new ApiClient(api.url);
    await own.login(email, OWN);
    expect((await own.queryReply("queues.mine")).status).toBe(200);
    expect((await own.send("/reports/lessons.csv?from=2026-01-01&to=2026-03-31")).status).not.toBe(403);
  });
});
