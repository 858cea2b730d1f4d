/**
 * Single sign-on end to end: a real OpenID Connect provider (oidc-provider) runs in the test,
 * the API talks to it with openid-client, and a scripted browser follows every redirect.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import Provider from "oidc-provider";
import { openHarness, type Harness } from "../../test/harness.js";
import { createApp } from "../server.js";
import { OidcLogin } from "./oidc.js";
import { adminLog } from "@complaints/db";
import { defaultProfile } from "@complaints/core";
import { installCouncil } from "../seed/council.js";
import { refusal } from "../../test/refusal.js";

/** A browser: one cookie jar per host, redirects followed by hand. */
class Browser {
  private readonly jars = new Map<string, Map<string, string>>();
  async get(url: string, init: RequestInit = {}): Promise<Response> {
    const u = new URL(url);
    const jar = this.jars.get(u.host) ?? new Map<string, string>();
    this.jars.set(u.host, jar);
    const headers = new Headers(init.headers);
    const cookie = [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
    if (cookie) headers.set("cookie", cookie);
    const res = await fetch(url, { ...init, headers, redirect: "manual" });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const eq = pair!.indexOf("=");
      const name = pair!.slice(0, eq);
      const value = pair!.slice(eq + 1);
      if (!value || /expires=thu, 01 jan 1970/i.test(line) || /max-age=0/i.test(line)) jar.delete(name);
      else jar.set(name, value);
    }
    return res;
  }
  /** Follows redirects until a page (non-3xx) or a URL on `stopAt`'s host and path. */
  async follow(url: string, stopAt?: string): Promise<{ url: string; res: Response }> {
    let current = url;
    for (let i = 0; i < 20; i++) {
      if (stopAt && current.startsWith(stopAt)) return { url: current, res: await this.get(current) };
      const res = await this.get(current);
      const location = res.headers.get("location");
      if (res.status < 300 || res.status >= 400 || !location) return { url: current, res };
      current = new URL(location, current).href;
    }
    throw new Error("too many redirects");
  }
  async submit(pageUrl: string, html: string, fields: Record<string, string>): Promise<string> {
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    if (!action) throw new Error(`no form on ${pageUrl}`);
    const res = await this.get(new URL(action.replace(/&amp;/g, "&"), pageUrl).href, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(fields).toString(),
    });
    return new URL(res.headers.get("location")!, pageUrl).href;
  }
}

describe("single sign-on with OpenID Connect (Entra ID style)", () => {
  let h: Harness;
  let api: Server;
  let idp: Server;
  let apiBase: string;
  let issuer: string;
  const accounts: Record<string, { email: string; name: string; verified: boolean; groups?: string[] }> = {
    "entra-officer": { email: "Investigating-Officer@example.gov.uk", name: "Ivy Officer", verified: true },
    "entra-stranger": { email: "stranger@elsewhere.example", name: "Stranger", verified: true },
    // Someone who typed a staff member's address at the provider without proving it is theirs.
    "entra-impostor": { email: "legal@example.gov.uk", name: "Not Legal", verified: false },
  };

  beforeAll(async () => {
    h = await openHarness();
    api = createApp(h.deps).listen(0, "127.0.0.1");
    await new Promise((r) => api.once("listening", r));
    apiBase = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
    h.deps.config.publicUrl = apiBase;

    idp = createServer();
    await new Promise<void>((r) => idp.listen(0, "127.0.0.1", () => r()));
    issuer = `http://127.0.0.1:${(idp.address() as AddressInfo).port}`;
    const provider = new Provider(issuer, {
      clients: [
        {
          client_id: "complaints-platform",
          client_secret: "a-test-client-secret-of-some-length",
          redirect_uris: [`${apiBase}/auth/oidc/callback`],
          grant_types: ["authorization_code"],
          response_types: ["code"],
        },
      ],
      // Entra ID sends the groups claim without asking for a scope: here it comes with "profile".
      claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name", "groups"] },
      findAccount: async (_ctx, sub) =>
        accounts[sub]
          ? {
              accountId: sub,
              claims: async () => ({ sub, email: accounts[sub]!.email, email_verified: accounts[sub]!.verified, name: accounts[sub]!.name, ...(accounts[sub]!.groups ? { groups: accounts[sub]!.groups } : {}) }),
            }
          : undefined,
      cookies: { keys: ["test-cookie-key"] },
      features: { devInteractions: { enabled: true } },
    });
    idp.on("request", provider.callback());

    h.deps.oidc = await OidcLogin.discover(
      { issuer, clientId: "complaints-platform", clientSecret: "a-test-client-secret-of-some-length", label: "Sign in with Microsoft", emailClaim: "email", groupsClaim: "groups" },
      `${apiBase}/auth/oidc/callback`,
      { allowHttp: true },
    );
  });
  afterAll(async () => {
    await new Promise((r) => api?.close(r));
    await new Promise((r) => idp?.close(r));
    await h?.close();
  });

  async function signIn(browser: Browser, accountId: string, returnTo = "/queues") {
    const start = await browser.follow(`${apiBase}/auth/oidc/start?returnTo=${encodeURIComponent(returnTo)}`);
    expect(start.url.startsWith(`${issuer}/interaction/`)).toBe(true);
    const loginPage = await start.res.text();
    const afterLogin = await browser.submit(start.url, loginPage, { prompt: "login", login: accountId, password: "anything" });
    let page = await browser.follow(afterLogin, `${apiBase}/auth/oidc/callback`);
    if (page.url.startsWith(`${issuer}/interaction/`)) {
      const afterConsent = await browser.submit(page.url, await page.res.text(), { prompt: "consent" });
      page = await browser.follow(afterConsent, `${apiBase}/auth/oidc/callback`);
    }
    expect(page.url.startsWith(`${apiBase}/auth/oidc/callback?`)).toBe(true);
    return page.res;
  }

  it("signs a staff member in through the provider and links the account to their identity", async () => {
    const browser = new Browser();
    const callback = await signIn(browser, "entra-officer");
    expect(callback.status).toBe(303);
    expect(callback.headers.get("location")).toBe("/queues");
    const me = await browser.get(`${apiBase}/trpc/auth.me`);
    expect(me.status).toBe(200);
    const body = (await me.json()) as { result: { data: { email: string; roles: Array<{ role: string }> } } };
    expect(body.result.data.email).toBe("investigating-officer@example.gov.uk");
    expect(body.result.data.roles.map((r) => r.role)).toEqual(["investigating-officer"]);

    const linked = await h.db.db.selectFrom("staff").select(["oidc_issuer", "oidc_subject"]).where("email", "=", "investigating-officer@example.gov.uk").executeTakeFirstOrThrow();
    expect(linked).toEqual({ oidc_issuer: issuer, oidc_subject: "entra-officer" });
  });

  it("knows the linked staff member by subject next time, even if their email changed at the provider", async () => {
    accounts["entra-officer"]!.email = "ivy.officer@renamed.example";
    try {
      const browser = new Browser();
      await signIn(browser, "entra-officer");
      const me = (await (await browser.get(`${apiBase}/trpc/auth.me`)).json()) as { result: { data: { email: string } } };
      expect(me.result.data.email).toBe("investigating-officer@example.gov.uk");
    } finally {
      accounts["entra-officer"]!.email = "Investigating-Officer@example.gov.uk";
    }
  });

  it("refuses someone with no staff account: the provider vouching for them is not enough", async () => {
    const browser = new Browser();
    const callback = await signIn(browser, "entra-stranger");
    expect(callback.status).toBe(401);
    expect(((await callback.json()) as { error: { message: string } }).error.message).toMatch(/no staff account for stranger@elsewhere.example/);
    expect((await browser.get(`${apiBase}/trpc/auth.me`)).status).toBe(401);
  });

  it("does not link an account by an email the provider has not verified (issue 20)", async () => {
    const browser = new Browser();
    const callback = await signIn(browser, "entra-impostor");
    expect(callback.status).toBe(401);
    expect(((await callback.json()) as { error: { message: string } }).error.message).toMatch(/has not confirmed that legal@example.gov.uk is your address/);
    expect((await browser.get(`${apiBase}/trpc/auth.me`)).status).toBe(401);
    const legal = await h.db.db.selectFrom("staff").select(["oidc_issuer", "oidc_subject"]).where("email", "=", "legal@example.gov.uk").executeTakeFirstOrThrow();
    expect(legal).toEqual({ oidc_issuer: null, oidc_subject: null });
  });

  it("refuses a callback that was not started in this browser (state and PKCE)", async () => {
    const attacker = new Browser();
    const start = await attacker.follow(`${apiBase}/auth/oidc/start`);
    const afterLogin = await attacker.submit(start.url, await start.res.text(), { prompt: "login", login: "entra-officer", password: "x" });
    let page = await attacker.follow(afterLogin, `${apiBase}/auth/oidc/callback`);
    if (page.url.startsWith(`${issuer}/interaction/`)) {
      page = await attacker.follow(await attacker.submit(page.url, await page.res.text(), { prompt: "consent" }), `${apiBase}/auth/oidc/callback`);
    }
    // The victim's browser opens the attacker's callback link: it has no matching sign-in in progress.
    const victim = new Browser();
    const res = await victim.get(page.url);
    expect(res.status).toBe(400);
    expect((await victim.get(`${apiBase}/trpc/auth.me`)).status).toBe(401);
  });

  it("offers single sign-on on the sign-in page", async () => {
    const methods = await (await h.as(null)).auth.methods();
    expect(methods.sso).toEqual({ label: "Sign in with Microsoft", startUrl: "/auth/oidc/start" });
  });
  describe("groups mapped to roles (issue 14, decision 0317)", () => {
    const GROUP_IO = "sg-complaints-environment-officers";
    const GROUP_LEGAL = "sg-legal";
    const GROUP_ADMIN = "sg-complaints-admins";
    const me = async (browser: Browser) =>
      ((await (await browser.get(`${apiBase}/trpc/auth.me`)).json()) as { result: { data: { email: string; name: string; roles: Array<{ role: string; scope: string }> } } }).result.data;
    const staffRow = (email: string) => h.db.db.selectFrom("staff").selectAll().where("email", "=", email).executeTakeFirst();
    const grantsOf = async (email: string) =>
      (await h.db.db.selectFrom("staff_roles as r").innerJoin("staff as s", "s.id", "r.staff_id").leftJoin("directorates as d", "d.id", "r.directorate_id").select(["r.role", "d.code"]).where("s.email", "=", email).orderBy("r.role").execute()).map(
        (g) => `${g.role}${g.code ? `@${g.code}` : ""}`,
      );
    const ssoEvents = async () => (await adminLog.list(h.db.db, h.council.councilId)).filter((e) => (e.payload as { source?: string }).source === "single-sign-on");

    beforeAll(async () => {
      accounts["entra-newcomer"] = { email: "Nadia.Newcomer@example.gov.uk", name: "Nadia Newcomer", verified: true, groups: [GROUP_IO, "sg-all-staff"] };
      accounts["entra-unmapped"] = { email: "uma.unmapped@example.gov.uk", name: "Uma Unmapped", verified: true, groups: ["sg-all-staff"] };
      accounts["entra-mover"] = { email: "legal@example.gov.uk", name: "legal person", verified: true, groups: [GROUP_IO] };
      accounts["entra-admin"] = { email: "administrator@example.gov.uk", name: "administrator person", verified: true, groups: [GROUP_ADMIN, GROUP_IO] };
      const admin = await h.as("administrator");
      await admin.admin.singleSignOn.set({
        groupRoles: [
          { group: GROUP_IO, role: "investigating-officer", directorate: "environment" },
          { group: GROUP_LEGAL, role: "legal", directorate: null },
          { group: GROUP_ADMIN, role: "administrator", directorate: null },
        ],
        contact: "the ICT service desk (ict@example.gov.uk)",
        reason: "Staff sign in with their council accounts",
      });
    });

    it("creates the account at the first sign-in of someone in a mapped group, with the group's role, audited", async () => {
      expect(await staffRow("Nadia.Newcomer@example.gov.uk")).toBeUndefined();
      const browser = new Browser();
      const callback = await signIn(browser, "entra-newcomer");
      expect(callback.status).toBe(303);
      const who = await me(browser);
      expect(who).toMatchObject({ email: "Nadia.Newcomer@example.gov.uk", name: "Nadia Newcomer" });
      expect(who.roles).toEqual([expect.objectContaining({ role: "investigating-officer", scope: "Environment" })]);
      expect(await staffRow("Nadia.Newcomer@example.gov.uk")).toMatchObject({ password_hash: null, oidc_issuer: issuer, oidc_subject: "entra-newcomer" });
      const created = (await ssoEvents()).find((e) => e.type === "staff-created");
      expect(created?.actor).toEqual({ type: "system", id: null });
      expect(created?.payload).toMatchObject({ email: "Nadia.Newcomer@example.gov.uk", withPassword: false, groups: [GROUP_IO] });
    });

    it("keeps the mapped roles in step at each sign-in: a group joined gives its role, a group left takes it away", async () => {
      accounts["entra-newcomer"]!.groups = [GROUP_LEGAL];
      try {
        await signIn(new Browser(), "entra-newcomer");
        expect(await grantsOf("Nadia.Newcomer@example.gov.uk")).toEqual(["legal"]);
        const changed = (await ssoEvents()).find((e) => e.type === "roles-changed");
        expect(changed?.payload).toMatchObject({ added: [{ role: "legal", directorateId: null }], removed: [{ role: "investigating-officer" }] });
        // The same groups again: nothing changes, nothing is logged.
        const before = (await ssoEvents()).length;
        await signIn(new Browser(), "entra-newcomer");
        expect((await ssoEvents()).length).toBe(before);
      } finally {
        accounts["entra-newcomer"]!.groups = [GROUP_IO, "sg-all-staff"];
      }
    });

    it("leaves alone the roles an administrator gave that no group can give", async () => {
      // legal@ holds Legal services from an administrator; the mapping can also give Legal (sg-legal), and they are not in it.
      const admin = await h.as("administrator");
      const legalId = h.staffIds.get("legal")!;
      await admin.admin.staff.setRoles({ staffId: legalId, roles: [{ role: "auditor", directorateId: null }, { role: "legal", directorateId: null }] });
      await signIn(new Browser(), "entra-mover");
      // Auditor: no group gives it, so it stays; Legal: sg-legal gives it and they are not in it; Investigating officer (Environment) from their group.
      expect(await grantsOf("legal@example.gov.uk")).toEqual(["auditor", "investigating-officer@environment"]);
    });

    it("refuses someone in no mapped group, naming whom to ask, and makes no account", async () => {
      const browser = new Browser();
      const callback = await signIn(browser, "entra-unmapped");
      expect(callback.status).toBe(401);
      expect(((await callback.json()) as { error: { message: string } }).error.message).toBe(
        "There is no staff account for uma.unmapped@example.gov.uk, and none of your groups gives a role in the complaints system; ask the ICT service desk (ict@example.gov.uk) to give you access",
      );
      expect(await staffRow("uma.unmapped@example.gov.uk")).toBeUndefined();
      expect((await browser.get(`${apiBase}/trpc/auth.me`)).status).toBe(401);
    });

    it("refuses someone whose last mapped group is gone, once the roles it gave are taken away", async () => {
      accounts["entra-newcomer"]!.groups = ["sg-all-staff"];
      try {
        const callback = await signIn(new Browser(), "entra-newcomer");
        expect(callback.status).toBe(401);
        expect(((await callback.json()) as { error: { message: string } }).error.message).toMatch(/None of your groups gives you a role in the complaints system of .*; ask the ICT service desk/);
        expect(await grantsOf("Nadia.Newcomer@example.gov.uk")).toEqual([]);
      } finally {
        accounts["entra-newcomer"]!.groups = [GROUP_IO, "sg-all-staff"];
      }
    });

    it("an administrator's group does not give them a role that reads cases: another administrator approves it (decision 0307)", async () => {
      const browser = new Browser();
      await signIn(browser, "entra-admin");
      expect(await grantsOf("administrator@example.gov.uk")).toEqual(["administrator"]);
      const waiting = await (await h.as("administrator")).admin.roleRequests.list();
      expect(waiting).toEqual([expect.objectContaining({ staffId: h.staffIds.get("administrator"), mine: true, roles: expect.arrayContaining([{ role: "investigating-officer", directorateId: h.council.ids.directorates.get("environment") }]) })]);
      // Signing in again asks nothing new.
      await signIn(new Browser(), "entra-admin");
      expect(await (await h.as("administrator")).admin.roleRequests.list()).toHaveLength(1);
    });

    it("with two councils on the server, makes the account in the council whose mapping gives the role, and refuses when both do", async () => {
      await installCouncil(
        h.db.db,
        { slug: "otherton", profile: { ...defaultProfile, id: "otherton", name: "Otherton District Council", referencePrefix: "OTH", singleSignOn: { groupRoles: [{ group: "sg-otherton-legal", role: "legal" }] } } },
        [],
        h.clock.now(),
      );
      accounts["entra-otherton"] = { email: "olu.other@otherton.gov.uk", name: "Olu Other", verified: true, groups: ["sg-otherton-legal"] };
      accounts["entra-both"] = { email: "bea.both@example.gov.uk", name: "Bea Both", verified: true, groups: ["sg-otherton-legal", GROUP_LEGAL] };
      await signIn(new Browser(), "entra-otherton");
      const olu = await staffRow("olu.other@otherton.gov.uk");
      const otherton = await h.db.db.selectFrom("councils").select("id").where("slug", "=", "otherton").executeTakeFirstOrThrow();
      expect(olu?.council_id).toBe(otherton.id);
      expect(await grantsOf("olu.other@otherton.gov.uk")).toEqual(["legal"]);

      const both = await signIn(new Browser(), "entra-both");
      expect(both.status).toBe(401);
      expect(((await both.json()) as { error: { message: string } }).error.message).toMatch(/^Your groups give you roles in more than one council here \(.*Otherton District Council.*\)/);
      expect(await staffRow("bea.both@example.gov.uk")).toBeUndefined();
    });

    it("refuses a mapping that gives a directorate role council-wide, or names a directorate the council does not have", async () => {
      const admin = await h.as("administrator");
      const wide = await refusal(admin.admin.singleSignOn.set({ groupRoles: [{ group: "g", role: "investigating-officer", directorate: null }], contact: null, reason: "Try" }));
      expect(wide.client.message).toMatch(/singleSignOn\.groupRoles\.0\.directorate: Investigating officer is granted within a directorate/);
      const unknown = await refusal(admin.admin.singleSignOn.set({ groupRoles: [{ group: "g", role: "investigating-officer", directorate: "finance" }], contact: null, reason: "Try" }));
      expect(unknown.client.message).toMatch(/singleSignOn\.groupRoles\.0\.directorate: there is no directorate "finance" in this profile/);
      expect((await admin.admin.singleSignOn.get()).groupRoles).toHaveLength(3);
    });
  });
});
